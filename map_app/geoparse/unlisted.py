"""Places the gazetteer lacks, and US state abbreviations after a town.

A name right after a strong cue (قرية X, بلدات X وY, مخيم X, "the village of X",
"the town of X") is a place even when no gazetteer entry has it: the
recogniser reports it with reason "unlisted", and the resolver pins it at the
most specific containing area the text gives ("في ريف دير الزور الشرقي", "near
Hawija"), flagged for review: never silently dropped, never a far homonym.
"""
from __future__ import annotations

import re

from gazetteer.place import Place

from map_app.geoparse.document import Mention
from map_app.geoparse.lexicon import US_STATES

#: Arabic short-vowel marks (harakat), dropped before word look-ups.
_HARAKAT = re.compile(r"[\u064b-\u0652]")

#: Arabic cue words (folded spelling as the text writes them) after which an unknown word is a place.
ARABIC_CUES = ("قرية", "قريه", "بلدة", "بلده", "بلدات", "قرى", "قريتي", "بلدتي", "مخيم", "مزرعة", "مزرعه",
               "حي", "ضاحية", "خربة", "خربه")
#: Cue words that are the first word of the name itself (خربة الحديد, "the ruin of al-Hadid"):
#: the mention spans both words, and a common word after the article is still the name.
ARABIC_NAME_HEAD_CUES = ("خربة", "خربه")
#: First words of two-word Arabic village names (تل X, عين X, دير X...).
ARABIC_HEADS = {"تل", "عين", "دير", "كفر", "ابو", "أبو", "ام", "أم", "بيت", "البو", "بير", "بئر", "جسر",
                "راس", "رأس", "خان", "تلة", "خربة", "مزرعة", "حاوي", "الحاوي", "جب", "جبل", "وادي", "سيد"}
#: Words after a cue that are not names: قرية صغيرة "a small village", بلدات عدة "several towns".
ARABIC_NOT_NAMES = {"صغيرة", "كبيرة", "واحدة", "أخرى", "اخرى", "عدة", "مجاورة", "نائية", "حدودية", "قريبة",
                    "في", "من", "على", "الى", "إلى", "عن", "مع", "التي", "الذي", "ذات", "كاملة", "بأكملها",
                    "جديدة", "أخيرة", "آخر", "اخر", "تابعة", "تقع", "يقطنها", "كل", "بعض", "هذه", "تلك",
                    "المجاورة", "التابعة", "الواقعة", "الحدودية", "القريبة", "نفسها", "مدمرة", "عدد"}
_HAS_ARABIC = re.compile(r"[\u0621-\u064a]")
_ARABIC_WORD = r"[\u0621-\u064a\u064b-\u0652]+"
#: The name after a cue word: one word, and a second one after a head word (تل، عين...).
_ARABIC_NAME_AT = re.compile(r"\s+(" + _ARABIC_WORD + r")(?:\s+(" + _ARABIC_WORD + r"))?")
_CLITIC_PREFIXES = ("", "و", "ف", "ب", "ال", "وال", "فال", "بال", "ول", "وب")
_LATIN_NAME = (r"(?:(?:al|el|ad|ar|as|ash|at|az|ez|an|Al|El)[- ])?[A-Z][\w'’]+"
               r"(?:[- ](?:al|el|ad|ar|as|ash|at|az|ez|an)-[A-Z][\w'’]+| [A-Z][\w'’]+)?")
#: English cue phrases before a name ("the village of X"); found with str.find, then the name.
LATIN_CUES = ("village of ", "villages of ", "town of ", "towns of ", "hamlet of ", "camp of ",
              "neighbourhood of ", "neighborhood of ", "district of ")
