"""Sentences that retell an event already coded (used by extract.py).

A later sentence often adds to an event rather than report a new one: the tolls of each place of a
roundup ("Five were killed in Jenin, and one in Tulkarm"), the town of an event first placed at a
mountain range or region ("The raid targeted a hideout near Hawija"), property the attackers also
burned, or the attacks someone was responsible for.  The helpers here find the incident such a
sentence belongs to and update it; each looks back over a bounded number of incidents.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from map_app.geoparse.document import Sentence
from map_app.geoparse.incidents.fatalities import bare_count, count_fatalities
from map_app.geoparse.incidents.merge import Draft
from map_app.geoparse.incidents.normalize import fold
from map_app.geoparse.incidents.reports import add_report

_PIECE_BREAK = re.compile(r"[,;،؛]")
#: Right before a cue: someone's responsibility for it, not a report of it.
RESPONSIBLE = re.compile(r"(?:responsib\w*|blamed|" + fold(r"مسؤول\w*|المسؤول\w*|مسؤولية\w*") +
                          r")\s+(?:for|عن)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: The attackers just told, named again: "the attackers also torched", "وأحرق المهاجمون".
BY_ATTACKERS = re.compile(r"(?<!\w)(?:the\s+(?:attackers|assailants|gunmen|militants|raiders|fighters)|also|" +
                           fold(r"[وف]?(?:ال)?(?:مهاجمون|مهاجمين|مسلحون|مسلحين)|أيضا|كذلك") + r")(?!\w)",
                           re.IGNORECASE)
#: How many of the latest incidents a sentence retelling a roundup's tolls looks back over.
MAX_RETOLD = 12


def area_antecedent(drafts: list[Draft], article: int, event_type: str) -> Draft | None:
    """The article's last incident when it is of `event_type` and placed only at a region or a range (not a
    country or governorate): the event a definite "the raid" retells."""
    if not drafts:
        return None
    last = drafts[-1]
    inc = last.incident
    if last.article != article or inc.event_type != event_type or inc.place is None:
        return None
    return last if inc.place.kind in ("region", "mountain", "water") else None


def inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """`offset` falls in one of the sorted, non-overlapping `spans` (`starts`: their starts)."""
    k = bisect_right(starts, offset) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]


def retold_tolls(drafts: list[Draft], article: int, s: Sentence, ranked: list, fatalities: int | None) -> bool:
    """A sentence retelling a roundup with each place's toll sets those tolls (the roundup's total was only split
    evenly).  True when it did."""
    places, seen = [], set()
    for loc in ranked:
        key = loc.mention.place.key
        if loc.role != "actor" and loc.geo_precision < 3 and key not in seen:
            seen.add(key)
            places.append(loc)
    if len(places) < 2 or fatalities is None:
        return False
    targets = []
    for loc in places:
        target = next((d for d in reversed(drafts[-MAX_RETOLD:]) if d.article == article
                       and "roundup" in d.incident.review_flags and d.incident.place is not None
                       and d.incident.place.key == loc.mention.place.key), None)
        if target is None:
            return False
        targets.append(target)
    pairs = sorted(zip(places, targets), key=lambda pair: pair[0].mention.start)
    places, targets = [p for p, _t in pairs], [t for _p, t in pairs]
    # Each place's piece runs to the last clause break before the next place: "killed six in Saraqib, while
    # three died in Sarmin", "أدى إلى مقتل ستة في سراقب، بينما قتل ثلاثة في سرمين".
    cuts = [0]
    for a, b in zip(places, places[1:]):
        gap = s.text[a.mention.end - s.start:b.mention.start - s.start]
        breaks = [m.end() for m in _PIECE_BREAK.finditer(gap)]
        cuts.append(a.mention.end - s.start + (breaks[-1] if breaks else 0))
    cuts.append(len(s.text))
    tolls = [count_fatalities(s.text[cuts[k]:cuts[k + 1]]) for k in range(len(places))]
    if tolls[0] is not None:
        # "Five were killed in Jenin, and one in Tulkarm": the later pieces leave out the death word.
        tolls = [t if t is not None else bare_count(s.text[cuts[k]:cuts[k + 1]]) for k, t in enumerate(tolls)]
    if sum(t is not None for t in tolls) < 2:
        return False
    for target, toll in zip(targets, tolls):
        if toll is not None:
            target.incident.fatalities = toll
        add_report(target, None, [], (s.start, s.end))
    return True
