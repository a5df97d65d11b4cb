"""map_view: the incident map is built from hostile text without letting it act.

Python-level tests read the rendered HTML; one browser test (skipped without
Debian chromium) clicks the hostile marker and checks the popup shows the
markup as text and no dialog fires.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import folium
import pytest
from folium.plugins import HeatMap
from live import CHROMIUM, launch_chromium, serve_directory

from map_app.dashboard import map_view
from map_app.dashboard.map_view import MapOptions, build_map, clean_text, clip_outlines, popup_id, safe_url

REPO = Path(__file__).resolve().parents[1]

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
RLO = "\u202e"


@dataclass(frozen=True)
class Src:
    url: str | None
    title: str | None = None
    source: str | None = None
    published: date | None = None
    article_id: int | None = None


@dataclass(frozen=True)
class Rec:
    """The IncidentRecord attributes map_view reads."""

    id: int
    lat: float | None
    lon: float | None
    event_type: str = "Battles"
    sub_event_type: str = "Armed clash"
    event_date: date | None = date(2024, 3, 11)
    time_precision: int | None = 1
    location: str | None = "البوكمال"
    place_name: str | None = "Al-Bukamal"
    admin1: str | None = "Deir ez-Zor"
    country_code: str | None = "SY"
    geo_precision: int | None = 1
    fatalities: int | None = 3
    actors: tuple = ("SDF",)
    evidence: str = "غارة على البوكمال أمس"
    start: int | None = 0
    end: int | None = 21
    location_start: int | None = None
    location_end: int | None = None
    sources: tuple = (Src("https://example.org/a", "Example"),)
    confidence: float = 0.9
    reviewed: bool = False
    rejected: bool = False
    reviewed_by: str | None = None


def hostile() -> Rec:
    evidence = f"قصف على {SCRIPT} البوكمال {IMG} {RLO}evil\u202c"
    return Rec(
        id=66, lat=34.45, lon=40.92,
        event_type=f"<b onmouseover=alert(4)>Battles{RLO}</b>",
        sub_event_type=f"{IMG}sub",
        location="البوكمال", place_name=f"Bukamal{SCRIPT}",
        actors=(f"{SCRIPT}actor", f"{RLO}ISIS"),
        evidence=evidence,
        sources=(Src("javascript:alert(3)", f"click {SCRIPT}"),
                 Src(" JaVaScRiPt:alert(5)", "spaced"),
                 Src("https://example.org/ok?a=1&b=<x>", f"{IMG}")),
        reviewed=True, reviewed_by=f"{SCRIPT}reviewer",
    )


def payload_of(m) -> dict:
    layer = next(c for c in m._children.values() if isinstance(c, map_view.IncidentLayer))
    return json.loads(layer.payload)


def test_hostile_strings_never_appear_raw_in_the_html():
    html = build_map([hostile()]).get_root().render()
    for needle in (SCRIPT, "<script>alert", IMG, "<img", "<b onmouseover", RLO, "\u202c",
                   "javascript:", "JaVaScRiPt"):
        assert needle not in html, needle
    # The text itself is still there, escaped for the browser to show as text.
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html


def test_only_http_links_survive():
    data = payload_of(build_map([hostile()]))
    links = data["details"][0][11]
    urls = [u for u, _label in links]
    assert urls == ["", "", "https://example.org/ok?a=1&b=<x>"]
    assert links[0][1] == f"click {SCRIPT}"  # shown as text, without a link


def test_safe_url():
    assert safe_url("https://example.org/x") == "https://example.org/x"
    assert safe_url("http://example.org") == "http://example.org"
    for bad in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "java\tscript:alert(1)",
                "java\nscript:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil.org",
                "/relative", "https://", "", None, "\u202ehttps://example.org"):
        got = safe_url(bad)
        assert got is None or got.startswith(("http://", "https://")), bad
    assert safe_url("java\tscript:alert(1)") is None
    assert safe_url("\u202ehttps://example.org") == "https://example.org"


def test_clean_text_strips_bidi_and_controls():
    assert clean_text(f"a{RLO}b\u2066c\u2069d\u200fe\x00f") == "abcdef"
    assert clean_text("x" * 50, 10) == "x" * 9 + "…"
    assert clean_text(None) == ""


def test_mark_follows_stored_offsets_even_with_bidi_controls():
    text = f"{RLO}قصف على البوكمال أمس"
    rec = Rec(id=1, lat=34.4, lon=40.9, evidence=text, start=100, end=100 + len(text),
              location_start=100 + text.index("البوكمال"),
              location_end=100 + text.index("البوكمال") + len("البوكمال"))
    detail = payload_of(build_map([rec]))["details"][0]
    evidence, start, end = detail[8], detail[9], detail[10]
    assert RLO not in evidence
    assert evidence[start:end] == "البوكمال"


def test_mark_falls_back_to_the_place_name():
    rec = Rec(id=1, lat=34.4, lon=40.9, evidence="Drone strike near Al-Bukamal today",
              location="Al-Bukamal", start=None, end=None)
    detail = payload_of(build_map([rec]))["details"][0]
    assert detail[8][detail[9]:detail[10]] == "Al-Bukamal"


def test_unlocated_and_invalid_points_are_left_out():
    recs = [Rec(id=1, lat=35.0, lon=40.0), Rec(id=2, lat=None, lon=None),
            Rec(id=3, lat=float("nan"), lon=40.0), Rec(id=4, lat=95.0, lon=40.0)]
    data = payload_of(build_map(recs))
    assert [row[3] for row in data["rows"]] == [1]


def test_types_get_stable_colours_and_counts():
    recs = [Rec(id=i, lat=35.0, lon=40.0, event_type=t)
            for i, t in enumerate(["Battles", "Protests", "Battles", "Something new"])]
    data = payload_of(build_map(recs))
    colours = dict(zip(data["types"], data["colors"]))
    assert colours["Battles"] == "#d62728" and colours["Protests"] == "#2ca02c"
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in data["colors"])
    assert dict(zip(data["types"], data["counts"])) == {"Battles": 2, "Protests": 1,
                                                        "Something new": 1}


def test_no_tiles_unless_asked():
    html = build_map([Rec(id=1, lat=35.0, lon=40.0)]).get_root().render()
    assert "tile.openstreetmap.org" not in html and "L.tileLayer" not in html
    html = build_map([Rec(id=1, lat=35.0, lon=40.0)],
                     options=MapOptions(osm_tiles=True)).get_root().render()
    assert "tile.openstreetmap.org" in html


def test_layers_outlines_heat_and_mentions():
    outline = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Syria"},
        "geometry": {"type": "Polygon", "coordinates": [[[36, 33], [42, 33], [42, 37], [36, 33]]]}}]}

    @dataclass
    class Mention:
        name: str
        lat: float
        lon: float

    m = build_map([Rec(id=1, lat=35.0, lon=40.0)], countries=outline, admin1=outline,
                  mentions=[Mention(f"{SCRIPT}x", 35.0, 40.0), Mention(f"{SCRIPT}x", 35.0, 40.0)],
                  options=MapOptions(heatmap=True, show_mentions=True))
    html = m.get_root().render()
    for name in ("Countries", "Admin-1 areas", "Heat map", "Place mentions", "Incidents"):
        assert f'"{name}"' in html, name
    assert "L.control.layers" in html
    assert SCRIPT not in html
    mentions = next(c for c in m._children.values() if isinstance(c, map_view.MentionLayer))
    assert json.loads(mentions.payload) == [[35.0, 40.0, 2, f"{SCRIPT}x"]]


def test_copies_of_a_map_share_its_outlines_and_draw_the_same(monkeypatch):
    """The page copies the cached map on every visit: the outlines (the bulk of it) are
    shared, read-only, and their bounds are measured once, not on every copy or render."""
    import copy

    from folium import utilities

    outline = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Syria"},
        "geometry": {"type": "Polygon", "coordinates": [[[36, 33], [42, 33], [42, 37], [36, 33]]]}}]}
    m = build_map([Rec(id=1, lat=35.0, lon=40.0)], countries=outline, admin1=outline)
    layers = [c for c in m._children.values() if isinstance(c, folium.GeoJson)]
    assert len(layers) == 2
    measured = []
    real = utilities.get_bounds
    monkeypatch.setattr("folium.features.get_bounds",
                        lambda *a, **k: measured.append(1) or real(*a, **k))
    one, two = copy.deepcopy(m), copy.deepcopy(m)
    for c in (one, two):
        shared = [x for x in c._children.values() if isinstance(x, folium.GeoJson)]
        assert [x.data is y.data for x, y in zip(shared, layers)] == [True, True]
        assert c.get_bounds() == [[33, 36], [37, 42]]
    html = [re.sub(r"_[0-9a-f]{32}", "_ID", c.get_root().render()) for c in (one, two)]
    assert html[0] == html[1] and '"Countries"' in html[0]
    assert measured == []


def test_no_remote_assets_once_local(monkeypatch):
    offline = pytest.importorskip("map_app.dashboard.offline_assets")
    offline.use_local_assets()
    try:
        m = build_map([Rec(id=1, lat=35.0, lon=40.0)], options=MapOptions(heatmap=True))
        assert offline.remote_references(m) == []
        html = m.get_root().render()
        assert not re.search(r"""(src|href)=["']https?://""", html)
    finally:
        offline.restore_cdn_assets()


