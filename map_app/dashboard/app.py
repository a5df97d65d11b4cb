"""The analysts' dashboard: map, timeline, table, review, ingest and export.

Started by ``streamlit run map_app/app.py`` (see map_app/app.py).

This file is the view only. Data comes from ``map_app.store`` (SQLite), the
map from ``map_app.dashboard.map_view``, files from ``map_app.ingest`` and downloads
from ``map_app.export``. Article text is hostile, so every string shown here
is either HTML-escaped (the few ``unsafe_allow_html`` snippets) or handed to
widgets that render text, never HTML.
"""
from __future__ import annotations

import copy
import html
import json
import os
from datetime import date, timedelta
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from map_app import export, ingest
from map_app.dashboard import map_view, safety
from map_app.demo import open_seeded
from map_app.store import ENV_DB, IncidentFilter, IncidentStore as Store, StoreError

try:
    from map_app.dashboard import offline_assets
except ImportError:  # assets helper not installed: maps fall back to folium's CDN links
    offline_assets = None

ATTRIBUTION = "Gazetteer: GeoNames (CC-BY 4.0), Natural Earth (public domain)"
MAP_HEIGHT = 600
TABLE_HEIGHT = 340
UPLOAD_TYPES = ["txt", "html", "htm", "json", "jsonl", "csv"]
ACLED_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians",
               "Protests", "Riots", "Strategic developments"]

_CSS = """
<style>
.block-container { padding-top: 1.6rem; padding-bottom: 1rem; }
.inc-card { border: 1px solid rgba(49,51,63,.15); border-radius: .5rem; padding: .6rem .8rem;
            font-size: .92rem; line-height: 1.45; }
.inc-card .inc-h { font-weight: 600; font-size: 1rem; }
.inc-card .inc-sw { display: inline-block; width: .7rem; height: .7rem; border-radius: 50%;
                    margin-right: .35rem; vertical-align: baseline; }
.inc-card .inc-meta { color: rgba(49,51,63,.7); font-size: .85rem; }
.inc-card blockquote { margin: .4rem 0; padding: .3rem .6rem; border-inline-start: 3px solid #bbb;
                       background: rgba(0,0,0,.03); unicode-bidi: plaintext; text-align: start;
                       font-size: .95rem; }
div.inc-card blockquote.inc-q, div.inc-card blockquote.inc-q * { color: rgb(49,51,63); }
.inc-card mark { background: #ffe066; padding: 0 .1rem; }
.inc-foot { color: rgba(49,51,63,.6); font-size: .8rem; margin-top: 1.2rem; }
</style>
"""


# --------------------------------------------------------------------------- resources


def _db_key() -> str:
    """The database the server was started for (MAP_APP_DB or the default)."""
    return os.environ.get(ENV_DB, "")


@st.cache_resource(show_spinner="Opening the incident store…")
def get_store(db: str) -> tuple[Store, str | None]:
    """One shared store per database (a path or a postgresql:// URL); the default store
    gets the demo data once, and a demo that cannot load is reported, not fatal."""
    return open_seeded(db)


@st.cache_resource(show_spinner=False)
def get_gazetteer() -> tuple[Any, str | None]:
    try:
        from gazetteer import Gazetteer

        return Gazetteer.open(), None
    except Exception as exc:  # noqa: BLE001 - index not built yet: review still works
        return None, f"{type(exc).__name__}: {exc}"


@st.cache_resource(show_spinner="Loading boundaries…")
def get_outlines() -> tuple[dict | None, dict | None]:
    """Natural Earth outlines clipped to the region; (None, None) when not built."""
    try:
        from gazetteer.boundaries import basemap_path
    except ImportError:
        return None, None

    def load(kind: str) -> dict | None:
        try:
            return map_view.load_outlines(basemap_path(kind))
        except Exception:  # noqa: BLE001 - missing file: the map has no outlines
            return None

    return load("countries"), load("admin1")


