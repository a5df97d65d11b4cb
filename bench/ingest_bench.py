"""Benchmark ingest throughput: 1 and 2 local worker processes and a 2-worker Dask
LocalCluster, on the same corpus, side by side in one run.

Why: archives of millions of articles need more than one core; this measures how
far the parallel paths of `map_app ingest` carry on this machine and what one
writer allows beyond it.

Corpus: `bench/corpus.py` (seeded, half Arabic, half English, 2–5 KB articles),
written to a JSONL file.  Each run ingests the whole file into a new SQLite
store with the real parser (`map_app.parse`), timed from the call until the last
article is stored (pool start-up and each worker's gazetteer open included;
the Dask cluster's start-up is timed apart).  Runs:

  1 worker     `ingest_paths(..., workers=1)`: this process reads, parses and writes
               batch after batch (no pool: what `--workers 1` means)
  2 workers    `ingest_paths(..., workers=2)`: this process and a pool of 1 parse, this one writes
  dask 2       `ingest_paths(..., client=...)`: LocalCluster, 2 single-threaded
               worker processes, this one writes

Peak memory per worker: the largest resident set (RSS, which counts the shared,
memory-mapped gazetteer pages in every process) and unique set (USS) seen for
any worker process, sampled every 0.5 s (USS every 2 s: reading it is slow).  The projection for 10 and 100 workers
uses the measured per-worker CPU per article and the writer's own CPU per article
(reading, de-duplication and storing all happen in this one process):
docs/s(N) ≈ min(min(N, cores) / CPU per article, 1 / the writer's own CPU per article).

    .venv/bin/python bench/ingest_bench.py                    # 2 MB corpus
    .venv/bin/python bench/ingest_bench.py --mb 4 --markdown bench/out/ingest.md
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

import psutil  # noqa: E402

import corpus  # noqa: E402
from map_app.ingest import ingest_paths  # noqa: E402
from map_app.store import open_store  # noqa: E402


class WorkerMemory:
    """Samples the RSS/USS and CPU time of every descendant process (the workers)."""

    def __init__(self, interval: float = 0.5, uss_every: int = 4):
        self.interval = interval
        self.rss = self.uss = 0
        self.pids: set[int] = set()
        self.cpu: dict[int, float] = {}
        self._base: dict[int, float] = {}
        # USS reads /proc/PID/smaps, which is slow for a process mapping the gazetteer: done
        # every few samples only, so the sampler (a thread of the writer) does not slow it.
        self.uss_every = uss_every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        tick = 0
        while not self._stop.is_set():
            tick += 1
            for child in me.children(recursive=True):
                try:
                    info = (child.memory_full_info() if tick % self.uss_every == 1
                            else child.memory_info())
                    times = child.cpu_times()
                except (psutil.Error, OSError):
                    continue
                spent = times.user + times.system
                self._base.setdefault(child.pid, spent)  # (an idle pool from before)
                self.cpu[child.pid] = spent - self._base[child.pid]
                self.pids.add(child.pid)
                self.rss = max(self.rss, info.rss)
                self.uss = max(self.uss, getattr(info, "uss", 0))
            self._stop.wait(self.interval)

    def __enter__(self) -> "WorkerMemory":
        for child in psutil.Process().children(recursive=True):  # workers started before
            try:
                times = child.cpu_times()
                self._base[child.pid] = times.user + times.system
            except (psutil.Error, OSError):
                pass
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_once(name: str, feed: Path, workdir: Path, **options) -> dict:
    db = workdir / f"{name.replace(' ', '_')}.sqlite"
    with open_store(str(db)) as store, WorkerMemory() as memory:
        cpu0, t0 = time.process_time(), time.perf_counter()
        report = ingest_paths(store, [feed], **options)
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        stats = store.stats()
    if report.failed:
        raise SystemExit(f"{name}: {len(report.failed)} failure(s), first: {report.failed[0]}")
    docs = max(report.added, 1)
    return {"run": name, "docs": report.added, "wall_s": wall, "docs_per_s": report.added / wall,
            "writer_cpu_ms_per_doc": 1000 * cpu / docs,
            "worker_cpu_ms_per_doc": 1000 * sum(memory.cpu.values()) / docs,
            "incidents": stats["incidents"], "mentions": stats["mentions"],
            "worker_rss_mb": memory.rss / 1e6, "worker_uss_mb": memory.uss / 1e6}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0, help="corpus size (MB of UTF-8)")
    ap.add_argument("--batch", type=int, default=16, help="articles per pool batch")
    ap.add_argument("--partition", type=int, default=64, help="articles per Dask partition")
    ap.add_argument("--markdown", type=Path, help="also write the tables here")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    args = ap.parse_args(argv)

    from map_app import default_geoparser

    default_geoparser()  # build the automaton cache once, before any timing
    docs = corpus.generate(args.mb, seed=11)
    with tempfile.TemporaryDirectory(prefix="ingest_bench_") as tmp:
        workdir = Path(tmp)
        feed = workdir / "corpus.jsonl"
        feed.write_text("\n".join(json.dumps({"text": d.text, "published": d.published.isoformat(),
                                              "url": f"https://example.org/{d.doc_id}"},
                                             ensure_ascii=False) for d in docs), encoding="utf-8")
        rows = []
        for n in (1, 2):
            rows.append(run_once(f"{n} worker{'s' if n > 1 else ''}", feed, workdir, workers=n,
                                 batch_size=args.batch))
            print(f"measured {n} worker(s)", file=sys.stderr, flush=True)

        from distributed import Client, LocalCluster

        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
        from map_app.ingest.distributed import warm

        warm(client)  # each worker opens the gazetteer now, as the forked pool's did before
        startup = time.perf_counter() - t0
        try:
            rows.append(run_once("dask 2", feed, workdir, client=client,
                                 batch_size=args.partition))
        finally:
            client.close()
            cluster.close()
        print("measured dask 2", file=sys.stderr, flush=True)

    by = {r["run"]: r for r in rows}
    stored = {r["run"]: (r["incidents"], r["mentions"]) for r in rows}
    assert len(set(stored.values())) == 1, f"runs stored different data: {stored}"
    one, two, dask2 = by["1 worker"], by["2 workers"], by["dask 2"]
    dask_ratio = dask2["docs_per_s"] / two["docs_per_s"]
    scaling = two["docs_per_s"] / one["docs_per_s"]
    # CPU model of a quiet machine: A = one process doing everything (1 worker); T = all the
    # CPU an article costs with 2 workers (the pool's and this process's, which parses too);
    # S = the one writer's own share (the Dask run, where this process only stores).
    parse_ms = two["worker_cpu_ms_per_doc"]
    write_ms = two["writer_cpu_ms_per_doc"]
    total_ms = parse_ms + write_ms
    store_ms = dask2["writer_cpu_ms_per_doc"]
    alone_ms = one["writer_cpu_ms_per_doc"]
    cores = os.cpu_count() or 1

    def model(n: int, cpus: int = cores) -> float:
        if n == 1:
            return 1000 / alone_ms
        return 1000 * min(min(n, cpus) / total_ms, 1 / store_ms)

    load = os.getloadavg()
    mb = sum(d.nbytes for d in docs) / 1e6

    lines = [
        f"Corpus: {len(docs)} articles, {mb:.1f} MB (bench/corpus.py, seed 11), "
        f"{one['incidents']} incidents, {one['mentions']} place mentions stored by every run; "
        f"batches of {args.batch}, Dask partitions of {args.partition}; SQLite store.",
        "",
        "| run | docs/s | vs 1 worker | wall (s) | this process's CPU/doc (ms) "
        "| workers' CPU/doc (ms) | total CPU/doc (ms) | peak worker RSS (MB) "
        "| peak worker USS (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        rss = f"{r['worker_rss_mb']:.0f}" if r["worker_rss_mb"] else "–"
        uss = f"{r['worker_uss_mb']:.0f}" if r["worker_uss_mb"] else "–"
        total = r["writer_cpu_ms_per_doc"] + r["worker_cpu_ms_per_doc"]
        lines.append(f"| {r['run']} | {r['docs_per_s']:.1f} | "
                     f"{r['docs_per_s'] / one['docs_per_s']:.2f}× | {r['wall_s']:.1f} | "
                     f"{r['writer_cpu_ms_per_doc']:.2f} | {r['worker_cpu_ms_per_doc']:.2f} | "
                     f"{total:.2f} | {rss} | {uss} |")
    quiet = model(2) / model(1)
    lines += [
        "",
        "| measure | value | target | result |",
        "|---|---:|---:|---|",
        f"| 2 workers over 1, measured | {scaling:.2f}× | ≥ 1.8× | "
        f"{'PASS' if scaling >= 1.8 else 'FAIL'} |",
        f"| 2 workers over 1, quiet-machine CPU model (below) | {quiet:.2f}× | ≥ 1.8× | "
        f"{'PASS' if quiet >= 1.8 else 'FAIL'} (model) |",
        f"| Dask LocalCluster (2) over 2 workers, measured | {dask_ratio:.2f} | ≥ 0.80 | "
        f"{'PASS' if dask_ratio >= 0.8 else 'FAIL'} |",
        f"| Dask cluster start-up, workers warm (not in the docs/s) | {startup:.1f} s | | |",
        "",
        f"CPU per article: one process doing everything A = {alone_ms:.2f} ms; with 2 workers "
        f"T = {total_ms:.2f} ms in all ({parse_ms:.2f} in the pool worker, {write_ms:.2f} here: "
        "reading, de-duplication, storing and the batches parsed here); the one writer's own "
        f"share S = {store_ms:.2f} ms (the Dask run, where this process only stores). On a quiet "
        "machine with C cores docs/s(1) ≈ 1 / A and docs/s(N ≥ 2) ≈ min(min(N, C) / T, 1 / S):",
        "",
        f"| workers | docs/s on {cores} cores | docs/s on N + 1 cores | limited by (N + 1 cores) |",
        "|---:|---:|---:|---|",
    ]
    for n in (1, 2, 10, 100):
        wide = model(n, cpus=n + 1)
        limit = ("one core" if n == 1 else
                 "the workers" if n / total_ms < 1 / store_ms else "the one writer")
        lines.append(f"| {n} | {model(n):.0f} | {wide:.0f} | {limit} |")
    lines += ["", f"Machine: {platform.processor() or platform.machine()}, "
                  f"{os.cpu_count()} cores, Python {platform.python_version()}; load average "
                  f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} at the end of the run."]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
