"""Benchmark the incident map: build time, HTML size, time to interactive.

Why: the dashboard must stay responsive at 10k incidents (target: the map is
interactive within 2 s) and usable at 100k. This measures the two costs an
analyst waits for: building the map in Python (``map_view.build_map`` plus
rendering it to HTML) and the browser turning that HTML into clusters.

    .venv/bin/python bench/dashboard_bench.py            # 1k, 10k, 100k
    .venv/bin/python bench/dashboard_bench.py --sizes 1000 10000 --browser-sizes 10000
    .venv/bin/python bench/dashboard_bench.py --stores 100000   # + the store's filter query,
                                                                #   SQLite beside PostGIS

    .venv/bin/python bench/dashboard_bench.py --page 100000 --baseline bd5bb21   # whole page

The browser part serves the map and the vendored web assets on 127.0.0.1
(as Streamlit would, under /app/static/) and opens it in headless Chromium;
the clock runs from navigation start until the cluster layer has put
markers/clusters in the DOM. Needs /usr/bin/chromium and the assets from
``scripts/install_web_assets.py``; without them only the Python columns are
printed.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from map_app.dashboard.map_view import MapOptions, build_map  # noqa: E402

STATIC_DIR = REPO / "map_app" / "static"
OUT_DIR = REPO / "bench" / "out"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

EVENT_TYPES = {
    "Battles": ["Armed clash", "Government regains territory"],
    "Explosions/Remote violence": ["Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest"],
    "Strategic developments": ["Arrests", "Looting/property destruction"],
}
PLACES = [  # (English, Arabic, lat, lon, admin1, country)
    ("Deir ez-Zor", "دير الزور", 35.336, 40.141, "Deir ez-Zor", "SY"),
    ("Al-Bukamal", "البوكمال", 34.453, 40.918, "Deir ez-Zor", "SY"),
    ("Raqqa", "الرقة", 35.951, 39.009, "Raqqa", "SY"),
    ("Idlib", "إدلب", 35.930, 36.633, "Idlib", "SY"),
    ("Aleppo", "حلب", 36.202, 37.134, "Aleppo", "SY"),
    ("Daraa", "درعا", 32.618, 36.102, "Daraa", "SY"),
    ("Mosul", "الموصل", 36.340, 43.130, "Nineveh", "IQ"),
    ("Kirkuk", "كركوك", 35.468, 44.392, "Kirkuk", "IQ"),
    ("Ramadi", "الرمادي", 33.426, 43.300, "Anbar", "IQ"),
    ("Baghdad", "بغداد", 33.341, 44.401, "Baghdad", "IQ"),
]
ACTORS = ["SDF", "ISIS", "Syrian Arab Army", "Turkish forces", "PMF", "Iraqi Security Forces",
          "Unidentified armed group", "Civilians"]


@dataclass(frozen=True)
class SyntheticSource:
    url: str | None
    title: str | None = None
    source: str | None = None
    published: date | None = None
    article_id: int | None = None


@dataclass(frozen=True)
class SyntheticIncident:
    """The attributes of map_app.store.IncidentRecord that the map reads."""

    id: int
    event_type: str
    sub_event_type: str
    event_date: date | None
    time_precision: int | None
    location: str
    lat: float
    lon: float
    geonameid: int | None
    country_code: str
    admin1: str
    geo_precision: int
    fatalities: int | None
    actors: tuple[str, ...]
    evidence: str
    start: int
    end: int
    sources: tuple[SyntheticSource, ...]
    confidence: float
    reviewed: bool = False
    rejected: bool = False
    reviewed_by: str | None = None
    reviewed_at: object = None
    place_name: str | None = None
    location_start: int | None = None
    location_end: int | None = None


def synthetic_incidents(n: int, seed: int = 7) -> list[SyntheticIncident]:
    """n plausible incidents spread over a year and the region (deterministic)."""
    rnd = random.Random(seed)
    day0 = date(2024, 1, 1)
    types = list(EVENT_TYPES)
    out = []
    for i in range(n):
        name, name_ar, lat, lon, admin1, cc = rnd.choice(PLACES)
        event_type = rnd.choice(types)
        lead = "قصفت طائرات مسيرة مواقع في "
        evidence = (lead + name_ar + " مما أدى إلى مقتل عدد من العناصر وإصابة آخرين بجروح، "
                    "بحسب مصادر محلية.")
        out.append(SyntheticIncident(
            id=i + 1, event_type=event_type, sub_event_type=rnd.choice(EVENT_TYPES[event_type]),
            event_date=day0 + timedelta(days=rnd.randrange(365)), time_precision=1,
            location=name_ar, lat=lat + rnd.gauss(0, 0.35), lon=lon + rnd.gauss(0, 0.35),
            geonameid=None, country_code=cc, admin1=admin1, geo_precision=rnd.choice((1, 1, 2, 3)),
            fatalities=rnd.choice((None, 0, 1, 2, 3, 5, 12)),
            actors=tuple(rnd.sample(ACTORS, 2)), evidence=evidence, start=100,
            end=100 + len(evidence),
            sources=(SyntheticSource(f"https://example.org/news/{i}", "Example news", "example"),),
            confidence=round(rnd.uniform(0.3, 1.0), 2), place_name=name,
            location_start=100 + len(lead), location_end=100 + len(lead) + len(name_ar)))
    return out


# --------------------------------------------------------------------------- serving


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves OUT_DIR at / and map_app/static at /app/static/ (as Streamlit does)."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith("/app/static/"):
            return str(STATIC_DIR / path[len("/app/static/"):])
        return str(Path(self.directory) / path.lstrip("/"))

    def log_message(self, *args) -> None:  # keep the table readable
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start a loopback HTTP server in a thread; returns it and its base URL."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def browser_ready() -> str | None:
    """Why the browser column cannot be measured, or None if it can."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} missing (apt-get install -y chromium)"
    try:
        from map_app.dashboard.offline_assets import missing_assets
    except ImportError:
        return "map_app.dashboard.offline_assets missing"
    if missing_assets():
        return "web assets missing (.venv/bin/python scripts/install_web_assets.py)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed"
    return None


