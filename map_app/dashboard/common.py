"""Small helpers every part of the page uses: escaping, flash messages, labels.

Article text is hostile: every string shown in an HTML snippet goes through
`esc` (bidi/control characters removed, HTML-escaped, isolated in <bdi>);
everything else is handed to widgets that render text, never HTML.
"""
from __future__ import annotations

import html
from typing import Any

import streamlit as st

from map_app import export
from map_app.dashboard import map_view

ATTRIBUTION = "Gazetteer and place labels: GeoNames (CC-BY 4.0), Natural Earth (public domain)"
MAP_HEIGHT = 600
ACLED_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians",
               "Protests", "Riots", "Strategic developments"]
GEO_LABELS = {1: "1 — town or exact spot", 2: "2 — near a town / part of a district",
              3: "3 — region (governorate) only"}
TIME_LABELS = {1: "1 — the day is known", 2: "2 — within a week", 3: "3 — within a month"}

CSS = """
<style>
.block-container { padding-top: 1.6rem; padding-bottom: 1rem; }
.inc-card { border: 1px solid rgba(49,51,63,.15); border-radius: .5rem; padding: .6rem .8rem;
            font-size: .92rem; line-height: 1.45; }
.inc-card .inc-h { font-weight: 600; font-size: 1rem; }
.inc-card .inc-sw, .rq-item .inc-sw { display: inline-block; width: .7rem; height: .7rem;
            border-radius: 50%; margin-right: .35rem; vertical-align: baseline; }
.inc-card .inc-meta { color: rgba(49,51,63,.7); font-size: .85rem; }
.inc-card blockquote { margin: .4rem 0; padding: .3rem .6rem; border-inline-start: 3px solid #bbb;
                       background: rgba(0,0,0,.03); unicode-bidi: plaintext; text-align: start;
                       font-size: .95rem; }
div.inc-card blockquote.inc-q, div.inc-card blockquote.inc-q * { color: rgb(49,51,63); }
.inc-card mark { background: #ffe066; padding: 0 .1rem; }
.inc-card ol.inc-src { margin: .1rem 0 0 1.1rem; padding: 0; font-size: .85rem; }
.demo-tag { display: inline-block; background: #fff3bf; color: #5c4400; border-radius: .3rem;
            padding: 0 .35rem; font-size: .78rem; margin-left: .3rem; }
.wk-label { font-size: .95rem; padding-top: .45rem; font-weight: 600; }
.rq-item { border-bottom: 1px solid rgba(49,51,63,.1); padding: .25rem 0; font-size: .9rem; }
.rq-item .rq-why { color: #8a3b00; font-size: .84rem; }
.rq-item.rq-cur { background: #fff8db; }
.av-text { border: 1px solid rgba(49,51,63,.15); border-radius: .5rem; padding: .7rem .9rem;
           line-height: 1.9; unicode-bidi: plaintext; text-align: start; white-space: pre-wrap;
           max-height: 520px; overflow-y: auto; font-size: 1rem; color: rgb(49,51,63); }
.av-text .av-inc { background: #e7f0ff; border-bottom: 2px solid #1f77b4; }
.av-text .av-sel { background: #fff0b3; border-bottom: 2px solid #d48806; }
.av-text mark.av-m { background: #c3f0ca; padding: 0 .1rem; border-radius: .2rem; color: inherit; }
.av-text mark.av-m.av-loc { background: #ffb3b3; font-weight: 600; }
.help-grid td, .help-grid th { padding: .2rem .5rem; vertical-align: top; }
.inc-foot { color: rgba(49,51,63,.6); font-size: .8rem; margin-top: 1.2rem; }
</style>
"""


def esc(value: Any, limit: int | None = None) -> str:
    """Display text for HTML snippets: bidi/control characters removed, escaped, isolated."""
    return f"<bdi>{html.escape(map_view.clean_text(value, limit))}</bdi>"


def flash(kind: str, text: str, where: str = "top") -> None:
    """Show a message after the next rerun (reruns wipe what was drawn)."""
    st.session_state.setdefault("_flash_" + where, []).append((kind, text))


def show_flashes(where: str = "top") -> None:
    for kind, text in st.session_state.pop("_flash_" + where, []):
        getattr(st, kind)(text)


def event_taxonomy() -> dict[str, tuple[str, ...]]:
    """ACLED event types -> sub-types, from the parser's taxonomy when present."""
    try:
        from map_app.geoparse.incidents.taxonomy import EVENT_TYPES

        return dict(EVENT_TYPES)
    except ImportError:
        return {t: () for t in ACLED_TYPES}


def country_label(code: str) -> str:
    name = export.COUNTRY_NAMES.get(code)
    return f"{name} ({code})" if name else code


def place_label(p: Any, distance_km: float | None = None) -> str:
    name = p.name if not getattr(p, "name_ar", None) else f"{p.name} · {p.name_ar}"
    where = ", ".join(x for x in (p.admin1, p.country_code) if x)
    away = f", {distance_km:,.0f} km away" if distance_km is not None else ""
    text = f"{name} — {p.kind}{', ' + where if where else ''} ({p.lat:.3f}, {p.lon:.3f}){away}"
    return map_view.clean_text(text, 160)


def parse_coords(text: str) -> tuple[float, float]:
    """'35.33, 40.14' -> (35.33, 40.14); raises ValueError on anything else."""
    parts = text.replace("،", ",").replace(";", ",").split(",")
    if len(parts) != 2:
        raise ValueError("write coordinates as: latitude, longitude")
    lat, lon = float(parts[0]), float(parts[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("coordinates out of range")
    return lat, lon


def select_incident(incident_id: int | None) -> None:
    """Open an incident in the side panel (from the queue, the article view, a link)."""
    st.session_state["selected_id"] = incident_id
