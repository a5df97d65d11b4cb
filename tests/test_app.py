"""The dashboard script under Streamlit's AppTest, against a throwaway database.

Each test gets its own SQLite file (MAP_APP_DB) holding a small, known set of
incidents, so counts after filtering are exact.
"""
from __future__ import annotations

import csv
import io
import json
import re
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
    (frame,) = [d for d in at.dataframe if (d.key or "").startswith("table_")]
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
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["tab"] = "Add articles"  # only the open tab runs
    at.run()
    uploader = at.get("file_uploader")[0]
    uploader.set_value([("broken.json", b"{not json", "application/json")])
    at.run()
    at.button(key="in_go").click().run()
    assert not at.exception
    messages = [e.value for e in at.error]
    assert any("broken.json" in m for m in messages), messages
    at.session_state["tab"] = "Incidents"
    at.run()
    assert len(table_ids(at)) == len(FIXTURE)  # nothing stored was lost


# --------------------------------------------------------------------------- the map's layers
#
# The map reaches the browser as the arguments of the streamlit-folium component:
# the Leaflet script, its header and the JS/CSS links. Reading those arguments shows
# exactly what the sidebar's map options put on the page.

SOURCE_URLS = {r.sources[0].url for r in FIXTURE}
URL_RE = re.compile(r"""https?://[^\s"'<>()\\]+""")


def map_args(at: AppTest) -> dict:
    (component,) = [c for c in at.get("component_instance")
                    if "folium" in c.proto.component_name]
    return json.loads(component.proto.json_args)


def map_text(at: AppTest) -> str:
    """Everything the map component sends the browser, as one string."""
    args = map_args(at)
    return "\n".join([args["script"], args["header"], args["html"] or "",
                      *args["js_links"], *args["css_links"]])


def layer_data(script: str, layer: str) -> list:
    """The JSON data (``var P = ...``) of each of our custom layers, e.g. 'mention_layer'."""
    found = re.findall(rf"var {layer}_\w+ = \(function \(\w*\) \{{.*?^\s*var P = (.*?);$",
                       script, re.S | re.M)
    return [json.loads(text) for text in found]


def heat_points(script: str) -> list[list[tuple[float, float]]]:
    return [[tuple(p) for p in json.loads(data)]
            for data in re.findall(r"L\.heatLayer\(\s*(\[\[.*?\]\])\s*,", script, re.S)]


def located(records=FIXTURE) -> list[tuple[float, float]]:
    return sorted((round(r.lat, 4), round(r.lon, 4)) for r in records if r.lat is not None)


def test_heat_map_only_when_ticked_and_it_follows_the_filters(db):
    at = run_app()
    assert not at.checkbox(key="m_heat").value
    script = map_args(at)["script"]
    assert "L.heatLayer" not in script and '"Heat map"' not in script
    assert not any("heat" in link for link in map_args(at)["js_links"])

    at.checkbox(key="m_heat").check().run()
    assert not at.exception
    args = map_args(at)
    (points,) = heat_points(args["script"])
    assert sorted(points) == located()  # every mapped incident, nothing unlocated
    assert '"Heat map"' in args["script"]  # listed in the layer control
    heat_js = [link for link in args["js_links"] if "heat" in link]
    assert heat_js and not any(URL_RE.match(link) for link in heat_js)  # served locally

    at.multiselect(key="f_types").set_value(["Protests"]).run()
    (points,) = heat_points(map_args(at)["script"])
    assert sorted(points) == located(r for r in FIXTURE if r.event_type == "Protests")

    at.checkbox(key="m_heat").uncheck().run()
    assert "L.heatLayer" not in map_args(at)["script"]


def test_no_tile_server_unless_openstreetmap_is_ticked(db):
    at = run_app()
    assert not at.checkbox(key="m_osm").value
    text = map_text(at)
    # The only web addresses on the default map are the incidents' own source links.
    assert set(URL_RE.findall(text)) <= SOURCE_URLS, set(URL_RE.findall(text)) - SOURCE_URLS
    assert "L.tileLayer" not in text and "openstreetmap" not in text.lower()

    at.checkbox(key="m_osm").check().run()
    assert not at.exception
    script = map_args(at)["script"]
    tiles = re.findall(r"L\.tileLayer\(\s*\"([^\"]+)\"", script)
    assert tiles == ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"]
    assert '"OpenStreetMap (online)"' in script  # a base layer the analyst can see and switch
    remote = set(URL_RE.findall(map_text(at))) - SOURCE_URLS
    assert remote and all("openstreetmap.org" in u for u in remote), remote

    at.checkbox(key="m_osm").uncheck().run()
    assert "L.tileLayer" not in map_text(at)