_LATIN_NAME_AT = re.compile(_LATIN_NAME)
#: Plural cues open a list whose every name is a place ("the villages of X, Y and Z", "بلدات X وY").
PLURAL_CUES = ("بلدات", "قرى", "قريتي", "بلدتي", "villages of ", "towns of ")
_LATIN_LIST_NEXT = re.compile(r"(?:,| and|, and| or|, or) (" + _LATIN_NAME + r")")
_ARABIC_LIST_NEXT = re.compile(r"(?:\s+و|\s*[،,]\s*(?:و\s*)?)(" + _ARABIC_WORD + r")")
#: A camp named before its cue word ("Zamzam camp", "Kalma displacement camp"): one capitalised word,
#: not sentence-initial, rarely an English word ("Army camp", "Summer camp" are not names).
_LATIN_CAMP = re.compile(r"(?<=[a-z,;] )([A-Z][a-z'’]{2,}) (?:(?:refugee|displacement|displaced|IDP|IDPs) )?camps?\b")
CAMP_NAME_MAX_ZIPF = 3.0
LATIN_NOT_CAMP_NAMES = {"army", "military", "summer", "training", "boot", "base", "prison", "detention"}
#: A name placed from a known place by a compass word ("Qarabiyah, 20 km south of Mosul"): the name
#: is a place (unlisted, pinned at the place named after "of"); its words are rarely English words.
_COMPASS_OF = re.compile(r"(?<![\w-])(?:north|south|east|west)(?:-?(?:east|west))? of (?:the (?:city|town) of )?")
#: The name before the compass phrase (looked for in a short window before it).
_NAME_BEFORE_COMPASS = re.compile(
    r"(?<![\w-])([A-Z][a-z'’]{2,}(?:[- ][A-Z][a-z'’]{2,})?),? (?:some |about |around )?"
    r"(?:\d+(?:\.\d+)? ?(?:km|kilometres|kilometers|kilometre|kilometer|miles|mi) )?$")
_COMPASS_WINDOW = 80
_COMPASS_WORDS = ("north", "south", "east", "west")
#: A list after a plural cue is read this many names far at most.
MAX_LIST_NAMES = 12


#: Words after a village name that say when, not which village (بلدة X الأحد "on Sunday").
ARABIC_TIME_WORDS = {"الأحد", "الاحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس",
                     "السبت", "اليوم", "الآن", "الان", "الفجر", "الصباح", "المساء", "الظهر", "العصر"}


def _construct_second(word: str) -> bool:
    """A second word that makes a construct name with the first (عيتا الشعب, كفر الشيخ): a noun with
    the article, not an adjective agreeing with the cue (الحدودية, الشرقي) nor a time word."""
    return (word.startswith("ال") and len(word) >= 5 and word[-1] not in "ةهيى"
            and word not in ARABIC_TIME_WORDS)


def find_unlisted(text: str, mentions: list[Mention], arabic_zipf: dict[str, float],
                  english_zipf: dict[str, float] | None = None) -> list[Mention]:
    """Cue + name spans that no mention covers, as "unlisted" mentions (no candidates)."""
    taken = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    if any(_HAS_ARABIC.match(m.text) for m in mentions) or _HAS_ARABIC.search(text, 0, 300):
        for cue_at, cue, match in _arabic_cue_names(text):
            first, second = match.group(1), match.group(2)
            bare = _HARAKAT.sub("", first)
            common = arabic_zipf.get(bare, 0.0) >= 4.0 and not (cue in ARABIC_NAME_HEAD_CUES and bare.startswith("ال"))
            if bare in ARABIC_NOT_NAMES or len(bare) < 3 or common \
                    or bare.lstrip("وفب") in ARABIC_CUES or bare.removeprefix("ال") in ARABIC_CUES:
                continue
            if bare[0] in "وف" and arabic_zipf.get(_fold_cue(bare[1:]), 0.0) >= 3.0:
                continue  # قرى وتلال "villages and hills": a conjunction and a noun, not a name
            start, end = match.start(1), match.end(1)
            if cue in ARABIC_NAME_HEAD_CUES:
                start = cue_at  # خربة الحديد: the head word is part of the name
            if second and (bare in ARABIC_HEADS or _construct_second(_HARAKAT.sub("", second))) \
                    and _HARAKAT.sub("", second) not in ARABIC_NOT_NAMES:
                end = match.end(2)
            if free(cue_at, end):
                found.append(Mention(start=start, end=end, text=text[start:end], reason="unlisted",
                                     cue=_fold_cue(cue)))
                taken.append((start, end))
            if cue in PLURAL_CUES:
                for nxt in _list_names(text, end, _ARABIC_LIST_NEXT, last_only=False):
                    word = _HARAKAT.sub("", nxt.group(1))
                    if word in ARABIC_NOT_NAMES or len(word) < 3 or arabic_zipf.get(word, 0.0) >= 4.0 \
                            or word.removeprefix("ال") in ARABIC_CUES:
                        break
                    if free(*nxt.span(1)):
                        found.append(Mention(start=nxt.start(1), end=nxt.end(1), text=nxt.group(1),
                                             reason="unlisted", cue=_fold_cue(cue)))
                        taken.append(nxt.span(1))
    for phrase in LATIN_CUES:
        for variant in (phrase, phrase.capitalize()):
            at = text.find(variant)
            while at != -1:
                if at == 0 or not text[at - 1].isalpha():
                    match = _LATIN_NAME_AT.match(text, at + len(variant))
                    cue = phrase.split(" ")[0].rstrip("s")
                    if match and free(match.start(), match.end()):
                        start, end = match.span()
                        found.append(Mention(start=start, end=end, text=text[start:end], reason="unlisted",
                                             cue=cue))
                        taken.append((start, end))
                    if match and phrase in PLURAL_CUES:
                        for nxt in _list_names(text, match.end(), _LATIN_LIST_NEXT, last_only=True):
                            if free(*nxt.span(1)):
                                found.append(Mention(start=nxt.start(1), end=nxt.end(1), text=nxt.group(1),
                                                     reason="unlisted", cue=cue))
                                taken.append(nxt.span(1))
                at = text.find(variant, at + len(variant))
    if english_zipf is not None and " of " in text:
        starts = {m.start for m in mentions}
        for compass in _compass_phrases(text):
            if compass.end() not in starts:
                continue
            lo = max(0, compass.start() - _COMPASS_WINDOW)
            match = _NAME_BEFORE_COMPASS.search(text, lo, compass.start())
            if match is None:
                continue
            start, end = match.span(1)
            word = match.group(1)
            if all(english_zipf.get(w.lower(), 0.0) < CAMP_NAME_MAX_ZIPF
                                             for w in word.replace("-", " ").split()) \
                    and not _sentence_start(text, start) and free(start, end):
                found.append(Mention(start=start, end=end, text=word, reason="unlisted", cue="near"))
                taken.append((start, end))
    if english_zipf is not None and " camp" in text:
        for match in _LATIN_CAMP.finditer(text):
            start, end = match.span(1)
            word = match.group(1)
            if english_zipf.get(word.lower(), 0.0) < CAMP_NAME_MAX_ZIPF and word.lower() not in LATIN_NOT_CAMP_NAMES \
                    and free(start, end):
                found.append(Mention(start=start, end=end, text=word, reason="unlisted", cue="camp"))
                taken.append((start, end))
    found.sort(key=lambda m: m.start)
    return found


