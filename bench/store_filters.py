"""The dashboard's store query on a filter change, on SQLite and on PostGIS.

Used by `dashboard_bench.py --stores` (and runnable alone).  Each store gets the
same N synthetic incidents (`dashboard_bench.synthetic_incidents`), then answers
the query the dashboard makes when an analyst changes a filter,
`store.incidents(IncidentFilter(...))`, for a fixed series of filters: every
incident, one event type, a quarter of the year, a map viewport around Deir
ez-Zor, a text search, and a combination.  Each filter is timed `runs` times
(median reported) after one untimed warm-up query, so the figure is a filter
change on a running dashboard.  The PostGIS store runs on a throw-away server
(tests/pg_server.py) when PostgreSQL + PostGIS are installed.

    .venv/bin/python bench/store_filters.py --size 100000
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench"), str(REPO / "tests")]

from map_app.store import IncidentFilter, open_store  # noqa: E402

TARGET_S = 1.5
FILTERS = {
    "every incident": IncidentFilter(),
    "one event type": IncidentFilter(event_types=("Battles",)),
    "Apr–Jun 2024": IncidentFilter(since=date(2024, 4, 1), until=date(2024, 6, 30)),
    "viewport (Deir ez-Zor)": IncidentFilter(bounds=(34.5, 39.5, 36.0, 41.5)),
    "text: البوكمال": IncidentFilter(text="البوكمال"),
    "IQ + quarter + 2 types": IncidentFilter(
        countries=("IQ",), since=date(2024, 7, 1), until=date(2024, 9, 30),
        event_types=("Battles", "Protests")),
}


def _server_cpu(store) -> Callable[[], float]:
    """CPU seconds used so far by the store's PostgreSQL backend process (0 for SQLite)."""
    if getattr(store, "path", None) is not None or not hasattr(store, "_conn"):
        return lambda: 0.0
    import psutil

    with store._read() as c:
        backend = psutil.Process(c.value("SELECT pg_backend_pid()"))

    def spent() -> float:
        times = backend.cpu_times()
        return times.user + times.system

    return spent


def time_filters(store, runs: int) -> dict[str, tuple[float, int, float]]:
    """{filter: (median wall s, rows, median CPU s of this process + the database server)}."""
    server = _server_cpu(store)
    out = {}
    for name, flt in FILTERS.items():
        store.incidents(flt)  # warm-up: caches and plans, as on a running dashboard
        times, cpus = [], []
        for _ in range(runs):
            t0, c0, s0 = time.perf_counter(), time.process_time(), server()
            rows = store.incidents(flt)
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0 + server() - s0)
        out[name] = (statistics.median(times), len(rows), statistics.median(cpus))
    return out


def measure(size: int, runs: int = 3, postgis: bool = True) -> tuple[list[str], dict]:
    """Markdown lines and raw figures for both backends."""
    from dashboard_bench import synthetic_incidents

    records = synthetic_incidents(size)
    results: dict[str, dict] = {}
    loads: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="store_filters_") as tmp:
        with open_store(str(Path(tmp) / "bench.sqlite")) as store:
            t0 = time.perf_counter()
            store.add_incident_records(records)
            loads["SQLite"] = time.perf_counter() - t0
            results["SQLite"] = time_filters(store, runs)
    why_not = None
    if postgis:
        from pg_server import PostgresServer, unavailable

        why_not = unavailable()
        if why_not is None:
            with PostgresServer() as server, open_store(server.new_database("bench")) as store:
                t0 = time.perf_counter()
                store.add_incident_records(records)
                loads["PostGIS"] = time.perf_counter() - t0
                results["PostGIS"] = time_filters(store, runs)
    backends = list(results)
    lines = [f"{size:,} incidents; median of {runs} queries after a warm-up; "
             f"target ≤ {TARGET_S} s per filter change. Wall clock, and CPU seconds of the "
             "dashboard's process plus the database server's (less sensitive to other load "
             "on the machine).", "",
             "| filter | rows | " + " | ".join(f"{b} wall (s) | {b} CPU (s)" for b in backends)
             + " |",
             "|---|---:|" + "---:|---:|" * len(backends)]
    for name in FILTERS:
        rows = results[backends[0]][name][1]
        cells = " | ".join(f"{results[b][name][0]:.3f} | {results[b][name][2]:.3f}"
                           for b in backends)
        lines.append(f"| {name} | {rows:,} | {cells} |")
    worst = {b: max(r[0] for r in results[b].values()) for b in backends}
    worst_cpu = {b: max(r[2] for r in results[b].values()) for b in backends}
    lines.append("| **slowest** | | " + " | ".join(
        f"**{worst[b]:.3f}** {'PASS' if worst[b] <= TARGET_S else 'FAIL'} | "
        f"**{worst_cpu[b]:.3f}** {'PASS' if worst_cpu[b] <= TARGET_S else 'FAIL'}"
        for b in backends) + " |")
    lines.append("")
    lines.append("Bulk load (`add_incident_records`): " + ", ".join(
        f"{b} {loads[b]:.1f} s" for b in backends) + f". Load average at the end: "
        f"{' / '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores.")
    if why_not:
        lines.append(f"PostGIS not measured: {why_not}.")
    for b in backends[1:]:
        counts = {n: r[1] for n, r in results[b].items()}
        assert counts == {n: r[1] for n, r in results[backends[0]].items()}, \
            "backends returned different rows"
    return lines, results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    lines, _ = measure(args.size, args.runs)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
