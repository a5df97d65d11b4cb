"""`ingest`, `export`, `demo` and `migrate` subcommands: exit codes, outputs, one-line errors."""
from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from store_fakes import FakeParser

from map_app.store import base as store_module
from map_app.cli import main
from map_app.cli.store import add_subcommands

REPO = Path(__file__).resolve().parents[1]
EN = "A drone strike hit Al-Bukamal on 2024-03-11, killed 2."
PROTEST = "Hundreds joined a protest in Mosul on 2024-10-01."


@pytest.fixture(autouse=True)
def fake_parser(monkeypatch: pytest.MonkeyPatch) -> FakeParser:
    """Every store the CLI opens parses with the fake parser."""
    parser = FakeParser()
    monkeypatch.setattr(store_module, "default_parser", lambda: parser)
    return parser


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_subcommands_attach_to_another_parser() -> None:
    parser = argparse.ArgumentParser()
    add_subcommands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["export", "--format", "csv", "--type", "A", "--type", "B",
                              "--since", "2024-01-01"])
    assert args.types == ["A", "B"] and args.since.isoformat() == "2024-01-01"
    assert callable(args.func)


def test_first_use_creates_an_empty_store(tmp_path: Path, capsys) -> None:
    db = tmp_path / "new" / "x.sqlite"
    article = tmp_path / "a.txt"
    article.write_text(PROTEST, encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(article), "--db", str(db), "--quiet")
    assert code == 0 and db.exists()
    assert err.startswith(f"created the incident store {db}\n")
    code, out, err = run(capsys, "export", "--db", str(db))
    assert code == 0 and err == ""
    assert [f["properties"]["location"] for f in json.loads(out)["features"]] == ["Mosul"]


def test_ingest_into_a_new_store_adds_no_demo(tmp_path: Path, capsys) -> None:
    db = tmp_path / "new.sqlite"
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    code, _, err = run(capsys, "ingest", "-q", str(tmp_path / "a.txt"), "--db", str(db))
    assert code == 0 and "1 article(s) added" in err
    code, out, _ = run(capsys, "export", "--include-demo", "--db", str(db))
    assert len(json.loads(out)["features"]) == 1


def test_demo_is_exported_only_when_asked_and_removable(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "x.sqlite")
    (tmp_path / "a.txt").write_text(PROTEST, encoding="utf-8")
    assert run(capsys, "demo", "--db", db)[0] == 0
    assert run(capsys, "ingest", "-q", str(tmp_path / "a.txt"), "--db", db)[0] == 0
    _, out, _ = run(capsys, "export", "--db", db)
    assert [f["properties"]["location"] for f in json.loads(out)["features"]] == ["Mosul"]
    _, out, _ = run(capsys, "export", "--include-demo", "--db", db)
    located = json.loads(out)["features"]
    assert len(located) > 1 and any(f["properties"]["location"] in ("Al-Bukamal", "البوكمال")
                                    for f in located)
    code, _, err = run(capsys, "demo", "--remove", "--db", db)
    assert code == 0 and err.startswith("removed 16 demo article(s)")
    _, out, _ = run(capsys, "export", "--include-demo", "--db", db)
    assert [f["properties"]["location"] for f in json.loads(out)["features"]] == ["Mosul"]


def test_ingest_then_export_csv_with_filters(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "x.sqlite")
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": PROTEST, "url": "https://e.org/p"}),
                                      encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl"),
                         "--db", db)
    assert code == 0 and out == ""
    assert "[1/2]" in err and err.strip().splitlines()[-1].startswith("2 article(s) added")
    code, out, err = run(capsys, "export", "--format", "csv", "--since", "2024-09-01",
                         "--type", "Protests", "--country", "IQ", "--db", db)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["location"], r["event_date"], r["source"]) for r in rows] == [
        ("Mosul", "2024-10-01", "https://e.org/p")]


def test_export_to_file(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "x.sqlite")
    assert run(capsys, "demo", "--db", db)[0] == 0
    out_file = tmp_path / "out" / "incidents.csv"
    code, out, err = run(capsys, "export", "-f", "csv", "-o", str(out_file), "--db", db)
    assert code == 0 and out == "" and "wrote" in err
    data = out_file.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM so spreadsheets read Arabic as UTF-8
    geo = tmp_path / "incidents.geojson"
    assert run(capsys, "export", "-o", str(geo), "--db", db)[0] == 0
    assert json.loads(geo.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_partial_failure_exits_1_and_total_failure_2(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "x.sqlite")
    (tmp_path / "good.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    code, _, err = run(capsys, "ingest", "-q", str(tmp_path / "good.txt"),
                       str(tmp_path / "bad.txt"), "--db", db)
    assert code == 1
    assert f"failed: {tmp_path / 'bad.txt'}: not a text file" in err
    assert "1 article(s) added" in err and "[1/2]" not in err
    code, _, err = run(capsys, "ingest", str(tmp_path / "bad.txt"), "--db", db)
    assert code == 2


def test_demo_command_is_idempotent(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "x.sqlite")
    code, _, err = run(capsys, "demo", "--db", db)
    assert code == 0 and err.splitlines() == [
        f"created the incident store {db}",
        "16 demo article(s) added; the store holds 16 article(s), 5 incident(s)"]
    code, _, err = run(capsys, "demo", "--db", db)
    assert code == 0 and err.startswith("0 demo article(s) added")


def test_errors_are_one_line(tmp_path: Path, capsys, monkeypatch) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not sqlite at all" * 50)
    code, out, err = run(capsys, "export", "--db", str(junk))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("map_app: error: ")
    # a crashing parser while loading the demo: still one line
    monkeypatch.setattr(store_module, "default_parser", lambda: None)
    code, _, err = run(capsys, "demo", "--db", str(tmp_path / "fresh.sqlite"))
    assert code == 2 and len(err.strip().splitlines()) == 2  # "created ..." then the error
    assert "cannot load the demo articles" in err.strip().splitlines()[-1]
    with pytest.raises(SystemExit) as info:
        main(["export", "--since", "yesterday"])
    assert info.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_no_traceback_in_a_real_process(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00" * 4096)
    proc = subprocess.run([sys.executable, "-m", "map_app", "export", "--db", str(junk)],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_ingest_with_workers_and_option_errors(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "x.sqlite")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": f"{PROTEST} Report {n}."}) for n in range(9)),
                    encoding="utf-8")
    code, _, err = run(capsys, "ingest", "-q", "--workers", "2", "--batch", "2", str(feed),
                       "--db", db)
    assert code == 0 and err.strip().splitlines()[-1].startswith("9 article(s) added")
    code, _, err = run(capsys, "ingest", "-q", "--workers", "2", f"{tmp_path}/*.jsonl",
                       "--db", db)
    assert code == 0 and "0 article(s) added" in err and "9 duplicate(s) skipped" in err
    code, _, err = run(capsys, "ingest", "--parquet-out", str(tmp_path / "lake"), str(feed))
    assert code == 2 and "--parquet-out needs --dask" in err
    with pytest.raises(SystemExit):
        main(["ingest", "--workers", "-1", str(feed)])
    assert "not a number of workers" in capsys.readouterr().err
