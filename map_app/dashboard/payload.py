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

import numpy as np

from map_app.dashboard.display import (
    GEO_PRECISION, HEX_COLOR_RE, TIME_PRECISION, UNKNOWN_TYPE, clean_text, evidence_and_mark, safe_url,
    type_colors)

#: Above this many located incidents the map shows one marker per ~2 km cell
#: instead of one per incident (the popup says so).
DETAIL_LIMIT = 20_000

#: Grid cell (degrees, ~2 km) of the aggregated view used above DETAIL_LIMIT; doubled
#: until the view has at most MAX_CELLS markers.
AGG_CELL = 0.02
MAX_CELLS = 4000


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


def _float_column(values: list) -> np.ndarray | None:
    """Floats and Nones as a float array (None → NaN); None when anything else is there."""
    if all(v is None or type(v) is float for v in values):
        return np.array(values, dtype=float)
    return None


def _located(records: Sequence[Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which records have a valid point (their positions) and that point's lat/lon.

    Records from the store carry floats or None and take the vectorised path; any
    other value (fakes, hostile objects) is checked one by one by `valid_point`."""
    lats = [getattr(r, "lat", None) for r in records]
    lons = [getattr(r, "lon", None) for r in records]
    lat, lon = _float_column(lats), _float_column(lons)
    if lat is not None and lon is not None:
        with np.errstate(invalid="ignore"):
            ok = (np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90)
                  & (np.abs(lon) <= 180))
        where = np.flatnonzero(ok)
        return where, lat[where], lon[where]
    where = np.array([k for k, (a, b) in enumerate(zip(lats, lons)) if valid_point(a, b)],
                     dtype=np.int64)
    return (where, np.array([float(lats[k]) for k in where], dtype=float),
            np.array([float(lons[k]) for k in where], dtype=float))


def build_payload(records: Sequence[Any], detail_limit: int
                  ) -> tuple[dict, np.ndarray, Counter]:
    """Columnar incident data for the browser, the located points (an n × 2 array of
    lat, lon) and the type counts.

    Up to ``detail_limit`` located incidents, one row (and popup) per incident;
    above it, one row per grid cell (see ``_aggregate``).
    """
    records = records if isinstance(records, Sequence) else list(records)
    where, lat, lon = _located(records)
    located = [records[k] for k in where]
    types: list[str] = []
    type_index: dict[str, int] = {}
    cleaned: dict[Any, int] = {}  # a few distinct event types among many incidents
    codes = np.empty(len(located), dtype=np.int64)
    for k, rec in enumerate(located):
        raw = getattr(rec, "event_type", None)
        code = cleaned.get(raw) if isinstance(raw, (str, type(None))) else None
        if code is None:
            name = clean_text(raw, 60) or UNKNOWN_TYPE
            if name not in type_index:
                type_index[name] = len(types)
                types.append(name)
            code = type_index[name]
            if isinstance(raw, (str, type(None))):
                cleaned[raw] = code
        codes[k] = code
    per_type = np.bincount(codes, minlength=len(types)) if len(types) else np.zeros(0, int)
    counts = Counter({t: int(per_type[i]) for i, t in enumerate(types)})
    aggregated = len(located) > detail_limit
    cell = AGG_CELL
    if aggregated:
        rows, details, cell = _aggregate(located, lat, lon, codes)
    else:
        rows = [[round(float(a), 5), round(float(b), 5), int(t), int(rec.id),
                 _day_number(getattr(rec, "event_date", None))]
                for rec, a, b, t in zip(located, lat, lon, codes)]
        details = [_detail(rec) for rec in located]
    colors = type_colors(types)
    assert all(HEX_COLOR_RE.fullmatch(c) for c in colors.values())
    payload = {
        "types": types,
        "colors": [colors[t] for t in types],
        "counts": [counts[t] for t in types],
        "rows": rows,
        "details": details,
        "aggregated": aggregated,
        "cell_km": round(cell * 111),
    }
    return payload, np.column_stack([lat, lon]) if len(lat) else np.zeros((0, 2)), counts


def _cells(lat: np.ndarray, lon: np.ndarray) -> tuple[float, np.ndarray, int]:
    """The smallest cell (from AGG_CELL, doubling) giving at most MAX_CELLS markers:
    (cell size in degrees, each incident's cell number, number of cells)."""
    cell = AGG_CELL
    while True:
        ky = np.floor(lat / cell).astype(np.int64)
        kx = np.floor(lon / cell).astype(np.int64)
        keys = ky * 1_000_003 + kx
        _uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        if len(first) <= MAX_CELLS or cell >= 2.0:
            # Number the cells in order of their first incident (newest first).
            order = np.argsort(first, kind="stable")
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            return cell, rank[inverse], len(first)
        cell *= 2


def _aggregate(located: list[Any], lat: np.ndarray, lon: np.ndarray, types: np.ndarray
               ) -> tuple[list, list, float]:
    """One marker per grid cell: where, how many, which types, when, which places.

    The cell is ~2 km (AGG_CELL), doubled until there are at most MAX_CELLS markers, so
    the browser clusters thousands of cells, not 100k markers.  Vectorised (numpy).
    Row: [lat, lon, main type, first id, None, count, [type, n, type, n, ...]].
    Detail: [first date, last date, [top places], fatalities].  Returns the cell size too.
    """
    n = len(located)
    cell, inv, n_cells = _cells(lat, lon)
    counts = np.bincount(inv, minlength=n_cells)
    mean_lat = np.bincount(inv, lat, n_cells) / counts
    mean_lon = np.bincount(inv, lon, n_cells) / counts
    n_types = int(types.max()) + 1 if n else 1
    mix = np.bincount(inv * n_types + types, minlength=n_cells * n_types).reshape(n_cells, n_types)
    first_row = np.full(n_cells, n, np.int64)
    np.minimum.at(first_row, inv, np.arange(n))
    days = np.fromiter((_day_number(getattr(x, "event_date", None)) or 0 for x in located),
                       np.int64, n)
    dated = days > 0
    first_day = np.full(n_cells, np.iinfo(np.int64).max, np.int64)
    last_day = np.zeros(n_cells, np.int64)
    np.minimum.at(first_day, inv[dated], days[dated])
    np.maximum.at(last_day, inv[dated], days[dated])
    fatal = np.fromiter((f if isinstance(f := getattr(x, "fatalities", None), int) else 0
                         for x in located), np.int64, n)
    fatal_sum = np.bincount(inv, fatal, n_cells)
    places: list[Counter] = [Counter() for _ in range(n_cells)]
    for k, x in enumerate(located):
        place = getattr(x, "place_name", None) or getattr(x, "location", None)
        if place:
            places[inv[k]][place] += 1
    rows, details = [], []
    for c in range(n_cells):
        order = np.argsort(-mix[c], kind="stable")
        pairs = [x for t in order if mix[c, t] for x in (int(t), int(mix[c, t]))]
        rows.append([round(float(mean_lat[c]), 5), round(float(mean_lon[c]), 5), pairs[0],
                     int(located[first_row[c]].id), None, int(counts[c]), pairs])
        details.append([
            date.fromordinal(int(first_day[c])).isoformat() if last_day[c] else "",
            date.fromordinal(int(last_day[c])).isoformat() if last_day[c] else "",
            [clean_text(p, 80) for p, _c in places[c].most_common(3)],
            int(fatal_sum[c]),
        ])
    return rows, details, cell


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