def time_to_interactive(url: str, runs: int = 3, timeout_s: float = 60.0) -> dict:
    """Median ms from navigation start until clusters/markers are in the DOM."""
    from playwright.sync_api import sync_playwright

    results, remote = [], set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.on("request", lambda r: remote.add(r.url) if not r.url.startswith(
                    ("http://127.0.0.1", "data:", "blob:", "about:")) else None)
                page.goto(url, wait_until="commit")
                page.wait_for_function(
                    "document.querySelectorAll('.inc-cluster, .inc-dot').length > 0",
                    timeout=timeout_s * 1000, polling="raf")
                ms = page.evaluate("performance.now()")
                clusters = page.evaluate("document.querySelectorAll('.inc-cluster').length")
                results.append((ms, clusters))
                page.close()
        finally:
            browser.close()
    results.sort()
    ms, clusters = results[len(results) // 2]
    return {"ms": ms, "clusters": clusters, "remote": sorted(remote)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--browser-sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--stores", type=int, nargs="*", default=None, metavar="N",
                    help="also time the store's filter query with N incidents on SQLite and "
                         "PostGIS (bench/store_filters.py); with no N: 100000")

    ap.add_argument("--page", type=int, metavar="N", default=0,
                    help="also time the whole Streamlit page on a store of N incidents "
                         "(first map interactive, filter change; see bench/page_bench.py)")
    ap.add_argument("--baseline", metavar="REV",
                    help="with --page: run a checkout of REV (git archive) side by side")
    args = ap.parse_args(argv)
    if args.page:
        import os

        import page_bench

        os.environ.setdefault("GAZETTEER_INDEX", str(REPO / "gazetteer" / "data" / "index"))
        rows = page_bench.run(args.page, synthetic_incidents(args.page), args.runs,
                              args.baseline)
        print()
        print(page_bench.table(rows))
        print(f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
        return 0

    try:
        from map_app.dashboard.offline_assets import use_local_assets
        use_local_assets()
    except ImportError:
        pass
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    why_not = browser_ready()
    server, base = serve(OUT_DIR) if why_not is None else (None, "")

    rows = []
    for n in args.sizes:
        records = synthetic_incidents(n)
        builds = []
        for _ in range(max(1, args.runs if n <= 10_000 else 1)):
            t0 = time.perf_counter()
            html = build_map(records, options=MapOptions()).get_root().render()
            builds.append(time.perf_counter() - t0)
        builds.sort()
        path = OUT_DIR / f"map_{n}.html"
        path.write_text(html, encoding="utf-8")
        row = {"incidents": n, "build_s": builds[len(builds) // 2],
               "html_mb": len(html.encode("utf-8")) / 1e6,
               "aggregated": n > MapOptions().detail_limit}
        if why_not is None and n in args.browser_sizes:
            tti = time_to_interactive(f"{base}/{path.name}", runs=args.runs)
            row.update(browser_ms=tti["ms"], clusters=tti["clusters"], remote=tti["remote"])
        rows.append(row)
        print(f"measured {n}", file=sys.stderr, flush=True)
    if server is not None:
        server.shutdown()

    print()
    print("| incidents | build map + HTML (s) | HTML size (MB) | markers | "
          "browser: clusters visible (ms) | clusters drawn | non-local requests |")
    print("|---:|---:|---:|---|---:|---:|---:|")
    for r in rows:
        ms = f"{r['browser_ms']:.0f}" if "browser_ms" in r else "-"
        clusters = str(r.get("clusters", "-"))
        remote = str(len(r["remote"])) if "remote" in r else "-"
        popups = "one per ~2 km cell" if r["aggregated"] else "one per incident"
        print(f"| {r['incidents']:,} | {r['build_s']:.2f} | {r['html_mb']:.1f} | {popups} | "
              f"{ms} | {clusters} | {remote} |")
    if why_not:
        print(f"\nbrowser not measured: {why_not}")
    if args.stores is not None:
        from store_filters import measure

        for n in args.stores or [100_000]:
            print()
            print("\n".join(measure(n, args.runs)[0]))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