@st.cache_data(show_spinner=False, max_entries=16)
def query_incidents(db: str, flt: IncidentFilter, revision: int) -> list:
    return get_store(db)[0].incidents(flt)


@st.cache_data(show_spinner=False, max_entries=8)
def query_mentions(db: str, flt: IncidentFilter, revision: int) -> list:
    return get_store(db)[0].mentions(flt)


@st.cache_data(show_spinner=False, max_entries=4)
def query_facets(db: str, revision: int) -> tuple[dict, dict]:
    store = get_store(db)[0]
    return store.facets(), store.stats()


@st.cache_data(show_spinner=False, max_entries=8)
def export_files(db: str, flt: IncidentFilter, revision: int) -> tuple[str, int, bytes]:
    records = query_incidents(db, flt, revision)
    geo = export.incidents_geojson(records, include_rejected=flt.include_rejected)
    text = json.dumps(geo, ensure_ascii=False)
    return text, len(geo["features"]), export.incidents_csv_bytes(
        records, include_rejected=flt.include_rejected)


@st.cache_resource(show_spinner=False, max_entries=6)
def cached_map(db: str, flt: IncidentFilter, revision: int, options: map_view.MapOptions):
    """The built map (cheap to copy: the incidents are one JSON string inside)."""
    records = query_incidents(db, flt, revision)
    mentions = query_mentions(db, flt, revision) if options.show_mentions else ()
    countries, admin1 = get_outlines()
    return map_view.build_map(records, mentions=mentions, countries=countries, admin1=admin1,
                              options=options)


# --------------------------------------------------------------------------- helpers


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


def place_label(p: Any) -> str:
    name = p.name if not getattr(p, "name_ar", None) else f"{p.name} · {p.name_ar}"
    where = ", ".join(x for x in (p.admin1, p.country_code) if x)
    text = f"{name} — {p.kind}{', ' + where if where else ''} ({p.lat:.3f}, {p.lon:.3f})"
    return map_view.clean_text(text, 140)


