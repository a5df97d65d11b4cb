"""Merging reports of one event (ACLED: one event per place and day).

Articles repeat an event in the headline, the lead and the body, often with
different precision ("in eastern Syria" / "near Abu Kamal") and different
tolls.  These helpers fold such reports together: the lowest fatality count
wins (ACLED), actors are unioned, and the most precise date and location are
kept.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from map_app.geoparse.document import Incident
from map_app.geoparse.incidents.locate import Location

_AREA_KINDS = frozenset({"country", "admin1"})
_ADMIN_WORDS = re.compile(r"\s+(?:governorate|province|muhafazat|region)$", re.IGNORECASE)


def _admin_key(name: str | None) -> str | None:
    return _ADMIN_WORDS.sub("", name).casefold() if name else None


def merge_area_reports(incidents: list[Incident]) -> list[Incident]:
    """Fold a country/governorate-level report into a more precise report of the same event.

    "US strikes hit militia sites in eastern Syria" (headline) and "... strikes
    near Abu Kamal" (body) are one event: keep the precise location and its
    evidence, the lowest fatality count and all actors.  Lookups are by key,
    so this stays linear in the number of incidents.
    """
    if len(incidents) < 2:
        return incidents
    # First precise incident per (type, sub-type, country, date) and per (..., governorate, date).
    by_country: dict[tuple, Incident] = {}
    by_admin1: dict[tuple, Incident] = {}
    for inc in incidents:
        p = inc.place
        if p is None or p.kind in _AREA_KINDS or not p.country_code:
            continue
        kind = (inc.event_type, inc.sub_event_type, p.country_code)
        by_country.setdefault((*kind, inc.event_date), inc)
        if p.admin1:
            by_admin1.setdefault((*kind, _admin_key(p.admin1), inc.event_date), inc)
    dropped: set[int] = set()
    for i, area in enumerate(incidents):
        p = area.place
        if p is None or p.kind not in _AREA_KINDS or not p.country_code:
            continue
        kind = (area.event_type, area.sub_event_type, p.country_code)
        table, kind = (by_country, kind) if p.kind == "country" else (by_admin1, (*kind, _admin_key(p.name)))
        dates = [area.event_date]
        if area.event_date is not None and (area.time_precision or 1) >= 2:
            # Loosely dated (e.g. a headline dated by publication): the same week.
            dates += [day for d in (-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7)
                      if (day := _shifted(area.event_date, d)) is not None]
        target = next((table[(*kind, d)] for d in dates if (*kind, d) in table), None)
        if target is None:
            continue
        names = area.actors + [n for n in target.actors if n not in area.actors]
        absorb(target, area.fatalities, [], None, None)
        target.actors = names
        dropped.add(i)
    return [inc for i, inc in enumerate(incidents) if i not in dropped]


def _shifted(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None past the ends of the calendar (year 1, year 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def absorb(incident: Incident, fatalities: int | None, actors: list[str], precision: int | None,
            location: Location | None) -> None:
    """Merge another report of the same event into `incident` (ACLED: lowest fatality report)."""
    if fatalities is not None:
        incident.fatalities = fatalities if incident.fatalities is None else min(incident.fatalities, fatalities)
    for name in actors:
        if name not in incident.actors:
            incident.actors.append(name)
    if precision is not None and (incident.time_precision is None or precision < incident.time_precision):
        incident.time_precision = precision
    if location is not None and location.geo_precision < incident.geo_precision:
        incident.geo_precision = location.geo_precision
