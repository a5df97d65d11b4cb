"""Dump what the geoparser outputs, to prove an optimisation changed nothing.

Parses the synthetic corpus (`corpus.generate(5.0, seed=0)`, 1,466 documents) and
every text of bench/incident_corpus*/ and bench/worldnews_corpus/ with `places()`
and `parse()`, and writes (start, end, text, place, confidence) of each mention and
every incident's fields to one JSON file. Run it in two trees (cwd = the tree) and
compare the files byte for byte:

    (cd /work/main && .venv/bin/python /path/to/bench/same_outputs.py /tmp/a.json)
    .venv/bin/python bench/same_outputs.py /tmp/b.json && cmp /tmp/a.json /tmp/b.json
"""
import dataclasses
import json
import sys
from datetime import date
from pathlib import Path
REPO = Path.cwd()  # the tree whose code is measured (run from its root)
sys.path[:0] = [str(REPO), str(REPO / "bench")]
import corpus  # noqa: E402
from map_app.geoparse.pipeline import default_geoparser  # noqa: E402

def pid(p):
    return None if p is None else [p.key, p.name, p.lat, p.lon, p.kind, p.score]

def ment(m):
    return None if m is None else [m.start, m.end, m.text, pid(m.place), m.confidence]

def enc(v):
    if dataclasses.is_dataclass(v) and type(v).__name__ == "Mention":
        return ment(v)
    if dataclasses.is_dataclass(v) and type(v).__name__ == "Place":
        return pid(v)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if dataclasses.is_dataclass(v):
        return {f.name: enc(getattr(v, f.name)) for f in dataclasses.fields(v)}
    return v

texts = []
for d in corpus.generate(5.0, seed=0):
    texts.append((f"c{d.doc_id}", d.text, d.published))
for sub in sorted(REPO.glob("bench/incident_corpus*/*.jsonl")) + sorted(REPO.glob("bench/worldnews_corpus/*.jsonl")):
    for i, line in enumerate(sub.read_text().splitlines()):
        if line.strip():
            r = json.loads(line)
            pub = date.fromisoformat(r["published"]) if r.get("published") else None
            texts.append((f"{sub.parent.name}/{sub.name}:{i}", r["text"], pub))
for sub in sorted(REPO.glob("bench/worldnews_corpus/*.txt")):
    texts.append((f"{sub.name}", sub.read_text(), None))
print(len(texts), "texts", file=sys.stderr)
g = default_geoparser()
out = {}
for tid, text, pub in texts:
    pl = [ment(m) for m in g.places(text)]
    doc = g.parse(text, published=pub)
    out[tid] = {"places": pl, "parse_places": [ment(m) for m in doc.places],
                "incidents": enc(doc.incidents)}
Path(sys.argv[1]).write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True))
