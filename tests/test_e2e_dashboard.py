"""The real dashboard in headless Chromium: offline, filterable, exportable, hostile-proof.

Starts `streamlit run map_app/serve.py` (as ./run.sh does) on a free loopback port with its own
database (the demo articles when the parser can load them, plus a few stored
incidents whose text is hostile), then drives the page like an analyst:
map -> filter -> GeoJSON download -> select the hostile incident -> paste a
hostile article. Every request of the page and its frames is recorded (and
anything non-local is aborted); none may leave 127.0.0.1/localhost.
Screenshots go to tests/artifacts/.
"""
from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest
from live import is_local, launch_chromium, needs_chromium, streamlit_server

from map_app.store import IncidentRecord, Source, Store, StoreError

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

HOSTILE_EVIDENCE = ("Shelling hit Zaytounville <script>alert('x')</script> "
                    "<img src=x onerror=alert(1)> \u202eevil\u202c zzhostile")
HOSTILE_ARTICLE = (
    "قصفت طائرة مسيرة مدينة البوكمال في ريف دير الزور أمس <script>alert(document.domain)</script> "
    "<img src=x onerror=alert(1)> \u202eطفح\u202c <a href=\"javascript:alert(2)\">اضغط</a> "
    "وقتل ثلاثة أشخاص. \u2067عزل\u2069")

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]


def _seed(path: Path) -> bool:
    """Demo data if the pipeline can parse it, plus stored incidents with hostile text."""
    from map_app.demo import load_demo

    store = Store.open(path)
    try:
        load_demo(store)
        demo = True
    except StoreError:
        demo = False
    base = dict(sub_event_type="Shelling/artillery/missile attack", time_precision=1,
                country_code="SY", admin1="Deir ez-Zor", geo_precision=1, confidence=0.8,
                start=0, end=len(HOSTILE_EVIDENCE))
    store.add_incident_records([
        IncidentRecord(event_type="Explosions/Remote violence", event_date=date(2024, 3, 2),
                       location="Zaytounville", place_name="Zaytounville", lat=35.1, lon=40.4,
                       fatalities=2, actors=("<b>Group</b>",), evidence=HOSTILE_EVIDENCE,
                       sources=(Source(url="javascript:alert(3)", title="<i>bad link</i>"),
                                Source(url="https://example.org/ok", title="ok link")), **base),
        IncidentRecord(event_type="Battles", event_date=date(2024, 2, 11), location="Raqqa",
                       place_name="Raqqa", lat=35.95, lon=39.01, fatalities=1,
                       actors=("SDF",), evidence="Clashes near Raqqa.",
                       sources=(Source(url="https://example.org/r"),), **base),
        IncidentRecord(event_type="Protests", event_date=date(2024, 1, 20), location="Idlib",
                       place_name="Idlib", lat=35.93, lon=36.63, fatalities=0,
                       actors=("Protesters",), evidence="A protest in Idlib.",
                       sources=(Source(url="https://example.org/i"),), **base),
    ])
    store.close()
    return demo


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dashboard")
    db = tmp / "incidents.sqlite"
    demo = _seed(db)
    with streamlit_server("map_app/serve.py", env={"MAP_APP_DB": str(db)},
                          log=tmp / "streamlit.log") as url:
        yield {"url": url, "db": db, "demo": demo, "tmp": tmp}


def _metric(page, label: str) -> int:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    value = card.locator('[data-testid="stMetricValue"]').inner_text()
    return int(value.replace(",", ""))


def _wait_metric(page, label: str, differs_from: int, timeout_s: float = 30) -> int:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            value = _metric(page, label)
            if value != differs_from:
                return value
        except Exception:  # noqa: BLE001 - the page is re-rendering
            pass
        page.wait_for_timeout(250)
    raise AssertionError(f"{label} stayed at {differs_from}")


def _wait_idle(page, timeout_ms: int = 30_000) -> None:
    """Until Streamlit has finished the current run (no 'running' status widget)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !/Running|Stop/i.test(document.querySelector('[data-testid=\"stStatusWidget\"]').innerText)",
        timeout=timeout_ms)


def _map_frame(page):
    """The map's iframe, once a rerun has replaced any stale copy."""
    page.wait_for_selector(MAP_FRAME, state="attached", timeout=60_000)
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_FRAME}').length === 1",
                           timeout=30_000)
    return page.frame_locator(MAP_FRAME)


def _layout_intact(page) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]').bounding_box()
    title = page.get_by_role("heading", name="Conflict incident map").bounding_box()
    frame = page.locator(MAP_FRAME).last.bounding_box()
    assert sidebar and sidebar["x"] <= 1 and sidebar["width"] > 200
    assert title and title["x"] > sidebar["width"] - 5  # text still flows left to right
    assert frame and frame["height"] > 500 and frame["x"] > sidebar["width"] - 5


