"""The embedded backend: one SQLite file (the default).

Why SQLite: the tool runs offline on an analyst's laptop, the data is small
(thousands to a few hundred thousand rows), and a single file is easy to back
up or hand over.  WAL mode lets the dashboard read while an ingest writes;
writers (threads or processes) take turns through ``BEGIN IMMEDIATE``.

The behaviour (merging, reviews, demo flags, reading) is `base.IncidentStore`'s;
this module opens the file, creates or upgrades its schema and runs the SQL.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from map_app.store.base import MAX_ARTICLE_CHARS, Cx, IncidentStore, Parser, default_parser
from map_app.store.records import (  # re-exported: the store's public value types
    AddResult, ArticleRecord, ConflictError, IncidentFilter, IncidentRecord, MentionRecord,
    ReviewEntry, Source, StoreError)
from map_app.store.sql import normalise_text, now_utc, text_hash

__all__ = [
    "Store", "SQLiteStore", "StoreError", "ConflictError", "IncidentFilter", "IncidentRecord",
    "MentionRecord", "Source", "AddResult", "ArticleRecord", "ReviewEntry", "normalise_text",
    "text_hash", "DEFAULT_DB", "ENV_DB", "MAX_ARTICLE_CHARS", "default_parser",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = REPO_ROOT / "var" / "incidents.sqlite"
ENV_DB = "MAP_APP_DB"
#: 1: the first release; 2: ACLED actor/area fields, review flags, demo flags, versions;
#: 3: each source's own report (evidence, offsets, JSON) and the index for cross-article merging.
SCHEMA_VERSION = 3

#: Schema 1 as released; a new file gets it plus UPGRADE_2 (one path for new and old files).
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    published TEXT,
    url TEXT,
    title TEXT,
    source TEXT,
    lang TEXT,
    added_at TEXT NOT NULL
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    kind TEXT,
    country_code TEXT,
    admin1 TEXT,
    geonameid INTEGER,
    confidence REAL NOT NULL,
    published TEXT,
    search TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_published ON mentions(published);
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    merge_key TEXT,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL DEFAULT '',
    event_date TEXT,
    time_precision INTEGER,
    location TEXT,
    location_start INTEGER,
    location_end INTEGER,
    place_key TEXT,
    place_name TEXT,
    place_kind TEXT,
    lat REAL,
    lon REAL,
    geonameid INTEGER,
    country_code TEXT,
    admin1 TEXT,
    geo_precision INTEGER,
    fatalities INTEGER,
    actors TEXT NOT NULL DEFAULT '[]',
    evidence TEXT NOT NULL DEFAULT '',
    start INTEGER,
    "end" INTEGER,
    confidence REAL NOT NULL DEFAULT 0,
    reviewed INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    reviewed_by TEXT,
    reviewed_at TEXT,
    search TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incidents_merge ON incidents(merge_key) WHERE merge_key IS NOT NULL;
CREATE INDEX incidents_date ON incidents(event_date);
CREATE INDEX incidents_type ON incidents(event_type, sub_event_type);
CREATE INDEX incidents_country ON incidents(country_code, admin1);
CREATE TABLE incident_sources (
    incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    url TEXT,
    title TEXT,
    source TEXT,
    published TEXT,
    fatalities INTEGER,
    PRIMARY KEY (incident_id, position)
);
CREATE UNIQUE INDEX incident_sources_article
    ON incident_sources(incident_id, article_id) WHERE article_id IS NOT NULL;
CREATE INDEX incident_sources_by_article ON incident_sources(article_id);
CREATE TABLE incident_actors (
    incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    PRIMARY KEY (incident_id, actor)
);
CREATE INDEX incident_actors_actor ON incident_actors(actor);
CREATE TABLE incident_candidates (
    incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    place TEXT NOT NULL,
    PRIMARY KEY (incident_id, rank)
);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    changes TEXT NOT NULL,
    note TEXT
);
CREATE INDEX reviews_incident ON reviews(incident_id);
"""

#: Schema 1 → 2: columns added (ALTER TABLE ... ADD COLUMN), then indexes.
UPGRADE_2 = (
    "ALTER TABLE articles ADD COLUMN demo INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE incidents ADD COLUMN admin2 TEXT",
    "ALTER TABLE incidents ADD COLUMN admin3 TEXT",
    "ALTER TABLE incidents ADD COLUMN actor1 TEXT",
    "ALTER TABLE incidents ADD COLUMN assoc_actor_1 TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE incidents ADD COLUMN actor2 TEXT",
    "ALTER TABLE incidents ADD COLUMN assoc_actor_2 TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE incidents ADD COLUMN inter1 INTEGER",
    "ALTER TABLE incidents ADD COLUMN inter2 INTEGER",
    "ALTER TABLE incidents ADD COLUMN interaction INTEGER",
    "ALTER TABLE incidents ADD COLUMN civilian_targeting INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE incidents ADD COLUMN disorder_type TEXT",
    "ALTER TABLE incidents ADD COLUMN tags TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE incidents ADD COLUMN review_flags TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE incidents ADD COLUMN demo INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE incidents ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    "CREATE INDEX incidents_demo ON incidents(demo) WHERE demo",
    "CREATE INDEX articles_demo ON articles(demo) WHERE demo",
    "DELETE FROM meta WHERE key = 'demo_pending'",
)

