"""One incident per event across articles and languages: the rules (no database here).

An incident is handled as a *state*: a dict of its `incidents` columns (dates as
ISO text, flags as 0/1, lists as JSON text, like `sql.incident_row` takes them).
Each article that reports it keeps its own *report* (the state the article
alone would have given, as JSON in its `incident_sources` row), so a merged
incident is always the fold of its reports in source order — which is what
makes a merge reversible (`sources.split_source`).

Two reports are one event when `map_app.geoparse.incidents.merge.same_event`
says so (same event type, same or contained place, dates within a day, a week
or a month by time precision, compatible tolls, no two different attackers);
`as_incident` rebuilds the `Incident` it needs from a state.  Merging keeps,
as ACLED codes one event from several reports:

- the lowest death toll any report gives (a report without a toll is silent,
  not zero);
- the most precise place (lowest geo precision, then a town before a
  district, a district before a governorate, a governorate before a country)
  and the most precise date (day before week before month); ties keep the
  earlier report's;
- every actor, each on its side (`merge.merge_sides`), the interaction code
  recomputed; the specific sub-event type over a generic one; civilian
  targeting if any report says so; the highest parser confidence;
- every review flag, plus "merged" ("area_only" only while the place is an area);
- the first report's evidence sentence (each source keeps its own).
"""
from __future__ import annotations

import json
import math
from datetime import timedelta
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping

from map_app.store.sql import (
    BOOLEAN_COLUMNS, TABLES, incident_row, incident_search, merge_key, plain, to_date)

#: Every column of `incidents`, in INSERT_INCIDENT's order (unquoted).
INCIDENT_COLUMNS = tuple(c.strip('"') for c in TABLES["incidents"])
#: Columns that are the store's own, not a report's.
_STORE_COLUMNS = frozenset({"id", "merge_key", "search", "demo", "version", "reviewed", "rejected",
                            "reviewed_by", "reviewed_at"})
#: What a source keeps of its own report.
REPORT_COLUMNS = tuple(c for c in INCIDENT_COLUMNS if c not in _STORE_COLUMNS)
#: The place of an incident: moved together when a more precise report arrives.
PLACE_COLUMNS = ("place_key", "place_name", "place_kind", "lat", "lon", "geonameid",
                 "country_code", "admin1", "admin2", "admin3", "geo_precision", "location",
                 "location_start", "location_end")
#: Columns a merge may change (the rest stay the first report's or the store's).
MERGED_COLUMNS = (*PLACE_COLUMNS, "merge_key", "sub_event_type", "event_date", "time_precision",
                  "fatalities", "actors", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
                  "inter1", "inter2", "interaction", "civilian_targeting", "disorder_type", "tags",
                  "review_flags", "confidence", "search", "evidence", "start", "end")
#: Sub-event types a specific report may refine: `merge.GENERIC_SUBS` and "" (unknown);
#: written out so that importing the store does not load the incident extraction.
GENERIC_SUBS = frozenset({"", "Armed clash", "Remote explosive/landmine/IED", "Other"})
#: A place kind's rank among places of the same geo precision (lower is more precise).
_KIND_RANK = {"country": 4, "admin1": 3, "region": 3, "water": 3, "admin2": 2, "unlisted": 1}
AREA_KINDS = ("country", "admin1", "admin2", "region", "water")
_ORDER = {c: i for i, c in enumerate(INCIDENT_COLUMNS)}


# --------------------------------------------------------------------------- states and reports


#: Columns a backend may return as date/datetime/bool objects (PostgreSQL).
_TYPED = ("event_date", "reviewed_at", "reviewed", "rejected", "demo", "civilian_targeting")


def state_from_row(row: Iterable[Any]) -> dict[str, Any]:
    """A state from a stored `incidents` row (INCIDENT_COLUMNS' order), values made plain."""
    state = dict(zip(INCIDENT_COLUMNS, row, strict=True))
    for column in _TYPED:
        state[column] = plain(state[column])
    return state


def state_from_values(row: tuple) -> dict[str, Any]:
    """A state from an INSERT_INCIDENT row (a prepared incident's)."""
    return dict(zip(INCIDENT_COLUMNS, row, strict=True))


