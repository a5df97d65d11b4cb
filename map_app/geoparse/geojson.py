"""RFC 7946 Features for the parser's output (lon, lat order; WGS84; no crs)."""
from __future__ import annotations

from typing import Any, Iterable

from map_app.geoparse.document import Incident, Mention

COORD_DECIMALS = 5


def point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)]}


def feature_collection(features: Iterable[dict]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def mention_feature(mention: Mention) -> dict[str, Any]:
    place = mention.place
    assert place is not None
    return {
        "type": "Feature",
        "geometry": point(place.lat, place.lon),
        "properties": {
            "mention": mention.text,
            "start": mention.start,
            "end": mention.end,
            "name": place.name,
            "name_ar": place.name_ar,
            "geonameid": place.geonameid,
            "country_code": place.country_code,
            "admin1": place.admin1,
            "kind": place.kind,
            "confidence": mention.confidence,
            "needs_review": mention.needs_review,
            "runner_up": mention.runner_up.name if mention.runner_up else None,
            "cue": mention.cue,
        },
    }


def incident_feature(incident: Incident) -> dict[str, Any]:
    place = incident.place
    return {
        "type": "Feature",
        "geometry": point(place.lat, place.lon) if place else None,
        "properties": {
            "event_type": incident.event_type,
            "sub_event_type": incident.sub_event_type,
            "event_date": incident.event_date.isoformat() if incident.event_date else None,
            "time_precision": incident.time_precision,
            "location": incident.location,
            "geonameid": place.geonameid if place else None,
            "country_code": place.country_code if place else None,
            "admin1": place.admin1 if place else None,
            "geo_precision": incident.geo_precision,
            "fatalities": incident.fatalities,
            "actors": list(incident.actors),
            "actor1": incident.actor1,
            "assoc_actor_1": list(incident.assoc_actor_1),
            "inter1": incident.inter1,
            "actor2": incident.actor2,
            "assoc_actor_2": list(incident.assoc_actor_2),
            "inter2": incident.inter2,
            "interaction": incident.interaction,
            "civilian_targeting": incident.civilian_targeting,
            "disorder_type": incident.disorder_type,
            "evidence": incident.evidence,
            "start": incident.start,
            "end": incident.end,
            "evidence_spans": [list(span) for span in incident.evidence_spans],
            "review_flags": list(incident.review_flags),
            "source": incident.source,
        },
    }
