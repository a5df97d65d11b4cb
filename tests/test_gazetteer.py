"""Lookup, reverse geocoding, the CLI, the geopy adapter and building from a dump."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazetteer.index import haversine_km
from tests.conftest import run_cli

FIXTURES = Path(__file__).with_name("fixtures")

AL_BUKAMAL = (34.4523, 40.9185)
AL_QAIM = (34.3925, 40.9894)
DEIR_EZ_ZOR = (35.3359, 40.1408)
QUNEITRA = (33.1260, 35.8246)
GOLAN = (33.0, 35.77)
RAQQA = (35.9528, 39.0079)
MOSUL = (36.3350, 43.1189)
AL_TANF = (33.50, 38.64)

TOP1 = [
    ("البوكمال", AL_BUKAMAL, 10), ("البو كمال", AL_BUKAMAL, 10), ("أبو كمال", AL_BUKAMAL, 10),
    ("Al-Bukamal", AL_BUKAMAL, 10), ("Abu Kamal", AL_BUKAMAL, 10),
    ("القائم", AL_QAIM, 10), ("Al-Qaim", AL_QAIM, 10),
    ("دير الزور", DEIR_EZ_ZOR, 10), ("Deir ez-Zor", DEIR_EZ_ZOR, 10), ("Deir al-Zour", DEIR_EZ_ZOR, 10),
    ("القنيطرة", QUNEITRA, 10), ("Quneitra", QUNEITRA, 10),
    ("الجولان", GOLAN, 25), ("Golan Heights", GOLAN, 25),
    ("الرقة", RAQQA, 10), ("Raqqa", RAQQA, 10), ("الموصل", MOSUL, 10), ("Mosul", MOSUL, 10),
    ("التنف", AL_TANF, 25), ("Al-Tanf", AL_TANF, 25),
]


@pytest.mark.parametrize("query,point,km", TOP1, ids=[q for q, _, _ in TOP1])
def test_top1_is_the_right_place(gazetteer, query, point, km):
    best = gazetteer.lookup(query)[0]
    assert haversine_km(best.lat, best.lon, *point) <= km, str(best)


@pytest.mark.parametrize("query,code", [("سوريا", "SY"), ("سورية", "SY"), ("العراق", "IQ"), ("Iraq", "IQ"),
                                        ("Syria", "SY"), ("الولايات المتحدة", "US")])
def test_country_names_mean_the_country(gazetteer, query, code):
    best = gazetteer.lookup(query)[0]
    assert (best.kind, best.country_code) == ("country", code)


def test_ranking_is_deterministic_and_exact_beats_fuzzy(gazetteer):
    first = [p.pid for p in gazetteer.lookup("Tripoli")]
    assert first == [p.pid for p in gazetteer.lookup("Tripoli")]
    exact = gazetteer.lookup("Deir ez-Zor")[0]
    misspelt = gazetteer.lookup("Deir ez-Zoor")
    assert misspelt and misspelt[0].pid == exact.pid
    assert misspelt[0].score < exact.score


def test_admin_areas_with_head_word(gazetteer):
    best = gazetteer.lookup("محافظة دير الزور")[0]
    assert best.kind == "admin1" and best.country_code == "SY"
    anbar = gazetteer.lookup("Anbar")[0]
    assert anbar.kind == "admin1" and anbar.country_code == "IQ"


def test_unknown_name_gives_nothing(gazetteer):
    assert gazetteer.lookup("Xqzvwplk Ytrr", fuzzy=True) == []
    assert gazetteer.lookup("") == []


def test_country_filter(gazetteer):
    places = gazetteer.lookup("القنيطرة", country_codes=("MA",))
    assert places and all(p.country_code == "MA" for p in places)


def test_reverse_puts_border_towns_in_their_provinces(gazetteer):
    bukamal = gazetteer.reverse(*AL_BUKAMAL)
    assert bukamal.country_code == "SY"
    assert "Deir" in bukamal.admin1 or "Dayr" in bukamal.admin1
    assert bukamal.nearest[0].place.geonameid == 174448
    qaim = gazetteer.reverse(*AL_QAIM)
    assert qaim.country_code == "IQ" and "Anbar" in qaim.admin1


@pytest.mark.parametrize("point", [(32.99, 35.69), (33.27, 35.77)], ids=["Katzrin", "Majdal Shams"])
def test_reverse_golan(gazetteer, point):
    assert "Golan Heights" in gazetteer.reverse(*point).regions


def test_reverse_rejects_impossible_points(gazetteer):
    with pytest.raises(ValueError):
        gazetteer.reverse(95.0, 10.0)


def test_geopy_geocoder(gazetteer):
    from geopy.location import Location

    from gazetteer.geocoder import OfflineGazetteer

    geocoder = OfflineGazetteer(gazetteer)
    location = geocoder.geocode("دير الزور")
    assert isinstance(location, Location)
    assert haversine_km(location.latitude, location.longitude, *DEIR_EZ_ZOR) < 10
    several = geocoder.geocode("Tripoli", exactly_one=False, limit=3)
    assert 1 < len(several) <= 3
    assert geocoder.geocode("Xqzvwplk Ytrr") is None
    assert geocoder.reverse("34.4523, 40.9185").raw["geonameid"] == 174448


def test_cli_lookup_json_contract():
    result = run_cli("gazetteer", "lookup", "--json", "Deir al-Zour")
    assert result.returncode == 0, result.stderr
    places = json.loads(result.stdout)
    expected = {"name", "name_ar", "lat", "lon", "country_code", "kind", "geonameid", "population",
                "admin1", "score"}
    assert expected <= set(places[0])
    assert places[0]["geonameid"] == 170794
    assert [p["score"] for p in places] == sorted((p["score"] for p in places), reverse=True)


def test_cli_reverse_and_errors():
    result = run_cli("gazetteer", "reverse", "34.45", "40.92")
    assert result.returncode == 0 and "Syria" in result.stdout.decode()
    bad = run_cli("gazetteer", "reverse", "120", "40")
    assert bad.returncode != 0 and b"Traceback" not in bad.stderr
    missing = run_cli("gazetteer", "lookup", "--json", "Xqzvwplk Ytrr")
    assert missing.returncode == 1 and json.loads(missing.stdout) == []


def test_build_with_an_extra_geonames_dump(tmp_path):
    from gazetteer import Gazetteer
    from gazetteer.build import build

    build(tmp_path, [FIXTURES / "geonames_dump_sample.txt"], verbose=False, with_cities500=False)
    g = Gazetteer.open(tmp_path)
    mountains = g.lookup("Jebel Bishri")
    assert any(p.geonameid == 9900001 and p.kind == "region" for p in mountains)
    village = g.lookup("Green Valley Village")[0]
    assert village.country_code == "IQ" and village.kind == "populated_place"
    assert g.lookup("قرية الوادي الاخضر")[0].geonameid == 9900003
    # Natural Earth countries and the curated list are always there.
    assert g.lookup("سوريا")[0].kind == "country"


def test_build_rejects_a_malformed_dump(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tonly\tthree\n", encoding="utf-8")
    result = run_cli("gazetteer", "--index", str(tmp_path / "idx"), "build", "--geonames", str(bad),
                     "--without-cities500", "--quiet")
    assert result.returncode != 0
    assert b"expected 19" in result.stderr and b"Traceback" not in result.stderr


def test_transliteration_variants_reach_lookups(gazetteer):
    # GeoNames spells it Al Ḩawījah; news write Hawija.
    assert gazetteer.lookup("Hawija", fuzzy=False)[0].geonameid == 390188
