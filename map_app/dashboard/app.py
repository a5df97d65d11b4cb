"""The analysts' dashboard: the page, composed from its parts.

Started by ``streamlit run map_app/app.py`` (see map_app/app.py).  One filter
(`filters`: sidebar, week player, timeline brushing) drives everything below it:
counters, the map (`map_view`), the incident beside it (`card`, `review`), and
the tabs — incidents (`summaries.timeline`, `tables`), review queue
(`queue_view`), article (`article_view`), summaries, adding articles
(`ingest_panel`) and help.  Data comes from the store through `resources`
(cached per store revision).  Article text is hostile: see `common.esc`.
"""
from __future__ import annotations

import copy
import html

import streamlit as st

from map_app.dashboard import filters, guard, map_view, safety, tables
from map_app.dashboard.guard import section
from map_app.dashboard.article_view import article_tab
from map_app.dashboard.card import incident_card
from map_app.dashboard.common import ATTRIBUTION, CSS, MAP_HEIGHT, flash, show_flashes
from map_app.dashboard.help import help_tab
from map_app.dashboard.ingest_panel import ingest_panel
from map_app.dashboard.keys import enter_commits_dates
from map_app.dashboard.queue_view import queue_tab
from map_app.dashboard.resources import (
    cached_map, db_key, get_outlines, get_store, query_facets, query_incidents, query_overview,
    query_points, query_timeline,
    query_queue, query_queue_size)
from map_app.dashboard.review import review_form
from map_app.dashboard.summaries import summaries_tab, timeline
from map_app.store import IncidentFilter, StoreError

try:
    from map_app.dashboard import offline_assets
except ImportError:  # assets helper not installed: maps fall back to folium's CDN links
    offline_assets = None

#: Queue items fetched (the tab shows the first ones; reviewing moves it along).
QUEUE_LIMIT = 200
TABS = ["Incidents", "Review queue", "Article", "Summaries", "Add articles", "Help"]


def resolve_selection(visible) -> int | None:
    """The incident open beside the map, by id: a clicked marker, a table row, a queue
    item or an article link.  It closes when the filters no longer show it."""
    ss = st.session_state
    clicked = map_view.popup_id((ss.get("map") or {}).get("last_object_clicked_popup"))
    if clicked is not None and clicked != ss.get("_seen_click"):
        ss["_seen_click"] = clicked
        ss["selected_id"] = clicked
    selected = ss.get("selected_id")
    if selected is not None and selected not in visible:
        ss["selected_id"] = None
        flash("info", f"Incident #{selected} is not shown under these filters; its panel "
                      "closed.")
        return None
    return selected


def header(view, stats: dict, demo_count: int) -> None:
    """The counters, from the cached `resources.Overview` of the filtered incidents."""
    st.title("Conflict incident map")
    c = st.columns(5)
    c[0].metric("Incidents (filtered)", f"{view.total:,}")
    c[1].metric("On the map", f"{view.located:,}")
    c[2].metric("Reported fatalities", f"{view.fatalities:,}")
    c[3].metric("Reviewed", f"{view.reviewed:,}")
    c[4].metric("Articles stored", f"{stats.get('articles', 0):,}")
    undated = view.undated
    if undated:
        st.caption(f"{undated:,} of these incidents have no event date: they are kept whatever "
                   "the dates (untick “Include undated incidents” to hide them).")
    if demo_count:
        demo_banner(demo_count)


def demo_banner(demo_count: int) -> None:
    st.info(f"{demo_count:,} incidents in this store are **demo data**: short articles written "
            "by the project to show the tool, not real reporting. They are marked “demo data”, "
            "and exports leave them out unless asked.", icon="ℹ️")
    with st.popover("Remove the demo data"):
        st.write("Deletes the demo articles and their incidents from this store for good.")
        if st.button("Remove them", key="demo_remove", type="primary"):
            from map_app.demo import remove_demo

            articles, incidents = remove_demo(get_store(db_key())[0])
            flash("success", f"Removed {articles} demo article(s) and {incidents} incident(s).")
            st.rerun()


def draw_map(db: str, flt: IncidentFilter, revision: int, options: map_view.MapOptions,
             selected: int | None, visible_ids) -> None:
    """The map; clicks come back as the popup text, pans and zooms do not rerun."""
    # Imported in a script run, not with this module: Streamlit registers the map's
    # component only when it is declared during a run, and the server's start-up work
    # (`startup.warm`) imports this module outside any run.
    from streamlit_folium import st_folium

    m = copy.deepcopy(cached_map(db, flt, revision, options))
    group = map_view.focus_group(selected) if selected in visible_ids else None
    st_folium(m, key="map", height=MAP_HEIGHT, use_container_width=True,
              returned_objects=["last_object_clicked_popup"], feature_group_to_add=group)


