"""SQL and value conversions shared by the store's backends.

The SQL here is written once for SQLite and PostgreSQL: `?` placeholders (the
PostGIS backend turns them into psycopg's `%s`), TRUE/FALSE, `NULLS LAST`,
`ON CONFLICT DO NOTHING` and `RETURNING` mean the same in both.  Hostile text
is only ever a bound parameter: the SQL strings below are constants, and
`where_clause` builds its SQL from fixed fragments.
"""
from __future__ import annotations

import gc
import hashlib
import json
import re
import unicodedata
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Any, Callable, Iterable, Iterator

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


def to_date(value: str | date | None) -> date | None:
    """A stored date (ISO text in SQLite, a date from PostgreSQL) as a date."""
    if value is None or isinstance(value, date):
        return value
    cached = _DATE_CACHE.get(value)
    if cached is None:
        cached = date.fromisoformat(value)
        if len(_DATE_CACHE) < 100_000:
            _DATE_CACHE[value] = cached
    return cached


def to_datetime(value: str | datetime | None) -> datetime | None:
    if isinstance(value, datetime) or not value:
        return value or None
    return datetime.fromisoformat(value)


def plain(value: Any) -> Any:
    """A stored value as JSON-able plain data: dates as ISO text, booleans as 0/1."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


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


def json_list(values: Iterable[str] | None) -> str:
    return json.dumps(list(dict.fromkeys(v for v in (values or ()) if v)), ensure_ascii=False)


# --------------------------------------------------------------------------- tables

#: Every column of every table, in a fixed order: what `migrate` copies and what the
#: inserts below fill.  Both backends create these columns (with their own types).
TABLES: dict[str, tuple[str, ...]] = {
    "articles": ("id", "hash", "text", "published", "url", "title", "source", "lang",
                 "added_at", "demo"),
    "mentions": ("id", "article_id", "start", '"end"', "text", "name", "lat", "lon", "kind",
                 "country_code", "admin1", "geonameid", "confidence", "published", "search"),
    "incidents": (
        "id", "merge_key", "event_type", "sub_event_type", "event_date", "time_precision",
        "location", "location_start", "location_end", "place_key", "place_name", "place_kind",
        "lat", "lon", "geonameid", "country_code", "admin1", "admin2", "admin3", "geo_precision",
        "fatalities", "actors", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1",
        "inter2", "interaction", "civilian_targeting", "disorder_type", "tags", "review_flags",
        "evidence", "start", '"end"', "confidence", "reviewed", "rejected", "reviewed_by",
        "reviewed_at", "search", "demo", "version"),
    "incident_sources": ("incident_id", "position", "article_id", "url", "title", "source",
                         "published", "fatalities", "evidence", "start", '"end"', "report"),
    "incident_actors": ("incident_id", "actor"),
    "incident_candidates": ("incident_id", "rank", "place"),
    "reviews": ("id", "incident_id", "reviewer", "reviewed_at", "changes", "note"),
}
#: Boolean columns (SQLite keeps them as 0/1, PostgreSQL as boolean).
BOOLEAN_COLUMNS = frozenset({"demo", "civilian_targeting", "reviewed", "rejected"})
#: Tables in an order that satisfies their foreign keys.
TABLE_ORDER = tuple(TABLES)

INCIDENT_TABLE = TABLES["incidents"]
INSERT_INCIDENT = (f"INSERT INTO incidents ({', '.join(INCIDENT_TABLE)}) "
                   f"VALUES ({','.join('?' * len(INCIDENT_TABLE))})")
#: A source row: its article's own evidence (text, offsets), toll and report (JSON, see
#: `merging`) travel with it, so a merge can be undone (`IncidentStore.split_source`).
INSERT_SOURCE = (
    "INSERT INTO incident_sources (incident_id, position, article_id, url, title, source, "
    'published, fatalities, evidence, start, "end", report) '
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING"
)
INSERT_ACTOR = ("INSERT INTO incident_actors (incident_id, actor) VALUES (?, ?) "
                "ON CONFLICT DO NOTHING")
_INCIDENT_DEFAULTS: dict[str, Any] = {
    "sub_event_type": "", "actors": "[]", "assoc_actor_1": "[]", "assoc_actor_2": "[]",
    "civilian_targeting": False, "tags": "", "review_flags": "[]", "evidence": "",
    "confidence": 0.0, "reviewed": False, "rejected": False, "search": "", "demo": False,
    "version": 1,
}


_ROW_SPEC = tuple((c.strip('"'), _INCIDENT_DEFAULTS.get(c.strip('"'))) for c in INCIDENT_TABLE)


def incident_row(values: dict[str, Any]) -> tuple:
    """INSERT_INCIDENT's parameters from {column: value} (missing columns take defaults)."""
    get = values.get
    return tuple([get(name, default) for name, default in _ROW_SPEC])


