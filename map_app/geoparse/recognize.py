"""Find place names in Arabic and English text: one Aho–Corasick pass.

The text is folded with the gazetteer's own normalisation into a "match text"
(one space between tokens, Latin articles unified, every character mapped back
to its offset in the input), so a name matches exactly when its key does.
Arabic proclitics (و ف ب ل ك and stacks) may precede a name inside its word,
and ل + ال written لل is recognised through article-less variants.
Whether a match is really a place is decided from cue words, how common the
name is as an ordinary word, and the gazetteer prominence of its candidates.
"""
from __future__ import annotations

import hashlib
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from gazetteer import Gazetteer
from gazetteer.place import FOCUS_COUNTRIES
from gazetteer.normalize import LATIN_ARTICLES, fold, name_key

from map_app.geoparse.document import Mention
from map_app.geoparse.lexicon import (
    NISBA_SHAPED,
    NOT_PLACE_AFTER,
    NOT_PLACE_BEFORE,
    ORGANISATION_HEADS_EN,
    LATIN_NAME_HEADS,
    ORGANISATIONS,
    POST_CUES,
    SHARED_CUES,
    STOPWORDS,
    STRONG_CUES,
    WEAK_CUES,
)
from map_app.geoparse.matchtext import MatchText

AUTOMATON_VERSION = 6

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")

#: Proclitic stacks allowed before a name inside its word (folded spelling).
_CLITICS = {"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"}
#: Before an article-less variant the article survives as the second ل of لل.
_LL_PREFIXES = {"لل", "ولل", "فلل"}

#: How common (Zipf) a word may be before it needs a cue to count as a place.
#: Above VERY_COMMON_ZIPF only a cue word will do (مدينة, دولة, Police);
#: between COMMON and VERY_COMMON a prominent place is enough (غزة, Mosul).
VERY_COMMON_ZIPF = 5.5
COMMON_ZIPF = 4.5
RARE_ZIPF = 3.0
UNKNOWN_POPULATION_MAX_ZIPF = 3.6
#: Candidates that make a bare name likely to be a place.
PROMINENT_KINDS = {"country", "admin1", "region", "water", "crossing", "facility"}
PROMINENT_POPULATION = 50_000


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    pids: tuple[int, ...]
    zipf: float
    article_dropped: bool
    organisation: bool = False


@lru_cache(maxsize=4096)
def _folds_away(ch: str) -> bool:
    """A letter or mark that folding drops (harakat, tatweel, a final hamza)."""
    return fold(ch) == "" and (ch.isalpha() or unicodedata.category(ch) == "Mn")