def row_from_state(state: Mapping[str, Any]) -> tuple:
    """INSERT_INCIDENT's parameters for a state (flags as booleans for PostgreSQL)."""
    return incident_row({c: (bool(v) if c in BOOLEAN_COLUMNS and v is not None else v)
                         for c, v in state.items()})


def db_value(column: str, value: Any) -> Any:
    """A state value as an UPDATE parameter (booleans for PostgreSQL's boolean columns)."""
    return bool(value) if column in BOOLEAN_COLUMNS and value is not None else value


def report_json(state: Mapping[str, Any], candidates: Iterable[str] = ()) -> str:
    """A report as its source keeps it: {"report": {column: value}, "candidates": [place,
    ...]} (the candidates are `place_json` texts already, so they are spliced in as they are)."""
    data = {c: state.get(c) for c in REPORT_COLUMNS}
    data["civilian_targeting"] = int(bool(data["civilian_targeting"]))
    return (f'{{"report": {json.dumps(data, ensure_ascii=False)}, '
            f'"candidates": [{", ".join(candidates)}]}}')


def state_from_report(text: str, **store: Any) -> tuple[dict[str, Any], list[str]]:
    """(state, place candidates as `place_json` texts) of a stored report; `store` sets the
    store's columns."""
    data = json.loads(text)
    candidates = [json.dumps(p, ensure_ascii=False) for p in data.get("candidates", ())]
    data = data["report"]
    state = {c: data.get(c) for c in INCIDENT_COLUMNS}
    state.update(demo=0, version=1, reviewed=0, rejected=0, reviewed_by=None, reviewed_at=None)
    state.update(store)
    return finish(state), candidates


def finish(state: dict[str, Any]) -> dict[str, Any]:
    """Fill the derived columns: merge key and search key."""
    state["merge_key"] = merge_key(state.get("place_key"), state.get("event_type"),
                                   state.get("event_date"))
    state["search"] = incident_search(state.get("evidence") or "", state.get("location"),
                                      state.get("place_name"), _list(state.get("actors")))
    return state


def _list(value: Any) -> list[str]:
    if not value or value == "[]":
        return []
    return list(_parsed(value)) if isinstance(value, str) else list(value)


