"""Ingest cost of cross-article merging: this tree beside a baseline revision, in one run.

Why: every stored report now looks up the stored incidents of the same event
(`map_app/store/sources.py`: one indexed query per group of an article's reports
of one day), compares them with `same_event`, and a merge keeps each source's
own report.  Issue 8 allows the lookup at most ~10% of ingest time.

Corpus: `bench/corpus.py` (seeded, half Arabic, half English, 2–5 KB articles;
dense: about 15 incidents per article), written to a JSONL file.

1. Ingest: `ingest_paths(store, [file])` in one process (what `map_app ingest`
   does: read, de-duplicate, parse with the real parser, store) into a new
   SQLite store, for the baseline tree, this tree, this tree with the lookup
   switched off (`sources.match_all` answering nothing: every report becomes an
   incident, as if no other article had told the event), and this tree looking
   up but not merging (the lookup's own cost).  CPU time
   of the process (the store is in-process), so other work on the machine
   inflates it far less than wall time.  The gazetteer is opened and one
   article parsed before timing.
2. Store only: the parsed Documents (parsed once here, pickled) go through
   `documents.prepare` and `store.add_documents` in batches of 16 (the parallel
   ingest's writer), SQLite (CPU) and, with `--postgis`, a throw-away PostGIS
   server (wall: the server's work is in another process).

The baseline is a `git archive` of `--baseline-rev` (map_app and gazetteer; its
index is this tree's, linked).  Runs alternate between the trees `--runs` times;
the least time of each counts.

    .venv/bin/python bench/merge_bench.py                       # 1 MB
    .venv/bin/python bench/merge_bench.py --mb 2 --postgis --markdown out.md
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

_INGEST = r"""
import json, sys, time
tree, feed, url, mode = sys.argv[1:5]
sys.path.insert(0, tree)
from map_app import parse
from map_app.ingest import ingest_paths
from map_app.store import open_store
parse("A drone struck a car in Raqqa on Tuesday, killing two.")  # gazetteer open, lazy tables
if mode == "no-lookup":
    from map_app.store import sources
    sources.match_all = lambda *args, **kwargs: {}
elif mode == "lookup-only":  # look up, then store every report as a new incident
    from map_app.store import sources
    real = sources.match_all
    sources.match_all = lambda *args, **kwargs: (real(*args, **kwargs), {})[1]
with open_store(url) as store:
    c0, w0 = time.process_time(), time.perf_counter()
    report = ingest_paths(store, [feed])
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    stats = store.stats()
assert not report.failed, report.failed[:1]
print(json.dumps({"cpu": cpu, "wall": wall, "articles": report.added,
                  "incidents": stats["incidents"], "merged": stats["merged"]}))
"""

_STORE = r"""
import gc, json, pickle, sys, time
tree, pickled, url = sys.argv[1:4]
sys.path.insert(0, tree)
import map_app.geoparse.incidents  # (a writer process imports it once)
from map_app.store import documents, open_store
with open(pickled, "rb") as f:
    items = pickle.load(f)
gc.collect()
with open_store(url) as store:
    c0, w0 = time.process_time(), time.perf_counter()
    ready = [(text, documents.prepare(doc), meta) for text, doc, meta in items]
    for k in range(0, len(ready), 16):
        store.add_documents(ready[k:k + 16])
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    stats = store.stats()
print(json.dumps({"cpu": cpu, "wall": wall, "incidents": stats["incidents"],
                  "merged": stats["merged"]}))
