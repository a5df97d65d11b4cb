"""SQL and value conversions behind the incident store.

Everything that turns Python values into SQLite rows and back lives here, so
that `store.py` reads as the store's behaviour.  Hostile text is only ever a
bound parameter: SQL strings below are constants, and `where_clause` builds
its SQL from fixed fragments.
"""
from __future__ import annotations

import gc
import hashlib
import json
import re
import unicodedata
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Any, Iterable, Iterator

from gazetteer.place import Place
from map_app.store.records import IncidentFilter, IncidentRecord, Source

# --------------------------------------------------------------------------- text helpers

_WS = re.compile(r"\s+")
_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    **{chr(0x660 + i): str(i) for i in range(10)},
    **{chr(0x6F0 + i): str(i) for i in range(10)},
})


def normalise_text(text: str) -> str:
    """NFKC with whitespace collapsed: two copies of one article compare equal."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def search_key(text: str) -> str:
    """Fold case, Arabic letter variants, diacritics and digits so search is forgiving."""
    text = normalise_text(text).casefold()
    return _AR_DIACRITICS.sub("", text).translate(_AR_FOLD)


def like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# --------------------------------------------------------------------------- conversions


def iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


_DATE_CACHE: dict[str, date] = {}


def to_date(value: str | None) -> date | None:
    if value is None:
        return None
    cached = _DATE_CACHE.get(value)
    if cached is None:
        cached = date.fromisoformat(value)
        if len(_DATE_CACHE) < 100_000:
            _DATE_CACHE[value] = cached
    return cached


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building 100k records trips the cyclic GC over and over; none of them form cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def to_datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def coerce_date(value: Any, what: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ValueError(f"{what} must be a date (YYYY-MM-DD), got {value!r}")


def now_utc() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def merge_key(place_key: str | None, event_type: str, event_date: str | None) -> str | None:
    """Identity of an event for merging; None (never merged) without place or day."""
    if not place_key or not event_date or not event_type:
        return None
    return f"{place_key}|{event_type}|{event_date}"


def place_from_json(data: str) -> Place:
    fields = json.loads(data)
    return Place(**{k: v for k, v in fields.items() if k in Place.__dataclass_fields__})


def get_field(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


# --------------------------------------------------------------------------- schema

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

INCIDENT_COLUMNS = (
    "i.id, i.event_type, i.sub_event_type, i.event_date, i.time_precision, i.location, "
    "i.lat, i.lon, i.geonameid, i.country_code, i.admin1, i.geo_precision, i.fatalities, "
    'i.actors, i.evidence, i.start, i."end", i.confidence, i.reviewed, i.rejected, '
    "i.reviewed_by, i.reviewed_at, i.place_name, i.location_start, i.location_end, i.place_kind"
)

N_INCIDENT_COLUMNS = INCIDENT_COLUMNS.count(",") + 1

INSERT_INCIDENT = (
    "INSERT INTO incidents (id, merge_key, event_type, sub_event_type, event_date, time_precision, "
    "location, location_start, location_end, place_key, place_name, place_kind, lat, lon, "
    "geonameid, country_code, admin1, geo_precision, fatalities, actors, evidence, start, \"end\", "
    "confidence, reviewed, rejected, reviewed_by, reviewed_at, search) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)

INSERT_SOURCE = (
    "INSERT OR IGNORE INTO incident_sources "
    "(incident_id, position, article_id, url, title, source, published, fatalities) "
    "VALUES (?,?,?,?,?,?,?,?)"
)


def incident_search(evidence: str, location: str | None, place_name: str | None,
                     actors: Iterable[str]) -> str:
    return search_key(" ".join([evidence or "", location or "", place_name or "", *actors]))


def where_clause(flt: IncidentFilter) -> tuple[str, list[Any]]:
    """SQL condition on incidents `i` for a filter; values only as parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if not flt.include_rejected:
        clauses.append("i.rejected = 0")
    if flt.since is not None:
        clauses.append("i.event_date >= ?")
        params.append(iso(coerce_date(flt.since, "since")))
    if flt.until is not None:
        clauses.append("i.event_date <= ?")
        params.append(iso(coerce_date(flt.until, "until")))
    for column, values in (("i.event_type", flt.event_types),
                           ("i.sub_event_type", flt.sub_event_types),
                           ("i.country_code", flt.countries),
                           ("i.admin1", flt.admin1)):
        values = tuple(values)
        if values:
            clauses.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    actors = tuple(flt.actors)
    if actors:
        clauses.append("i.id IN (SELECT a.incident_id FROM incident_actors a "
                       f"WHERE a.actor IN ({','.join('?' * len(actors))}))")
        params.extend(actors)
    if flt.min_confidence:
        clauses.append("(i.confidence >= ? OR i.reviewed = 1)")
        params.append(float(flt.min_confidence))
    if flt.text:
        for word in search_key(flt.text).split():
            clauses.append("i.search LIKE ? ESCAPE '\\'")
            params.append(like_pattern(word))
    return (" AND ".join(clauses) or "1"), params