def parse_coords(text: str) -> tuple[float, float] | None:
    """'35.33, 40.14' -> (35.33, 40.14); raises ValueError on anything else."""
    parts = text.replace("،", ",").replace(";", ",").split(",")
    if len(parts) != 2:
        raise ValueError("write coordinates as: latitude, longitude")
    lat, lon = float(parts[0]), float(parts[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("coordinates out of range")
    return lat, lon


# --------------------------------------------------------------------------- sidebar


def _date_range(stats: dict) -> tuple[date, date] | None:
    first, last = stats.get("first_date"), stats.get("last_date")
    if not first or not last:
        return None
    return date.fromisoformat(str(first)[:10]), date.fromisoformat(str(last)[:10])


def sidebar_filters(facets: dict, stats: dict) -> tuple[IncidentFilter, map_view.MapOptions]:
    ss = st.session_state
    sb = st.sidebar
    sb.header("Filters")
    since = until = None
    span = _date_range(stats)
    if span:
        # Follow the data's range as it grows, unless the analyst narrowed it.
        if ss.get("_span") != span:
            if ss.get("f_dates") in (None, ss.get("_span")):
                ss["f_dates"] = span
            ss["_span"] = span
        picked = sb.date_input("Dates", key="f_dates", min_value=span[0] - timedelta(days=3650),
                               max_value=span[1] + timedelta(days=3650))
        if isinstance(picked, (tuple, list)):
            if len(picked) >= 1 and picked[0] > span[0]:
                since = picked[0]
            if len(picked) == 2 and picked[1] < span[1]:
                until = picked[1]
    event_types = sb.multiselect("Event type", facets.get("event_types", []), key="f_types")
    sub_types = sb.multiselect("Sub-type", facets.get("sub_event_types", []), key="f_subtypes")
    countries = sb.multiselect("Country", facets.get("countries", []), key="f_countries",
                               format_func=country_label)
    admin1 = sb.multiselect("Admin area", facets.get("admin1", []), key="f_admin1")
    actors = sb.multiselect("Actor", facets.get("actors", []), key="f_actors")
    min_conf = sb.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="f_conf",
                         help="Reviewed incidents are always shown.")
    text = sb.text_input("Search text", key="f_text", placeholder="e.g. البوكمال or drone")
    rejected = sb.checkbox("Include rejected incidents", key="f_rejected")
    flt = IncidentFilter(
        since=since, until=until, event_types=tuple(event_types),
        sub_event_types=tuple(sub_types), countries=tuple(countries), admin1=tuple(admin1),
        actors=tuple(actors), min_confidence=float(min_conf),
        text=text.strip() or None, include_rejected=bool(rejected))

    sb.header("Map")
    heat = sb.checkbox("Heat map", key="m_heat")
    mentions = sb.checkbox("Layer of all place mentions", key="m_mentions")
    osm = sb.checkbox("OpenStreetMap background (online)", key="m_osm",
                      help="Loads map tiles from openstreetmap.org. Leave off when offline "
                           "or when the browser must not contact outside servers.")
    options = map_view.MapOptions(osm_tiles=osm, heatmap=heat, show_mentions=mentions)
    return flt, options


# --------------------------------------------------------------------------- selection


def resolve_selection(ids: list[int]) -> int | None:
    """The incident the analyst chose last: a clicked marker or a table row."""
    ss = st.session_state
    clicked = map_view.popup_id((ss.get("map") or {}).get("last_object_clicked_popup"))
    if clicked is not None and clicked != ss.get("_seen_click"):
        ss["_seen_click"] = clicked
        ss["selected_id"] = clicked
    table = ss.get("table") or {}
    rows = (table.get("selection") or {}).get("rows") or []
    picked = ids[rows[0]] if rows and 0 <= rows[0] < len(ids) else None
    if picked != ss.get("_seen_row"):
        ss["_seen_row"] = picked
        if picked is not None:
            ss["selected_id"] = picked
    return ss.get("selected_id")


# --------------------------------------------------------------------------- main parts


def header(records: list, stats: dict) -> None:
    st.title("Conflict incident map")
    located = sum(1 for r in records if r.lat is not None and r.lon is not None)
    fatalities = sum(r.fatalities or 0 for r in records)
    reviewed = sum(1 for r in records if r.reviewed)
    c = st.columns(5)
    c[0].metric("Incidents (filtered)", f"{len(records):,}")
    c[1].metric("On the map", f"{located:,}")
    c[2].metric("Reported fatalities", f"{fatalities:,}")
    c[3].metric("Reviewed", f"{reviewed:,}")
    c[4].metric("Articles stored", f"{stats.get('articles', 0):,}")


def draw_map(db: str, flt: IncidentFilter, revision: int, options: map_view.MapOptions,
             selected: int | None, visible_ids: set[int]) -> None:
    """The map; clicks come back as the popup text, pans and zooms do not rerun."""
    m = copy.deepcopy(cached_map(db, flt, revision, options))
    # Revealing the selected incident is a feature group, which streamlit-folium
    # evaluates without reloading the map.
    group = map_view.focus_group(selected) if selected in visible_ids else None
    st_folium(m, key="map", height=MAP_HEIGHT, use_container_width=True,
              returned_objects=["last_object_clicked_popup"], feature_group_to_add=group)


def incident_card(rec: Any) -> None:
    colors = map_view.type_colors([rec.event_type or map_view.UNKNOWN_TYPE])
    color = next(iter(colors.values()))
    evidence, start, end = map_view.evidence_and_mark(rec)
    if 0 <= start < end:
        quote = (html.escape(evidence[:start]) + "<mark>" + html.escape(evidence[start:end])
                 + "</mark>" + html.escape(evidence[end:]))
    else:
        quote = html.escape(evidence)
    when = rec.event_date.isoformat() if rec.event_date else "date unknown"
    precision = map_view.TIME_PRECISION.get(rec.time_precision, "")
    geo = map_view.GEO_PRECISION.get(rec.geo_precision, "")
    place = rec.place_name or rec.location or "?"
    where = ", ".join(x for x in (rec.admin1, rec.country_code) if x)
    actors = "; ".join(esc(a, 80) for a in rec.actors) or "—"
    links = []
    for s in rec.sources:
        url = map_view.safe_url(s.url)
        label = esc(s.title or s.source or (url or ""), 80)
        if url:
            links.append(f'<a href="{html.escape(url, quote=True)}" target="_blank" '
                         f'rel="noopener noreferrer nofollow">{label}</a>')
        elif s.title or s.source:
            links.append(label)
    status = ("rejected" if rec.rejected else
              f"reviewed by {esc(rec.reviewed_by or '?', 60)}" if rec.reviewed else "not reviewed")
    st.markdown(
        f"""<div class="inc-card">
<div class="inc-h"><span class="inc-sw" style="background:{color}"></span>{esc(rec.event_type)}</div>
<div class="inc-meta">{esc(rec.sub_event_type)} · incident #{int(rec.id)}</div>
<div><b>Date</b> {html.escape(when)}{' (' + precision + ')' if precision else ''}</div>
<div><b>Place</b> {esc(place, 120)}{', ' + esc(where) if where else ''}{' · ' + geo if geo else ''}</div>
<div><b>Fatalities</b> {rec.fatalities if rec.fatalities is not None else 'unknown'}
 · <b>Confidence</b> {rec.confidence:.2f} · {status}</div>
<div><b>Actors</b> {actors}</div>
<blockquote class="inc-q" dir="auto">{quote}</blockquote>
<div><b>Sources</b> {' · '.join(links) or '—'}</div>
</div>""",
        unsafe_allow_html=True,
    )


def review_panel(db: str, store: Store, rec: Any, facets: dict) -> None:
    iid = int(rec.id)
    k = f"_{iid}"
    st.markdown("**Review**")
    reviewer = st.text_input("Reviewer", key="reviewer", placeholder="your name")

    options: list[tuple[str, Any]] = [("Keep the current place", None)]
    try:
        options += [(f"Candidate: {place_label(p)}", p) for p in store.candidates(iid)]
    except Exception as exc:  # noqa: BLE001 - show the form anyway
        st.caption(f"Candidates unavailable: {exc}")
    query = st.text_input("Search the gazetteer", key="rv_q" + k,
                          placeholder="place name, Arabic or English")
    if query.strip():
        gaz, why = get_gazetteer()
        if gaz is None:
            st.caption(f"Gazetteer not available ({why}).")
        else:
            try:
                hits = gaz.lookup(query.strip())[:15]
            except Exception as exc:  # noqa: BLE001
                hits = []
                st.caption(f"Search failed: {exc}")
            options += [(f"Search: {place_label(p)}", p) for p in hits]
            if not hits:
                st.caption("No gazetteer match.")
    choice = st.selectbox("Location", range(len(options)), key="rv_place" + k,
                          format_func=lambda i: options[i][0])
    coords = st.text_input("…or coordinates (lat, lon)", key="rv_xy" + k,
                           placeholder="35.336, 40.141")
    taxonomy = event_taxonomy()
    types = list(dict.fromkeys(list(taxonomy) + facets.get("event_types", []) + [rec.event_type]))
    c1, c2 = st.columns(2)
    event_type = c1.selectbox("Event type", types, index=types.index(rec.event_type),
                              key="rv_type" + k)
    # Sub-types of the chosen type (the stored one first while the type is unchanged).
    subs = list(taxonomy.get(event_type, ()))
    if event_type == rec.event_type:
        subs = list(dict.fromkeys([rec.sub_event_type or ""] + subs))
    sub_type = c2.selectbox("Sub-type", subs or [""], key=f"rv_sub{k}_{types.index(event_type)}")
    c3, c4 = st.columns(2)
    event_date = c3.date_input("Event date", value=rec.event_date, key="rv_date" + k)
    fatalities = c4.number_input("Fatalities", min_value=0, step=1, value=rec.fatalities,
                                 key="rv_fat" + k)
    rejected = st.checkbox("Reject (not a real incident / not in scope)", value=rec.rejected,
                           key="rv_rej" + k)
    note = st.text_input("Note", key="rv_note" + k)
    if st.button("Save review", type="primary", key="rv_save" + k):
        kwargs: dict[str, Any] = {"rejected": bool(rejected), "note": note.strip() or None}
        try:
            if coords.strip():
                kwargs["lat"], kwargs["lon"] = parse_coords(coords)
            elif options[choice][1] is not None:
                kwargs["place"] = options[choice][1]
            if event_type != rec.event_type:
                kwargs["event_type"] = event_type
            if sub_type != (rec.sub_event_type or ""):
                kwargs["sub_event_type"] = sub_type
            if event_date and event_date != rec.event_date:
                kwargs["event_date"] = event_date
            if fatalities is not None and fatalities != rec.fatalities:
                kwargs["fatalities"] = int(fatalities)
            store.review(iid, reviewer=reviewer, **kwargs)
        except (ValueError, KeyError) as exc:
            st.error(f"Not saved: {exc}")
        else:
            flash("success", f"Saved the review of incident #{iid}.")
            st.rerun()
    try:
        history = store.history(iid)
    except Exception:  # noqa: BLE001
        history = []
    if history:
        with st.expander(f"Review history ({len(history)})"):
            for h in history:
                changed = ", ".join(h.changes) or "no field changed"
                st.text(f"{h.reviewed_at:%Y-%m-%d %H:%M} {map_view.clean_text(h.reviewer, 60)}: "
                        f"{changed}" + (f" — {map_view.clean_text(h.note, 200)}" if h.note else ""))


def timeline(records: list) -> None:
    dated = [(r.event_date, map_view.clean_text(r.event_type, 60) or "Unknown")
             for r in records if r.event_date]
    if not dated:
        st.caption("No dated incidents to chart.")
        return
    frame = pd.DataFrame(dated, columns=["date", "type"])
    frame["date"] = pd.to_datetime(frame["date"])
    span = (frame["date"].max() - frame["date"].min()).days
    weekly = span > 62
    if weekly:
        frame["bucket"] = frame["date"] - pd.to_timedelta(frame["date"].dt.day_of_week, unit="D")
    else:
        frame["bucket"] = frame["date"]
    counts = frame.groupby(["bucket", "type"]).size().reset_index(name="incidents")
    # Rectangles span their whole day or week, so sparse data still reads as
    # bars; stacked by hand (Vega-Lite does not stack ranged bars).
    counts["end"] = counts["bucket"] + pd.Timedelta(days=7 if weekly else 1)
    counts["top"] = counts.groupby("bucket")["incidents"].cumsum()
    counts["bottom"] = counts["top"] - counts["incidents"]
    colors = map_view.type_colors(counts["type"].unique())
    # A few days of margin, so one busy day is a bar, not the whole axis.
    pad = pd.Timedelta(days=0 if span > 14 else 3)
    domain = [(counts["bucket"].min() - pad).isoformat(), (counts["end"].max() + pad).isoformat()]
    chart = (
        alt.Chart(counts)
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("bucket:T", title="Week" if weekly else "Day",
                    scale=alt.Scale(domain=domain),
                    axis=alt.Axis(format="%d %b" if span <= 120 else "%b %Y",
                                  tickCount="week" if weekly else "day")),
            x2="end:T",
            y=alt.Y("top:Q", title="Incidents", axis=alt.Axis(tickMinStep=1)),
            y2="bottom:Q",
            color=alt.Color("type:N", title="Event type",
                            scale=alt.Scale(domain=list(colors), range=list(colors.values())),
                            legend=alt.Legend(orient="right", labelLimit=220)),
            tooltip=[alt.Tooltip("bucket:T", title="Week of" if weekly else "Day"),
                     "type:N", "incidents:Q"],
        )
        .properties(height=190)
    )
    st.altair_chart(chart, width="stretch")


