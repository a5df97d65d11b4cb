"""A parsed article on its way into the store: rows prepared, then written with merging.

Split in two so that parallel ingest keeps its one writer light: `prepare`
(pure Python, no database: validation, search keys, candidate places and each
reports as rows) runs wherever the article was parsed — a worker process or a
Dask worker — and `write` (in the writer's transaction) looks up, per event,
the stored incident it reports (one bounded, indexed query: `sources`) and
executes a handful of statements.

Merging: an article's reports with the same merge key (place, event type, day)
are one event; an event and a stored incident that `same_event` matches —
another article, another language — are one incident (demo data only merges
with demo data), listing every article once as a source with its own evidence
and report.  The rules (lowest toll, most precise place and date, actors on
their sides, ...) are in `merging`; an analyst's reviewed incident only gains
the source.  Each merge bumps the stored incident's version.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable

from gazetteer.place import Place
from map_app.store import merging, sources, validate
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
    write_mentions(c, article_id, prepared, pub)
    events = write_incidents(c, article_id, prepared, next_id, published=pub, url=url,
                             title=title, source=source, demo=demo)
    return AddResult(article_id, True, events, len(prepared.mentions))


def write_mentions(c: Any, article_id: int, prepared: PreparedDocument, pub: str | None) -> None:
    if prepared.mentions:
        c.many(INSERT_MENTION, [(article_id, *m[:11], pub, m[11]) for m in prepared.mentions])


#: A kept incident of an article being re-parsed: (its state, that article's own report in it).
Own = dict[int, tuple[dict[str, Any], "dict[str, Any] | None"]]


def write_incidents(c: Any, article_id: int, prepared: PreparedDocument,
                    next_id: Callable[[], int], *, published: str | None, url: str | None,
                    title: str | None, source: str | None, demo: bool, own: Own | None = None
                    ) -> int:
    """Store an article's events: each is merged into the stored incident of the same
    event (`sources.matches`; one stored incident takes at most one event of an article,
    the closest), else it is a new incident.  `own`: incidents that already list this
    article and are kept (re-parsing): an event they hold is not stored again.
    Returns the number of events."""
    events = _events(prepared)
    taken: set[int] = set()
    held = {k for k, (state, _, _) in enumerate(events) if own and _held(state, own, taken)}
    taken.update(own or ())  # (they list this article already)
    # Each stored incident takes at most one event of the article: the closest pairs first.
    found = sources.match_all(c, [state for state, _, _ in events], demo, held)
    pairs = sorted(((key, k, stored) for k, hits in found.items() for key, stored in hits),
                   key=lambda p: p[:2])
    chosen: dict[int, int] = {}
    for _, k, stored in pairs:
        if k not in chosen and stored["id"] not in taken:
            chosen[k] = stored["id"]
            taken.add(stored["id"])
    new_rows, source_rows, candidates, actor_rows = [], [], [], []
    for k, (state, cands, row) in enumerate(events):
        if k in held:
            continue
        src = (article_id, url, title, source, published, state["fatalities"], state["evidence"],
               state["start"], state["end"])
        if k in chosen:
            sources.attach(c, chosen[k], state, cands, src)
            continue
        iid = next_id()
        if row is None:
            row = merging.row_from_state(state)
        row = list(row)
        row[COL["id"]], row[COL["demo"]] = iid, demo
        new_rows.append(row)
        # A new incident's only report is the incident itself: it is kept on its source
        # when the incident is first merged or reviewed (`sources.keep_report`).
        source_rows.append((iid, 0, *src, None))
        candidates.extend((iid, rank, place) for rank, place in enumerate(cands))
        actor_rows.extend((iid, a) for a in merging._list(state["actors"]))
    if new_rows:
        c.many(INSERT_INCIDENT, new_rows)
        c.many(INSERT_SOURCE, source_rows)
    if candidates:
        c.many("INSERT INTO incident_candidates (incident_id, rank, place) VALUES (?,?,?)",
               candidates)
    if actor_rows:
        c.many(INSERT_ACTOR, actor_rows)
    return len(events)


def _events(prepared: PreparedDocument) -> list[list]:
    """The article's incidents as [state, candidates, row], one per event (row: the
    prepared INSERT row, None once merged): reports with one merge key (place, event
    type, day) are one event (the parser's own merging is finer; this catches what it
    left)."""
    slots: dict[Any, list] = {}
    for n, p in enumerate(prepared.incidents):
        slot = p.key if p.key else ("unkeyed", n)
        state = merging.state_from_values(p.row)
        event = slots.get(slot)
        if event is None:
            slots[slot] = [state, p.candidates, p.row]
        else:
            event[0] = merging.merge_states(event[0], state, same_article=True)
            event[2] = None
    return list(slots.values())


def _held(state: dict[str, Any], own: Own, taken: set[int]) -> bool:
    """A kept incident of this article holds this event: the same event as the incident or
    as the article's earlier report in it, or the same sentence telling the same type."""
    for iid, (current, old) in own.items():
        if iid in taken:
            continue
        if merging.same_event(state, current) or (old is not None and (
                merging.same_event(state, old) or (
                    old["start"] == state["start"] and old["event_type"] == state["event_type"]))):
            taken.add(iid)
            return True
    return False
