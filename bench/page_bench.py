"""The whole dashboard page on a big store, in headless Chromium, beside a baseline.

Used by ``dashboard_bench.py --page``.  A SQLite store of N synthetic incidents is
built once (``bench/out/store_<N>.sqlite``); each tree (this one, and a baseline
checkout of earlier code made with ``git archive``) runs ``streamlit run
map_app/serve.py`` on it as ``./run.sh`` does (``map_app/app.py`` for trees without
serve.py), and Chromium measures what an analyst waits for:

- **first map**: from navigation until the map's clusters/markers are on screen
  and Streamlit has finished the run (the page is interactive) — *cold* on the
  server's first visit (nothing cached), then *warm* (median of the later visits);
- **server start**: from launching the server until it answers its health check —
  for a tree with ``map_app/serve.py`` (what ``./run.sh`` starts) that includes the
  start-up work preparing the default view, so the first visit is measured as an
  analyst meets it after ``./run.sh``; older trees run ``map_app/app.py``;
- **filter change**: from choosing one event type in the sidebar until the
  counter shows the new count, the map has markers again and the run is over; a
  different type each run, so the answer is never in the page's cache (median).

Beside each wall-clock time, the Streamlit server's CPU seconds for it (its process
and children, from psutil): on a machine shared with other work, the CPU figure is
the steadier reading of what the server spends.

Every request the page makes is checked to stay on 127.0.0.1.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO / "tests"))

from live import CHROMIUM, CHROMIUM_ARGS, is_local, streamlit_server  # noqa: E402

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: Chromium sends every non-loopback request to this proxy port, where nothing listens.
DEAD_PORT = 9
#: One event type per run, so that no filter change is answered from the page's cache.
FILTER_TYPES = ("Battles", "Protests", "Strategic developments", "Violence against civilians",
                "Explosions/Remote violence")


def build_store(n: int, records) -> Path:
    """bench/out/store_<n>.sqlite with n synthetic incidents (reused when complete)."""
    from map_app.store import open_store

    path = OUT / f"store_{n}.sqlite"
    if path.exists():
        store = open_store(str(path))
        try:
            if store.stats()["incidents"] == n:
                return path
        finally:
            store.close()
        path.unlink()
    OUT.mkdir(parents=True, exist_ok=True)
    store = open_store(str(path))
    store.add_incident_records(records)
    store.close()
    return path


def baseline_tree(rev: str) -> Path:
    """A checkout of `rev` under bench/out/ (git archive), with this tree's web assets."""
    target = OUT / f"baseline-{rev}"
    if not (target / "map_app" / "app.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", rev], cwd=REPO, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    vendor = target / "map_app" / "static" / "vendor"
    if not vendor.exists():
        shutil.copytree(REPO / "map_app" / "static" / "vendor", vendor, symlinks=False)
    return target


def _idle(page, timeout_ms: int) -> None:
    page.wait_for_function(
        "() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
        " return !w || !/Running|Stop/i.test(w.innerText); }", timeout=timeout_ms, polling=100)


def _markers(page, timeout_ms: int) -> None:
    page.wait_for_function(
        f"() => {{ const f = document.querySelectorAll('{MAP_FRAME}');"
        " if (f.length !== 1) return false; const d = f[0].contentDocument;"
        " return !!(d && d.querySelector('.inc-cluster, .inc-dot')); }",
        timeout=timeout_ms, polling=100)


def _metric(page) -> str:
    return page.locator('[data-testid="stMetric"]').filter(
        has_text="Incidents (filtered)").first.locator(
        '[data-testid="stMetricValue"]').inner_text()


def _server_cpu() -> float:
    """CPU seconds used so far by the Streamlit server (a child of this process)."""
    import psutil

    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            if "streamlit" in " ".join(child.cmdline()):
                times = child.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            continue
    return total


