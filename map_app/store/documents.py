"""A parsed article on its way into the store: rows prepared, then written with merging.

Split in two so that parallel ingest keeps its one writer light: `prepare`
(pure Python, no database: validation, search keys, candidate places as JSON)
runs wherever the article was parsed — a worker process or a Dask worker — and
`write` (in the writer's transaction) only looks up the events already stored
and executes a handful of statements per article, whatever its number of
incidents.

Merging: incidents with the same merge key (place, event type, day) are one
event, in the store and within one article (demo data only merges with demo
data).  A merged event lists every article once as a source, keeps the union of
actors and review flags, the highest confidence, the most precise geo and time
precision, and the lowest reported fatalities (an analyst's reviewed figure is
kept); each merge bumps the stored incident's version.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from gazetteer.place import Place
from map_app.store import validate
from map_app.store.records import AddResult
from map_app.store.sql import (
    INSERT_ACTOR, INSERT_INCIDENT, INSERT_SOURCE, TABLES, incident_row, incident_search, iso, json_list,
    merge_key, now_utc, search_key, text_hash)

#: How many alternative places are kept per incident for review.
MAX_CANDIDATES = 10
_PLACE_FIELDS = tuple(f for f in Place.__dataclass_fields__ if f != "pid")
INSERT_MENTION = ('INSERT INTO mentions (article_id, start, "end", text, name, lat, lon, kind, '
                  "country_code, admin1, geonameid, confidence, published, search) "
                  "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")


def place_json(place: Place) -> str:
    """`Place.to_dict()` as JSON, without dataclasses.asdict's deep copies."""
    data = {f: getattr(place, f) for f in _PLACE_FIELDS}
    data["score"] = round(place.score, 4)
    return json.dumps(data, ensure_ascii=False)


#: Position of each incident column in INSERT_INCIDENT's row.
COL = {c.strip('"'): i for i, c in enumerate(TABLES["incidents"])}


@dataclass(slots=True)
class PreparedIncident:
    key: str | None
    #: INSERT_INCIDENT's row (id, demo and the merged fields are set by `write`).
    row: tuple
    actors: tuple[str, ...]
    flags: tuple[str, ...]
    candidates: tuple[str, ...]

    def get(self, column: str) -> Any:
        return self.row[COL[column]]


@dataclass(slots=True)
class PreparedDocument:
    """What the store keeps of a parsed article (small and cheap to pickle)."""

    lang: str | None
    #: Mention rows without article_id and published: start .. confidence, search.
    mentions: list[tuple] = field(default_factory=list)
    incidents: list[PreparedIncident] = field(default_factory=list)


def prepare(doc: Any) -> PreparedDocument:
    """Check a parsed Document (validate.parsed) and turn it into rows."""
    if isinstance(doc, PreparedDocument):
        return doc
    validate.parsed(doc)
    mentions = []
    for m in getattr(doc, "places", []):
        p = m.place
        if p is not None:
            mentions.append((m.start, m.end, m.text, p.name, p.lat, p.lon, p.kind,
                             p.country_code, p.admin1, p.geonameid, float(m.confidence),
                             search_key(f"{m.text} {p.name} {p.name_ar or ''}")))
    return PreparedDocument(getattr(doc, "lang", None), mentions,
                            [_prepare_incident(inc) for inc in getattr(doc, "incidents", [])])