# --------------------------------------------------------------------------- rows <-> records

#: Incident columns followed by one source's columns (LEFT JOIN incident_sources s).
SELECT_INCIDENTS = (
    f"SELECT {INCIDENT_COLUMNS}, s.position, s.url, s.title, s.source, s.published, "
    "s.article_id FROM incidents i LEFT JOIN incident_sources s ON s.incident_id = i.id"
)


def records_from_rows(rows: Iterable[tuple[Any, ...]]) -> list[IncidentRecord]:
    """Group SELECT_INCIDENTS rows (ordered by incident, then source) into records."""
    out: list[IncidentRecord] = []
    actors_cache: dict[str, tuple[str, ...]] = {"[]": ()}
    current: tuple[Any, ...] | None = None
    sources: list[Source] = []
    n = N_INCIDENT_COLUMNS
    for row in rows:
        if current is None or row[0] != current[0]:
            if current is not None:
                out.append(_record(current, tuple(sources), actors_cache))
            current, sources = row, []
        if row[n] is not None:  # s.position: the incident has this source
            sources.append(Source(row[n + 1], row[n + 2], row[n + 3], to_date(row[n + 4]),
                                  row[n + 5]))
    if current is not None:
        out.append(_record(current, tuple(sources), actors_cache))
    return out


def _record(row: tuple[Any, ...], sources: tuple[Source, ...],
            actors_cache: dict[str, tuple[str, ...]]) -> IncidentRecord:
    (iid, event_type, sub_event_type, event_date, time_precision, location, lat, lon,
     geonameid, country_code, admin1, geo_precision, fatalities, actors, evidence, start, end,
     confidence, reviewed, rejected, reviewed_by, reviewed_at, place_name, loc_start,
     loc_end, place_kind) = row[:N_INCIDENT_COLUMNS]
    actor_tuple = actors_cache.get(actors)
    if actor_tuple is None:
        actor_tuple = actors_cache[actors] = tuple(json.loads(actors))
    return IncidentRecord(
        iid, event_type, sub_event_type, to_date(event_date), time_precision, location,
        lat, lon, geonameid, country_code, admin1, geo_precision, fatalities, actor_tuple,
        evidence, start, end, sources, confidence, bool(reviewed), bool(rejected),
        reviewed_by, to_datetime(reviewed_at), place_name, loc_start, loc_end, place_kind)


def bulk_rows(records: Iterable[Any],
              first_id: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Rows for INSERT_INCIDENT, INSERT_SOURCE and incident_actors from record-likes
    (IncidentRecord, objects with its attribute names, or dicts)."""
    incidents: list[tuple] = []
    sources: list[tuple] = []
    actor_rows: list[tuple] = []
    search_cache: dict[tuple, str] = {}
    json_cache: dict[tuple, str] = {(): "[]"}
    for offset, r in enumerate(records):
        if isinstance(r, dict):
            get = r.get
        else:
            def get(name: str, _r: Any = r) -> Any:
                return getattr(_r, name, None)
        incident_id = first_id + offset
        event_type = get("event_type") or ""
        if not event_type:
            raise ValueError(f"record {offset} has no event_type")
        event_date = iso(coerce_date(get("event_date"), "event_date"))
        actors = tuple(dict.fromkeys(a for a in (get("actors") or ()) if a))
        geonameid, location = get("geonameid"), get("location")
        place_name = get("place_name") or location
        if geonameid is not None:
            place_key = f"gn:{geonameid}"
        else:
            place_key = f"name:{get('country_code') or ''}:{place_name}" if place_name else None
        evidence = get("evidence") or ""
        reviewed_at = get("reviewed_at")
        if isinstance(reviewed_at, datetime):
            reviewed_at = reviewed_at.isoformat()
        actors_json = json_cache.get(actors)
        if actors_json is None:
            actors_json = json_cache[actors] = json.dumps(list(actors), ensure_ascii=False)
        skey = (evidence, location, place_name, actors)
        search = search_cache.get(skey)
        if search is None:
            search = search_cache[skey] = incident_search(evidence, location, place_name, actors)
        fatalities = get("fatalities")
        incidents.append((
            incident_id, merge_key(place_key, event_type, event_date), event_type,
            get("sub_event_type") or "", event_date, get("time_precision"), location,
            get("location_start"), get("location_end"), place_key, place_name,
            get("place_kind"), get("lat"), get("lon"), geonameid, get("country_code"),
            get("admin1"), get("geo_precision"), fatalities, actors_json, evidence,
            get("start"), get("end"), float(get("confidence") or 0.0),
            int(bool(get("reviewed"))), int(bool(get("rejected"))), get("reviewed_by"),
            reviewed_at, search))
        actor_rows.extend((incident_id, a) for a in actors)
        for position, s in enumerate(get("sources") or ()):
            if isinstance(s, str):
                s = Source(url=s)
            sources.append((
                incident_id, position, None, get_field(s, "url"), get_field(s, "title"),
                get_field(s, "source"), iso(coerce_date(get_field(s, "published"), "published")),
                fatalities))
    return incidents, sources, actor_rows
