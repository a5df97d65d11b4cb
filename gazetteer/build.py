"""Compile the sources into the on-disk index that `Gazetteer.open()` maps.

Parsing GeoNames' JSON costs ~2 s and ~300 MB on every start; the compiled
index opens in milliseconds because it is a handful of flat numpy arrays and a
string blob, read as they are.
"""
from __future__ import annotations

import json
import math
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterable

import numpy as np

from . import admin2, sources
from .boundaries import build_boundaries
from .index import (
    INDEX_VERSION,
    KIND_CODES,
    PLACE_DTYPE,
    default_index_dir,
    key_hash,
)
from .normalize import compact_key, is_arabic, lookup_keys, name_key
from .place import FOCUS_COUNTRIES
from .sources import SourcePlace

#: Static prominence by kind: what a bare name most likely means.
KIND_BASE = {
    "country": 1.60,
    "admin1": 0.95,
    "region": 1.05,
    "water": 1.00,
    "crossing": 0.95,
    "facility": 0.95,
    # Districts and counties rank like towns of their population: a bare
    # "Abu Kamal" is the town before the district named after it.
    "admin2": 0.25,
    "populated_place": 0.30,
}


#: Rank gained per tenfold population: Raqqa (530k) must outweigh a Dubai
#: suburb of the same Arabic name (8k) unless the context says otherwise.
POPULATION_WEIGHT = 0.15

#: Population assumed for a populated place GeoNames gives as 0.
UNKNOWN_POPULATION = 5_000

#: Bias towards the region analysts of this tool work on: القنيطرة is both
#: Quneitra (Syria) and Kenitra (Morocco); with no other context, mean Syria's.
FOCUS_BONUS = 0.25

#: Minimum population for a Latin-script name outside the focus countries to
#: be offered to the text recogniser (inside them every place is offered).
ENGLISH_MIN_POPULATION = 20_000


def static_rank(place: SourcePlace) -> float:
    rank = KIND_BASE.get(place.kind, 0.5) + place.prior
    if place.kind in ("populated_place", "admin2"):
        # cities500 lists admin seats with population 0 ("unknown"): count them
        # as a small town rather than as nothing.
        population = place.population or UNKNOWN_POPULATION
        rank += min(POPULATION_WEIGHT * math.log10(population + 1), 1.0)
    if place.kind != "country" and place.country_code in FOCUS_COUNTRIES:
        rank += FOCUS_BONUS
    return rank


#: Arabic names of small places far from the region are mostly transliterations
#: that collide with ordinary words (دولة ~ Dhule, امل ~ Amol).
ARABIC_FOREIGN_MIN_POPULATION = 50_000




def _recognisable(place: SourcePlace, name: str) -> bool:
    """Whether a name of a place may be matched in running text."""
    if place.kind != "populated_place" or place.country_code in FOCUS_COUNTRIES:
        return True
    if is_arabic(name):
        return place.population >= ARABIC_FOREIGN_MIN_POPULATION
    return place.population >= ENGLISH_MIN_POPULATION


def spelling_variants(key: str) -> list[str]:
    """Joined/split variants of a spaced Arabic key (البو كمال ~ البوكمال)."""
    variants = [key]
    words = key.split(" ")
    if len(words) >= 2 and words[0] in ("البو", "ابو", "بو", "ام", "عبد", "تل", "راس", "كفر", "بني",
                                        "خان", "دير", "عين", "بيت", "بير", "جسر"):
        variants.append(words[0] + words[1] + ("" if len(words) == 2 else " " + " ".join(words[2:])))
    for head in ("البو", "ابو", "عبد", "تل"):
        if len(words[0]) > len(head) + 2 and words[0].startswith(head):
            variants.append(head + " " + key[len(head):])
    return variants


#: Transliteration habits that vary between sources (GeoNames ‘Ayn / news Ain).
_LATIN_TOKEN_VARIANTS = {
    "ayn": ("ain",), "ain": ("ayn",), "dayr": ("deir",), "deir": ("dayr",), "tall": ("tal", "tel", "tell"),
    "jabal": ("jebel",), "jebel": ("jabal",), "qasr": ("kasr",), "kafr": ("kafar", "kfar"),
    "shaykh": ("sheikh",), "sheikh": ("shaykh",), "hisn": ("hisn",),
}
_DOUBLE = re.compile(r"([b-df-hj-np-tv-z])\1")