#: Schema 2 → 3: every source keeps its own report; candidates for merging by type and day.
UPGRADE_3 = (
    "ALTER TABLE incident_sources ADD COLUMN evidence TEXT",
    "ALTER TABLE incident_sources ADD COLUMN start INTEGER",
    'ALTER TABLE incident_sources ADD COLUMN "end" INTEGER',
    "ALTER TABLE incident_sources ADD COLUMN report TEXT",
    "CREATE INDEX incidents_event ON incidents(event_type, (coalesce(time_precision, 1)), event_date)",
)
#: Upgrades by the schema version they start from.
UPGRADES = {"1": (*UPGRADE_2, *UPGRADE_3), "2": UPGRADE_3}


class _SQLiteCx(Cx):
    __slots__ = ("conn",)

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.conn.execute(sql, params).fetchall()  # finishes RETURNING statements
        return rows[0] if rows else None

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return row[0] if row else None


class SQLiteStore(IncidentStore):
    """An open SQLite incident database.  Safe to share between threads (one lock)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, parser: Parser | None):
        super().__init__(parser)
        self._conn = conn
        self._cx = _SQLiteCx(conn)
        self._lock = threading.RLock()
        self.path = path
        self.url = f"sqlite:///{path}" if path is not None else "sqlite:///:memory:"

    # ----------------------------------------------------------------- opening

    @staticmethod
    def resolve_path(path: str | Path | None = None) -> Path:
        """Explicit path, else $MAP_APP_DB, else var/incidents.sqlite in the repo."""
        if path is None or str(path) == "":
            path = os.environ.get(ENV_DB) or DEFAULT_DB
        text = str(path)
        if text.startswith("sqlite:///"):
            text = text[len("sqlite:///"):]
        return Path(text).expanduser()

    @classmethod
    def open(cls, path: str | Path | None = None, *, parser: Parser | None = None,
             with_demo: bool = False) -> "SQLiteStore":
        """Open (creating if needed) the database.  A store never loads demo data by
        itself: `map_app.demo.load_demo` (or `map_app demo`) does that on purpose."""
        if with_demo:
            raise ValueError("Store.open no longer loads the demo articles; "
                             "use map_app.demo.load_demo(store)")
        memory = str(path) in (":memory:", "sqlite:///:memory:")
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
            store._setup()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{resolved} is not a usable incident database: {exc}") from None
        except BaseException:
            conn.close()
            raise
        return store

    def _setup(self) -> None:
        c = self._conn
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("PRAGMA busy_timeout = 10000")
        c.execute("PRAGMA cache_size = -32768")  # 32 MB: bulk loads touch five indexes
        c.execute("PRAGMA temp_store = MEMORY")
        if self.path is not None:
            c.execute("PRAGMA journal_mode = WAL")
            c.execute("PRAGMA synchronous = NORMAL")
        with self._write() as cx:
            has_meta = cx.one(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'")
            if not has_meta:
                if cx.value("SELECT count(*) FROM sqlite_master"):
                    raise StoreError(f"{self.path} holds another application's tables")
                # a new file gets schema 1 plus the upgrades, exactly like an upgraded one
                for statement in (*SCHEMA.split(";"), *UPGRADE_2, *UPGRADE_3):
                    if statement.strip():
                        c.execute(statement)
                c.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
                    ("schema", str(SCHEMA_VERSION)), ("revision", "0"),
                    ("created_at", now_utc().isoformat())])
                return
            version = cx.value("SELECT value FROM meta WHERE key = 'schema'")
            if version in UPGRADES:
                for statement in UPGRADES[version]:
                    c.execute(statement)
                c.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))
            elif version != str(SCHEMA_VERSION):
                raise StoreError(
                    f"{self.path} has schema version {version}; this program needs "
                    f"{SCHEMA_VERSION} (move the file aside to start a new one)")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ----------------------------------------------------------------- plumbing

    @contextmanager
    def _read(self) -> Iterator[Cx]:
        with self._lock:
            yield self._cx

    @contextmanager
    def _write(self, bump: bool = False) -> Iterator[Cx]:
        """BEGIN IMMEDIATE ... COMMIT under the store lock; ROLLBACK on any error."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._cx
                if bump:
                    self._conn.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 "
                                       "AS TEXT) WHERE key = 'revision'")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _bounds_sql(self, south: float, west: float, north: float, east: float,
                    alias: str = "i") -> tuple[str, list[Any]]:
        if west <= east:
            return (f"({alias}.lat BETWEEN ? AND ? AND {alias}.lon BETWEEN ? AND ?)",
                    [south, north, west, east])
        return (f"({alias}.lat BETWEEN ? AND ? AND ({alias}.lon >= ? OR {alias}.lon <= ?))",
                [south, north, west, east])


#: The name every caller knows (``from map_app.store import Store``).
Store = SQLiteStore
