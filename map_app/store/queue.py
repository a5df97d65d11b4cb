"""The review queue: unreviewed incidents ordered by how much they need an analyst.

The parser's confidence alone does not separate wrong placements (they often
carry 0.8–0.97), so doubt adds up several signals, each with its reason shown:

- low confidence: ``1 - confidence``;
- the runner-up place scored close to the chosen one (``RUNNER_UP_GAP``);
- the pin is outside the region the desk covers (``REGION``) or missing;
- a village the gazetteer lacks, pinned at its containing area (kind
  ``unlisted`` or flags ``unlisted_place`` / ``area_only``);
- the incident merges several articles (their figures may disagree);
- any other review flag the parser raised.

Written once for both backends: the store reads a few plain columns and the
two best candidates, and the scoring happens here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

#: Countries the desk covers; a pin elsewhere is suspicious.
REGION = frozenset({"SY", "IQ"})
#: A runner-up whose score is within this of the chosen place is a close call.
RUNNER_UP_GAP = 0.15
WEIGHTS = {"runner_up": 0.6, "outside": 0.7, "unlocated": 0.9, "area": 0.5, "merged": 0.25,
           "flag": 0.2}
AREA_FLAGS = frozenset({"unlisted_place", "area_only"})


@dataclass(frozen=True)
class QueueItem:
    """One incident in the queue: its doubt score and the reasons behind it."""

    incident_id: int
    doubt: float
    reasons: tuple[str, ...]


def doubt(*, confidence: float | None, country_code: str | None, located: bool,
          place_kind: str | None, flags: Iterable[str], sources: int,
          scores: tuple[float, ...]) -> tuple[float, tuple[str, ...]]:
    """(doubt score, reasons) for one incident; see the module doc."""
    conf = float(confidence or 0.0)
    total = 1.0 - conf
    reasons: list[str] = []
    if conf < 0.75:
        reasons.append(f"low confidence ({conf:.2f})")
    if len(scores) >= 2:
        gap = scores[0] - scores[1]
        if gap < RUNNER_UP_GAP:
            total += WEIGHTS["runner_up"] * (1 - max(gap, 0.0) / RUNNER_UP_GAP)
            reasons.append(f"runner-up place close (gap {max(gap, 0.0):.2f})")
    if not located:
        total += WEIGHTS["unlocated"]
        reasons.append("no place on the map")
    elif country_code not in REGION:
        total += WEIGHTS["outside"]
        reasons.append(f"outside the region ({country_code or 'no country'})")
    flags = set(flags)
    if place_kind == "unlisted" or flags & AREA_FLAGS:
        total += WEIGHTS["area"]
        reasons.append("unknown village placed by its area")
    if sources > 1 or "merged" in flags:
        total += WEIGHTS["merged"]
        reasons.append(f"merged from {max(sources, 2)} articles")
    others = sorted(flags - AREA_FLAGS - {"merged", "runner_up_close"})
    if others:
        total += WEIGHTS["flag"]
        reasons.append("flagged: " + ", ".join(others))
    return round(total, 4), tuple(reasons)


def rank(rows: Iterable[tuple], candidates: dict[int, list[float]], limit: int
         ) -> list[QueueItem]:
    """Queue items from (id, confidence, country, lat, place_kind, flags_json, n_sources)."""
    items = []
    for iid, conf, cc, lat, kind, flags, n_sources in rows:
        score, reasons = doubt(
            confidence=conf, country_code=cc, located=lat is not None, place_kind=kind,
            flags=json.loads(flags or "[]"), sources=int(n_sources or 0),
            scores=tuple(candidates.get(iid, ())))
        items.append(QueueItem(int(iid), score, reasons))
    items.sort(key=lambda it: (-it.doubt, it.incident_id))
    return items[:limit] if limit else items


def candidate_scores(rows: Iterable[tuple[int, int, str]]) -> dict[int, list[float]]:
    """{incident id: [score of candidate 0, score of candidate 1]} from candidate rows."""
    out: dict[int, list[float]] = {}
    for iid, _rank, place in rows:
        try:
            score = float(json.loads(place).get("score") or 0.0)
        except (ValueError, AttributeError):
            continue
        out.setdefault(int(iid), []).append(score)
    return out


def as_dict(item: QueueItem) -> dict[str, Any]:
    return {"id": item.incident_id, "doubt": item.doubt, "reasons": list(item.reasons)}
