"""Ingest cost of cross-article merging: this tree's store beside a baseline revision's, in one run.

Why: every stored report now looks up the stored incidents of the same event
(one indexed query, `map_app/store/sources.py`), compares them with
`same_event`, and keeps its own report (JSON) on its source.  Issue 8 allows
that at most ~10% of ingest time.

How: `bench/corpus.py`'s synthetic corpus (seeded, half Arabic, half English)
is parsed once here with the real parser (`map_app.parse`); the parsed
Documents are pickled, and each tree then runs, in a fresh subprocess,
exactly what ingest does after parsing: `documents.prepare` (done in the
worker processes in a parallel ingest) and `store.add_documents` in batches
of `--batch` articles (the parallel writer's transactions), into a new store.
The baseline is a `git archive` of `--baseline-rev` (map_app and gazetteer).
The two trees alternate `--runs` times; the best run of each counts.  Ingest
time = parse time (the same parser for both, measured once) + prepare + write.

    .venv/bin/python bench/merge_bench.py                       # 1 MB, SQLite
    .venv/bin/python bench/merge_bench.py --mb 2 --postgis      # also a throw-away PostGIS server
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

_RUNNER = r"""
import gc, json, pickle, sys, time
tree, pickled, url, batch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, tree)
from map_app.store import documents, open_store
with open(pickled, "rb") as f:
    items = pickle.load(f)
w0 = time.perf_counter()
import map_app.geoparse.incidents  # this tree's writer compares reports with it: once per process
import_wall = time.perf_counter() - w0
gc.collect()
c0, w0 = time.process_time(), time.perf_counter()
ready = [(text, documents.prepare(doc), meta) for text, doc, meta in items]
prepare_cpu, prepare_wall = time.process_time() - c0, time.perf_counter() - w0
with open_store(url) as store:
    c0, w0 = time.process_time(), time.perf_counter()
    for k in range(0, len(ready), batch):
        store.add_documents(ready[k:k + batch])
    write_cpu, write_wall = time.process_time() - c0, time.perf_counter() - w0
    stats = store.stats()
print(json.dumps({"import_wall": import_wall, "prepare_cpu": prepare_cpu, "prepare_wall": prepare_wall, "write_cpu": write_cpu,
                  "write_wall": write_wall, "articles": stats["articles"],
                  "incidents": stats["incidents"], "merged": stats["merged"]}))
"""


def parse_corpus(mb: float) -> tuple[list, float, float]:
    """(add_documents items, parse CPU s, corpus bytes) for the synthetic corpus."""
    from corpus import generate

    from map_app.geoparse.pipeline import default_geoparser

    parser = default_geoparser()
    docs = generate(mb)
    parser.parse(docs[0].text, published=docs[0].published)  # warm-up (lazy tables)
    items, cpu = [], 0.0
    for d in docs:
        c0 = time.process_time()
        parsed = parser.parse(d.text, published=d.published)
        cpu += time.process_time() - c0
        items.append((d.text, parsed, {"published": d.published, "url": f"https://example.org/{d.doc_id}",
                                       "title": None, "source": f"outlet {d.doc_id % 7}"}))
    return items, cpu, sum(d.nbytes for d in docs)


def run(tree: str, pickled: Path, url: str, batch: int) -> dict:
    out = subprocess.run([sys.executable, "-c", _RUNNER, tree, str(pickled), url, str(batch)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="corpus size (MB of UTF-8)")
    ap.add_argument("--baseline-rev", default="ca5ece5",
                    help="the revision before cross-article merging (default: ca5ece5)")
    ap.add_argument("--batch", type=int, default=16, help="articles per write transaction")
    ap.add_argument("--runs", type=int, default=3, help="alternating runs per tree (best counts)")
    ap.add_argument("--postgis", action="store_true",
                    help="also on a throw-away PostGIS server (tests/pg_server.py)")
    ap.add_argument("--markdown", type=Path, help="also write the table here")
    args = ap.parse_args(argv)

    items, parse_cpu, nbytes = parse_corpus(args.mb)
    server = None
    if args.postgis:
        sys.path.insert(0, str(REPO / "tests"))
        from pg_server import PostgresServer

        server = PostgresServer().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            pickled = Path(tmp) / "docs.pickle"
            pickled.write_bytes(pickle.dumps(items))
            base = Path(tmp) / "baseline"
            base.mkdir()
            archive = subprocess.run(["git", "-C", str(REPO), "archive", args.baseline_rev, "map_app",
                                      "gazetteer"], check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
            trees = {"this tree": str(REPO), f"baseline {args.baseline_rev}": str(base)}
            backends = ["sqlite"] + (["postgis"] if server else [])
            best: dict[tuple[str, str], dict] = {}
            for n in range(args.runs):
                for backend in backends:
                    for label, tree in trees.items():
                        url = (str(Path(tmp) / f"{n}-{len(best)}-{label[:4]}.sqlite") if backend == "sqlite"
                               else server.new_database("bench"))
                        got = run(tree, pickled, url, args.batch)
                        key = (backend, label)
                        if key not in best or got["write_wall"] + got["prepare_cpu"] < \
                                best[key]["write_wall"] + best[key]["prepare_cpu"]:
                            best[key] = got
    finally:
        if server is not None:
            server.stop()
    n = len(items)
    lines = [f"Corpus: {n} articles, {nbytes / 1e6:.2f} MB (bench/corpus.py, seed 0); parse CPU "
             f"{parse_cpu:.2f} s ({1000 * parse_cpu / n:.1f} ms/article, the same for both trees). "
             f"Write transactions of {args.batch} articles; best of {args.runs} alternating runs.", "",
             "| backend | tree | prepare s | write s (wall) | writer CPU ms/article | ingest s (parse + prepare + write) "
             "| incidents | multi-source incidents |", "|---|---|---|---|---|---|---|---|"]
    ratios = []
    for backend in backends:
        totals = {}
        for label in trees:
            r = best[(backend, label)]
            total = parse_cpu + r["prepare_cpu"] + r["write_wall"]
            totals[label] = (total, r["write_wall"], r["prepare_cpu"])
            lines.append(f"| {backend} | {label} | {r['prepare_cpu']:.2f} | {r['write_wall']:.2f} | "
                         f"{1000 * r['write_cpu'] / n:.2f} | {total:.2f} | {r['incidents']} | {r['merged']} |")
        this, base_ = totals["this tree"], totals[f"baseline {args.baseline_rev}"]
        ratios.append(f"{backend}: ingest time this tree / baseline {this[0] / base_[0]:.3f} "
                      f"(+{100 * (this[0] - base_[0]) / base_[0]:.1f}%); store work (prepare + write) "
                      f"{(this[1] + this[2]) / (base_[1] + base_[2]):.2f}×")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines += ["", *[f"- {r}" for r in ratios], f"- Load average {load:.2f} ({os.cpu_count()} cores)."]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
