"""The `python -m map_app places|incidents` contract that scorers and users rely on."""
from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

ARTICLE = (
    "قصفت طائرات مسيّرة مواقع قرب مدينة البوكمال أمس، ما أسفر عن مقتل ثلاثة مسلحين، "
    "بينما وصلت تعزيزات إلى دير الزور.\n"
    "Separately, Iraqi forces arrested two suspects in Mosul on Sunday."
)


def test_places_geojson_contract(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("map_app", "places", str(path), "--published", "2024-10-26")
    assert result.returncode == 0, result.stderr
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    names = []
    for feature in collection["features"]:
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert ARTICLE[props["start"]:props["end"]] == props["mention"]
        assert {"name", "geonameid", "country_code", "kind", "confidence"} <= set(props)
        names.append(props["mention"])
    assert names == ["البوكمال", "دير الزور", "Mosul"]
    bukamal = collection["features"][0]
    assert bukamal["geometry"]["coordinates"][0] > bukamal["geometry"]["coordinates"][1]  # lon 40.9, lat 34.5


def test_incidents_geojson_contract():
    result = run_cli("map_app", "incidents", "-", "--published", "2024-10-26", stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    features = json.loads(result.stdout)["features"]
    assert features
    required = {"event_type", "sub_event_type", "event_date", "time_precision", "location", "geonameid",
                "country_code", "geo_precision", "fatalities", "actors", "evidence", "start", "end", "source"}
    for feature in features:
        props = feature["properties"]
        assert required <= set(props)
        assert ARTICLE[props["start"]:props["end"]] == props["evidence"]
    strike = features[0]["properties"]
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["event_date"] == "2024-10-25" and strike["time_precision"] == 1
    assert strike["fatalities"] == 3


@pytest.mark.parametrize("data,reason", [
    (b"", b"empty"),
    (b"   \n\t", b"empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"binary"),
    (b"caf\xe9 in Damascus", b"not UTF-8"),
])
@pytest.mark.parametrize("command", ["places", "incidents"])
def test_bad_input_is_a_clear_one_line_error(command, data, reason):
    result = run_cli("map_app", command, "-", stdin=data)
    assert result.returncode != 0
    assert reason in result.stderr
    assert b"Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == b""


def test_missing_file_and_bad_date():
    missing = run_cli("map_app", "places", "/nonexistent/article.txt")
    assert missing.returncode != 0 and b"no such file" in missing.stderr
    bad_date = run_cli("map_app", "places", "-", "--published", "26/10/2024", stdin="دمشق")
    assert bad_date.returncode != 0 and b"YYYY-MM-DD" in bad_date.stderr


def test_utf16_with_bom_is_accepted():
    result = run_cli("map_app", "places", "-", stdin="اشتباكات في حلب".encode("utf-16"))
    assert result.returncode == 0
    assert json.loads(result.stdout)["features"][0]["properties"]["mention"] == "حلب"
