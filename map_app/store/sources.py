"""An incident's sources in the database: finding the stored event a new report
belongs to, attaching the report, and splitting a source off again.

Runs inside a writer's transaction (`c` is a `base.Cx`); the rules are in
`merging`.  The lookup is bounded: one statement per group of an article's
reports of one day (`match_all`), at most three index range scans on
``incidents(event_type, coalesce(time_precision, 1), event_date)`` (over
the days `merging.date_windows` allows), kept to stored reports within `BOX_KM`
of a report or to areas of its country that share an admin name with it; each
report then compares at most `MAX_CANDIDATES` of them (nearest first) with
`same_event`.  A group whose candidates exceed that is looked up report by
report, nearest first.
"""
from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any, Callable, Iterable, Mapping

from map_app.store import merging
from map_app.store.merging import INCIDENT_COLUMNS, db_value, state_from_report
from map_app.store.sql import INSERT_ACTOR, INSERT_INCIDENT, INSERT_SOURCE, plain

#: Stored incidents compared with one new report, at most.
MAX_CANDIDATES = 64
#: Half the side of the box searched around a report's point (km): the largest radius
#: within which `same_event` lets an area (a district, a region) contain a town.
BOX_KM = 60.0
_COLS = ", ".join('i."end"' if c == "end" else f"i.{c}" for c in INCIDENT_COLUMNS)
#: What the lookup reads of a candidate (`same_event`'s inputs; the whole state is read
#: for the one chosen).
MATCH_COLUMNS = ("id", "place_key", "place_name", "location", "place_kind", "lat", "lon",
                 "geonameid", "country_code", "admin1", "admin2", "geo_precision", "event_type",
                 "sub_event_type", "event_date", "time_precision", "fatalities", "actor1",
                 "assoc_actor_1", "rejected")
_NAMES = (*MATCH_COLUMNS, "near")
_AREA_KIND_SQL = ", ".join(f"'{k}'" for k in merging.AREA_KINDS)
#: One branch of a lookup: an index range scan on incidents_event (event types, time
#: precisions, days), kept to the box around the reports' points, or to those areas (or,
#: for an area's report, those places) of their countries that share an admin name with
#: them (an area far from a place contains it only by name: `merge.contains`).
_BRANCH = ("SELECT {columns} FROM incidents i "
           "WHERE i.event_type IN ({types}) AND coalesce(i.time_precision, 1) {precision} "
           "AND i.event_date BETWEEN ? AND ? AND i.demo = ? "
           "AND ({boxes} OR "
           "(i.country_code IN ({countries}) AND i.lat IS NOT NULL "
           f"AND (? OR i.geo_precision >= 2 OR i.place_kind IN ({_AREA_KIND_SQL})) "
           "AND (? OR i.place_kind = 'country' OR ? LIKE '%|' || i.admin1 || '|%' "
           "OR ? LIKE '%|' || i.admin2 || '|%' OR ? LIKE '%|' || i.place_name || '|%')))")
_LOOKUPS: dict[tuple, str] = {}


def _bucket(n: int) -> int:
    """Lists of values are padded to a few lengths, so few statements are compiled."""
    size = 1
    while size < n:
        size *= 2
    return size


def _lookup_sql(types: int, countries: int, month: bool, nearest: bool, boxes: int = 1) -> str:
    """A lookup's SQL.  A day- or week-precise report reads stored day-precise reports of
    the days around, week-precise ones of the days around its week and month-precise ones of
    its month (a range scan each); a month-precise one reads its month
    (`merging.date_windows`).  `nearest`: the nearest first, to a limit (else just the limit)."""
    key = (types, countries, month, nearest, boxes)
    sql = _LOOKUPS.get(key)
    if sql is None:
        columns = ", ".join("i." + c for c in MATCH_COLUMNS)
        if nearest:
            columns += ", abs(i.lat - ?) + abs(i.lon - ?) AS near"
        parts = dict(columns=columns, types=",".join("?" * types),
                     countries=",".join("?" * countries),
                     boxes=" OR ".join(["(i.lat BETWEEN ? AND ? AND i.lon BETWEEN ? AND ?)"]
                                       * boxes))
        months = _BRANCH.format(precision="IN (1, 2, 3)" if month else "= 3", **parts)
        days = _BRANCH.format(precision="= 1", **parts)
        weeks = _BRANCH.format(precision="= 2", **parts)
        sql = months if month else f"{days} UNION ALL {weeks} UNION ALL {months}"
        sql = _LOOKUPS[key] = sql + (" ORDER BY near LIMIT ?" if nearest else " LIMIT ?")
    return sql