def _prepare_incident(inc: Any) -> PreparedIncident:
    mention = getattr(inc, "location_mention", None)
    place: Place | None = inc.place or (mention.place if mention is not None else None)
    if mention is not None:
        confidence = float(mention.confidence)
    else:
        confidence = 0.5 if place is not None else 0.0
    event_date = iso(inc.event_date)
    actors = tuple(dict.fromkeys(a for a in (inc.actors or []) if a))
    location = getattr(inc, "location", None) or (place.name if place else None)
    values = {
        "merge_key": merge_key(place.key if place else None, inc.event_type, event_date),
        "event_type": inc.event_type, "sub_event_type": inc.sub_event_type or "",
        "event_date": event_date, "time_precision": inc.time_precision, "location": location,
        "location_start": mention.start if mention is not None else None,
        "location_end": mention.end if mention is not None else None,
        "geo_precision": inc.geo_precision, "fatalities": inc.fatalities,
        "actor1": getattr(inc, "actor1", None),
        "assoc_actor_1": json_list(getattr(inc, "assoc_actor_1", ())),
        "actor2": getattr(inc, "actor2", None),
        "assoc_actor_2": json_list(getattr(inc, "assoc_actor_2", ())),
        "inter1": getattr(inc, "inter1", None), "inter2": getattr(inc, "inter2", None),
        "interaction": getattr(inc, "interaction", None),
        "civilian_targeting": bool(getattr(inc, "civilian_targeting", False)),
        "disorder_type": getattr(inc, "disorder_type", None),
        "tags": getattr(inc, "tags", "") or "", "evidence": inc.evidence or "",
        "start": inc.start, "end": inc.end, "confidence": confidence,
        "search": incident_search(inc.evidence, location, place.name if place else None, actors),
    }
    if place is not None:
        values.update(place_key=place.key, place_name=place.name, place_kind=place.kind,
                      lat=place.lat, lon=place.lon, geonameid=place.geonameid,
                      country_code=place.country_code, admin1=place.admin1,
                      admin2=getattr(place, "admin2", None))
    seen: dict[str, Place] = {}
    for p in ([place] if place else []) + list(getattr(mention, "candidates", None) or []):
        if p is not None and p.key not in seen:
            seen[p.key] = p
    values.update(actors=json_list(actors), review_flags=json_list(
        getattr(inc, "review_flags", ()) or ()))
    return PreparedIncident(values["merge_key"], incident_row(values), actors,
                            tuple(dict.fromkeys(getattr(inc, "review_flags", ()) or ())),
                            tuple(place_json(p) for p in list(seen.values())[:MAX_CANDIDATES]))


# --------------------------------------------------------------------------- writing


@dataclass(slots=True)
class _Event:
    """One event this article reports: a new incident or one already stored."""

    id: int
    new: bool
    actors: tuple[str, ...]
    flags: tuple[str, ...]
    confidence: float
    geo: int | None
    time: int | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    reviewed: bool = False
    first: PreparedIncident | None = None
    search_parts: tuple = ()
    merged: bool = False


