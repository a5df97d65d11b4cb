"""Shared plumbing for the dashboard's browser tests (tests/test_e2e_*.py).

One seeded store (the demo articles, parsed by the real pipeline, flagged as demo),
one live Streamlit server per test module, and a page whose every request is
checked: loopback requests go through, OpenStreetMap tile requests are answered
here with a fake magenta tile when a test asks for it (they never leave the
machine), anything else is aborted and recorded — each test asserts that list
is empty.  Helpers read what a person sees: metric values, the incident card,
the table's cells (glide-data-grid's accessible table), screenshots as pixels.
"""
from __future__ import annotations

import io
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest
from live import is_local, launch_chromium, needs_chromium, streamlit_server

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MAGENTA = (255, 0, 255)

browser_marks = [pytest.mark.browser, pytest.mark.slow, needs_chromium]


def seed_demo_store(path: Path) -> None:
    """The demo articles as the dashboard's default store would hold them."""
    from map_app.demo import load_demo
    from map_app.store import open_store

    store = open_store(str(path))
    load_demo(store)
    store.close()


@contextmanager
def dashboard_server(tmp: Path, db: Path, **env: str) -> Iterator[str]:
    """The dashboard on `db`.  DASH_TREE=<checkout> runs another tree's page instead (to
    see a test fail on the code before a fix); the store is always this tree's."""
    tree = Path(os.environ.get("DASH_TREE") or REPO)
    # As ./run.sh serves it (map_app/serve.py: start-up work, then the page); trees from
    # before serve.py existed run the page script itself.
    script = tree / "map_app" / "serve.py"
    script = script if script.exists() else tree / "map_app" / "app.py"
    try:
        with streamlit_server(script, cwd=tree,
                              env={"MAP_APP_DB": str(db), "GAZETTEER_INDEX": os.environ.get(
                                  "GAZETTEER_INDEX", str(REPO / "gazetteer" / "data" / "index")),
                                   **env},
                              log=tmp / "streamlit.log", timeout=90) as url:
            yield url
    finally:
        # Other test modules start their own (sync) Playwright: ours must be gone by then.
        close_shared_browser()


def _png(color: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (256, 256), color).save(out, format="PNG")
    return out.getvalue()


@dataclass
class Session:
    page: Any
    context: Any
    blocked: list[str] = field(default_factory=list)
    faked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextmanager
def browser_page(url: str, *, fake_tiles: bool = False, width: int = 1500,
                 height: int = 1200) -> Iterator[Session]:
    """A fresh page (own browser context) on `url`; on exit asserts no request left the
    machine.  OpenStreetMap tiles are answered here with a magenta tile if `fake_tiles`."""
    tile = _png(MAGENTA)
    context = _shared_browser().new_context(viewport={"width": width, "height": height},
                                            accept_downloads=True)
    session = Session(page=None, context=context)

    def route(r):
        target = r.request.url
        if is_local(target):
            r.continue_()
        elif fake_tiles and "tile.openstreetmap.org" in target:
            session.faked.append(target)
            r.fulfill(status=200, content_type="image/png", body=tile)
        else:
            session.blocked.append(target)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda e: session.errors.append(str(e)))
    session.page = page
    try:
        page.goto(url, wait_until="domcontentloaded")
        wait_map(page)
        yield session
    finally:
        context.close()
    assert session.blocked == [], session.blocked


_BROWSER: dict[str, Any] = {}


def _shared_browser():
    """One Chromium per test module (a context per test keeps the tests apart)."""
    if "browser" not in _BROWSER:
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        _BROWSER["pw"], _BROWSER["browser"] = pw, launch_chromium(pw)
    return _BROWSER["browser"]


def close_shared_browser() -> None:
    browser, pw = _BROWSER.pop("browser", None), _BROWSER.pop("pw", None)
    try:
        if browser is not None:
            browser.close()
    finally:
        if pw is not None:
            pw.stop()


# --------------------------------------------------------------------------- reading the page


def wait_idle(page, timeout_ms: int = 60_000) -> None:
    """Until Streamlit has finished the current run."""
    page.wait_for_timeout(400)
    page.wait_for_function(
        "() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
        " return !w || !/Running|Stop/i.test(w.innerText); }", timeout=timeout_ms)
    page.wait_for_timeout(200)


