"""GeoJSON and ACLED CSV exports of stored incidents.

The CSV has ACLED's 31 columns in ACLED's order (`ACLED_COLUMNS`), so analysts
can append it to their ACLED workflow, then this project's own columns
(`PROJECT_COLUMNS`: id, reviewed, rejected, confidence, number of sources,
demo data, review flags).  Saved files start with a UTF-8 byte order mark so
that spreadsheets open Arabic correctly (`incidents_csv_bytes`); cells that a
spreadsheet would run as a formula are defused, since every text field comes
from hostile news text.

GeoJSON follows RFC 7946 (WGS84 only, so no "crs"; positions are [lon, lat])
and carries the same fields with JSON types: integers as integers, unknown
values as null, lists as lists.

Conventions where ACLED's own data has no counterpart here:
- event_id_cnty is the ISO3 country code and the store id ("SYR123");
- fatalities are empty (CSV) or null (GeoJSON) when no toll was reported;
- timestamp is the last change in unix seconds: the review time, else the
  latest source's publication day (midnight UTC), else empty;
- source_scale is read from the sources' outlets (`SOURCE_SCALES`); an
  outlet we do not know leaves it empty.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time, timezone
from typing import Any, Iterable

from map_app.geoparse.incidents.acled import COUNTRIES, country_name, disorder_type, event_id, interaction

COUNTRY_NAMES = {code: c.name for code, c in COUNTRIES.items()}

#: ACLED's columns, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
#: This project's columns, after ACLED's.
PROJECT_COLUMNS = ("id", "reviewed", "rejected", "confidence", "sources_count", "demo", "review_flags")
CSV_COLUMNS = ACLED_COLUMNS + PROJECT_COLUMNS
#: Byte order mark that lets spreadsheets read the CSV as UTF-8.
BOM = "\ufeff"

#: Outlet hints (in a source URL or name) and their ACLED source scale.
SOURCE_SCALES = (
    (("reuters", "apnews", "afp.com", "bbc.", "aljazeera", "france24", "cnn.com", "nytimes", "theguardian",
      "washingtonpost", "dw.com", "aa.com.tr", "al-monitor", "almonitor", "middleeasteye", "alarabiya",
      "skynewsarabia", "independent", "asharq"), "International"),
    (("sana.sy", "ina.iq", "kurdistan24", "rudaw", "almayadeen", "enabbaladi", "syriahr", "shafaq", "alsumaria",
      "baghdadtoday", "npasyria", "hawarnews", "anha", "syria.tv", "alsouria", "964", "basnews", "halab"),
     "National"),
    (("twitter.com", "x.com/", "t.me/", "facebook.com", "youtube.com", "telegram"), "New media"),
)
#: ACLED writes combined scales from local to global ("National-International").
_SCALE_ORDER = ["Subnational", "National", "Regional", "International", "New media", "Other"]
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


def _source_labels(record: Any) -> list[str]:
    return list(dict.fromkeys(s.url or s.source or s.title for s in record.sources if s.url or s.source or s.title))


def source_scale(record: Any) -> str | None:
    """ACLED source scale from the outlets ("National-International" when both), None if unknown."""
    if getattr(record, "demo", False):
        return "Other"
    found: list[str] = []
    for s in record.sources:
        text = " ".join(x for x in (s.url, s.source) if x).lower()
        for hints, scale in SOURCE_SCALES:
            if any(h in text for h in hints) and scale not in found:
                found.append(scale)
    found.sort(key=_SCALE_ORDER.index)
    return "-".join(found) or None


def timestamp(record: Any) -> int | None:
    """Unix seconds of the record's last change (see the module docstring)."""
    reviewed_at = getattr(record, "reviewed_at", None)
    if isinstance(reviewed_at, datetime):
        moment = reviewed_at if reviewed_at.tzinfo else reviewed_at.replace(tzinfo=timezone.utc)
        return int(moment.timestamp())
    days = [s.published for s in record.sources if isinstance(s.published, date)]
    if days:
        return int(datetime.combine(max(days), time(0), tzinfo=timezone.utc).timestamp())
    return None