def _least(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else min(a, b)


def _absorb(event: _Event, p: PreparedIncident) -> None:
    v = p.get
    event.actors = tuple(dict.fromkeys([*event.actors, *p.actors]))
    event.flags = tuple(dict.fromkeys([*event.flags, *p.flags]))
    event.confidence = max(event.confidence, v("confidence"))
    event.geo = _least(event.geo, v("geo_precision"))
    event.time = _least(event.time, v("time_precision"))
    event.actor1 = event.actor1 or v("actor1")
    event.actor2 = event.actor2 or v("actor2")
    event.fatalities = _least(event.fatalities, v("fatalities"))


_EXISTING = ("SELECT id, merge_key, reviewed, actors, confidence, geo_precision, time_precision, "
             "review_flags, actor1, actor2, evidence, location, place_name FROM incidents "
             "WHERE demo = ? AND merge_key IN ({}) ORDER BY rejected, id")


def write(c: Any, text: str, prepared: PreparedDocument, next_id: Callable[[], int], *,
          published: Any = None, url: str | None = None, title: str | None = None,
          source: str | None = None, demo: bool = False, digest: str | None = None
          ) -> AddResult:
    """Store one prepared article in the caller's transaction (`c`: a base.Cx);
    `digest` is its `text_hash` when the caller has it already."""
    digest = digest or text_hash(text)
    row = c.one("SELECT id FROM articles WHERE hash = ?", (digest,))
    if row:  # stored already (perhaps by another writer while this one was parsing)
        return AddResult(row[0], False, 0, 0)
    demo, pub = bool(demo), iso(published)
    article_id = c.value(
        "INSERT INTO articles (hash, text, published, url, title, source, lang, added_at, demo) "
        "VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
        (digest, text, pub, url, title, source, prepared.lang, now_utc().isoformat(), demo))
    if prepared.mentions:
        c.many(INSERT_MENTION, [(article_id, *m[:11], pub, m[11]) for m in prepared.mentions])
    events = _events(c, prepared, demo, next_id)
    new_rows, candidates, actor_rows, sources = [], [], [], []
    for event in events.values():
        actor_rows.extend((event.id, a) for a in event.actors)
        if event.new:
            first = event.first
            row = list(first.row)
            row[COL["id"]], row[COL["demo"]] = event.id, demo
            if event.merged:  # several reports of one event in this article
                get = first.get
                for column, value in (
                        ("actors", json_list(event.actors)), ("actor1", event.actor1),
                        ("actor2", event.actor2), ("confidence", event.confidence),
                        ("geo_precision", event.geo), ("time_precision", event.time),
                        ("fatalities", event.fatalities),
                        ("review_flags", json_list(event.flags)),
                        ("search", incident_search(get("evidence"), get("location"),
                                                   get("place_name"), event.actors))):
                    row[COL[column]] = value
            new_rows.append(row)
            candidates.extend((event.id, rank, place) for rank, place in
                              enumerate(event.first.candidates))
            sources.append((event.id, 0, article_id, url, title, source, pub, event.fatalities))
            continue
        evidence, location, place_name = event.search_parts
        c.run("UPDATE incidents SET actors = ?, confidence = ?, geo_precision = ?, "
              "time_precision = ?, review_flags = ?, search = ?, actor1 = ?, actor2 = ?, "
              "version = version + 1 WHERE id = ?",
              (json_list(event.actors), event.confidence, event.geo, event.time,
               json_list(event.flags), incident_search(evidence, location, place_name,
                                                       event.actors),
               event.actor1, event.actor2, event.id))
        position = c.value("SELECT coalesce(max(position), -1) + 1 FROM incident_sources "
                           "WHERE incident_id = ?", (event.id,))
        c.run(INSERT_SOURCE, (event.id, position, article_id, url, title, source, pub,
                              event.fatalities))
        if not event.reviewed:  # reviewed figures are the analyst's
            c.run("UPDATE incidents SET fatalities = (SELECT min(fatalities) FROM "
                  "incident_sources WHERE incident_id = ?) WHERE id = ?", (event.id, event.id))
    if new_rows:
        c.many(INSERT_INCIDENT, new_rows)
        c.many(INSERT_SOURCE, sources)
    if candidates:
        c.many("INSERT INTO incident_candidates (incident_id, rank, place) VALUES (?,?,?)",
               candidates)
    if actor_rows:
        c.many(INSERT_ACTOR, actor_rows)
    return AddResult(article_id, True, len(events), len(prepared.mentions))


def _events(c: Any, prepared: PreparedDocument, demo: bool,
            next_id: Callable[[], int]) -> dict[Any, _Event]:
    """The article's incidents grouped into events, stored ones looked up in one query."""
    keys = list(dict.fromkeys(p.key for p in prepared.incidents if p.key))
    stored: dict[str, tuple] = {}
    for chunk in _chunks(keys, 500):
        for r in c.run(_EXISTING.format(",".join("?" * len(chunk))), (demo, *chunk)).fetchall():
            stored.setdefault(r[1], r)
    events: dict[Any, _Event] = {}
    for n, p in enumerate(prepared.incidents):
        slot = p.key if p.key else ("unkeyed", n)
        event = events.get(slot)
        if event is None and p.key in stored:
            r = stored[p.key]
            event = events[slot] = _Event(
                r[0], False, tuple(json.loads(r[3])), tuple(json.loads(r[7] or "[]")), r[4], r[5],
                r[6], r[8], r[9], None, bool(r[2]), search_parts=(r[10], r[11], r[12]))
        if event is None:
            v = p.get
            events[slot] = _Event(next_id(), True, p.actors, p.flags, v("confidence"),
                                  v("geo_precision"), v("time_precision"), v("actor1"),
                                  v("actor2"), v("fatalities"), first=p)
        else:
            event.merged = True
            _absorb(event, p)
    return events


def _chunks(items: list, size: int) -> Iterator[list]:
    for k in range(0, len(items), size):
        yield items[k:k + size]
