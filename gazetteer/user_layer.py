"""The analysts' own gazetteer: places added or corrected in review.

A GeoJSON FeatureCollection (RFC 7946: [lon, lat] points, WGS84) at
`var/user_places.geojson`, or wherever `GAZETTEER_USER_LAYER` points. Every
`Gazetteer.open()` reads it, so every later parse (and the recogniser's
automaton, whose cache is stamped with the layer's hash) knows these places:

    >>> from gazetteer.user_layer import add_user_place
    >>> add_user_place("Ayyash", 35.28, 40.05, name_ar="عياش", admin1="Deir ez-Zor")

Teams share it by export and import (`python -m gazetteer user export|import`).
A user place outranks gazetteer homonyms (USER_PRIOR): the analyst said so.
A place that corrects a gazetteer entry names its GeoNames id in `corrects`;
that entry is then hidden from lookups and from the recogniser.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .place import KINDS

#: Rank of a user place above the static rank of its kind (gazetteer.build.KIND_BASE).
USER_PRIOR = 0.8
#: Limits: a layer is hand-made; a bigger file is a mistake, not a gazetteer.
MAX_FEATURES = 50_000
MAX_NAME_CHARS = 200


class UserLayerError(ValueError):
    """The user layer file or an entry in it is not valid."""


@dataclass
class UserPlace:
    name: str
    lat: float
    lon: float
    kind: str = "populated_place"
    name_ar: str | None = None
    aliases: list[str] = field(default_factory=list)
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    corrects: int | None = None
    note: str = ""
    added_at: str = ""

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(n for n in [self.name, self.name_ar, *self.aliases] if n))

    def to_feature(self) -> dict[str, Any]:
        props = {"name": self.name, "name_ar": self.name_ar, "aliases": self.aliases, "kind": self.kind,
                 "country_code": self.country_code, "admin1": self.admin1, "admin2": self.admin2,
                 "population": self.population, "corrects": self.corrects, "note": self.note,
                 "added_at": self.added_at}
        point = [round(self.lon, 6), round(self.lat, 6)]
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": point},
                "properties": {k: v for k, v in props.items() if v not in (None, "", [], 0) or k == "name"}}


def default_path() -> Path:
    env = os.environ.get("GAZETTEER_USER_LAYER")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / "var" / "user_places.geojson"


def _checked(props: dict[str, Any], coords: Any, where: str) -> UserPlace:
    if not isinstance(coords, (list, tuple)) or len(coords) < 2:
        raise UserLayerError(f"{where}: geometry must be a Point with [lon, lat]")
    try:
        lon, lat = float(coords[0]), float(coords[1])
    except (TypeError, ValueError):
        raise UserLayerError(f"{where}: coordinates are not numbers") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise UserLayerError(f"{where}: not a WGS84 point: lat {lat}, lon {lon}")
    name = props.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME_CHARS:
        raise UserLayerError(f"{where}: 'name' must be a non-empty string of at most {MAX_NAME_CHARS} characters")
    kind = props.get("kind") or "populated_place"
    if kind not in KINDS or kind == "unlisted":
        raise UserLayerError(f"{where}: unknown kind {kind!r}")
    aliases = props.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and len(a) <= MAX_NAME_CHARS for a in aliases):
        raise UserLayerError(f"{where}: 'aliases' must be a list of strings")
    code = props.get("country_code")
    if code is not None and (not isinstance(code, str) or len(code) != 2):
        raise UserLayerError(f"{where}: 'country_code' must be a two-letter ISO code")
    corrects = props.get("corrects")
    if corrects is not None and not isinstance(corrects, int):
        raise UserLayerError(f"{where}: 'corrects' must be a GeoNames id (integer)")
    return UserPlace(
        name=name.strip(), lat=lat, lon=lon, kind=kind, name_ar=props.get("name_ar") or None,
        aliases=[a.strip() for a in aliases if a.strip()], country_code=code.upper() if code else None,
        admin1=props.get("admin1") or None, admin2=props.get("admin2") or None,
        population=int(props.get("population") or 0), corrects=corrects, note=str(props.get("note") or ""),
        added_at=str(props.get("added_at") or ""),
    )


def parse(data: Any, source: str = "user layer") -> list[UserPlace]:
    """User places from a GeoJSON FeatureCollection (already decoded)."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" \
            or not isinstance(data.get("features"), list):
        raise UserLayerError(f"{source}: not a GeoJSON FeatureCollection")
    if len(data["features"]) > MAX_FEATURES:
        raise UserLayerError(f"{source}: more than {MAX_FEATURES} features")
    places = []
    for i, feature in enumerate(data["features"]):
        where = f"{source}: feature {i}"
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            raise UserLayerError(f"{where}: not a Feature with a geometry")
        if feature["geometry"].get("type") != "Point":
            raise UserLayerError(f"{where}: geometry must be a Point")
        places.append(_checked(feature.get("properties") or {}, feature["geometry"].get("coordinates"), where))
    return places


