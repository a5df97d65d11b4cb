"""Whether a matched name is a place: the evidence rules of `recognize`.

How common the name is as an ordinary word (Zipf frequency), how prominent its
gazetteer candidates are, and the words around it (a cue before it, an Arabic
indefinite noun it would complete, a plural cue shared by a list of names).
Kept apart from the matching itself (`recognize.Recognizer`) so that each reads
in one sitting.
"""
from __future__ import annotations

import re

from gazetteer.place import FOCUS_COUNTRIES
from map_app.geoparse.document import Mention
from map_app.geoparse.lexicon import GENERIC_AREA_WORDS, SHARED_CUES, STRONG_CUES, WEAK_CUES
from map_app.geoparse.matchtext import MatchText
from map_app.geoparse.memo import name_key

#: Arabic short-vowel marks (harakat), dropped before word look-ups.
_HARAKAT = re.compile(r"[\u064b-\u0652]")

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
#: A city this big anywhere is a place when named in English without a cue, if its name is a rare
#: word (Zipf < 3.5); two and a half times this when the name is a commoner word (Leeds).
WORLD_CITY_POPULATION = 100_000
#: A town this big in a country the document names is found by its own name without a cue.
HOME_TOWN_POPULATION = 20_000

def _prominent(place) -> bool:
    """A place a bare mention most likely means: a country, a well-known
    feature or sizeable town of the region, or a big city anywhere."""
    if place.kind == "country" or (place.population >= 1_000_000 and place.kind != "admin1"):
        return True
    if _big_area(place):
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


def _big_area(place) -> bool:
    """A populous admin-1 area with a name of its own (Texas, Ohio, Bavaria;
    not "Northern" or "Central")."""
    return (place.kind == "admin1" and place.population >= 1_000_000
            and not all(w in GENERIC_AREA_WORDS for w in name_key(place.name).split()))


def _evidence(zipf: float, candidates: list, strong: bool, weak: bool, multiword: bool = False,
              latin: bool = False, surface_key: str | None = None, home: frozenset = frozenset()) -> str | None:
    # surface_key: the English name as written (title case, ≥ 4 letters), else None.
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
            c.kind == "country" or (c.population >= 500_000 and c.kind != "admin1")
            or (latin and _big_area(c))
            or (c.country_code in FOCUS_COUNTRIES and c.population >= PROMINENT_POPULATION
                and c.kind != "admin1")
            for c in candidates
        )
        return "prominent" if ok else None
    if zipf >= RARE_ZIPF:
        if any(_prominent(c) for c in candidates):
            return "prominent"
        if multiword and latin and surface_key and any(c.kind in ("region", "water") for c in candidates):
            return "prominent"  # "the Lake District": a named region (curated), written as a name
        if weak:
            return "cue"
        if surface_key:
            surface_key = name_key(surface_key)
            # A city anywhere (world news) by its own name: Topeka, Leeds; the rarer the word,
            # the smaller the city. Alternate names (Log for Łódź) do not count.
            floor = WORLD_CITY_POPULATION if zipf < 3.5 else 2.5 * WORLD_CITY_POPULATION
            if any(c.kind == "populated_place" and c.population >= floor and name_key(c.name) == surface_key
                   for c in candidates):
                return "populated"
            # A town of a country the document names, by its own name ("In Mali, ... Gao").
            if home and any(c.kind == "populated_place" and c.country_code in home
                            and c.population >= HOME_TOWN_POPULATION and name_key(c.name) == surface_key
                            for c in candidates):
                return "populated"
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


def _indefinite_accusative(text: str, end: int) -> bool:
    """The word ends in tanween fath (ـًا / ـاً): Arabic names don't take it."""
    tail = text[end - 2:end + 2]
    return "\u064b" in tail and (end >= len(text) or not text[end].isalpha() or text[end] == "\u064b"
                                   or text[end - 1] == "\u064b")


_ARABIC_WORD_BEFORE = re.compile(r"([\u0621-\u064a\u064b-\u0652]+)\s+$")
_NOT_NOUNS = {"في", "من", "الى", "إلى", "على", "عن", "مع", "و", "او", "أو", "ثم", "بين", "حتى", "نحو"}


def _after_indefinite_noun(text: str, start: int, key: str) -> bool:
    """The previous word is an indefinite noun that سورية/سوريا agrees with as
    the adjective "Syrian": مواقع سورية, موظفا سوريا (accusative -ا agreement).
    A verb before the name (تبتعد سوريا) does not count."""
    match = _ARABIC_WORD_BEFORE.search(text[max(0, start - 40):start])
    if not match:
        return False
    word = _HARAKAT.sub("", match.group(1))
    if word.startswith("ال") or word in _NOT_NOUNS or len(word) <= 2:
        return False
    if key == "سوريه":
        return not word.startswith(("ت", "ي")) or word.endswith(("ات", "ة"))
    return word.endswith("ا") and not word.endswith(("وا", "ها", "نا"))
