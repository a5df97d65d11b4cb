"""The analysts' user layer: places added in review are used by every later
parse, shared as GeoJSON; and registries built from OSM extracts."""
from __future__ import annotations

import json
import warnings

import pytest

from gazetteer import Gazetteer
from gazetteer.user_layer import UserLayerError, add_user_place, export_layer, import_layer, load
from tests.conftest import run_cli

# A made-up village: no gazetteer has it.
VILLAGE = "Zuwaydat al-Qurbani"
VILLAGE_AR = "زويدات القرباني"
POINT = (35.2811, 40.0625)


@pytest.fixture
def layer(tmp_path):
    return tmp_path / "user_places.geojson"


def _geoparser(index_dir, layer, cache_dir):
    from map_app.geoparse.pipeline import Geoparser
    from map_app.geoparse.recognize import Recognizer

    parser = Geoparser(Gazetteer.open(index_dir, user_layer_path=layer))
    parser.recognizer = Recognizer(parser.gazetteer, cache_dir=cache_dir)
    return parser


def test_a_place_added_in_review_is_found_by_later_parses(index_dir, layer, tmp_path):
    text = f"Shelling hit {VILLAGE} on Monday. قصفت المدفعية {VILLAGE_AR} فجراً."
    before = _geoparser(index_dir, layer, tmp_path)
    assert all(m.place is None or m.place.kind != "populated_place" or m.place.name != VILLAGE
               for m in before.places(text))
    add_user_place(VILLAGE, *POINT, name_ar=VILLAGE_AR, country_code="SY", admin1="Deir ez-Zor", path=layer)
    after = _geoparser(index_dir, layer, tmp_path)
    mentions = after.places(text)
    assert [m.text for m in mentions] == [VILLAGE, VILLAGE_AR]
    for mention in mentions:
        assert mention.place.name == VILLAGE and (mention.place.lat, mention.place.lon) == POINT
    assert after.gazetteer.lookup(VILLAGE_AR)[0].name == VILLAGE


def test_the_layer_is_geojson_and_round_trips(layer, tmp_path):
    add_user_place(VILLAGE, *POINT, name_ar=VILLAGE_AR, aliases=["Zuwaydat"], path=layer)
    add_user_place(VILLAGE, *POINT, name_ar=VILLAGE_AR, note="checked on imagery", path=layer)  # update
    data = json.loads(layer.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 1
    assert data["features"][0]["geometry"]["coordinates"] == [POINT[1], POINT[0]]
    shared = tmp_path / "shared.geojson"
    assert export_layer(shared, layer) == 1
    other = tmp_path / "colleague.geojson"
    add_user_place("Tell Qasab Shamali", 36.1, 40.9, path=other)
    assert import_layer(shared, other) == 1
    assert sorted(p.name for p in load(other)) == ["Tell Qasab Shamali", VILLAGE]


def test_a_broken_layer_is_a_clear_error_and_the_gazetteer_still_opens(index_dir, layer):
    layer.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                     '"geometry": {"type": "Point", "coordinates": [40.0, 95.0]}, "properties": {"name": "X"}}]}',
                     encoding="utf-8")
    with pytest.raises(UserLayerError, match="not a WGS84 point"):
        load(layer)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gazetteer = Gazetteer.open(index_dir, user_layer_path=layer)
    assert gazetteer.user_layer_error and any("user layer" in str(w.message) for w in caught)
    assert gazetteer.lookup("Raqqa")[0].country_code == "SY"
    with pytest.raises(UserLayerError):
        add_user_place("", 35.0, 40.0, path=layer.with_name("other.geojson"))


def test_a_correction_hides_the_gazetteer_entry(index_dir, layer):
    wrong = Gazetteer.open(index_dir, user_layer_path=layer).lookup("Hawija", fuzzy=False)[0]
    add_user_place("Hawija", wrong.lat + 0.01, wrong.lon + 0.01, name_ar="الحويجة", corrects=wrong.geonameid,
                   country_code="IQ", path=layer)
    best = Gazetteer.open(index_dir, user_layer_path=layer).lookup("Hawija", fuzzy=False)
    assert best[0].geonameid is None and best[0].lat == pytest.approx(wrong.lat + 0.01)
    assert all(p.geonameid != wrong.geonameid for p in best)


