"""What an analyst's review changes: arguments checked and turned into column values.

Kept apart from the backends so both apply exactly the same rules:

- `place` moves the pin to a gazetteer entry (its coordinates, names, country and
  admin areas); `lat`/`lon` set a typed pin and win over `place`.  A typed pin
  gets its country, admin1/admin2 and a place name from the gazetteer's reverse
  lookup (the nearest populated place within `PIN_NAME_KM`, else the
  coordinates), so the card, the table and the exports never show the old place.
- Geo precision is the one given, else 1 for a typed pin or a town, 2 for a
  district and 3 for a governorate, country or region (ACLED's codes).
- A new date sets day precision (1) unless a time precision is given with it.
- `actor1`/`actor2` replace ACLED's two main actors; "" clears one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from gazetteer.place import Place
from map_app.store import validate
from map_app.store.sql import coerce_date, iso

#: A typed pin takes the name of a populated place at most this far away (km).
PIN_NAME_KM = 10.0
#: reverse(lat, lon) -> {"country_code", "admin1", "admin2", "place_name"} (values may be None).
ReverseGeocoder = Callable[[float, float], dict[str, Any]]
PRECISIONS = (1, 2, 3)


def gazetteer_reverse() -> ReverseGeocoder:
    """The offline gazetteer's reverse lookup (opened on first use; None values if missing)."""
    state: dict[str, Any] = {}

    def reverse(lat: float, lon: float) -> dict[str, Any]:
        if "gazetteer" not in state:
            try:
                from gazetteer import Gazetteer

                state["gazetteer"] = Gazetteer.open()
            except Exception:  # noqa: BLE001 - index not built: areas stay unknown
                state["gazetteer"] = None
        gaz = state["gazetteer"]
        if gaz is None:
            return {}
        hit = gaz.reverse(lat, lon)
        near = hit.nearest[0] if hit.nearest else None
        close = near is not None and near.distance_km <= PIN_NAME_KM
        return {
            "country_code": hit.country_code or (near.place.country_code if close else None),
            "admin1": hit.admin1 or (near.place.admin1 if close else None),
            "admin2": near.place.admin2 if close else None,
            "place_name": near.place.name if close else None,
        }

    return reverse


def place_precision(place: Place) -> int:
    if place.kind == "admin2":
        return 2
    return 3 if place.is_area else 1


def _precision(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if value not in PRECISIONS:
        raise ValueError(f"{what} must be 1, 2 or 3, got {value!r}")
    return int(value)


@dataclass
class ReviewRequest:
    """A review's arguments, checked (see `IncidentStore.review`)."""

    reviewer: str
    changes: dict[str, Any]
    actor1: str | None = None
    actor2: str | None = None
    note: str | None = None
    expected_version: int | None = None


def review_request(*, reviewer: str, place: Place | None, lat: float | None, lon: float | None,
                   event_type: str | None, sub_event_type: str | None,
                   event_date: date | str | None, time_precision: int | None,
                   geo_precision: int | None, fatalities: int | None, actor1: str | None,
                   actor2: str | None, rejected: bool | None, note: str | None,
                   expected_version: int | None, reverse: ReverseGeocoder) -> ReviewRequest:
    """Check a review's arguments and work out the columns it sets (ValueError if bad)."""
    reviewer = (validate.text(reviewer, "reviewer") or "").strip()
    if not reviewer:
        raise ValueError("a reviewer name is required")
    validate.text(note, "note", validate.MAX_ARTICLE_CHARS)
    for what, value in (("event_type", event_type), ("sub_event_type", sub_event_type),
                        ("actor1", actor1), ("actor2", actor2)):
        validate.text(value, what)
    if place is not None:
        validate.coordinates(place.lat, place.lon, "place")
    geo_precision = _precision(geo_precision, "geo_precision")
    time_precision = _precision(time_precision, "time_precision")
    changes: dict[str, Any] = {}
    if (lat is None) != (lon is None):
        raise ValueError("give both lat and lon for a manual pin")
    if lat is not None:
        lat, lon = validate.coordinates(lat, lon, "pin")
        found = reverse(lat, lon) or {}
        changes.update(
            lat=lat, lon=lon, place_key=f"pin:{lat:.5f},{lon:.5f}", geonameid=None,
            place_kind="pin", place_name=found.get("place_name") or f"{lat:.5f}, {lon:.5f}",
            country_code=found.get("country_code"), admin1=found.get("admin1"),
            admin2=found.get("admin2"), geo_precision=geo_precision or 1)
    elif place is not None:
        changes.update(place_key=place.key, place_name=place.name, place_kind=place.kind,
                       lat=place.lat, lon=place.lon, geonameid=place.geonameid,
                       country_code=place.country_code, admin1=place.admin1,
                       admin2=getattr(place, "admin2", None),
                       geo_precision=geo_precision or place_precision(place))
    elif geo_precision is not None:
        changes["geo_precision"] = geo_precision
    if event_type is not None:
        if not str(event_type).strip():
            raise ValueError("event_type cannot be empty")
        changes["event_type"] = str(event_type)
    if sub_event_type is not None:
        changes["sub_event_type"] = str(sub_event_type)
    if event_date is not None:
        changes["event_date"] = iso(validate.day(coerce_date(event_date, "event_date"),
                                                 "event_date"))
        changes["time_precision"] = time_precision or 1
    elif time_precision is not None:
        changes["time_precision"] = time_precision
    if fatalities is not None:
        changes["fatalities"] = validate.fatalities(fatalities)
    if rejected is not None:
        changes["rejected"] = bool(rejected)
    if expected_version is not None and not isinstance(expected_version, int):
        raise ValueError(f"expected_version must be an int, got {expected_version!r}")
    actors = [None if a is None else str(a).strip() for a in (actor1, actor2)]
    return ReviewRequest(reviewer, changes, actors[0], actors[1], note, expected_version)