#: Columns read into an IncidentRecord, in the order of its fields (sources come apart).
_RECORD_COLUMNS = (
    "id", "event_type", "sub_event_type", "event_date", "time_precision", "location", "lat",
    "lon", "geonameid", "country_code", "admin1", "geo_precision", "fatalities", "actors",
    "evidence", "start", '"end"', "confidence", "reviewed", "rejected", "reviewed_by",
    "reviewed_at", "place_name", "location_start", "location_end", "place_kind", "actor1",
    "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2", "interaction",
    "civilian_targeting", "disorder_type", "admin2", "admin3", "tags", "review_flags", "demo",
    "version")
N_INCIDENT_COLUMNS = len(_RECORD_COLUMNS)

#: An incident's columns, in IncidentRecord's order (its sources come from SELECT_SOURCES).
SELECT_INCIDENTS = f"SELECT {', '.join('i.' + c for c in _RECORD_COLUMNS)} FROM incidents i"
#: The sources of the incidents an inner query selects, in order.
SELECT_SOURCES = ("SELECT s.incident_id, s.url, s.title, s.source, s.published, s.article_id, "
                  's.evidence, s.start, s."end", s.fatalities '
                  "FROM incident_sources s WHERE s.incident_id IN ({}) "
                  "ORDER BY s.incident_id, s.position")


def incident_search(evidence: str, location: str | None, place_name: str | None,
                    actors: Iterable[str]) -> str:
    return search_key(" ".join([evidence or "", location or "", place_name or "", *actors]))


#: bounds_sql(south, west, north, east) -> (condition on incidents `i`, parameters).
BoundsSQL = Callable[[float, float, float, float], tuple[str, list[Any]]]


def check_bounds(bounds: Any) -> tuple[float, float, float, float]:
    try:
        south, west, north, east = (float(v) for v in bounds)
    except (TypeError, ValueError):
        raise ValueError(f"bounds must be (south, west, north, east), got {bounds!r}") from None
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise ValueError(f"bounds out of range: {bounds!r}")
    return south, west, north, east


def where_clause(flt: IncidentFilter, bounds_sql: BoundsSQL,
                 places: Callable[[str], Any] | None = None) -> tuple[str, list[Any]]:
    """SQL condition on incidents `i` for a filter; values only as parameters.

    `places` (see `map_app.store.search`) widens a text query to the gazetteer
    places it names."""
    clauses: list[str] = []
    params: list[Any] = []
    if not flt.include_rejected:
        clauses.append("NOT i.rejected")
    if not getattr(flt, "include_demo", True):
        clauses.append("NOT i.demo")
    dates: list[str] = []
    if flt.since is not None:
        dates.append("i.event_date >= ?")
        params.append(iso(coerce_date(flt.since, "since")))
    if flt.until is not None:
        dates.append("i.event_date <= ?")
        params.append(iso(coerce_date(flt.until, "until")))
    if getattr(flt, "only_undated", False):
        clauses.append("i.event_date IS NULL")
    elif dates and getattr(flt, "include_undated", False):
        clauses.append(f"(i.event_date IS NULL OR ({' AND '.join(dates)}))")
    else:
        clauses.extend(dates)
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
        clauses.append("(i.confidence >= ? OR i.reviewed)")
        params.append(float(flt.min_confidence))
    if flt.text and flt.text.strip():
        from map_app.store.search import no_places, text_condition

        sql, values = text_condition(flt.text, places or no_places)
        clauses.append(sql)
        params.extend(values)
    bounds = getattr(flt, "bounds", None)
    if bounds is not None:
        sql, values = bounds_sql(*check_bounds(bounds))
        clauses.append(sql)
        params.extend(values)
    return (" AND ".join(clauses) or "TRUE"), params


# --------------------------------------------------------------------------- rows <-> records


def records_from_rows(rows: Iterable[tuple[Any, ...]], source_rows: Iterable[tuple[Any, ...]]
                      ) -> list[IncidentRecord]:
    """Records from SELECT_INCIDENTS and SELECT_SOURCES rows, newest event first
    (undated last, then by id): sorted here, which is cheaper than in SQL."""
    sources: dict[int, list[Source]] = {}
    for iid, url, title, source, published, article_id, evidence, start, end, dead in source_rows:
        found = sources.get(iid)
        if found is None:
            found = sources[iid] = []
        found.append(Source(url, title, source, to_date(published), article_id, evidence, start,
                            end, dead))
    cache: dict[str, tuple[str, ...]] = {"[]": ()}
    empty: tuple[Source, ...] = ()
    out = [_record(row, tuple(sources[row[0]]) if row[0] in sources else empty, cache)
           for row in rows]
    far = date.max.toordinal() + 1
    out.sort(key=lambda r: (far - r.event_date.toordinal() if r.event_date else far + 1, r.id))
    return out