def table_frame(records: list) -> pd.DataFrame:
    def first_url(r: Any) -> str | None:
        return next((u for u in (map_view.safe_url(s.url) for s in r.sources) if u), None)

    clean = map_view.clean_text
    return pd.DataFrame({
        "ID": [r.id for r in records],
        "Date": [r.event_date for r in records],
        "Type": [clean(r.event_type, 60) for r in records],
        "Sub-type": [clean(r.sub_event_type, 80) for r in records],
        "Place": [clean(r.place_name or r.location, 80) for r in records],
        "Admin area": [clean(r.admin1, 60) for r in records],
        "Country": [clean(r.country_code, 4) for r in records],
        "Fatalities": pd.array([r.fatalities for r in records], dtype="Int64"),
        "Actors": ["; ".join(clean(a, 60) for a in r.actors) for r in records],
        "Confidence": [round(r.confidence or 0.0, 2) for r in records],
        "Reviewed": [bool(r.reviewed) for r in records],
        "Rejected": [bool(r.rejected) for r in records],
        "Evidence": [clean(r.evidence, 400) for r in records],
        "Source": [first_url(r) for r in records],
    })


def incident_table(records: list) -> None:
    frame = table_frame(records)
    st.dataframe(
        frame, key="table", on_select="rerun", selection_mode="single-row", hide_index=True,
        height=TABLE_HEIGHT, width="stretch",
        column_config={
            "ID": st.column_config.NumberColumn(width="small", format="%d"),
            "Date": st.column_config.DateColumn(format="YYYY-MM-DD"),
            "Confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0,
                                                          format="%.2f", width="small"),
            "Evidence": st.column_config.TextColumn(width="large"),
            "Source": st.column_config.LinkColumn(display_text="open", width="small"),
        },
    )


