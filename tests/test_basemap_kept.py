"""The clipped basemap is kept beside its source and read back while the source is unchanged."""
from __future__ import annotations

import json
import os

import pytest

from map_app.dashboard import basemap


def _square(lon: float, lat: float, name: str) -> dict:
    ring = [[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]
    return {"type": "Feature", "properties": {"name": name, "junk": "x" * 50},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _write(path, *features) -> None:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}),
                    encoding="utf-8")


def _kept(folder):
    return sorted(p.name for p in folder.glob(".outlines.geojson.region-*.json"))


def test_second_load_reads_the_kept_copy_without_clipping(tmp_path, monkeypatch):
    src = tmp_path / "outlines.geojson"
    _write(src, _square(38.0, 35.0, "Inside"), _square(-80.0, 10.0, "Far away"))
    first = basemap.load_outlines(src)
    assert [f["properties"] for f in first["features"]] == [{"name": "Inside"}]
    assert len(_kept(tmp_path)) == 1

    def no_clipping(*_a, **_k):
        raise AssertionError("clipped again although the source did not change")

    monkeypatch.setattr(basemap, "clip_outlines", no_clipping)
    assert basemap.load_outlines(src) == first


def test_a_changed_source_is_clipped_again_and_the_old_copy_dropped(tmp_path):
    src = tmp_path / "outlines.geojson"
    _write(src, _square(38.0, 35.0, "Old"))
    basemap.load_outlines(src)
    before = _kept(tmp_path)
    _write(src, _square(40.0, 34.0, "New"), _square(44.0, 33.0, "Also new"))
    st = src.stat()
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    again = basemap.load_outlines(src)
    assert [f["properties"]["name"] for f in again["features"]] == ["New", "Also new"]
    after = _kept(tmp_path)
    assert len(after) == 1 and after != before


@pytest.mark.parametrize("damage", ["{not json", json.dumps({"type": "Feature"})])
def test_a_damaged_copy_is_replaced(tmp_path, damage):
    src = tmp_path / "outlines.geojson"
    _write(src, _square(38.0, 35.0, "Inside"))
    good = basemap.load_outlines(src)
    (tmp_path / _kept(tmp_path)[0]).write_text(damage, encoding="utf-8")
    assert basemap.load_outlines(src) == good
    assert basemap.load_outlines(src) == good


def test_a_read_only_folder_still_gives_the_outlines(tmp_path, monkeypatch):
    src = tmp_path / "outlines.geojson"
    _write(src, _square(38.0, 35.0, "Inside"))

    def refuse(*_a, **_k):
        raise PermissionError("read-only")

    monkeypatch.setattr(basemap.tempfile, "mkstemp", refuse)
    out = basemap.load_outlines(src)
    assert [f["properties"]["name"] for f in out["features"]] == ["Inside"]
    assert _kept(tmp_path) == []


def test_missing_or_unreadable_source_gives_none(tmp_path):
    assert basemap.load_outlines(tmp_path / "absent.geojson") is None
    bad = tmp_path / "outlines.geojson"
    bad.write_text("{oops", encoding="utf-8")
    assert basemap.load_outlines(bad) is None
