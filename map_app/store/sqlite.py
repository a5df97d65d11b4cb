"""The incident store: one SQLite file holding articles, place mentions and incidents.

Why SQLite: the tool runs offline on an analyst's laptop, the data is small
(thousands to a few hundred thousand rows), and a single file is easy to back
up or hand over.  WAL mode lets the dashboard read while an ingest writes.

Every string stored here comes from hostile news text, so it only ever travels
as a bound SQL parameter; the SQL text itself is built from constants.

The same event reported by several articles (same place, event type and day)
is one incident that lists every source; fatalities keep the lowest reported
figure, as ACLED does.  Analyst corrections update the incident row and are
logged with who/when in the ``reviews`` table.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from gazetteer.place import Place
from map_app.store.records import (  # re-exported: the store's public value types
    AddResult, ArticleRecord, IncidentFilter, IncidentRecord, MentionRecord, ReviewEntry,
    Source, StoreError)
from map_app.store import validate
from map_app.store.sql import (
    INSERT_INCIDENT, INSERT_SOURCE, SCHEMA, SELECT_INCIDENTS, bulk_rows, coerce_date,
    gc_paused, incident_search, iso, like_pattern, merge_key, normalise_text, now_utc,
    place_from_json, records_from_rows, search_key, text_hash, to_date, to_datetime,
    where_clause)

__all__ = [
    "Store", "StoreError", "IncidentFilter", "IncidentRecord", "MentionRecord", "Source",
    "AddResult", "ArticleRecord", "ReviewEntry", "normalise_text", "text_hash",
    "DEFAULT_DB", "ENV_DB", "MAX_ARTICLE_CHARS",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = REPO_ROOT / "var" / "incidents.sqlite"
ENV_DB = "MAP_APP_DB"
SCHEMA_VERSION = 1
#: Longest article text accepted (characters): the parser's limit (see validate.py).
MAX_ARTICLE_CHARS = validate.MAX_ARTICLE_CHARS
#: How many alternative places are kept per incident for review.
MAX_CANDIDATES = 10

Parser = Callable[..., Any]


# --------------------------------------------------------------------------- the store


def default_parser() -> Parser:
    """`map_app.parse`, imported on first use (it loads the gazetteer)."""
    from map_app import parse

    return parse


class Store:
    """An open incident database.  Safe to share between threads (one lock)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, parser: Parser | None):
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self._parser = parser

    # ----------------------------------------------------------------- opening

    @staticmethod
    def resolve_path(path: str | Path | None = None) -> Path:
        """Explicit path, else $MAP_APP_DB, else var/incidents.sqlite in the repo."""
        if path is None or str(path) == "":
            path = os.environ.get(ENV_DB) or DEFAULT_DB
        return Path(path).expanduser()

    @classmethod
    def open(cls, path: str | Path | None = None, *, parser: Parser | None = None,
             with_demo: bool = True) -> "Store":
        """Open (creating if needed) the database; a new one gets the demo articles."""
        memory = str(path) == ":memory:"
        resolved = None if memory else cls.resolve_path(path)
        try:
            if resolved is not None:
                resolved.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(":memory:" if memory else str(resolved),
                                   isolation_level=None, check_same_thread=False, timeout=10)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open database {resolved}: {exc}") from None
        store = cls(conn, resolved, parser)
        try:
            store._setup(with_demo)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{resolved} is not a usable incident database: {exc}") from None
        except BaseException:
            conn.close()
            raise
        if with_demo and store._meta("demo_pending") == "1":
            try:
                store.load_demo()
            except BaseException:
                store.close()
                raise
        return store

    def _setup(self, with_demo: bool) -> None:
        c = self._conn
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("PRAGMA busy_timeout = 10000")
        c.execute("PRAGMA cache_size = -32768")  # 32 MB: bulk loads touch five indexes
        c.execute("PRAGMA temp_store = MEMORY")
        if self.path is not None:
            c.execute("PRAGMA journal_mode = WAL")
            c.execute("PRAGMA synchronous = NORMAL")
        with self._write():
            has_meta = c.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
            if not has_meta:
                if c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise StoreError(f"{self.path} holds another application's tables")
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        c.execute(statement)
                c.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
                    ("schema", str(SCHEMA_VERSION)),
                    ("revision", "0"),
                    ("demo_pending", "1" if with_demo else "0"),
                    ("created_at", now_utc().isoformat()),
                ])
            else:
                version = self._meta("schema")
                if version != str(SCHEMA_VERSION):
                    raise StoreError(
                        f"{self.path} has schema version {version}; this program needs "
                        f"{SCHEMA_VERSION} (move the file aside to start a new one)")

    def load_demo(self) -> list[AddResult]:
        """Parse and add the bundled demo articles (idempotent: duplicates are skipped)."""
        from map_app.demo import demo_articles

        try:
            results = [self.add_article(a.text, published=a.published, url=a.url,
                                        title=a.title, source=a.source)
                       for a in demo_articles()]
        except StoreError:
            raise
        except Exception as exc:  # the parser or the gazetteer is not usable yet
            raise StoreError(f"cannot load the demo articles: the parser failed "
                             f"({type(exc).__name__}: {exc})") from exc
        with self._write():
            self._conn.execute("UPDATE meta SET value = '0' WHERE key = 'demo_pending'")
        return results

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- plumbing

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    class _Tx:
        """BEGIN IMMEDIATE ... COMMIT under the store lock; ROLLBACK on any error."""

        def __init__(self, store: "Store", bump: bool):
            self.store, self.bump = store, bump

        def __enter__(self) -> sqlite3.Connection:
            self.store._lock.acquire()
            try:
                self.store._conn.execute("BEGIN IMMEDIATE")
            except BaseException:
                self.store._lock.release()
                raise
            return self.store._conn

        def __exit__(self, exc_type: Any, *rest: Any) -> None:
            conn = self.store._conn
            try:
                if exc_type is None:
                    if self.bump:
                        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
                                     "WHERE key = 'revision'")
                    conn.execute("COMMIT")
                else:
                    conn.execute("ROLLBACK")
            finally:
                self.store._lock.release()

    def _write(self, bump: bool = False) -> "_Tx":
        return Store._Tx(self, bump)

    def _parse(self, text: str, published: date | None, source: str | None) -> Any:
        if self._parser is None:
            self._parser = default_parser()
        return self._parser(text, published=published, source=source)

    # ----------------------------------------------------------------- writing

    def add_article(self, text: str, *, published: date | None = None, url: str | None = None,
                    title: str | None = None, source: str | None = None) -> AddResult:
        """Parse one article and store it with its mentions and incidents (one transaction)."""
        published = coerce_date(published, "published")
        validate.article(text, published, url, title, source, max_chars=MAX_ARTICLE_CHARS)
        digest = text_hash(text)
        with self._lock:
            row = self._conn.execute("SELECT id FROM articles WHERE hash = ?", (digest,)).fetchone()
        if row:
            return AddResult(row[0], False, 0, 0)
        doc = self._parse(text, published, source)
        validate.parsed(doc)
        with self._write(bump=True) as c:
            row = c.execute("SELECT id FROM articles WHERE hash = ?", (digest,)).fetchone()
            if row:  # another writer stored it while we were parsing
                return AddResult(row[0], False, 0, 0)
            article_id = c.execute(
                "INSERT INTO articles (hash, text, published, url, title, source, lang, added_at) "
                "VALUES (?,?,?,?,?,?,?,?)",
                (digest, text, iso(published), url, title, source,
                 getattr(doc, "lang", None), now_utc().isoformat())).lastrowid
            places = self._insert_mentions(c, article_id, doc, published)
            src = Source(url=url, title=title, source=source, published=published,
                         article_id=article_id)
            touched = {self._insert_incident(c, inc, src) for inc in getattr(doc, "incidents", [])}
        return AddResult(article_id, True, len(touched), places)

    @staticmethod
    def _insert_mentions(c: sqlite3.Connection, article_id: int, doc: Any,
                         published: date | None) -> int:
        rows = []
        for m in getattr(doc, "places", []):
            p = m.place
            if p is None:
                continue
            rows.append((article_id, m.start, m.end, m.text, p.name, p.lat, p.lon, p.kind,
                         p.country_code, p.admin1, p.geonameid, float(m.confidence),
                         iso(published), search_key(f"{m.text} {p.name} {p.name_ar or ''}")))
        c.executemany(
            'INSERT INTO mentions (article_id, start, "end", text, name, lat, lon, kind, '
            "country_code, admin1, geonameid, confidence, published, search) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        return len(rows)

    def _insert_incident(self, c: sqlite3.Connection, inc: Any, src: Source) -> int:
        """Store one parsed incident, merging it into an existing report of the same event."""
        mention = getattr(inc, "location_mention", None)
        place: Place | None = inc.place or (mention.place if mention is not None else None)
        if mention is not None:
            confidence = float(mention.confidence)
        else:
            confidence = 0.5 if place is not None else 0.0
        event_date = iso(inc.event_date)
        actors = tuple(dict.fromkeys(a for a in (inc.actors or []) if a))
        key = merge_key(place.key if place else None, inc.event_type, event_date)
        existing = None
        if key is not None:
            existing = c.execute(
                "SELECT id, reviewed, actors FROM incidents WHERE merge_key = ? "
                "ORDER BY rejected, id LIMIT 1", (key,)).fetchone()
        if existing is None:
            incident_id = self._next_id(c)
            location = getattr(inc, "location", None) or (place.name if place else None)
            c.execute(INSERT_INCIDENT, (
                incident_id, key, inc.event_type, inc.sub_event_type or "", event_date,
                inc.time_precision, location,
                mention.start if mention is not None else None,
                mention.end if mention is not None else None,
                place.key if place else None, place.name if place else None,
                place.kind if place else None, place.lat if place else None,
                place.lon if place else None, place.geonameid if place else None,
                place.country_code if place else None, place.admin1 if place else None,
                inc.geo_precision, inc.fatalities, json.dumps(list(actors), ensure_ascii=False),
                inc.evidence or "", inc.start, inc.end, confidence, 0, 0, None, None,
                incident_search(inc.evidence, location, place.name if place else None, actors)))
            self._store_candidates(c, incident_id, place, mention)
        else:
            incident_id, _reviewed, old_actors = existing
            merged = tuple(dict.fromkeys([*json.loads(old_actors), *actors]))
            c.execute(
                "UPDATE incidents SET actors = ?, confidence = max(confidence, ?), "
                "geo_precision = coalesce(min(geo_precision, ?), geo_precision, ?), "
                "time_precision = coalesce(min(time_precision, ?), time_precision, ?) "
                "WHERE id = ?",
                (json.dumps(list(merged), ensure_ascii=False), confidence,
                 inc.geo_precision, inc.geo_precision, inc.time_precision, inc.time_precision,
                 incident_id))
            if merged != actors:
                row = c.execute("SELECT evidence, location, place_name FROM incidents WHERE id = ?",
                                (incident_id,)).fetchone()
                c.execute("UPDATE incidents SET search = ? WHERE id = ?",
                          (incident_search(row[0], row[1], row[2], merged), incident_id))
        c.executemany("INSERT OR IGNORE INTO incident_actors (incident_id, actor) VALUES (?, ?)",
                      [(incident_id, a) for a in actors])
        self._add_source(c, incident_id, src, inc.fatalities)
        if existing is not None and not existing[1]:  # reviewed figures are the analyst's
            c.execute("UPDATE incidents SET fatalities = (SELECT min(fatalities) FROM "
                      "incident_sources WHERE incident_id = ?) WHERE id = ?",
                      (incident_id, incident_id))
        return incident_id

    @staticmethod
    def _next_id(c: sqlite3.Connection) -> int:
        return (c.execute("SELECT coalesce(max(id), 0) FROM incidents").fetchone()[0]) + 1

    @staticmethod
    def _add_source(c: sqlite3.Connection, incident_id: int, src: Source,
                    fatalities: int | None) -> None:
        if src.article_id is not None and c.execute(
                "SELECT 1 FROM incident_sources WHERE incident_id = ? AND article_id = ?",
                (incident_id, src.article_id)).fetchone():
            # a second sentence of the same article about the same event
            if fatalities is not None:
                c.execute("UPDATE incident_sources SET fatalities = "
                          "min(coalesce(fatalities, ?), ?) WHERE incident_id = ? "
                          "AND article_id = ?",
                          (fatalities, fatalities, incident_id, src.article_id))
            return
        position = c.execute("SELECT coalesce(max(position), -1) + 1 FROM incident_sources "
                             "WHERE incident_id = ?", (incident_id,)).fetchone()[0]
        c.execute(INSERT_SOURCE, (incident_id, position, src.article_id, src.url, src.title,
                                   src.source, iso(src.published), fatalities))

    @staticmethod
    def _store_candidates(c: sqlite3.Connection, incident_id: int, place: Place | None,
                          mention: Any) -> None:
        seen: dict[str, Place] = {}
        for p in ([place] if place else []) + list(getattr(mention, "candidates", None) or []):
            if p is not None and p.key not in seen:
                seen[p.key] = p
        rows = [(incident_id, rank, json.dumps(p.to_dict(), ensure_ascii=False))
                for rank, p in enumerate(list(seen.values())[:MAX_CANDIDATES])]
        c.executemany("INSERT INTO incident_candidates (incident_id, rank, place) VALUES (?,?,?)",
                      rows)

    def add_incident_records(self, records: Iterable[Any]) -> int:
        """Bulk-insert ready-made incidents (benchmarks, imports); returns how many.

        Each record may be an `IncidentRecord`, any object with the same attribute
        names, or a dict.  Its `id` is ignored (new ids are assigned); `sources`
        may hold `Source` objects, dicts with the same keys, or plain URL strings.
        No merging is done and no article text is needed, which keeps this fast
        (10k rows in ~0.2 s, 100k in ~2 s).  The merge key is still set, so later
        articles about the same event merge into these rows.
        """
        with self._write(bump=True) as c, gc_paused():
            incident_rows, source_rows, actor_rows = bulk_rows(validate.records(records), self._next_id(c))
            c.executemany(INSERT_INCIDENT, incident_rows)
            c.executemany(INSERT_SOURCE, source_rows)
            c.executemany("INSERT OR IGNORE INTO incident_actors (incident_id, actor) "
                          "VALUES (?, ?)", actor_rows)
            if len(incident_rows) >= 1000:
                c.execute("ANALYZE")  # fresh statistics so filters pick the right index
        return len(incident_rows)

    def review(self, incident_id: int, *, reviewer: str, place: Place | None = None,
               lat: float | None = None, lon: float | None = None, event_type: str | None = None,
               sub_event_type: str | None = None, event_date: date | None = None,
               fatalities: int | None = None, rejected: bool = False,
               note: str | None = None) -> IncidentRecord:
        """Apply an analyst's correction; logs old/new values with who and when.

        Arguments left as None keep their stored value; `rejected` is always set
        (False restores a previously rejected incident).  `place` moves the pin to
        a gazetteer entry; `lat`/`lon` (both) set a manual pin and win over `place`.
        """
        reviewer = (validate.text(reviewer, "reviewer") or "").strip()
        if not reviewer:
            raise ValueError("a reviewer name is required")
        validate.text(note, "note", validate.MAX_ARTICLE_CHARS)
        changes: dict[str, Any] = {}
        if place is not None:
            changes.update(place_key=place.key, place_name=place.name, place_kind=place.kind,
                           lat=place.lat, lon=place.lon, geonameid=place.geonameid,
                           country_code=place.country_code, admin1=place.admin1)
        if (lat is None) != (lon is None):
            raise ValueError("give both lat and lon for a manual pin")
        if lat is not None:
            lat, lon = validate.coordinates(lat, lon, "pin")
            changes.update(lat=lat, lon=lon)
        if place is not None:
            validate.coordinates(place.lat, place.lon, "place")
        if event_type is not None:
            if not str(event_type).strip():
                raise ValueError("event_type cannot be empty")
            changes["event_type"] = validate.text(str(event_type), "event_type")
        if sub_event_type is not None:
            changes["sub_event_type"] = validate.text(str(sub_event_type), "sub_event_type")
        if event_date is not None:
            changes["event_date"] = iso(validate.day(coerce_date(event_date, "event_date"), "event date"))
            changes["time_precision"] = 1
        if fatalities is not None:
            changes["fatalities"] = validate.fatalities(fatalities)
        changes["rejected"] = int(bool(rejected))
        at = now_utc()
        with self._write(bump=True) as c:
            names = list(changes)
            row = c.execute(
                f"SELECT {', '.join(names)}, place_key, event_type, event_date "
                "FROM incidents WHERE id = ?", (incident_id,)).fetchone()
            if row is None:
                raise KeyError(f"no incident with id {incident_id}")
            old = dict(zip(names, row[:len(names)], strict=True))
            place_key = changes.get("place_key", row[-3])
            if "lat" in changes and "place_key" not in changes:
                place_key = f"pin:{changes['lat']:.5f},{changes['lon']:.5f}"
                changes["place_key"] = place_key
            changes["merge_key"] = merge_key(place_key, changes.get("event_type", row[-2]),
                                              changes.get("event_date", row[-1]))
            assignments = ", ".join(f"{name} = ?" for name in changes)
            c.execute(f"UPDATE incidents SET {assignments}, reviewed = 1, reviewed_by = ?, "
                      "reviewed_at = ? WHERE id = ?",
                      (*changes.values(), reviewer, at.isoformat(), incident_id))
            diff = {k: [old[k], changes[k]] for k in names
                    if k in old and old[k] != changes[k] and k != "place_key"}
            c.execute("INSERT INTO reviews (incident_id, reviewer, reviewed_at, changes, note) "
                      "VALUES (?,?,?,?,?)",
                      (incident_id, reviewer, at.isoformat(),
                       json.dumps(diff, ensure_ascii=False), note))
            if "place_name" in changes:
                r = c.execute("SELECT evidence, location, place_name, actors FROM incidents "
                              "WHERE id = ?", (incident_id,)).fetchone()
                c.execute("UPDATE incidents SET search = ? WHERE id = ?",
                          (incident_search(r[0], r[1], r[2], json.loads(r[3])), incident_id))
        return self.incident(incident_id)

    # ----------------------------------------------------------------- reading

    def incidents(self, flt: IncidentFilter = IncidentFilter()) -> list[IncidentRecord]:
        """Incidents matching the filter, newest event first (undated last)."""
        where, params = where_clause(flt)
        with self._lock, gc_paused():
            return records_from_rows(self._conn.execute(
                f"{SELECT_INCIDENTS} WHERE {where} "
                "ORDER BY i.event_date DESC NULLS LAST, i.id, s.position", params))

    def incident(self, incident_id: int) -> IncidentRecord:
        """One incident by id, rejected or not (KeyError if absent)."""
        with self._lock:
            rows = self._conn.execute(f"{SELECT_INCIDENTS} WHERE i.id = ? ORDER BY s.position",
                                      (incident_id,)).fetchall()
        if not rows:
            raise KeyError(f"no incident with id {incident_id}")
        return records_from_rows(rows)[0]

    def mentions(self, flt: IncidentFilter = IncidentFilter()) -> list[MentionRecord]:
        """Resolved place mentions.  Uses the filter's since/until (on the article's
        publication date), countries, admin1, min_confidence and text; the
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
        where = " AND ".join(clauses) or "1"
        with self._lock:
            rows = self._conn.execute(
                'SELECT m.article_id, m.text, m.start, m."end", m.name, m.lat, m.lon, m.kind, '
                "m.country_code, m.confidence, m.geonameid, m.admin1, m.published "
                f"FROM mentions m WHERE {where} ORDER BY m.article_id, m.start", params).fetchall()
        return [MentionRecord(*row[:12], to_date(row[12])) for row in rows]

    def candidates(self, incident_id: int) -> list[Place]:
        """Alternative places for an incident's location, as resolved at insert (best first)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT place FROM incident_candidates WHERE incident_id = ? ORDER BY rank",
                (incident_id,)).fetchall()
        return [place_from_json(r[0]) for r in rows]

    def history(self, incident_id: int) -> list[ReviewEntry]:
        """The audit trail of corrections to one incident, oldest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT incident_id, reviewer, reviewed_at, changes, note FROM reviews "
                "WHERE incident_id = ? ORDER BY id", (incident_id,)).fetchall()
        return [ReviewEntry(r[0], r[1], datetime.fromisoformat(r[2]), json.loads(r[3]), r[4])
                for r in rows]

    def article(self, article_id: int) -> ArticleRecord | None:
        """The stored article (to show evidence in context)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT id, text, published, url, title, source, added_at FROM articles "
                "WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return ArticleRecord(row[0], row[1], to_date(row[2]), row[3], row[4], row[5],
                             to_datetime(row[6]))

    def facets(self) -> dict[str, list[str]]:
        """Distinct values for the filter widgets (sorted; empty values left out)."""
        queries = {
            "event_types": "SELECT DISTINCT event_type FROM incidents",
            "sub_event_types": "SELECT DISTINCT sub_event_type FROM incidents",
            "countries": "SELECT DISTINCT country_code FROM incidents",
            "admin1": "SELECT DISTINCT admin1 FROM incidents",
            "actors": "SELECT DISTINCT actor FROM incident_actors",
        }
        with self._lock:
            return {name: sorted(v for (v,) in self._conn.execute(sql) if v)
                    for name, sql in queries.items()}

    def revision(self) -> int:
        """A counter bumped by every write (use it in cache keys)."""
        with self._lock:
            return int(self._meta("revision") or 0)

    def stats(self) -> dict[str, Any]:
        with self._lock:
            one = lambda sql: self._conn.execute(sql).fetchone()[0]  # noqa: E731
            by_type = dict(self._conn.execute(
                "SELECT event_type, count(*) FROM incidents WHERE rejected = 0 "
                "GROUP BY event_type ORDER BY count(*) DESC").fetchall())
            dates = self._conn.execute(
                "SELECT min(event_date), max(event_date) FROM incidents WHERE rejected = 0"
            ).fetchone()
            return {
                "articles": one("SELECT count(*) FROM articles"),
                "mentions": one("SELECT count(*) FROM mentions"),
                "incidents": one("SELECT count(*) FROM incidents WHERE rejected = 0"),
                "rejected": one("SELECT count(*) FROM incidents WHERE rejected = 1"),
                "reviewed": one("SELECT count(*) FROM incidents WHERE reviewed = 1"),
                "merged": one("SELECT count(*) FROM (SELECT incident_id FROM incident_sources "
                              "GROUP BY incident_id HAVING count(*) > 1)"),
                "unlocated": one("SELECT count(*) FROM incidents WHERE lat IS NULL "
                                 "AND rejected = 0"),
                "by_event_type": by_type,
                "first_date": dates[0],
                "last_date": dates[1],
                "revision": int(self._meta("revision") or 0),
            }
