"""Roundups: one sentence reporting the same kind of event at several places.

ACLED codes one event per place, type and day, so "Turkish drones struck
Khanasor, Sinuni and Duhola" is three air strikes and "The IDF shelled Hula,
killing two civilians, and the village of Jibbain, killing one" two shellings.
The places of a roundup are the event location's coordinated neighbours: towns
or villages (never a containing district or province) joined only by "and",
"or", commas, "as well as", place nouns ("the village of", "بلدتي"), or a
casualty clause ("killing two civilians").  "Between X and Y" (one fight on a
front line) and "from X to Y" (a route) are one event, not a roundup.

Fatalities: when each place has its own count, each keeps it; a single total
("killing four") is divided evenly among the places, the remainder going to
the first ones (ACLED's rule for totals reported over several events).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace

from map_app.geoparse.incidents.locate import KIND_RANK, Location
from map_app.geoparse.incidents.normalize import TOKEN, fold

_WORD = re.compile(TOKEN)
#: Characters that end a coordination (a clause or sentence break).
_BREAK = re.compile(r"[.;:!?؟؛()\[\]«»\"]|\s[-–—]\s")
#: Longest gap between two places of a roundup (characters).
MAX_GAP = 90
#: Most places one sentence's roundup may yield (a longer list is a summary, not a roundup).
MAX_PLACES = 12


def _words(*items: str) -> frozenset[str]:
    return frozenset(fold(w).lower() for w in items)


_COORDINATORS = _words("and", "or", "و", "أو", "او", "plus", "وكذلك", "كذلك", "وأيضا", "بالإضافة", "إضافة",
                       "فضلا", "as", "well", "addition", "also", "then", "ثم")
_FILLERS = _words(
    "the", "of", "to", "in", "village", "villages", "town", "towns", "city", "cities", "hamlet", "hamlets",
    "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "nearby", "neighbouring", "neighboring",
    "both", "camp", "camps", "a", "an", "another", "other", "parts", "part", "most", "half", "much", "areas",
    "on", "على",
    "syrian", "iraqi", "lebanese", "turkish", "kurdish", "أجزاء", "جزء", "نصف", "أكثر", "معظم", "بعض", "السورية",
    "العراقية", "اللبنانية", "التركية", "الكردية", "السوري", "العراقي",
    "قرية", "قرى", "قريتي", "قريتا", "بلدة", "بلدات", "بلدتي", "بلدتا", "مدينة", "مدن", "مدينتي", "مدينتا",
    "حي", "أحياء", "حيي", "مخيم", "مخيمي", "منطقة", "مناطق", "منطقتي", "عن", "إلى", "الى", "من", "كل",
    "محافظات", "المحافظات", "محافظتي", "محافظتا", "provinces", "governorates", "regions", "oblasts",
)
#: A casualty clause between two places ("Hula, killing two civilians, and Jibbain").
_CASUALTY = _words(
    "killing", "killed", "wounding", "wounded", "injuring", "injured", "leaving", "dead", "people", "person",
    "civilian", "civilians", "additional", "soldier", "soldiers", "fighter", "fighters", "member", "members",
    "child", "children", "woman", "women", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "at", "least", "several", "dozens",
    "ما", "أدى", "أسفر", "مقتل", "سقوط", "إصابة", "جرح", "شخص", "شخصين", "أشخاص", "مدني", "مدنيين", "مدنيا",
    "قتلى", "قتيل", "قتيلا", "جرحى", "آخرين", "آخر", "أصيب", "قتل", "عنصر", "عناصر", "طفل", "أطفال", "امرأة",
    "واحد", "اثنين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة", "عدد", "عدة",
)
#: What a strike hit, named before each place of a roundup ("a house in X and a vehicle in Y").
_OBJECTS = _words(
    "house", "home", "vehicle", "car", "truck", "motorcycle", "farm", "building", "position", "positions",
    "checkpoint", "checkpoints", "site", "sites", "depot", "base", "post", "school", "market", "convoy", "at",
    "near", "منزل", "منزلا", "سيارة", "مركبة", "آلية", "موقع", "مواقع", "حاجز", "حواجز", "نقطة", "مقر", "مستودع",
    "مزرعة", "شاحنة", "دراجة", "في", "قرب", "بالقرب",
)
_PREPOSITIONS = _words("in", "at", "near", "inside", "outside", "في", "قرب", "بالقرب", "داخل", "عند")
_BETWEEN = _words("between", "بين", "from")


def _tokens(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(fold(text).lower()):
        if len(w) > 2 and w[0] in "وف" and (w[1:] in _FILLERS or w[1:] in _CASUALTY):
            out.extend(("و", w[1:]))  # "وأجزاء": a conjunction and a filler
        else:
            out.append(w)
    return out


def _coordinated(gap: str) -> bool:
    """Only coordinators, place nouns, hit objects and casualty words between two places, and at least one
    coordinator ("Kani Masi, killing two members of the PKK, and a vehicle in the village of Batifa")."""
    if len(gap) > MAX_GAP or _BREAK.search(gap):
        return False
    words = _tokens(gap)
    worded = any(w in _COORDINATORS for w in words)
    if not worded and any(w in _PREPOSITIONS for w in words):
        return False  # "near Idlib, in Maarat al-Numan district": a closer look, not a list
    joined = worded or "," in gap or "،" in gap
    other = [w for w in words if not (w in _COORDINATORS or w in _FILLERS or w in _CASUALTY or w in _OBJECTS
                                      or w.isdigit())]
    casualty = any(w in _CASUALTY for w in words)
    # An unknown word after "and" may be a village the gazetteer lacks ("بنت جبيل والخيام ... والهرمل").
    return joined and len(other) <= (2 if casualty else 1 if worded else 0)


def roundup(sentence_text: str, sentence_start: int, primary: Location, ranked: list[Location]) -> list[Location]:
    """The places of a roundup the primary location belongs to, in text order ([primary] when none).

    `ranked` are the sentence's candidate locations (locate.rank_locations);
    offsets are document offsets, `sentence_start` the sentence's.
    """
    if KIND_RANK.get(primary.mention.place.kind, 3) != 0:
        return [primary]
    # (`ranked` has already lost the origins of a launch: "from Iraq towards the Golan".)
    # (a village the gazetteer lacks, pinned at its area, is a place of the roundup too: "قرى كنصفرة والبارة")
    points = sorted((c for c in ranked if KIND_RANK.get(c.mention.place.kind, 3) == 0
                     and (c.geo_precision < 3 or c.mention.place.kind == "unlisted")
                     or _named_province(sentence_text, c.mention.start - sentence_start, c)),
                    key=lambda c: c.mention.start)
    points = _without_containers(sentence_text, sentence_start, points)
    if len(points) < 2:
        return [primary]
    # Split the places into chains of coordinated neighbours; keep the primary's chain.
    chain: list[Location] = []
    found: list[Location] | None = None
    containers = [c for c in ranked if KIND_RANK.get(c.mention.place.kind, 3) > 0]
    for loc in points:
        if chain:
            lo, hi = chain[-1].mention.end, loc.mention.start
            gap = sentence_text[lo - sentence_start:hi - sentence_start]
            for c in containers:  # "بنت جبيل والخيام في جنوب لبنان، وعلى مدينة الهرمل": the region contains them
                if lo <= c.mention.start and c.mention.end <= hi:
                    a, b = c.mention.start - lo, c.mention.end - lo
                    gap = gap[:a] + " " * (b - a) + gap[b:]
            # A place named again refers back ("... killing four civilians in Sarmin"): the list has ended.
            same = any(c.mention.place.key == loc.mention.place.key for c in chain)
            if not _coordinated(gap) or same:
                if any(c is primary for c in chain):
                    found = chain
                    break
                chain = []
        chain.append(loc)
    if found is None:
        found = chain if any(c is primary for c in chain) else [primary]
    if len(found) < 2 or len(found) > MAX_PLACES:
        return [primary]
    first = found[0].mention.start - sentence_start
    before = _tokens(sentence_text[max(0, first - 30):first])
    while before and before[-1] in _FILLERS and before[-1] not in _BETWEEN:
        before.pop()
    if before and before[-1] in _BETWEEN:
        return [primary]  # "between Yalda and Hajjar al-Aswad": one front line
    if found[0].near:
        # "near Mayadin and Abu Kamal": the list shares its first place's "near".
        found = [c if c.near else replace(c, near=True, geo_precision=max(c.geo_precision, 2)) for c in found]
    return found


#: "ومحافظات الحديدة وتعز", "the provinces of X and Y": a list of provinces, each an event at province level.
_PROVINCES = re.compile(r"(?:" + fold(r"محافظات|المحافظات|ولايات") + r"|provinces|governorates|oblasts|regions)"
                        r"(?:\s+of)?\s+(?:\S+\s+){0,6}\S{0,2}$", re.IGNORECASE)


def _named_province(text: str, at: int, loc: Location) -> bool:
    return loc.mention.place.kind in ("admin1", "admin2") and _PROVINCES.search(fold(text[max(0, at - 60):at])) \
        is not None


def _without_containers(text: str, start: int, points: list[Location]) -> list[Location]:
    """"Sadr City, Baghdad", "Azaz, Aleppo": a place right after another one and a comma that contains it (its
    province's capital or within 15 km) names where the first is, not a second event."""
    out: list[Location] = []
    for loc in points:
        if out:
            prev = out[-1]
            gap = text[prev.mention.end - start:loc.mention.start - start]
            a, b = prev.mention.place, loc.mention.place
            if gap.strip() in (",", "،") and a.country_code == b.country_code and (
                    a.admin1 and a.admin1 == b.admin1 and fold(b.name).lower() in fold(a.admin1).lower()
                    or _km(a, b) <= 15.0):
                continue
        out.append(loc)
    return out


def _km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def split_fatalities(sentence_text: str, sentence_start: int, places: list[Location], total: int | None,
                     count: Callable[[str], int | None], ranked: list[Location] = ()) -> list[int | None]:
    """Fatalities per place of a roundup (see the module docstring).

    `count` reads the death toll of a piece of text (fatalities.count_fatalities);
    `ranked` (the sentence's candidate locations) lets a toll tied to a place named
    again ("... killing four civilians in Sarmin") go to that place.
    """
    n = len(places)
    starts = [p.mention.start - sentence_start for p in places]
    segments = [sentence_text[starts[i]:starts[i + 1] if i + 1 < n else len(sentence_text)] for i in range(n)]
    own = [count(seg) for seg in segments]
    if sum(c is not None for c in own) >= 2:
        return own
    # A place named again after the list, right after a toll: "مقتل أربعة مدنيين في سرمين".
    listed = {id(p) for p in places}
    keys = [p.mention.place.key for p in places]
    again: list[int | None] = [None] * n
    last_end = places[-1].mention.end - sentence_start
    for loc in sorted(ranked, key=lambda c: c.mention.start):
        if id(loc) in listed or loc.mention.start - sentence_start < last_end:
            continue
        start = loc.mention.start - sentence_start
        if loc.mention.place.key in keys:
            k = keys.index(loc.mention.place.key)
            toll = count(sentence_text[last_end:start])
            if toll is not None and again[k] is None:
                again[k] = toll
        last_end = loc.mention.end - sentence_start
    if all(c is None for c in again):
        # The name repeated without being recognised again ("قرى كنصفرة والبارة ... مقتل امرأة في البارة"): found by
        # its words after the list.
        again = _named_again(sentence_text, places[-1].mention.end - sentence_start,
                             [p.mention.text for p in places], count)
    if any(c is not None for c in again):
        return again
    if total is None:
        return [None] * n
    share, rest = divmod(total, n)
    return [share + (1 if i < rest else 0) for i in range(n)]


def _named_again(text: str, after: int, names: list[str], count: Callable[[str], int | None]) -> list[int | None]:
    """Tolls told right before a roundup place's name repeated after the list (one pass over the names)."""
    hits = []
    for k, name in enumerate(names):
        if not name.strip():
            continue
        m = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text[after:])
        if m is not None:
            hits.append((after + m.start(), after + m.end(), k))
    tolls: list[int | None] = [None] * len(names)
    last = after
    for start, end, k in sorted(hits):
        toll = count(text[last:start])
        if toll is not None and tolls[k] is None:
            tolls[k] = toll
        last = end
    return tolls