def test_large_maps_aggregate_into_cells():
    recs = [Rec(id=i, lat=35.0 + (i % 3) * 0.5, lon=40.0, event_type="Battles" if i % 2 else "Riots",
                fatalities=1, place_name=f"P{i % 3}{SCRIPT}") for i in range(1, 31)]
    m = build_map(recs, options=MapOptions(detail_limit=10))
    data = payload_of(m)
    assert data["aggregated"] and len(data["rows"]) == 3
    assert sorted(row[5] for row in data["rows"]) == [10, 10, 10]
    for row, detail in zip(data["rows"], data["details"]):
        mix = dict(zip(row[6][::2], row[6][1::2]))
        assert sum(mix.values()) == row[5]
        assert detail[3] == row[5]  # one death each
        assert len(detail[2]) == 1 and detail[2][0].endswith(SCRIPT)
    assert sum(data["counts"]) == 30
    assert SCRIPT not in m.get_root().render()


def test_fits_the_view_to_the_incidents():
    m = build_map([Rec(id=1, lat=33.0, lon=36.0), Rec(id=2, lat=37.0, lon=44.0)])
    html = m.get_root().render()
    assert "fitBounds" in html and "[33.0, 36.0]" in html and "[37.0, 44.0]" in html


def test_popup_id():
    assert popup_id("Battles\nArmed clash\nIncident #42\nDate 2024") == 42
    assert popup_id("text mentioning #7 only") is None
    assert popup_id(None) is None