def latin_variants(key: str) -> list[str]:
    """Common alternative transliterations of a spaced Latin key:
    doubled consonants written once (Maarrat → Maarat, Tall → Tal), a final
    -ah written -a or -eh, and word-level habits (ayn/ain, dayr/deir, jabal/jebel)."""
    variants = {key, _DOUBLE.sub(r"\1", key)}
    words = key.split(" ")
    for i, word in enumerate(words):
        alternatives = list(_LATIN_TOKEN_VARIANTS.get(word, ()))
        if len(word) > 4 and word.endswith("ah"):
            alternatives += [word[:-1], word[:-2] + "eh"]  # Hawijah ~ Hawija ~ Hawijeh
        for alternative in alternatives:
            variants.add(" ".join(words[:i] + [alternative] + words[i + 1:]))
    return sorted(variants)


_SUN_LETTERS = ("t", "d", "r", "z", "s", "n", "sh", "th", "dh")


def latin_fused_variants(key: str) -> list[str]:
    """Spellings news use for the region's names: the article fused with a sun
    letter (Deir ez-Zor → Deir Ezzor / Azzor, ar-Raqqa → Arraqqa) and Albu
    written apart (Albu Kamal → Al-Bukamal)."""
    words = key.split(" ")
    variants: list[str] = []
    for i, word in enumerate(words[:-1]):
        nxt = words[i + 1]
        if word == "al" and nxt.startswith(_SUN_LETTERS) and len(nxt) >= 3:
            for vowel in ("a", "e"):
                variants.append(" ".join(words[:i] + [vowel + nxt[0] + nxt] + words[i + 2:]))
        if word == "albu" and len(nxt) >= 3:
            variants.append(" ".join(words[:i] + ["al", "bu" + nxt] + words[i + 2:]))
    if len(words) == 1:
        # Baladrūz is written Balad Ruz, Kafrnabl Kafr Nabl: a fused head word written apart.
        for head in _FUSED_HEADS:
            if key.startswith(head) and len(key) >= len(head) + 3:
                variants.append(head + " " + key[len(head):])
                break
    for i, word in enumerate(words):
        # ‘Ayn ‘Īsá is Ain Issa: a short word's consonant between vowels written double
        # (the transliteration folding leaves words this short alone).
        if 3 <= len(word) <= 4 and _SHORT_VCV.match(word) and word not in _FUSED_HEADS:
            doubled = word[:2] + word[1] + word[2:]
            variants.append(" ".join(words[:i] + [doubled] + words[i + 1:]))
    return variants


#: Head words of the region's names that GeoNames sometimes fuses with the rest.
_FUSED_HEADS = ("balad", "kafr", "deir", "dayr", "beit", "bayt", "tall", "tal", "ain", "ayn", "umm", "ras",
                "khan", "jisr", "qasr", "abu", "sheikh", "shaykh")
_SHORT_VCV = re.compile(r"^[aeiou][bdfhjklmnrstvwz][aeiou]{1,2}$")


def latin_article_variant(place: SourcePlace, key: str) -> str | None:
    """'al anbar' → 'anbar': English text often drops the article of a
    well-known name (Anbar, Qaim, Bukamal); small villages keep it."""
    if not key.startswith("al ") or len(key) < 7:
        return None
    if place.kind == "populated_place" and 0 < place.population < 20_000:
        return None  # population 0 is "unknown" in cities500: mostly district seats, kept
    return key[3:]


