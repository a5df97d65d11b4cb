"""Queries the dashboard asks of every backend, written once on the shared SQL.

A mixin of `IncidentStore` (kept apart from `base` so each file stays readable):
the review queue ordered by doubt (`map_app.store.queue`), light rows for
counters and maps of many incidents, and an article's mentions and incidents.
"""
from __future__ import annotations

import json
from typing import Any

from map_app.store.queue import QueueItem, candidate_scores, rank
from map_app.store.records import IncidentFilter, IncidentPoint, IncidentRecord, MentionRecord
from map_app.store.sql import (
    SELECT_INCIDENTS, SELECT_SOURCES, gc_paused, records_from_rows, to_date, where_clause)


class DashboardQueries:
    """Needs the store's `_read()`, `_bounds_sql()` and `place_matcher`."""

    _read: Any
    _bounds_sql: Any
    place_matcher: Any

    def review_queue(self, flt: IncidentFilter = IncidentFilter(), limit: int = 50
                     ) -> list[QueueItem]:
        """Unreviewed incidents matching the filter, most doubtful first, with the
        reasons (see `map_app.store.queue`)."""
        where, params = where_clause(flt, self._bounds_sql, self.place_matcher)
        with self._read() as c:
            rows = c.run(
                "SELECT i.id, i.confidence, i.country_code, i.lat, i.place_kind, "
                "i.review_flags, (SELECT count(*) FROM incident_sources s "
                f"WHERE s.incident_id = i.id) FROM incidents i WHERE {where} "
                "AND NOT i.reviewed AND NOT i.rejected", params).fetchall()
            cands = candidate_scores(c.run(
                "SELECT c.incident_id, c.rank, c.place FROM incident_candidates c "
                "JOIN incidents i ON i.id = c.incident_id "
                f"WHERE c.rank < 2 AND {where} AND NOT i.reviewed AND NOT i.rejected "
                "ORDER BY c.incident_id, c.rank", params).fetchall())
        return rank(rows, cands, limit)

    #: Columns of `incident_points` (the fields of `IncidentPoint`), in order.
    POINT_COLUMNS = IncidentPoint._fields

    def incident_points(self, flt: IncidentFilter = IncidentFilter()) -> list[IncidentPoint]:
        """A light row per matching incident (`IncidentPoint`), newest first: for counters,
        maps, charts of many incidents without building full records."""
        where, params = where_clause(flt, self._bounds_sql, self.place_matcher)
        cols = ", ".join("i." + c for c in self.POINT_COLUMNS)
        make = IncidentPoint._make
        actors: dict[str | None, tuple[str, ...]] = {None: (), "[]": ()}
        with self._read() as c, gc_paused():
            rows = c.run(f"SELECT {cols} FROM incidents i WHERE {where} "
                         "ORDER BY i.event_date DESC NULLS LAST, i.id", params).fetchall()
            out = []
            for r in rows:
                names = actors.get(r[10])
                if names is None:  # a few distinct actor lists among many incidents
                    names = actors[r[10]] = _actor_list(r[10])
                out.append(make((r[0], r[1], r[2], r[3], to_date(r[4]), r[5], r[6], r[7], r[8],
                                 r[9], names, bool(r[11]), bool(r[12]), bool(r[13]))))
        return out

    def queue_size(self, flt: IncidentFilter = IncidentFilter()) -> int:
        """How many matching incidents wait for review (neither reviewed nor rejected)."""
        where, params = where_clause(flt, self._bounds_sql, self.place_matcher)
        with self._read() as c:
            return int(c.value(f"SELECT count(*) FROM incidents i WHERE {where} "
                               "AND NOT i.reviewed AND NOT i.rejected", params))

    def article_mentions(self, article_id: int) -> list[MentionRecord]:
        """The resolved place mentions of one article, in text order."""
        with self._read() as c:
            rows = c.run(
                'SELECT m.article_id, m.text, m.start, m."end", m.name, m.lat, m.lon, m.kind, '
                "m.country_code, m.confidence, m.geonameid, m.admin1, m.published "
                "FROM mentions m WHERE m.article_id = ? ORDER BY m.start", (article_id,)
            ).fetchall()
        return [MentionRecord(*row[:12], to_date(row[12])) for row in rows]

    def article_incidents(self, article_id: int) -> list[IncidentRecord]:
        """Every incident one article reports (rejected ones too), by id."""
        ids = "SELECT incident_id FROM incident_sources WHERE article_id = ?"
        with self._read() as c:
            rows = c.run(f"{SELECT_INCIDENTS} WHERE i.id IN ({ids})", (article_id,)).fetchall()
            sources = c.run(SELECT_SOURCES.format(ids), (article_id,)).fetchall() if rows else []
        return sorted(records_from_rows(rows, sources), key=lambda r: r.id)


def _actor_list(text: str) -> tuple[str, ...]:
    """The stored JSON list of actor names as a tuple (an unreadable value as none)."""
    try:
        names = json.loads(text)
    except ValueError:
        return ()
    return tuple(str(n) for n in names) if isinstance(names, list) else ()
