"""Where did the event happen: pick one of a sentence's resolved place mentions.

A sentence often names several places: the launch site and the target, the
town and its governorate, the country of the actor.  ACLED codes the event at
the most precise location of the event itself, so:

1. Names inside an actor ("المقاومة الإسلامية في العراق") are not locations.
2. Destination beats origin: in "drones launched from Iraq towards the Golan"
   / "مسيرات أطلقت من العراق باتجاه الجولان" the event is at the Golan.  An
   origin ("from/من X") is dropped when the sentence also has a destination
   ("towards/into/reached/باتجاه/نحو/إلى/وصلت/على X") or a launch verb.
3. Then the most specific kind wins (town/facility/crossing > district >
   region/governorate > country), then a destination, then the first named.

geo_precision (ACLED): 1 a named town, facility or crossing; 2 the same with
a "near/outskirts/north of/ريف/قرب/محيط/أطراف/عند الحدود" cue, a district,
or a small region (a region or water body the gazetteer places inside one
governorate); 3 a governorate, a country or a region spanning several
governorates.  Country-only events are kept (precision 3): analysts want
"airstrikes on ISIS camps in Syria" on the map even though ACLED drops them.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from gazetteer.place import Place
from map_app.document import Mention
from map_app.incidents.normalize import TOKEN, Folded, fold, fold_pattern

POINT_KINDS = frozenset({"populated_place", "facility", "crossing"})
KIND_RANK = {"populated_place": 0, "facility": 0, "crossing": 0, "admin2": 1, "region": 2, "water": 2,
             "admin1": 2, "country": 3}

_F = fold_pattern
NEAR_WORDS = frozenset(_F(w) for w in (
    "قرب", "بالقرب", "قريبا", "مقربة", "بمقربة", "محيط", "بمحيط", "ريف", "بريف", "أطراف", "بأطراف",
    "ضواحي", "مشارف", "تخوم", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي",
    "الحدود", "حدود", "بعد", "مدخل", "محاذاة", "أرياف", "بادية", "جوار", "بجوار",
    "near", "nearby", "outside", "outskirts", "suburbs", "suburb", "north", "south", "east", "west",
    "northeast", "northwest", "southeast", "southwest", "northern", "southern", "eastern", "western",
    "vicinity", "around", "close", "border", "borders", "countryside", "rural", "edge", "km",
    "kilometres", "kilometers", "miles", "outskirt",
))
DEST_WORDS = frozenset(_F(w) for w in (
    "باتجاه", "اتجاه", "تجاه", "نحو", "صوب", "إلى", "الى", "حتى", "على", "وصلت", "وصل", "بلغت",
    "استهدف", "استهدفت", "استهدفوا", "يستهدف", "تستهدف", "قصف", "قصفت", "ضرب", "ضربت", "هاجم",
    "هاجمت", "داخل", "أجواء", "فوق",
    "towards", "toward", "to", "into", "at", "on", "reached", "reaching", "hit", "hitting", "struck",
    "targeting", "targeted", "against", "over", "inside", "onto",
))
ORIGIN_WORDS = frozenset(_F(w) for w in ("من", "انطلاقا", "قادمة", "قادما", "from"))
#: Words between a cue and the name that do not change its role ("towards the town of X").
FILLERS = frozenset(_F(w) for w in (
    "مدينة", "بلدة", "قرية", "قاعدة", "منطقة", "مطار", "معبر", "حي", "مخيم", "ناحية", "محافظة",
    "قضاء", "مناطق", "مدن", "بلدات", "قرى", "موقع", "مواقع", "حقل", "سد", "جبل", "هضبة", "مرتفعات",
    "عاصمة", "العاصمة", "ال", "the", "town", "city", "village", "of", "base", "area", "province",
    "governorate", "district", "camp", "airport", "crossing", "region", "heights", "occupied",
    "field", "military", "airbase", "air", "outpost",
))
_LAUNCH = re.compile(_F(r"(?<!\w)(?:[وف]?(?:أطلق|انطلق|قادم|أقلع|[يت]طلق)\w*)(?!\w)") +
                     r"|(?<!\w)(?:launch(?:ed|ing|es)?|fired|coming|originat\w*|took\s+off|flew|fly)(?!\w)",
                     re.IGNORECASE)
#: Prepositions linking a near-word to the name: "بالقرب من"، "عند الحدود مع"، "10 km from".
_LINKS = frozenset(_F(w) for w in ("من", "عن", "مع", "of", "from", "with", "to"))
_CLAUSE = re.compile(r"[.!?؟;؛]")
_WORD = re.compile(TOKEN)
_CLITIC = re.compile(r"^(?:[وف]?[بلك]?ال|[وف]?[بلك]|[وف])(?=\w{2,})")


@dataclass(frozen=True, slots=True)
class Location:
    mention: Mention
    geo_precision: int
    role: str  # "destination" | "origin" | "" (neutral)
    near: bool


@lru_cache(maxsize=256)
def _fold_cue(cue: str) -> str:
    return fold(cue).lower()


def _bare(token: str) -> str:
    return _CLITIC.sub("", token)


def _is_filler(token: str) -> bool:
    return token in FILLERS or _bare(token) in FILLERS


def role_of(text_before: str, cue: str | None = None, *, is_folded: bool = False) -> tuple[str, bool]:
    """(role, near) of a name from the text right before it in its sentence."""
    tail = text_before[-80:]
    tokens = _WORD.findall((tail if is_folded else fold(tail)).lower())
    while tokens and _is_filler(tokens[-1]):
        tokens.pop()
    last = tokens[-1] if tokens else ""
    prev = tokens[-2] if len(tokens) > 1 else ""
    cue = _fold_cue(cue) if cue else None
    near = (last in NEAR_WORDS or _bare(last) in NEAR_WORDS or (cue in NEAR_WORDS if cue else False)
            or (last in _LINKS and (prev in NEAR_WORDS or _bare(prev) in NEAR_WORDS)))
    if near:
        return "", True
    if last in DEST_WORDS or _bare(last) in DEST_WORDS or (cue in DEST_WORDS if cue else False):
        return "destination", False
    if last in ORIGIN_WORDS or (cue in ORIGIN_WORDS if cue else False):
        return "origin", False
    return "", False


def geo_precision(place: Place, near: bool) -> int:
    """ACLED geo_precision for an event placed at `place` (see module docstring)."""
    if place.kind in POINT_KINDS:
        return 2 if near else 1
    if place.kind == "admin2":
        return 2
    if place.kind in ("region", "water"):
        return 2 if place.admin1 else 3
    return 3


def choose_location(sentence_text: str, sentence_start: int, mentions: list[Mention],
                    excluded: list[tuple[int, int]] = (), *, folded: Folded | None = None) -> Location | None:
    """The mention where the sentence's event happened, or None.

    `mentions` are the sentence's mentions (document offsets); `excluded`
    lists document spans (actor names) whose places are not locations;
    `folded` reuses a folding of `sentence_text`.
    """
    if not any(m.place is not None for m in mentions):
        return None
    f = folded if folded is not None else Folded(sentence_text)
    ftext = f.text
    spans = sorted(excluded)
    span_starts = [s for s, _e in spans]
    candidates: list[Location] = []
    for m in mentions:
        if m.place is None:
            continue
        k = bisect_left(span_starts, m.end) - 1  # the last span starting before the mention ends
        if k >= 0 and max(e for _s, e in spans[max(0, k - 3):k + 1]) > m.start:
            continue  # inside an actor name
        rel = min(len(sentence_text), max(0, m.start - sentence_start))
        end = f.to_folded(rel)
        before = ftext[max(0, end - 200):end]  # a bounded look-back keeps long sentences linear
        cut = None
        for cut in _CLAUSE.finditer(before):
            pass
        if cut is not None:
            before = before[cut.end():]
        role, near = role_of(before, m.cue, is_folded=True)
        candidates.append(Location(m, geo_precision(m.place, near), role, near))
    if not candidates:
        return None
    roles = {c.role for c in candidates}
    if "origin" in roles and len(roles) > 1 and ("destination" in roles or _LAUNCH.search(ftext)):
        candidates = [c for c in candidates if c.role != "origin"]
    best = min(
        enumerate(candidates),
        key=lambda ic: (KIND_RANK.get(ic[1].mention.place.kind, 3), ic[1].role != "destination", ic[0]),
    )[1]
    return best
