"""Validation at the store's edge: what any writer may put in the incident store.

Every writer of every backend calls these before a row is written (base.py,
documents.py, review.py, sqlite.py), whatever produced the values: the parser,
a bulk import or an analyst's review.  So the map, the exports and the
dashboard never meet an impossible value: a latitude of 95 or infinity (GeoJSON
would get `Infinity`, which is not JSON), a date pandas cannot hold, a negative
or astronomical death toll, a title of a megabyte.

Each check raises ValueError with a one-line message naming the field; the
ingest report and the dashboard show that message as it is.
"""
from __future__ import annotations

import math
from datetime import date, datetime
from numbers import Integral, Real
from typing import Any

from map_app.geoparse.document import MAX_TEXT_CHARS

#: Longest article text stored (characters): the parser's own limit.
MAX_ARTICLE_CHARS = MAX_TEXT_CHARS
#: Dates stored (publication, event, review): news of the 20th and 21st centuries.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)
#: Most deaths one incident may carry (one event, one place, one day).
MAX_FATALITIES = 1_000_000
#: Longest short text: URL, title, source, place and actor names, event types, reviewer.
MAX_SHORT_TEXT = 4_096
PRECISIONS = (1, 2, 3)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{what} must be a number, not {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, not {number}")
    return number


def coordinates(lat: Any, lon: Any, what: str = "coordinates") -> tuple[float | None, float | None]:
    """(lat, lon) as floats: both None, or both finite with |lat| ≤ 90 and |lon| ≤ 180."""
    if lat is None and lon is None:
        return None, None
    if lat is None or lon is None:
        raise ValueError(f"{what}: give both latitude and longitude, or neither")
    lat, lon = _number(lat, f"{what}: latitude"), _number(lon, f"{what}: longitude")
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"{what}: latitude {lat} is out of range (-90…90)")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"{what}: longitude {lon} is out of range (-180…180)")
    return lat, lon


def day(value: Any, what: str) -> date | None:
    """A date between MIN_DATE and MAX_DATE (a datetime counts as its day; an ISO
    string is read), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise ValueError(f"{what} must be a date (YYYY-MM-DD), not {_show(value)}") from None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise ValueError(f"{what} must be a date, not {type(value).__name__}")
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValueError(f"{what} {value.isoformat()} is out of range ({MIN_DATE.isoformat()}…"
                         f"{MAX_DATE.isoformat()})")
    return value


def fatalities(value: Any, what: str = "fatalities") -> int | None:
    """A whole number from 0 to MAX_FATALITIES, or None (not reported)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a whole number, not {value}")
    if isinstance(value, Integral):
        count = int(value)
    elif isinstance(value, Real) and math.isfinite(float(value)) and float(value).is_integer():
        count = int(value)
    else:
        raise ValueError(f"{what} must be a whole number, not {_show(value)}")
    if count < 0:
        raise ValueError(f"{what} cannot be negative ({count})")
    if count > MAX_FATALITIES:
        raise ValueError(f"{what} {_show(count)} is above the limit of {MAX_FATALITIES:,}")
    return count


def precision(value: Any, what: str) -> int | None:
    """ACLED time/geo precision: 1, 2 or 3, or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral) or int(value) not in PRECISIONS:
        raise ValueError(f"{what} must be 1, 2 or 3, not {_show(value)}")
    return int(value)


def confidence(value: Any, what: str = "confidence") -> float:
    number = _number(value, what)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{what} {number} is out of range (0…1)")
    return number


def text(value: Any, what: str, limit: int = MAX_SHORT_TEXT) -> str | None:
    """A string of at most `limit` characters, or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise ValueError(f"{what} is too long ({len(value):,} characters; the limit is {limit:,})")
    return value


def article(body: Any, published: date | None, url: Any = None, title: Any = None,
            source: Any = None, max_chars: int = MAX_ARTICLE_CHARS) -> None:
    """An article about to be parsed and stored."""
    if not isinstance(body, str) or not body.strip():
        raise ValueError("article text is empty")
    if len(body) > max_chars:
        raise ValueError(f"article is too long ({len(body):,} characters; the limit is {max_chars:,})")
    day(published, "published date")
    for what, value in (("url", url), ("title", title), ("source", source)):
        text(value, what)


def incident(get: Any, what: str = "incident") -> None:
    """An incident about to be written, read through `get(name)` (attribute or key access):
    the parser's Incident (with `place`), an IncidentRecord, or a dict of its fields."""
    event_type = get("event_type")
    if not isinstance(event_type, str) or not event_type.strip():
        raise ValueError(f"{what}: event_type must be non-empty text")
    for name in ("event_type", "sub_event_type", "location", "place_name", "admin1", "country_code",
                 "reviewed_by", "actor1", "actor2"):
        text(get(name), f"{what}: {name}")
    text(get("evidence"), f"{what}: evidence", MAX_ARTICLE_CHARS)
    day(get("event_date"), f"{what}: event date")
    fatalities(get("fatalities"), f"{what}: fatalities")
    precision(get("time_precision"), f"{what}: time_precision")
    precision(get("geo_precision"), f"{what}: geo_precision")
    place = get("place")
    if place is not None:
        coordinates(getattr(place, "lat", None), getattr(place, "lon", None), f"{what}: place")
    else:
        coordinates(get("lat"), get("lon"), what)
    for actor in get("actors") or ():
        text(actor, f"{what}: actor")


def parsed(doc: Any) -> None:
    """A parsed Document before it is stored: its resolved places and its incidents."""
    checked: set[int] = set()
    for mention in getattr(doc, "places", None) or ():
        place = getattr(mention, "place", None)
        if place is not None and id(place) not in checked:  # repeats share their Place
            checked.add(id(place))
            coordinates(place.lat, place.lon, f"place {getattr(place, 'name', '')}")
    for n, inc in enumerate(getattr(doc, "incidents", None) or (), 1):
        incident(getter(inc), f"incident {n}")


def records(items: Any):
    """Yield the incident records of a bulk import, each checked (ValueError names the first bad one)."""
    for n, item in enumerate(items):
        get = getter(item)
        incident(get, f"record {n}")
        for source in get("sources") or ():
            if not isinstance(source, str):
                published = source.get("published") if isinstance(source, dict) else getattr(
                    source, "published", None)
                day(published, f"record {n}: source published date")
        yield item


def getter(obj: Any):
    """`get(name)` for a dict or an object (missing → None)."""
    if isinstance(obj, dict):
        return obj.get
    return lambda name: getattr(obj, name, None)


def _show(value: Any) -> str:
    """A value for a message, shortened (a 5,000-digit number is not printed whole)."""
    if isinstance(value, int):
        if abs(value) < 10 ** 30:
            return f"{value:,}"
        digits = len(str(abs(value))) if abs(value).bit_length() < 13_000 else "too many"
        return f"a number of {digits} digits"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