def _compass_phrases(text: str) -> list[re.Match]:
    """The compass phrases ("south of ", "north-east of the town of ") of a text: its " of " found with
    str.find (a regex scan over the whole text costs several times more), each checked in place."""
    out = []
    at = text.find(" of ")
    while at != -1:
        if text.endswith(_COMPASS_WORDS, max(0, at - 5), at):
            match = _COMPASS_OF.match(text, max(0, at - 15))
            if match is None:
                match = _COMPASS_OF.search(text, max(0, at - 15), at + 30)
            if match is not None and match.start() <= at < match.end():
                out.append(match)
        at = text.find(" of ", at + 4)
    return out


def _sentence_start(text: str, at: int) -> bool:
    """Whether only spaces, quotes or brackets separate `at` from a sentence end or the text start."""
    i = at - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:"


def _list_names(text: str, at: int, pattern: re.Pattern, last_only: bool) -> list[re.Match]:
    """The next names of a list that ends at `at` ("X, Y and Z", "X وY"), at most
    MAX_LIST_NAMES. A name after a comma counts only when a conjunction follows
    ("X, Y and Z"; "X, Hezbollah said" is no list); with `last_only` (English)
    the name after the conjunction ends the list."""
    names: list[re.Match] = []
    kept = 0
    for _ in range(MAX_LIST_NAMES):
        match = pattern.match(text, at)
        if match is None:
            break
        names.append(match)
        at = match.end()
        connector = text[match.start():match.start(1)]
        if any(word in connector for word in ("and", "or", "و")):
            kept = len(names)
            if last_only:
                break
    return names[:kept]


#: Generic first words of the region's names in Latin script (Khirbet al-Hadid, Tal Shaeer,
#: Ain Dara, Beit Jinn, Deir Hafer, Kafr Nabl).
LATIN_HEADS = ("Khirbet", "Khirbat", "Khirba", "Kherbet", "Tal", "Tall", "Tell", "Tel", "Ain", "Ayn", "Beit",
               "Bayt", "Deir", "Dayr", "Kafr", "Kfar", "Kafar")
#: Heads that make a village name on their own, with no cue and no known tail ("Kafr Naya");
#: Tal, Tel and Ain also open given names and English words, so they need a known tail.
STANDALONE_HEADS = ("Khirbet", "Khirbat", "Khirba", "Kherbet", "Kafr", "Kfar", "Kafar", "Dayr", "Bayt", "Deir",
                    "Beit")