@lru_cache(maxsize=8192)
def _parsed(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def _json(values: Iterable[str]) -> str:
    unique = tuple(dict.fromkeys(v for v in values if v))
    return _dumped(unique) if unique else "[]"


@lru_cache(maxsize=8192)
def _dumped(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


# --------------------------------------------------------------------------- same event


def mergeable(state: Mapping[str, Any]) -> bool:
    """Only a located, dated report can be matched with another article's."""
    return bool(state.get("event_date")) and state.get("lat") is not None \
        and state.get("lon") is not None and bool(state.get("event_type"))


class _PlaceView:
    """What `merge.same_event` reads of a `Place` (a plain object: cheaper than the frozen
    dataclass, built for every candidate)."""

    __slots__ = ("key", "name", "lat", "lon", "kind", "country_code", "admin1", "admin2")

    def __init__(self, state: Mapping[str, Any]):
        self.kind = state.get("place_kind") or "populated_place"
        self.name = state.get("place_name") or state.get("location") or ""
        self.lat, self.lon = float(state["lat"]), float(state["lon"])
        self.country_code = state.get("country_code")
        self.admin1, self.admin2 = state.get("admin1"), state.get("admin2")
        geonameid = state.get("geonameid")  # `Place.key`'s rule
        self.key = f"gn:{geonameid}" if geonameid is not None else \
            f"{self.kind}:{self.country_code or ''}:{self.name}"


class _IncidentView:
    """What `merge.same_event` reads of an `Incident`."""

    __slots__ = ("event_type", "sub_event_type", "place", "event_date", "time_precision",
                 "geo_precision", "fatalities", "actor1", "assoc_actor_1")

    def __init__(self, state: Mapping[str, Any]):
        self.place = place = _PlaceView(state)
        self.event_type = state["event_type"]
        self.sub_event_type = state.get("sub_event_type") or ""
        self.event_date = to_date(state.get("event_date"))
        self.time_precision = state.get("time_precision")
        self.geo_precision = state.get("geo_precision") or (
            3 if place.kind in ("country", "admin1", "region", "water")
            else 2 if place.kind == "admin2" else 1)
        self.fatalities = state.get("fatalities")
        self.actor1 = state.get("actor1")
        self.assoc_actor_1 = _list(state.get("assoc_actor_1"))


def as_incident(state: Mapping[str, Any]) -> Any:
    """What `same_event` compares (an `Incident` with its `Place`, as far as it reads
    them), from a state."""
    return _IncidentView(state)


def same_event(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two states report one event (`map_app.geoparse.incidents.merge.same_event`)."""
    return mergeable(a) and event_matcher(a)(b)


def event_matcher(state: Mapping[str, Any]) -> Callable[[Mapping[str, Any]], bool]:
    """`same_event(state, other)` for many others (`state`'s Incident built once)."""
    from map_app.geoparse.incidents.merge import same_event as same

    mine = as_incident(state)

    def matcher(other: Mapping[str, Any]) -> bool:
        if not mergeable(other):
            return False
        theirs = other.get("_incident") if isinstance(other, dict) else None
        if theirs is None:
            theirs = as_incident(other)
            if isinstance(other, dict) and "id" in other:  # a stored row met again
                other["_incident"] = theirs
        return same(mine, theirs)

    return matcher


@lru_cache(maxsize=4096)
def date_windows(event_date: str, time_precision: int | None
                 ) -> tuple[tuple[str, str, str, str] | None, tuple[str, str]]:
    """Where stored reports of the same event may lie, by `same_event`'s date test:
    (days, month).  days — (first, last day for week-precise stored reports, first, last
    day for day-precise ones or ones without a precision) — is None for a month-precise
    report, which matches anything of its month; month is (first, last day) of the month,
    where month-precise stored reports match."""
    day = to_date(event_date)
    first = day.replace(day=1)
    month = (first.isoformat(),
             ((first + timedelta(days=32)).replace(day=1) - timedelta(days=1)).isoformat())
    own = time_precision or 1
    if own >= 3:
        return None, month
    week, near = timedelta(days=4), timedelta(days=4 if own == 2 else 1)
    return ((day - week).isoformat(), (day + week).isoformat(), (day - near).isoformat(),
            (day + near).isoformat()), month


#: Kinds that `same_event` may treat as an area containing other places.
_AREA_LIKE = frozenset((*AREA_KINDS, "unlisted"))
#: Two points farther apart than this are never one place (`merge.SAME_PLACE_KM`, with slack
#: for the flat-earth estimate below).
_POINT_KM = 10.5


#: Farther apart than this, an area contains a place only by its names (`merge.contains`:
#: the largest of its radii, `merge.AREA_RADIUS_KM`, with slack for the estimate below).
_AREA_KM = 61.0


def may_match(state: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """A cheap test before `same_event` (never False when it would be True): sub-event
    types compatible, and the places the same, close enough, or (for an area far from
    the other place) in one country with an admin name in common."""
    sub, other_sub = state.get("sub_event_type") or "", other.get("sub_event_type") or ""
    if sub != other_sub and sub not in GENERIC_SUBS and other_sub not in GENERIC_SUBS:
        return False
    if state.get("place_key") == other.get("place_key"):
        return True
    areas = [s for s in (state, other)
             if (s.get("geo_precision") or 1) > 1 or s.get("place_kind") in _AREA_LIKE]
    dlat = (other["lat"] - state["lat"]) * 111.2
    dlon = (other["lon"] - state["lon"]) * 111.2 * math.cos(math.radians(state["lat"]))
    km2 = dlat * dlat + dlon * dlon
    if not areas:
        return km2 <= _POINT_KM * _POINT_KM
    if km2 <= _AREA_KM * _AREA_KM:
        return True
    a, b = state.get("country_code"), other.get("country_code")
    if a and b and a != b:
        return False
    if any(s.get("place_kind") == "country" for s in areas):
        return True
    return bool(_admin_names(state) & _admin_names(other))


def _admin_names(state: Mapping[str, Any]) -> set[str]:
    """The admin names (folded like `merge.contains` folds them) a place is or lies in."""
    from map_app.geoparse.incidents.merge import _admin_key

    return {k for k in (_admin_key(state.get("admin1")), _admin_key(state.get("admin2")),
                        _admin_key(state.get("place_name"))) if k}


def is_area(state: Mapping[str, Any]) -> bool:
    return (state.get("place_kind") in AREA_KINDS) or (state.get("geo_precision") or 1) >= 2


# --------------------------------------------------------------------------- merging


def _rank(state: Mapping[str, Any]) -> tuple[int, int]:
    kind = state.get("place_kind")
    return (state.get("geo_precision") or (3 if kind in AREA_KINDS else 1),
            _KIND_RANK.get(kind or "", 0))


def _least(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else min(a, b)


class _Sides:
    """The actor fields `merge.merge_sides` reads and writes."""

    __slots__ = ("actor1", "inter1", "assoc_actor_1", "actor2", "inter2", "assoc_actor_2")

    def __init__(self, state: Mapping[str, Any]):
        self.actor1, self.inter1 = state.get("actor1"), state.get("inter1")
        self.assoc_actor_1 = _list(state.get("assoc_actor_1"))
        self.actor2, self.inter2 = state.get("actor2"), state.get("inter2")
        self.assoc_actor_2 = _list(state.get("assoc_actor_2"))


def merge_states(kept: Mapping[str, Any], report: Mapping[str, Any], *,
                 same_article: bool = False) -> dict[str, Any]:
    """The state of `kept` once `report` (another report of its event) is merged in.

    `same_article`: both come from one article, so the place's offsets stay valid."""
    from map_app.geoparse.incidents.acled import interaction
    from map_app.geoparse.incidents.merge import merge_sides

    out = dict(kept)
    sub = report.get("sub_event_type") or ""
    if (kept.get("sub_event_type") or "") in GENERIC_SUBS and sub not in GENERIC_SUBS:
        out["sub_event_type"] = sub
    moved = report.get("lat") is not None and (
        kept.get("lat") is None or _rank(report) < _rank(kept))
    if moved:
        for column in PLACE_COLUMNS:
            out[column] = report.get(column)
        if not same_article:  # offsets into another article than the evidence's
            out["location_start"] = out["location_end"] = None
    if report.get("event_date") and (not kept.get("event_date") or (
            (report.get("time_precision") or 1) < (kept.get("time_precision") or 1))):
        out["event_date"], out["time_precision"] = report["event_date"], report.get("time_precision")
    out["fatalities"] = _least(kept.get("fatalities"), report.get("fatalities"))
    out["actors"] = _json([*_list(kept.get("actors")), *_list(report.get("actors"))])
    sides = _Sides(kept)
    merge_sides(sides, _Sides(report))
    out.update(actor1=sides.actor1, inter1=sides.inter1, actor2=sides.actor2, inter2=sides.inter2,
               assoc_actor_1=_json(sides.assoc_actor_1), assoc_actor_2=_json(sides.assoc_actor_2))
    if (sides.inter1, sides.inter2) != (kept.get("inter1"), kept.get("inter2")):
        out["interaction"] = interaction(sides.inter1, sides.inter2)
    out["civilian_targeting"] = int(bool(kept.get("civilian_targeting"))
                                    or bool(report.get("civilian_targeting")))
    out["confidence"] = max(kept.get("confidence") or 0.0, report.get("confidence") or 0.0)
    out["disorder_type"] = kept.get("disorder_type") or report.get("disorder_type")
    out["tags"] = kept.get("tags") or report.get("tags") or ""
    flags = [f for f in [*_list(kept.get("review_flags")), *_list(report.get("review_flags")),
                         "merged"] if f != "area_only"]
    if (out.get("geo_precision") or 1) >= 3:
        flags.insert(0, "area_only")
    out["review_flags"] = _json(flags)
    if any(out.get(c) != kept.get(c) for c in _SEARCHED) or not kept.get("search"):
        return finish(out)
    out["merge_key"] = merge_key(out.get("place_key"), out.get("event_type"), out.get("event_date"))
    return out


#: What an incident's search key is made of (`finish`).
_SEARCHED = ("evidence", "location", "place_name", "actors")


def fold(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The state of an incident made of these reports (source order)."""
    state = dict(reports[0])
    for report in reports[1:]:
        state = merge_states(state, report)
    return state


def changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The merged columns whose value differs (in table order)."""
    out = {c: new.get(c) for c in MERGED_COLUMNS if new.get(c) != old.get(c)}
    return dict(sorted(out.items(), key=lambda kv: _ORDER[kv[0]]))