class Recognizer:
    """Finds gazetteer names in text; holds the automaton (built once, cached)."""

    def __init__(self, gazetteer: Gazetteer, cache_dir: Path | None = None):
        self.gazetteer = gazetteer
        cache = Path(cache_dir or gazetteer.index_dir) / "automaton.pkl"
        # The cache is valid for one index build and one list of organisation names.
        stamp = (AUTOMATON_VERSION, gazetteer.meta.get("built_at"), gazetteer.meta.get("places"),
                 hashlib.sha1("\n".join(ORGANISATIONS).encode("utf-8")).hexdigest())
        self.automaton = None
        if cache.exists():
            try:
                with open(cache, "rb") as handle:
                    saved_stamp, automaton = pickle.load(handle)
                if saved_stamp == stamp:
                    self.automaton = automaton
            except Exception:  # unreadable, or written by another version of this module: rebuild
                self.automaton = None
        self.word_zipf = gazetteer.arabic_word_frequencies()
        self._places: dict[int, object] = {}  # Place values are immutable: share them
        self._entry_places: dict[tuple[int, ...], list] = {}  # candidates per name, shared too
        if self.automaton is None:
            self.automaton = self._build()
            try:
                tmp = cache.with_suffix(".tmp")
                with open(tmp, "wb") as handle:
                    pickle.dump((stamp, self.automaton), handle, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(cache)
            except OSError:
                pass

    def _build(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for key, pids, zipf in self.gazetteer.surface_forms():
            automaton.add_word(key, _Entry(key, tuple(pids), zipf, False))
            if key.startswith("ال") and len(key) >= 5 and _ARABIC_LETTER.match(key):
                bare = key[2:]
                if bare not in automaton:
                    automaton.add_word(bare, _Entry(bare, tuple(pids), zipf, True))
        for org in ORGANISATIONS:
            key = name_key(org)
            automaton.add_word(key, _Entry(key, (), 0.0, False, organisation=True))
        automaton.make_automaton()
        return automaton

    # ------------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        match_text = MatchText(text)
        m = match_text.text
        if not m:
            return []
        found: list[tuple[int, int, _Entry, str]] = []  # (start, end, entry, prefix)
        orgs: list[tuple[int, int]] = []
        size = len(m)
        for end, entry in self.automaton.iter(m):
            start = end - len(entry.key) + 1
            if end + 1 < size and m[end + 1] != " ":
                continue
            # Only matches that end a token get here, so scanning back to the token's
            # start costs at most the token's length once per match: linear overall.
            prefix = m[m.rfind(" ", 0, start) + 1:start]
            if entry.organisation:
                if not prefix or prefix in _CLITICS:
                    orgs.append((start, end + 1))
                continue
            if entry.article_dropped:
                if prefix not in _LL_PREFIXES:
                    continue
            elif prefix and (prefix not in _CLITICS or not _ARABIC_LETTER.match(entry.key)):
                continue
            elif prefix and self._word_of_its_own(prefix + entry.key, entry.zipf):
                continue  # كامل is a word, not ك + امل
            found.append((start, end + 1, entry, prefix))

        # Longest match wins; ties go to the leftmost.
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        taken = bytearray(len(m))  # 1 where a longer match or an organisation name already sits
        for start, end in orgs:
            taken[start:end] = b"\x01" * (end - start)
        mentions: list[Mention] = []
        evidence: dict[tuple, str | None] = {}  # per name and cue strength: names repeat
        for start, end, entry, prefix in found:
            if any(taken[start:end]):
                continue
            mention = self._accept(text, match_text, start, end, entry, prefix, evidence)
            if mention is not None:
                mentions.append(mention)
            elif " " not in entry.key:
                continue
            # Words inside a longer name are part of it, even when that name
            # lacked evidence: رأس العين does not leave العين (Al Ain) behind.
            taken[start:end] = b"\x01" * (end - start)
        mentions.sort(key=lambda x: x.start)
        _share_plural_cues(text, mentions)
        return mentions

    def _place(self, pid: int):
        place = self._places.get(pid)
        if place is None:
            place = self._places[pid] = self.gazetteer.place(pid)
        return place

    def _word_of_its_own(self, token: str, key_zipf: float) -> bool:
        zipf = self.word_zipf.get(token, 0.0)
        return zipf >= 3.0 and zipf >= key_zipf - 0.5

    def _candidates(self, entry: _Entry) -> list:
        candidates = self._entry_places.get(entry.pids)
        if candidates is None:
            if len(self._entry_places) > 50_000:
                self._entry_places.clear()
            candidates = self._entry_places[entry.pids] = [self._place(pid) for pid in entry.pids[:25]]
        return candidates

    def _accept(self, text: str, mt: MatchText, start: int, end: int, entry: _Entry,
                prefix_clitic: str = "", evidence: dict | None = None) -> Mention | None:
        m = mt.text
        orig_start, orig_end = mt.source_span(start - 1 if entry.article_dropped else start, end)
        while orig_end < len(text) and _folds_away(text[orig_end]):
            orig_end += 1  # trailing marks and a final hamza belong to the name (سامراء)
        arabic = bool(_ARABIC_LETTER.match(entry.key))

        if not arabic and not _capitalised(text, orig_start, orig_end, entry.key):
            return None
        if not arabic and _inside_handle_or_url(text, orig_start, orig_end):
            return None
        before = _previous_word(m, mt, start)
        after = _next_word(m, end)
        if entry.key in STOPWORDS or entry.key in STRONG_CUES or entry.key in WEAK_CUES:
            return None
        if after in NOT_PLACE_AFTER.get(entry.key, ()) or after in NOT_PLACE_AFTER.get("ال" + entry.key, ()):
            return None
        if entry.key in NOT_PLACE_BEFORE.get(before or "", ()):
            return None
        if arabic and _indefinite_accusative(text, orig_end):
            return None  # تركيًا, سوريًا: an adverb/adjective, not the country
        if entry.key in NISBA_SHAPED and not prefix_clitic and before not in STRONG_CUES \
                and before not in WEAK_CUES and _after_indefinite_noun(text, orig_start, entry.key):
            return None  # موظفا سوريا, مواقع سورية: "Syrian", an adjective
        cue = before if (before in STRONG_CUES or before in WEAK_CUES) else None
        if cue is None and after in POST_CUES:
            cue = after
        strong = cue in STRONG_CUES or cue in POST_CUES
        weak = cue in WEAK_CUES

        candidates = self._candidates(entry)
        if not arabic and after in ORGANISATION_HEADS_EN:
            return None  # "Anbar Police Chief", "Aleppo Military Council"
        if not arabic and entry.key in LATIN_NAME_HEADS and _capitalised_word_follows(text, orig_end):
            return None  # "Tal Rifaat": the head of a longer, unknown name
        why = (entry.key, entry.pids, strong, weak)
        if evidence is None or why not in evidence:
            reason = _evidence(entry.zipf, candidates, strong, weak, " " in entry.key)
            if evidence is not None:
                evidence[why] = reason
        else:
            reason = evidence[why]
        if reason is None:
            return None
        if reason == "rare-name" and not arabic and " " not in entry.key \
                and _sentence_initial(text, orig_start) and not any(_prominent(c) for c in candidates):
            return None
        return Mention(
            start=orig_start, end=orig_end, text=text[orig_start:orig_end],
            candidates=list(candidates), reason=reason, cue=cue,
        )


def _prominent(place) -> bool:
    """A place a bare mention most likely means: a country, a well-known
    feature or sizeable town of the region, or a big city anywhere."""
    if place.kind == "country" or place.population >= 1_000_000:
        return True
    if place.country_code not in FOCUS_COUNTRIES:
        return False
    return place.kind in PROMINENT_KINDS or place.population >= PROMINENT_POPULATION


def _share_plural_cues(text: str, mentions: list[Mention]) -> None:
    """محافظتي الحسكة والرقة: the dual/plural cue before the first name also
    governs the names joined to it by و or "and"."""
    for first, second in zip(mentions, mentions[1:]):
        if first.cue in SHARED_CUES and second.cue is None:
            between = text[first.end:second.start].strip()
            if between in ("و", "and", ",", "،", "", ", and", "، و"):
                second.cue = first.cue


def _population(place) -> int:
    """GeoNames gives 0 for unknown populations (often district seats): count them as a small town."""
    return place.population or 5_000


def _evidence(zipf: float, candidates: list, strong: bool, weak: bool, multiword: bool = False) -> str | None:
    """Why a match counts as a place, or None when the evidence is too thin.

    The more common the name is as an ordinary word, the more is asked: a cue
    word before it always suffices; otherwise a very common word must be a
    country, a common word a country or a sizeable town of the region
    (admin areas named العاصمة or الشمالية don't qualify), a rarer word a
    prominent place, a preposition before it or a town of some size."""
    if strong:
        return "cue"
    if zipf >= VERY_COMMON_ZIPF:
        return "prominent" if any(c.kind == "country" for c in candidates) else None
    if zipf >= COMMON_ZIPF:
        ok = any(
            c.kind == "country" or c.population >= 500_000
            or (c.country_code in FOCUS_COUNTRIES and c.population >= PROMINENT_POPULATION)
            for c in candidates
        )
        return "prominent" if ok else None
    if zipf >= RARE_ZIPF:
        if any(_prominent(c) for c in candidates):
            return "prominent"
        if weak:
            return "cue"
        # A town of some size; a population GeoNames leaves unknown counts only
        # for names that are rarely ordinary words (تلعفر, تل عفر), not for
        # adjectives such as الكريمة ("the honourable").
        unknown_ok = multiword or zipf < UNKNOWN_POPULATION_MAX_ZIPF
        if any(c.country_code in FOCUS_COUNTRIES and
               (c.population >= 5_000 or (unknown_ok and _population(c) >= 5_000)) for c in candidates):
            return "populated"
        return None
    return "rare-name"


_STRIP_CLITIC = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?")


def _previous_word(m: str, mt: MatchText, start: int) -> str | None:
    """The word before the token holding the match (without its clitics),
    or the cue noun of an English "the town of X"."""
    space = m.rfind(" ", 0, start)
    if space <= 0:
        return None
    prev_space = m.rfind(" ", 0, space)
    word = m[prev_space + 1:space]
    if word == "of" and prev_space > 0:
        # "the town of X", "the provinces of X", "the outskirts of X"
        head = m[m.rfind(" ", 0, prev_space) + 1:prev_space]
        if head in STRONG_CUES:
            return head
    if word in STRONG_CUES or word in WEAK_CUES:
        return word
    stripped = _STRIP_CLITIC.sub("", word, count=1)
    if stripped.startswith("ال") and stripped[2:] in STRONG_CUES:
        return stripped[2:]
    return stripped if stripped in STRONG_CUES else word


def _next_word(m: str, end: int) -> str | None:
    if end >= len(m):
        return None
    nxt = m.find(" ", end + 1)
    return m[end + 1: nxt if nxt != -1 else len(m)]


def _capitalised(text: str, start: int, end: int, key: str) -> bool:
    """English names are written with capitals: 'Homs', 'al-Qaim', 'Deir ez-Zor'."""
    words = re.findall(r"[^\W\d_]+", text[start:end])
    significant = [w for w in words if w.lower() not in LATIN_ARTICLES]
    if not significant:
        return False
    return significant[0][0].isupper()


def _indefinite_accusative(text: str, end: int) -> bool:
    """The word ends in tanween fath (ـًا / ـاً): Arabic names don't take it."""
    tail = text[end - 2:end + 2]
    return "\u064b" in tail and (end >= len(text) or not text[end].isalpha() or text[end] == "\u064b"
                                   or text[end - 1] == "\u064b")


def _inside_handle_or_url(text: str, start: int, end: int) -> bool:
    """@AJA_Syria, example.com/syria: not a mention of a place."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in "@_/.#" or after in "_/@" or (after == "." and text[end + 1:end + 2].isalpha())


_ARABIC_WORD_BEFORE = re.compile(r"([\u0621-\u064a\u064b-\u0652]+)\s+$")
_NOT_NOUNS = {"في", "من", "الى", "إلى", "على", "عن", "مع", "و", "او", "أو", "ثم", "بين", "حتى", "نحو"}


def _after_indefinite_noun(text: str, start: int, key: str) -> bool:
    """The previous word is an indefinite noun that سورية/سوريا agrees with as
    the adjective "Syrian": مواقع سورية, موظفا سوريا (accusative -ا agreement).
    A verb before the name (تبتعد سوريا) does not count."""
    match = _ARABIC_WORD_BEFORE.search(text[max(0, start - 40):start])
    if not match:
        return False
    word = re.sub(r"[\u064b-\u0652]", "", match.group(1))
    if word.startswith("ال") or word in _NOT_NOUNS or len(word) <= 2:
        return False
    if key == "سوريه":
        return not word.startswith(("ت", "ي")) or word.endswith(("ات", "ة"))
    return word.endswith("ا") and not word.endswith(("وا", "ها", "نا"))


def _capitalised_word_follows(text: str, end: int) -> bool:
    match = re.match(r"[ \t]+(?:al-|el-|ar-|as-|ad-|ash-|at-)?([^\W\d_])", text[end:end + 40])
    return bool(match) and match.group(1).isupper()


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:؟"
