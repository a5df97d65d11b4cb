"""The map must render with no request leaving the machine (air-gapped dashboard).

(a) folium HTML configured by ``use_local_assets`` links no http(s) script/stylesheet;
(b) a real Streamlit + streamlit-folium page in headless Chromium makes only loopback
requests, and the Leaflet map really draws (iframe height, markers, clusters, heat).
The vendored files are installed once per session by scripts/install_web_assets.py
(an instant no-op when they are already there).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import folium
import pytest
from folium.plugins import FastMarkerCluster, Fullscreen, HeatMap, MarkerCluster, MiniMap
from live import is_local, launch_chromium, needs_chromium, streamlit_server

from map_app.dashboard import offline_assets
from map_app.dashboard.offline_assets import (
    SUPPORTED_CLASSES,
    VENDOR_DIR,
    missing_assets,
    remote_references,
    restore_cdn_assets,
    use_local_assets,
)

REPO = Path(__file__).resolve().parent.parent
INSTALLER = REPO / "scripts" / "install_web_assets.py"
PAGE = REPO / "tests" / "offline_map_page.py"
ARTIFACTS = REPO / "tests" / "artifacts"
TAG_URL = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']([^\"']+)[\"']", re.I)


@pytest.fixture(scope="session")
def installed_assets() -> Path:
    """Install the vendored assets (no-op when current); fail loudly if that fails."""
    proc = subprocess.run([sys.executable, str(INSTALLER), "--quiet"], capture_output=True, text=True)
    assert proc.returncode == 0, f"asset installer failed:\n{proc.stderr}"
    assert missing_assets() == []
    return VENDOR_DIR


@pytest.fixture
def local_assets(installed_assets):
    use_local_assets()
    yield installed_assets
    restore_cdn_assets()


def _demo_map() -> folium.Map:
    m = folium.Map(location=[35.0, 40.0], zoom_start=6, tiles=None)
    cluster = MarkerCluster().add_to(m)
    for lat, lon in [(33.51, 36.29), (36.20, 37.13), (36.34, 43.13), (33.31, 44.37)]:
        folium.Marker([lat, lon], popup="حلب / Aleppo").add_to(cluster)
    folium.Marker([34.7, 36.7], icon=folium.Icon(icon="bolt", prefix="fa", angle=30)).add_to(m)
    FastMarkerCluster([[35.9, 39.0], [35.3, 40.1]]).add_to(m)
    HeatMap([[33.5, 36.3, 2.0], [36.3, 43.1, 5.0]]).add_to(m)
    Fullscreen().add_to(m)
    return m


def _linked_urls(html: str) -> list[str]:
    return TAG_URL.findall(html)


# --- (a) rendered HTML ---------------------------------------------------------------

def test_rendered_html_links_only_local_assets(local_assets):
    html = _demo_map().get_root().render()
    urls = _linked_urls(html)
    assert len(urls) >= 16, urls  # Map core (10 + icon-path fix) + cluster (3) + heat + fullscreen (2)
    remote = [u for u in urls if offline_assets.is_remote_url(u)]
    assert remote == []
    for url in urls:
        assert url.startswith("/app/static/vendor/"), url
        assert (VENDOR_DIR / url.removeprefix("/app/static/vendor/")).is_file(), url


def test_cdn_html_is_remote_without_rewrite():
    """Guards the test above: folium really does link CDNs by default."""
    restore_cdn_assets()
    urls = _linked_urls(_demo_map().get_root().render())
    assert any(u.startswith("https://") for u in urls)


def test_every_supported_class_is_fully_local(local_assets):
    for cls in SUPPORTED_CLASSES:
        links = list(cls.default_js) + list(cls.default_css)
        assert links, cls
        assert [u for _n, u in links if offline_assets.is_remote_url(u)] == [], cls.__name__


def test_rewrite_is_idempotent_and_keeps_folium_defaults_intact(installed_assets):
    import folium.folium as folium_core

    cdn_leaflet = dict(folium_core._default_js)["leaflet"]
    use_local_assets("/x/")
    use_local_assets("/base/app/static/vendor")
    assert dict(folium.Map.default_js)["leaflet"] == "/base/app/static/vendor/leaflet/dist/leaflet.js"
    assert dict(FastMarkerCluster.default_js)["markerclusterjs"].startswith("/base/")
    assert dict(folium_core._default_js)["leaflet"] == cdn_leaflet  # module list untouched
    restore_cdn_assets()
    assert dict(folium.Map.default_js)["leaflet"] == cdn_leaflet


def test_offline_map_has_zoom_limits_and_no_tiles():
    m = offline_assets.offline_map([35.0, 40.0], zoom_start=6, max_zoom=17)
    assert m.options["maxZoom"] == 17 and m.options["minZoom"] == 2
    assert not [c for c in m._children.values() if isinstance(c, folium.raster_layers.TileLayer)]
    assert '"maxZoom": 17' in m.get_root().render()


def test_default_base_url_follows_streamlit_base_path():
    from streamlit import config as st_config

    old = st_config.get_option("server.baseUrlPath")
    try:
        st_config.set_option("server.baseUrlPath", "/dash/")
        assert offline_assets.default_base_url() == "/dash/app/static/vendor"
        st_config.set_option("server.baseUrlPath", "")
        assert offline_assets.default_base_url() == "/app/static/vendor"
    finally:
        st_config.set_option("server.baseUrlPath", old)


def test_remote_references_flags_tiles_minimap_tiles_and_colormaps(local_assets):
    assert remote_references(_demo_map()) == []
    online = folium.Map()  # default OpenStreetMap tiles
    MiniMap().add_to(online)
    import branca.colormap

    branca.colormap.LinearColormap(["green", "red"], vmin=0, vmax=1).add_to(online)
    refs = remote_references(online)
    assert any("openstreetmap" in r for r in refs)
    assert any("d3" in r for r in refs)
    assert not any("Control.MiniMap" in r for r in refs)  # MiniMap's own JS/CSS is local


def test_missing_assets_reports_absent_files(tmp_path):
    missing = missing_assets(tmp_path)
    assert "leaflet/dist/leaflet.js" in missing
    assert "jquery/dist/jquery.min.js" in missing
    (tmp_path / ".install-stamp.json").write_text(json.dumps({"files": {"leaflet/dist/images/layers.png": 1}}))
    assert "leaflet/dist/images/layers.png" in missing_assets(tmp_path)


# --- installer -------------------------------------------------------------------------

def _load_installer():
    spec = importlib.util.spec_from_file_location("install_web_assets", INSTALLER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


def test_installer_rerun_is_a_fast_noop(installed_assets):
    started = time.monotonic()
    proc = subprocess.run([sys.executable, str(INSTALLER)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "already installed" in proc.stdout
    assert time.monotonic() - started < 5


def test_installer_without_npm_fails_clearly(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path / "empty-bin")}
    proc = subprocess.run(
        [sys.executable, str(INSTALLER), "--dest", str(tmp_path / "vendor")],
        capture_output=True, text=True, env=env,
    )
    assert proc.returncode != 0
    assert "npm was not found" in proc.stderr
    assert not (tmp_path / "vendor" / ".install-stamp.json").exists()


def test_installed_tree_has_licences_and_css_targets(installed_assets):
    stamp = json.loads((installed_assets / ".install-stamp.json").read_text())
    for folder in set(stamp["packages"]) - {"generated"}:  # generated/: our own files
        assert any(re.search(r"licen[cs]e", p, re.I) for p in stamp["files"] if p.startswith(folder + "/")), folder
    # Every url(...) in the vendored CSS points at an installed file.
    for css in installed_assets.rglob("*.css"):
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if ref.startswith(("data:", "#")):
                continue
            target = (css.parent / ref.split("?")[0].split("#")[0]).resolve()
            assert target.is_file(), f"{css.relative_to(installed_assets)} -> {ref}"


def test_glyphicons_extraction_keeps_only_icon_rules():
    inst = _load_installer()
    css = """/* c */ body { color: red }
    @font-face { font-family: "Glyphicons Halflings"; src: url(x.woff) }
    @font-face { font-family: "Other"; src: url(y.woff) }
    .glyphicon { display: inline-block }
    .glyphicon-plus:before, .glyphicon-add:before { content: "+" }
    .btn .glyphicon { top: 0 }
    @media (min-width: 1px) { .glyphicon { top: 2px } }"""
    out = inst.extract_glyphicons_css(css)
    assert "Glyphicons Halflings" in out and "Other" not in out
    assert ".glyphicon-plus:before, .glyphicon-add:before" in out
    assert "body" not in out and ".btn" not in out and "@media" not in out


# --- (b) real browser ------------------------------------------------------------------

@pytest.fixture
def streamlit_page(installed_assets, tmp_path):
    """Run the probe page so that /app/static/ is map_app/static/, as for the real app.

    Streamlit serves static files from ``<script folder>/static``: the page is copied
    into a temp folder whose ``static`` and ``.streamlit`` (the safe settings Streamlit
    reads next to the script) symlink to map_app's.
    """
    app_dir = tmp_path / "app"
    app_dir.mkdir()
    shutil.copy(PAGE, app_dir / PAGE.name)
    (app_dir / "static").symlink_to(REPO / "map_app" / "static", target_is_directory=True)
    (app_dir / ".streamlit").symlink_to(REPO / "map_app" / ".streamlit", target_is_directory=True)
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    with streamlit_server(app_dir / PAGE.name, env=env, log=tmp_path / "streamlit.log") as base:
        yield base


@pytest.mark.browser
@pytest.mark.slow
@needs_chromium
def test_streamlit_folium_map_renders_offline(streamlit_page):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    failures: list[str] = []
    console_errors: list[str] = []
    render_error = None
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            context = browser.new_context(viewport={"width": 1100, "height": 900})
            context.on("request", lambda r: requests.append(r.url))
            context.on("requestfailed", lambda r: failures.append(f"{r.url} {r.failure}"))
            context.on("response", lambda r: r.status >= 400 and failures.append(f"{r.url} HTTP {r.status}"))
            # Belt and braces: anything non-local is recorded above and never leaves.
            context.route(
                "**/*",
                lambda route: route.continue_() if is_local(route.request.url) else route.abort(),
            )
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
            page.on("pageerror", lambda e: console_errors.append(f"uncaught: {e}"))  # frames too
            page.goto(streamlit_page, wait_until="domcontentloaded")

            iframe = page.wait_for_selector(
                'iframe[title="streamlit_folium.st_folium"]', state="attached", timeout=60_000
            )
            frame = iframe.content_frame()
            try:
                frame.wait_for_selector(".leaflet-marker-icon", timeout=45_000)
                frame.wait_for_selector("canvas.leaflet-heatmap-layer", state="attached", timeout=15_000)
                page.wait_for_function(  # streamlit-folium reports its height once the map is up
                    "() => document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]')"
                    ".getBoundingClientRect().height > 100",
                    timeout=15_000,
                )
            except PlaywrightTimeout as exc:
                render_error = str(exc).splitlines()[0]
            page.wait_for_timeout(1000)  # let fonts and the heat canvas settle
            box = iframe.bounding_box()
            n_markers = frame.locator(".leaflet-marker-icon").count()
            n_clusters = frame.locator(".marker-cluster").count()
            awesome_glyphs = frame.evaluate(
                "() => Array.from(document.querySelectorAll('.awesome-marker i')).map(i => i.className)"
            )
            default_icons = frame.evaluate(
                "() => Array.from(document.querySelectorAll('img.leaflet-marker-icon'))"
                ".map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])"
            )
            loaded_fonts = frame.evaluate(
                "async () => { await document.fonts.ready; return Array.from(document.fonts)"
                ".filter(f => f.status === 'loaded').map(f => f.family.replace(/[\"']/g, '')); }"
            )
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "offline_map.png"), full_page=True)
        finally:
            browser.close()

    outside = sorted({u for u in requests if not is_local(u)})
    assert outside == [], f"requests left the machine: {outside}"
    assert render_error is None, f"map did not render: {render_error}; browser errors: {console_errors}"
    assert console_errors == [], console_errors
    assert any("/app/static/vendor/leaflet/dist/leaflet.js" in u for u in requests)
    assert any("/app/static/vendor/fontawesome-free/webfonts/" in u for u in requests)
    assert failures == [], failures
    assert box is not None and box["height"] > 100, box
    assert n_clusters >= 1 and n_markers >= 3, (n_clusters, n_markers)
    assert len(awesome_glyphs) == 2, awesome_glyphs
    assert any("fa-bolt" in c for c in awesome_glyphs) and any("glyphicon-info-sign" in c for c in awesome_glyphs)
    assert default_icons and all(ok for _src, ok in default_icons), default_icons
    assert all("/leaflet/dist/images/marker-icon" in src for src, _ok in default_icons), default_icons
    assert {"Font Awesome 6 Free", "Glyphicons Halflings"} <= set(loaded_fonts), loaded_fonts
