"""The cached helpers of the geoparser give the uncached functions' results, and stay bounded."""
from gazetteer.index import haversine_km
from gazetteer.normalize import name_key as uncached_name_key

from map_app.geoparse import memo


def test_cached_name_key_is_the_gazetteer_key():
    for name in ("Deir ez-Zor", "دير الزور", "Ḩawījah", "al-Qaim", "", "  Tal  Abyad ", "Deir ez-Zor"):
        assert memo.name_key(name) == uncached_name_key(name)


def test_cached_distance_is_the_numpy_distance_as_a_float():
    for points in ((33.51, 36.29, 36.2, 37.16), (35.0, 40.0, 35.0, 40.0), (-33.9, 151.2, 51.5, -0.12)):
        got = memo.km(*points)
        assert type(got) is float
        assert got == float(haversine_km(*points))


def test_caches_are_bounded():
    assert memo.name_key.cache_info().maxsize == memo.CACHE_SIZE
    assert memo.km.cache_info().maxsize == memo.CACHE_SIZE
