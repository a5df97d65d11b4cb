"""Issue 10's features, clicked through in headless Chromium on the demo data.

Review queue from the keyboard, the article view linked to the map, summaries
and time brushing that follow the filters, offline place labels, sources per
incident and the Help tab.  Each test checks what a person sees (text, pixels)
and that no request left the machine.
"""
from __future__ import annotations

import re

import pytest
from dash_browser import (
    MAP_FRAME, browser_marks, browser_page, card_text, click_table_row, dashboard_server,
    map_frame, map_image, metric, save_artifact, search, seed_demo_store, table_rows, wait_heading,
    wait_idle, wait_map, wait_metric)

from map_app.store import open_store

pytestmark = browser_marks


@pytest.fixture(scope="module")
def dash(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dash_features")
    db = tmp / "incidents.sqlite"
    seed_demo_store(db)
    store = open_store(str(db))
    records = store.incidents()
    store.close()
    with dashboard_server(tmp, db) as url:
        yield {"url": url, "db": db, "tmp": tmp, "records": records}


def _tab(page, name: str) -> None:
    page.get_by_role("tab", name=re.compile(name)).click()
    page.wait_for_timeout(500)
    wait_idle(page)


def _bukamal(dash):
    return next(r for r in dash["records"] if r.place_name == "Ālbū Kamāl")


def _open_bukamal(page, dash) -> int:
    rec = _bukamal(dash)
    search(page, "Abu Kamal")
    wait_metric(page, "Incidents (filtered)", 1)
    click_table_row(page, 0)
    wait_heading(page, f"Incident #{rec.id}")
    return rec.id


def _share(img, rgb, tol=12) -> int:
    return sum(1 for p in img.getdata() if all(abs(p[i] - rgb[i]) <= tol for i in range(3)))


def test_review_queue_from_the_keyboard(dash):
    with browser_page(dash["url"]) as s:
        page = s.page
        page.locator('[data-testid="stSidebar"]').get_by_role("textbox", name="Reviewer").fill("kb-analyst")
        page.keyboard.press("Tab")
        wait_idle(page)
        _tab(page, "Review queue")
        page.locator(".rq-item").first.wait_for(timeout=30_000)
        n = _waiting(page)
        first = page.locator(".rq-item").first.inner_text()
        first_id = int(re.search(r"#(\d+)", first)[1])
        save_artifact(page, "feature_queue.png")
        page.locator("h1").click()  # focus on the page, not in a text field
        page.keyboard.press("a")
        page.get_by_text(f"Accepted incident #{first_id}").wait_for(timeout=30_000)
        wait_idle(page)
        assert _waiting(page) == n - 1
        # The next item opened beside the map; X rejects it.
        second = int(re.search(r"#(\d+)", page.locator(".rq-cur").inner_text())[1])
        wait_heading(page, f"Incident #{second}")
        page.locator("h1").click()
        page.keyboard.press("x")
        page.get_by_text(f"Rejected incident #{second}").wait_for(timeout=30_000)
    store = open_store(str(dash["db"]))
    accepted, rejected = store.incident(first_id), store.incident(second)
    store.close()
    assert accepted.reviewed and accepted.reviewed_by == "kb-analyst" and not accepted.rejected
    assert rejected.rejected and rejected.reviewed_by == "kb-analyst"


def test_article_view_highlights_mentions_and_links_to_the_map(dash):
    with browser_page(dash["url"]) as s:
        page = s.page
        iid = _open_bukamal(page, dash)
        _tab(page, "Article")
        text = page.locator(".av-text")
        text.wait_for(timeout=20_000)
        marks = text.locator("mark.av-m").all_inner_texts()
        assert "البوكمال" in marks and "دير الزور" in marks, marks
        assert text.locator("mark.av-loc").inner_text() == "البوكمال"
        assert "البوكمال" in "".join(text.locator(".av-sel").all_inner_texts())
        text.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        img = _image(text.screenshot())
        assert _share(img, (0xC3, 0xF0, 0xCA)) > 100   # green mention highlights are drawn
        assert _share(img, (0xFF, 0xB3, 0xB3)) > 50    # the incident's place, in red
        save_artifact(page, "feature_article.png")
        # Article -> map: its incident button opens it and the map zooms to it.
        page.get_by_role("button", name=re.compile(rf"^#{iid} ·")).click()
        wait_idle(page)
        frame = map_frame(page)
        frame.locator(".leaflet-popup-content").wait_for(timeout=20_000)
        assert f"Incident #{iid}" in frame.locator(".leaflet-popup-content").inner_text()


def test_map_click_opens_the_article(dash):
    rec = next(r for r in dash["records"] if r.place_name == "Kirkuk")
    with browser_page(dash["url"]) as s:
        page = s.page
        search(page, "Kirkuk")
        wait_metric(page, "Incidents (filtered)", 1)
        wait_map(page)
        frame = map_frame(page)
        frame.locator(".inc-dot").first.click()
        frame.locator(".leaflet-popup-content").wait_for(timeout=20_000)
        wait_heading(page, f"Incident #{rec.id}")
        _tab(page, "Article")
        assert rec.evidence.split()[0] in page.locator(".av-text").inner_text()


def test_summaries_follow_the_filters(dash):
    with browser_page(dash["url"]) as s:
        page = s.page
        _tab(page, "Summaries")
        page.get_by_text("by governorate").first.wait_for(timeout=20_000)
        page.wait_for_timeout(1500)
        charts = page.locator('[data-testid="stVegaLiteChart"]')
        assert charts.count() >= 3
        chart = charts.first  # the choropleth (only the open tab is drawn)
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        img = _image(chart.screenshot())
        coloured = sum(1 for p in img.getdata() if p[0] > 150 and p[0] - p[2] > 60)
        assert 2000 < coloured < 0.6 * img.width * img.height, coloured  # some governorates
        save_artifact(page, "feature_summaries.png")
        table = page.locator('[data-testid="stDataFrame"]').filter(
            has=page.locator("th", has_text="Previous week"))
        before = _grid_text(table)
        assert "Battles" in before and "Strategic developments" in before
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Event type").first.click()
        page.get_by_role("option", name="Battles", exact=True).click()
        page.keyboard.press("Escape")
        battles = sum(1 for r in dash["records"] if r.event_type == "Battles" and not r.rejected)
        assert battles >= 1
        wait_metric(page, "Incidents (filtered)", battles)
        # The counters are drawn before the tab below them: wait for the table to be drawn again.
        after = _grid_text(table)
        for _ in range(40):
            if "Strategic developments" not in after:
                break
            page.wait_for_timeout(250)
            after = _grid_text(table)
        assert "Battles" in after and "Strategic developments" not in after


def test_time_brushing_filters_map_table_and_counters(dash):
    with browser_page(dash["url"]) as s:
        page = s.page
        total = metric(page, "Incidents (filtered)")
        chart = page.locator('[data-testid="stVegaLiteChart"]').first
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        box = chart.locator("canvas, svg").first.bounding_box()
        y = box["y"] + box["height"] * 0.45
        page.mouse.move(box["x"] + box["width"] * 0.08, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.30, y, steps=8)
        page.mouse.up()
        deadline = 40
        while deadline and metric(page, "Incidents (filtered)") == total:
            page.wait_for_timeout(500)
            deadline -= 1
        wait_idle(page)
        shown = metric(page, "Incidents (filtered)")
        assert 0 < shown < total
        assert len(table_rows(page)) == shown
        assert metric(page, "On the map") == shown
        dates = page.locator('[data-testid="stSidebar"]').get_by_role("spinbutton")
        assert [d.inner_text() for d in dates.all()][:3] != ["2024", "01", "14"]


def test_offline_basemap_labels_fill_in_as_you_zoom(dash):
    with browser_page(dash["url"]) as s:
        page = s.page
        frame = map_frame(page)
        frame.locator(".plbl").first.wait_for(timeout=20_000)
        start = frame.locator(".plbl").all_inner_texts()
        assert any("DEIR EZ-ZOR" in t.upper() for t in start), start
        assert not frame.locator(".plbl-4, .plbl-5").count()  # no small towns at region zoom
        page.frame_locator(MAP_FRAME).locator("body").evaluate(
            "() => { const m = Object.values(window).find(v => v instanceof L.Map);"
            " m.setView([35.33, 40.14], 10); }")
        page.wait_for_timeout(1500)
        close = frame.locator(".plbl").all_inner_texts()
        assert frame.locator(".plbl-3, .plbl-4, .plbl-5").count() >= 3, close
        img = map_image(page)
        dark = sum(1 for p in img.getdata() if max(p) < 110)
        assert dark > 400, dark  # label text drawn on the beige, not a blank map
        save_artifact(page, "feature_labels.png")


def test_sources_per_incident(dash):
    with browser_page(dash["url"]) as s:
        page = s.page
        _open_bukamal(page, dash)
        card = card_text(page)
        assert "Sources (2)" in card
        assert page.locator(".inc-card ol.inc-src li").count() == 2
        assert [r["Sources"] for r in table_rows(page)] == ["2"]


def test_help_tab_explains_layers_precisions_and_confidence(dash):
    with browser_page(dash["url"]) as s:
        page = s.page
        _tab(page, "Help")
        panel = page.locator('[data-testid="stTabPanel"]').filter(has_text="Geo precision")
        text = panel.first.inner_text()
        for needed in ("Place labels", "Heat map", "1 — town or exact spot",
                       "3 — within a month", "Confidence", "runner-up"):
            assert needed in text, needed


def _waiting(page) -> int:
    text = page.get_by_text(re.compile(r"incidents wait for review")).first.inner_text()
    return int(re.search(r"([\d,]+) incidents wait", text)[1].replace(",", ""))


def _image(png: bytes):
    import io

    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB")


def _grid_text(locator) -> str:
    locator.first.scroll_into_view_if_needed()
    return locator.first.evaluate(
        "el => { const t = el.querySelector('table'); return t ? t.innerText : ''; }")
