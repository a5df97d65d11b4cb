"""Document, Mention and Incident: what flows through the geoparsing pipeline.

Like spaCy's `Doc`/`Span`, every annotation keeps character offsets into the
original string (Python `str` indices, end exclusive), so the evidence for a
pin can always be shown in the text it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gazetteer.place import Place

#: Longest text parsed, in characters (about 1 MB of English, 1.8 MB of Arabic in UTF-8).
#: A news article is a few thousand characters; the worst 1 MB text parses in a few seconds.
MAX_TEXT_CHARS = 1_000_000


@dataclass(slots=True)
class Mention:
    """A place name found in the text, with the place it was resolved to."""

    start: int
    end: int
    text: str
    #: Candidate places, best first (resolution reorders them).
    candidates: list[Place] = field(default_factory=list)
    place: Place | None = None
    confidence: float = 0.0
    runner_up: Place | None = None
    #: Why the recogniser accepted it ("cue", "prominent", "country", ...).
    reason: str = ""
    #: Cue word right before the name (مدينة، ريف، near, ...), normalised.
    cue: str | None = None

    @property
    def needs_review(self) -> bool:
        return self.place is not None and self.confidence < 0.5


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Incident:
    """One reported event at one place on one day (ACLED's unit of record)."""

    event_type: str
    sub_event_type: str
    evidence: str
    start: int  # offsets of the evidence sentence in the document text
    end: int
    place: Place | None = None
    location_mention: Mention | None = None
    event_date: date | None = None
    #: ACLED time precision: 1 day, 2 week, 3 month (None when no date).
    time_precision: int | None = None
    #: ACLED geo precision: 1 the town, 2 near/part of, 3 only a region.
    geo_precision: int = 3
    fatalities: int | None = None
    #: Every actor named for this event (actor1, actor2 and associates), in text order.
    actors: list[str] = field(default_factory=list)
    source: str | None = None
    # --- ACLED's actor model: who acts (actor1) on whom (actor2); standard names.
    actor1: str | None = None
    assoc_actor_1: list[str] = field(default_factory=list)
    actor2: str | None = None
    assoc_actor_2: list[str] = field(default_factory=list)
    #: ACLED inter codes (1 state forces ... 8 external/other) and their interaction code (e.g. 12).
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    #: ACLED's civilian_targeting: the event targeted civilians.
    civilian_targeting: bool = False
    #: "Political violence", "Demonstrations" or "Strategic developments".
    disorder_type: str | None = None
    #: Further evidence sentences (start, end offsets) of reports merged into this one.
    evidence_spans: list[tuple[int, int]] = field(default_factory=list)
    #: Why a reviewer should look: "area_only", "unlisted_place", "merged", "runner_up_close", ...
    review_flags: list[str] = field(default_factory=list)
    #: ACLED tags (e.g. "crowd size=...", "local administrators"); free text.
    tags: str = ""

    @property
    def location(self) -> str | None:
        if self.location_mention is not None:
            return self.location_mention.text
        return self.place.name if self.place else None


@dataclass(slots=True)
class Document:
    text: str
    published: date | None = None
    source: str | None = None
    lang: str = "ar"
    sentences: list[Sentence] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
