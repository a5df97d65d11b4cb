"""Score incident coding on the project's own news-style corpus (bench/incident_corpus/).

Why: the map's unit is the incident, so what an analyst needs to know is how
many of the incidents an article reports come out, how many extra ones are
invented, and how many are fully right.  The corpus holds 49 articles written
by the project (25 English, 24 Arabic: wire briefs, long reports with headline,
dateline, lede, body, background and photo caption, roundups of strikes on
several villages, Arabic and English reports of the same event, timeline day
entries), each with its gold incidents and the patterns of issue 8 it covers.

Matching follows the shared scorer (/work/shared/eval/score.py): a predicted
incident matches a gold one with the same ACLED event_type within 50 km whose
dates (when both are known) are within a day; one-to-one maximum matching.
Reported:
  P / R / F1      incidents, per language and overall
  fully right     share of gold incidents matched with the same sub-event type,
                  the place within 25 km, the same date and the same fatalities
                  (an unknown toll counts as 0, as in ACLED)
  actor1/actor2   share of matched incidents whose ACLED actor names equal gold
  forbidden       predicted incidents placed at a dateline, credit, media or
                  organisation name (the article's `not_locations`); must be 0
  pairs           Arabic/English reports of one event that `same_event` joins,
                  and other incident pairs it wrongly joins
  per pattern     recall and fully-right share for the articles of each pattern

    .venv/bin/python bench/incident_bench.py
    .venv/bin/python bench/incident_bench.py --data /path/to/split.jsonl -v   # any file in the same format
    .venv/bin/python bench/incident_bench.py --speed --baseline-rev e10e90f  # extraction CPU beside a baseline

`--speed` times `extract_incidents` alone (places already resolved, the
pickled Documents shared by both runs) over the corpus articles, repeated to
about 1 MB of text, in a subprocess for this tree and one for the
`--baseline-rev` revision (exported with `git archive`), best of three CPU
times each, and prints the ratio.  (Linearity on one long document is a test:
tests/test_incident_extract.py and tests/test_incident_merge.py.)
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO)]

CORPUS = REPO / "bench" / "incident_corpus"
MATCH_KM = 50.0
PLACE_KM = 25.0
PATTERNS = {
    1: "headline/lede/body told twice", 2: "dateline, credit, caption", 3: "outlet/organisation names",
    4: "roundups", 5: "background", 6: "place inside the event clause", 7: "event types",
    8: "fatalities and dates", 9: "actors", 10: "same event in Arabic and English",
}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(a, 1.0)))


def load(paths: list[Path]) -> list[dict]:
    docs = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            docs.extend(json.loads(line) for line in fh if line.strip())
    return docs


def _date(value) -> date | None:
    return date.fromisoformat(value) if value else None


def _plain(name: str | None) -> str:
    import unicodedata
    text = unicodedata.normalize("NFKD", name or "")
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c)).casefold()


def match(golds: list[dict], preds: list) -> dict[int, int]:
    """Maximum one-to-one matching gold index -> prediction index (the shared scorer's rule).

    Among maximum matchings, pairs are then swapped while that lowers the total cost (a different sub-event
    type first, then distance), so that two nearby places of one roundup are paired with their own gold
    incidents for "fully right" (the counts P / R / F1 do not depend on it)."""
    edges: dict[int, list[int]] = {}
    cost: dict[tuple[int, int], float] = {}
    for i, g in enumerate(golds):
        gd = _date(g.get("event_date"))
        cands = []
        for j, p in enumerate(preds):
            if p.event_type != g["event_type"] or p.place is None:
                continue
            d = km(g["place"]["lat"], g["place"]["lon"], p.place.lat, p.place.lon)
            if d > MATCH_KM:
                continue
            if gd and p.event_date and abs((gd - p.event_date).days) > 1:
                continue
            cands.append((p.sub_event_type != g.get("sub_event_type"), d, j))
        edges[i] = [j for _s, _d, j in sorted(cands)]
        for sub, d, j in cands:
            # (a tie between two places pinned at one point is settled by the name)
            same_name = _plain(preds[j].place.name) == _plain(g["place"].get("name"))
            cost[(i, j)] = sub * 1000.0 + d + (0.0 if same_name else 0.01)
    owner: dict[int, int] = {}

    def augment(i: int, seen: set) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in edges:
        augment(i, set())
    pairs = {i: j for j, i in owner.items()}
    improved = True
    while improved:
        improved = False
        for a, b in [(a, b) for a in pairs for b in pairs if a < b]:
            ja, jb = pairs[a], pairs[b]
            if (a, jb) in cost and (b, ja) in cost and \
                    cost[(a, jb)] + cost[(b, ja)] < cost[(a, ja)] + cost[(b, jb)] - 1e-9:
                pairs[a], pairs[b] = jb, ja
                improved = True
    return pairs


def fully_right(g: dict, p) -> bool:
    return (p.sub_event_type == g.get("sub_event_type")
            and km(g["place"]["lat"], g["place"]["lon"], p.place.lat, p.place.lon) <= PLACE_KM
            and str(p.event_date) == str(g.get("event_date"))
            and (p.fatalities or 0) == (g.get("fatalities") or 0))


def forbidden(doc: dict, preds: list) -> list:
    """Predicted incidents whose location is one of the article's not-locations (datelines, outlets ...)."""
    spans = []
    for name in doc.get("not_locations", []):
        start = doc["text"].find(name)
        while start >= 0:
            spans.append((start, start + len(name)))
            start = doc["text"].find(name, start + 1)
    return [p for p in preds if p.location_mention is not None and any(
        s < p.location_mention.end and p.location_mention.start < e for s, e in spans)]


class Tally:
    def __init__(self) -> None:
        self.gold = self.pred = self.tp = self.full = 0
        self.a1 = self.a1_n = self.a2 = self.a2_n = 0
        self.forbidden = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(docs: list[dict], verbose: bool = False) -> dict:
    from map_app.geoparse.pipeline import default_geoparser
    try:
        from map_app.geoparse.incidents.merge import same_event
    except ImportError:  # an older tree without cross-source merging
        def same_event(a, b) -> bool:
            return False

    parser = default_geoparser()
    tallies = {"all": Tally()}
    patterns: dict[int, Tally] = {}
    results = {}
    cpu = 0.0
    for doc in docs:
        t0 = time.process_time()
        parsed = parser.parse(doc["text"], published=_date(doc.get("published")))
        cpu += time.process_time() - t0
        preds = [p for p in parsed.incidents if p.place is not None]
        golds = doc.get("incidents", [])
        m = match(golds, preds)
        full = sum(fully_right(golds[i], preds[j]) for i, j in m.items())
        bad = forbidden(doc, preds)
        results[doc["id"]] = (doc, golds, preds, m)
        for key in ("all", doc.get("lang", "?")):
            t = tallies.setdefault(key, Tally())
            t.gold += len(golds)
            t.pred += len(preds)
            t.tp += len(m)
            t.full += full
            t.forbidden += len(bad)
            for i, j in m.items():
                g, p = golds[i], preds[j]
                if "actor1" in g and g["actor1"] is not None:
                    t.a1_n += 1
                    t.a1 += p.actor1 == g["actor1"]
                if "actor2" in g and g["actor2"] is not None:
                    t.a2_n += 1
                    t.a2 += p.actor2 == g["actor2"]
        for number in doc.get("patterns", []):
            t = patterns.setdefault(number, Tally())
            t.gold += len(golds)
            t.pred += len(preds)
            t.tp += len(m)
            t.full += full
        if verbose:
            _show(doc, golds, preds, m, bad)
    pairs_ok = pairs_n = wrong = compared = 0
    incidents = [(doc_id, p) for doc_id, (_d, _g, preds, _m) in results.items() for p in preds]
    for doc_id, (doc, _g, preds, _m) in results.items():
        other = doc.get("pair")
        if other and other in results and doc_id < other:
            pairs_n += 1
            pairs_ok += any(same_event(a, b) for a in preds for b in results[other][2])
    paired = {frozenset((d["id"], d["pair"])) for d, *_ in results.values() if d.get("pair")}
    for x in range(len(incidents)):
        for y in range(x + 1, len(incidents)):
            (da, a), (db, b) = incidents[x], incidents[y]
            if da == db or frozenset((da, db)) in paired or a.event_type != b.event_type:
                continue
            compared += 1
            wrong += same_event(a, b)
    return {"tallies": tallies, "patterns": patterns, "pairs": (pairs_ok, pairs_n, wrong, compared), "cpu": cpu,
            "docs": len(docs)}


def _show(doc, golds, preds, m, bad) -> None:
    print(f"=== {doc['id']} ({doc.get('lang')}, published {doc.get('published')}) gold={len(golds)} "
          f"pred={len(preds)} matched={len(m)}")
    used = set(m.values())
    for i, g in enumerate(golds):
        p = preds[m[i]] if i in m else None
        tag = ("FULL" if fully_right(g, p) else "ok  ") if p is not None else "MISS"
        extra = (f" -> {p.sub_event_type} {p.event_date} f={p.fatalities} a1={p.actor1} a2={p.actor2}"
                 if p is not None else "")
        where = g['place'].get('name') or g['place'].get('surface')
        print(f"  {tag} {where} {g['event_type']}/{g.get('sub_event_type')} {g.get('event_date')} "
              f"f={g.get('fatalities')} a1={g.get('actor1')} a2={g.get('actor2')}{extra}")
    for j, p in enumerate(preds):
        if j not in used:
            print(f"  SPUR {p.location} [{p.place.name}] {p.event_type}/{p.sub_event_type} {p.event_date} "
                  f"f={p.fatalities} :: {p.evidence[:100]!r}")
    for p in bad:
        print(f"  FORBIDDEN location {p.location!r}")


def report(result: dict) -> str:
    lines = ["| set | gold | pred | matched | P | R | F1 | fully right | actor1 | actor2 | at a forbidden name |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for key in ("en", "ar", "all"):
        t = result["tallies"].get(key)
        if t is None:
            continue
        p, r, f = t.prf()
        a1 = f"{t.a1 / t.a1_n:.2f}" if t.a1_n else "–"
        a2 = f"{t.a2 / t.a2_n:.2f}" if t.a2_n else "–"
        full = f"{t.full / t.gold:.2f} ({t.full}/{t.gold})" if t.gold else "–"
        lines.append(f"| {key} | {t.gold} | {t.pred} | {t.tp} | {p:.2f} | {r:.2f} | {f:.2f} | {full} | {a1} | {a2} "
                     f"| {t.forbidden} |")
    ok, n, wrong, compared = result["pairs"]
    lines += ["", f"Same event in Arabic and English joined by `same_event`: {ok}/{n} pairs; "
                  f"other cross-article incident pairs wrongly joined: {wrong}/{compared}.", "",
              "| pattern | articles' gold | matched | recall | fully right |", "|---|---|---|---|---|"]
    for number in sorted(result["patterns"]):
        t = result["patterns"][number]
        recall = t.tp / t.gold if t.gold else 0.0
        full = t.full / t.gold if t.gold else 0.0
        lines.append(f"| {number}. {PATTERNS.get(number, '')} | {t.gold} | {t.tp} | {recall:.2f} | {full:.2f} |")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines += ["", f"{result['docs']} documents, parse CPU {result['cpu']:.2f} s; load average {load:.2f}."]
    return "\n".join(lines)


_TIMER = """
import pickle, sys, time
sys.path.insert(0, sys.argv[1])
from map_app.geoparse.incidents import extract_incidents
with open(sys.argv[2], "rb") as fh:
    docs, rounds = pickle.load(fh)
best = None
for _ in range(3):
    t0 = time.process_time()
    n = sum(len(extract_incidents(doc)) for _r in range(rounds) for doc in docs)
    best = min(best or 1e9, time.process_time() - t0)
print(best, n)
"""


def speed(docs: list[dict], baseline_rev: str | None, target_mb: float = 1.0) -> str:
    """Extraction CPU time on a ~1 MB document, for this tree and a baseline revision (see the docstring)."""
    import pickle
    import subprocess
    import tempfile

    from map_app.geoparse.pipeline import default_geoparser

    parsed = []
    for doc in docs:
        one = default_geoparser().parse(doc["text"], published=_date(doc.get("published")))
        one.incidents = []
        parsed.append(one)
    size = sum(len(doc["text"].encode("utf-8")) for doc in docs)
    rounds = max(1, math.ceil(target_mb * 1e6 / size))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pickled = Path(tmp) / "docs.pickle"
        pickled.write_bytes(pickle.dumps((parsed, rounds)))
        trees = [("this tree", str(REPO))]
        if baseline_rev:
            base = Path(tmp) / "baseline"
            base.mkdir()
            archive = subprocess.run(["git", "-C", str(REPO), "archive", baseline_rev, "map_app", "gazetteer"],
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
            trees.append((f"baseline {baseline_rev}", str(base)))
        for label, tree in trees:
            out = subprocess.run([sys.executable, "-c", _TIMER, tree, str(pickled)], check=True,
                                 capture_output=True, text=True).stdout.split()
            rows.append((label, float(out[0]), int(out[1])))
    mb = size * rounds / 1e6
    lines = [f"| tree | CPU s for {mb:.2f} MB ({len(docs)} articles × {rounds}) | MB/s | incidents |",
             "|---|---|---|---|"]
    lines += [f"| {label} | {cpu:.2f} | {mb / cpu:.2f} | {n} |" for label, cpu, n in rows]
    if len(rows) == 2:
        lines += ["", f"Ratio this tree / baseline: {rows[0][1] / rows[1][1]:.2f}"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines += [f"Load average {load:.2f}."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", nargs="*", type=Path, help="JSONL files (default: bench/incident_corpus/*.jsonl)")
    ap.add_argument("--markdown", type=Path, help="also write the table to this file")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every gold and predicted incident")
    ap.add_argument("--speed", action="store_true", help="time extraction on a ~1 MB document instead")
    ap.add_argument("--baseline-rev", help="with --speed: also time this git revision")
    args = ap.parse_args(argv)
    paths = args.data or sorted(CORPUS.glob("*.jsonl"))
    if args.speed:
        text = speed(load(paths), args.baseline_rev)
    else:
        text = report(run(load(paths), verbose=args.verbose))
    print(text)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