def test_clip_outlines_keeps_the_region_and_lightens_it():
    far = {"type": "Feature", "properties": {"name": "Far", "extra": 1},
           "geometry": {"type": "Polygon", "coordinates": [[[100, 0], [101, 0], [101, 1], [100, 0]]]}}
    near = {"type": "Feature", "properties": {"name": "Near", "extra": 1},
            "geometry": {"type": "Polygon",
                         "coordinates": [[[38.123456, 34.0], [39.0, 34.0], [39.0, 35.0], [38.123456, 34.0]]]}}
    out = clip_outlines({"type": "FeatureCollection", "features": [far, near]})
    assert [f["properties"] for f in out["features"]] == [{"name": "Near"}]
    ring = out["features"][0]["geometry"]["coordinates"][0]
    assert all(round(x, 3) == x for point in ring for x in point)
    assert clip_outlines({"type": "FeatureCollection", "features": [far]}) is None
    assert clip_outlines(None) is None


def _browser_ready() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} missing"
    offline = pytest.importorskip("map_app.dashboard.offline_assets")
    if offline.missing_assets():
        return "web assets not installed (scripts/install_web_assets.py)"
    return None


@pytest.mark.browser
def test_hostile_popup_renders_as_text_in_a_browser(tmp_path):
    why = _browser_ready()
    if why:
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    from map_app.dashboard.offline_assets import restore_cdn_assets, use_local_assets

    use_local_assets()
    try:
        html = build_map([hostile()]).get_root().render()
    finally:
        restore_cdn_assets()
    (tmp_path / "map.html").write_text(html, encoding="utf-8")
    dialogs, errors, remote = [], [], []
    with serve_directory(tmp_path) as base:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: r.url.startswith(base) or remote.append(r.url))
            page.goto(f"{base}/map.html")
            page.locator(".inc-dot").first.click()
            popup = page.locator(".leaflet-popup-content")
            popup.wait_for()
            text = popup.inner_text()
            assert SCRIPT in text and IMG in text and RLO not in text
            assert popup.locator("script, img, [onerror], [onmouseover]").count() == 0
            hrefs = popup.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
            assert hrefs == ["https://example.org/ok?a=1&b=<x>"]
            legend = page.locator(".inc-legend").inner_text()
            assert "<b onmouseover=alert(4)>Battles</b>" in legend
            page.wait_for_timeout(300)
            browser.close()
    assert dialogs == [] and errors == [] and remote == []