@pytest.fixture()
def db_with_mentions(tmp_path, monkeypatch) -> Path:
    """Articles read by the stand-in parser: Mosul is mentioned twice, Raqqa and Al-Qaim once."""
    from store_fakes import FakeParser

    path = tmp_path / "mentions.sqlite"
    store = Store.open(path, parser=FakeParser(), with_demo=False)
    store.add_article("A drone strike hit Mosul. Crowds gathered in Raqqa.",
                      published=date(2024, 2, 1))
    store.add_article("Life returned to Mosul. Trade resumed in Al-Qaim.",
                      published=date(2024, 2, 3))
    store.close()
    monkeypatch.setenv("MAP_APP_DB", str(path))
    return path


def test_layer_of_all_place_mentions(db_with_mentions):
    at = run_app()
    assert not at.checkbox(key="m_mentions").value
    script = map_args(at)["script"]
    assert layer_data(script, "mention_layer") == [] and '"Place mentions"' not in script
    assert len(layer_data(script, "incident_layer")) == 1

    at.checkbox(key="m_mentions").check().run()
    assert not at.exception
    script = map_args(at)["script"]
    (rows,) = layer_data(script, "mention_layer")
    counts = {name: n for _lat, _lon, n, name in rows}
    assert counts == {"Mosul": 2, "Raqqa": 1, "Al-Qaim": 1}
    mosul = next(r for r in rows if r[3] == "Mosul")
    assert mosul[:2] == [36.335, 43.1189]
    # Shown, not merely offered in the layer control.
    assert re.search(r"mention_layer_\w+\.addTo\(map_div\)", script)
    assert '"Place mentions"' in script

    # The mentions follow the sidebar filters too.
    at.multiselect(key="f_countries").set_value(["IQ"]).run()
    (rows,) = layer_data(map_args(at)["script"], "mention_layer")
    assert sorted(name for *_x, name in rows) == ["Al-Qaim", "Mosul"]


def test_week_player_drives_table_counters_and_map(db):
    at = run_app()
    script = map_args(at)["script"]
    (payload,) = layer_data(script, "incident_layer")
    days = {row[3]: row[4] for row in payload["rows"]}
    store = Store.open(db, with_demo=False)
    expected = {r.id: r.event_date for r in store.incidents() if r.lat is not None}
    store.close()
    assert {i: date.fromordinal(d) for i, d in days.items()} == expected

    # Week 1 (from Monday 1 January), then week 2, then week 4 (22-28 January: empty).
    at.button(key="wk_next").click().run()
    assert {date.fromisoformat(d) for d in frame_of(at)["Date"]} == {date(2024, 1, 5)}
    assert metric(at, "Incidents (filtered)") == "1"
    at.button(key="wk_next").click().run()
    assert {date.fromisoformat(d) for d in frame_of(at)["Date"]} == {date(2024, 1, 8)}
    (payload,) = layer_data(map_args(at)["script"], "incident_layer")
    assert [date.fromordinal(r[4]) for r in payload["rows"]] == [date(2024, 1, 8)]
    at.button(key="wk_next").click().run()
    at.button(key="wk_next").click().run()
    assert table_ids(at) == [] and metric(at, "Incidents (filtered)") == "0"
    assert any("Week of 2024-01-22" in m.value for m in at.markdown)
    at.button(key="wk_prev").click().run()
    assert {date.fromisoformat(d) for d in frame_of(at)["Date"]} == {date(2024, 1, 20)}
    at.button(key="wk_all").click().run()
    assert len(table_ids(at)) == len(FIXTURE)


def frame_of(at: AppTest):
    (frame,) = [d for d in at.dataframe if (d.key or "").startswith("table_")]
    return frame.value


# --------------------------------------------------------------------------- gazetteer search


