"""A geopy `Geocoder` backed by the offline gazetteer.

Code written against geopy (`geocode()`, `reverse()`, `Location`) can swap in
`OfflineGazetteer()` and keep working with no network.
"""
from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from .index import Gazetteer
from .place import Place


def _location(place: Place) -> Location:
    address = ", ".join(part for part in (place.name, place.admin1, place.country_code) if part)
    return Location(address, Point(place.lat, place.lon), place.to_dict())


class OfflineGazetteer(Geocoder):
    """geopy-compatible geocoder; never touches the network."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, index_dir=None, **kwargs):
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or Gazetteer.open(index_dir)

    def geocode(self, query, *, exactly_one=True, limit=None, country_codes=None, timeout=None):
        if isinstance(query, dict):
            query = " ".join(str(v) for v in query.values())
        codes = (country_codes,) if isinstance(country_codes, str) else country_codes
        places = self.gazetteer.lookup(str(query), limit=1 if exactly_one else (limit or 10),
                                       country_codes=tuple(codes) if codes else None)
        if not places:
            return None
        if exactly_one:
            return _location(places[0])
        return [_location(p) for p in places]

    def reverse(self, query, *, exactly_one=True, timeout=None):
        point = Point(query)
        result = self.gazetteer.reverse(point.latitude, point.longitude)
        locations = [_location(n.place) for n in result.nearest]
        for location in locations:
            location.raw.update(country_code_area=result.country_code, admin1_area=result.admin1,
                                regions=list(result.regions))
        if not locations:
            return None
        return locations[0] if exactly_one else locations