def test_template_syntax_in_articles_is_never_evaluated():
    """folium re-renders element output through Jinja: article text must stay inert."""
    text = "x {{ 7*7 }} y {% for i in range(3) %}L{% endfor %} z {# c #} {{ self }}"
    rec = Rec(id=1, lat=35.0, lon=40.0, evidence=text, place_name="{{ 6*7 }}")
    @dataclass
    class Mention:
        name: str
        lat: float
        lon: float

    m = build_map([rec], mentions=[Mention("{{ 8*8 }}", 35.0, 40.0)],
                  options=MapOptions(show_mentions=True))
    html = m.get_root().render()
    assert "x 49 y" not in html and "LLL" not in html and "{{" not in html
    mentions = next(c for c in m._children.values() if isinstance(c, map_view.MentionLayer))
    assert json.loads(mentions.payload)[0][3] == "{{ 8*8 }}"
    detail = payload_of(m)["details"][0]
    assert detail[8] == text and detail[3] == "{{ 6*7 }}"  # intact once JSON-decoded


# --------------------------------------------------------------------------- layer options

URL_RE = re.compile(r"""https?://[^\s"'<>()\\]+""")


@dataclass(frozen=True)
class Mention:
    name: str
    lat: float | None
    lon: float | None


def test_heat_map_layer_only_when_asked():
    recs = [Rec(id=1, lat=35.123456, lon=40.0), Rec(id=2, lat=36.0, lon=41.5),
            Rec(id=3, lat=None, lon=None)]
    plain = build_map(recs)
    assert not any(isinstance(c, HeatMap) for c in plain._children.values())
    assert "L.heatLayer" not in plain.get_root().render()

    m = build_map(recs, options=MapOptions(heatmap=True))
    (heat,) = [c for c in m._children.values() if isinstance(c, HeatMap)]
    assert sorted(map(tuple, heat.data)) == [(35.1235, 40.0), (36.0, 41.5)]
    html = m.get_root().render()
    assert html.count("L.heatLayer(") == 1 and '"Heat map"' in html
    # Nothing located, nothing to heat: no empty layer.
    empty = build_map([Rec(id=3, lat=None, lon=None)], options=MapOptions(heatmap=True))
    assert "L.heatLayer" not in empty.get_root().render()


