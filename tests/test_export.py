"""GeoJSON (RFC 7946) and ACLED CSV exports."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone

import pytest

from map_app.export import (ACLED_COLUMNS, BOM, CSV_COLUMNS, PROJECT_COLUMNS, incidents_csv, incidents_csv_bytes,
                            incidents_geojson, incidents_geojson_text, safe_cell)
from map_app.store import IncidentFilter, IncidentRecord, Source

STRIKE = IncidentRecord(
    id=7, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
    event_date=date(2024, 3, 11), time_precision=1, location="البوكمال",
    lat=34.453712345, lon=40.918449999, geonameid=172515, country_code="SY",
    admin1="Deir ez-Zor", admin2="Abu Kamal", geo_precision=1, fatalities=3, actors=("militia", "unknown drone"),
    actor1="Military Forces of Turkey (2016-)", assoc_actor_1=("Syrian National Army",),
    actor2="SDF: Syrian Democratic Forces", assoc_actor_2=(), inter1=8, inter2=2, interaction=28,
    civilian_targeting=False, disorder_type="Political violence",
    evidence="قُتل ثلاثة عناصر\nبغارة مسيّرة قرب البوكمال.", start=0, end=40,
    sources=(Source("https://www.kurdistan24.net/en/story/1", "عنوان", "Kurdistan 24", date(2024, 3, 12), 1),
             Source("https://www.reuters.com/world/x", None, "Outlet B", date(2024, 3, 12), 2)),
    confidence=0.91234, reviewed=True, reviewed_by="ana", place_name="Al-Bukamal",
    reviewed_at=datetime(2024, 3, 13, 10, 0, tzinfo=timezone.utc), review_flags=("merged",), tags="")
WEST = IncidentRecord(id=8, event_type="Protests", sub_event_type="Peaceful protest",
                      lat=-33.5, lon=-70.25, location="=HYPERLINK(\"http://x\")",
                      evidence="-2+3", actors=("@home",), sources=(Source(url=None),))
CIVILIANS = IncidentRecord(
    id=11, event_type="Violence against civilians", sub_event_type="Attack", event_date=date(2024, 5, 2),
    time_precision=1, lat=36.32, lon=41.88, country_code="IQ", admin1="Nineveh", geo_precision=2, fatalities=None,
    actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)", inter1=2, inter2=7, civilian_targeting=True,
    place_name="Sinjar", sources=(Source(None, None, "demo", date(2024, 5, 3)),), demo=True)
UNLOCATED = IncidentRecord(id=9, event_type="Protests", evidence="somewhere")
REJECTED = IncidentRecord(id=10, event_type="Battles", lat=35.0, lon=38.0, rejected=True)


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_acled_columns_in_acled_order_then_the_projects() -> None:
    assert ACLED_COLUMNS == (
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
        "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
        "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
    assert len(ACLED_COLUMNS) == 31
    assert CSV_COLUMNS == ACLED_COLUMNS + PROJECT_COLUMNS
    assert PROJECT_COLUMNS[:5] == ("id", "reviewed", "rejected", "confidence", "sources_count")
    header = next(csv.reader(io.StringIO(incidents_csv([]))))
    assert tuple(header) == CSV_COLUMNS


def test_csv_values_follow_acled_conventions() -> None:
    [row] = rows(incidents_csv([STRIKE, REJECTED]))  # the rejected one is left out
    assert row["event_id_cnty"] == "SYR7"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2024-03-11", "2024", "1")
    assert row["disorder_type"] == "Political violence"
    assert (row["actor1"], row["assoc_actor_1"]) == ("Military Forces of Turkey (2016-)", "Syrian National Army")
    assert (row["actor2"], row["inter1"], row["inter2"], row["interaction"]) == (
        "SDF: Syrian Democratic Forces", "8", "2", "28")
    assert row["civilian_targeting"] == ""
    assert (row["iso"], row["region"], row["country"]) == ("760", "Middle East", "Syria")
    assert (row["admin1"], row["admin2"], row["admin3"]) == ("Deir ez-Zor", "Abu Kamal", "")
    assert (row["location"], row["latitude"], row["longitude"]) == ("Al-Bukamal", "34.45371", "40.91845")
    assert row["geo_precision"] == "1"
    assert row["source"] == "https://www.kurdistan24.net/en/story/1; https://www.reuters.com/world/x"
    assert row["source_scale"] == "National-International"
    assert row["notes"] == "قُتل ثلاثة عناصر بغارة مسيّرة قرب البوكمال."  # one line
    assert row["fatalities"] == "3"
    assert row["timestamp"] == str(int(datetime(2024, 3, 13, 10, 0, tzinfo=timezone.utc).timestamp()))
    assert (row["id"], row["reviewed"], row["rejected"], row["confidence"], row["sources_count"]) == (
        "7", "1", "0", "0.912", "2")
    assert (row["demo"], row["review_flags"]) == ("0", "merged")
    assert len(list(csv.reader(io.StringIO(incidents_csv([REJECTED], include_rejected=True))))) == 2


def test_csv_civilian_targeting_unknown_toll_and_demo_rows() -> None:
    [row] = rows(incidents_csv([CIVILIANS]))
    assert row["event_id_cnty"] == "IRQ11" and row["iso"] == "368" and row["country"] == "Iraq"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["fatalities"] == ""  # no toll reported is not zero
    assert row["interaction"] == "27"  # from the two inter codes
    assert (row["source_scale"], row["demo"]) == ("Other", "1")
    assert row["timestamp"] == str(int(datetime(2024, 5, 3, tzinfo=timezone.utc).timestamp()))


def test_records_without_acled_fields_fall_back_to_the_actor_list() -> None:
    [row] = rows(incidents_csv([WEST]))
    assert row["actor1"] == "'@home" and row["actor2"] == ""
    assert row["event_id_cnty"] == "XXX8" and row["country"] == "" and row["iso"] == ""


def test_csv_bytes_start_with_a_bom_and_decode_as_utf8() -> None:
    data = incidents_csv_bytes([STRIKE])
    assert data.startswith(b"\xef\xbb\xbf") and BOM == "\ufeff"
    text = data.decode("utf-8-sig")
    assert text == incidents_csv([STRIKE]) and "البوكمال" in text
    assert not incidents_csv([STRIKE]).startswith(BOM)  # the text itself has none (stdout, JSON)


def test_csv_defuses_formulas_but_not_numbers() -> None:
    [row] = rows(incidents_csv([WEST]))
    assert row["location"] == "'=HYPERLINK(\"http://x\")"
    assert row["notes"] == "'-2+3" and row["actor1"] == "'@home"
    assert (row["latitude"], row["longitude"]) == ("-33.50000", "-70.25000")  # numbers stay
    assert row["event_date"] == "" and row["fatalities"] == "" and row["country"] == ""
    for cell in ("=1", "+1", "-1", "@x", "\tx", "\rx"):
        assert safe_cell(cell) == "'" + cell
    assert safe_cell("ok = fine") == "ok = fine" and safe_cell(-5) == -5


def test_geojson_feature_collection() -> None:
    fc = incidents_geojson([STRIKE, WEST, UNLOCATED, REJECTED])
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert [f["id"] for f in fc["features"]] == [7, 8]  # no unlocated, no rejected
    f = fc["features"][0]
    assert f["type"] == "Feature"
    assert f["geometry"] == {"type": "Point", "coordinates": [40.91845, 34.45371]}
    p = f["properties"]
    assert p["event_date"] == "2024-03-11" and p["time_precision"] == 1
    assert p["actors"] == ["militia", "unknown drone"] and p["fatalities"] == 3
    assert p["source"] == "https://www.kurdistan24.net/en/story/1"
    assert [s["source"] for s in p["sources"]] == ["Kurdistan 24", "Outlet B"]
    assert p["sources"][0]["published"] == "2024-03-12"
    assert p["reviewed"] is True and p["id"] == 7
    assert p["location"] == "Al-Bukamal" and p["mention"] == "البوكمال"
    assert (p["start"], p["end"], p["geonameid"]) == (0, 40, 172515)
    # serialisable as-is, Arabic intact
    assert "البوكمال" in json.dumps(fc, ensure_ascii=False)
    west = fc["features"][1]["properties"]
    assert west["event_date"] is None and west["source"] is None


def test_geojson_carries_the_acled_fields_with_json_types() -> None:
    fc = incidents_geojson([STRIKE, CIVILIANS, WEST])
    for f in fc["features"]:
        assert set(CSV_COLUMNS) - {"source"} <= set(f["properties"])
    p = fc["features"][0]["properties"]
    for key in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
                "timestamp", "id", "sources_count"):
        assert type(p[key]) is int, key
    assert type(p["latitude"]) is float and type(p["confidence"]) is float
    assert p["assoc_actor_1"] == ["Syrian National Army"] and p["assoc_actor_2"] == []
    assert p["reviewed"] is True and p["demo"] is False and p["review_flags"] == ["merged"]
    civ = fc["features"][1]["properties"]
    assert civ["fatalities"] is None and civ["civilian_targeting"] == "Civilian targeting"
    west = fc["features"][2]["properties"]
    for key in ("event_id_cnty", "year", "inter1", "interaction", "iso", "region", "country", "timestamp"):
        assert west[key] is None or key == "event_id_cnty", key


def test_geojson_options() -> None:
    fc = incidents_geojson([UNLOCATED, REJECTED], include_rejected=True, include_unlocated=True)
    assert [(f["id"], f["geometry"]) for f in fc["features"]] == [
        (9, None), (10, {"type": "Point", "coordinates": [38.0, 35.0]})]
    assert incidents_geojson([]) == {"type": "FeatureCollection", "features": []}


def test_geojson_reads_back_with_geopandas(tmp_path) -> None:
    geopandas = pytest.importorskip("geopandas")
    records = [STRIKE, CIVILIANS, WEST]
    path = tmp_path / "incidents.geojson"
    path.write_text(incidents_geojson_text(records), encoding="utf-8")
    frame = geopandas.read_file(path)
    assert len(frame) == len(records)
    assert list(frame["event_id_cnty"]) == ["SYR7", "IRQ11", "XXX8"]
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert str(frame["fatalities"].dtype).lower().startswith(("int", "float"))
    assert frame.loc[0, "fatalities"] == 3 and frame.loc[1, "fatalities"] != frame.loc[1, "fatalities"]  # NaN
    assert frame.loc[0, "location"] == "Al-Bukamal"
    assert frame.geometry.iloc[0].x == pytest.approx(40.91845)


def test_exports_of_a_store_read_back_with_the_same_row_count(tmp_path, geoparser) -> None:
    """The demo store exported: GeoJSON read back by geopandas and the CSV have one row per stored incident."""
    geopandas = pytest.importorskip("geopandas")
    from map_app.demo import load_demo
    from map_app.store import Store

    from map_app.demo import load_demo
    store = Store.open(tmp_path / "store.db", parser=geoparser.parse)
    try:
        load_demo(store)  # a store never loads the demo by itself any more
        store.add_incident_records([CIVILIANS])
        records = store.incidents(IncidentFilter(include_demo=True))
    finally:
        store.close()
    located = [r for r in records if r.located]
    assert len(records) >= 2 and located
    path = tmp_path / "incidents.geojson"
    path.write_text(incidents_geojson_text(records), encoding="utf-8")
    frame = geopandas.read_file(path)
    assert len(frame) == len(located)
    assert sorted(frame["id"]) == sorted(r.id for r in located)
    assert all(str(x).startswith(("SYR", "IRQ")) for x in frame["event_id_cnty"])
    table = rows(incidents_csv_bytes(records).decode("utf-8-sig"))
    assert len(table) == len(records)
    assert {row["event_id_cnty"] for row in table} == {r["event_id_cnty"] for r in frame.to_dict("records")} | {
        f"XXX{r.id}" for r in records if not r.located}
