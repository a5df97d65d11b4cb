"""The `Place` value: one gazetteer entry, immutable and cheap to compare.

Modelled on geopy's `Location`: a plain value with a point and a few
attributes, so that every layer (lookup, resolution, export) can pass it around
without dragging the index along.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

KINDS = (
    "country",
    "admin1",
    "admin2",
    "populated_place",
    "region",
    "water",
    "facility",
    "crossing",
    # A name the text presents as a place (after a strong cue: قرية X, "the village of X") that the
    # gazetteer lacks; its point is the most specific containing area the text gives.
    "unlisted",
)

#: The region this tool's analysts work on (Syria, Iraq and neighbours): its
#: places rank above homonyms elsewhere (القنيطرة is Quneitra before Kenitra).
FOCUS_COUNTRIES = frozenset("SY IQ LB JO IL PS TR IR SA KW YE EG LY AE QA BH OM".split())

#: Kinds that stand for an area rather than a point (a pin on them is approximate).
AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "water", "unlisted"})


@dataclass(frozen=True, slots=True)
class Place:
    """A named place with a representative point (WGS84 degrees)."""

    name: str
    lat: float
    lon: float
    kind: str
    country_code: str | None = None
    name_ar: str | None = None
    geonameid: int | None = None
    population: int = 0
    admin1: str | None = None
    score: float = 0.0
    #: Row number in the compiled index; stable for one index build only.
    pid: int = -1
    #: Second-level admin area (district, county) when known.
    admin2: str | None = None

    @property
    def is_area(self) -> bool:
        return self.kind in AREA_KINDS

    @property
    def key(self) -> str:
        """A stable identity across index builds (GeoNames id, else kind:name)."""
        if self.geonameid is not None:
            return f"gn:{self.geonameid}"
        return f"{self.kind}:{self.country_code or ''}:{self.name}"

    def with_score(self, score: float) -> "Place":
        # Positional construction: dataclasses.replace is slow on a hot path.
        return Place(self.name, self.lat, self.lon, self.kind, self.country_code, self.name_ar,
                     self.geonameid, self.population, self.admin1, score, self.pid, self.admin2)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("pid")
        data["score"] = round(self.score, 4)
        return data

    def __str__(self) -> str:
        label = self.name if not self.name_ar else f"{self.name} ({self.name_ar})"
        where = ", ".join(p for p in (self.admin1, self.country_code) if p)
        return f"{label} [{self.kind}] {where} {self.lat:.4f},{self.lon:.4f}"
