"""The incident store's interface, and the behaviour both backends share.

`IncidentStore` is what the dashboard, the CLI, ingest and the exports use.  A
backend (`sqlite.SQLiteStore`, `postgis.PostGISStore`) supplies a connection, its
transactions and a few SQL dialect hooks; everything else (merging reports of one
event, reviews with their audit trail and conflict check, the demo flags, reading
records back) is written once here, in SQL that both engines understand.

Every string stored comes from hostile news text, so it only ever travels as a
bound parameter.  The same event reported by several articles, in any language
(`same_event`: same type, same or contained place, dates within a day, ...), is
one incident listing every source with its own evidence; fatalities keep the
lowest reported figure, as ACLED does (`merging`, `sources`; `split_source`
undoes a merge).  Analyst corrections update the incident,
bump its `version` and are logged with who/when in the ``reviews`` table; a review
made on an out-of-date copy (`expected_version`) is refused with `ConflictError`.
"""
from __future__ import annotations

import itertools
import json
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from datetime import date
from typing import Any, Callable, Iterable, Iterator, Sequence

from gazetteer.place import Place
from map_app.store import documents, sources, validate
from map_app.store.records import (
    AddResult, ArticleRecord, ConflictError, IncidentFilter, IncidentRecord, MentionRecord,
    ReviewEntry)
from map_app.store.review import ReverseGeocoder, gazetteer_reverse, review_request
from map_app.store.search import PlaceMatcher, gazetteer_places
from map_app.store.views import DashboardQueries
from map_app.store.sql import (
    INSERT_ACTOR, SELECT_INCIDENTS, SELECT_SOURCES, TABLES, bulk_rows, check_bounds, coerce_date, gc_paused,
    incident_search, iso, like_pattern, merge_key, now_utc, place_from_json, plain,
    records_from_rows, search_key, text_hash, to_date, to_datetime, where_clause)

#: Longest article text accepted (characters; see validate.py).
MAX_ARTICLE_CHARS = validate.MAX_ARTICLE_CHARS
Parser = Callable[..., Any]


def default_parser() -> Parser:
    """`map_app.parse`, imported on first use (it loads the gazetteer)."""
    from map_app import parse

    return parse


