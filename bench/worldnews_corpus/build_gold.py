"""Compile the hand-annotated world-news articles into gold records.

The articles (`articles_*.txt`) were written for this project: short English
local and world news (US small towns, UK councils, South Asian and African
cities, sports, business) in which every toponym is marked by hand:

    [[surface|spec]]   a gold toponym; spec is `[kind:]CC[/admin1][/lookup name]`
                       (the gazetteer entry meant, e.g. `US/Ohio`, `admin1:US/Kansas`,
                       `GB/England/Ashford`) or `@lat,lon[,radius_km]` for a place the
                       gazetteer lacks (a river, a neighbourhood, a vague region)
    {{surface}}        an ignore span: neither rewarded nor penalised (a place inside an
                       organisation's or event's name, a club named after its town)

Following the shared evaluation's rules, demonyms and adjectives are not gold,
nor are places inside organisation names; metonymic uses ("Washington imposed
sanctions") are. The gazetteer gives the coordinates of `spec` places: this
script looks them up once and writes `worldnews.jsonl` (the shared scorer's
record format), printing the chosen entries for review. The JSONL is committed,
so later gazetteer changes do not move the gold.

    .venv/bin/python bench/worldnews_corpus/build_gold.py [--check]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

_MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]|\{\{([^}]+)\}\}")
_KINDS = ("country", "admin1", "admin2", "populated_place", "region", "water", "facility", "crossing")


def read_articles(paths: list[Path]) -> list[dict]:
    """Articles with their marks removed and the marks as spans."""
    docs = []
    for path in paths:
        for block in path.read_text(encoding="utf-8").split("### ")[1:]:
            head, _, body = block.partition("\n")
            text, marks, ignore, last = [], [], [], 0
            body = body.strip()
            length = 0
            for match in _MARK.finditer(body):
                text.append(body[last:match.start()])
                length += match.start() - last
                surface = match.group(1) or match.group(3)
                start, end = length, length + len(surface)
                if match.group(1):
                    marks.append({"start": start, "end": end, "surface": surface, "spec": match.group(2)})
                else:
                    ignore.append({"start": start, "end": end, "surface": surface})
                text.append(surface)
                length = end
                last = match.end()
            text.append(body[last:])
            docs.append({"id": head.strip(), "text": "".join(text), "marks": marks, "ignore": ignore})
    return docs


def _folded(name: str | None) -> str:
    from gazetteer.normalize import name_key

    return name_key(name or "")


def resolve_spec(gazetteer, surface: str, spec: str) -> dict:
    """The gold point of one mark."""
    if spec.startswith("@"):
        parts = [float(x) for x in spec[1:].split(",")]
        gold = {"lat": parts[0], "lon": parts[1], "geonameid": None, "country_code": None, "kind": "manual"}
        if len(parts) > 2:
            gold["radius_km"] = parts[2]
        return gold
    kind = None
    if ":" in spec and spec.split(":", 1)[0] in _KINDS:
        kind, spec = spec.split(":", 1)
    parts = spec.split("/")
    country, admin1 = parts[0], parts[1] if len(parts) > 1 else None
    name = parts[2] if len(parts) > 2 else (admin1 if kind == "admin1" and admin1 else surface)
    found = gazetteer.lookup(name, limit=200, fuzzy=False, country_codes=(country,))
    if kind == "country":
        found = gazetteer.lookup(name, limit=50, fuzzy=False) or found
        found = [p for p in found if p.kind == "country" and p.country_code == country]
    if kind:
        found = [p for p in found if p.kind == kind]
    if admin1 and kind != "admin1":
        found = [p for p in found if _folded(p.admin1) == _folded(admin1)]
    elif admin1:
        found = [p for p in found if _folded(p.name) == _folded(admin1)] or found
    if not found:
        raise SystemExit(f"no gazetteer entry for {surface!r} ({spec})")
    # The entry whose own name is the one asked for before one that merely has it as an alternate.
    exact = [p for p in found if _folded(p.name) == _folded(name)]
    place = (exact or found)[0]
    return {"lat": round(place.lat, 5), "lon": round(place.lon, 5), "geonameid": place.geonameid,
            "country_code": place.country_code, "kind": place.kind,
            "_entry": f"{place.name} [{place.kind}] {place.admin1 or ''} {place.country_code} pop={place.population}"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=HERE / "worldnews.jsonl")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    from gazetteer import Gazetteer

    gazetteer = Gazetteer.open(user_layer_path=HERE / "no-user-layer.json")
    docs = read_articles(sorted(HERE.glob("articles_*.txt")))
    cache: dict[tuple[str, str], dict] = {}
    with open(args.out, "w", encoding="utf-8") as handle:
        for doc in docs:
            toponyms = []
            for mark in doc["marks"]:
                key = (mark["surface"], mark["spec"])
                if key not in cache:
                    cache[key] = resolve_spec(gazetteer, mark["surface"], mark["spec"])
                    if not args.quiet:
                        print(f"{doc['id']:22} {mark['surface']:24} {mark['spec']:30} "
                              f"{cache[key].get('_entry', 'manual point')}")
                gold = {k: v for k, v in cache[key].items() if not k.startswith("_")}
                toponyms.append({"start": mark["start"], "end": mark["end"], "surface": mark["surface"], **gold})
            record = {"id": doc["id"], "lang": "en", "source_url": None, "published": None, "text": doc["text"],
                      "toponyms": toponyms, "incidents": [], "ignore": doc["ignore"]}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    total = sum(len(d["marks"]) for d in docs)
    print(f"{len(docs)} articles, {total} gold toponyms, "
          f"{sum(len(d['ignore']) for d in docs)} ignore spans -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