def test_dashboard_end_to_end(server):
    from playwright.sync_api import sync_playwright

    import geopandas as gpd

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = launch_chromium(p)
        context = browser.new_context(viewport={"width": 1500, "height": 1100},
                                      accept_downloads=True)
        context.on("request", lambda r: requests.append(r.url))  # page and every frame
        context.route("**/*", lambda route: route.continue_() if is_local(route.request.url)
                      else route.abort())
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto(server["url"], wait_until="domcontentloaded")
            frame = _map_frame(page)
            frame.locator(".inc-cluster, .inc-dot").first.wait_for(timeout=60_000)
            _wait_idle(page)
            total = _metric(page, "Incidents (filtered)")
            located = _metric(page, "On the map")
            assert total >= 3 and located >= 3
            assert frame.locator(".inc-legend").inner_text().startswith("Event type")
            page.wait_for_timeout(800)
            page.screenshot(path=str(ARTIFACTS / "dashboard_start.png"))
            _layout_intact(page)

            # Filter: one event type.
            sidebar = page.locator('[data-testid="stSidebar"]')
            sidebar.locator('[data-testid="stMultiSelect"]').filter(
                has_text="Event type").first.click()
            page.get_by_role("option", name="Battles", exact=True).click()
            page.keyboard.press("Escape")
            filtered = _wait_metric(page, "Incidents (filtered)", total)
            _wait_idle(page)
            assert 1 <= filtered < total
            on_map = _metric(page, "On the map")
            frame = _map_frame(page)
            frame.locator(".inc-cluster, .inc-dot").first.wait_for(timeout=30_000)

            # Export what is shown (demo data included: it is on the map) and read it back.
            if server["demo"]:
                page.get_by_text("Include demo data in exports").click()
                _wait_idle(page)
            button = page.get_by_role("button", name=re.compile(rf"GeoJSON \({on_map} feature"))
            button.wait_for(timeout=30_000)
            with page.expect_download() as info:
                button.click()
            target = server["tmp"] / "filtered.geojson"
            info.value.save_as(target)
            frame_gdf = gpd.read_file(target)
            assert len(frame_gdf) == on_map
            assert set(frame_gdf["event_type"]) == {"Battles"}
            page.screenshot(path=str(ARTIFACTS / "dashboard_filtered.png"))

            # Clear the filter, find the hostile incident and open it from the map.
            sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Event type").first \
                .get_by_role("button", name=re.compile("Clear", re.I)).last.click()
            _wait_metric(page, "Incidents (filtered)", filtered)
            sidebar.get_by_role("textbox", name="Search text").fill("zzhostile")
            sidebar.get_by_role("textbox", name="Search text").press("Enter")
            _wait_metric(page, "Incidents (filtered)", total)
            _wait_idle(page)
            frame = _map_frame(page)
            frame.locator(".inc-cluster, .inc-dot").first.wait_for(timeout=30_000)
            dot = frame.locator(".inc-dot")
            for _ in range(6):  # zoom into clusters until the marker itself shows
                if dot.count():
                    break
                frame.locator(".inc-cluster").first.click()
                page.wait_for_timeout(700)
            dot.first.click()
            popup = frame.locator(".leaflet-popup-content")
            popup.wait_for(timeout=10_000)
            assert "<script>alert('x')</script>" in popup.inner_text()
            assert popup.locator("script, img").count() == 0
            page.get_by_role("heading", name=re.compile(r"Incident #\d+")).wait_for(timeout=20_000)
            card = page.locator(".inc-card")
            assert "<img src=x onerror=alert(1)>" in card.inner_text()
            assert card.locator("script, img, i, b b").count() == 0
            hrefs = card.locator("a").evaluate_all("els => els.map(a => a.href)")
            assert hrefs == ["https://example.org/ok"]
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "dashboard_hostile_incident.png"))
            _layout_intact(page)

            # Paste a hostile article through the ingest panel.
            sidebar.get_by_role("textbox", name="Search text").fill("")
            sidebar.get_by_role("textbox", name="Search text").press("Enter")
            _wait_idle(page)
            page.get_by_role("tab", name="Add articles").click()
            _wait_idle(page)
            page.get_by_label("Article text (Arabic or English)").fill(HOSTILE_ARTICLE)
            page.get_by_label("Source URL").fill("javascript:alert(document.cookie)")
            page.get_by_role("button", name="Add article").click()
            # The first parse loads the gazetteer: allow it time.
            outcome = page.locator('[data-testid="stAlert"]').filter(
                has_text=re.compile(r"Article stored|Not stored|Already stored"))
            outcome.first.wait_for(timeout=120_000)
            _wait_idle(page, 60_000)
            outcome.first.scroll_into_view_if_needed()
            page.wait_for_timeout(1000)
            page.screenshot(path=str(ARTIFACTS / "dashboard_after_ingest.png"))
            alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
            assert any(("stored" in a or "Not stored" in a or "Already" in a) for a in alerts), alerts
            _layout_intact(page)
            _map_frame(page).locator(".inc-cluster, .inc-dot").first.wait_for(timeout=30_000)
        finally:
            browser.close()

    remote = sorted({u for u in requests if not is_local(u)})
    assert remote == [], remote
    assert dialogs == []
    assert errors == [], errors