class Cx(ABC):
    """A backend's connection inside a transaction (or a read), in qmark style."""

    @abstractmethod
    def run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Execute one statement; returns a cursor (fetchone/fetchall/rowcount)."""

    @abstractmethod
    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Execute one statement for each row of parameters."""

    def copy(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Append rows to a table (a backend may use a faster path than INSERT)."""
        self.many(f"INSERT INTO {table} ({', '.join(columns)}) "
                  f"VALUES ({','.join('?' * len(columns))})", rows)

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.run(sql, params).fetchone()

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.run(sql, params).fetchone()
        return row[0] if row else None


class IncidentStore(DashboardQueries, ABC):
    """An open incident store (articles, place mentions, incidents, sources, reviews).

    Use it as a context manager or call `close()`.  Safe to share between threads.
    """

    #: Where the store lives, as `open_store` accepts it (a URL or a path).
    url: str = ""

    def __init__(self, parser: Parser | None = None) -> None:
        self._parser = parser
        #: Turns a typed pin into country/admin areas/place name (the gazetteer by default).
        self.reverse_geocoder: ReverseGeocoder = gazetteer_reverse()
        #: Turns a text query into the gazetteer places it names (see `store.search`).
        self.place_matcher: PlaceMatcher = gazetteer_places()

    # ----------------------------------------------------------------- backend hooks

    @abstractmethod
    def _read(self) -> AbstractContextManager[Cx]:
        """A connection for reading (under the store's lock)."""

    @abstractmethod
    def _write(self, bump: bool = False) -> AbstractContextManager[Cx]:
        """One write transaction, serialised with every other writer of the store
        (other processes included); `bump` increases the store's revision."""

    @abstractmethod
    def _bounds_sql(self, south: float, west: float, north: float, east: float,
                    alias: str = "i") -> tuple[str, list[Any]]:
        """A condition keeping rows of `alias` whose point lies in the box."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    def __enter__(self) -> "IncidentStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- meta

    def meta(self, key: str) -> str | None:
        with self._read() as c:
            return c.value("SELECT value FROM meta WHERE key = ?", (key,))

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as c:
            c.run("INSERT INTO meta (key, value) VALUES (?, ?) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, str(value)))

    def revision(self) -> int:
        """A counter bumped by every write (use it in cache keys)."""
        return int(self.meta("revision") or 0)

    # ----------------------------------------------------------------- writing articles

    def _parse(self, text: str, published: date | None, source: str | None) -> Any:
        if self._parser is None:
            self._parser = default_parser()
        return self._parser(text, published=published, source=source)

    @staticmethod
    def check_article(text: Any, published: Any = None, url: Any = None, title: Any = None,
                      source: Any = None) -> None:
        """ValueError (one line) unless the article may be stored (validate.article)."""
        validate.article(text, published, url, title, source, max_chars=MAX_ARTICLE_CHARS)

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these article hashes (`text_hash`) are stored already."""
        found: set[str] = set()
        hashes = list(dict.fromkeys(hashes))
        with self._read() as c:
            for k in range(0, len(hashes), 500):
                chunk = hashes[k:k + 500]
                found.update(r[0] for r in c.run(
                    f"SELECT hash FROM articles WHERE hash IN ({','.join('?' * len(chunk))})",
                    chunk).fetchall())
        return found

    def add_article(self, text: str, *, published: date | None = None, url: str | None = None,
                    title: str | None = None, source: str | None = None,
                    demo: bool = False) -> AddResult:
        """Parse one article and store it with its mentions and incidents (one transaction).

        Text already stored (same `text_hash`) is not parsed again."""
        published = coerce_date(published, "published")
        self.check_article(text, published, url, title, source)
        with self._read() as c:
            row = c.one("SELECT id FROM articles WHERE hash = ?", (text_hash(text),))
        if row:
            return AddResult(row[0], False, 0, 0)
        doc = self._parse(text, published, source)
        return self.add_documents([(text, doc, dict(published=published, url=url, title=title,
                                                    source=source, demo=demo))])[0]

    def add_documents(self, items: Iterable[tuple[str, Any, dict[str, Any]]]) -> list[AddResult]:
        """Store articles parsed elsewhere (a worker process, a Dask cluster) in ONE
        transaction: (text, Document or documents.PreparedDocument, {published, url,
        title, source, demo}) each."""
        ready = []
        for text, doc, meta in items:
            meta = dict(meta, published=coerce_date(meta.get("published"), "published"))
            self.check_article(text, *(meta.get(k) for k in ("published", "url", "title",
                                                             "source")))
            ready.append((text, documents.prepare(doc), meta))
        if not ready:
            return []
        with self._write(bump=True) as c:
            ids = itertools.count(self._next_id(c))
            return [documents.write(c, text, prepared, ids.__next__, **meta)
                    for text, prepared, meta in ready]

    @staticmethod
    def _next_id(c: Cx) -> int:
        return (c.value("SELECT coalesce(max(id), 0) FROM incidents") or 0) + 1

    def add_incident_records(self, records: Iterable[Any]) -> int:
        """Bulk-insert ready-made incidents (benchmarks, imports); returns how many.

        Each record may be an `IncidentRecord`, any object with the same attribute
        names, or a dict.  Its `id` and `version` are ignored (new ids are assigned);
        `sources` may hold `Source` objects, dicts with the same keys, or plain URL
        strings.  No merging is done and no article text is needed, which keeps this
        fast.  The merge key is still set, so later articles about the same event
        merge into these rows.
        """
        with self._write(bump=True) as c, gc_paused():
            incident_rows, source_rows, actor_rows = bulk_rows(
                validate.records(records), itertools.count(self._next_id(c)))
            c.copy("incidents", TABLES["incidents"], incident_rows)
            c.copy("incident_sources", TABLES["incident_sources"], source_rows)
            c.copy("incident_actors", TABLES["incident_actors"],
                   list(dict.fromkeys(actor_rows)))
            if len(incident_rows) >= 1000:  # fresh statistics so filters pick the right index
                for table in ("incidents", "incident_sources", "incident_actors"):
                    c.run(f"ANALYZE {table}")
        return len(incident_rows)

    # ----------------------------------------------------------------- reviewing

    _REVIEW_COLUMNS = ("place_key", "place_name", "place_kind", "lat", "lon", "geonameid",
                       "country_code", "admin1", "admin2", "geo_precision", "event_type",
                       "sub_event_type", "event_date", "time_precision", "fatalities",
                       "rejected", "actors", "actor1", "actor2", "assoc_actor_1",
                       "assoc_actor_2", "evidence", "location", "version", "reviewed_by",
                       "reviewed_at")

    def review(self, incident_id: int, *, reviewer: str, place: Place | None = None,
               lat: float | None = None, lon: float | None = None, event_type: str | None = None,
               sub_event_type: str | None = None, event_date: date | str | None = None,
               time_precision: int | None = None, geo_precision: int | None = None,
               fatalities: int | None = None, actor1: str | None = None,
               actor2: str | None = None, rejected: bool | None = False,
               note: str | None = None, expected_version: int | None = None) -> IncidentRecord:
        """Apply an analyst's correction; logs old/new values with who and when.

        Arguments left as None keep their stored value; `rejected` is set unless None
        (False restores a previously rejected incident).  See `map_app.store.review`
        for how a place, a typed pin, precisions and actors are applied.  With
        `expected_version` (the `version` of the copy the analyst edited), a review of
        an incident changed since is refused with `ConflictError` and writes nothing.
        """
        req = review_request(
            reviewer=reviewer, place=place, lat=lat, lon=lon, event_type=event_type,
            sub_event_type=sub_event_type, event_date=event_date, time_precision=time_precision,
            geo_precision=geo_precision, fatalities=fatalities, actor1=actor1, actor2=actor2,
            rejected=rejected, note=note, expected_version=expected_version,
            reverse=self.reverse_geocoder)
        at = now_utc()
        with self._write(bump=True) as c:
            row = c.one(f"SELECT {', '.join(self._REVIEW_COLUMNS)} FROM incidents WHERE id = ?",
                        (incident_id,))
            if row is None:
                raise KeyError(f"no incident with id {incident_id}")
            old = dict(zip(self._REVIEW_COLUMNS, row, strict=True))
            if req.expected_version is not None and old["version"] != req.expected_version:
                raise _conflict(incident_id, req.expected_version, old)
            sources.keep_report(c, sources.load_state(c, incident_id))  # (for a later split)
            changes = dict(req.changes)
            actors = self._review_actors(old, req, changes)
            changes["merge_key"] = merge_key(
                changes.get("place_key", old["place_key"]),
                changes.get("event_type", old["event_type"]),
                changes.get("event_date", plain(old["event_date"])))
            if "place_name" in changes or actors is not None:
                changes["search"] = incident_search(
                    old["evidence"], old["location"], changes.get("place_name", old["place_name"]),
                    actors if actors is not None else json.loads(old["actors"]))
            assignments = ", ".join(f"{name} = ?" for name in changes)
            cursor = c.run(
                f"UPDATE incidents SET {assignments}, reviewed = TRUE, reviewed_by = ?, "
                "reviewed_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                (*changes.values(), req.reviewer, at.isoformat(), incident_id, old["version"]))
            if cursor.rowcount == 0:  # pragma: no cover - writers are serialised
                raise _conflict(incident_id, old["version"], old)
            diff = {k: [_audit(k, old[k]), _audit(k, v)] for k, v in changes.items()
                    if k in old and k != "place_key" and _audit(k, old[k]) != _audit(k, v)}
            c.run("INSERT INTO reviews (incident_id, reviewer, reviewed_at, changes, note) "
                  "VALUES (?,?,?,?,?)",
                  (incident_id, req.reviewer, at.isoformat(),
                   json.dumps(diff, ensure_ascii=False), req.note))
            if actors is not None:
                c.run("DELETE FROM incident_actors WHERE incident_id = ?", (incident_id,))
                c.many(INSERT_ACTOR, [(incident_id, a) for a in actors])
        return self.incident(incident_id)

    @staticmethod
    def _review_actors(old: dict[str, Any], req: Any, changes: dict[str, Any]
                       ) -> list[str] | None:
        """New actor columns in `changes`; the incident's new actor list (None: unchanged)."""
        if req.actor1 is None and req.actor2 is None:
            return None
        new1 = (req.actor1 or None) if req.actor1 is not None else old["actor1"]
        new2 = (req.actor2 or None) if req.actor2 is not None else old["actor2"]
        changes.update(actor1=new1, actor2=new2)
        replaced = {old["actor1"], old["actor2"]} - {new1, new2}
        others = [a for a in json.loads(old["actors"]) if a not in replaced]
        actors = list(dict.fromkeys(a for a in [new1, *json.loads(old["assoc_actor_1"] or "[]"),
                                                new2, *json.loads(old["assoc_actor_2"] or "[]"),
                                                *others] if a))
        changes["actors"] = json.dumps(actors, ensure_ascii=False)
        return actors

    def split_source(self, incident_id: int, article_id: int, reviewer: str,
                     note: str | None = None) -> tuple[IncidentRecord, IncidentRecord]:
        """Undo a merge: the article's report leaves the incident and becomes an incident of
        its own, as that article alone gave it (place, date, toll, actors, evidence,
        candidates); the rest is recomputed from its remaining sources (a reviewed
        incident keeps the analyst's figures).  Both are logged in the audit trail.
        Returns (the incident, the new one); ValueError if there is nothing to split."""
        reviewer = (validate.text(reviewer, "reviewer") or "").strip()
        if not reviewer:
            raise ValueError("a reviewer name is required")
        validate.text(note, "note", validate.MAX_ARTICLE_CHARS)
        with self._write(bump=True) as c:
            new_id = sources.split_source(c, incident_id, article_id, reviewer, note,
                                          itertools.count(self._next_id(c)).__next__, now_utc())
        return self.incident(incident_id), self.incident(new_id)

    def reparse(self, *, since: date | str | None = None, until: date | str | None = None,
                progress: Callable[[Any], None] | None = None) -> Any:
        """Re-geoparse stored articles with the current gazetteer, replacing their
        unreviewed mentions and incidents; reviewed incidents and the audit trail stay
        (see `map_app.store.reparse`).  Returns a `reparse.ReparseReport`."""
        from map_app.store.reparse import reparse

        return reparse(self, since=since, until=until, progress=progress)

    # ----------------------------------------------------------------- demo data

    def flag_demo(self, hashes: Iterable[str]) -> int:
        """Mark the articles with these text hashes (and incidents reported only by
        them) as demo data; returns how many articles were newly flagged."""
        hashes = list(dict.fromkeys(hashes))
        if not hashes:
            return 0
        with self._write(bump=True) as c:
            flagged = c.run(f"UPDATE articles SET demo = TRUE WHERE NOT demo AND hash IN "
                            f"({','.join('?' * len(hashes))})", hashes).rowcount
            if flagged:
                c.run("UPDATE incidents SET demo = TRUE WHERE NOT demo AND EXISTS (SELECT 1 "
                      "FROM incident_sources s WHERE s.incident_id = incidents.id) AND NOT "
                      "EXISTS (SELECT 1 FROM incident_sources s LEFT JOIN articles a ON "
                      "a.id = s.article_id WHERE s.incident_id = incidents.id AND "
                      "(a.id IS NULL OR NOT a.demo))")
        return flagged

    def demo_count(self) -> int:
        """How many incidents are bundled demo data (for the dashboard's banner)."""
        with self._read() as c:
            return int(c.value("SELECT count(*) FROM incidents WHERE demo"))

    def remove_demo(self) -> tuple[int, int]:
        """Delete the demo articles and incidents; returns (articles, incidents) removed."""
        with self._write(bump=True) as c:
            incidents = c.run("DELETE FROM incidents WHERE demo").rowcount
            articles = c.run("DELETE FROM articles WHERE demo").rowcount
        return articles, incidents

    # ----------------------------------------------------------------- reading

    def incidents(self, flt: IncidentFilter = IncidentFilter(), limit: int | None = None
                  ) -> list[IncidentRecord]:
        """Incidents matching the filter, newest event first (undated last); at most
        `limit` of them when given."""
        where, params = where_clause(flt, self._bounds_sql, self.place_matcher)
        if limit is not None:
            where = (f"i.id IN (SELECT i.id FROM incidents i WHERE {where} "
                     "ORDER BY i.event_date DESC NULLS LAST, i.id LIMIT ?)")
            params = [*params, int(limit)]
        with self._read() as c, gc_paused():
            rows = c.run(f"{SELECT_INCIDENTS} WHERE {where}", params).fetchall()
            sources = c.run(SELECT_SOURCES.format(
                "SELECT i.id FROM incidents i" + ("" if where == "TRUE" else f" WHERE {where}")),
                params).fetchall() if rows else []
            return records_from_rows(rows, sources)

    def incident(self, incident_id: int) -> IncidentRecord:
        """One incident by id, rejected or not (KeyError if absent)."""
        with self._read() as c:
            rows = c.run(f"{SELECT_INCIDENTS} WHERE i.id = ?", (incident_id,)).fetchall()
            sources = c.run(SELECT_SOURCES.format("?"), (incident_id,)).fetchall()
        if not rows:
            raise KeyError(f"no incident with id {incident_id}")
        return records_from_rows(rows, sources)[0]

    def mentions(self, flt: IncidentFilter = IncidentFilter()) -> list[MentionRecord]:
        """Resolved place mentions.  Uses the filter's since/until (on the article's
        publication date), countries, admin1, min_confidence, text and bounds; the
        incident-only fields (types, actors, rejected) do not apply."""
        clauses, params = [], []
        if flt.since is not None:
            clauses.append("m.published >= ?")
            params.append(iso(coerce_date(flt.since, "since")))
        if flt.until is not None:
            clauses.append("m.published <= ?")
            params.append(iso(coerce_date(flt.until, "until")))
        for column, values in (("m.country_code", tuple(flt.countries)),
                               ("m.admin1", tuple(flt.admin1))):
            if values:
                clauses.append(f"{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        if flt.min_confidence:
            clauses.append("m.confidence >= ?")
            params.append(float(flt.min_confidence))
        for word in search_key(flt.text or "").split():
            clauses.append("m.search LIKE ? ESCAPE '\\'")
            params.append(like_pattern(word))
        if getattr(flt, "bounds", None) is not None:
            sql, values = self._bounds_sql(*check_bounds(flt.bounds), alias="m")
            clauses.append(sql)
            params.extend(values)
        if not getattr(flt, "include_demo", True):
            clauses.append("m.article_id IN (SELECT id FROM articles WHERE NOT demo)")
        where = " AND ".join(clauses) or "TRUE"
        with self._read() as c:
            rows = c.run(
                'SELECT m.article_id, m.text, m.start, m."end", m.name, m.lat, m.lon, m.kind, '
                "m.country_code, m.confidence, m.geonameid, m.admin1, m.published "
                f"FROM mentions m WHERE {where} ORDER BY m.article_id, m.start", params).fetchall()
        return [MentionRecord(*row[:12], to_date(row[12])) for row in rows]

    def candidates(self, incident_id: int) -> list[Place]:
        """Alternative places for an incident's location, as resolved at insert (best first)."""
        with self._read() as c:
            rows = c.run("SELECT place FROM incident_candidates WHERE incident_id = ? "
                         "ORDER BY rank", (incident_id,)).fetchall()
        return [place_from_json(r[0]) for r in rows]

    def history(self, incident_id: int) -> list[ReviewEntry]:
        """The audit trail of corrections to one incident, oldest first."""
        with self._read() as c:
            rows = c.run("SELECT incident_id, reviewer, reviewed_at, changes, note FROM reviews "
                         "WHERE incident_id = ? ORDER BY id", (incident_id,)).fetchall()
        return [ReviewEntry(r[0], r[1], to_datetime(r[2]), json.loads(r[3]), r[4]) for r in rows]

    def article(self, article_id: int) -> ArticleRecord | None:
        """The stored article (to show evidence in context)."""
        with self._read() as c:
            row = c.one("SELECT id, text, published, url, title, source, added_at, demo "
                        "FROM articles WHERE id = ?", (article_id,))
        if row is None:
            return None
        return ArticleRecord(row[0], row[1], to_date(row[2]), row[3], row[4], row[5],
                             to_datetime(row[6]), bool(row[7]))

    def facets(self) -> dict[str, list[str]]:
        """Distinct values for the filter widgets (sorted; empty values left out)."""
        queries = {
            "event_types": "SELECT DISTINCT event_type FROM incidents",
            "sub_event_types": "SELECT DISTINCT sub_event_type FROM incidents",
            "countries": "SELECT DISTINCT country_code FROM incidents",
            "admin1": "SELECT DISTINCT admin1 FROM incidents",
            "actors": "SELECT DISTINCT actor FROM incident_actors",
        }
        with self._read() as c:
            return {name: sorted(v for (v,) in c.run(sql).fetchall() if v)
                    for name, sql in queries.items()}

    def stats(self) -> dict[str, Any]:
        """Counts for the page's header and filters.  Two scans of the incidents (one of
        filtered aggregates, one grouped by type) instead of one query per figure."""
        with self._read() as c:
            one = c.value
            by_type = c.run(
                "SELECT coalesce(event_type, ''), count(*) FROM incidents WHERE NOT rejected "
                "GROUP BY 1").fetchall()
            (kept, rejected, reviewed, unlocated, demo, first, last) = c.one(
                "SELECT count(*) FILTER (WHERE NOT rejected), count(*) FILTER (WHERE rejected), "
                "count(*) FILTER (WHERE reviewed), "
                "count(*) FILTER (WHERE lat IS NULL AND NOT rejected), "
                "count(*) FILTER (WHERE demo), min(event_date) FILTER (WHERE NOT rejected), "
                "max(event_date) FILTER (WHERE NOT rejected) FROM incidents")
            return {
                "articles": one("SELECT count(*) FROM articles"),
                "mentions": one("SELECT count(*) FROM mentions"),
                "incidents": int(kept or 0),
                "rejected": int(rejected or 0),
                "reviewed": int(reviewed or 0),
                "merged": one("SELECT count(*) FROM (SELECT incident_id FROM incident_sources "
                              "GROUP BY incident_id HAVING count(*) > 1) AS m"),
                "unlocated": int(unlocated or 0),
                "demo": int(demo or 0),
                "by_event_type": {t or None: n for t, n in
                                  sorted(by_type, key=lambda tn: (-tn[1], tn[0]))},
                "first_date": plain(first),
                "last_date": plain(last),
                "revision": int(one("SELECT value FROM meta WHERE key = 'revision'") or 0),
            }

    # ----------------------------------------------------------------- copying (migrate)

    def table_rows(self, table: str, batch: int = 5000) -> Iterator[list[tuple]]:
        """Every row of one table (columns as in `sql.TABLES`), in batches, by key order."""
        columns = TABLES[table]
        order = "id" if "id" in columns else ", ".join(columns[:2])
        with self._read() as c:
            cursor = c.run(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
            while rows := cursor.fetchmany(batch):
                yield [tuple(plain(v) if not isinstance(v, bool) else v for v in r)
                       for r in rows]

    def is_empty(self) -> bool:
        with self._read() as c:
            return not any(c.value(f"SELECT count(*) FROM {t}") for t in ("articles", "incidents"))

    def copy_from(self, other: "IncidentStore", progress: Callable[[str, int], None] | None = None
                  ) -> dict[str, int]:
        """Copy every row of another store into this empty one, ids and audit trail included."""
        if not self.is_empty():
            raise ValueError(f"{self.url} is not empty: migrate copies into a new store only")
        counts: dict[str, int] = {}
        with self._write(bump=True) as c:
            for table in TABLES:
                counts[table] = 0
                for rows in other.table_rows(table):
                    c.copy(table, TABLES[table], [self._typed(table, r) for r in rows])
                    counts[table] += len(rows)
                    if progress is not None:
                        progress(table, counts[table])
            self._after_copy(c)
        return counts

    def _typed(self, table: str, row: tuple) -> tuple:
        """A copied row as this backend stores it (booleans; see PostGIS)."""
        return row

    def _after_copy(self, c: Cx) -> None:
        """Hook: fix sequences after rows came in with their ids."""


def _least(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else min(a, b)


def _place_columns(place: Place) -> dict[str, Any]:
    return {"place_key": place.key, "place_name": place.name, "place_kind": place.kind,
            "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid,
            "country_code": place.country_code, "admin1": place.admin1,
            "admin2": getattr(place, "admin2", None)}


def _audit(column: str, value: Any) -> Any:
    """A value as the audit trail records it (JSON lists for actor lists, 0/1 flags)."""
    if column == "actors" and isinstance(value, str):
        return json.loads(value)
    if column == "rejected":
        return int(bool(value))
    return plain(value)


def _conflict(incident_id: int, expected: int, old: dict[str, Any]) -> ConflictError:
    who = old.get("reviewed_by")
    when = to_datetime(plain(old.get("reviewed_at")))
    by = f" by {who}" + (f" at {when:%Y-%m-%d %H:%M} UTC" if when else "") if who else ""
    return ConflictError(
        f"incident #{incident_id} was changed{by} since you opened it (your copy is version "
        f"{expected}, the store has version {old['version']}); nothing was saved — reload it "
        "and apply your change again", incident_id=incident_id, expected=expected,
        current=old["version"])
