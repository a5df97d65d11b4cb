"""World-news geoparsing benchmark: the project's own English local and world news, scored end to end.

Why: the English world-news benchmarks the project is judged on (US local news,
world and local news wires) name small towns, counties, states and foreign
cities that a recogniser tuned on Syria/Iraq news misses. The corpus
(`bench/worldnews_corpus/`, written for this project, gold marked by hand) has
45 short articles: US small-town news, UK council news, Indian, Pakistani,
Nigerian, Kenyan, South African, Australian and Philippine city news, sports,
business and world news with metonymy ("Washington imposed sanctions").

Scoring follows the shared evaluation's rules (and the world-news benchmarks'
papers): a prediction matches a gold toponym when the spans overlap (one-to-one
maximum matching, larger overlaps first); predictions overlapping only an
ignore span are not counted; a match is right when the predicted point lies
within 161 km of the gold point (or of one of its alternative points, or
within its radius, for vague regions). `--data` scores another file of the
same format (the shared evaluation's JSONL). e2e F1
counts only right matches. Each checkout runs in its own subprocess with its
own gazetteer index, so a baseline (e.g. the previous release) runs beside this
one:

    .venv/bin/python bench/worldnews_bench.py [--baseline DIR] [-v] [--markdown out.md]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "worldnews_corpus" / "worldnews.jsonl"
KM = 161.0
#: Article groups by id prefix, for the per-group table.
GROUPS = {"us": "US local news", "uk": "UK local news", "in": "South Asia", "pk": "South Asia",
          "ng": "Africa, Australia, Asia", "ke": "Africa, Australia, Asia", "za": "Africa, Australia, Asia",
          "au": "Africa, Australia, Asia", "ph": "Africa, Australia, Asia", "sport": "sports and business",
          "biz": "sports and business", "world": "world news"}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(a, 1.0)))


def worker(path: Path) -> dict:
    """Runs inside the checkout under test: its predictions per document."""
    sys.path.insert(0, os.getcwd())
    from map_app.geoparse.pipeline import Geoparser

    parser = Geoparser()
    out = {}
    started = time.process_time()
    for doc in load(path):
        out[doc["id"]] = [{"start": m.start, "end": m.end, "lat": m.place.lat, "lon": m.place.lon,
                           "geonameid": m.place.geonameid}
                          for m in parser.places(doc["text"]) if m.place is not None]
    return {"predictions": out, "cpu_s": round(time.process_time() - started, 2)}


def run(checkout: Path, data: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    python = checkout / ".venv" / "bin" / "python"
    result = subprocess.run([str(python if python.exists() else sys.executable), str(Path(__file__).resolve()),
                             "--worker", str(data)], cwd=checkout, env=env, capture_output=True, text=True,
                            timeout=3600)
    if result.returncode != 0:
        raise SystemExit(f"worker failed in {checkout}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- scoring (the shared evaluation's rules) -----------------------------------------------------

def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _matching(golds: list[dict], preds: list[dict]) -> dict[int, int]:
    """Gold index → prediction index: a maximum one-to-one matching over overlapping
    spans, each gold trying its larger overlaps first (augmenting paths)."""
    options = {i: [j for _, j in sorted((-_overlap(g, p), j) for j, p in enumerate(preds) if _overlap(g, p))]
               for i, g in enumerate(golds)}
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in sorted(options, key=lambda i: (len(options[i]), i)):
        assign(i, set())
    return {i: j for j, i in owner.items()}


def score_doc(doc: dict, preds: list[dict]) -> dict:
    golds = doc["toponyms"]
    matched = _matching(golds, preds)
    used = set(matched.values())
    counted = [j for j, p in enumerate(preds)
               if j in used or not any(_overlap(p, ig) for ig in doc.get("ignore", []))]
    right, wrong = 0, []
    for i, j in matched.items():
        gold, pred = golds[i], preds[j]
        same_id = gold.get("geonameid") is not None and gold.get("geonameid") == pred.get("geonameid")
        points = [(gold["lat"], gold["lon"])] + [tuple(alt) for alt in gold.get("alt", [])]
        distance = min(_km(lat, lon, pred["lat"], pred["lon"]) for lat, lon in points)
        if same_id or distance <= max(KM, gold.get("radius_km") or 0):
            right += 1
        else:
            wrong.append(f"{gold['surface']} ({distance:,.0f} km)")
    text = doc["text"]
    return {"gold": len(golds), "pred": len(counted), "tp": len(matched), "right": right,
            "missed": [g["surface"] for i, g in enumerate(golds) if i not in matched],
            "spurious": [text[preds[j]["start"]:preds[j]["end"]] for j in counted if j not in used],
            "wrong": wrong}


def _prf(hits: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = hits / pred if pred else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summarise(rows: list[dict]) -> dict:
    gold, pred = sum(r["gold"] for r in rows), sum(r["pred"] for r in rows)
    tp, right = sum(r["tp"] for r in rows), sum(r["right"] for r in rows)
    p, r, f = _prf(tp, pred, gold)
    ep, er, ef = _prf(right, pred, gold)
    return {"docs": len(rows), "gold": gold, "pred": pred, "P": p, "R": r, "F1": f,
            "acc161": right / tp if tp else 0.0, "e2eP": ep, "e2eR": er, "e2eF1": ef}


def score(docs: list[dict], predictions: dict[str, list[dict]]) -> tuple[dict, dict[str, dict], dict[str, dict]]:
    per_doc = {doc["id"]: score_doc(doc, predictions.get(doc["id"], [])) for doc in docs}
    groups: dict[str, list[dict]] = defaultdict(list)
    for doc_id, row in per_doc.items():
        groups[GROUPS.get(doc_id.split("-")[0], "other")].append(row)
    return summarise(list(per_doc.values())), {g: summarise(rows) for g, rows in groups.items()}, per_doc


def report(results: dict[str, dict], docs: list[dict], verbose: bool) -> str:
    names = list(results)
    scored = {n: score(docs, results[n]["predictions"]) for n in names}
    lines = [f"World-news corpus: {len(docs)} articles, {sum(len(d['toponyms']) for d in docs)} gold toponyms "
             f"(end to end: a match must lie within {KM:.0f} km).", "",
             "| checkout | P | R | F1 | acc@161 | e2e P | e2e R | **e2e F1** | CPU s |",
             "|---|---|---|---|---|---|---|---|---|"]
    for n in names:
        t = scored[n][0]
        lines.append(f"| {n} | {t['P']:.2f} | {t['R']:.2f} | {t['F1']:.2f} | {t['acc161']:.2f} | {t['e2eP']:.2f} | "
                     f"{t['e2eR']:.2f} | **{t['e2eF1']:.2f}** | {results[n]['cpu_s']} |")
    lines += ["", "e2e F1 (P / R) by article group:", "",
              "| group | articles | gold | " + " | ".join(names) + " |", "|---|---|---|" + "---|" * len(names)]
    for group in dict.fromkeys(GROUPS.values()):
        first = scored[names[0]][1].get(group)
        if not first:
            continue
        cells = [f"{scored[n][1][group]['e2eF1']:.2f} ({scored[n][1][group]['e2eP']:.2f} / "
                 f"{scored[n][1][group]['e2eR']:.2f})" for n in names]
        lines.append(f"| {group} | {first['docs']} | {first['gold']} | " + " | ".join(cells) + " |")
    if verbose:
        for n in names:
            lines += ["", f"### {n}: misses, spurious and wrong mentions", ""]
            for doc_id, row in scored[n][2].items():
                if row["missed"] or row["spurious"] or row["wrong"]:
                    lines.append(f"- {doc_id}: missed {row['missed']}; spurious {row['spurious']}; "
                                 f"wrong {row['wrong']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--baseline", type=Path, help="another checkout (with its index built) to run beside this one")
    ap.add_argument("--baseline-name", default="baseline")
    ap.add_argument("--markdown", type=Path)
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses, spurious and wrong mentions")
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return 0
    started, load_start = time.time(), os.getloadavg()[0]
    data = args.data.resolve()
    results = {"this checkout": run(REPO, data)}
    if args.baseline:
        results[args.baseline_name] = run(args.baseline.resolve(), data)
    text = report(results, load(data), args.verbose) + (
        f"\n\nMachine: {os.cpu_count()} cores, Python {platform.python_version()}, 1-min load average "
        f"{load_start:.1f} at the start and {os.getloadavg()[0]:.1f} at the end; {time.time() - started:.0f} s.")
    print(text)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
