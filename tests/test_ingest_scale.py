"""Ingest at scale: Parquet and globs, resumable runs, a local process pool, a Dask
LocalCluster (store and GeoParquet paths), and a kill -9 in the middle of a run."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from store_fakes import BrokenParser, FakeParser

from map_app.ingest import IngestError, expand_paths, ingest_paths, read_articles
from map_app.store import open_store

REPO = Path(__file__).resolve().parents[1]
TOWNS = ["Al-Bukamal", "Raqqa", "Mosul", "Al-Qaim"]
KINDS = ["A drone strike hit", "Artillery shelled", "SDF forces arrested men in",
         "Hundreds joined a protest in"]


def article(n: int) -> str:
    """A distinct short article the fake parser turns into one incident."""
    day = date(2024, 1, 1).toordinal() + n % 300
    return (f"{KINDS[n % 4]} {TOWNS[n % 3]} on {date.fromordinal(day).isoformat()}. "
            f"Report number {n} of the desk.")


def write_jsonl(path: Path, numbers) -> Path:
    path.write_text("\n".join(json.dumps({"text": article(n), "url": f"https://e.org/{n}"})
                              for n in numbers), encoding="utf-8")
    return path


def counts(store) -> tuple[int, int, int]:
    s = store.stats()
    return s["articles"], s["incidents"] + s["rejected"], s["mentions"]


# --------------------------------------------------------------------------- reading


def test_parquet_articles_and_errors(tmp_path: Path) -> None:
    table = pa.table({"Text": [article(1), "", article(2)],
                      "published": [date(2024, 3, 12), None, date(2024, 3, 13)],
                      "url": ["https://e.org/1", None, None], "extra": [1, 2, 3]})
    pq.write_table(table, tmp_path / "feed.parquet")
    items = list(ingest_items(tmp_path / "feed.parquet"))
    assert [i.published for i in items if not isinstance(i, IngestError)] == [
        date(2024, 3, 12), date(2024, 3, 13)]
    [bad] = [i for i in items if isinstance(i, IngestError)]
    assert bad.path.endswith("feed.parquet:row 2") and "text" in bad.reason
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "nocol.parquet")
    with pytest.raises(IngestError, match="needs a \"text\" column"):
        list(read_articles(tmp_path / "nocol.parquet"))
    (tmp_path / "junk.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(IngestError, match="not a readable Parquet file"):
        list(read_articles(tmp_path / "junk.parquet"))


def ingest_items(path: Path):
    from map_app.ingest.readers import _records

    return _records(str(path), path.read_bytes())


def test_globs_folders_and_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.jsonl", "a/b/two.jsonl", "a/b/skip.md", "top.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = expand_paths([f"{tmp_path}/a/**/*.jsonl", tmp_path / "top.txt",
                          tmp_path / "a" / "one.jsonl"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/b/two.jsonl", "a/one.jsonl", "top.txt"]
    assert expand_paths([f"{tmp_path}/nothing-*.csv"]) == [Path(f"{tmp_path}/nothing-*.csv")]


# --------------------------------------------------------------------------- resumable


def test_rerun_skips_stored_articles_without_parsing(store_url: str, tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", range(12))
    parser = FakeParser()
    with open_store(store_url, parser=parser) as store:
        first = ingest_paths(store, [feed])
        calls = parser.calls
        again = ingest_paths(store, [feed], workers=2, parser=parser)
        assert (first.added, again.added, again.duplicates) == (12, 0, 12)
        assert parser.calls == calls == 12


def test_process_pool_stores_what_one_process_stores(store_url: str, tmp_path: Path) -> None:
    write_jsonl(tmp_path / "feed.jsonl", range(40))
    write_jsonl(tmp_path / "dupes.jsonl", range(30, 45))  # 10 repeats, 5 new
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    with open_store(str(tmp_path / "serial.sqlite"), parser=FakeParser()) as serial:
        expected = ingest_paths(serial, [tmp_path])
        want = counts(serial)
    with open_store(store_url) as store:
        seen = []
        report = ingest_paths(store, [tmp_path], workers=2, batch_size=4, parser=FakeParser(),
                              on_batch=lambda r: seen.append(r.added))
        assert counts(store) == want
        assert {s.url for i in store.incidents() for s in i.sources} == {
            f"https://e.org/{n}" for n in range(45)}
    assert (report.added, report.duplicates) == (expected.added, expected.duplicates) == (45, 10)
    assert report.failed == expected.failed and len(report.failed) == 1
    assert seen and seen[-1] == 45


def test_one_worker_is_one_process_storing_in_batches(tmp_path: Path, monkeypatch) -> None:
    """`workers=1` parses and stores in this process (no pool, no pickling): the natural
    meaning of one worker, and what two workers are measured against."""
    import map_app.ingest.parallel as parallel

    def no_pool(*args, **kwargs):
        raise AssertionError("one worker must not start a process pool")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    feed = write_jsonl(tmp_path / "feed.jsonl", list(range(10)) + [3, 4])
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    with open_store(str(tmp_path / "one.sqlite")) as store:
        seen = []
        report = ingest_paths(store, [tmp_path], workers=1, batch_size=4, parser=FakeParser(),
                              on_batch=lambda r: seen.append(r.added))
        assert counts(store)[0] == 10
    assert (report.added, report.duplicates, len(report.failed)) == (10, 2, 1)
    assert seen == [4, 8, 10]  # one transaction per batch of 4 new articles
    with open_store(str(tmp_path / "broken.sqlite")) as store:
        report = ingest_paths(store, [feed], workers=1, parser=BrokenParser())
        assert store.stats()["articles"] == 0 and len(report.failed) == 10


class SlowFirstParser(FakeParser):
    """The first article takes longest, so later batches finish before it."""

    def __call__(self, text, published=None, source=None):
        if "Report number 0 " in text:
            time.sleep(1.0)
        return super().__call__(text, published=published, source=source)


def test_workers_store_batches_in_input_order(tmp_path: Path) -> None:
    """Batches finishing out of order are still stored in the order read, so a parallel run
    stores what one process stores (ids, and merges across articles, follow that order)."""
    feed = write_jsonl(tmp_path / "feed.jsonl", range(6))
    with open_store(str(tmp_path / "x.sqlite")) as store:
        ingest_paths(store, [feed], workers=2, batch_size=1, parser=SlowFirstParser())
        order = [i.sources[0].url for i in sorted(store.incidents(), key=lambda r: r.id)]
    assert order == [f"https://e.org/{n}" for n in range(6)]


def test_parser_failures_in_workers_are_reported(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", range(5))
    with open_store(str(tmp_path / "x.sqlite")) as store:
        report = ingest_paths(store, [feed], workers=2, parser=BrokenParser())
        assert store.stats()["articles"] == 0
    assert report.added == 0 and len(report.failed) == 5
    assert report.failed[0] == (f"{feed}:1", "RuntimeError: gazetteer index not built")


# --------------------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def dask_client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                           dashboard_address=None)
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_cluster_stores_what_one_process_stores(store_url: str, tmp_path: Path,
                                                     dask_client) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", range(30))
    with open_store(str(tmp_path / "serial.sqlite"), parser=FakeParser()) as serial:
        ingest_paths(serial, [feed])
        want = counts(serial)
    with open_store(store_url) as store:
        report = ingest_paths(store, [feed], client=dask_client, batch_size=7,
                              parser=FakeParser())
        assert counts(store) == want and report.added == 30
        again = ingest_paths(store, [feed], client=dask_client, parser=FakeParser())
        assert (again.added, again.duplicates) == (0, 30)


def test_dask_partitions_to_geoparquet(tmp_path: Path, dask_client) -> None:
    import geopandas as gpd

    from map_app.ingest import IngestReport
    from map_app.ingest.distributed import write_geoparquet

    items = list(read_articles(write_jsonl(tmp_path / "feed.jsonl", range(10))))
    report = IngestReport()
    files = write_geoparquet(items, dask_client, tmp_path / "lake", report, partition_size=4,
                             parser=FakeParser())
    assert len(files) == 3 and report.added == 10
    frame = gpd.GeoDataFrame(
        gpd.pd.concat([gpd.read_parquet(f) for f in files], ignore_index=True))
    assert len(frame) == report.incidents == 10 and frame.crs.to_epsg() == 4326
    mosul = frame[frame["place_name"] == "Mosul"].iloc[0]
    assert (round(mosul.geometry.y, 3), round(mosul.geometry.x, 3)) == (36.335, 43.119)


# --------------------------------------------------------------------------- kill -9


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_9_during_parallel_ingest_then_rerun_stores_each_article_once(
        tmp_path: Path, index_dir) -> None:
    n = 600
    feed = write_jsonl(tmp_path / "feed.jsonl", range(n))
    db = tmp_path / "killed.sqlite"
    command = [sys.executable, "-m", "map_app", "ingest", "-q", "--workers", "2", "--batch", "4",
               "--db", str(db), str(feed)]
    proc = subprocess.Popen(command, cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count(db) < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the writer and both workers, mid-run
    proc.wait(timeout=30)
    stored = _count(db)
    assert 20 <= stored < n
    rerun = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n - stored} article(s) added" in rerun.stderr
    assert f"{stored} duplicate(s) skipped" in rerun.stderr
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*), count(DISTINCT hash) FROM articles").fetchone() == (
            n, n)
        urls = [r[0] for r in conn.execute("SELECT url FROM articles")]
        assert sorted(urls) == sorted(f"https://e.org/{k}" for k in range(n))
        # every incident source points at one article once
        assert conn.execute("SELECT count(*) FROM (SELECT article_id FROM incident_sources "
                            "GROUP BY incident_id, article_id HAVING count(*) > 1)"
                            ).fetchone()[0] == 0
    finally:
        conn.close()
