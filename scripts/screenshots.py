"""Screenshots of the dashboard's main views for the README, from the demo data.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Seeds a throw-away store with the bundled demo articles, starts the dashboard on
a free loopback port and drives headless Debian Chromium through the views:
overview, an incident under review, the review queue, the article view, the
summaries and the map zoomed in on the offline labels.  No request leaves the
machine (anything non-local is aborted and reported).
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from dash_browser import (  # noqa: E402
    MAP_FRAME, browser_page, click_table_row, dashboard_server, search, seed_demo_store,
    wait_idle, wait_map, wait_metric)


def _tab(page, name: str) -> None:
    page.get_by_role("tab", name=re.compile(name)).click()
    wait_idle(page)
    page.wait_for_timeout(800)


def _below_map(page, out: Path, name: str) -> None:
    """The tab panel area, scrolled into view, as one image."""
    panel = page.locator('[data-testid="stTabs"]').first
    panel.scroll_into_view_if_needed()
    page.wait_for_timeout(600)
    panel.screenshot(path=str(out / name))


def shoot(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "demo.sqlite"
        seed_demo_store(db)
        with dashboard_server(tmp, db) as url, browser_page(url, width=1440, height=1000) as s:
            page = s.page
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / "overview.png"))

            search(page, "Abu Kamal")
            wait_metric(page, "Incidents (filtered)", 1)
            click_table_row(page, 0)
            page.get_by_role("heading", name=re.compile(r"^Incident #\d+$")).wait_for()
            wait_map(page)
            page.wait_for_timeout(1500)
            page.locator("h1").first.scroll_into_view_if_needed()
            page.screenshot(path=str(out / "incident.png"))
            _tab(page, "Article")
            _below_map(page, out, "article.png")

            search(page, "")
            _tab(page, "Review queue")
            _below_map(page, out, "queue.png")
            _tab(page, "Summaries")
            page.wait_for_timeout(1500)
            _below_map(page, out, "summaries.png")

            frame = page.frame_locator(MAP_FRAME)
            frame.locator("body").evaluate(
                "() => { const m = Object.values(window).find(v => v instanceof L.Map);"
                " m.setView([35.0, 40.6], 8); }")
            page.wait_for_timeout(1500)
            page.locator(MAP_FRAME).scroll_into_view_if_needed()
            page.locator(MAP_FRAME).screenshot(path=str(out / "labels.png"))
    return sorted(out.glob("*.png"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = ap.parse_args(argv)
    for path in shoot(args.out):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