def test_default_map_names_no_web_server_but_the_sources():
    rec = Rec(id=1, lat=35.0, lon=40.0)
    outline = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Syria"},
        "geometry": {"type": "Polygon", "coordinates": [[[36, 33], [42, 33], [42, 37], [36, 33]]]}}]}
    m = build_map([rec], countries=outline, mentions=[Mention("Raqqa", 35.9, 39.0)],
                  options=MapOptions(heatmap=True, show_mentions=True))
    html = m.get_root().render()
    page_links = [u for _n, u in list(folium.Map.default_js) + list(folium.Map.default_css)
                  + list(HeatMap.default_js) + list(map_view.IncidentLayer.default_js)
                  + list(map_view.IncidentLayer.default_css)]
    # Script and stylesheet links are folium's (CDN or, once local, vendor/); no tiles.
    urls = set(URL_RE.findall(html)) - set(page_links)
    assert urls == {"https://example.org/a"}, urls
    assert not any(isinstance(c, folium.TileLayer) for c in m._children.values())
    assert "L.tileLayer" not in html and "{z}" not in html

    osm = build_map([rec], options=MapOptions(osm_tiles=True))
    (tiles,) = [c for c in osm._children.values() if isinstance(c, folium.TileLayer)]
    assert tiles.tiles == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert not tiles.overlay and tiles.control  # a base layer, listed in the control
    assert '"OpenStreetMap (online)"' in osm.get_root().render()


def _mention_layer(m):
    return [c for c in m._children.values() if isinstance(c, map_view.MentionLayer)]


def test_mention_layer_is_added_and_shown_only_when_asked():
    mentions = [Mention("Raqqa", 35.95, 39.01), Mention("Raqqa", 35.95, 39.01),
                Mention("Mosul", 36.34, 43.13), Mention("Nowhere", None, None),
                Mention("Bad", float("nan"), 40.0)]
    rec = Rec(id=1, lat=35.0, lon=40.0)
    assert _mention_layer(build_map([rec])) == []  # none given: no layer at all

    m = build_map([rec], mentions=mentions, options=MapOptions(show_mentions=True))
    (layer,) = _mention_layer(m)
    assert json.loads(layer.payload) == [[35.95, 39.01, 2, "Raqqa"], [36.34, 43.13, 1, "Mosul"]]
    html = m.get_root().render()
    assert f"{layer.get_name()}.addTo({m.get_name()})" in html
    assert f'"Place mentions" : {layer.get_name()}' in html

    # Given but not switched on: offered in the layer control, not drawn.
    hidden = build_map([rec], mentions=mentions)
    (layer,) = _mention_layer(hidden)
    html = hidden.get_root().render()
    assert f"{layer.get_name()}.addTo(" not in html
    assert f'"Place mentions" : {layer.get_name()}' in html


# --------------------------------------------------------------------------- week player

WEEK_RECS = [
    Rec(id=6, lat=35.0, lon=40.0, event_date=date(2023, 12, 31)),  # a Sunday
    Rec(id=1, lat=35.1, lon=40.1, event_date=date(2024, 1, 1)),    # the next Monday
    Rec(id=2, lat=35.2, lon=40.2, event_date=date(2024, 1, 7)),    # the Sunday after
    Rec(id=3, lat=35.3, lon=40.3, event_date=date(2024, 1, 8)),
    Rec(id=4, lat=35.4, lon=40.4, event_date=date(2024, 1, 29)),   # after two empty weeks
    Rec(id=5, lat=35.5, lon=40.5, event_date=None),                # undated: "All" only
    Rec(id=7, lat=None, lon=None, event_date=date(2024, 1, 2)),    # not on the map
]


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def test_player_payload_carries_each_incidents_day():
    m = build_map(WEEK_RECS)
    days = {row[3]: row[4] for row in payload_of(m)["rows"]}
    assert days == {r.id: (r.event_date.toordinal() if r.event_date else None)
                    for r in WEEK_RECS if r.lat is not None}
    layer = next(c for c in m._children.values() if isinstance(c, map_view.IncidentLayer))
    assert layer.player
    assert "Play week by week" in m.get_root().render()
    off = build_map(WEEK_RECS, options=MapOptions(player=False))
    assert "Play week by week" not in off.get_root().render()
    assert payload_of(off)["rows"] == payload_of(m)["rows"]  # same data, no control