def _lookup(c: Any, group: list[Mapping[str, Any]], demo: bool, limit: int,
            near: tuple[float, float] | None = None) -> list[tuple]:
    """Rows (MATCH_COLUMNS, then "near" when `near` is a point) that the reports of one
    day and time precision may share an event with."""
    boxes = sorted({_box(s) for s in group})
    boxes += [(1.0, 0.0, 1.0, 0.0)] * (_bucket(len(boxes)) - len(boxes))  # (empty boxes)
    types = sorted({s["event_type"] for s in group})
    countries = sorted({s.get("country_code") or "" for s in group})
    # the admin names, as one "|a|b|" text that a name is found in with LIKE ("%" or "_" in a
    # name only lets more rows through: `_own` checks them again)
    names = "|" + "|".join(sorted({n for s in group for n in (
        s.get("admin1"), s.get("admin2"), s.get("place_name")) if n})) + "|"
    area = any(merging.is_area(s) for s in group)
    country = any(s.get("place_kind") == "country" for s in group)
    days, month = merging.date_windows(group[0]["event_date"], group[0].get("time_precision"))
    head = (*(near or ()), *types)
    where = (bool(demo), *(v for box in boxes for v in box), *countries, area, country,
             names, names, names)
    params = (*head, *month, *where) if days is None else (
        *head, *days[2:], *where, *head, *days[:2], *where, *head, *month, *where)
    sql = _lookup_sql(len(types), len(countries), days is None, near is not None, len(boxes))
    return c.run(sql, (*params, limit)).fetchall()


SELECT_STATE = f"SELECT {_COLS} FROM incidents i WHERE i.id = ?"


def load_state(c: Any, incident_id: int) -> dict[str, Any]:
    row = c.one(SELECT_STATE, (incident_id,))
    if row is None:
        raise KeyError(f"no incident with id {incident_id}")
    return merging.state_from_row(row)


def _box(state: Mapping[str, Any]) -> tuple[float, float, float, float]:
    """(south, north, west, east) of the box searched around a report's point."""
    lat, lon = float(state["lat"]), float(state["lon"])
    dlat = BOX_KM / 111.0
    dlon = BOX_KM / (111.0 * max(0.1, math.cos(math.radians(lat))))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def candidates(c: Any, state: Mapping[str, Any], demo: bool) -> list[dict[str, Any]]:
    """Stored incidents that may report the same event as `state`: MATCH_COLUMNS and
    "near" (degrees, for ordering), nearest first, at most MAX_CANDIDATES."""
    rows = _lookup(c, [state], demo, MAX_CANDIDATES, (float(state["lat"]), float(state["lon"])))
    return [dict(zip(_NAMES, row)) for row in rows]


#: Matching stored incidents kept per report (an article's reports then share them out).
MAX_MATCHES = 4


def matches(c: Any, state: Mapping[str, Any], demo: bool) -> list[tuple[tuple, dict[str, Any]]]:
    """The stored incidents that report the same event as `state`, best first, as
    (preference, candidate): the same place and day first, then incidents not
    rejected, then the nearest."""
    if not merging.mergeable(state):
        return []
    return _best(state, [(s.pop("near"), s) for s in candidates(c, state, demo)])