def export_buttons(db: str, flt: IncidentFilter, revision: int) -> None:
    geojson, features, csv_bytes = export_files(db, flt, revision)
    c1, c2, c3 = st.columns([1, 1, 2])
    c1.download_button(f"GeoJSON ({features:,} features)", geojson.encode("utf-8"),
                       file_name="incidents.geojson", mime="application/geo+json",
                       key="dl_geojson", on_click="ignore", icon="⬇️")
    c2.download_button("CSV (ACLED columns)", csv_bytes,
                       file_name="incidents.csv", mime="text/csv", key="dl_csv",
                       on_click="ignore", icon="⬇️")
    c3.caption("Exports follow the filters; the GeoJSON holds the incidents that have "
               "coordinates.")


class _CountingStore:
    """Passes add_article through to the store and advances the progress bar."""

    def __init__(self, store: Store, bar: Any, state: dict):
        self._store, self._bar, self._state = store, bar, state

    def add_article(self, text: str, **kwargs: Any):
        self._state["articles"] += 1
        self._bar.progress(min(self._state["file"] / max(self._state["files"], 1), 1.0),
                           text=f"{self._state['name']}: article {self._state['articles']}")
        return self._store.add_article(text, **kwargs)


def ingest_panel(store: Store) -> None:
    show_flashes("ingest")
    paste, upload = st.columns(2)
    with paste:
        st.markdown("**Paste an article**")
        with st.form("paste_form", clear_on_submit=True, border=False):
            text = st.text_area("Article text (Arabic or English)", height=180, key="in_text")
            c1, c2 = st.columns([1, 2])
            published = c1.date_input("Published", value=None, key="in_published")
            url = c2.text_input("Source URL", key="in_url", placeholder="https://…")
            title = st.text_input("Title (optional)", key="in_title")
            submitted = st.form_submit_button("Add article", type="primary")
        if submitted:
            if not text.strip():
                st.warning("Paste some text first.")
            else:
                try:
                    with st.spinner("Geoparsing…"):
                        result = store.add_article(text, published=published,
                                                   url=url.strip() or None,
                                                   title=title.strip() or None, source="pasted")
                except Exception as exc:  # noqa: BLE001 - the parser or input failed
                    st.error(f"Not stored: {ingest.describe_failure(exc)}")
                else:
                    if result.added:
                        flash("success", f"Article stored: {result.incidents} incident(s), "
                                         f"{result.places} place mention(s).", "ingest")
                    else:
                        flash("info", f"Already stored (article #{result.article_id}); "
                                      "nothing added.", "ingest")
                    st.rerun()
    with upload:
        st.markdown("**Upload files**")
        files = st.file_uploader("Articles (.txt, .html, .json, .jsonl, .csv)",
                                 type=UPLOAD_TYPES, accept_multiple_files=True, key="in_files")
        if st.button("Ingest files", disabled=not files, key="in_go"):
            bar = st.progress(0.0, text="Starting…")
            state = {"file": 0, "files": len(files), "name": "", "articles": 0}

            def progress(done: int, total: int, name: str) -> None:
                state.update(file=done, files=total, name=name, articles=0)
                bar.progress(min(done / max(total, 1), 1.0), text=name or "Done")

            try:
                report = ingest.ingest_uploads(_CountingStore(store, bar, state),
                                               [(f.name, f.getvalue()) for f in files],
                                               progress=progress)
            except Exception as exc:  # noqa: BLE001 - never a traceback on the page
                report = ingest.IngestReport(files=len(files), failed=[
                    (state["name"] or "upload", f"not stored: {ingest.describe_failure(exc)}")])
            bar.progress(1.0, text="Done")
            flash("success" if report.ok else "warning", report.summary(), "ingest")
            for name, reason in report.failed:
                flash("error", f"{map_view.clean_text(name, 120)}: "
                               f"{map_view.clean_text(reason, 300)}", "ingest")
            st.rerun()