# The incident layer's script run in Node with just enough of Leaflet and the DOM
# faked to build the controls; the player is then stepped like an analyst would.
_PLAYER_HARNESS = r"""
const fs = require('fs');
const [src, mapName] = [fs.readFileSync(process.argv[2], 'utf8'), process.argv[3]];
class El {
  constructor(tag) { this.tagName = tag; this.children = []; this.style = {}; this.className = ''; this.text = ''; }
  appendChild(c) { this.children.push(c); return c; }
  setAttribute(k, v) { this[k] = v; }
  set textContent(v) { this.text = String(v); this.children = []; }
  get textContent() { return this.text + this.children.map(c => c.textContent).join(''); }
}
global.document = {createElement: t => new El(t), createTextNode: t => ({textContent: String(t)})};
global.window = global;
const timers = [];
global.setInterval = fn => timers.push(fn);
global.clearInterval = id => { timers[id - 1] = null; };
const handlers = {};
const cluster = {
  shown: new Set(),
  on(ev, fn) { (handlers[ev] = handlers[ev] || []).push(fn); },
  addLayers(ms) { ms.forEach(m => this.shown.add(m)); },
  clearLayers() { this.shown.clear(); },
  hasLayer(m) { return this.shown.has(m); },
};
const controls = [];
global.L = {
  divIcon: o => o, point: (x, y) => [x, y], markerClusterGroup: () => cluster,
  marker: ll => ({ll, getPopup: () => null, getTooltip: () => null}),
  control: pos => { const c = {pos, addTo(map) { c.box = c.onAdd(map); controls.push(c); return c; }}; return c; },
  DomEvent: {disableClickPropagation() {}, disableScrollPropagation() {}},
};
global[mapName] = {};
(0, eval)(src);
(handlers.add || []).forEach(fn => fn());
const find = (el, cls) => {
  if (el.className === cls) { return el; }
  for (const c of el.children || []) { const f = find(c, cls); if (f) { return f; } }
  return null;
};
const idOf = new Map(Object.entries(window.incidentLayer.byId).map(([id, m]) => [m, Number(id)]));
const shownIds = () => [...cluster.shown].map(m => idOf.get(m)).sort((a, b) => a - b);
const out = {controls: controls.map(c => c.box.className)};
const player = controls.find(c => c.box.className === 'inc-player');
if (player) {
  const slider = find(player.box, 'inc-week'), label = find(player.box, 'inc-pl');
  out.max = slider.max;
  out.start = [label.textContent, shownIds()];
  out.weeks = [];
  for (let w = 0; w <= Number(slider.max); w++) {
    slider.value = String(w); slider.oninput();
    out.weeks.push([label.textContent, shownIds()]);
  }
  find(player.box, 'inc-all').onclick();
  out.all = [label.textContent, shownIds()];
  const play = find(player.box, 'inc-play');
  play.onclick();
  out.played = [label.textContent];
  for (let i = 0; i < 20 && timers[timers.length - 1]; i++) {
    timers[timers.length - 1]();
    if (timers[timers.length - 1]) { out.played.push(label.textContent); }
  }
  out.button = play.textContent;
}
console.log(JSON.stringify(out));
"""