def _best(state: Mapping[str, Any], found: list[tuple[float, dict[str, Any]]]
          ) -> list[tuple[tuple, dict[str, Any]]]:
    """The candidates (near, candidate) that are the same event as `state`, best first."""
    found = [(near, s) for near, s in found if merging.may_match(state, s)]
    if not found:
        return []
    day, key = state["event_date"], state.get("place_key")
    keyed = sorted(((not (s["place_key"] == key and plain(s["event_date"]) == day),
                     bool(s["rejected"]), near, s["id"]), s) for near, s in found)
    same = merging.event_matcher(state)
    out = []
    for rank, stored in keyed:
        if same(stored):
            out.append((rank, stored))
            if len(out) == MAX_MATCHES:
                break
    return out


# --------------------------------------------------------------------------- an article's lookups

#: Reports of one article looked up together, at most (those of one day and precision).
MAX_GROUP = 16
def match_all(c: Any, states: list[Mapping[str, Any]], demo: bool, skip: set[int] = frozenset()
              ) -> dict[int, list[tuple[tuple, dict[str, Any]]]]:
    """`matches` for each report of an article (by index; `skip`ped ones left out), with one
    lookup per group of reports of the same day and time precision.  A group whose lookup
    reaches its limit is looked up report by report (nearest first)."""
    groups: dict[tuple, list[int]] = {}
    for k, state in enumerate(states):
        if k not in skip and merging.mergeable(state):
            groups.setdefault((state["event_date"], state.get("time_precision") or 1),
                              []).append(k)
    out: dict[int, list] = {}
    for members in groups.values():
        for at in range(0, len(members), MAX_GROUP):
            chunk = members[at:at + MAX_GROUP]
            rows = _group_rows(c, [states[k] for k in chunk], demo)
            for k in chunk:
                out[k] = matches(c, states[k], demo) if rows is None else \
                    _best(states[k], _own(states[k], rows))
    return out


def _group_rows(c: Any, group: list[Mapping[str, Any]], demo: bool
                ) -> list[dict[str, Any]] | None:
    """Candidate rows for a group of reports of one day (None: too many to read at once)."""
    limit = MAX_CANDIDATES * len(group)
    rows = _lookup(c, group, demo, limit + 1)
    if len(rows) > limit:
        return None
    return [dict(zip(MATCH_COLUMNS, row)) for row in rows]


def _own(state: Mapping[str, Any], rows: list[dict[str, Any]]) -> list[tuple[float, dict]]:
    """The rows of a group's lookup that the report's own lookup (`candidates`) returns."""
    south, north, west, east = _box(state)
    lat, lon, kind = state["lat"], state["lon"], state["event_type"]
    country, area = state.get("country_code"), merging.is_area(state)
    kind_country = state.get("place_kind") == "country"
    names = {n for n in (state.get("admin1"), state.get("admin2"), state.get("place_name")) if n}
    out = []
    for row in rows:
        if row["event_type"] != kind:
            continue
        inside = south <= row["lat"] <= north and west <= row["lon"] <= east
        if inside or (country is not None and row["country_code"] == country and (
                area or (row["geo_precision"] or 1) >= 2
                or row["place_kind"] in merging.AREA_KINDS) and (
                kind_country or row["place_kind"] == "country"
                or names & {row["admin1"], row["admin2"], row["place_name"]})):
            out.append((abs(row["lat"] - lat) + abs(row["lon"] - lon), row))
    out.sort(key=lambda pair: pair[0])
    return out[:MAX_CANDIDATES]


_SOURCE_STATS = ("(SELECT count(*) FROM incident_sources s WHERE s.incident_id = i.id), "
                 "(SELECT coalesce(max(position), -1) FROM incident_sources s "
                 "WHERE s.incident_id = i.id), "
                 "(SELECT count(report) FROM incident_sources s WHERE s.incident_id = i.id)")
_SELECT_FOR_MERGE = f"SELECT {_COLS}, {_SOURCE_STATS} FROM incidents i WHERE i.id = ?"