def _tuple(text: str | None, cache: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    if not text:
        return ()
    value = cache.get(text)
    if value is None:
        value = cache[text] = tuple(json.loads(text))
    return value


def _record(row: tuple[Any, ...], sources: tuple[Source, ...],
            cache: dict[str, tuple[str, ...]]) -> IncidentRecord:
    (iid, event_type, sub_event_type, event_date, time_precision, location, lat, lon,
     geonameid, country_code, admin1, geo_precision, fatalities, actors, evidence, start, end,
     confidence, reviewed, rejected, reviewed_by, reviewed_at, place_name, loc_start,
     loc_end, place_kind, actor1, assoc1, actor2, assoc2, inter1, inter2, interaction,
     civilian, disorder, admin2, admin3, tags, flags, demo, version) = row[:N_INCIDENT_COLUMNS]
    return IncidentRecord(
        iid, event_type, sub_event_type, to_date(event_date), time_precision, location,
        lat, lon, geonameid, country_code, admin1, geo_precision, fatalities,
        _tuple(actors, cache), evidence, start, end, sources, confidence, bool(reviewed),
        bool(rejected), reviewed_by, to_datetime(reviewed_at), place_name, loc_start,
        loc_end, place_kind, actor1, _tuple(assoc1, cache), actor2, _tuple(assoc2, cache),
        inter1, inter2, interaction, bool(civilian), disorder, admin2, admin3, tags or "",
        _tuple(flags, cache), bool(demo), version)


def bulk_rows(records: Iterable[Any], ids: Iterator[int]
              ) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Rows for INSERT_INCIDENT, INSERT_SOURCE and incident_actors from record-likes
    (IncidentRecord, objects with its attribute names, or dicts)."""
    incidents: list[tuple] = []
    sources: list[tuple] = []
    actor_rows: list[tuple] = []
    search_cache: dict[tuple, str] = {}
    json_cache: dict[tuple, str] = {(): "[]"}

    def as_json(values: Any) -> str:
        key = tuple(values or ())
        text = json_cache.get(key)
        if text is None:
            text = json_cache[key] = json_list(key)
        return text

    for offset, r in enumerate(records):
        if isinstance(r, dict):
            get = r.get
        else:
            def get(name: str, _r: Any = r) -> Any:
                return getattr(_r, name, None)
        incident_id = next(ids)
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
        skey = (evidence, location, place_name, actors)
        search = search_cache.get(skey)
        if search is None:
            search = search_cache[skey] = incident_search(evidence, location, place_name, actors)
        fatalities = get("fatalities")
        incidents.append(incident_row({
            "id": incident_id, "merge_key": merge_key(place_key, event_type, event_date),
            "event_type": event_type, "sub_event_type": get("sub_event_type") or "",
            "event_date": event_date, "time_precision": get("time_precision"),
            "location": location, "location_start": get("location_start"),
            "location_end": get("location_end"), "place_key": place_key,
            "place_name": place_name, "place_kind": get("place_kind"), "lat": get("lat"),
            "lon": get("lon"), "geonameid": geonameid, "country_code": get("country_code"),
            "admin1": get("admin1"), "admin2": get("admin2"), "admin3": get("admin3"),
            "geo_precision": get("geo_precision"), "fatalities": fatalities,
            "actors": as_json(actors), "actor1": get("actor1"),
            "assoc_actor_1": as_json(get("assoc_actor_1")), "actor2": get("actor2"),
            "assoc_actor_2": as_json(get("assoc_actor_2")), "inter1": get("inter1"),
            "inter2": get("inter2"), "interaction": get("interaction"),
            "civilian_targeting": bool(get("civilian_targeting")),
            "disorder_type": get("disorder_type"), "tags": get("tags") or "",
            "review_flags": as_json(get("review_flags")), "evidence": evidence,
            "start": get("start"), "end": get("end"),
            "confidence": float(get("confidence") or 0.0), "reviewed": bool(get("reviewed")),
            "rejected": bool(get("rejected")), "reviewed_by": get("reviewed_by"),
            "reviewed_at": reviewed_at, "search": search, "demo": bool(get("demo")),
            "version": 1}))
        actor_rows.extend((incident_id, a) for a in actors)
        for position, s in enumerate(get("sources") or ()):
            if isinstance(s, str):
                s = Source(url=s)
            sources.append((
                incident_id, position, None, get_field(s, "url"), get_field(s, "title"),
                get_field(s, "source"), iso(coerce_date(get_field(s, "published"), "published")),
                fatalities, None, None, None, None))
    return incidents, sources, actor_rows
