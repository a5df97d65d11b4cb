"""Natural Earth boundaries: compiled files, point-in-polygon, derived data.

One session-scoped build into a temp dir (a few seconds) feeds every test; the
points are GeoNames coordinates of places analysts ask about.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import shapely
from shapely.ops import nearest_points

from gazetteer import boundaries as B
from gazetteer.boundaries import Boundaries, BoundaryHit, basemap_path, build_boundaries
from gazetteer.data import derive_natural_earth as D

# (lat, lon) from GeoNames unless noted.
BUKAMAL = (34.45226, 40.91854)      # Ālbū Kamāl, 174448
AL_QAIM = (34.39251, 40.98945)      # Al Qā'im, 92138 (Iraqi side of the same crossing)
KATZRIN = (32.99, 35.69)
MAJDAL_SHAMS = (33.27029, 35.7716)  # 167444: 60 m on the Syrian side of NE's line
QUNEITRA = (33.126, 35.825)         # the ruined city, inside the UNDOF zone
BEIRUT = (33.89332, 35.50157)
GAZA = (31.50, 34.47)
DAMASCUS = (33.5102, 36.29128)
MOSUL = (36.335, 43.11889)
KIRYAT_SHMONA = (33.2075, 35.5697)  # Israel proper, 2 km from the Golan line
TAL_ABYAD = (36.6975, 38.9567)      # Syrian twin of Akçakale, on the border
MEDITERRANEAN = (34.0, 33.0)        # between Cyprus and Lebanon


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, float]:
    out = tmp_path_factory.mktemp("boundaries")
    started = time.perf_counter()
    build_boundaries(out)
    return out, time.perf_counter() - started


@pytest.fixture(scope="session")
def bounds(built) -> Boundaries:
    return Boundaries.load(built[0])


def at(bounds: Boundaries, point: tuple[float, float]) -> BoundaryHit:
    return bounds.locate(*point)


# -- build and load -----------------------------------------------------------


def test_build_is_quick_and_writes_all_files(built):
    out, seconds = built
    assert seconds < 20
    for name in (B.TABLE_FILE, B.BLOB_FILE, *B.BASEMAP_FILES.values()):
        assert (out / name).stat().st_size > 1000, name


def test_load_is_fast_and_lazy(built):
    started = time.perf_counter()
    fresh = Boundaries.load(built[0])
    assert time.perf_counter() - started < 0.5
    assert "geoms" not in fresh.countries.__dict__  # nothing decoded yet
    started = time.perf_counter()
    assert fresh.locate(*DAMASCUS).country_code == "SY"
    assert time.perf_counter() - started < 1.0


def test_load_without_build_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="build"):
        Boundaries.load(tmp_path)


# -- locate -------------------------------------------------------------------


def test_al_bukamal_is_syria_deir_ez_zor(bounds):
    hit = at(bounds, BUKAMAL)
    assert (hit.country_code, hit.iso_3166_2) == ("SY", "SY-DY")
    assert hit.country_name == "Syria" and hit.country_name_ar == "سوريا"
    assert hit.admin1 == "Deir ez-Zor" and hit.admin1_ar == "دير الزور"
    assert hit.regions == () and not hit.snapped


def test_al_qaim_across_the_border_is_iraq_anbar(bounds):
    hit = at(bounds, AL_QAIM)
    assert (hit.country_code, hit.iso_3166_2, hit.admin1_ar) == ("IQ", "IQ-AN", "الأنبار")


@pytest.mark.parametrize("point", [KATZRIN, MAJDAL_SHAMS, (33.27, 35.77)], ids=["katzrin", "majdal", "majdal-2"])
def test_golan_is_syria_de_jure_with_region(bounds, point):
    hit = at(bounds, point)
    assert hit.country_code == "SY"
    assert (hit.iso_3166_2, hit.admin1) == ("SY-QU", "Quneitra")
    assert hit.regions == ("Golan Heights",) and hit.regions_ar == ("الجولان",)


def test_golan_has_no_country_in_the_deu_point_of_view(bounds):
    point = shapely.Point(KATZRIN[1], KATZRIN[0])
    assert not bounds.countries.hits(point).size
    golan = bounds.region_polygon("Golan Heights")
    assert golan.contains(point)


def test_quneitra_city_is_syria_in_the_undof_zone(bounds):
    hit = at(bounds, QUNEITRA)
    assert (hit.country_code, hit.iso_3166_2) == ("SY", "SY-QU")
    assert hit.regions == ("UNDOF zone",)


def test_israel_proper_next_to_the_golan_stays_israel(bounds):
    hit = at(bounds, KIRYAT_SHMONA)
    assert (hit.country_code, hit.iso_3166_2, hit.regions) == ("IL", "IL-Z", ())


@pytest.mark.parametrize(("point", "country", "iso", "admin1_ar"), [
    (BEIRUT, "LB", "LB-BA", "بيروت"),
    (GAZA, "PS", "PS-GZZ", "غزة"),
    (DAMASCUS, "SY", "SY-DI", "دمشق"),
    (MOSUL, "IQ", "IQ-NI", "نينوى"),
], ids=["beirut", "gaza", "damascus", "mosul"])
def test_cities_resolve_to_country_and_governorate(bounds, point, country, iso, admin1_ar):
    hit = at(bounds, point)
    assert (hit.country_code, hit.iso_3166_2, hit.admin1_ar) == (country, iso, admin1_ar)
    assert not hit.snapped


def test_open_sea_has_no_country(bounds):
    hit = at(bounds, MEDITERRANEAN)
    assert hit == BoundaryHit()
    assert not hit.found


def test_just_off_the_coast_snaps_to_the_country(bounds):
    lebanon = bounds.country_polygon("LB")
    offshore = shapely.Point(35.2, 33.9)
    coast = nearest_points(lebanon, offshore)[0]
    # 0.01 degrees (~1 km) out to sea from the nearest coast point
    dx, dy = offshore.x - coast.x, offshore.y - coast.y
    scale = 0.01 / (dx * dx + dy * dy) ** 0.5
    point = (coast.y + dy * scale, coast.x + dx * scale)
    assert not lebanon.contains(shapely.Point(point[1], point[0]))
    hit = bounds.locate(*point)
    assert hit.country_code == "LB" and hit.snapped and hit.admin1 is not None


def test_outside_the_region_there_is_a_country_but_no_admin1(bounds):
    hit = bounds.locate(48.8566, 2.3522)  # Paris; France is ISO_A2 '-99' in Natural Earth
    assert (hit.country_code, hit.country_name, hit.admin1) == ("FR", "France", None)
    assert bounds.locate(59.91, 10.75).country_code == "NO"  # Oslo, also '-99'


def test_hit_to_dict_is_plain_data(bounds):
    data = at(bounds, BUKAMAL).to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False))["iso_3166_2"] == "SY-DY"


# -- polygons and bulk admin-1 -------------------------------------------------


def test_polygons_for_cross_checks(bounds):
    assert bounds.country_polygon("SY").contains(shapely.Point(DAMASCUS[1], DAMASCUS[0]))
    assert bounds.admin1_polygon("SY-DY").contains(shapely.Point(BUKAMAL[1], BUKAMAL[0]))
    assert bounds.country_polygon("XX") is None and bounds.admin1_polygon("SY-ZZ") is None
    france = bounds.country_record("FR")
    assert france["name"] == "France" and france["pop_est"] > 10_000_000


def test_admin1_names_in_bulk_respect_known_countries(bounds):
    lats, lons = zip(BUKAMAL, KATZRIN, TAL_ABYAD, TAL_ABYAD, MEDITERRANEAN, (48.85, 2.35))
    ccs = ["SY", None, "SY", None, None, "FR"]
    names = bounds.admin1_names(lats, lons, ccs)
    # Natural Earth puts Tal Abyad a few hundred metres inside Turkey; the
    # GeoNames country code keeps it in Syria.
    assert names == ["Deir ez-Zor", "Quneitra", "Al-Raqqah", "Şanlıurfa", None, None]
    assert bounds.admin1_names([], []) == []


# -- basemaps -----------------------------------------------------------------


def test_basemap_path_defaults_and_env(monkeypatch, tmp_path):
    monkeypatch.delenv(B.INDEX_ENV, raising=False)
    assert basemap_path("countries") == B.DEFAULT_INDEX_DIR / "basemap_countries.geojson"
    monkeypatch.setenv(B.INDEX_ENV, str(tmp_path))
    assert basemap_path("admin1") == tmp_path / "basemap_admin1.geojson"
    assert basemap_path("admin1", "/x") == Path("/x/basemap_admin1.geojson")
    with pytest.raises(ValueError):
        basemap_path("admin2")


def test_basemaps_are_small_bilingual_geojson(built):
    out = built[0]
    countries = json.loads(basemap_path("countries", out).read_text(encoding="utf-8"))
    props = [f["properties"] for f in countries["features"]]
    assert {"name": "Syria", "name_ar": "سوريا", "iso2": "SY"} in props
    assert {"name": "France", "name_ar": "فرنسا", "iso2": "FR"} in props
    assert "Golan Heights" in {p["name"] for p in props}  # no hole in the map
    admin1 = json.loads(basemap_path("admin1", out).read_text(encoding="utf-8"))
    codes = {f["properties"]["country_code"] for f in admin1["features"]}
    assert set(B.MENA) <= codes
    assert basemap_path("countries", out).stat().st_size < 3_000_000
    assert basemap_path("admin1", out).stat().st_size < 1_500_000


# -- committed derived data ----------------------------------------------------


def test_admin1_table_covers_the_world_with_arabic_names():
    rows = B.admin1_table()
    assert len(rows) > 4500
    by_iso = {r["iso_3166_2"]: r for r in rows}
    dy = by_iso["SY-DY"]
    assert (dy["name"], dy["name_ar"], dy["name_ar_full"]) == ("Deir ez-Zor", "دير الزور", "محافظة دير الزور")
    assert "Dayr Az Zawr" in dy["alt_names"] and dy["gn_id"] == 170792
    assert "Mosul" not in by_iso["IQ-NI"]["alt_names"]  # the city, not the governorate
    assert by_iso["IQ-AN"]["country_code"] == "IQ"
    syria = [r for r in rows if r["country_code"] == "SY" and not B.is_placeholder_admin1(r["iso_3166_2"])]
    assert len(syria) == 14
    assert by_iso["SY-X01~"]["name"] == "UNDOF"


def test_committed_polygons():
    assert B.ADMIN1_MENA.stat().st_size < 1_500_000
    props, geoms = B.read_admin1_mena()
    assert set(B.MENA) == {p["country_code"] for p in props}
    assert all(shapely.is_valid(geoms))
    golan = B.read_golan()
    km2 = D._km2(golan)
    assert 1100 < km2 < 1300
    x0, y0, x1, y1 = golan.bounds
    assert 35.5 < x0 < 35.7 and 35.8 < x1 < 35.95 and 32.6 < y0 < 32.75 and 33.35 < y1 < 33.45
    il_z = next(g for p, g in zip(props, geoms) if p["iso_3166_2"] == "IL-Z")
    assert il_z.intersection(golan).area < 0.01 * golan.area  # Northern district lost the Golan


# -- derivation helpers (synthetic properties) ---------------------------------


@pytest.mark.parametrize(("full", "short"), [
    ("محافظة دير الزور", "دير الزور"),
    ("منطقة الرياض", "الرياض"),
    ("المنطقة الشمالية", "المنطقة الشمالية"),  # "the Northern District": the article is the name
    ("الكرك", "الكرك"),
    ("", None),
])
def test_short_arabic(full, short):
    assert D.short_arabic(full) == short


def test_alt_names_drop_other_cities_but_keep_namesakes(monkeypatch):
    mosul, namesake = frozenset({"mosul", "al mawsil"}), frozenset({"ninawa", "nineveh"})
    cities = {("IQ", name): [names] for names in (mosul, namesake) for name in names}
    monkeypatch.setattr(D, "_cities", lambda: cities)
    props = {"iso_a2": "IQ", "name": "Ninawa", "name_en": "Nineveh", "woe_name": "Ninawa",
             "name_alt": "Al-Mawsil|Mosul|Niniveh"}
    assert D._alt_names(props, "Nineveh") == ["Ninawa", "Niniveh"]
    props = {"iso_a2": "IQ", "name": "Al-Anbar", "name_en": "Al Anbar", "name_alt": "Dulaim"}
    assert D._alt_names(props, "Al Anbar") == ["Al-Anbar", "Dulaim", "Anbar"]


def test_admin1_row_from_natural_earth_properties(monkeypatch):
    monkeypatch.setattr(D, "_cities", lambda: {})
    props = {
        "iso_3166_2": "SY-X01~", "adm1_code": "SYR-5261", "iso_a2": "SY", "name": "UNDOF",
        "name_en": "Western al-Samadania", "name_ar": "قوة الأمم المتحدة", "name_alt": "",
        "woe_name": "United Nations Neutral Zone", "type_en": "", "latitude": 33.15, "longitude": 35.86,
        "gn_id": 0, "wikidataid": "",
    }
    row = dict(zip(D.COLUMNS, D.admin1_row(props)))
    assert row["name"] == "UNDOF" and row["gn_id"] is None and row["type_en"] is None
    assert row["alt_names"] == ["Western al-Samadania", "United Nations Neutral Zone"]
    weird = dict(props, iso_3166_2="CY-X1", iso_a2="-1", name_alt="N\u00a1nive|Ok", name_en="X")
    row = dict(zip(D.COLUMNS, D.admin1_row(weird)))
    assert row["country_code"] is None and "Ok" in row["alt_names"] and "N\u00a1nive" not in row["alt_names"]
