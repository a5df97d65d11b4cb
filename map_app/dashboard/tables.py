"""The incident table and the exports.

The table shows the newest `TABLE_LIMIT` incidents of the filter (the page says
when it cuts); a row picked in it opens that incident by its id, so a later
search or filter change can never swap the selection for another incident.
Missing values read "undated" / "unknown", never "None".  Exports follow the
filters, leave the bundled demo data out unless asked, and say which rows an
analyst rejected.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from map_app.dashboard import map_view
from map_app.dashboard.resources import export_files
from map_app.store import IncidentFilter

TABLE_HEIGHT = 340
#: Most rows sent to the browser's table (the exports hold every row).
TABLE_LIMIT = 2000


def table_frame(records: list) -> pd.DataFrame:
    def first_url(r: Any) -> str | None:
        return next((u for u in (map_view.safe_url(s.url) for s in r.sources) if u), None)

    clean = map_view.clean_text
    return pd.DataFrame({
        "ID": [r.id for r in records],
        "Date": [r.event_date.isoformat() if r.event_date else "undated" for r in records],
        "Type": [clean(r.event_type, 60) for r in records],
        "Sub-type": [clean(r.sub_event_type, 80) for r in records],
        "Place": [clean(r.place_name or r.location, 80) or "unknown" for r in records],
        "Admin area": [clean(r.admin1, 60) or "unknown" for r in records],
        "Country": [clean(r.country_code, 4) or "?" for r in records],
        "Fatalities": [str(r.fatalities) if r.fatalities is not None else "unknown"
                       for r in records],
        "Actors": ["; ".join(clean(a, 60) for a in r.actors) for r in records],
        "Confidence": [round(r.confidence or 0.0, 2) for r in records],
        "Sources": [len(r.sources) for r in records],
        "Reviewed": [bool(r.reviewed) for r in records],
        "Rejected": [bool(r.rejected) for r in records],
        "Demo": [bool(getattr(r, "demo", False)) for r in records],
        "Evidence": [clean(r.evidence, 400) for r in records],
        "Source": [first_url(r) for r in records],
    })


def _picked() -> None:
    """Table callback: the row the analyst clicked, as an incident id."""
    ss = st.session_state
    state = ss.get(ss.get("_table_key", "")) or {}
    rows = (state.get("selection") or {}).get("rows") or []
    ids = ss.get("_table_ids") or []
    if rows and 0 <= rows[0] < len(ids):
        ss["selected_id"] = ids[rows[0]]


def incident_table(records: list, total: int | None = None) -> None:
    shown = records[:TABLE_LIMIT]
    total = len(records) if total is None else total
    ids = [int(r.id) for r in shown]
    # A new key whenever the rows change: a selection never points at another row.
    key = "table_" + hashlib.blake2b(repr(ids).encode(), digest_size=6).hexdigest()
    st.session_state["_table_key"] = key
    st.session_state["_table_ids"] = ids
    if total > len(shown):
        st.caption(f"The table shows the newest {len(shown):,} of {total:,} incidents; "
                   "narrow the filters to see others, or export them all.")
    st.dataframe(
        table_frame(shown), key=key, on_select=_picked, selection_mode="single-row",
        hide_index=True, height=TABLE_HEIGHT, width="stretch",
        column_config={
            "ID": st.column_config.NumberColumn(width="small", format="%d"),
            "Confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0,
                                                          format="%.2f", width="small"),
            "Sources": st.column_config.NumberColumn(width="small", format="%d",
                                                     help="Articles reporting the incident"),
            "Evidence": st.column_config.TextColumn(width="large"),
            "Source": st.column_config.LinkColumn(display_text="open", width="small"),
        },
    )


#: Up to this many incidents the export files are made with the page; above it they are
#: made when the button is clicked (a big export must not slow every filter change).
EAGER_EXPORT = 20_000


def export_filter(flt: IncidentFilter, *, with_demo: bool) -> IncidentFilter:
    """The filter of the export files: the page's, with or without the demo data."""
    return replace(flt, include_demo=with_demo)


def export_buttons(db: str, flt: IncidentFilter, revision: int, demo_count: int,
                   total: int) -> None:
    with_demo = st.checkbox("Include demo data in exports", key="x_demo",
                            disabled=not demo_count,
                            help="The bundled demo articles are examples, not reporting: "
                                 "they stay out of exports unless ticked.")
    flt = export_filter(flt, with_demo=bool(with_demo))
    c1, c2, c3 = st.columns([1, 1, 2])
    if total <= EAGER_EXPORT:
        geojson, features, csv_bytes = export_files(db, flt, revision)
        geo_data: Any = geojson.encode("utf-8")
        csv_data: Any = csv_bytes
        geo_label = f"GeoJSON ({features:,} features)"
    else:
        geo_data = lambda: export_files(db, flt, revision)[0].encode("utf-8")  # noqa: E731
        csv_data = lambda: export_files(db, flt, revision)[2]  # noqa: E731
        geo_label = f"GeoJSON (up to {total:,} features)"
    c1.download_button(geo_label, geo_data, file_name="incidents.geojson",
                       mime="application/geo+json", key="dl_geojson", on_click="ignore",
                       icon="⬇️")
    c2.download_button("CSV (ACLED columns)", csv_data, file_name="incidents.csv",
                       mime="text/csv", key="dl_csv", on_click="ignore", icon="⬇️")
    c3.caption("Exports follow the filters (and the week shown); the GeoJSON holds the "
               "incidents that have coordinates; rejected rows are marked in both.")
