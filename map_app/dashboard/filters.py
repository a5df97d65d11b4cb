"""The sidebar filters, the week player and time brushing: one `IncidentFilter`.

Everything on the page (counters, map, heat map, timeline, table, summaries,
queue, exports) is drawn from the filter built here, so the week player and a
span brushed on the timeline drive all of them alike.

- Dates: a range that follows the data as it grows unless the analyst narrowed
  it.  Incidents without an event date are kept (ticked "Include undated
  incidents") instead of silently dropped, and the page says how many.
- Week player: steps Monday-to-Sunday through every week from the first to the
  last incident, empty weeks included (playing never stops on one), then an
  "Undated" step with the incidents that have no date.
- Brushing: a span selected on the timeline becomes the date range.
"""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import streamlit as st

from map_app.dashboard import map_view
from map_app.dashboard.common import country_label
from map_app.store import IncidentFilter

#: Above this many incidents on the map, one marker per cell (see map_view): a page with
#: 20,000 popups takes seconds to build and to draw on every filter change.
DETAIL_LIMIT = 5000
#: Seconds between two weeks while playing.
PLAY_STEP_S = 1.6
UNDATED = "undated"


def data_span(stats: dict) -> tuple[date, date] | None:
    first, last = stats.get("first_date"), stats.get("last_date")
    if not first or not last:
        return None
    return date.fromisoformat(str(first)[:10]), date.fromisoformat(str(last)[:10])


def weeks_of(span: tuple[date, date] | None) -> tuple[date | None, int]:
    """(Monday of the first week, number of weeks) covering the data."""
    if span is None:
        return None, 0
    monday = span[0] - timedelta(days=span[0].weekday())
    return monday, (span[1] - monday).days // 7 + 1


def default_view() -> tuple[IncidentFilter, map_view.MapOptions]:
    """What `sidebar_filters` gives before the analyst touches a widget: every date,
    undated incidents included, no other filter, no optional map layer (the server
    prepares this view when it starts: `map_app.dashboard.startup`)."""
    return (IncidentFilter(include_undated=True),
            map_view.MapOptions(player=False, detail_limit=DETAIL_LIMIT))


def undated_view(flt: IncidentFilter) -> IncidentFilter:
    """The incidents of `flt` that have no date (for the week player's "undated")."""
    return replace(flt, since=None, until=None, only_undated=True, include_undated=False)


def sidebar_filters(facets: dict, stats: dict) -> tuple[IncidentFilter, map_view.MapOptions]:
    ss = st.session_state
    sb = st.sidebar
    sb.header("Filters")
    since = until = None
    span = data_span(stats)
    if span:
        # Follow the data's range as it grows, unless the analyst narrowed it.
        if ss.get("_span") != span:
            if ss.get("f_dates") in (None, ss.get("_span")):
                ss["f_dates"] = span
            ss["_span"] = span
        picked = sb.date_input("Dates", key="f_dates", min_value=span[0] - timedelta(days=3650),
                               max_value=span[1] + timedelta(days=3650), format="YYYY/MM/DD",
                               help="Type a range and press Enter, pick it on the calendar, "
                                    "or drag across the timeline.")
        if isinstance(picked, (tuple, list)):
            if len(picked) >= 1 and picked[0] > span[0]:
                since = picked[0]
            if len(picked) == 2 and picked[1] < span[1]:
                until = picked[1]
    undated = sb.checkbox("Include undated incidents", value=True, key="f_undated",
                          help="Incidents whose date the articles do not give stay in view "
                               "when the dates are narrowed.")
    event_types = sb.multiselect("Event type", facets.get("event_types", []), key="f_types")
    sub_types = sb.multiselect("Sub-type", facets.get("sub_event_types", []), key="f_subtypes")
    countries = sb.multiselect("Country", facets.get("countries", []), key="f_countries",
                               format_func=country_label)
    admin1 = sb.multiselect("Admin area", facets.get("admin1", []), key="f_admin1")
    actors = sb.multiselect("Actor", facets.get("actors", []), key="f_actors")
    min_conf = sb.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="f_conf",
                         help="Reviewed incidents are always shown.")
    text = sb.text_input("Search text", key="f_text", placeholder="e.g. البوكمال or drone",
                         help="Every word must occur in the evidence, place names (Arabic or "
                              "English, with their aliases), admin areas, event types, actors "
                              "or the article; a place name also finds incidents inside it.")
    rejected = sb.checkbox("Include rejected incidents", key="f_rejected")
    flt = IncidentFilter(
        since=since, until=until, event_types=tuple(event_types),
        sub_event_types=tuple(sub_types), countries=tuple(countries), admin1=tuple(admin1),
        actors=tuple(actors), min_confidence=float(min_conf),
        text=text.strip() or None, include_rejected=bool(rejected),
        include_undated=bool(undated))

    sb.header("Map")
    heat = sb.checkbox("Heat map", key="m_heat")
    mentions = sb.checkbox("Layer of all place mentions", key="m_mentions")
    osm = sb.checkbox("OpenStreetMap background (online)", key="m_osm",
                      help="Loads map tiles from openstreetmap.org. Leave off when offline "
                           "or when the browser must not contact outside servers.")
    options = map_view.MapOptions(osm_tiles=osm, heatmap=heat, show_mentions=mentions,
                                  player=False, detail_limit=DETAIL_LIMIT)
    return flt, options


