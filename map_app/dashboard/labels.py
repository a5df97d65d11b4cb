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
5      smaller, or population unknown 10
====== ============================== ==========

(GeoNames has no district seats as such; towns by size stand in for them.)
Rows: ``[lat, lon, level, English name, Arabic name]``, all text cleaned.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from map_app.dashboard.basemap import REGION_BBOX
from map_app.dashboard.display import clean_text

#: Population thresholds of levels 1..4; smaller places (and GeoNames' many villages of
#: unknown population, 0) are level 5.
LEVELS = (500_000, 100_000, 20_000, 5_000)
#: Most labels sent to the browser.
MAX_LABELS = 6000
#: Every populated place of these countries is labelled (the desk's region)...
FOCUS = ("SY", "IQ", "LB", "JO")
#: ...and the towns of 5,000 people or more of these neighbours.
NEIGHBOURS = ("TR", "IR", "SA", "KW", "IL", "PS")


def level_of(population: int) -> int:
    for k, threshold in enumerate(LEVELS, start=1):
        if population >= threshold:
            return k
    return 5


def label_rows(gazetteer: Any, bbox=REGION_BBOX, limit: int = MAX_LABELS) -> list[list]:
    """Governorates and populated places inside `bbox` (west, south, east, north)."""
    from gazetteer.index import KIND_CODES

    west, south, east, north = bbox
    rows: list[list] = []
    for p in gazetteer.lookup_kind("admin1"):
        if (p.country_code in FOCUS + NEIGHBOURS and west <= p.lon <= east
                and south <= p.lat <= north):
            rows.append([round(p.lat, 4), round(p.lon, 4), 0, clean_text(p.name, 40),
                         clean_text(p.name_ar, 40)])
    places = gazetteer._places  # one vectorised pass over the index, not 200k Place objects
    inside = ((places["kind"] == KIND_CODES["populated_place"])
              & (places["lon"] >= west) & (places["lon"] <= east)
              & (places["lat"] >= south) & (places["lat"] <= north))
    cc = places["cc"]
    focus = inside & np.isin(cc, [c.encode() for c in FOCUS])
    near = (inside & np.isin(cc, [c.encode() for c in NEIGHBOURS])
            & (places["population"] >= LEVELS[-1]))
    chosen = np.nonzero(focus | near)[0]
    # Bigger places first: the browser gives a crowded spot to the first label.
    chosen = chosen[np.argsort(-places["population"][chosen], kind="stable")]
    for pid in chosen[: max(limit - len(rows), 0)].tolist():
        p = gazetteer.place(int(pid))
        rows.append([round(p.lat, 4), round(p.lon, 4), level_of(p.population),
                     clean_text(p.name, 40), clean_text(p.name_ar, 40)])
    return rows