def map_frame(page):
    page.wait_for_selector(MAP_FRAME, state="attached", timeout=90_000)
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_FRAME}').length === 1",
                           timeout=30_000)
    return page.frame_locator(MAP_FRAME)


def wait_map(page, timeout_ms: int = 90_000) -> None:
    """Until the page shows one map whose markers are drawn, and the run is over."""
    page.wait_for_function(
        f"() => {{ const f = document.querySelectorAll('{MAP_FRAME}');"
        " if (f.length !== 1) return false; const d = f[0].contentDocument;"
        " return !!(d && d.querySelector('.inc-cluster, .inc-dot')); }",
        timeout=timeout_ms, polling=200)
    wait_idle(page)


def metric(page, label: str) -> int:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return int(card.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))


def wait_metric(page, label: str, expected: int, timeout_s: float = 40) -> None:
    deadline = time.monotonic() + timeout_s
    seen = None
    while time.monotonic() < deadline:
        try:
            seen = metric(page, label)
            if seen == expected:
                wait_idle(page)
                return
        except Exception:  # noqa: BLE001 - re-rendering
            pass
        page.wait_for_timeout(250)
    raise AssertionError(f"{label}: expected {expected}, the page shows {seen}")


def search(page, text: str) -> None:
    box = page.locator('[data-testid="stSidebar"]').get_by_role("textbox", name="Search text")
    box.fill(text)
    box.press("Enter")
    wait_idle(page)


def incident_heading(page) -> str | None:
    """'Incident #N' shown in the side panel, or None when the panel is closed."""
    heads = page.get_by_role("heading", name=re.compile(r"^Incident #\d+$"))
    if heads.count() == 0:
        return None
    return heads.first.inner_text().strip()


def wait_heading(page, expected: str | None, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    seen = "?"
    while time.monotonic() < deadline:
        seen = incident_heading(page)
        if seen == expected:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"side panel: expected {expected!r}, the page shows {seen!r}")


def table(page) -> Any:
    """The incident table (the one with an "Evidence" column)."""
    return page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator('th', has_text="Sub-type")).first


def table_rows(page, timeout_s: float = 20) -> list[dict[str, str]]:
    """The incident table's rows as {column: text}, read from its accessible grid
    (once its cells are filled in)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            rows = _table_rows(page)
        except Exception:  # noqa: BLE001 - the table was re-rendered under us: read again
            if time.monotonic() > deadline:
                raise
            page.wait_for_timeout(300)
            continue
        if all(r.get("ID") for r in rows) or time.monotonic() > deadline:
            return rows
        page.wait_for_timeout(300)


def _table_rows(page) -> list[dict[str, str]]:
    grid = table(page)
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    return grid.evaluate("""el => {
        const t = el.querySelector('table'); if (!t) return [];
        const heads = [...t.querySelectorAll('thead th')].map(h => h.innerText.trim());
        return [...t.querySelectorAll('tbody tr')].map(tr => {
            const row = {}; [...tr.querySelectorAll('td')].forEach((td, k) => {
                row[heads[k] || String(k)] = td.innerText.trim(); });
            return row; });
    }""")


def click_table_row(page, index: int) -> None:
    """Select row `index` by clicking its selection box at the left edge of the grid."""
    grid = table(page)
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = grid.bounding_box()
    row_h = 35
    page.mouse.click(box["x"] + 14, box["y"] + row_h * (index + 1) + row_h / 2)
    wait_idle(page)


def card_text(page) -> str:
    return page.locator(".inc-card").first.inner_text()


def map_image(page):
    """The map iframe as a PIL image."""
    from PIL import Image

    png = page.locator(MAP_FRAME).screenshot()
    return Image.open(io.BytesIO(png)).convert("RGB")


def changed_pixels(a, b, threshold: int = 40) -> int:
    from PIL import ImageChops

    diff = ImageChops.difference(a, b).convert("L")
    return sum(diff.histogram()[threshold:])


def color_share(img, color: tuple[int, int, int], tol: int = 30) -> float:
    px = img.get_flattened_data()
    hits = sum(1 for p in px if all(abs(p[i] - color[i]) <= tol for i in range(3)))
    return hits / max(len(px), 1)


def tick(page, label: str, where: str = "sidebar") -> None:
    scope = page.locator('[data-testid="stSidebar"]') if where == "sidebar" else page
    scope.get_by_text(label, exact=True).click()
    wait_idle(page)


def save_artifact(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