def test_user_command_line(layer, tmp_path):
    result = run_cli("gazetteer", "user", "--layer", str(layer), "add", VILLAGE, str(POINT[0]), str(POINT[1]),
                     "--ar", VILLAGE_AR, "--country", "SY")
    assert result.returncode == 0, result.stderr
    listed = run_cli("gazetteer", "user", "--layer", str(layer), "list")
    assert VILLAGE in listed.stdout.decode("utf-8")
    out = tmp_path / "out.geojson"
    assert run_cli("gazetteer", "user", "--layer", str(layer), "export", str(out)).returncode == 0
    bad = tmp_path / "bad.geojson"
    bad.write_text("not json", encoding="utf-8")
    failed = run_cli("gazetteer", "user", "--layer", str(layer), "import", str(bad))
    assert failed.returncode == 2 and b"Traceback" not in failed.stderr and b"cannot read" in failed.stderr
    assert len(load(layer)) == 1


def test_reload_default_geoparser_reads_the_layer(monkeypatch, layer, index_dir):
    from map_app.geoparse import pipeline

    monkeypatch.setenv("GAZETTEER_USER_LAYER", str(layer))
    monkeypatch.setattr(pipeline, "_default", None)
    add_user_place(VILLAGE, *POINT, path=layer)
    parser = pipeline.reload_default_geoparser()
    assert parser.gazetteer.lookup(VILLAGE)[0].name == VILLAGE
    assert pipeline.default_geoparser() is parser
    monkeypatch.setattr(pipeline, "_default", None)


def test_build_with_an_osm_extract(tmp_path):
    import osmium

    from gazetteer.build import build
    from map_app.geoparse.pipeline import Geoparser

    extract = tmp_path / "sample.osm.pbf"
    writer = osmium.SimpleWriter(str(extract))
    nodes = [
        (1, (40.0625, 35.2811), {"place": "village", "name": "زويدات القرباني", "name:en": VILLAGE}),
        (2, (36.2950, 33.5100), {"place": "neighbourhood", "name": "حي القصور", "name:en": "Al-Qusour"}),
        (3, (40.1000, 35.3000), {"amenity": "school", "name": "Not a place"}),
    ]
    for node_id, (lon, lat), tags in nodes:
        writer.add_node(osmium.osm.mutable.Node(id=node_id, version=1, location=osmium.osm.Location(lon, lat),
                                                tags=tags))
    writer.close()
    index = tmp_path / "index"
    build(index, verbose=False, with_cities500=False, osm_files=[extract])
    gazetteer = Gazetteer.open(index, user_layer_path=tmp_path / "none.geojson")
    village = gazetteer.lookup(VILLAGE)[0]
    assert (village.kind, village.country_code, village.name_ar) == ("populated_place", "SY", "زويدات القرباني")
    assert gazetteer.lookup("حي القصور")[0].country_code == "SY"
    assert gazetteer.lookup("Not a place", fuzzy=False) == []
    assert gazetteer.meta["osm_files"] == ["sample.osm.pbf"]
    mentions = Geoparser(gazetteer).places(f"Clashes were reported in {VILLAGE} east of the river.")
    assert [m.text for m in mentions] == [VILLAGE]


def test_build_rejects_a_file_that_is_not_osm(tmp_path):
    bad = tmp_path / "bad.osm.pbf"
    bad.write_bytes(b"this is not a protobuf")
    result = run_cli("gazetteer", "--index", str(tmp_path / "idx"), "build", "--osm", str(bad),
                     "--without-cities500", "--quiet")
    assert result.returncode == 2
    assert b"not a readable OSM file" in result.stderr and b"Traceback" not in result.stderr