def attach(c: Any, iid: int, report_state: Mapping[str, Any], candidates: tuple[str, ...],
           source: tuple) -> None:
    """Merge another article's report into a stored incident and list the article as a
    source with its report.  A reviewed incident keeps the analyst's figures: the source
    is only listed."""
    row = c.one(_SELECT_FOR_MERGE, (iid,))
    stored = merging.state_from_row(row[:-3])
    count, last, reports = row[-3:]
    if stored["reviewed"]:
        c.run("UPDATE incidents SET version = version + 1 WHERE id = ?", (iid,))
    else:
        if count == 1 and reports == 0:
            _snapshot(c, stored)
        new = merging.merge_states(stored, report_state)
        diff = _update(c, stored, new)
        if "place_key" in diff or "lat" in diff or "lon" in diff:
            _set_candidates(c, iid, candidates, replace=True)
    c.run(INSERT_SOURCE, (iid, last + 1, *source, merging.report_json(report_state, candidates)))


def keep_report(c: Any, stored: Mapping[str, Any]) -> None:
    """Before an incident with one source changes (reviewed), keep that source's report:
    it is the incident as it is now."""
    count, reports = c.one("SELECT count(*), count(report) FROM incident_sources "
                           "WHERE incident_id = ?", (stored["id"],))
    if count == 1 and reports == 0 and not stored["reviewed"]:
        _snapshot(c, stored)


