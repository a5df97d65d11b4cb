"""Incident records to the compact, columnar data the map's browser code reads.

Incidents travel to the browser once, as plain data (lists of numbers and
cleaned strings, no markup), so the browser builds every marker and popup
itself and no article string is parsed as HTML. Above ``DETAIL_LIMIT``
located incidents the payload is one marker per ~2 km cell (``_aggregate``),
which keeps 100k usable.

Only attributes are read (``getattr`` with defaults), so any object shaped
like ``map_app.store.IncidentRecord`` will do.
"""
from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

from map_app.dashboard.display import (
    GEO_PRECISION, HEX_COLOR_RE, TIME_PRECISION, UNKNOWN_TYPE, clean_text, evidence_and_mark, safe_url,
    type_colors)

#: Above this many located incidents the map shows one marker per ~2 km cell
#: instead of one per incident (the popup says so).
DETAIL_LIMIT = 20_000

#: Grid cell (degrees, ~2 km) of the aggregated view used above DETAIL_LIMIT.
AGG_CELL = 0.02


def valid_point(lat: Any, lon: Any) -> bool:
    """True for a finite latitude/longitude pair on the globe."""
    try:
        return (lat is not None and lon is not None and math.isfinite(lat)
                and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180)
    except TypeError:
        return False


def _day_number(value: date | None) -> int | None:
    return value.toordinal() if isinstance(value, date) else None


def _source_links(sources: Iterable[Any]) -> list[list[str]]:
    links = []
    for src in sources or ():
        url = safe_url(getattr(src, "url", None))
        label = clean_text(getattr(src, "title", None) or getattr(src, "source", None), 80)
        if url:
            links.append([url, label or urlsplit(url).netloc])
        elif label:
            links.append(["", label])
    return links


def _detail(rec: Any) -> list[Any]:
    evidence, start, end = evidence_and_mark(rec)
    place = clean_text(getattr(rec, "place_name", None) or getattr(rec, "location", None), 120)
    when = getattr(rec, "event_date", None)
    status = "rejected" if getattr(rec, "rejected", False) else (
        "reviewed by " + clean_text(getattr(rec, "reviewed_by", None) or "?", 60)
        if getattr(rec, "reviewed", False) else "not reviewed")
    admin = ", ".join(p for p in (clean_text(getattr(rec, "admin1", None), 60),
                                  clean_text(getattr(rec, "country_code", None), 8)) if p)
    fatalities = getattr(rec, "fatalities", None)
    conf = getattr(rec, "confidence", None)
    return [
        clean_text(getattr(rec, "sub_event_type", None), 80),
        when.isoformat() if isinstance(when, date) else "",
        TIME_PRECISION.get(getattr(rec, "time_precision", None), ""),
        place,
        admin,
        GEO_PRECISION.get(getattr(rec, "geo_precision", None), ""),
        fatalities if isinstance(fatalities, int) else None,
        [clean_text(a, 80) for a in (getattr(rec, "actors", None) or ())][:8],
        evidence,
        start,
        end,
        _source_links(getattr(rec, "sources", ())),
        round(float(conf), 2) if isinstance(conf, (int, float)) else None,
        status,
    ]


def build_payload(records: Sequence[Any], detail_limit: int) -> tuple[dict, list, Counter]:
    """Columnar incident data for the browser, plus the points and type counts.

    Up to ``detail_limit`` located incidents, one row (and popup) per incident;
    above it, one row per grid cell (see ``_aggregate``).
    """
    types: list[str] = []
    type_index: dict[str, int] = {}
    located: list[tuple[Any, float, float, int]] = []
    counts: Counter = Counter()
    for rec in records:
        lat, lon = getattr(rec, "lat", None), getattr(rec, "lon", None)
        if not valid_point(lat, lon):
            continue
        name = clean_text(getattr(rec, "event_type", None), 60) or UNKNOWN_TYPE
        if name not in type_index:
            type_index[name] = len(types)
            types.append(name)
        counts[name] += 1
        located.append((rec, lat, lon, type_index[name]))
    aggregated = len(located) > detail_limit
    if aggregated:
        rows, details = _aggregate(located)
    else:
        rows = [[round(lat, 5), round(lon, 5), t, int(rec.id),
                 _day_number(getattr(rec, "event_date", None))]
                for rec, lat, lon, t in located]
        details = [_detail(rec) for rec, _lat, _lon, _t in located]
    colors = type_colors(types)
    assert all(HEX_COLOR_RE.fullmatch(c) for c in colors.values())
    payload = {
        "types": types,
        "colors": [colors[t] for t in types],
        "counts": [counts[t] for t in types],
        "rows": rows,
        "details": details,
        "aggregated": aggregated,
        "cell_km": round(AGG_CELL * 111),
    }
    return payload, [(lat, lon) for _rec, lat, lon, _t in located], counts


def _aggregate(located: list[tuple[Any, float, float, int]]) -> tuple[list, list]:
    """One marker per ~2 km cell: where, how many, which types, when, which places.

    Real incidents sit on gazetteer points, so cells collapse many incidents into
    one marker; the browser then clusters thousands of cells, not 100k markers.
    Row: [lat, lon, main type, first id, None, count, [type, n, type, n, ...]].
    Detail: [first date, last date, [top places], fatalities].
    """
    cells: dict[tuple[int, int], dict] = {}
    for rec, lat, lon, t in located:
        key = (math.floor(lat / AGG_CELL), math.floor(lon / AGG_CELL))
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = {"lat": 0.0, "lon": 0.0, "n": 0, "types": Counter(),
                                 "places": Counter(), "first": None, "last": None,
                                 "fatal": 0, "id": int(rec.id)}
        cell["lat"] += lat
        cell["lon"] += lon
        cell["n"] += 1
        cell["types"][t] += 1
        place = getattr(rec, "place_name", None) or getattr(rec, "location", None)
        if place:
            cell["places"][place] += 1
        when = getattr(rec, "event_date", None)
        if isinstance(when, date):
            cell["first"] = when if cell["first"] is None else min(cell["first"], when)
            cell["last"] = when if cell["last"] is None else max(cell["last"], when)
        fatalities = getattr(rec, "fatalities", None)
        if isinstance(fatalities, int):
            cell["fatal"] += fatalities
    rows, details = [], []
    for cell in cells.values():
        n = cell["n"]
        mix = [x for t, c in cell["types"].most_common() for x in (t, c)]
        rows.append([round(cell["lat"] / n, 5), round(cell["lon"] / n, 5), mix[0], cell["id"],
                     None, n, mix])
        details.append([
            cell["first"].isoformat() if cell["first"] else "",
            cell["last"].isoformat() if cell["last"] else "",
            [clean_text(p, 80) for p, _c in cell["places"].most_common(3)],
            cell["fatal"],
        ])
    return rows, details


def mention_rows(mentions: Iterable[Any]) -> list:
    """One row per distinct (point, name): [lat, lon, count, name]."""
    counts: Counter = Counter()
    for m in mentions:
        lat, lon = getattr(m, "lat", None), getattr(m, "lon", None)
        if not valid_point(lat, lon):
            continue
        name = clean_text(getattr(m, "name", None) or getattr(m, "text", None), 80)
        counts[(round(lat, 4), round(lon, 4), name)] += 1
    return [[lat, lon, n, name] for (lat, lon, name), n in counts.most_common()]