# --------------------------------------------------------------------------- week player


def _clamp(k: int, n: int) -> int:
    return max(0, min(k, n - 1))


def _step(delta: int, n: int) -> None:
    ss = st.session_state
    week = ss.get("wk")
    if not isinstance(week, int):
        week = -1 if delta > 0 else n
    ss["wk"] = _clamp(week + delta, n)
    ss["wk_play"] = False


def _toggle_play(n: int) -> None:
    ss = st.session_state
    ss["wk_play"] = not ss.get("wk_play")
    if ss["wk_play"]:
        if not isinstance(ss.get("wk"), int) or ss["wk"] >= n - 1:
            ss["wk"] = 0
        ss["_wk_next"] = time.monotonic() + PLAY_STEP_S


def _all_dates(span: tuple[date, date] | None) -> None:
    ss = st.session_state
    ss["wk"], ss["wk_play"] = None, False
    if span:
        ss["f_dates"] = span


def _undated() -> None:
    st.session_state.update(wk=UNDATED, wk_play=False)


def apply_week(flt: IncidentFilter, stats: dict) -> IncidentFilter:
    """The filter narrowed to the player's week (or to the undated incidents)."""
    week = st.session_state.get("wk")
    monday, n = weeks_of(data_span(stats))
    if week == UNDATED:
        return undated_view(flt)
    if isinstance(week, int) and monday is not None and n:
        start = monday + timedelta(days=7 * _clamp(week, n))
        return replace(flt, since=start, until=start + timedelta(days=6), include_undated=False)
    return flt


def week_player(stats: dict, shown: int, undated: int) -> None:
    """The player bar above the map: previous / next / play / all dates / undated."""
    ss = st.session_state
    span = data_span(stats)
    monday, n = weeks_of(span)
    if not n:
        return
    week = ss.get("wk")
    cols = st.columns([1.05, 1, 0.8, 0.8, 1, 3.2], gap="small", vertical_alignment="center")
    cols[0].button("◀ Previous week", key="wk_prev", on_click=_step, args=(-1, n),
                   width="stretch")
    cols[1].button("Next week ▶", key="wk_next", on_click=_step, args=(1, n), width="stretch")
    cols[2].button("⏸ Pause" if ss.get("wk_play") else "▶ Play", key="wk_playbtn",
                   on_click=_toggle_play, args=(n,), width="stretch",
                   help="Step through the weeks, one every "
                        f"{PLAY_STEP_S:g} s; empty weeks are stepped through too.")
    cols[3].button("All dates", key="wk_all", on_click=_all_dates, args=(span,),
                   width="stretch")
    cols[4].button(f"Undated ({undated:,})", key="wk_undated", on_click=_undated,
                   width="stretch", disabled=not undated and week != UNDATED)
    plural = "incident" if shown == 1 else "incidents"
    if week == UNDATED:
        text = f"Undated · {shown:,} {plural}"
    elif isinstance(week, int):
        start = monday + timedelta(days=7 * _clamp(week, n))
        text = (f"Week of {start.isoformat()} · {shown:,} {plural} "
                f"(week {_clamp(week, n) + 1} of {n})")
    else:
        text = f"All dates · {shown:,} {plural}"
    cols[5].markdown(f'<div class="wk-label">{text}</div>', unsafe_allow_html=True)
    if ss.get("wk_play"):
        _autoplay(n)


def _autoplay(n: int) -> None:
    """While playing, a fragment that wakes up and moves to the next week."""

    @st.fragment(run_every=0.4)
    def tick() -> None:
        ss = st.session_state
        if not ss.get("wk_play") or time.monotonic() < ss.get("_wk_next", 0):
            return
        week = ss.get("wk") if isinstance(ss.get("wk"), int) else -1
        if week >= n - 1:
            ss["wk_play"] = False
        else:
            ss["wk"] = week + 1
            ss["_wk_next"] = time.monotonic() + PLAY_STEP_S
        st.rerun(scope="app")

    tick()


# --------------------------------------------------------------------------- brushing


def _as_date(value: Any) -> date | None:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value / 1000, tz=timezone.utc).date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    if isinstance(value, dict) and "year" in value:
        return date(int(value["year"]), int(value.get("month", 1)), int(value.get("date", 1)))
    return None


def on_brush() -> None:
    """Timeline callback: the brushed span becomes the date range."""
    ss = st.session_state
    state = ss.get("timeline") or {}
    brush = ((state.get("selection") or {}).get("brush") or {})
    values = next(iter(brush.values()), None) if isinstance(brush, dict) else None
    if not values or len(values) != 2:
        return
    start, end = _as_date(values[0]), _as_date(values[1])
    if start is None or end is None:
        return
    if end < start:
        start, end = end, start
    ss["f_dates"] = (start, end)
    ss["wk"], ss["wk_play"] = None, False