"""


def _run(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"a timed run failed: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _least(best: dict, key: tuple, got: dict, measure: str) -> None:
    if key not in best or got[measure] < best[key][measure]:
        best[key] = got


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="corpus size (MB of UTF-8)")
    ap.add_argument("--baseline-rev", default="ca5ece5",
                    help="the revision before cross-article merging (default: ca5ece5)")
    ap.add_argument("--runs", type=int, default=3, help="alternating runs per tree (least counts)")
    ap.add_argument("--postgis", action="store_true",
                    help="also the store-only runs on a throw-away PostGIS server")
    ap.add_argument("--markdown", type=Path, help="also write the tables here")
    args = ap.parse_args(argv)

    from corpus import generate

    from map_app.geoparse.pipeline import default_geoparser

    docs = generate(args.mb)
    nbytes = sum(d.nbytes for d in docs)
    server = None
    if args.postgis:
        sys.path.insert(0, str(REPO / "tests"))
        from pg_server import PostgresServer

        server = PostgresServer().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            feed = Path(tmp) / "corpus.jsonl"
            feed.write_text("\n".join(json.dumps({"text": d.text, "published": d.published.isoformat(),
                                                  "url": f"https://example.org/{d.doc_id}"},
                                                 ensure_ascii=False) for d in docs), encoding="utf-8")
            parser = default_geoparser()
            pickled = Path(tmp) / "docs.pickle"
            pickled.write_bytes(pickle.dumps([
                (d.text, parser.parse(d.text, published=d.published),
                 {"published": d.published, "url": f"https://example.org/{d.doc_id}"})
                for d in docs]))
            base = Path(tmp) / "baseline"
            base.mkdir()
            archive = subprocess.run(["git", "-C", str(REPO), "archive", args.baseline_rev,
                                      "map_app", "gazetteer"], check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
            (base / "gazetteer" / "data" / "index").symlink_to(REPO / "gazetteer" / "data" / "index")
            trees = {"baseline": str(base), "this tree": str(REPO)}
            ingest: dict = {}
            store: dict = {}
            n = 0
            for _ in range(args.runs):
                for label, tree, mode in (("baseline", trees["baseline"], "full"),
                                          ("this tree", trees["this tree"], "full"),
                                          ("this tree, lookup off", trees["this tree"], "no-lookup"),
                                          ("this tree, lookup without merging", trees["this tree"],
                                           "lookup-only")):
                    n += 1
                    _least(ingest, (label,), _run(_INGEST, tree, str(feed),
                                                  str(Path(tmp) / f"i{n}.sqlite"), mode), "cpu")
                for label in ("baseline", "this tree"):
                    n += 1
                    _least(store, ("sqlite", label), _run(_STORE, trees[label], str(pickled),
                                                          str(Path(tmp) / f"s{n}.sqlite")), "cpu")
                    if server is not None:
                        _least(store, ("postgis", label),
                               _run(_STORE, trees[label], str(pickled), server.new_database("b")),
                               "wall")
    finally:
        if server is not None:
            server.stop()
    articles = len(docs)
    base_cpu = ingest[("baseline",)]["cpu"]
    lines = [f"Corpus: {articles} articles, {nbytes / 1e6:.2f} MB (bench/corpus.py, seed 0); least of "
             f"{args.runs} alternating runs.", "",
             "| ingest (`ingest_paths`, in-process, SQLite) | CPU s | ms/article | vs baseline | incidents "
             "| multi-source incidents |", "|---|---|---|---|---|---|"]
    for label in ("baseline", "this tree, lookup off", "this tree, lookup without merging",
                  "this tree"):
        r = ingest[(label,)]
        lines.append(f"| {label} | {r['cpu']:.2f} | {1000 * r['cpu'] / articles:.2f} | "
                     f"{100 * (r['cpu'] - base_cpu) / base_cpu:+.1f}% | {r['incidents']} | {r['merged']} |")
    full, off = ingest[("this tree",)]["cpu"], ingest[("this tree, lookup off",)]["cpu"]
    look = ingest[("this tree, lookup without merging",)]["cpu"]
    lines += ["", f"- The lookup alone (lookup without merging against lookup off): "
                  f"{1000 * (look - off) / articles:.2f} ms/article, {100 * (look - off) / full:.1f}% of "
                  f"this tree's ingest time.",
              f"- The lookup and merging (this tree against itself with the lookup off): "
              f"{1000 * (full - off) / articles:.2f} ms/article, {100 * (full - off) / full:.1f}% of "
              f"this tree's ingest time.", "",
              "| store only (prepare + add_documents, batches of 16) | backend | time per article | "
              "vs baseline | incidents | multi-source incidents |", "|---|---|---|---|---|---|"]
    for backend, measure in (("sqlite", "cpu"), ("postgis", "wall")):
        if (backend, "baseline") not in store:
            continue
        b = store[(backend, "baseline")][measure]
        for label in ("baseline", "this tree"):
            r = store[(backend, label)]
            lines.append(f"| {label} | {backend} ({measure}) | {1000 * r[measure] / articles:.2f} ms | "
                         f"{r[measure] / b:.2f}× | {r['incidents']} | {r['merged']} |")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines += ["", f"Load average {load:.2f} ({os.cpu_count()} cores) at the end of the run."]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
