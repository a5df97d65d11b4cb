"""GeoJSON and ACLED-style CSV exports of stored incidents.

GeoJSON follows RFC 7946 (WGS84 only, so no "crs"; positions are [lon, lat]).
The CSV uses ACLED's column names so analysts can append it to their ACLED
workflow; cells that a spreadsheet would run as a formula are defused, since
every text field comes from hostile news text.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

COUNTRY_NAMES = {
    "SY": "Syria", "IQ": "Iraq", "TR": "Turkey", "JO": "Jordan", "LB": "Lebanon",
    "IL": "Israel", "PS": "Palestine", "IR": "Iran", "SA": "Saudi Arabia", "KW": "Kuwait",
    "EG": "Egypt", "YE": "Yemen", "CY": "Cyprus",
}

CSV_COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
    "notes", "fatalities", "id", "reviewed", "rejected",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _visible(records: Iterable[Any], include_rejected: bool) -> list[Any]:
    return [r for r in records if include_rejected or not r.rejected]


def _source_dict(s: Any) -> dict[str, Any]:
    return {
        "url": s.url, "title": s.title, "source": s.source,
        "published": s.published.isoformat() if s.published else None,
        "article_id": s.article_id,
    }


def _first_source(record: Any) -> str | None:
    for s in record.sources:
        label = s.url or s.source or s.title
        if label:
            return label
    return None


def incidents_geojson(records: Iterable[Any], *, include_rejected: bool = False,
                      include_unlocated: bool = False) -> dict[str, Any]:
    """A FeatureCollection of Points; incidents without coordinates are left out
    unless asked (they then get a null geometry, which RFC 7946 allows)."""
    features = []
    for r in _visible(records, include_rejected):
        located = r.lat is not None and r.lon is not None
        if not located and not include_unlocated:
            continue
        geometry = ({"type": "Point", "coordinates": [round(r.lon, 5), round(r.lat, 5)]}
                    if located else None)
        features.append({
            "type": "Feature",
            "id": r.id,
            "geometry": geometry,
            "properties": {
                "id": r.id,
                "event_type": r.event_type,
                "sub_event_type": r.sub_event_type,
                "event_date": r.event_date.isoformat() if r.event_date else None,
                "time_precision": r.time_precision,
                "location": r.location,
                "place_name": r.place_name,
                "geonameid": r.geonameid,
                "country_code": r.country_code,
                "admin1": r.admin1,
                "geo_precision": r.geo_precision,
                "fatalities": r.fatalities,
                "actors": list(r.actors),
                "evidence": r.evidence,
                "start": r.start,
                "end": r.end,
                "source": _first_source(r),
                "sources": [_source_dict(s) for s in r.sources],
                "confidence": round(r.confidence, 3),
                "reviewed": bool(r.reviewed),
                "rejected": bool(r.rejected),
            },
        })
    return {"type": "FeatureCollection", "features": features}


def incidents_geojson_text(records: Iterable[Any], **options: Any) -> str:
    return json.dumps(incidents_geojson(records, **options), ensure_ascii=False, indent=1)


def safe_cell(value: Any) -> Any:
    """Defuse spreadsheet formulas: text starting with = + - @ (or tab/CR) gets a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_row(r: Any) -> list[Any]:
    actors = list(r.actors)
    labels = list(dict.fromkeys(s.url or s.source or s.title for s in r.sources
                                if s.url or s.source or s.title))
    text = {
        "event_date": r.event_date.isoformat() if r.event_date else "",
        "event_type": r.event_type,
        "sub_event_type": r.sub_event_type,
        "actor1": getattr(r, "actor1", None) or (actors[0] if actors else ""),
        "actor2": getattr(r, "actor2", None) or (actors[1] if len(actors) > 1 else ""),
        "country": COUNTRY_NAMES.get(r.country_code or "", r.country_code or ""),
        "admin1": r.admin1 or "",
        "location": r.place_name or r.location or "",
        "source": "; ".join(labels),
        "notes": " ".join((r.evidence or "").split()),
    }
    numbers = {
        "time_precision": r.time_precision,
        "latitude": f"{r.lat:.5f}" if r.lat is not None else "",
        "longitude": f"{r.lon:.5f}" if r.lon is not None else "",
        "geo_precision": r.geo_precision,
        "fatalities": r.fatalities,
        "id": r.id,
        "reviewed": int(bool(r.reviewed)),
        "rejected": int(bool(getattr(r, "rejected", False))),
    }
    return [safe_cell(text[c]) if c in text else ("" if numbers[c] is None else numbers[c])
            for c in CSV_COLUMNS]


def incidents_csv(records: Iterable[Any], *, include_rejected: bool = False) -> str:
    """ACLED-style CSV text (header included, CRLF line ends as RFC 4180 says)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in _visible(records, include_rejected):
        writer.writerow(_csv_row(r))
    return out.getvalue()
