"""Never a traceback (issues 7 and 10): whatever fails inside the page, the analyst reads one
line in words, the rest of the page still renders, and no Python traceback or server path
is shown.  Failures are made with `MAP_APP_FAULTS` (store methods that raise, with a server
path in their message) and, in Chromium, against the live server.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from map_app.dashboard import guard
from map_app.store import IncidentRecord, Source, Store, open_store
from tests.live import REPO

APP = str(REPO / "map_app" / "app.py")
RECORDS = [IncidentRecord(
    event_type=kind, sub_event_type=sub, event_date=date(2024, 6, day), time_precision=1,
    location=town, place_name=town, lat=lat, lon=lon, country_code="SY", admin1=admin1,
    geo_precision=1, fatalities=day % 3, actors=("Protesters",),
    evidence=f"Something happened in {town} zzrow{day}.", start=0, end=10,
    sources=(Source(url=f"https://example.org/{day}"),), confidence=0.9)
    for day, (kind, sub, town, lat, lon, admin1) in enumerate([
        ("Protests", "Peaceful protest", "Raqqa", 35.95, 39.01, "Al-Raqqah"),
        ("Battles", "Armed clash", "Hajin", 34.69, 40.83, "Deir ez-Zor"),
        ("Explosions/Remote violence", "Air/drone strike", "Mayadin", 35.02, 40.45,
         "Deir ez-Zor")], start=1)]
PATH_RE = re.compile(r"/(work|tmp|home|usr|root)/|\.py\b")


def _seed(path: Path) -> Path:
    Store.open(path, with_demo=False).close()
    with open_store(str(path)) as store:
        store.add_incident_records(RECORDS)
    return path


@pytest.fixture()
def db(tmp_path, monkeypatch) -> Path:
    path = _seed(tmp_path / "incidents.sqlite")
    monkeypatch.setenv("MAP_APP_DB", str(path))
    return path


def _page_text(at: AppTest) -> str:
    parts = []
    for kind in ("error", "warning", "info", "markdown", "caption", "exception"):
        parts += [str(getattr(e, "value", "")) for e in getattr(at, kind)]
    return "\n".join(parts)


def _run(tab: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if tab:
        at.session_state["tab"] = tab
    at.run()
    return at


def test_a_failing_store_method_costs_its_section_only(db, monkeypatch):
    monkeypatch.setenv(guard.ENV_FAULTS, "incidents")  # the table (and the small store's map)
    at = _run("Incidents")
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert errors and all("could not be shown" in e for e in errors), errors
    assert any(e.startswith("The incident table could not be shown") for e in errors), errors
    text = _page_text(at)
    assert "Traceback" not in text and not PATH_RE.search(text), text
    # The rest of the page: the counters and the timeline are there.
    assert [m.value for m in at.metric][:2] == ["3", "3"]


def test_a_failing_tab_leaves_the_map_and_counters(db, monkeypatch):
    monkeypatch.setenv(guard.ENV_FAULTS, "review_queue,queue_size")
    at = _run("Review queue")
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any(e.startswith("The review queue could not be shown") for e in errors), errors
    assert not PATH_RE.search(_page_text(at))
    assert [m.value for m in at.metric][:1] == ["3"]


def test_when_the_store_cannot_answer_at_all_the_page_says_so_in_words(db, monkeypatch):
    monkeypatch.setenv(guard.ENV_FAULTS, "incident_points")
    at = _run()
    assert not at.exception, [e.value for e in at.exception]
    [error] = [e.value for e in at.error]
    assert error.startswith("The incidents could not be shown"), error
    assert "Traceback" not in _page_text(at) and not PATH_RE.search(_page_text(at))


def test_the_app_turns_error_details_off_unless_asked_on_the_command_line(db):
    saved = (st_config.get_option("client.showErrorDetails"),
             st_config.get_where_defined("client.showErrorDetails"))
    try:
        st_config.set_option("client.showErrorDetails", "full", "<default>")
        _run()
        assert st_config.get_option("client.showErrorDetails") == "none"
        st_config.set_option("client.showErrorDetails", "full", "command-line argument")
        _run()
        assert st_config.get_option("client.showErrorDetails") == "full"
    finally:
        st_config.set_option("client.showErrorDetails", *saved)


def test_the_safe_settings_hide_error_details():
    config = (REPO / "map_app" / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r'^showErrorDetails = "none"$', config, re.M)
    assert "--client.showErrorDetails none" in (REPO / "run.sh").read_text(encoding="utf-8")


def test_control_flow_passes_through_a_section():
    from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

    for exc in (StopException(), RerunException(None)):
        with pytest.raises(type(exc)):
            with guard.section("map"):
                raise exc
    with guard.section("map"):  # outside a page: the error is logged, not raised
        raise KeyError("x")


# --------------------------------------------------------------------------- in Chromium


@pytest.mark.browser
@pytest.mark.slow
def test_in_the_browser_a_failing_section_shows_words_and_the_map(tmp_path):
    from dash_browser import browser_page, dashboard_server, needs_chromium, save_artifact, wait_idle

    if needs_chromium.args[0]:
        pytest.skip(needs_chromium.kwargs["reason"])
    db = _seed(tmp_path / "incidents.sqlite")
    with dashboard_server(tmp_path, db, MAP_APP_FAULTS="review_queue,queue_size") as url, \
            browser_page(url) as s:
        page = s.page
        page.get_by_role("tab", name=re.compile("Review queue")).click()
        wait_idle(page)
        page.get_by_text("The review queue could not be shown").first.wait_for(timeout=30_000)
        text = page.locator("body").inner_text()
        assert "Traceback" not in text and "/work/" not in text and str(REPO) not in text
        assert "injected failure" not in text
        # The map is still drawn beside the message, with its markers.
        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
        assert frame.locator(".inc-cluster, .inc-dot").count() >= 1
        save_artifact(page, "failing_section.png")


def test_a_rerun_does_no_per_incident_work_for_counters_and_timeline(db, monkeypatch):
    """Counters and the timeline's counts are computed once per filter and store revision:
    a second visit (or a rerun) reuses them (issue 10: the first map on 100,000 incidents)."""
    from map_app.dashboard import summaries

    calls = []
    real = summaries.timeline_counts
    monkeypatch.setattr(summaries, "timeline_counts", lambda records: calls.append(len(records))
                        or real(records))
    first = _run("Incidents")
    assert not first.exception and calls == [3]
    again = _run("Incidents")
    assert not again.exception and calls == [3]
    assert [m.value for m in again.metric][:3] == ["3", "3", "3"]  # incidents, located, deaths
