"""The basemap: Natural Earth outlines cut down to the region the map covers.

The dashboard's default basemap is the project's own country / admin-1
boundaries, not web tiles, so every map embeds them: clipping to the region,
simplifying and rounding keeps that to tens of kilobytes.  Clipping takes about
half a second, so the result is kept beside the source file (`load_outlines`) and
a server's first page reads it instead of clipping again.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

#: Syria, Iraq and their neighbours, generously (lon/lat).
REGION_BBOX = (24.0, 22.0, 62.0, 44.0)


def _geometry_bbox(geometry: dict) -> tuple[float, float, float, float] | None:
    xs: list[float] = []
    ys: list[float] = []

    def walk(coords):
        if coords and isinstance(coords[0], (int, float)):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    walk((geometry or {}).get("coordinates") or [])
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _round_coords(coords, digits: int):
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], digits), round(coords[1], digits)]
    return [_round_coords(c, digits) for c in coords]


def _clip_simplify(geometry: dict, bbox, tolerance: float) -> dict | None:
    """Cut to the box and Douglas-Peucker through shapely (None if nothing is left)."""
    try:
        import shapely
        from shapely.geometry import mapping, shape

        shapes = shapely.clip_by_rect(shape(geometry), *bbox)
        if tolerance:
            shapes = shapes.simplify(tolerance, preserve_topology=True)
        if shapes.is_empty:
            return None
        return json.loads(json.dumps(mapping(shapes)))
    except Exception:  # noqa: BLE001 - an odd geometry keeps its full detail
        return geometry


def clip_outlines(geojson: dict | None, bbox=REGION_BBOX, *, digits: int = 3,
                  tolerance: float = 0.01,
                  keep=("name", "NAME", "name_en", "NAME_EN", "admin", "iso_a2", "ISO_A2")) -> dict | None:
    """The features of a FeatureCollection that touch ``bbox``, made light.

    Shapes are simplified (``tolerance`` degrees, ~1 km), coordinates rounded
    (~100 m) and properties trimmed, so the basemap
    adds tens, not thousands, of kilobytes to every map.
    """
    if not geojson:
        return None
    west, south, east, north = bbox
    features = []
    for feature in geojson.get("features", ()):
        geometry = feature.get("geometry")
        box = _geometry_bbox(geometry) if geometry else None
        if not box or box[2] < west or box[0] > east or box[3] < south or box[1] > north:
            continue
        props = {k: v for k, v in (feature.get("properties") or {}).items() if k in keep}
        geometry = _clip_simplify(geometry, bbox, tolerance)
        if geometry is None:
            continue
        features.append({
            "type": "Feature",
            "properties": props,
            "geometry": {"type": geometry["type"],
                         "coordinates": _round_coords(geometry["coordinates"], digits)},
        })
    return {"type": "FeatureCollection", "features": features} if features else None


#: Bumped when `clip_outlines` changes what it makes, so older kept copies are not read.
CLIP_VERSION = 1


def _kept_path(path: Path, bbox) -> Path | None:
    """Where the clipped copy of `path` is kept: named by the source file's size and
    modification time and the clipping parameters, so a rebuilt source is clipped again."""
    try:
        st = path.stat()
    except OSError:
        return None
    key = json.dumps([CLIP_VERSION, list(bbox), st.st_size, st.st_mtime_ns])
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return path.with_name(f".{path.name}.region-{digest}.json")


def _read_json(path: Path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _keep(kept: Path, data: dict | None) -> None:
    """Write the clipped copy atomically and drop copies of older sources; a read-only
    folder just means no copy is kept."""
    try:
        fd, tmp = tempfile.mkstemp(dir=kept.parent, prefix=kept.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        os.chmod(tmp, 0o644)  # readable like its source, whoever runs the server next
        os.replace(tmp, kept)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return
    prefix = kept.name.rsplit("-", 1)[0] + "-"
    for old in kept.parent.glob(prefix + "*.json"):
        if old != kept:
            old.unlink(missing_ok=True)


def load_outlines(path, bbox=REGION_BBOX) -> dict | None:
    """Read and clip a boundaries GeoJSON file; None when it is missing or unreadable.

    The clipped result is kept beside the file (a hidden ``.<name>.region-<key>.json``)
    and read from there while the source file is unchanged."""
    if not path:
        return None
    path = Path(path)
    kept = _kept_path(path, bbox)
    if kept is not None and kept.exists():
        try:
            data = _read_json(kept)
            if data is None or (isinstance(data, dict) and data.get("type") == "FeatureCollection"):
                return data
        except (OSError, ValueError):
            pass  # damaged copy: clip again and replace it
    try:
        source = _read_json(path)
    except (OSError, ValueError):
        return None
    clipped = clip_outlines(source, bbox)
    if kept is not None:
        _keep(kept, clipped)
    return clipped