def main() -> None:
    st.set_page_config(page_title="Incident map · Syria / Iraq", page_icon="🗺️", layout="wide",
                       initial_sidebar_state="expanded")
    guard.hide_error_details()
    if offline_assets is not None:
        offline_assets.use_local_assets()
    st.markdown(CSS, unsafe_allow_html=True)
    for problem in safety.unsafe_settings():
        st.warning(f"Unsafe server settings. {problem}", icon="⚠️")
    db = db_key()
    try:
        store, demo_error = get_store(db)
    except StoreError as exc:
        st.error(f"Cannot open the incident database: {exc}")
        st.stop()
    if demo_error:
        st.warning(f"The demo data could not be loaded: {demo_error}")
    if offline_assets is not None and offline_assets.missing_assets():
        st.warning(offline_assets.missing_assets_message(offline_assets.missing_assets()))

    # Each part of the page fails on its own, in words (guard.section); without the
    # incidents themselves nothing below can be drawn.
    with section("incidents") as loading:
        revision = store.revision()
        facets, stats, demo_count = query_facets(db, revision)
        base, options = filters.sidebar_filters(facets, stats)
        st.sidebar.text_input("Reviewer", key="reviewer", placeholder="your name",
                              help="Saved with every review (the form and the review queue).")
        with st.sidebar:
            enter_commits_dates()
        flt = filters.apply_week(base, stats)
        view = query_overview(db, flt, revision)
        points = view.points
        undated_all = query_points(db, filters.undated_view(base), revision)
    if loading.failed:
        return
    selected = resolve_selection(view.visible)
    queue = None
    if st.session_state.get("tab") == "Review queue":
        try:
            queue = query_queue(db, flt, revision, QUEUE_LIMIT)
        except Exception:  # noqa: BLE001 - the queue's tab tries again and says why, in words
            queue = None
        if selected is None and queue:  # the queue opens on its most doubtful incident
            selected = st.session_state["selected_id"] = queue[0].incident_id

    with section("counters"):
        header(view, stats, demo_count)
    show_flashes()
    with section("week player"):
        filters.week_player(stats, len(points), len(undated_all))
    map_col, side_col = st.columns([2.3, 1], gap="medium")
    with map_col, section("map"):
        draw_map(db, flt, revision, options, selected, view.located_ids)
    rec = None
    # A scrolling panel as tall as the map keeps the page below it in place.
    with side_col, st.container(height=MAP_HEIGHT, border=False), section("incident panel"):
        if selected is not None:
            try:
                rec = store.incident(selected)
            except KeyError:
                rec = None
        if rec is None:
            st.subheader("Incident")
            st.info("Click a marker on the map, choose a row in the table or an item of the "
                    "review queue to see the evidence and review the incident.")
        else:
            st.subheader(f"Incident #{int(rec.id)}")
            incident_card(rec)
            st.button("Read the article ↓", key="open_article", on_click=_open_tab,
                      args=("Article",), disabled=rec.article_id is None)
            review_form(store, rec, facets)

    # Only the open tab runs (the others cost nothing on a big store).
    tabs = st.tabs(TABS, key="tab", on_change="rerun")
    incidents_tab, queue_tab_, article_tab_, summaries_tab_, ingest_tab, help_tab_ = tabs
    with incidents_tab:
        if incidents_tab.open:
            with section("timeline"):
                timeline(*query_timeline(db, flt, revision))
            with section("export buttons"):
                tables.export_buttons(db, flt, revision, demo_count, len(points))
            with section("incident table"):
                tables.incident_table(query_incidents(db, flt, revision, tables.TABLE_LIMIT),
                                      len(points))
    with queue_tab_:
        if queue_tab_.open:
            with section("review queue"):
                waiting = query_queue_size(db, flt, revision)
                st.caption(f"{waiting:,} incidents wait for review under these filters.")
                queue = queue if queue is not None else query_queue(db, flt, revision,
                                                                    QUEUE_LIMIT)
                queue_tab(store, queue, query_records(store, [q.incident_id for q in queue[:60]]))
    with article_tab_:
        if article_tab_.open:
            with section("article"):
                article_tab(store, rec)
    with summaries_tab_:
        if summaries_tab_.open:
            with section("summaries"):
                summaries_tab(points, get_outlines()[1])
    with ingest_tab:
        if ingest_tab.open:
            with section("panel for adding articles"):
                ingest_panel(store)
    with help_tab_:
        if help_tab_.open:
            with section("help"):
                help_tab()
    st.markdown(f'<div class="inc-foot">{html.escape(ATTRIBUTION)}</div>',
                unsafe_allow_html=True)


def _open_tab(name: str) -> None:
    st.session_state["tab"] = name


def query_records(store, ids: list[int]) -> dict:
    """Full records of a few incidents, by id (for the queue's list)."""
    out = {}
    for iid in ids:
        try:
            out[iid] = store.incident(iid)
        except KeyError:
            continue
    return out
