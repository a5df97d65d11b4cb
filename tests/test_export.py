"""GeoJSON (RFC 7946) and ACLED-style CSV exports."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

from map_app.export import CSV_COLUMNS, incidents_csv, incidents_geojson, safe_cell
from map_app.store import IncidentRecord, Source

STRIKE = IncidentRecord(
    id=7, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
    event_date=date(2024, 3, 11), time_precision=1, location="البوكمال",
    lat=34.453712345, lon=40.918449999, geonameid=172515, country_code="SY",
    admin1="Deir ez-Zor", geo_precision=1, fatalities=3, actors=("militia", "unknown drone"),
    evidence="قُتل ثلاثة عناصر\nبغارة مسيّرة قرب البوكمال.", start=0, end=40,
    sources=(Source("https://example.org/demo/1", "عنوان", "demo", date(2024, 3, 12), 1),
             Source(None, None, "Outlet B", date(2024, 3, 12), 2)),
    confidence=0.91234, reviewed=True, reviewed_by="ana", place_name="Al-Bukamal")
WEST = IncidentRecord(id=8, event_type="Protests", sub_event_type="Peaceful protest",
                      lat=-33.5, lon=-70.25, location="=HYPERLINK(\"http://x\")",
                      evidence="-2+3", actors=("@home",), sources=(Source(url=None),))
UNLOCATED = IncidentRecord(id=9, event_type="Protests", evidence="somewhere")
REJECTED = IncidentRecord(id=10, event_type="Battles", lat=35.0, lon=38.0, rejected=True)


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
    assert p["source"] == "https://example.org/demo/1"
    assert [s["source"] for s in p["sources"]] == ["demo", "Outlet B"]
    assert p["sources"][0]["published"] == "2024-03-12"
    assert p["reviewed"] is True and p["id"] == 7 and p["location"] == "البوكمال"
    assert (p["start"], p["end"], p["geonameid"]) == (0, 40, 172515)
    # serialisable as-is, Arabic intact
    assert "البوكمال" in json.dumps(fc, ensure_ascii=False)
    west = fc["features"][1]["properties"]
    assert west["event_date"] is None and west["source"] is None


def test_geojson_options() -> None:
    fc = incidents_geojson([UNLOCATED, REJECTED], include_rejected=True, include_unlocated=True)
    assert [(f["id"], f["geometry"]) for f in fc["features"]] == [
        (9, None), (10, {"type": "Point", "coordinates": [38.0, 35.0]})]
    assert incidents_geojson([]) == {"type": "FeatureCollection", "features": []}


def test_csv_acled_columns() -> None:
    text = incidents_csv([STRIKE, REJECTED])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert CSV_COLUMNS[:15] == ("event_date", "time_precision", "event_type", "sub_event_type",
                                "actor1", "actor2", "country", "admin1", "location",
                                "latitude", "longitude", "geo_precision", "source", "notes",
                                "fatalities")
    [row] = rows  # the rejected one is left out
    assert row["event_date"] == "2024-03-11" and row["country"] == "Syria"
    assert (row["actor1"], row["actor2"]) == ("militia", "unknown drone")
    assert (row["latitude"], row["longitude"]) == ("34.45371", "40.91845")
    assert row["location"] == "Al-Bukamal" and row["admin1"] == "Deir ez-Zor"
    assert row["source"] == "https://example.org/demo/1; Outlet B"
    assert row["notes"] == "قُتل ثلاثة عناصر بغارة مسيّرة قرب البوكمال."  # one line
    assert (row["fatalities"], row["id"], row["reviewed"]) == ("3", "7", "1")
    assert len(list(csv.reader(io.StringIO(incidents_csv([REJECTED], include_rejected=True))))) == 2


def test_csv_defuses_formulas_but_not_numbers() -> None:
    [row] = list(csv.DictReader(io.StringIO(incidents_csv([WEST]))))
    assert row["location"] == "'=HYPERLINK(\"http://x\")"
    assert row["notes"] == "'-2+3" and row["actor1"] == "'@home"
    assert (row["latitude"], row["longitude"]) == ("-33.50000", "-70.25000")  # numbers stay
    assert row["event_date"] == "" and row["fatalities"] == "" and row["country"] == ""
    for cell in ("=1", "+1", "-1", "@x", "\tx", "\rx"):
        assert safe_cell(cell) == "'" + cell
    assert safe_cell("ok = fine") == "ok = fine" and safe_cell(-5) == -5