def main() -> None:
    st.set_page_config(page_title="Incident map · Syria / Iraq", page_icon="🗺️", layout="wide",
                       initial_sidebar_state="expanded")
    if offline_assets is not None:
        offline_assets.use_local_assets()
    st.markdown(_CSS, unsafe_allow_html=True)
    for problem in safety.unsafe_settings():
        st.warning(f"Unsafe server settings. {problem}", icon="⚠️")
    db = _db_key()
    try:
        store, demo_error = get_store(db)
    except StoreError as exc:
        st.error(f"Cannot open the incident database: {exc}")
        st.stop()
    if demo_error:
        st.warning(f"The demo data could not be loaded: {demo_error}")
    if offline_assets is not None and offline_assets.missing_assets():
        st.warning(offline_assets.missing_assets_message(offline_assets.missing_assets()))

    revision = store.revision()
    facets, stats = query_facets(db, revision)
    flt, options = sidebar_filters(facets, stats)
    records = query_incidents(db, flt, revision)
    by_id = {r.id: r for r in records}
    ids = [r.id for r in records]
    selected = resolve_selection(ids)

    header(records, stats)
    show_flashes()
    map_col, side_col = st.columns([2.3, 1], gap="medium")
    with map_col:
        visible = {r.id for r in records if r.lat is not None and r.lon is not None}
        draw_map(db, flt, revision, options, selected, visible)
    # A scrolling panel as tall as the map keeps the page below it in place.
    with side_col, st.container(height=MAP_HEIGHT, border=False):
        rec = by_id.get(selected) if selected is not None else None
        if rec is None and selected is not None:
            try:
                rec = store.incident(selected)
            except KeyError:
                rec = None
        if rec is None:
            st.subheader("Incident")
            st.info("Click a marker on the map, or choose a row in the table, to see the "
                    "evidence and review the incident.")
        else:
            st.subheader(f"Incident #{int(rec.id)}")
            incident_card(rec)
            review_panel(db, store, rec, facets)

    st.subheader("Timeline")
    timeline(records)
    st.subheader("Incidents")
    export_buttons(db, flt, revision)
    incident_table(records)
    with st.expander("Add articles", expanded=bool(st.session_state.get("_flash_ingest"))):
        ingest_panel(store)
    st.markdown(f'<div class="inc-foot">{html.escape(ATTRIBUTION)}</div>',
                unsafe_allow_html=True)