class WordFrequency:
    """How common a name is as an ordinary word (Zipf scale, 0 = unseen).

    الأمن, السلام, Police, Reading are villages too; the recogniser asks for
    stronger evidence before pinning a name this frequent. Single words are
    looked up by their folded key (so GeoNames' الفصايل meets the text's
    الفصائل); the table is computed at build time so that wordfreq is not
    needed at run time."""

    TOP_WORDS = 300_000

    def __init__(self):
        from wordfreq import top_n_list, zipf_frequency

        self._zipf = zipf_frequency
        self.folded: dict[str, float] = {}
        for lang in ("ar", "en"):
            for word in top_n_list(lang, self.TOP_WORDS):
                key = name_key(word)
                if key and " " not in key:
                    zipf = zipf_frequency(word, lang)
                    if zipf > self.folded.get(key, 0.0):
                        self.folded[key] = zipf

    def write_arabic(self, path: Path, min_zipf: float = 2.5) -> None:
        """Folded Arabic words and their Zipf frequency: lets the recogniser
        tell a clitic + name (وسوريا) from a word of its own (كامل ≠ ك + امل)."""
        with open(path, "w", encoding="utf-8") as handle:
            for key, zipf in sorted(self.folded.items()):
                if zipf >= min_zipf and is_arabic(key):
                    handle.write(f"{key}\t{zipf:.2f}\n")

    def write_english(self, path: Path, min_zipf: float = 2.5) -> None:
        """Folded English words and their Zipf frequency: a name found only
        through transliteration folding must not be an ordinary word."""
        from wordfreq import top_n_list, zipf_frequency

        table: dict[str, float] = {}
        for word in top_n_list("en", 60_000):
            key = name_key(word)
            if key and " " not in key and not is_arabic(key):
                zipf = zipf_frequency(word, "en")
                if zipf >= min_zipf and zipf > table.get(key, 0.0):
                    table[key] = zipf
        with open(path, "w", encoding="utf-8") as handle:
            for key, zipf in sorted(table.items()):
                handle.write(f"{key}\t{zipf:.2f}\n")

    #: wordfreq estimates a phrase from its words, which overrates names made of
    #: common words (رأس العين "head of the spring"); as collocations they are rarer.
    PHRASE_DISCOUNT = 1.5

    def __call__(self, key: str, names: Iterable[str]) -> float:
        if " " not in key:
            return self.folded.get(key, 0.0)
        best = 0.0
        for name in names:
            if len(name.split()) <= 3:
                best = max(best, self._zipf(name, "ar" if is_arabic(name) else "en"))
        return max(best - self.PHRASE_DISCOUNT, 0.0)


def collect(extra_dumps: Iterable[Path] = (), *, with_cities500: bool = True) -> list[SourcePlace]:
    places: list[SourcePlace] = []
    places.extend(sources.natural_earth_countries())
    places.extend(sources.natural_earth_admin1())
    places.extend(sources.curated())
    places.extend(sources.curated(sources.DATA_DIR / "world_regions.json"))
    seen = {p.geonameid for p in places if p.geonameid}
    for place in (sources.geonames_cities() if with_cities500 else ()):
        if place.geonameid not in seen:
            places.append(place)
            seen.add(place.geonameid)
    for dump in extra_dumps:
        for place in sources.geonames_dump(dump):
            if place.geonameid not in seen:
                places.append(place)
                seen.add(place.geonameid)
    sources.apply_name_aliases(places)
    _drop_borrowed_admin_names(places)
    _borrow_capital_names(places)
    places.extend(admin2.apply(places))
    return places


def _drop_borrowed_admin_names(places: list[SourcePlace]) -> None:
    """Natural Earth lists a province's capital among its alternate names
    (Al Anbar: 'Ramadi'; Rif Dimashq: 'Damascus'); left in, 'Ramadi' would
    also mean the province. Such names stay with the town only."""
    towns: set[tuple[str | None, str]] = set()
    for place in places:
        if place.kind == "populated_place" and place.population >= 20_000:
            towns.update((place.country_code, compact_key(n)) for n in place.names)
    for place in places:
        if place.kind == "admin1":
            primary = {compact_key(place.name), compact_key(place.name_ar or "")}
            place.names = [
                n for n in place.names
                if compact_key(n) in primary or (place.country_code, compact_key(n)) not in towns
            ]


def _borrow_capital_names(places: list[SourcePlace]) -> None:
    """A big town named like its province and lacking an Arabic name takes the
    province's (Khartoum: cities500 has no الخرطوم for the city, the admin-1 has)."""
    provinces: dict[tuple[str | None, str], SourcePlace] = {}
    for place in places:
        if place.kind == "admin1" and place.name_ar:
            provinces[(place.country_code, compact_key(place.name))] = place
    for place in places:
        if place.kind != "populated_place" or place.population < 100_000:
            continue
        province = provinces.get((place.country_code, compact_key(place.name)))
        if province is None or place.country_code in FOCUS_COUNTRIES:
            continue
        if province.name_ar not in place.names:
            place.names.append(province.name_ar)
        if not place.name_ar or compact_key(place.name_ar) != compact_key(province.name_ar):
            place.name_ar = province.name_ar


