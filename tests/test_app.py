"""The dashboard script under Streamlit's AppTest, against a throwaway database.

Each test gets its own SQLite file (MAP_APP_DB) holding a small, known set of
incidents, so counts after filtering are exact.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from map_app.store import IncidentRecord, Source, Store

APP = str(Path(__file__).resolve().parents[1] / "map_app" / "app.py")
HOSTILE = ('قصف على <script>alert(1)</script> دير الزور <img src=x onerror=alert(2)> '
           '\u202eevil\u202c')


def _rec(event_type, sub, day, place, lat, lon, cc, admin1, evidence, *, fatalities=1,
         actors=("SDF",), confidence=0.9, url="https://example.org/a"):
    return IncidentRecord(
        event_type=event_type, sub_event_type=sub, event_date=day, time_precision=1,
        location=place, place_name=place, lat=lat, lon=lon, country_code=cc, admin1=admin1,
        geo_precision=1, fatalities=fatalities, actors=tuple(actors), evidence=evidence,
        start=0, end=len(evidence), sources=(Source(url=url, title="Example"),),
        confidence=confidence)


FIXTURE = [
    _rec("Battles", "Armed clash", date(2024, 1, 5), "Deir ez-Zor", 35.33, 40.14, "SY",
         "Deir ez-Zor", "Clashes in Deir ez-Zor left two dead.", fatalities=2),
    _rec("Battles", "Armed clash", date(2024, 1, 20), "Al-Bukamal", 34.45, 40.92, "SY",
         "Deir ez-Zor", "Fighting near Al-Bukamal."),
    _rec("Battles", "Armed clash", date(2024, 2, 10), "Raqqa", 35.95, 39.01, "SY", "Raqqa",
         "A clash north of Raqqa.", actors=("ISIS", "SDF")),
    _rec("Battles", "Government regains territory", date(2024, 3, 1), "Idlib", 35.93, 36.63,
         "SY", "Idlib", "Troops retook a village in Idlib.", confidence=0.4),
    _rec("Explosions/Remote violence", "Air/drone strike", date(2024, 1, 8), "Mosul", 36.34,
         43.13, "IQ", "Nineveh", "A drone strike hit a car near Mosul.", actors=("PMF",)),
    _rec("Explosions/Remote violence", "Remote explosive/landmine/IED", date(2024, 2, 2),
         "Mosul", 36.35, 43.12, "IQ", "Nineveh", "An IED exploded in Mosul.", actors=("PMF",)),
    _rec("Explosions/Remote violence", "Shelling/artillery/missile attack", date(2024, 3, 3),
         "Tal Afar", 36.37, 42.45, "IQ", "Nineveh", "Shelling on Tal Afar.", actors=()),
    _rec("Protests", "Peaceful protest", date(2024, 2, 14), "Idlib", 35.93, 36.64, "SY",
         "Idlib", "Hundreds protested in Idlib.", fatalities=0, actors=("Protesters",)),
    _rec("Protests", "Peaceful protest", date(2024, 3, 9), "Idlib", 35.92, 36.62, "SY",
         "Idlib", "A second protest in Idlib.", fatalities=0, actors=("Protesters",)),
    _rec("Violence against civilians", "Attack", date(2024, 2, 20), "دير الزور", 35.34,
         40.15, "SY", "Deir ez-Zor", HOSTILE, url="javascript:alert(3)"),
    # Reported without a place the gazetteer could pin: listed, not mapped.
    _rec("Battles", "Armed clash", date(2024, 2, 25), None, None, None, None, None,
         "Fighting somewhere in the desert."),
]


@pytest.fixture()
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "incidents.sqlite"
    store = Store.open(path, with_demo=False)
    store.add_incident_records(FIXTURE)
    store.close()
    monkeypatch.setenv("MAP_APP_DB", str(path))
    return path


@pytest.fixture()
def media(monkeypatch) -> list[MemoryMediaFileStorage]:
    """Every in-memory media store AppTest creates (download button payloads live there)."""
    stores: list[MemoryMediaFileStorage] = []
    original = MemoryMediaFileStorage.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        stores.append(self)

    monkeypatch.setattr(MemoryMediaFileStorage, "__init__", init)
    return stores


def run_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_ids(at: AppTest) -> list[int]:
    (frame,) = [d for d in at.dataframe if d.key == "table"]
    return [int(v) for v in frame.value["ID"]]


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def download(at: AppTest, media: list, key: str) -> bytes:
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(key))
    filename = button.proto.url.rsplit("/", 1)[-1]
    for storage in reversed(media):
        try:
            return storage.get_file(filename).content
        except Exception:  # noqa: BLE001 - not in this run's storage
            continue
    raise AssertionError(f"{filename} not found in the media storage")


def test_app_runs_and_lists_everything(db):
    at = run_app()
    assert len(table_ids(at)) == len(FIXTURE)
    assert metric(at, "Incidents (filtered)") == str(len(FIXTURE))
    assert metric(at, "On the map") == str(len(FIXTURE) - 1)
    assert any("GeoNames (CC-BY 4.0)" in m.value for m in at.markdown)
    assert not at.error


def test_filters_change_the_table(db):
    at = run_app()
    at.multiselect(key="f_types").set_value(["Battles"]).run()
    assert len(table_ids(at)) == 5
    at.multiselect(key="f_countries").set_value(["SY"]).run()
    assert len(table_ids(at)) == 4  # the unplaced battle has no country
    at.slider(key="f_conf").set_value(0.5).run()
    assert len(table_ids(at)) == 3
    at.multiselect(key="f_types").set_value([]).run()
    at.multiselect(key="f_countries").set_value([]).run()
    at.slider(key="f_conf").set_value(0.0).run()
    at.text_input(key="f_text").set_value("Mosul").run()
    assert len(table_ids(at)) == 2
    at.text_input(key="f_text").set_value("").run()
    at.date_input(key="f_dates").set_value((date(2024, 1, 1), date(2024, 1, 31))).run()
    assert len(table_ids(at)) == 3
    assert not at.exception


def test_export_follows_the_filter(db, media):
    at = run_app()
    at.multiselect(key="f_types").set_value(["Explosions/Remote violence"]).run()
    shown = table_ids(at)
    assert len(shown) == 3
    geo = json.loads(download(at, media, "dl_geojson").decode("utf-8"))
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) == len(shown)
    assert sorted(f["properties"]["id"] for f in geo["features"]) == sorted(shown)
    rows = list(csv.DictReader(io.StringIO(download(at, media, "dl_csv").decode("utf-8"))))
    assert len(rows) == len(shown)


def test_geojson_counts_located_incidents(db, media):
    at = run_app()
    geo = json.loads(download(at, media, "dl_geojson"))
    assert len(geo["features"]) == int(metric(at, "On the map")) == len(FIXTURE) - 1


def test_table_row_selects_incident(db):
    at = run_app()
    ids = table_ids(at)
    at.session_state["table"] = {"selection": {"rows": [2], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert f"Incident #{ids[2]}" in [h.value for h in at.subheader]


def _select(at: AppTest, incident_id: int) -> AppTest:
    at.session_state["selected_id"] = incident_id
    at.run()
    assert not at.exception
    assert f"Incident #{incident_id}" in [h.value for h in at.subheader]
    return at


def test_review_persists(db):
    store = Store.open(db, with_demo=False)
    target = next(r for r in store.incidents() if r.location == "Raqqa")
    at = _select(run_app(), target.id)
    k = f"_{target.id}"
    at.text_input(key="reviewer").set_value("analyst-1")
    at.selectbox(key="rv_type" + k).set_value("Riots")
    at.number_input(key="rv_fat" + k).set_value(7)
    at.text_input(key="rv_note" + k).set_value("checked with a second source")
    at.button(key="rv_save" + k).click().run()
    assert not at.exception
    assert any("Saved the review" in s.value for s in at.success)
    saved = store.incident(target.id)
    assert (saved.event_type, saved.fatalities) == ("Riots", 7)
    assert saved.reviewed and saved.reviewed_by == "analyst-1"
    assert saved.event_date == target.event_date  # untouched fields stay as they were
    assert store.history(target.id)[-1].note == "checked with a second source"
    # The table and facets pick up the change without a restart.
    at.multiselect(key="f_types").set_value(["Riots"]).run()
    assert table_ids(at) == [target.id]
    store.close()


def test_review_with_coordinates_and_reject(db):
    store = Store.open(db, with_demo=False)
    target = next(r for r in store.incidents() if r.location == "Tal Afar")
    at = _select(run_app(), target.id)
    k = f"_{target.id}"
    at.text_input(key="reviewer").set_value("analyst-2")
    at.text_input(key="rv_xy" + k).set_value("36.38, 42.44")
    at.button(key="rv_save" + k).click().run()
    moved = store.incident(target.id)
    assert (moved.lat, moved.lon) == (36.38, 42.44)
    at.checkbox(key="rv_rej" + k).check()
    at.button(key="rv_save" + k).click().run()
    assert store.incident(target.id).rejected
    assert target.id not in table_ids(at)
    store.close()


def test_review_needs_a_reviewer(db):
    store = Store.open(db, with_demo=False)
    target = store.incidents()[0]
    at = _select(run_app(), target.id)
    at.button(key=f"rv_save_{target.id}").click().run()
    assert any("reviewer" in e.value for e in at.error)
    assert not store.incident(target.id).reviewed
    store.close()


def test_hostile_evidence_is_escaped_in_the_card(db):
    store = Store.open(db, with_demo=False)
    target = next(r for r in store.incidents() if r.event_type == "Violence against civilians")
    at = _select(run_app(), target.id)
    card = next(m.value for m in at.markdown if m.value.startswith('<div class="inc-card">'))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card
    assert "<script" not in card and "<img" not in card
    assert "\u202e" not in card
    assert "javascript:" not in card
    store.close()


def test_upload_reports_unreadable_files(db):
    at = run_app()
    uploader = at.get("file_uploader")[0]
    uploader.set_value([("broken.json", b"{not json", "application/json")])
    at.run()
    at.button(key="in_go").click().run()
    assert not at.exception
    messages = [e.value for e in at.error]
    assert any("broken.json" in m for m in messages), messages
    assert len(table_ids(at)) == len(FIXTURE)  # nothing stored was lost
