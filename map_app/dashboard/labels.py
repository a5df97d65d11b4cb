"""Place labels for the offline basemap, drawn from the project's own gazetteer.

The map has no web tiles by default, so without labels a marker at district
zoom sits on blank beige.  These rows give the browser (``web/label_layer.js``)
governorates and towns with a level each; the browser shows a level from its
zoom on, so the map fills in as the analyst zooms:

====== ============================== ==========
level  what                           from zoom
====== ============================== ==========
0      governorate (admin-1)          5 to 9
1      city of 500,000 or more        5
2      city of 100,000 or more        7
3      town of 20,000 or more         8
4      town of 5,000 or more          9
5      village of 1,000 or more       10
====== ============================== ==========

(GeoNames has no district seats as such; towns by size stand in for them.)
Rows: ``[lat, lon, level, English name, Arabic name]``, all text cleaned.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from map_app.dashboard.basemap import REGION_BBOX
from map_app.dashboard.display import clean_text

#: Population thresholds of levels 1..5.
LEVELS = (500_000, 100_000, 20_000, 5_000, 1_000)
#: Most labels sent to the browser (the smallest towns go first when cut).
MAX_LABELS = 6000
#: Countries whose places are labelled (the desk's region and its neighbours).
LABEL_COUNTRIES = frozenset("SY IQ LB JO TR IR SA KW IL PS".split())


def level_of(population: int) -> int | None:
    for k, threshold in enumerate(LEVELS, start=1):
        if population >= threshold:
            return k
    return None


def label_rows(gazetteer: Any, bbox=REGION_BBOX, limit: int = MAX_LABELS) -> list[list]:
    """Governorates and populated places inside `bbox` (west, south, east, north)."""
    west, south, east, north = bbox
    rows: list[list] = []
    for p in gazetteer.lookup_kind("admin1"):
        if p.country_code in LABEL_COUNTRIES and west <= p.lon <= east and south <= p.lat <= north:
            rows.append([round(p.lat, 4), round(p.lon, 4), 0, clean_text(p.name, 40),
                         clean_text(p.name_ar, 40)])
    places = gazetteer._places  # one vectorised pass over the index, not 200k Place objects
    kind_code = _kind_code(gazetteer, "populated_place")
    mask = ((places["kind"] == kind_code) & (places["population"] >= LEVELS[-1])
            & (places["lon"] >= west) & (places["lon"] <= east)
            & (places["lat"] >= south) & (places["lat"] <= north))
    order = np.nonzero(mask)[0]
    order = order[np.argsort(-places["population"][order], kind="stable")]
    for pid in order[: max(limit - len(rows), 0)].tolist():
        p = gazetteer.place(int(pid))
        if p.country_code not in LABEL_COUNTRIES:
            continue
        rows.append([round(p.lat, 4), round(p.lon, 4), level_of(p.population),
                     clean_text(p.name, 40), clean_text(p.name_ar, 40)])
    return rows


def _kind_code(gazetteer: Any, kind: str) -> int:
    from gazetteer.index import KIND_CODES

    return KIND_CODES[kind]