def test_review_moves_an_incident_to_a_gazetteer_search_result(db, index_dir):
    from gazetteer import Gazetteer

    # Palmyra, the place the analyst is after, as the gazetteer knows it.
    tadmur = next(p for p in Gazetteer.open(index_dir).lookup("تدمر") if p.name == "Tadmur")
    store = Store.open(db, with_demo=False)
    target = next(r for r in store.incidents() if r.location == "Raqqa")
    at = _select(run_app(), target.id)
    k = f"_{target.id}"
    assert at.selectbox(key="rv_place" + k).options == ["Keep the current place"]

    at.text_input(key="rv_q" + k).set_value("تدمر").run()
    assert not at.exception
    options = at.selectbox(key="rv_place" + k).options
    found = [i for i, label in enumerate(options) if label.startswith("Search: Tadmur")
             and f"({tadmur.lat:.3f}, {tadmur.lon:.3f})" in label and "km away" in label]
    assert len(found) == 1, options
    assert "Homs, SY" in options[found[0]]
    at.selectbox(key="rv_place" + k).set_value(found[0])
    at.text_input(key="reviewer").set_value("analyst-3")
    at.button(key="rv_save" + k).click().run()
    assert not at.exception
    assert any("Saved the review" in s.value for s in at.success)

    moved = store.incident(target.id)
    assert (moved.place_name, moved.admin1, moved.country_code) == ("Tadmur", "Homs", "SY")
    assert (moved.lat, moved.lon) == (tadmur.lat, tadmur.lon)
    assert moved.reviewed and moved.reviewed_by == "analyst-3"
    assert (moved.event_type, moved.event_date) == (target.event_type, target.event_date)
    assert "place_name" in store.history(target.id)[-1].changes
    store.close()
    # The dashboard shows the move: the table row and the marker.
    (frame,) = [d for d in at.dataframe if (d.key or "").startswith("table_")]
    row = frame.value[frame.value["ID"] == target.id].iloc[0]
    assert (row["Place"], row["Admin area"]) == ("Tadmur", "Homs")
    (payload,) = layer_data(map_args(at)["script"], "incident_layer")
    marker = next(r for r in payload["rows"] if r[3] == target.id)
    assert marker[:2] == [round(tadmur.lat, 5), round(tadmur.lon, 5)]


def test_gazetteer_search_without_a_match_offers_nothing(db, index_dir):
    store = Store.open(db, with_demo=False)
    target = next(r for r in store.incidents() if r.location == "Mosul")
    store.close()
    at = _select(run_app(), target.id)
    k = f"_{target.id}"
    at.text_input(key="rv_q" + k).set_value("Qqzxwvhjk").run()
    assert not at.exception
    assert at.selectbox(key="rv_place" + k).options == ["Keep the current place"]
    assert any("No place called “Qqzxwvhjk”" in c.value for c in at.caption)


def test_review_adds_a_typed_place_to_the_analysts_gazetteer(db, monkeypatch):
    """Where the gazetteer has a user layer (gazetteer.user_layer), a typed pin can be saved
    into it with its name; here a stand-in module records the call."""
    import sys
    import types

    added = []
    layer = types.ModuleType("gazetteer.user_layer")
    layer.add_user_place = lambda *a, **kw: added.append((a, kw))
    monkeypatch.setitem(sys.modules, "gazetteer.user_layer", layer)
    store = Store.open(db, with_demo=False)
    target = next(r for r in store.incidents() if r.location == "Raqqa")
    at = _select(run_app(), target.id)
    k = f"_{target.id}"
    at.text_input(key="reviewer").set_value("analyst-5")
    at.text_input(key="rv_xy" + k).set_value("35.281, 40.052")
    at.text_input(key="rv_un" + k).set_value("Ayyash")
    at.text_input(key="rv_uar" + k).set_value("عياش")
    at.button(key="rv_save" + k).click().run()
    assert not at.exception
    ((args, kwargs),) = added
    assert args == ("Ayyash", 35.281, 40.052) and kwargs["name_ar"] == "عياش"
    assert kwargs["country_code"] == store.incident(target.id).country_code
    assert any("to your gazetteer" in s.value for s in at.success)
    store.close()
