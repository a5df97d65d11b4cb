"""The compiled index and its lookups: name → ranked places, point → places.

Layout of an index directory (written by `gazetteer.build`):
  places.npy    one fixed-width row per place, rows sorted best-ranked first
  strings.bin   UTF-8 blob holding names, Arabic names and admin-1 names
  keys.npy      sorted 64-bit hashes of lookup keys (`normalize.lookup_keys`)
  postings.npy  the place row of each key;  tiers.npy  0 exact, 1 article dropped
  surface.tsv   spaced name keys for the text recogniser
  fuzzy_keys.txt  every exact key, for the misspelling fallback
  meta.json     counts and provenance; written last, marks a complete index
"""
from __future__ import annotations

import bisect
import hashlib
import json
import math
import os
import re
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

import numpy as np

from . import user_layer
from .compact import FrequencyTable
from .normalize import compact_key, is_arabic, lookup_keys, name_key
from .place import KINDS, Place

INDEX_VERSION = 2
KIND_CODES = {kind: code for code, kind in enumerate(KINDS)}

PLACE_DTYPE = np.dtype([
    ("lat", "<f8"), ("lon", "<f8"), ("population", "<i8"), ("geonameid", "<i8"),
    ("kind", "u1"), ("cc", "S2"), ("rank", "<f4"),
    ("name_off", "<u4"), ("name_len", "<u2"),
    ("ar_off", "<u4"), ("ar_len", "<u2"),
    ("adm_off", "<u4"), ("adm_len", "<u2"),
    ("adm2_off", "<u4"), ("adm2_len", "<u2"),
])

#: Score lost by a match that needed the article dropped, or a fuzzy match.
ARTICLE_PENALTY = 0.15
#: Names of areas and features lose their article more often ("Anbar",
#: "Golan"), so dropping it costs them less.
AREA_ARTICLE_PENALTY = 0.03
_AREA_CODES = frozenset(KIND_CODES[k] for k in ("country", "admin1", "admin2", "region", "water"))
FUZZY_PENALTY = 0.45

#: Generic head words that name the kind, not the place: "محافظة دير الزور".
_HEAD_WORDS = re.compile(
    r"^(?:محافظه|مدينه|بلده|قريه|منطقه|ناحيه|قضاء|ريف|معبر|منفذ|قاعده|مطار|مخيم|"
    r"city of|town of|village of|province of|governorate of)\s+"
    r"|\s+(?:governorate|province|city|district|town|village)$"
)


def default_index_dir() -> Path:
    env = os.environ.get("GAZETTEER_INDEX")
    if env:
        return Path(env)
    return Path(__file__).with_name("data") / "index"


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class IndexMissing(FileNotFoundError):
    """The compiled index has not been built yet."""


@dataclass(frozen=True, slots=True)
class Nearby:
    place: Place
    distance_km: float


