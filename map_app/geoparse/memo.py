"""Per-process caches of pure helpers the geoparser calls many times per
document on the same few strings and points (bounded LRU caches: memory stays
flat over an archive).  Same results as the uncached functions, bit for bit."""
from __future__ import annotations

from functools import lru_cache

from gazetteer.index import haversine_km
from gazetteer.normalize import name_key as _name_key

#: Distinct names and points a long run keeps; beyond this the least recent are dropped.
CACHE_SIZE = 1 << 16


@lru_cache(maxsize=CACHE_SIZE)
def name_key(name: str) -> str:
    """`gazetteer.normalize.name_key`, cached (a name recurs in a document and across documents)."""
    return _name_key(name)


@lru_cache(maxsize=CACHE_SIZE)
def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """`haversine_km` between two points as a Python float, cached (same numpy arithmetic)."""
    return float(haversine_km(lat1, lon1, lat2, lon2))