def _admin1_population(places: list[SourcePlace]) -> None:
    """An admin-1 area's population: the sum of its towns' (Texas, Ohio are as
    prominent as the cities in them; Natural Earth gives none)."""
    totals: dict[tuple[str | None, str], int] = defaultdict(int)
    for place in places:
        if place.kind == "populated_place" and place.admin1:
            totals[(place.country_code, place.admin1)] += place.population
    for place in places:
        if place.kind == "admin1" and not place.population:
            place.population = totals.get((place.country_code, place.admin1 or place.name), 0)


def _assign_admin1(places: list[SourcePlace], index_dir: Path) -> None:
    """Fill in the admin-1 name of places that lack one, from the polygons.
    The place's own country is passed so that twin border towns (Tal Abyad /
    Akçakale) are not put in the neighbour's province by a coarse border."""
    from .boundaries import Boundaries

    bounds = Boundaries.load(index_dir)
    todo = [p for p in places if not p.admin1 and p.kind != "country"]
    names = bounds.admin1_names([p.lat for p in todo], [p.lon for p in todo],
                                [p.country_code for p in todo])
    for place, name in zip(todo, names):
        if name:
            place.admin1 = name


def _add_osm(places: list[SourcePlace], osm_files: Iterable[Path], index_dir: Path) -> int:
    """Named OSM places of the extracts that the other sources lack, with the
    country their point lies in."""
    from . import osm
    from .boundaries import Boundaries

    bounds = Boundaries.load(index_dir)
    added = 0
    for path in osm_files:
        fresh = osm.new_places(osm.read_places(path), places)
        for place in fresh:
            place.country_code = bounds.locate(place.lat, place.lon).country_code
        places.extend(fresh)
        added += len(fresh)
    return added