def _update(c: Any, old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """Write a state's changed columns, bump the version; keep the actor index in step."""
    diff = merging.changes(old, new)
    sets = "".join('"end" = ?, ' if k == "end" else f"{k} = ?, " for k in diff)
    c.run(f"UPDATE incidents SET {sets}version = version + 1 WHERE id = ?",
          (*(db_value(k, v) for k, v in diff.items()), old["id"]))
    if "actors" in diff:
        before = set(merging._list(old.get("actors")))
        after = merging._list(new.get("actors"))
        gone = before - set(after)
        if gone:
            c.run("DELETE FROM incident_actors WHERE incident_id = ? AND actor IN "
                  f"({','.join('?' * len(gone))})", (old["id"], *gone))
        c.many(INSERT_ACTOR, [(old["id"], a) for a in after if a not in before])
    return diff


def _set_candidates(c: Any, iid: int, candidates: Iterable[str], *, replace: bool) -> None:
    if replace:
        c.run("DELETE FROM incident_candidates WHERE incident_id = ?", (iid,))
    c.many("INSERT INTO incident_candidates (incident_id, rank, place) VALUES (?,?,?)",
           [(iid, rank, place) for rank, place in enumerate(candidates)])


def _stored_candidates(c: Any, iid: int) -> list[str]:
    return [r[0] for r in c.run("SELECT place FROM incident_candidates WHERE incident_id = ? "
                                "ORDER BY rank", (iid,)).fetchall()]


def _snapshot(c: Any, stored: Mapping[str, Any]) -> None:
    """Keep an incident's only source's report as the incident is now (it is that report)."""
    c.run('UPDATE incident_sources SET report = ?, evidence = coalesce(evidence, ?), '
          'start = coalesce(start, ?), "end" = coalesce("end", ?) WHERE incident_id = ?',
          (merging.report_json(stored, _stored_candidates(c, stored["id"])), stored["evidence"],
           stored["start"], stored["end"], stored["id"]))


# --------------------------------------------------------------------------- taking a merge apart


def _sources(c: Any, iid: int) -> list[tuple]:
    """(position, article_id, report) of an incident's sources, in order."""
    return c.run("SELECT position, article_id, report FROM incident_sources WHERE incident_id = ? "
                 "ORDER BY position", (iid,)).fetchall()


def rebuild(c: Any, stored: dict[str, Any], remaining: list[tuple]) -> dict[str, Any]:
    """Recompute an incident from the reports of its remaining sources (after one left).

    A reviewed incident keeps the analyst's figures (only the evidence follows its new
    first source); one whose remaining sources lack a report keeps its values.  Returns
    the columns that changed; the version is bumped once in any case."""
    reports = [state_from_report(r[2]) for r in remaining if r[2]]
    if not remaining or len(reports) < len(remaining):
        return _update(c, stored, stored)  # (bumps the version only)
    if stored["reviewed"]:
        first = reports[0][0]
        return _update(c, stored, merging.finish(dict(
            stored, evidence=first["evidence"], start=first["start"], end=first["end"])))
    new = merging.fold([s for s, _ in reports])
    for column in ("id", "demo", "version", "reviewed", "rejected", "reviewed_by", "reviewed_at"):
        new[column] = stored[column]
    diff = _update(c, stored, new)
    kept_place = next((cands for s, cands in reports if s["place_key"] == new["place_key"]), [])
    _set_candidates(c, stored["id"], kept_place, replace=True)
    return diff


def split_source(c: Any, incident_id: int, article_id: int, reviewer: str, note: str | None,
                 next_id: Callable[[], int], at: datetime) -> int:
    """Detach one article's report from a merged incident into an incident of its own
    (as that article alone gave it), recompute the rest, log both; returns the new id."""
    stored = load_state(c, incident_id)
    rows = _sources(c, incident_id)
    mine = [r for r in rows if r[1] == article_id]
    if not mine:
        raise ValueError(f"article {article_id} is not a source of incident #{incident_id}")
    if len(rows) < 2:
        raise ValueError(f"incident #{incident_id} has only one source: there is nothing to split")
    if not mine[0][2]:
        raise ValueError(f"the report of article {article_id} in incident #{incident_id} was "
                         "merged before sources kept their own report (schema 3), so it cannot "
                         "be split")
    new_id = next_id()
    state, cands = state_from_report(mine[0][2], id=new_id, demo=stored["demo"])
    c.run(INSERT_INCIDENT, merging.row_from_state(state))
    c.run("UPDATE incident_sources SET incident_id = ?, position = 0 WHERE incident_id = ? "
          "AND article_id = ?", (new_id, incident_id, article_id))
    _set_candidates(c, new_id, cands, replace=False)
    c.many(INSERT_ACTOR, [(new_id, a) for a in merging._list(state["actors"])])
    remaining = [r for r in rows if r[1] != article_id]
    diff = rebuild(c, stored, remaining)
    before = [r[1] for r in rows]
    after = [r[1] for r in remaining]
    _audit(c, incident_id, reviewer, at, {"sources": [before, after], **{
        k: [_plain(k, stored.get(k)), _plain(k, v)] for k, v in diff.items()
        if k not in ("search", "merge_key", "place_key")}},
        _note(f"article {article_id} split off into incident #{new_id}", note))
    _audit(c, new_id, reviewer, at, {"sources": [before, [article_id]]},
           _note(f"split off incident #{incident_id}", note))
    return new_id


def detach(c: Any, incident_id: int, article_id: int) -> None:
    """Take an article's report out of a merged incident (re-parsing it) and recompute."""
    stored = load_state(c, incident_id)
    c.run("DELETE FROM incident_sources WHERE incident_id = ? AND article_id = ?",
          (incident_id, article_id))
    rebuild(c, stored, _sources(c, incident_id))


def _plain(column: str, value: Any) -> Any:
    if column in ("actors", "assoc_actor_1", "assoc_actor_2", "review_flags") and \
            isinstance(value, str):
        return json.loads(value)
    return plain(value)


def _note(what: str, note: str | None) -> str:
    return f"{what}: {note}" if note else what


def _audit(c: Any, iid: int, reviewer: str, at: datetime, changes: dict, note: str) -> None:
    c.run("INSERT INTO reviews (incident_id, reviewer, reviewed_at, changes, note) "
          "VALUES (?,?,?,?,?)",
          (iid, reviewer, at.isoformat(), json.dumps(changes, ensure_ascii=False), note))
