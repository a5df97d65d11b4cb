"""The command line on hostile arguments (issue 7, failure 8): one true line, nothing lost."""
from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

ARTICLE = "Clashes erupted near Al-Bukamal on 2024-03-11, killing 2 fighters."


def one_error_line(result) -> str:
    err = result.stderr.decode()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_places_on_a_directory_says_so(tmp_path):
    result = run_cli("map_app", "places", str(tmp_path))
    assert result.returncode == 2
    line = one_error_line(result)
    assert "is a directory" in line and "no such file" not in line


def test_places_on_dev_null_is_empty_not_missing():
    result = run_cli("map_app", "incidents", "/dev/null")
    assert result.returncode == 2
    line = one_error_line(result)
    assert "/dev/null: empty input" in line


def test_places_on_a_missing_file_is_missing(tmp_path):
    result = run_cli("map_app", "places", str(tmp_path / "nope.txt"))
    assert result.returncode == 2 and "nope.txt: no such file" in one_error_line(result)


def _store_with_an_incident(tmp_path: Path) -> Path:
    db = tmp_path / "s.sqlite"
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert run_cli("map_app", "ingest", str(article), "--db", str(db), "--quiet").returncode == 0
    return db


def test_export_to_a_directory_names_the_directory(tmp_path):
    db = _store_with_an_incident(tmp_path)
    target = tmp_path / "out"
    target.mkdir()
    before = set(tmp_path.iterdir())
    result = run_cli("map_app", "export", "--db", str(db), "--out", str(target))
    assert result.returncode == 2
    line = one_error_line(result)
    assert str(target) in line and "is a directory" in line
    assert ".out." not in line and "tmp" not in line.replace(str(tmp_path), "")
    assert set(tmp_path.iterdir()) == before and list(target.iterdir()) == []  # no temporary file left


def test_export_from_a_mistyped_store_is_an_error(tmp_path):
    _store_with_an_incident(tmp_path)
    typo = tmp_path / "s.sqllite"
    result = run_cli("map_app", "export", "--db", str(typo))
    assert result.returncode == 2 and result.stdout == b""
    assert f"no incident store at {typo}" in one_error_line(result)
    assert not typo.exists()


def test_export_writes_what_the_store_holds(tmp_path):
    db = _store_with_an_incident(tmp_path)
    out = tmp_path / "x.geojson"
    result = run_cli("map_app", "export", "--db", str(db), "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert any("Al-Bukamal" in (f["properties"].get("mention"), f["properties"].get("location")) for f in features)
