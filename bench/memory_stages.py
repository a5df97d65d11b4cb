"""Where the memory goes: resident memory after each stage of loading the parser and
parsing one crafted 1 MB text (bench/hostile_bench.py's texts), this code beside a baseline.

Each checkout runs in a fresh process; after every stage the process's resident set
(VmRSS) and its high-water mark (VmHWM, the figure the 300 MB target is about) are read
from /proc/self/status. Stages: imports, gazetteer open, recogniser (automaton and its
tables, loaded from the cache), resolver, two warm-up parses, then the text: match text
alone, recognition, resolution, and the whole parse (sentences and incidents included).

    .venv/bin/python bench/memory_stages.py [--baseline /tmp/old] [--case one_sentence ...]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _status() -> tuple[int, int]:
    values = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(value.split()[0]) // 1024
    return values["VmRSS"], values["VmHWM"]


def child(root: str, case: str) -> None:
    sys.path[:0] = [root, str(ROOT / "bench")]
    os.chdir(root)
    stages: list[tuple[str, int, int, float]] = []
    started = time.perf_counter()

    def mark(label: str) -> None:
        stages.append((label, *_status(), round(time.perf_counter() - started, 2)))

    mark("interpreter")
    from datetime import date

    from gazetteer import Gazetteer
    from map_app.geoparse.matchtext import MatchText
    from map_app.geoparse.pipeline import Geoparser
    from map_app.geoparse.recognize import Recognizer
    from map_app.geoparse.resolve import Resolver
    import hostile_bench

    mark("imports")
    gazetteer = Gazetteer.open()
    mark("gazetteer open")
    recognizer = Recognizer(gazetteer)
    mark("recogniser loaded")
    resolver = Resolver(gazetteer)
    mark("resolver")
    geoparser = Geoparser.__new__(Geoparser)  # the parts loaded above, not a second set
    geoparser.gazetteer, geoparser.recognizer, geoparser.resolver = gazetteer, recognizer, resolver
    geoparser.max_chars = None
    day = date(2024, 10, 26)
    text = hostile_bench.make_text(case, 0)
    geoparser.parse("Clashes erupted in Tafas yesterday, killing 5 people.", published=day)
    geoparser.parse(text[:5000], published=day)
    mark("warm-up parses")
    match_text = MatchText(text, recognizer.fold_targets)
    del match_text
    mark("match text of the 1 MB text")
    mentions = recognizer.find(text)
    mark(f"recognition ({len(mentions):,} mentions)")
    resolver.resolve(text, mentions)
    del mentions
    mark("resolution")
    doc = geoparser.parse(text, published=day)
    mark(f"whole parse ({len(doc.places):,} places, {len(doc.incidents):,} incidents)")
    print(json.dumps(stages, ensure_ascii=False))


def run(root: Path, case: str, index: str) -> list | str:
    env = {**os.environ, "GAZETTEER_INDEX": index, "PYTHONHASHSEED": "0"}
    out = subprocess.run([sys.executable, __file__, "--child", str(root), case], capture_output=True,
                         text=True, env=env, cwd=root, timeout=600)
    lines = [line for line in out.stdout.splitlines() if line.startswith("[")]
    if out.returncode or not lines:
        return (out.stderr.strip().splitlines() or ["failed"])[-1][:160]
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", type=Path, help="another checkout to run beside this one")
    ap.add_argument("--case", nargs="*", default=["one_sentence", "articles_only"])
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    sys.path.insert(0, str(ROOT))
    from gazetteer import default_index_dir

    index = os.environ.get("GAZETTEER_INDEX") or str(default_index_dir())
    for case in args.case:
        ours = run(ROOT, case, index)
        old = run(args.baseline, case, index) if args.baseline else None
        print(f"### {case}\n")
        if isinstance(ours, str):
            print(f"this code failed: {ours}\n")
            continue
        head = "| stage | RSS | peak RSS (VmHWM) | s |"
        rule = "|---|---|---|---|"
        if isinstance(old, list):
            head += " baseline stage | baseline RSS | baseline peak RSS | s |"
            rule += "---|---|---|---|"
        print(head + "\n" + rule)
        for i, (label, rss, hwm, seconds) in enumerate(ours):
            row = f"| {label} | {rss} MB | {hwm} MB | {seconds} |"
            if isinstance(old, list) and i < len(old):
                o_label, o_rss, o_hwm, o_seconds = old[i]
                row += f" {o_label} | {o_rss} MB | {o_hwm} MB | {o_seconds} |"
            print(row)
        if isinstance(old, str):
            print(f"\nbaseline failed: {old}")
        print()
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, 1-min load average "
          f"{os.getloadavg()[0]:.1f}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
