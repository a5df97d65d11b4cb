"""What the page reads, cached: the store, the gazetteer, outlines, labels, queries.

Every query is keyed on the store's revision (bumped by every write), so a review
or an ingest shows at once and an unchanged store is never asked twice.  The
filters are answered by the store (SQL), never by filtering rows here.
"""
from __future__ import annotations

import json
import os
from typing import Any, NamedTuple

import streamlit as st

from map_app import export
from map_app.dashboard import guard, labels, map_view
from map_app.demo import open_seeded
from map_app.store import ENV_DB, IncidentFilter, IncidentStore
from map_app.store.records import IncidentPoint


def db_key() -> str:
    """The database the server was started for (MAP_APP_DB or the default)."""
    return os.environ.get(ENV_DB, "")


@st.cache_resource(show_spinner="Opening the incident store…")
def get_store(db: str) -> tuple[IncidentStore, str | None]:
    """One shared store per database (a path or a postgresql:// URL); the default store
    gets the demo data once, and a demo that cannot load is reported, not fatal."""
    store, demo_error = open_seeded(db)
    return guard.inject_faults(store), demo_error


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


@st.cache_resource(show_spinner=False)
def get_labels() -> list:
    """Place labels for the offline basemap, from the project's gazetteer."""
    gaz, _why = get_gazetteer()
    return labels.label_rows(gaz) if gaz is not None else []


#: A light incident row: the store's value type (see `IncidentStore.incident_points`).
Point = IncidentPoint


# The incident lists are shared, not copied (cache_resource): records and points are
# immutable, and copying 100,000 of them on every rerun would cost more than the query.
@st.cache_resource(show_spinner=False, max_entries=16)
def query_incidents(db: str, flt: IncidentFilter, revision: int, limit: int | None = None
                    ) -> list:
    return get_store(db)[0].incidents(flt, limit=limit)


@st.cache_resource(show_spinner=False, max_entries=16)
def query_points(db: str, flt: IncidentFilter, revision: int) -> list[Point]:
    return get_store(db)[0].incident_points(flt)


class Overview(NamedTuple):
    """What the page shows of every filtered incident, computed once per filter and store
    revision (no per-row work on a rerun): counters and ids."""

    total: int
    located: int
    fatalities: int
    reviewed: int
    undated: int
    visible: frozenset
    located_ids: frozenset
    points: list


@st.cache_resource(show_spinner=False, max_entries=16)
def query_overview(db: str, flt: IncidentFilter, revision: int) -> Overview:
    points = query_points(db, flt, revision)
    located = frozenset(p.id for p in points if p.lat is not None and p.lon is not None)
    return Overview(
        total=len(points), located=len(located),
        fatalities=sum(p.fatalities or 0 for p in points),
        reviewed=sum(1 for p in points if p.reviewed),
        undated=sum(1 for p in points if p.event_date is None),
        visible=frozenset(p.id for p in points), located_ids=located, points=points)


@st.cache_resource(show_spinner=False, max_entries=16)
def query_timeline(db: str, flt: IncidentFilter, revision: int) -> tuple[Any, int]:
    """The timeline's counts (`summaries.timeline_counts`), once per filter and revision."""
    from map_app.dashboard.summaries import timeline_counts

    return timeline_counts(query_points(db, flt, revision))


@st.cache_data(show_spinner=False, max_entries=8)
def query_queue_size(db: str, flt: IncidentFilter, revision: int) -> int:
    return get_store(db)[0].queue_size(flt)


@st.cache_data(show_spinner=False, max_entries=8)
def query_mentions(db: str, flt: IncidentFilter, revision: int) -> list:
    return get_store(db)[0].mentions(flt)


@st.cache_data(show_spinner=False, max_entries=4)
def query_facets(db: str, revision: int) -> tuple[dict, dict, int]:
    store = get_store(db)[0]
    return store.facets(), store.stats(), store.demo_count()


@st.cache_data(show_spinner=False, max_entries=8)
def query_queue(db: str, flt: IncidentFilter, revision: int, limit: int) -> list:
    return get_store(db)[0].review_queue(flt, limit=limit)


@st.cache_data(show_spinner=False, max_entries=8)
def export_files(db: str, flt: IncidentFilter, revision: int) -> tuple[str, int, bytes]:
    records = query_incidents(db, flt, revision)
    geo = export.incidents_geojson(records, include_rejected=flt.include_rejected)
    text = json.dumps(geo, ensure_ascii=False)
    # The CSV as bytes with a BOM, so that spreadsheets read its Arabic as UTF-8.
    return text, len(geo["features"]), export.incidents_csv_bytes(
        records, include_rejected=flt.include_rejected)


@st.cache_resource(show_spinner=False, max_entries=6)
def cached_map(db: str, flt: IncidentFilter, revision: int, options: map_view.MapOptions):
    """The built map (cheap to copy: the incidents are one JSON string inside).

    Above the map's detail limit it shows one marker per cell, which light rows can
    draw; below it, every marker has its popup and needs the full records."""
    points = query_points(db, flt, revision)
    located = sum(1 for p in points if p.lat is not None and p.lon is not None)
    records = points if located > options.detail_limit else query_incidents(db, flt, revision)
    mentions = query_mentions(db, flt, revision) if options.show_mentions else ()
    countries, admin1 = get_outlines()
    return map_view.build_map(records, mentions=mentions, countries=countries, admin1=admin1,
                              options=options, labels=get_labels())
