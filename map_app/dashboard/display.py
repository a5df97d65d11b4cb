"""Article strings made safe and readable for display: text, links, labels, colours.

Article text is hostile: it may carry bidi controls that reorder the page,
``javascript:`` links, or markup. Everything the map and the dashboard show
passes through here first; escaping for HTML or a script happens where the
text is placed (``map_app.dashboard.layers``, ``html.escape`` in the app).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import urlsplit

#: Fixed colours for the ACLED event types, so a type keeps its colour across
#: filters; anything else takes the next colour of the fallback palette.
_KNOWN_COLORS = {
    "battles": "#d62728",
    "explosions/remote violence": "#ff7f0e",
    "violence against civilians": "#9467bd",
    "protests": "#2ca02c",
    "riots": "#8c564b",
    "strategic developments": "#1f77b4",
}
_FALLBACK = ["#17becf", "#e377c2", "#bcbd22", "#7f7f7f", "#393b79", "#637939",
             "#8c6d31", "#843c39", "#7b4173", "#3182bd"]
#: The label of an incident without an event type.
UNKNOWN_TYPE = "Unknown"
#: What every colour handed to the browser must look like (it goes into CSS/HTML).
HEX_COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}")

TIME_PRECISION = {1: "day", 2: "week", 3: "month"}
GEO_PRECISION = {1: "town", 2: "near / part of", 3: "region only"}

#: Longest evidence sentence shown in a popup.
EVIDENCE_LIMIT = 600

# Bidi embeddings, overrides and isolates, the Arabic letter mark and C0
# controls: an unbalanced bidi control in article text can reorder the page.
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean_text(value: Any, limit: int | None = None) -> str:
    """Text safe to show: no bidi controls or C0 controls, optionally cut."""
    if value is None:
        return ""
    text = _UNSAFE_RE.sub("", str(value))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


@lru_cache(maxsize=65536)
def safe_url(url: Any) -> str | None:
    """The URL if it is an absolute http(s) link, else None (no javascript:)."""
    if not url:
        return None
    text = "".join(ch for ch in str(url) if not unicodedata.category(ch).startswith("C"))
    text = text.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def type_colors(event_types: Iterable[str]) -> dict[str, str]:
    """A stable colour per event type (known ACLED types keep theirs)."""
    colors: dict[str, str] = {}
    spare = iter(_FALLBACK * 4)
    for name in sorted(set(event_types)):
        known = _KNOWN_COLORS.get(name.strip().lower())
        colors[name] = known or next(spare, "#555555")
    return colors


def _mark_span(evidence: str, *needles: str) -> tuple[int, int]:
    """Where the place name sits in the evidence sentence (-1, -1 if absent)."""
    for needle in needles:
        if needle:
            at = evidence.find(needle)
            if at >= 0:
                return at, at + len(needle)
    return -1, -1


def evidence_and_mark(rec: Any) -> tuple[str, int, int]:
    """The cleaned evidence sentence and where the place name sits in it.

    Uses the stored offsets (place offsets minus the sentence's start) when
    they fall inside the sentence, else the first occurrence of the name.
    Each piece is cleaned separately so removing bidi controls keeps the mark
    on the right characters.
    """
    raw = str(getattr(rec, "evidence", "") or "")
    base = getattr(rec, "start", None)
    lo, hi = getattr(rec, "location_start", None), getattr(rec, "location_end", None)
    if all(isinstance(v, int) for v in (base, lo, hi)) and 0 <= lo - base < hi - base <= len(raw):
        pre = clean_text(raw[: lo - base])
        mid = clean_text(raw[lo - base: hi - base])
        evidence = pre + mid + clean_text(raw[hi - base:])
        start, end = len(pre), len(pre) + len(mid)
    else:
        evidence = clean_text(raw)
        start, end = _mark_span(
            evidence, clean_text(getattr(rec, "location", None)),
            clean_text(getattr(rec, "place_name", None)))
    if len(evidence) > EVIDENCE_LIMIT:
        evidence = clean_text(evidence, EVIDENCE_LIMIT)
        if end > len(evidence) - 1:
            start, end = -1, -1
    return evidence, start, end