def measure(tree: Path, db: Path, runs: int, timeout_s: float = 180) -> dict:
    """Median seconds to the first map and to a filter change, for one tree."""
    from playwright.sync_api import sync_playwright

    env = {"MAP_APP_DB": str(db),
           "GAZETTEER_INDEX": os.environ.get("GAZETTEER_INDEX",
                                             str(REPO / "gazetteer" / "data" / "index"))}
    first, change, remote, cold, returning = [], [], set(), None, []
    first_cpu, change_cpu, cold_cpu = [], [], None
    log = OUT / f"streamlit-{tree.name}.log"
    script = tree / "map_app" / "serve.py"
    script = script if script.exists() else tree / "map_app" / "app.py"
    t_start = time.perf_counter()
    with streamlit_server(script, env=env, cwd=tree, log=log,
                          timeout=180) as url, sync_playwright() as p:
        started = time.perf_counter() - t_start
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=[*CHROMIUM_ARGS, f"--proxy-server=http://127.0.0.1:{DEAD_PORT}"])
        try:
            for k in range(runs + 1):  # run 0 is the cold first visit
                context = browser.new_context(viewport={"width": 1500, "height": 1100})
                # Every request is checked; a non-local one is counted and cannot leave (the
                # browser's proxy is a closed local port). Not Playwright's request routing:
                # that sends each of the page's ~150 requests through the test driver and
                # added about half a second to every page load.
                context.on("request", lambda r: remote.add(r.url) if not is_local(r.url) else None)
                page = context.new_page()
                cpu0, t0 = _server_cpu(), time.perf_counter()
                page.goto(url, wait_until="commit")
                _markers(page, timeout_s * 1000)
                _idle(page, timeout_s * 1000)
                t_first = time.perf_counter() - t0
                cpu_first = _server_cpu() - cpu0
                before = _metric(page)
                sidebar = page.locator('[data-testid="stSidebar"]')
                sidebar.locator('[data-testid="stMultiSelect"]').filter(
                    has_text="Event type").first.click()
                option = page.get_by_role("option", name=FILTER_TYPES[k % len(FILTER_TYPES)],
                                          exact=True)
                option.wait_for(timeout=timeout_s * 1000)
                cpu1, t1 = _server_cpu(), time.perf_counter()
                option.click()
                page.wait_for_function(
                    "(before) => { const m = [...document.querySelectorAll("
                    "'[data-testid=\"stMetric\"]')].find(e => e.innerText.includes("
                    "'Incidents (filtered)')); return m && !m.innerText.includes(before); }",
                    arg=before, timeout=timeout_s * 1000, polling=50)
                _markers(page, timeout_s * 1000)
                _idle(page, timeout_s * 1000)
                t_change = time.perf_counter() - t1
                change_cpu.append(_server_cpu() - cpu1)
                if k:
                    first.append(t_first)
                    first_cpu.append(cpu_first)
                else:
                    cold, cold_cpu = t_first, cpu_first
                change.append(t_change)
                context.close()
            # An analyst reopening the page: one browser, so its cache keeps Streamlit's
            # script files between visits (visit 0 fills it).
            context = browser.new_context(viewport={"width": 1500, "height": 1100})
            context.on("request", lambda r: remote.add(r.url) if not is_local(r.url) else None)
            page = context.new_page()
            for k in range(runs + 1):
                t0 = time.perf_counter()
                page.goto(url, wait_until="commit")
                _markers(page, timeout_s * 1000)
                _idle(page, timeout_s * 1000)
                if k:
                    returning.append(time.perf_counter() - t0)
            context.close()
        finally:
            browser.close()
    return {"start_s": started, "script": script.name, "cold_first_map_s": cold,
            "first_map_s": statistics.median(first), "first_map_range": (min(first), max(first)),
            "returning_s": statistics.median(returning),
            "filter_s": statistics.median(change), "runs": runs, "remote": sorted(remote),
            "cold_cpu_s": cold_cpu, "first_cpu_s": statistics.median(first_cpu),
            "filter_cpu_s": statistics.median(change_cpu)}


def run(n: int, records, runs: int, baseline: str | None) -> list[dict]:
    db = build_store(n, records)
    trees = [("this tree", REPO)]
    if baseline:
        trees.insert(0, (f"baseline {baseline}", baseline_tree(baseline)))
    rows = []
    for label, tree in trees:
        # Each tree gets its own copy: a server may write its settings into the store.
        copy = OUT / f"store_{n}_{tree.name}.sqlite"
        shutil.copyfile(db, copy)
        result = measure(tree, copy, runs)
        rows.append({"tree": label, "incidents": n, **result})
        print(f"measured page: {label}", file=sys.stderr, flush=True)
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| code | incidents in the store | server start (s) | first map, cold (s) | "
             "first map, warm (s) [range] | first map, returning browser (s) | "
             "filter change (s) | server CPU: cold / warm / filter (s) | non-local requests |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lo, hi = r["first_map_range"]
        lines.append(f"| {r['tree']} ({r['script']}) | {r['incidents']:,} | {r['start_s']:.2f} | "
                     f"{r['cold_first_map_s']:.2f} | "
                     f"{r['first_map_s']:.2f} [{lo:.2f}–{hi:.2f}] | {r['returning_s']:.2f} | "
                     f"{r['filter_s']:.2f} | "
                     f"{r['cold_cpu_s']:.2f} / {r['first_cpu_s']:.2f} / {r['filter_cpu_s']:.2f} | "
                     f"{len(r['remote'])} |")
    if len(rows) == 2:
        a, b = rows
        lines.append(f"| ratio (baseline / this) | | "
                     f"{a['start_s'] / b['start_s']:.1f}× | "
                     f"{a['cold_first_map_s'] / b['cold_first_map_s']:.1f}× | "
                     f"{a['first_map_s'] / b['first_map_s']:.1f}× | "
                     f"{a['returning_s'] / b['returning_s']:.1f}× | "
                     f"{a['filter_s'] / b['filter_s']:.1f}× | "
                     f"{a['cold_cpu_s'] / b['cold_cpu_s']:.1f}× / "
                     f"{a['first_cpu_s'] / b['first_cpu_s']:.1f}× / "
                     f"{a['filter_cpu_s'] / b['filter_cpu_s']:.1f}× | |")
    return "\n".join(lines)