def _run_player(m, tmp_path) -> dict:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("node is not installed")
    html = m.get_root().render()
    found = re.search(r"^var (incident_layer_\w+) = \(function \(map\) \{.*?^\}\)\((map_\w+)\);$",
                      html, re.S | re.M)
    assert found, "incident layer script not found"
    (tmp_path / "layer.js").write_text(found.group(0), encoding="utf-8")
    (tmp_path / "harness.js").write_text(_PLAYER_HARNESS, encoding="utf-8")
    done = subprocess.run([node, str(tmp_path / "harness.js"), str(tmp_path / "layer.js"),
                           found.group(2)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_player_steps_through_the_weeks(tmp_path):
    out = _run_player(build_map(WEEK_RECS), tmp_path)
    assert out["controls"] == ["inc-legend", "inc-player"]
    dated = [r for r in WEEK_RECS if r.lat is not None and r.event_date]
    first = min(_monday(r.event_date) for r in dated)
    n_weeks = (max(_monday(r.event_date) for r in dated) - first).days // 7 + 1
    expected = []
    for w in range(n_weeks):
        monday = first + timedelta(weeks=w)
        ids = sorted(r.id for r in dated if _monday(r.event_date) == monday)
        label = f"Week of {monday.isoformat()} · {len(ids)} incident{'' if len(ids) == 1 else 's'}"
        expected.append([label, ids])
    assert expected[0] == ["Week of 2023-12-25 · 1 incident", [6]]
    assert expected[1] == ["Week of 2024-01-01 · 2 incidents", [1, 2]]
    assert expected[3] == ["Week of 2024-01-15 · 0 incidents", []]
    assert out["max"] == str(n_weeks - 1) == "5"
    assert out["weeks"] == expected
    everything = ["All dates · 6 incidents", [1, 2, 3, 4, 5, 6]]  # the undated one too
    assert out["start"] == everything and out["all"] == everything
    # Play runs from the first week to the last, then stops.
    assert out["played"] == [label for label, _ids in expected]
    assert out["button"] == "▶"


def test_no_player_when_switched_off_or_nothing_is_dated(tmp_path):
    out = _run_player(build_map(WEEK_RECS, options=MapOptions(player=False)), tmp_path)
    assert out["controls"] == ["inc-legend"]
    undated = [Rec(id=1, lat=35.0, lon=40.0, event_date=None)]
    assert _run_player(build_map(undated), tmp_path)["controls"] == ["inc-legend"]


def test_outlines_lie_in_panes_under_the_heat_map_tiles_and_labels():
    outline = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "X"},
        "geometry": {"type": "Polygon", "coordinates": [[[38, 34], [41, 34], [41, 36], [38, 34]]]}}]}
    labels = [[35.3, 40.1, 0, "Deir ez-Zor", "دير الزور"], [34.4, 40.9, 4, "Town<b>", None]]
    m = build_map([Rec(id=1, lat=35.0, lon=40.0)], countries=outline, admin1=outline,
                  labels=labels, options=MapOptions(heatmap=True, osm_tiles=True))
    html = m.get_root().render()
    panes = dict(re.findall(r'createPane\(\s*"(\w+)"\);\s*\w+\.style\.zIndex = (\d+)', html))
    assert panes == {"basemapPane": "150", "boundaryPane": "350"}
    # The country fill is below the tiles (200) and the overlays (400); lines above the tiles.
    assert html.count('"pane": "basemapPane"') == 1 and html.count('"pane": "boundaryPane"') == 1
    assert "placeLabels" in html and "Town\\u003cb\\u003e" in html and "Town<b>" not in html


def test_aggregated_cells_grow_to_keep_the_map_light():
    import random

    from map_app.dashboard import payload

    rnd = random.Random(3)
    recs = [Rec(id=i, lat=33 + rnd.random() * 4, lon=36 + rnd.random() * 6) for i in range(1, 9001)]
    data, _points, _counts = payload.build_payload(recs, detail_limit=100)
    assert data["aggregated"] and len(data["rows"]) <= payload.MAX_CELLS
    assert sum(r[5] for r in data["rows"]) == 9000 and data["cell_km"] > 2
