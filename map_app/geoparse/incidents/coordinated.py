"""Coordinated event clauses: one sentence that reports several events.

"Turkish air strikes on Ras al-Ayn and Tal Abyad, and artillery fire on villages near Qamishli", "a strike on a
car killed three men in A, and one person was killed in a strike on B", "أصاب صاروخ مبنى في X ما أدى إلى مقتل
شخصين، فيما قتل شخص بهجوم على Y": every coordinated clause that names an event and a place of its own is an event
of its own (ACLED: one event per place, type and day), with the toll and the day its clause gives.

A clause starts at a comma or semicolon before "and/but/while", at "while/whereas/فيما/بينما", at "، و", or at
a bare "and" followed within `BARE_REACH` characters by an event cue ("torched offices in Kisumu and clashed with
police in Mombasa").  A stretch with no event cue of its own (", and the village of Jibbain, killing one more",
", witnesses said") stays with the clause before it: a roundup of places is one clause.

Work is one regex pass and a binary search per boundary (linear in the sentence).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from map_app.geoparse.incidents.normalize import fold
from map_app.geoparse.incidents.taxonomy import Cue

#: A bare "and" starts a clause only when an event cue follows within this many characters.
BARE_REACH = 25
_BOUNDARY = re.compile(
    r"[,;]\s*(?:and|but|while|whereas)\s+|;\s+|\s(?:while|whereas)\s+|(?P<bare>\sand\s+)|"
    + fold(r"[،,؛]\s*(?=و\w)|[،,]?\s*(?:فيما|بينما)\s+"), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    cues: tuple[Cue, ...]

    def holds(self, offset: int) -> bool:
        return self.start <= offset < self.end


def event_clauses(text: str, cues: list[Cue]) -> list[Clause]:
    """The sentence's coordinated clauses, each with its asserted (not habitual) cues, in text order.

    A sentence with fewer than two such cues is one clause.  Offsets are into `text`.
    """
    asserted = sorted((c for c in cues if not c.habitual), key=lambda c: c.start)
    if len(asserted) < 2:
        return [Clause(0, len(text), tuple(asserted))]
    starts = [c.start for c in asserted]
    pieces: list[list[int]] = []  # [start, end, first cue index, cue count]
    last = 0
    for m in _BOUNDARY.finditer(text):
        k = bisect_left(starts, m.end())
        if k == len(starts):
            break  # no cue after it: the rest is one clause
        if m.group("bare") and starts[k] - m.end() > BARE_REACH:
            continue
        pieces.append([last, m.start()])
        last = m.end()
    pieces.append([last, len(text)])
    clauses: list[Clause] = []
    for start, end in pieces:
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        own = tuple(asserted[lo:hi])
        if not own and clauses:
            prev = clauses[-1]
            clauses[-1] = Clause(prev.start, end, prev.cues)  # a tail with no event of its own
        elif clauses and not clauses[-1].cues:
            clauses[-1] = Clause(clauses[-1].start, end, own)  # a lead-in with no event of its own
        else:
            clauses.append(Clause(start, end, own))
    return clauses


def other_clauses(clauses: list[Clause], location, ranked: list, sentence_start: int) -> tuple[Clause, list]:
    """The main event's clause (the one holding its location) and the other clauses that name a place of their
    own, each with its candidate locations (best first): [(clause, [Location, ...]), ...].

    A clause whose best place is one of the main clause's places reports the same event again; one placed
    only at a country or a province is not counted.
    """
    at = location.mention.start - sentence_start
    main = next((c for c in clauses if c.holds(at)), clauses[0])
    keys = {loc.mention.place.key for loc in ranked if main.holds(loc.mention.start - sentence_start)}
    out = []
    for clause in clauses:
        if clause is main or not clause.cues:
            continue
        # (a clause placed only at a country or a province is commentary on the main event, not an event)
        locations = [loc for loc in ranked if clause.holds(loc.mention.start - sentence_start)
                     and loc.geo_precision < 3]
        if locations and locations[0].mention.place.key not in keys:
            out.append((clause, locations))
    return main, out
