"""Value types of the incident store, shared with the dashboard and exports.

Kept apart from the backends so that callers (the map, the exports, tests
with stand-in data) can build and read records without touching a database.

`Source`, `IncidentRecord` and `MentionRecord` are read-only by convention
(hashable by value; never assign to a field — the dashboard shares one list of
records between sessions) rather than `frozen=True`: a frozen dataclass builds
ten times slower, and the map reads 100,000 of them per filter change.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple


class StoreError(Exception):
    """A problem with the database file or its contents, worded for the user."""


class ConflictError(StoreError):
    """A review based on an out-of-date copy of an incident (another analyst saved first).

    Nothing was written; reload the incident and apply the change again."""

    def __init__(self, message: str, *, incident_id: int, expected: int, current: int):
        super().__init__(message)
        self.incident_id, self.expected, self.current = incident_id, expected, current


@dataclass(slots=True, unsafe_hash=True)
class Source:
    """One report of an incident (an article, or a bare URL for synthetic rows).

    A source stored from an article also carries that article's own report: its
    evidence sentence (text and offsets in the article) and its death toll, which
    may differ from the incident's after reports were merged."""

    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: date | None = None
    article_id: int | None = None
    #: The evidence sentence of this report and its offsets in the source article.
    evidence: str | None = None
    start: int | None = None
    end: int | None = None
    #: The death toll this report gave (None: none given).
    fatalities: int | None = None

    @property
    def label(self) -> str:
        """What to print for this source: the URL, else the outlet, else the title."""
        return self.url or self.source or self.title or ""


@dataclass(slots=True, unsafe_hash=True)
class IncidentRecord:
    """An incident as stored (after merging and review)."""

    id: int = 0
    event_type: str = ""
    sub_event_type: str = ""
    event_date: date | None = None
    time_precision: int | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country_code: str | None = None
    admin1: str | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    actors: tuple[str, ...] = ()
    evidence: str = ""
    start: int | None = None
    end: int | None = None
    sources: tuple[Source, ...] = ()
    confidence: float = 0.0
    reviewed: bool = False
    rejected: bool = False
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    place_name: str | None = None
    # Additions beyond the shared contract:
    #: Offsets of the place name in the first source article (for highlighting).
    location_start: int | None = None
    location_end: int | None = None
    place_kind: str | None = None
    # ACLED fields (see map_app.geoparse.document.Incident); defaults keep old callers working.
    actor1: str | None = None
    assoc_actor_1: tuple[str, ...] = ()
    actor2: str | None = None
    assoc_actor_2: tuple[str, ...] = ()
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: bool = False
    disorder_type: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    tags: str = ""
    review_flags: tuple[str, ...] = ()
    #: Project-written demo data, not real reporting.
    demo: bool = False
    #: Bumped by every review and merge: a save based on an older version is refused (no lost update).
    version: int = 0

    @property
    def sources_count(self) -> int:
        """How many reports (articles or imported sources) this incident merges."""
        return len(self.sources)

    @property
    def article_id(self) -> int | None:
        """The article the evidence offsets refer to (the first source)."""
        return self.sources[0].article_id if self.sources else None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(slots=True, unsafe_hash=True)
class MentionRecord:
    """A place name found in an article and the place it was resolved to."""

    article_id: int
    text: str
    start: int
    end: int
    name: str
    lat: float
    lon: float
    kind: str
    country_code: str | None
    confidence: float
    geonameid: int | None = None
    admin1: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    id: int
    text: str
    published: date | None
    url: str | None
    title: str | None
    source: str | None
    added_at: datetime | None
    #: One of the bundled demo articles.
    demo: bool = False


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """One analyst correction: what changed ({field: [old, new]}), who, when."""

    incident_id: int
    reviewer: str
    reviewed_at: datetime
    changes: dict[str, list[Any]]
    note: str | None


class AddResult(NamedTuple):
    article_id: int
    #: False when the same text was already stored (nothing was added).
    added: bool
    #: Incidents this call created or merged into.
    incidents: int
    #: Resolved place mentions stored for the article.
    places: int


class IncidentPoint(NamedTuple):
    """A light incident row (`IncidentStore.incident_points`): enough for counters, an
    aggregated map, timelines and summaries of many incidents without full records."""

    id: int
    lat: float | None
    lon: float | None
    event_type: str
    event_date: date | None
    fatalities: int | None
    place_name: str | None
    location: str | None
    admin1: str | None
    admin2: str | None
    actors: tuple[str, ...]
    reviewed: bool
    rejected: bool
    demo: bool


@dataclass(frozen=True)
class IncidentFilter:
    """What the dashboard asks for; empty tuples mean "any"."""

    since: date | None = None
    until: date | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    #: Reviewed incidents always pass, whatever their parser confidence.
    min_confidence: float = 0.0
    #: Words that must all occur in evidence/location/place/actors, event types, admin
    #: areas or the article text (Arabic-normalised), or places the gazetteer finds for
    #: the whole text (see `map_app.store.search`).
    text: str | None = None
    include_rejected: bool = False
    #: The map viewport (south, west, north, east) in degrees; unlocated incidents fall outside.
    #: west > east means the box crosses the antimeridian.
    bounds: tuple[float, float, float, float] | None = None
    #: False leaves out the bundled demo data (exports do unless asked).
    include_demo: bool = True
    #: Undated incidents pass the since/until dates (they are not silently dropped).
    include_undated: bool = False
    #: Only incidents without an event date (the week player's "Undated" step).
    only_undated: bool = False