def acled_fields(r: Any) -> dict[str, Any]:
    """The ACLED and project fields of one record, typed (None for unknown)."""
    actors = list(r.actors)
    actor1 = r.actor1 if r.actor1 is not None else (actors[0] if actors else None)
    actor2 = r.actor2 if r.actor1 is not None else (actors[1] if len(actors) > 1 else None)
    code = (r.country_code or "").upper() or None
    country = COUNTRIES.get(code or "")
    inter = r.interaction if r.interaction is not None else interaction(r.inter1, r.inter2)
    return {
        "event_id_cnty": event_id(code, r.id),
        "event_date": r.event_date.isoformat() if r.event_date else None,
        "year": r.event_date.year if r.event_date else None,
        "time_precision": r.time_precision,
        "disorder_type": r.disorder_type or disorder_type(r.event_type, r.sub_event_type),
        "event_type": r.event_type or None,
        "sub_event_type": r.sub_event_type or None,
        "actor1": actor1,
        "assoc_actor_1": list(r.assoc_actor_1),
        "inter1": r.inter1,
        "actor2": actor2,
        "assoc_actor_2": list(r.assoc_actor_2),
        "inter2": r.inter2,
        "interaction": inter,
        "civilian_targeting": "Civilian targeting" if r.civilian_targeting else None,
        "iso": country.iso if country else None,
        "region": country.region if country else None,
        "country": country_name(code),
        "admin1": r.admin1,
        "admin2": r.admin2,
        "admin3": r.admin3,
        "location": r.place_name or r.location,
        "latitude": round(r.lat, 5) if r.lat is not None else None,
        "longitude": round(r.lon, 5) if r.lon is not None else None,
        "geo_precision": r.geo_precision,
        "source": "; ".join(_source_labels(r)) or None,
        "source_scale": source_scale(r),
        "notes": " ".join((r.evidence or "").split()) or None,
        "fatalities": r.fatalities,
        "tags": r.tags or None,
        "timestamp": timestamp(r),
        "id": r.id,
        "reviewed": bool(r.reviewed),
        "rejected": bool(r.rejected),
        "confidence": round(float(r.confidence), 3),
        "sources_count": len(r.sources),
        "demo": bool(getattr(r, "demo", False)),
        "review_flags": list(getattr(r, "review_flags", ()) or ()),
    }


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
        properties = acled_fields(r)
        properties.update({
            # Beyond ACLED: the name as written, the gazetteer entry, the evidence and every source.
            "place_name": r.place_name,
            "geonameid": r.geonameid,
            "country_code": r.country_code,
            "actors": list(r.actors),
            "evidence": r.evidence,
            "start": r.start,
            "end": r.end,
            "source": _first_source(r),
            "sources": [_source_dict(s) for s in r.sources],
            "mention": r.location,
        })
        features.append({"type": "Feature", "id": r.id, "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def incidents_geojson_text(records: Iterable[Any], **options: Any) -> str:
    return json.dumps(incidents_geojson(records, **options), ensure_ascii=False, indent=1)


def safe_cell(value: Any) -> Any:
    """Defuse spreadsheet formulas: text starting with = + - @ (or tab/CR) gets a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return f"{value:.5f}"
    if isinstance(value, list):
        return safe_cell("; ".join(str(v) for v in value))
    return safe_cell(value)


def incidents_csv(records: Iterable[Any], *, include_rejected: bool = False) -> str:
    """ACLED CSV text (header included, CRLF line ends as RFC 4180 says), without the BOM."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in _visible(records, include_rejected):
        fields = acled_fields(r)
        if fields["confidence"] is not None:
            fields["confidence"] = f"{fields['confidence']:.3f}"
        writer.writerow([_cell(fields[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def incidents_csv_bytes(records: Iterable[Any], *, include_rejected: bool = False) -> bytes:
    """The CSV as a file's bytes: UTF-8 with a byte order mark (for downloads and saved files)."""
    return (BOM + incidents_csv(records, include_rejected=include_rejected)).encode("utf-8")