def load(path: Path | str | None = None) -> list[UserPlace]:
    """The layer's places ([] when the file does not exist)."""
    path = Path(path) if path else default_path()
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserLayerError(f"{path}: cannot read the user layer: {exc}") from None
    return parse(data, str(path))


def stamp(path: Path | str | None = None) -> str:
    """A hash of the layer file ('' when there is none): part of cache keys."""
    path = Path(path) if path else default_path()
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def save(places: Iterable[UserPlace], path: Path | str | None = None) -> Path:
    path = Path(path) if path else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"type": "FeatureCollection", "features": [p.to_feature() for p in places]}
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def _same(a: UserPlace, b: UserPlace) -> bool:
    return a.name.casefold() == b.name.casefold() and abs(a.lat - b.lat) < 1e-4 and abs(a.lon - b.lon) < 1e-4


def add_user_place(name: str, lat: float, lon: float, name_ar: str | None = None, *,
                   kind: str = "populated_place", aliases: Iterable[str] = (), country_code: str | None = None,
                   admin1: str | None = None, admin2: str | None = None, population: int = 0,
                   corrects: int | None = None, note: str = "", path: Path | str | None = None) -> UserPlace:
    """Add (or update, same name and point) one place in the user layer; the
    library call the review dashboard uses. Takes effect for parsers opened
    afterwards (`map_app.geoparse.pipeline.reload_default_geoparser()`)."""
    props = {"name": name, "name_ar": name_ar, "kind": kind, "aliases": list(aliases),
             "country_code": country_code, "admin1": admin1, "admin2": admin2, "population": population,
             "corrects": corrects, "note": note, "added_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    place = _checked(props, [lon, lat], "new user place")
    places = [p for p in load(path) if not _same(p, place)]
    places.append(place)
    save(places, path)
    return place


def remove_user_place(name: str, path: Path | str | None = None) -> int:
    """Remove every user place of this name; returns how many went."""
    places = load(path)
    kept = [p for p in places if p.name.casefold() != name.strip().casefold()]
    if len(kept) != len(places):
        save(kept, path)
    return len(places) - len(kept)


def export_layer(out: Path | str, path: Path | str | None = None) -> int:
    places = load(path)
    save(places, out)
    return len(places)


def import_layer(source: Path | str, path: Path | str | None = None, *, replace: bool = False) -> int:
    """Merge a shared layer into this one (same name and point: the imported
    entry wins); `replace=True` overwrites it. Returns the places imported."""
    try:
        incoming = parse(json.loads(Path(source).read_text(encoding="utf-8")), str(source))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserLayerError(f"{source}: cannot read: {exc}") from None
    places = [] if replace else [p for p in load(path) if not any(_same(p, q) for q in incoming)]
    save(places + incoming, path)
    return len(incoming)
