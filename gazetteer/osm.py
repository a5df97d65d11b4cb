"""Villages, hamlets and neighbourhoods from an OpenStreetMap extract.

`python -m gazetteer build --osm syria-latest.osm.pbf` adds the named places
of an extract a user downloaded (.osm.pbf, .osm or .osm.bz2; read with
pyosmium, the maintained libosmium binding) to the index, next to GeoNames:
the villages and city districts GeoNames cities500 lacks. OSM data is ODbL:
an index built with it is a derived database under that licence.

Only `place=*` nodes are read (a settlement's point), with `name`, `name:en`,
`name:ar`, `alt_name`, `old_name` and `int_name`; places GeoNames already has
(same name within DUPLICATE_KM) are left out.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Iterable, Iterator

from .normalize import compact_key, is_arabic
from .sources import SourcePlace, _pure_arabic

#: OSM place values read, and what they are here.
PLACE_VALUES = {
    "city": "populated_place", "town": "populated_place", "village": "populated_place",
    "hamlet": "populated_place", "suburb": "populated_place", "neighbourhood": "populated_place",
    "quarter": "populated_place", "isolated_dwelling": "populated_place", "borough": "populated_place",
}
_NAME_TAGS = ("name:en", "name", "int_name", "name:ar", "alt_name", "old_name", "alt_name:ar", "alt_name:en")
#: An OSM place this close to a GeoNames place of the same name is that place.
DUPLICATE_KM = 5.0


class OsmError(ValueError):
    """The file is not an OSM extract pyosmium can read."""


def read_places(path: Path | str) -> Iterator[SourcePlace]:
    """Named `place=*` nodes of an OSM file (country codes are left to the build)."""
    try:
        import osmium
    except ImportError as exc:  # pragma: no cover - osmium is pinned in requirements.txt
        raise OsmError("reading OSM files needs the 'osmium' package (pip install osmium)") from exc
    path = Path(path)
    if not path.exists():
        raise OsmError(f"OSM file not found: {path}")
    try:
        processor = osmium.FileProcessor(str(path), osmium.osm.NODE).with_filter(osmium.filter.KeyFilter("place"))
        for node in processor:
            kind = PLACE_VALUES.get(node.tags.get("place", ""))
            if kind is None or not node.location.valid():
                continue
            names: list[str] = []
            for tag in _NAME_TAGS:
                value = node.tags.get(tag)
                if value:
                    names.extend(v.strip() for v in value.split(";") if v.strip())
            names = list(dict.fromkeys(names))
            latin = [n for n in names if not is_arabic(n)]
            arabic = [n for n in names if _pure_arabic(n)]
            if not latin and not arabic:
                continue
            try:
                population = int(str(node.tags.get("population", "0")).replace(",", "").split(".")[0] or 0)
            except ValueError:
                population = 0
            yield SourcePlace(
                name=(latin or arabic)[0], lat=node.location.lat, lon=node.location.lon, kind=kind,
                country_code=None, names=latin + arabic, name_ar=arabic[0] if arabic else None,
                population=max(population, 0), source=f"osm:{path.name}",
            )
    except RuntimeError as exc:
        raise OsmError(f"{path}: not a readable OSM file: {exc}") from None


def new_places(osm_places: Iterable[SourcePlace], known: Iterable[SourcePlace]) -> list[SourcePlace]:
    """The OSM places that are not already known under one of their names nearby."""
    grid: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    for place in known:
        if place.kind != "populated_place":
            continue
        cell = (int(math.floor(place.lat * 10)), int(math.floor(place.lon * 10)))
        for name in place.names:
            grid.setdefault((compact_key(name), *cell), []).append((place.lat, place.lon))
    fresh = []
    for place in osm_places:
        cell_lat, cell_lon = int(math.floor(place.lat * 10)), int(math.floor(place.lon * 10))
        duplicate = False
        for name in place.names:
            key = compact_key(name)
            for dlat in (-1, 0, 1):
                for dlon in (-1, 0, 1):
                    for lat, lon in grid.get((key, cell_lat + dlat, cell_lon + dlon), ()):
                        if _km(lat, lon, place.lat, place.lon) <= DUPLICATE_KM:
                            duplicate = True
        if not duplicate:
            fresh.append(place)
    return fresh


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(a, 1.0)))
