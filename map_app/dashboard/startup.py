"""Start-up work of the dashboard's server (``map_app/serve.py``).

`warm()` runs once when the server starts, before it accepts a connection: it
loads the page's code, the gazetteer and the basemap, and asks the page's cached
queries (`resources`) for exactly what a first visit shows with untouched filters
(`filters.default_view`): the store's facets, the counters, the map, the timeline
and the table.  The first analyst then reads them from the cache instead of
waiting for them.  A store change later (a review, an ingest) bumps the store's
revision and the page computes its queries again, as always.

The map's Streamlit component (streamlit_folium) is not imported here: Streamlit
registers a component only when it is declared during a script run, so the page
imports it on its first run.

What was loaded is then frozen for the garbage collector (`gc.freeze`): it lives as
long as the server, and a full collection need not walk it again on every visit.

Nothing here is required: a step that fails is reported in one line and left to
the page, which says in words what went wrong.
"""
from __future__ import annotations

import gc
import logging
import sys
import time
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def _step(name: str, times: dict[str, float], problems: list[str]) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - start-up must not stop the server
        problems.append(f"{name}: {type(exc).__name__}")
    finally:
        times[name] = time.perf_counter() - t0


#: Streamlit warns "missing ScriptRunContext" whenever its caches are used outside a page
#: run, as start-up work does on purpose: those lines would only clutter the server's log.
_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


@contextmanager
def _quiet_context_warnings() -> Iterator[None]:
    log = logging.getLogger(_CONTEXT_LOGGER)
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def warm(db: str | None = None, *, report: bool = True) -> dict[str, float]:
    """Prepare the default view of `db` (MAP_APP_DB or the default store); returns the
    seconds each step took and prints one summary line to stderr when `report`."""
    with _quiet_context_warnings():
        return _warm(db, report)


def _warm(db: str | None, report: bool) -> dict[str, float]:
    times: dict[str, float] = {}
    problems: list[str] = []
    opened = False
    with _step("code", times, problems):
        import streamlit.emojis  # noqa: F401 - what the page icon is checked against

        from map_app.dashboard import app, filters, resources, tables
        if app.offline_assets is not None:  # as the page does first: maps built below
            app.offline_assets.use_local_assets()  # name the local Leaflet files
        tables.table_frame([])  # pandas' first frame
    with _step("gazetteer and basemap", times, problems):
        resources.get_outlines()
        resources.get_labels()
    with _step("store", times, problems):
        db = resources.db_key() if db is None else db
        store = resources.get_store(db)[0]
        revision = store.revision()
        resources.query_facets(db, revision)
        opened = True
    if opened:
        with _step("default view", times, problems):
            flt, options = filters.default_view()
            overview = resources.query_overview(db, flt, revision)
            resources.query_points(db, filters.undated_view(flt), revision)
            resources.query_timeline(db, flt, revision)
            resources.cached_map(db, flt, revision, options)
            resources.query_incidents(db, flt, revision, tables.TABLE_LIMIT)
            if overview.total <= tables.EAGER_EXPORT:  # the page makes these files with it
                resources.export_files(db, tables.export_filter(flt, with_demo=False), revision)
    # Everything loaded so far lives as long as the server: out of the cyclic garbage
    # collector's sight, a full collection no longer walks it (measured: 145–245 ms per
    # full collection with a 100,000-incident store prepared, ~0 after).
    gc.freeze()
    if report:
        parts = ", ".join(f"{name} {sec:.1f} s" for name, sec in times.items())
        line = f"map_app: dashboard prepared in {sum(times.values()):.1f} s ({parts})"
        if problems:
            line += "; left to the page: " + "; ".join(problems)
        print(line, file=sys.stderr, flush=True)
    return times
