"""Find place names in Arabic and English text: one Aho–Corasick pass.

The text is folded with the gazetteer's own normalisation into a "match text"
(one space between tokens, Latin articles unified, every character mapped back
to its offset in the input), so a name matches exactly when its key does.
Arabic proclitics (و ف ب ل ك and stacks) may precede a name inside its word,
and ل + ال written لل is recognised through article-less variants.
Whether a match is really a place is decided from cue words, how common the
name is as an ordinary word, and the gazetteer prominence of its candidates
(the rules: `evidence`).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import ahocorasick

from gazetteer import Gazetteer
from gazetteer.compact import HashedSet
from gazetteer.place import FOCUS_COUNTRIES
from gazetteer.normalize import LATIN_ARTICLES, translit_fold_key
from map_app.geoparse.memo import name_key

from map_app.geoparse.document import Mention
from map_app.geoparse.entries import EntryTable, EntryTableBuilder, _Entry, load_cache, save_cache
from map_app.geoparse.evidence import (
    _after_indefinite_noun,
    _evidence,
    _indefinite_accusative,
    _next_word,
    _previous_word,
    _prominent,
    _share_plural_cues,
)
from map_app.geoparse.lexicon import (
    GROUP_HEADS_LATIN,
    NISBA_SHAPED,
    NOT_PLACE_AFTER,
    NOT_PLACE_BEFORE,
    ORGANISATION_HEADS_EN,
    LATIN_NAME_HEADS,
    ORGANISATIONS,
    POST_CUES,
    STOPWORDS,
    STRONG_CUES,
    WEAK_CUES,
)
from map_app.geoparse.latin_names import (
    COMPASS as _COMPASS,
    DEMONYM_WORDS as _DEMONYM_WORDS,
    capitalised as _capitalised,
    capitalised_word_follows as _capitalised_word_follows,
    inside_handle_or_url as _inside_handle_or_url,
    inside_longer_name as _inside_longer_name,
    person_name_follows as _person_name_follows,
    sentence_initial as _sentence_initial,
)
from map_app.geoparse.matchtext import MatchText
from map_app.geoparse.smalltowns import find_small_towns
from map_app.geoparse.unlisted import find_unlisted, head_names, state_abbreviations

AUTOMATON_VERSION = 15

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")

#: Proclitic stacks allowed before a name inside its word (folded spelling).
_CLITICS = {"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"}
#: Before an article-less variant the article survives as the second ل of لل.
_LL_PREFIXES = {"لل", "ولل", "فلل"}

#: Countries whose names English news transliterate from Arabic (the region and its Arabic-speaking
#: neighbours): a match only the transliteration folding made must have a candidate in one of them.
FOLD_COUNTRIES = FOCUS_COUNTRIES | frozenset("SD MA DZ TN MR SO DJ ER TD AF PK".split())
#: English names short of evidence looked at again with the document's countries (bounds the work).
MAX_HOME_RETRIES = 2_000
#: A Latin name matched only through transliteration folding (Mayadeen for
#: Mayadin) must not be an ordinary English word: above this Zipf frequency
#: one of its words needs a cue ("Kim" folds to the key of Qaim).
FOLDED_MAX_ZIPF = 2.5
FOLDED_MIN_LETTERS = 5
#: LATIN_NAME_HEADS as the automaton's keys spell them.
_NAME_HEADS = frozenset(translit_fold_key(w) for w in LATIN_NAME_HEADS)


_HYPHEN_WORD = re.compile(r"[^\W\d_]+")


def _automaton_word(key: str) -> str:
    """How a key is stored in the automaton: Latin keys between spaces (whole words)."""
    return key if _ARABIC_LETTER.match(key) else f" {key} "


def _folds_away(ch: str) -> bool:
    """A letter or mark that folding drops (harakat, tatweel, a final hamza)."""
    return ch in _VANISHING


def _vanishing() -> frozenset[str]:
    from gazetteer.normalize import fold_table

    table = fold_table()[0]
    return frozenset(chr(code) for code, folded in table.items() if folded == ""
                     and (chr(code).isalpha() or unicodedata.category(chr(code)) == "Mn"))


_VANISHING = _vanishing()


class Recognizer:
    """Finds gazetteer names in text; holds the automaton (built once, cached)."""

    def __init__(self, gazetteer: Gazetteer, cache_dir: Path | None = None):
        self.gazetteer = gazetteer
        # One cache per user layer, so that a parser with the analysts' layer and
        # one without (tests, other users) do not rebuild each other's automaton.
        user_stamp = getattr(gazetteer, "user_stamp", "")
        cache = Path(cache_dir or gazetteer.index_dir)
        # The cache is valid for one index build and one list of organisation names.
        stamp = (AUTOMATON_VERSION, gazetteer.meta.get("built_at"), gazetteer.meta.get("places"),
                 user_stamp, hashlib.sha1("\n".join(ORGANISATIONS).encode("utf-8")).hexdigest())
        loaded = load_cache(cache, user_stamp, stamp)
        if loaded is None:
            automaton, arrays, plain_keys, fold_targets = self._build()
            save_cache(cache, user_stamp, stamp, automaton, arrays, plain_keys, fold_targets)
            loaded = automaton, EntryTable(arrays), plain_keys, fold_targets
        #: Automaton values are rows of `entries` (`_entry` makes the entry of a hit).
        self.automaton, self.entries, self.plain_keys, self.fold_targets = loaded
        self.word_zipf = gazetteer.arabic_word_frequencies()
        self.english_zipf = gazetteer.english_word_frequencies()
        self._places: dict[int, object] = {}  # Place values are immutable: share them
        self._states: dict[str, object] = {}
        #: surface → _fold_only / _folded_word verdicts (pure in the surface; bounded, cleared when full).
        self._fold_verdicts: dict[str, tuple[bool, bool]] = {}

    def _entry_of(self, word: str) -> _Entry | None:
        """The entry of a key as the automaton stores it, or None."""
        row = self.automaton.get(word, None)
        return None if row is None else self.entries.entry(row, word)

    def _build(self) -> tuple[ahocorasick.Automaton, dict, HashedSet, HashedSet]:
        """The automaton over transliteration-folded keys, the keys as the
        gazetteer spells them (to tell a match that needed the folding), and
        the words of the folded Latin keys (the only words worth folding in text)."""
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        table = EntryTableBuilder()
        merged: dict[str, tuple[list[int], float]] = {}
        spellings: dict[str, dict[str, tuple[int, ...]]] = {}
        plain: set[str] = set()
        for key, pids, zipf in self.gazetteer.surface_forms():
            plain.add(key)
            forms = [translit_fold_key(key)]
            head, _, rest = key.partition(" ")
            if rest and not _ARABIC_LETTER.match(key):
                # A first word the text writes in lower case ("occupied Golan Heights") is not folded there.
                forms.append(head + " " + translit_fold_key(rest))
            for folded in dict.fromkeys(forms):
                spellings.setdefault(folded, {})[key] = (tuple(pids), zipf)
                if folded in merged:
                    old_pids, old_zipf = merged[folded]
                    merged[folded] = (sorted(set(old_pids) | set(pids)), max(old_zipf, zipf))
                else:
                    merged[folded] = (list(pids), zipf)
        for key, (pids, zipf) in merged.items():
            groups = spellings.get(key, {})
            word = _automaton_word(key)
            automaton.add_word(word, table.add(word, pids, zipf, False, latin=not _ARABIC_LETTER.match(key),
                                               spellings=tuple((spelling, rows, z) for spelling, (rows, z)
                                                               in groups.items()) if len(groups) > 1 else None))
        for key, (pids, zipf) in merged.items():
            if key.startswith("ال") and len(key) >= 5 and _ARABIC_LETTER.match(key):
                bare = key[2:]
                if bare not in automaton:
                    automaton.add_word(bare, table.add(bare, pids, zipf, True))
        for org in ORGANISATIONS:
            key = translit_fold_key(name_key(org))
            word = _automaton_word(key)
            automaton.add_word(word, table.add(word, (), 0.0, False, organisation=True,
                                               latin=not _ARABIC_LETTER.match(key)))
        automaton.make_automaton()
        targets = frozenset(w for key in merged if not _ARABIC_LETTER.match(key) for w in key.split(" "))
        return automaton, table.arrays(), HashedSet.of(plain), HashedSet.of(targets)

    # ------------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        match_text = MatchText(text, self.fold_targets)
        m = match_text.text
        if not m:
            return []
        found: list[tuple[int, int, _Entry, str]] = []  # (start, end, entry, prefix)
        orgs: list[tuple[int, int]] = []
        offsets = match_text.offsets
        # Latin keys are stored between spaces (whole words only: no hits inside "forces"),
        # so the text is searched with a space on either side; positions below are in `m`.
        search = " " + m + " "
        entries, memo = self.entries, self.entries._memo
        for end, row in self.automaton.iter(search):
            entry = memo.get(row)
            if entry is None:
                entry = entries.entry(row, search[end - entries.length(row) + 1:end + 1])
            if entry.latin:
                end -= 2
                start = end - len(entry.key) + 1
                # A one-word English name is written with a capital ("said", "from" are not).
                if not entry.organisation and " " not in entry.key and text[offsets[start]].islower():
                    continue
                prefix = ""
            else:
                end -= 1
                start = end - len(entry.key) + 1
                if end + 1 < len(m) and m[end + 1] != " ":
                    continue
                token_start = match_text.token_start(start)
                prefix = m[token_start:start]
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
        retry: list[tuple[int, int, _Entry, str]] = []  # English names short of evidence, for a second look
        for start, end, entry, prefix in found:
            if any(taken[start:end]):
                continue
            mention = self._accept(text, match_text, start, end, entry, prefix)
            if mention is not None:
                mentions.append(mention)
            elif entry.latin and " " not in entry.key and len(retry) < MAX_HOME_RETRIES:
                retry.append((start, end, entry, prefix))
                continue
            elif " " not in entry.key or entry.key.split(" ")[0] in _COMPASS \
                    or (entry.latin and text[offsets[start]].islower()
                        and entry.key.split(" ")[0] not in LATIN_ARTICLES):
                continue  # a rejected "southern Lebanon", "occupied Golan Heights" leaves its words free
            # Words inside a longer name are part of it, even when that name
            # lacked evidence: رأس العين does not leave العين (Al Ain) behind.
            taken[start:end] = b"\x01" * (end - start)
        if retry:
            mentions += self._home_towns(text, match_text, retry, mentions)
        mentions.sort(key=lambda x: x.start)
        _share_plural_cues(text, mentions)
        abbreviations = state_abbreviations(text, self._state_place)
        if abbreviations:
            mentions = [m for m in mentions if not any(a.start < m.end and m.start < a.end for a in abbreviations)]
            mentions = sorted(mentions + abbreviations, key=lambda x: x.start)
        towns = find_small_towns(text, mentions, self.gazetteer, self.english_zipf)
        if towns:
            mentions = sorted(mentions + towns, key=lambda x: x.start)
        drop, heads = head_names(text, mentions)
        if heads:
            mentions = sorted([m for m in mentions if m not in drop] + heads, key=lambda x: x.start)
        unlisted = find_unlisted(text, mentions, self.word_zipf, self.english_zipf)
        if unlisted:
            mentions = sorted(mentions + unlisted, key=lambda x: x.start)
        return mentions

    def _hyphen_name_follows(self, text: str, end: int) -> bool:
        """A hyphen and a capitalised word that is no place of its own right after a name: the name is
        the first part of a longer one ("Carrefour-Feuilles"), not a route ("Aleppo-Damascus")."""
        if end >= len(text) - 1 or text[end] not in "-‑" or not text[end + 1].isupper():
            return False
        word = _HYPHEN_WORD.match(text, end + 1)
        if word is None:
            return False
        return self._entry_of(_automaton_word(translit_fold_key(name_key(word.group(0))))) is None

    def _home_towns(self, text: str, mt: MatchText, retry: list, mentions: list[Mention]) -> list[Mention]:
        """English names that lacked evidence, looked at again once the document's countries
        are known: a town of a country the text names ("In Mali, ... Gao") is that town."""
        home = frozenset(m.candidates[0].country_code for m in mentions
                         if m.candidates and m.candidates[0].kind == "country")
        if not home:
            return []
        spans = [(m.start, m.end) for m in mentions]
        out = []
        for start, end, entry, prefix in retry:
            if not any(self._place(p).country_code in home for p in entry.pids[:25]):
                continue  # (cheap test first: most retries have no town there)
            mention = self._accept(text, mt, start, end, entry, prefix, home=home)
            if mention is not None and not any(s < mention.end and mention.start < e for s, e in spans):
                out.append(mention)
        return out

    def _state_place(self, state: str):
        """The US admin-1 area of a state name (cached)."""
        if state not in self._states:
            found = [p for p in self.gazetteer.lookup(state, limit=5, fuzzy=False, country_codes=("US",))
                     if p.kind == "admin1"]
            self._states[state] = found[0] if found else None
        return self._states[state]

    def _place(self, pid: int):
        place = self._places.get(pid)
        if place is None:
            place = self._places[pid] = self.gazetteer.place(pid)
        return place

    def _latin_name_ok(self, text: str, start: int, end: int, entry: _Entry, before: str | None,
                       strong: bool, candidates: list) -> bool:
        """Checks for an English-script match that has the evidence to be a place:
        a spelling only the folding made must not be an ordinary word; the name
        must not sit inside a longer name, an armed group's name or a person's."""
        surface = text[start:end]
        if surface.lower() in _DEMONYM_WORDS:
            return False  # "a Syrian town": an adjective, even before a cue word
        verdicts = self._fold_verdicts.get(surface)
        if verdicts is None:
            if len(self._fold_verdicts) >= _VERDICTS_MAX:
                self._fold_verdicts.clear()
            fold_only = self._fold_only(surface)
            verdicts = self._fold_verdicts[surface] = (fold_only, fold_only and self._folded_word(surface))
        fold_only, folded_word = verdicts
        if folded_word:
            return False
        if _inside_longer_name(text, start):
            return False
        if before in GROUP_HEADS_LATIN or entry.key.split(" ")[0] in GROUP_HEADS_LATIN:
            return False  # "Jaysh al-Islam", "Liwa al-Quds": armed groups
        if not strong and " " not in entry.key and _person_name_follows(text, end) \
                and (fold_only or not any(_prominent(c) for c in candidates)):
            return False  # "Qasem Soleimani", "Saleh al-Arouri": a given name
        return True

    @staticmethod
    def _exact_spelling(surface: str, entry: _Entry) -> tuple[tuple[int, ...], float] | None:
        """The places whose gazetteer spelling is the surface's, and how common
        that spelling is as a word, when the key merges several spellings."""
        plain = surface.lower() if surface.isalpha() and surface.isascii() else name_key(surface)
        bare = plain.removeprefix("al ")
        exact = [(pids, zipf) for key, pids, zipf in entry.spellings if key == plain or key == bare]
        if not exact:
            return None
        return tuple(sorted({pid for pids, _ in exact for pid in pids})), max(z for _, z in exact)

    def _fold_only(self, surface: str) -> bool:
        """Whether only the transliteration folding matched this spelling."""
        plain = surface.lower() if surface.isalpha() and surface.isascii() else name_key(surface)
        return plain not in self.plain_keys and plain.removeprefix("al ") not in self.plain_keys

    def _folded_word(self, surface: str) -> bool:
        """A match only the transliteration folding made, of an ordinary English
        word or a short one: "Kim" is not Qaim, "Home" not Homs."""
        plain = name_key(surface)
        words = [w for w in plain.split(" ") if w not in LATIN_ARTICLES]
        if sum(len(w) for w in words) < FOLDED_MIN_LETTERS:
            return True
        # Head words (Deir, Tal, Khan) are English-looking but part of the name.
        checked = [w for w in words if w not in LATIN_NAME_HEADS] or words
        return any(self.english_zipf.get(w, 0.0) >= FOLDED_MAX_ZIPF for w in checked)

    def _word_of_its_own(self, token: str, key_zipf: float) -> bool:
        zipf = self.word_zipf.get(token, 0.0)
        return zipf >= 3.0 and zipf >= key_zipf - 0.5

    def _accept(self, text: str, mt: MatchText, start: int, end: int, entry: _Entry,
                prefix_clitic: str = "", home: frozenset = frozenset()) -> Mention | None:
        m = mt.text
        orig_start, orig_end = mt.source_span(start - 1 if entry.article_dropped else start, end)
        while orig_end < len(text) and _folds_away(text[orig_end]):
            orig_end += 1  # trailing marks and a final hamza belong to the name (سامراء)
        arabic = bool(_ARABIC_LETTER.match(entry.key))
        if not arabic:
            # Letters the transliteration folding dropped (Hasakah → hasaka) still belong to the word.
            while orig_end < len(text) and text[orig_end].isalpha():
                orig_end += 1
            while orig_start > 0 and text[orig_start - 1].isalpha():
                orig_start -= 1

        if not arabic and not _capitalised(text, orig_start, orig_end, entry.key):
            # "western Ghouta", "southern Lebanon": a lower-case compass word may open a
            # region's name, but before a country it only says where in it (the country).
            words = entry.key.split(" ")
            if len(words) < 2 or words[0] not in _COMPASS or not text[orig_start:orig_end].split()[-1][:1].isupper():
                return None
            rest = self._entry_of(_automaton_word(" ".join(words[1:])))
            if rest is None or any(self._place(p).kind == "country" for p in rest.pids[:5]):
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
        if after in POST_CUES and (cue is None or cue in WEAK_CUES):
            cue = after  # "in Idlib province": the kind word says more than the preposition
        strong = cue in STRONG_CUES or cue in POST_CUES
        weak = cue in WEAK_CUES

        pids, zipf = entry.pids, entry.zipf
        if entry.spellings is not None and not arabic:
            exact = self._exact_spelling(text[orig_start:orig_end], entry)
            if exact is not None:
                pids, zipf = exact
        candidates = [self._place(pid) for pid in pids[:25]]
        if not arabic and after in ORGANISATION_HEADS_EN and _capitalised_word_follows(text, orig_end):
            return None  # "Anbar Police Chief", "Aleppo Military Council" (not "Anbar's police chief")
        if not arabic and entry.key in _NAME_HEADS and _capitalised_word_follows(text, orig_end):
            return None  # "Tal Rifaat": the head of a longer, unknown name
        if not arabic and self._hyphen_name_follows(text, orig_end):
            return None  # "Carrefour-Feuilles": a quarter's name, not the town (but "Homs-Hama road")
        surface = text[orig_start:orig_end]
        titled = not arabic and len(surface) >= (3 if home else 4) and surface[:1].isupper() and not surface.isupper()
        reason = _evidence(zipf, candidates, strong, weak, " " in entry.key, latin=not arabic,
                           surface_key=surface if titled else None, home=home)
        if reason is None:
            return None
        if not arabic and not self._latin_name_ok(text, orig_start, orig_end, entry, before, strong, candidates):
            return None
        if not arabic and self._fold_verdicts[text[orig_start:orig_end]][0] \
                and not any(c.country_code in FOLD_COUNTRIES for c in candidates):
            # The transliteration folding is for Arabic names: "Jibbain" is not Yibin (China). After a
            # settlement cue ("the village of Jibbain") the name is still found, unlisted.
            return None
        if reason == "rare-name" and not arabic and " " not in entry.key \
                and _sentence_initial(text, orig_start) and not any(_prominent(c) for c in candidates):
            return None
        return Mention(
            start=orig_start, end=orig_end, text=text[orig_start:orig_end],
            candidates=candidates, reason=reason, cue=cue,
        )


#: Distinct surfaces whose folding verdicts a Recognizer keeps.
_VERDICTS_MAX = 100_000