@dataclass(frozen=True)
class ReverseResult:
    """What is at a point: the nearest places and the areas containing it."""

    lat: float
    lon: float
    nearest: list[Nearby] = field(default_factory=list)
    country_code: str | None = None
    country: str | None = None
    country_ar: str | None = None
    admin1: str | None = None
    admin1_ar: str | None = None
    regions: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "lat": self.lat, "lon": self.lon,
            "country_code": self.country_code, "country": self.country, "country_ar": self.country_ar,
            "admin1": self.admin1, "admin1_ar": self.admin1_ar, "regions": list(self.regions),
            "nearest": [dict(n.place.to_dict(), distance_km=round(n.distance_km, 2)) for n in self.nearest],
        }


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance; works on floats and numpy arrays alike."""
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


class Gazetteer:
    """Read-only access to a compiled index. Cheap to open; thread-safe to read."""

    def __init__(self, index_dir: Path, user_layer_path: Path | str | None = None):
        self.index_dir = Path(index_dir)
        meta_path = self.index_dir / "meta.json"
        if not meta_path.exists():
            raise IndexMissing(
                f"no gazetteer index at {self.index_dir}: build it with `python -m gazetteer build`"
            )
        self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if self.meta.get("version") != INDEX_VERSION:
            raise IndexMissing(f"gazetteer index at {self.index_dir} is outdated: rebuild it")
        # Memory-mapped (opening costs nothing), then viewed as plain arrays:
        # indexing a memmap object is several times slower than an ndarray.
        load = lambda name: np.asarray(np.load(self.index_dir / name, mmap_mode="r"))  # noqa: E731
        self._places = load("places.npy")
        self._keys = load("keys.npy")
        self._tiers = load("tiers.npy")
        self._postings = load("postings.npy")
        self._strings = (self.index_dir / "strings.bin").read_bytes()
        self._kinds = KINDS
        self._load_user_layer(user_layer_path)

    @classmethod
    def open(cls, index_dir: str | Path | None = None, user_layer_path: str | Path | None = None) -> "Gazetteer":
        """The compiled index, with the analysts' user layer (`gazetteer.user_layer`) on top."""
        return cls(Path(index_dir) if index_dir else default_index_dir(), user_layer_path)

    def __len__(self) -> int:
        return len(self._places) + len(self._user)

    # -- user layer ---------------------------------------------------------
    def _load_user_layer(self, path: Path | str | None) -> None:
        """Places analysts added (rows after the index's, pid ≥ len(index)); a
        broken layer file is reported once and left out, the index still works."""
        self.user_layer_path = Path(path) if path else user_layer.default_path()
        self.user_layer_error: str | None = None
        try:
            entries = user_layer.load(self.user_layer_path)
        except user_layer.UserLayerError as exc:
            self.user_layer_error = str(exc)
            warnings.warn(f"user layer left out: {exc}", stacklevel=3)
            entries = []
        self.user_stamp = user_layer.stamp(self.user_layer_path) if entries else ""
        base = len(self._places)
        rank = 1.0 + user_layer.USER_PRIOR
        self._user: list[Place] = [
            Place(name=e.name, lat=e.lat, lon=e.lon, kind=e.kind, country_code=e.country_code,
                  name_ar=e.name_ar, population=e.population, admin1=e.admin1, score=rank,
                  pid=base + i, admin2=e.admin2)
            for i, e in enumerate(entries)
        ]
        self._user_names = [e.names for e in entries]
        self._user_keys: dict[str, list[int]] = {}
        for place, names in zip(self._user, self._user_names):
            for name in names:
                for key in lookup_keys(name):
                    self._user_keys.setdefault(key, []).append(place.pid)
        corrected = [e.corrects for e in entries if e.corrects is not None]
        self._hidden: set[int] = set()
        if corrected:
            gids = np.asarray(self._places["geonameid"])
            self._hidden = {int(pid) for pid in np.nonzero(np.isin(gids, corrected))[0]}

    # -- rows -------------------------------------------------------------
    def _text(self, off: int, length: int) -> str | None:
        if not length:
            return None
        return self._strings[off:off + length].decode("utf-8")

    def place(self, pid: int, score: float | None = None) -> Place:
        if pid >= len(self._places):
            place = self._user[pid - len(self._places)]
            return place if score is None else place.with_score(score)
        (lat, lon, pop, gid, kind, cc, rank, n_off, n_len, a_off, a_len, d_off, d_len, d2_off, d2_len) = (
            self._places[pid].item()
        )
        return Place(
            name=self._text(n_off, n_len) or "",
            lat=lat, lon=lon, kind=self._kinds[kind],
            country_code=cc.decode("ascii") or None,
            name_ar=self._text(a_off, a_len),
            geonameid=gid if gid >= 0 else None,
            population=pop,
            admin1=self._text(d_off, d_len),
            score=float(rank) if score is None else score,
            pid=pid,
            admin2=self._text(d2_off, d2_len),
        )

    def lookup_kind(self, kind: str) -> list[Place]:
        """Every place of one kind (e.g. all countries), best ranked first."""
        rows = np.nonzero(self._kind_codes == KIND_CODES[kind])[0]
        return [self.place(int(pid)) for pid in rows]

    @cached_property
    def _kind_codes(self) -> np.ndarray:
        """The kind code of every row, read from the file in chunks: a column of the
        memory-mapped table would page the whole 17 MB table into the process."""
        return _read_column(self.index_dir / "places.npy", "kind", len(self._places))

    # -- name lookup ----------------------------------------------------
    def _key_rows(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        h = np.uint64(key_hash(key))
        lo = int(np.searchsorted(self._keys, h, "left"))
        hi = int(np.searchsorted(self._keys, h, "right"))
        return self._postings[lo:hi], self._tiers[lo:hi]

    def candidates(self, name: str) -> dict[int, float]:
        """Exact and article-dropped matches: place row → score."""
        found: dict[int, float] = {}
        for query_tier, key in enumerate(lookup_keys(name)):
            pids, tiers = self._key_rows(key)
            for pid, tier in zip(pids.tolist(), tiers.tolist()):
                row = self._places[pid]
                penalty = AREA_ARTICLE_PENALTY if row["kind"] in _AREA_CODES else ARTICLE_PENALTY
                score = float(row["rank"]) - penalty * max(query_tier, tier)
                if score > found.get(pid, -1.0):
                    found[pid] = score
        if self._user:
            for query_tier, key in enumerate(lookup_keys(name)):
                for pid in self._user_keys.get(key, ()):
                    score = self._user[pid - len(self._places)].score - ARTICLE_PENALTY * query_tier
                    found[pid] = max(found.get(pid, -1.0), score)
        for pid in self._hidden.intersection(found):
            del found[pid]
        return found

    def _country_of(self, pid: int) -> str:
        if pid >= len(self._places):
            return self._user[pid - len(self._places)].country_code or ""
        return self._places[pid]["cc"].decode("ascii")

    def lookup(self, name: str, limit: int = 10, *, fuzzy: bool = True,
               country_codes: tuple[str, ...] | None = None) -> list[Place]:
        """Places this name can mean, best first (deterministic)."""
        if not isinstance(name, str):
            raise TypeError(f"name must be str, not {type(name).__name__}")
        found = self.candidates(name)
        if not found:
            head_less = _HEAD_WORDS.sub("", name_key(name))
            if head_less and head_less != name_key(name):
                found = {pid: s - 0.05 for pid, s in self.candidates(head_less).items()}
        if not found and fuzzy:
            found = self._fuzzy(name)
        if country_codes:
            wanted = {c.upper() for c in country_codes}
            found = {p: s for p, s in found.items() if self._country_of(p) in wanted}
        best = sorted(found.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [self.place(pid, score) for pid, score in best]

    @cached_property
    def _fuzzy_keys(self) -> dict[str, tuple[list[str], list[int]]]:
        """Every exact key grouped by first character, each group sorted by
        length with its lengths alongside (loaded on the first fuzzy lookup)."""
        path = self.index_dir / "fuzzy_keys.txt"
        groups: dict[str, list[str]] = {}
        if path.exists():
            for key in path.read_text(encoding="utf-8").split("\n"):
                if key:
                    groups.setdefault(key[0], []).append(key)
        return {first: (sorted(keys, key=len), sorted(len(k) for k in keys)) for first, keys in groups.items()}

    def _fuzzy(self, name: str, limit: int = 5) -> dict[int, float]:
        """Misspellings: similar keys (ratio ≥ 80) that start with the same
        letter. A ratio ≥ 80 is impossible between strings whose lengths differ
        by more than a factor 1.5, so only that slice of the group is scanned;
        a misspelt first letter is left to the alternate names GeoNames has."""
        from rapidfuzz import fuzz, process

        key = compact_key(name)
        if len(key) < 4 or key[0] not in self._fuzzy_keys:
            return {}
        keys, lengths = self._fuzzy_keys[key[0]]
        lo = bisect.bisect_left(lengths, math.ceil(len(key) / 1.5))
        hi = bisect.bisect_right(lengths, math.floor(len(key) * 1.5))
        pool = keys[lo:hi]
        found: dict[int, float] = {}
        matches = process.extract(key, pool, scorer=fuzz.ratio, limit=limit, score_cutoff=80)
        for matched, similarity, _ in matches:
            for pid, score in self.candidates(matched).items():
                score = score - FUZZY_PENALTY * (1 - (similarity - 80) / 20) - 0.2
                if score > found.get(pid, -1.0):
                    found[pid] = score
        return found

    # -- reverse ----------------------------------------------------------
    @cached_property
    def _coords(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        lat = np.asarray(self._places["lat"])
        lon = np.asarray(self._places["lon"])
        pointlike = self._kind_codes == KIND_CODES["populated_place"]
        return lat, lon, pointlike

    @cached_property
    def boundaries(self):
        from .boundaries import Boundaries

        return Boundaries.load(self.index_dir)

    def nearest(self, lat: float, lon: float, limit: int = 5, *, populated_only: bool = True) -> list[Nearby]:
        lats, lons, pointlike = self._coords
        window = (np.abs(lats - lat) < 1.5) & (np.abs(lons - lon) < 1.5 / max(math.cos(math.radians(lat)), 0.1))
        if populated_only:
            window &= pointlike
        rows = np.nonzero(window)[0]
        if not len(rows):
            rows = np.nonzero(pointlike)[0] if populated_only else np.arange(len(lats))
        dist = haversine_km(lat, lon, lats[rows], lons[rows])
        order = np.argsort(dist, kind="stable")[:limit]
        return [Nearby(self.place(int(rows[i])), float(dist[i])) for i in order]

    def reverse(self, lat: float, lon: float, limit: int = 5) -> ReverseResult:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"not a WGS84 point: {lat}, {lon}")
        hit = None
        try:
            hit = self.boundaries.locate(lat, lon)
        except (ImportError, FileNotFoundError):
            hit = None
        return ReverseResult(
            lat=lat, lon=lon,
            nearest=self.nearest(lat, lon, limit),
            country_code=getattr(hit, "country_code", None),
            country=getattr(hit, "country_name", None),
            country_ar=getattr(hit, "country_name_ar", None),
            admin1=getattr(hit, "admin1", None),
            admin1_ar=getattr(hit, "admin1_ar", None),
            regions=tuple(getattr(hit, "regions", ()) or ()),
        )

    # -- recogniser support -------------------------------------------------
    def arabic_word_frequencies(self) -> FrequencyTable:
        """Folded Arabic words → Zipf frequency (empty for an index without it);
        a compact table (`compact.FrequencyTable`) with `get`, `in` and `len`."""
        return _frequency_table(self.index_dir / "arabic_words.tsv")

    def english_word_frequencies(self) -> FrequencyTable:
        """Folded English words → Zipf frequency (empty for an index without it)."""
        return _frequency_table(self.index_dir / "english_words.tsv")

    def surface_forms(self) -> Iterator[tuple[str, list[int], float]]:
        """Spaced name keys that may be matched in text, with their place rows
        and how common the name is as an ordinary word (Zipf scale)."""
        hidden = self._hidden
        with open(self.index_dir / "surface.tsv", encoding="utf-8") as handle:
            for line in handle:
                key, pids, zipf = line.rstrip("\n").split("\t")
                rows = [int(p) for p in pids.split(",")]
                if hidden:
                    rows = [p for p in rows if p not in hidden]
                    if not rows:
                        continue
                yield key, rows, float(zipf)
        if self._user:
            from .build import latin_variants, spelling_variants

            for place, names in zip(self._user, self._user_names):
                for name in names:
                    key = name_key(name).removeprefix("the ")
                    variants = spelling_variants(key) if is_arabic(name) else latin_variants(key)
                    for variant in dict.fromkeys(variants):
                        if len(variant) >= 3:
                            yield variant, [place.pid], 0.0


def _frequency_table(path: Path) -> FrequencyTable:
    """A word → Zipf table read from a `word<TAB>zipf` file (empty when the file is missing)."""
    if not path.exists():
        return FrequencyTable.from_items(())
    with open(path, encoding="utf-8") as handle:
        return FrequencyTable.from_items(
            (word, float(zipf)) for word, _, zipf in (line.rstrip("\n").partition("\t") for line in handle))


def _read_column(path: Path, field: str, rows: int, chunk_rows: int = 1 << 14) -> np.ndarray:
    """One field of a structured .npy table, read with ordinary reads (which leave the
    pages in the system's file cache, not in this process's memory)."""
    with open(path, "rb") as handle:
        version = np.lib.format.read_magic(handle)
        read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                       else np.lib.format.read_array_header_2_0)
        shape, fortran, dtype = read_header(handle)
        if fortran or len(shape) != 1 or shape[0] != rows:
            raise ValueError(f"{path}: not a table of {rows} rows")
        column = np.empty(rows, dtype=dtype[field])
        buffer = np.empty(chunk_rows, dtype=dtype)
        done = 0
        while done < rows:
            n = min(chunk_rows, rows - done)
            view = memoryview(buffer[:n]).cast("B")
            if handle.readinto(view) != view.nbytes:
                raise ValueError(f"{path}: truncated")
            column[done:done + n] = buffer[:n][field]
            done += n
    return column
