"""Validation at the store's edge, called by every writer of every backend (base.py).

A minimal version written alongside the store interface: the reliability work
(issue 9) brings the full module with the same functions; this one checks what
the store needs to stay sound — articles within the size limit, finite
coordinates in range, sane dates and death tolls, ACLED precisions, bounded
short texts.  Each check raises ValueError with a one-line message naming the field.
"""
from __future__ import annotations

import math
from datetime import date, datetime
from numbers import Integral, Real
from typing import Any, Callable, Iterable, Iterator

#: Longest article text stored (characters).
MAX_ARTICLE_CHARS = 5_000_000
MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2100, 12, 31)
MAX_FATALITIES = 1_000_000
#: Longest short text: URL, title, source, place and actor names, event types, reviewer.
MAX_SHORT_TEXT = 4_096
PRECISIONS = (1, 2, 3)


def coordinates(lat: Any, lon: Any, what: str = "coordinates") -> tuple[float | None, float | None]:
    """Both None, or both finite numbers with |lat| ≤ 90 and |lon| ≤ 180."""
    if lat is None and lon is None:
        return None, None
    if lat is None or lon is None:
        raise ValueError(f"{what}: give both latitude and longitude, or neither")
    values = []
    for name, value, limit in (("latitude", lat, 90.0), ("longitude", lon, 180.0)):
        if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
            raise ValueError(f"{what}: {name} must be a finite number, not {value!r}")
        if not -limit <= float(value) <= limit:
            raise ValueError(f"{what}: {name} {value} is out of range (-{limit:g}…{limit:g})")
        values.append(float(value))
    return values[0], values[1]


def day(value: Any, what: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise ValueError(f"{what} must be a date (YYYY-MM-DD), not {value[:40]!r}") from None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise ValueError(f"{what} must be a date, not {type(value).__name__}")
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValueError(f"{what} {value.isoformat()} is out of range")
    return value


def fatalities(value: Any, what: str = "fatalities") -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{what} must be a whole number, not {value!r}")
    if not 0 <= int(value) <= MAX_FATALITIES:
        raise ValueError(f"{what} {int(value)} is out of range (0…{MAX_FATALITIES:,})")
    return int(value)


def precision(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral) or int(value) not in PRECISIONS:
        raise ValueError(f"{what} must be 1, 2 or 3, not {value!r}")
    return int(value)


def text(value: Any, what: str, limit: int = MAX_SHORT_TEXT) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise ValueError(f"{what} is too long ({len(value):,} characters; the limit is {limit:,})")
    return value


def article(body: Any, published: Any, url: Any = None, title: Any = None, source: Any = None,
            max_chars: int = MAX_ARTICLE_CHARS) -> None:
    if not isinstance(body, str) or not body.strip():
        raise ValueError("article text is empty")
    if len(body) > max_chars:
        raise ValueError(f"article is too long ({len(body):,} characters; "
                         f"the limit is {max_chars:,})")
    day(published, "published date")
    for what, value in (("url", url), ("title", title), ("source", source)):
        text(value, what)


def getter(obj: Any) -> Callable[[str], Any]:
    if isinstance(obj, dict):
        return obj.get
    return lambda name: getattr(obj, name, None)


def incident(get: Callable[[str], Any], what: str = "incident") -> None:
    """An incident (parser's Incident, IncidentRecord or dict) read through `get`."""
    for name in ("event_type", "sub_event_type", "location", "place_name", "admin1",
                 "country_code", "actor1", "actor2"):
        text(get(name), f"{what}: {name}")
    day(get("event_date"), f"{what}: event date")
    fatalities(get("fatalities"), f"{what}: fatalities")
    precision(get("time_precision"), f"{what}: time_precision")
    precision(get("geo_precision"), f"{what}: geo_precision")
    place = get("place")
    if place is not None:
        coordinates(place.lat, place.lon, f"{what}: place")
    else:
        coordinates(get("lat"), get("lon"), what)
    for actor in get("actors") or ():
        text(actor, f"{what}: actor")


def parsed(doc: Any) -> None:
    """A parsed Document before it is stored."""
    for mention in getattr(doc, "places", None) or ():
        place = getattr(mention, "place", None)
        if place is not None:
            coordinates(place.lat, place.lon, f"place {place.name}")
    for n, inc in enumerate(getattr(doc, "incidents", None) or (), 1):
        incident(getter(inc), f"incident {n}")


def records(items: Iterable[Any]) -> Iterator[Any]:
    """The records of a bulk import, each checked as it passes."""
    for n, item in enumerate(items):
        incident(getter(item), f"record {n}")
        yield item
