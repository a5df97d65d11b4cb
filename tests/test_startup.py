"""The server's start-up work (map_app/serve.py → `startup.warm`) prepares exactly what the
first visit shows: after it, the page's first run asks the store and the map builder for
nothing heavy.  Problems at start-up are reported in one line and left to the page."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from map_app.dashboard import map_view, resources, startup
from map_app.store import IncidentRecord, IncidentStore, Source, Store, open_store
from tests.live import REPO

APP = str(REPO / "map_app" / "app.py")


def _seed(path: Path) -> Path:
    Store.open(path, with_demo=False).close()
    with open_store(str(path)) as store:
        store.add_incident_records([
            IncidentRecord(event_type="Battles", sub_event_type="Armed clash",
                           event_date=date(2024, 5, day), time_precision=1, location="Hajin",
                           place_name="Hajin", lat=34.69, lon=40.83, country_code="SY",
                           admin1="Deir ez-Zor", geo_precision=1, fatalities=day,
                           actors=("SDF",), evidence=f"Clashes in Hajin, day {day}.",
                           sources=(Source(url=f"https://example.org/{day}"),), confidence=0.9)
            for day in (3, 4, 9)] + [
            IncidentRecord(event_type="Protests", evidence="A protest, no date.", lat=35.95,
                           lon=39.01, place_name="Raqqa", country_code="SY",
                           sources=(Source(url="https://example.org/p"),))])
    return path


@pytest.fixture()
def db(tmp_path, monkeypatch) -> Path:
    st.cache_resource.clear()
    st.cache_data.clear()
    path = _seed(tmp_path / "incidents.sqlite")
    monkeypatch.setenv("MAP_APP_DB", str(path))
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def _forbid(monkeypatch, calls: list[str]) -> None:
    """Make the heavy calls of a first visit fail (the store's incident queries and the map
    builder); each one made is recorded in `calls`."""
    def refuse(name):
        def method(*_a, **_k):
            calls.append(name)
            raise AssertionError(f"{name} was not prepared at start-up")
        return method

    for name in ("incident_points", "incidents"):
        monkeypatch.setattr(IncidentStore, name, refuse(name))
    monkeypatch.setattr(map_view, "build_map", refuse("build_map"))


def test_the_first_visit_after_warm_reads_everything_from_the_cache(db, monkeypatch, capsys):
    import gc

    gc.unfreeze()
    times = startup.warm()
    frozen = gc.get_freeze_count()
    gc.unfreeze()  # the test process goes on with its own objects
    assert frozen > 10_000  # the page's code and data, out of the collector's sight
    assert set(times) == {"code", "gazetteer and basemap", "store", "default view"}
    assert "dashboard prepared in" in capsys.readouterr().err
    calls: list[str] = []
    _forbid(monkeypatch, calls)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception and calls == []
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Incidents (filtered)"] == "4" and metrics["On the map"] == "4"
    assert not [e.value for e in at.error]


def test_without_warm_the_first_visit_does_the_work(db, monkeypatch):
    """The check above can fail: the same page, not warmed, needs the forbidden calls."""
    calls: list[str] = []
    _forbid(monkeypatch, calls)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert "incident_points" in calls


def test_a_store_that_cannot_open_is_left_to_the_page(tmp_path, monkeypatch, capsys):
    st.cache_resource.clear()
    folder = tmp_path / "not-a-database.sqlite"
    folder.mkdir()
    times = startup.warm(str(folder))
    err = capsys.readouterr().err
    assert "left to the page: store:" in err and "default view" not in times
    st.cache_resource.clear()


def test_warm_does_not_import_the_map_component(tmp_path):
    """Streamlit registers a component only when it is declared during a script run: were
    streamlit_folium imported at start-up, the map would never be drawn."""
    db = _seed(tmp_path / "incidents.sqlite")
    code = ("import sys; from map_app.dashboard.startup import warm; warm(sys.argv[1]); "
            "print('streamlit_folium' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(db)], cwd=REPO, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_the_default_view_is_what_the_untouched_sidebar_gives(db):
    """`filters.default_view` must equal the sidebar's untouched answer, or the server
    prepares a view nobody asks for."""
    from map_app.dashboard import app, filters

    seen = {}
    real = resources.query_overview

    def spy(db_, flt, revision):
        seen["flt"] = flt
        return real(db_, flt, revision)

    at = AppTest.from_file(APP, default_timeout=120)
    try:
        app.query_overview = spy
        at.run()
    finally:
        app.query_overview = real
    assert not at.exception
    assert seen["flt"] == filters.default_view()[0]