def build(out_dir: Path | None = None, extra_dumps: Iterable[Path] = (), *, verbose: bool = True,
          with_cities500: bool = True, osm_files: Iterable[Path] = ()) -> Path:
    """Build the index into `out_dir`. `extra_dumps` are GeoNames dumps (geoname
    table) merged in, `osm_files` OpenStreetMap extracts (.osm.pbf/.osm) whose
    villages and neighbourhoods are added; `with_cities500=False` builds a small
    index from the curated, Natural Earth and dump data only (for tests and
    custom regions)."""
    started = time.perf_counter()
    out_dir = Path(out_dir or default_index_dir())
    out_dir.mkdir(parents=True, exist_ok=True)
    log = print if verbose else (lambda *a, **k: None)

    build_boundaries(out_dir)
    log(f"boundaries written ({time.perf_counter() - started:.1f} s)")

    extra_dumps = list(extra_dumps)
    places = collect(extra_dumps, with_cities500=with_cities500)
    osm_files = list(osm_files)
    if osm_files:
        log(f"{_add_osm(places, osm_files, out_dir):,} places added from OpenStreetMap")
    log(f"{len(places):,} places collected ({time.perf_counter() - started:.1f} s)")
    _assign_admin1(places, out_dir)
    for place in places:
        if not place.admin1 and place.admin1_fallback and place.kind != "country":
            place.admin1 = place.admin1_fallback
    _admin1_population(places)

    ranks = [static_rank(p) for p in places]
    # Row order = rank order, so postings of one key come out best first.
    order = sorted(range(len(places)), key=lambda i: (-ranks[i], places[i].name, places[i].geonameid or 0))
    places = [places[i] for i in order]
    ranks = [ranks[i] for i in order]

    blob = bytearray()
    offsets: dict[str, tuple[int, int]] = {}

    def intern(text: str | None) -> tuple[int, int]:
        if not text:
            return (0, 0)
        if text not in offsets:
            raw = text.encode("utf-8")[:65535]
            offsets[text] = (len(blob), len(raw))
            blob.extend(raw)
        return offsets[text]

    table = np.zeros(len(places), dtype=PLACE_DTYPE)
    key_rows: list[tuple[int, int, int]] = []  # (hash, pid, tier)
    surface: dict[str, set[int]] = defaultdict(set)
    surface_names: dict[str, set[str]] = defaultdict(set)
    for pid, (place, rank) in enumerate(zip(places, ranks)):
        name_off, name_len = intern(place.name)
        ar_off, ar_len = intern(place.name_ar)
        adm_off, adm_len = intern(place.admin1)
        adm2_off, adm2_len = intern(place.admin2)
        table[pid] = (
            place.lat, place.lon, place.population, place.geonameid or -1,
            KIND_CODES[place.kind], (place.country_code or "").encode("ascii", "replace")[:2],
            rank, name_off, name_len, ar_off, ar_len, adm_off, adm_len, adm2_off, adm2_len,
        )
        seen_keys: set[tuple[str, int]] = set()
        for name in dict.fromkeys(place.names + place.lookup_names):
            keys = list(enumerate(lookup_keys(name)))
            if not is_arabic(name):
                # Hawija finds Al Ḩawījah: transliteration variants, at the article-dropped tier
                for variant in latin_variants(name_key(name))[:8]:
                    keys += [(1, k) for k in lookup_keys(variant)]
            for tier, key in keys:
                if (key, tier) not in seen_keys:
                    seen_keys.add((key, tier))
                    key_rows.append((key_hash(key), pid, tier))
            if name in place.lookup_names:
                continue
            if _recognisable(place, name):
                spaced_key = name_key(name)
                if spaced_key.startswith("the "):
                    spaced_key = spaced_key[4:]  # "the Golan": the article is not part of the mention
                variants = spelling_variants(spaced_key) if is_arabic(name) else latin_variants(spaced_key)
                bare = None if is_arabic(name) else latin_article_variant(place, spaced_key)
                if bare:
                    variants += latin_variants(bare)
                if not is_arabic(name) and place.country_code in FOCUS_COUNTRIES:
                    variants += [v for fused in latin_fused_variants(spaced_key) for v in latin_variants(fused)]
                for spaced in variants:
                    if len(spaced) >= 3:
                        surface[spaced].add(pid)
                        surface_names[spaced].add(name)

    # A key reached both exactly and article-stripped keeps its exact tier only.
    best: dict[tuple[int, int], int] = {}
    for h, pid, tier in key_rows:
        if best.get((h, pid), 9) > tier:
            best[(h, pid)] = tier
    rows = sorted((h, tier, pid) for (h, pid), tier in best.items())
    keys = np.array([r[0] for r in rows], dtype=np.uint64)
    tiers = np.array([r[1] for r in rows], dtype=np.uint8)
    postings = np.array([r[2] for r in rows], dtype=np.uint32)

    np.save(out_dir / "places.npy", table)
    np.save(out_dir / "keys.npy", keys)
    np.save(out_dir / "tiers.npy", tiers)
    np.save(out_dir / "postings.npy", postings)
    (out_dir / "strings.bin").write_bytes(bytes(blob))
    with open(out_dir / "surface.tsv", "w", encoding="utf-8") as handle:
        word_frequency = WordFrequency()
        word_frequency.write_arabic(out_dir / "arabic_words.tsv")
        word_frequency.write_english(out_dir / "english_words.tsv")
        for key in sorted(surface):
            zipf = word_frequency(key, surface_names[key])
            handle.write(f"{key}\t{','.join(map(str, sorted(surface[key])))}\t{zipf:.2f}\n")
    compact = sorted({k for p in places for n in p.names for k in lookup_keys(n)[:1]})
    (out_dir / "fuzzy_keys.txt").write_text("\n".join(compact) + "\n", encoding="utf-8")

    counts: dict[str, int] = defaultdict(int)
    for place in places:
        counts[place.source.split(":")[0]] += 1
    meta = {
        "version": INDEX_VERSION,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "places": len(places),
        "keys": int(len(keys)),
        "surface_forms": len(surface),
        "sources": dict(counts),
        "extra_dumps": [str(Path(p).name) for p in extra_dumps],
        "osm_files": [str(Path(p).name) for p in osm_files],
        "seconds": round(time.perf_counter() - started, 2),
    }
    # meta.json last: its presence marks a complete index.
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    log(f"index written to {out_dir} ({meta['places']:,} places, {meta['keys']:,} keys, "
        f"{meta['seconds']} s)")
    return out_dir