_LATIN_HEAD_NAME = re.compile(r"(?<![\w-])(?:" + "|".join(LATIN_HEADS) + r")[ -](?:(?:al|el|ad|ar|as|ash|at|az|ez|an)-)?"  # noqa: E501 (one pattern)
                              r"[A-Z][\w'’]+")


def head_names(text: str, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """A name with a generic head the gazetteer lacks (Khirbet al-Hadid) whose tail
    alone matched a place (Hadid, Israel): the tail mentions to drop and the whole
    names, reported as unlisted (the resolver pins them at their containing area)."""
    drop: list[Mention] = []
    found: list[Mention] = []
    if not mentions:
        return drop, found
    by_start = {m.start: m for m in mentions}
    for match in _LATIN_HEAD_NAME.finditer(text):
        start, end = match.span()
        if any(m.start <= start < m.end for m in mentions):
            continue  # the head is inside a known name (Tal Afar, Tel Aviv)
        tail = next((m for at, m in by_start.items() if start < at < end and m.end == end), None)
        if tail is None:
            tail_at = text.rfind("-", start, end) + 1 or text.rfind(" ", start, end) + 1
            tail = by_start.get(tail_at)
        if tail is None and text[start:end].split()[0].split("-")[0] in STANDALONE_HEADS \
                and not any(m.start < end and start < m.end for m in mentions):
            found.append(Mention(start=start, end=end, text=text[start:end], reason="unlisted", cue="village"))
            continue
        if tail is None or tail.end != end:
            continue
        drop.append(tail)
        found.append(Mention(start=start, end=end, text=text[start:end], reason="unlisted", cue="village"))
    return drop, found


def _arabic_cue_names(text: str):
    """(cue offset, cue, name match) for each Arabic cue word standing alone
    (after at most a clitic and the article) and followed by a word."""
    found = []
    for cue in ARABIC_CUES:
        at = text.find(cue)
        while at != -1:
            end = at + len(cue)
            word_start = at
            while word_start > 0 and "\u0621" <= text[word_start - 1] <= "\u064a" and at - word_start < 4:
                word_start -= 1
            if text[word_start:at] in _CLITIC_PREFIXES and (word_start == 0 or not (
                    "\u0621" <= text[word_start - 1] <= "\u064a")):
                match = _ARABIC_NAME_AT.match(text, end)
                if match:
                    found.append((at, cue, match))
            at = text.find(cue, end)
    found.sort(key=lambda f: f[0])
    return found


def _fold_cue(cue: str) -> str:
    return cue.replace("ة", "ه").replace("ى", "ي")


# -- US state abbreviations ----------------------------------------------------
_ABBREVIATIONS = {abbr: state for state, forms in US_STATES.items() for abbr in forms if abbr != state}
_STATE_AFTER_TOWN = re.compile(r", ([A-Z][A-Za-z]?\.?(?:[A-Z]\.)?[a-z]{0,3}\.?)(?![A-Za-z])")


def state_abbreviations(text: str, state_place) -> list[Mention]:
    """"Kansas City, Kan.", "Dallas, TX": the abbreviation is the US state."""
    found: list[Mention] = []
    for match in _STATE_AFTER_TOWN.finditer(text):
        abbr = match.group(1)
        if abbr not in _ABBREVIATIONS or not text[match.start() - 1:match.start()].islower():
            continue
        place = state_place(_ABBREVIATIONS[abbr])
        if place is None:
            continue
        start, end = match.span(1)
        if abbr.endswith("."):
            end -= 1
        found.append(Mention(start=start, end=end, text=text[start:end], candidates=[place],
                             reason="abbreviation"))
    return found


def state_of_abbreviation(word: str) -> str | None:
    """'Kan.' / 'KS' / 'Kansas' → 'Kansas'."""
    word = word.strip()
    if word in US_STATES:
        return word
    return _ABBREVIATIONS.get(word) or _ABBREVIATIONS.get(word + ".")


def unlisted_place(name: str, container: Place) -> Place:
    """The Place of an unlisted name: the container's point and areas."""
    admin1 = container.admin1 if container.kind != "country" else None
    admin2 = container.admin2 if container.kind not in ("country", "admin1") else None
    if container.kind == "admin2":
        admin2 = container.name
    return Place(name=name, lat=container.lat, lon=container.lon, kind="unlisted",
                 country_code=container.country_code, admin1=admin1, admin2=admin2)
