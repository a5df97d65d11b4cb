"""Spatial coherence for local news: towns named together lie together.

A local story names several small towns of one county ("Hillsboro",
"Greenfield", "Leesburg"), each with bigger namesakes elsewhere in the same
country. The first-pass anchors of the resolver are those namesakes, so
nearness to the anchors cannot find the county. Here every candidate is
credited with the number of *other* names of the document that have some
candidate near it: the readings that make the story one place win.

Bounded work: at most MAX_NAMES distinct ambiguous names, MAX_CANDIDATES
candidates each, so one distance matrix of at most (names × candidates)²
entries per document.
"""
from __future__ import annotations

import numpy as np

from gazetteer.index import haversine_km
from map_app.geoparse.memo import name_key

from map_app.geoparse.document import Mention

#: Two candidates this close support each other (a county is some 30-60 km across; towns of one
#: story, Alexandria and Front Royal, Va., may be two counties apart).
NEAR_KM = 120.0
#: Score per supporting name, and at most this many names count.
SUPPORT_BONUS = 0.12
MAX_SUPPORT = 4
#: One neighbour is a coincidence (Richmond and Lafayette are neighbours in California
#: as well as 170 km apart in Indiana); two make a cluster.
MIN_SUPPORT = 2
#: A candidate inside an admin-1 area the document names ("Indiana and Ohio").
STATE_BONUS = 0.25
MAX_NAMES = 60
MAX_CANDIDATES = 10
_KINDS = ("populated_place", "admin2")


def support_bonus(mentions: list[Mention]) -> dict[int, float]:
    """Place row → bonus, for candidates of names with several towns to choose from:
    nearness to the other names' candidates, and lying in an admin-1 area the text names."""
    states = {(c.country_code, c.name) for m in mentions for c in m.candidates[:3]
              if c.kind == "admin1" and name_key(c.name) == name_key(m.text)}
    bonus: dict[int, float] = {}
    if states:
        for m in mentions:
            if len(m.candidates) > 1:
                for c in m.candidates:
                    if c.kind in _KINDS and (c.country_code, c.admin1) in states:
                        bonus[c.pid] = STATE_BONUS
    names: dict[str, list] = {}
    for m in mentions:
        if not m.candidates or len(names) >= MAX_NAMES:
            continue
        key = name_key(m.text)
        if key not in names:
            names[key] = [c for c in m.candidates[:MAX_CANDIDATES] if c.kind in _KINDS]
    if len(names) < 3 or not any(len(c) > 1 for c in names.values()):
        return bonus
    owner, lats, lons, pids = [], [], [], []
    for i, cands in enumerate(names.values()):
        for c in cands:
            owner.append(i)
            lats.append(c.lat)
            lons.append(c.lon)
            pids.append(c.pid)
    owner_a = np.array(owner)
    lat = np.array(lats)
    lon = np.array(lons)
    near = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :]) <= NEAR_KM
    near &= owner_a[:, None] != owner_a[None, :]
    for row, pid in enumerate(pids):
        supporters = len(set(owner_a[near[row]].tolist()))
        if supporters >= MIN_SUPPORT:
            bonus[pid] = bonus.get(pid, 0.0) + SUPPORT_BONUS * min(supporters, MAX_SUPPORT)
    return bonus
