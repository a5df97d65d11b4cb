"""Build the incident map (a folium.Map) from incident records.

A pure function of its inputs, so the dashboard, the tests and the benchmark
all exercise the same code, with or without Streamlit.

Design choices, all driven by article text being hostile and large:

* Incidents travel to the browser once, as a JSON payload inside the map
  script; the browser builds markers, popups, tooltips and the legend with
  DOM calls (``textContent``), so no article string is ever parsed as HTML.
  The payload is encoded with ``<``, ``>``, ``&`` and the JS line separators
  escaped, so it cannot close the surrounding ``<script>``.
* Markers are created client-side and clustered with Leaflet.markercluster's
  bulk ``addLayers`` once the group is on the map (off the map, markercluster
  1.1 checks every marker against a list: quadratic). Popups are created on
  first click. Above ``DETAIL_LIMIT`` incidents the payload is one marker per
  ~2 km cell (``_aggregate``), which keeps 100k usable.
* No tile layer by default: the project's own Natural Earth outlines are the
  basemap. OpenStreetMap tiles are an explicit opt-in.

Records are duck-typed: anything with the attributes of
``map_app.store.IncidentRecord`` works (the tests use small stand-ins).
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

import folium
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import ElementAddToElement
from folium.plugins import HeatMap, MarkerCluster
from folium.template import Template

__all__ = [
    "MapOptions",
    "build_map",
    "clean_text",
    "safe_url",
    "type_colors",
    "focus_group",
    "popup_id",
    "DEFAULT_CENTER",
]

#: Syria / Iraq, used when there is nothing to fit the view to.
DEFAULT_CENTER = (34.8, 40.5)
DEFAULT_ZOOM = 6

#: Above this many located incidents the map shows one marker per ~2 km cell
#: instead of one per incident (the popup says so).
DETAIL_LIMIT = 20_000

#: Fixed colours for the ACLED event types, so a type keeps its colour across
#: filters; anything else takes the next colour of the fallback palette.
_KNOWN_COLORS = {
    "battles": "#d62728",
    "explosions/remote violence": "#ff7f0e",
    "violence against civilians": "#9467bd",
    "protests": "#2ca02c",
    "riots": "#8c564b",
    "strategic developments": "#1f77b4",
}
_FALLBACK = ["#17becf", "#e377c2", "#bcbd22", "#7f7f7f", "#393b79", "#637939",
             "#8c6d31", "#843c39", "#7b4173", "#3182bd"]
_UNKNOWN_TYPE = "Unknown"
_HEX_RE = re.compile(r"#[0-9a-fA-F]{6}")

TIME_PRECISION = {1: "day", 2: "week", 3: "month"}
GEO_PRECISION = {1: "town", 2: "near / part of", 3: "region only"}

# Bidi embeddings, overrides and isolates, the Arabic letter mark and C0
# controls: an unbalanced bidi control in article text can reorder the page.
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean_text(value: Any, limit: int | None = None) -> str:
    """Text safe to show: no bidi controls or C0 controls, optionally cut."""
    if value is None:
        return ""
    text = _UNSAFE_RE.sub("", str(value))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


@lru_cache(maxsize=65536)
def safe_url(url: Any) -> str | None:
    """The URL if it is an absolute http(s) link, else None (no javascript:)."""
    if not url:
        return None
    text = "".join(ch for ch in str(url) if not unicodedata.category(ch).startswith("C"))
    text = text.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def type_colors(event_types: Iterable[str]) -> dict[str, str]:
    """A stable colour per event type (known ACLED types keep theirs)."""
    colors: dict[str, str] = {}
    spare = iter(_FALLBACK * 4)
    for name in sorted(set(event_types)):
        known = _KNOWN_COLORS.get(name.strip().lower())
        colors[name] = known or next(spare, "#555555")
    return colors


@dataclass(frozen=True)
class MapOptions:
    """What the analyst switched on; everything else is fixed."""

    osm_tiles: bool = False
    heatmap: bool = False
    show_mentions: bool = False
    #: Adds the week-by-week player control to the map.
    player: bool = True
    height: str | int = "100%"
    detail_limit: int = DETAIL_LIMIT


# --------------------------------------------------------------------------
# payload
# --------------------------------------------------------------------------

def _script_json(data: dict | list) -> str:
    """JSON that is safe to paste inside a <script> element and a Jinja template.

    ``<``, ``>`` and ``&`` are escaped so text cannot close the script; ``{``
    and ``}`` so that text like ``{{ ... }}`` can never be evaluated by Jinja
    (folium re-renders element output as a template). Braces are legal JSON
    only inside strings, except for a top-level object, which is restored;
    the data may hold no nested objects.
    """
    text = (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
        .replace("{", "\\u007b")
        .replace("}", "\\u007d")
    )
    if isinstance(data, dict):
        assert not any(isinstance(v, dict) for v in data.values())
        text = "{" + text[6:-6] + "}"
    return text


def _valid_point(lat: Any, lon: Any) -> bool:
    try:
        return (lat is not None and lon is not None and math.isfinite(lat)
                and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180)
    except TypeError:
        return False


def _day_number(value: date | None) -> int | None:
    return value.toordinal() if isinstance(value, date) else None


def _mark_span(evidence: str, *needles: str) -> tuple[int, int]:
    """Where the place name sits in the evidence sentence (-1, -1 if absent)."""
    for needle in needles:
        if needle:
            at = evidence.find(needle)
            if at >= 0:
                return at, at + len(needle)
    return -1, -1


def _source_links(sources: Iterable[Any]) -> list[list[str]]:
    links = []
    for src in sources or ():
        url = safe_url(getattr(src, "url", None))
        label = clean_text(getattr(src, "title", None) or getattr(src, "source", None), 80)
        if url:
            links.append([url, label or urlsplit(url).netloc])
        elif label:
            links.append(["", label])
    return links


EVIDENCE_LIMIT = 600


def _evidence_and_mark(rec: Any) -> tuple[str, int, int]:
    """The cleaned evidence sentence and where the place name sits in it.

    Uses the stored offsets (place offsets minus the sentence's start) when
    they fall inside the sentence, else the first occurrence of the name.
    Each piece is cleaned separately so removing bidi controls keeps the mark
    on the right characters.
    """
    raw = str(getattr(rec, "evidence", "") or "")
    base = getattr(rec, "start", None)
    lo, hi = getattr(rec, "location_start", None), getattr(rec, "location_end", None)
    if all(isinstance(v, int) for v in (base, lo, hi)) and 0 <= lo - base < hi - base <= len(raw):
        pre = clean_text(raw[: lo - base])
        mid = clean_text(raw[lo - base: hi - base])
        evidence = pre + mid + clean_text(raw[hi - base:])
        start, end = len(pre), len(pre) + len(mid)
    else:
        evidence = clean_text(raw)
        start, end = _mark_span(
            evidence, clean_text(getattr(rec, "location", None)),
            clean_text(getattr(rec, "place_name", None)))
    if len(evidence) > EVIDENCE_LIMIT:
        evidence = clean_text(evidence, EVIDENCE_LIMIT)
        if end > len(evidence) - 1:
            start, end = -1, -1
    return evidence, start, end


def _detail(rec: Any) -> list[Any]:
    evidence, start, end = _evidence_and_mark(rec)
    place = clean_text(getattr(rec, "place_name", None) or getattr(rec, "location", None), 120)
    when = getattr(rec, "event_date", None)
    status = "rejected" if getattr(rec, "rejected", False) else (
        "reviewed by " + clean_text(getattr(rec, "reviewed_by", None) or "?", 60)
        if getattr(rec, "reviewed", False) else "not reviewed")
    admin = ", ".join(p for p in (clean_text(getattr(rec, "admin1", None), 60),
                                  clean_text(getattr(rec, "country_code", None), 8)) if p)
    fatalities = getattr(rec, "fatalities", None)
    conf = getattr(rec, "confidence", None)
    return [
        clean_text(getattr(rec, "sub_event_type", None), 80),
        when.isoformat() if isinstance(when, date) else "",
        TIME_PRECISION.get(getattr(rec, "time_precision", None), ""),
        place,
        admin,
        GEO_PRECISION.get(getattr(rec, "geo_precision", None), ""),
        fatalities if isinstance(fatalities, int) else None,
        [clean_text(a, 80) for a in (getattr(rec, "actors", None) or ())][:8],
        evidence,
        start,
        end,
        _source_links(getattr(rec, "sources", ())),
        round(float(conf), 2) if isinstance(conf, (int, float)) else None,
        status,
    ]


def _payload(records: Sequence[Any], detail_limit: int) -> tuple[dict, list, Counter]:
    """Columnar incident data for the browser, plus the points and type counts.

    Up to ``detail_limit`` located incidents, one row (and popup) per incident;
    above it, one row per grid cell (see ``_aggregate``).
    """
    types: list[str] = []
    type_index: dict[str, int] = {}
    located: list[tuple[Any, float, float, int]] = []
    counts: Counter = Counter()
    for rec in records:
        lat, lon = getattr(rec, "lat", None), getattr(rec, "lon", None)
        if not _valid_point(lat, lon):
            continue
        name = clean_text(getattr(rec, "event_type", None), 60) or _UNKNOWN_TYPE
        if name not in type_index:
            type_index[name] = len(types)
            types.append(name)
        counts[name] += 1
        located.append((rec, lat, lon, type_index[name]))
    aggregated = len(located) > detail_limit
    if aggregated:
        rows, details = _aggregate(located)
    else:
        rows = [[round(lat, 5), round(lon, 5), t, int(rec.id),
                 _day_number(getattr(rec, "event_date", None))]
                for rec, lat, lon, t in located]
        details = [_detail(rec) for rec, _lat, _lon, _t in located]
    colors = type_colors(types)
    assert all(_HEX_RE.fullmatch(c) for c in colors.values())
    payload = {
        "types": types,
        "colors": [colors[t] for t in types],
        "counts": [counts[t] for t in types],
        "rows": rows,
        "details": details,
        "aggregated": aggregated,
        "cell_km": round(AGG_CELL * 111),
    }
    return payload, [(lat, lon) for _rec, lat, lon, _t in located], counts


#: Grid cell (degrees, ~2 km) of the aggregated view used above DETAIL_LIMIT.
AGG_CELL = 0.02


def _aggregate(located: list[tuple[Any, float, float, int]]) -> tuple[list, list]:
    """One marker per ~2 km cell: where, how many, which types, when, which places.

    Real incidents sit on gazetteer points, so cells collapse many incidents into
    one marker; the browser then clusters thousands of cells, not 100k markers.
    Row: [lat, lon, main type, first id, None, count, [type, n, type, n, ...]].
    Detail: [first date, last date, [top places], fatalities].
    """
    cells: dict[tuple[int, int], dict] = {}
    for rec, lat, lon, t in located:
        key = (math.floor(lat / AGG_CELL), math.floor(lon / AGG_CELL))
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = {"lat": 0.0, "lon": 0.0, "n": 0, "types": Counter(),
                                 "places": Counter(), "first": None, "last": None,
                                 "fatal": 0, "id": int(rec.id)}
        cell["lat"] += lat
        cell["lon"] += lon
        cell["n"] += 1
        cell["types"][t] += 1
        place = getattr(rec, "place_name", None) or getattr(rec, "location", None)
        if place:
            cell["places"][place] += 1
        when = getattr(rec, "event_date", None)
        if isinstance(when, date):
            cell["first"] = when if cell["first"] is None else min(cell["first"], when)
            cell["last"] = when if cell["last"] is None else max(cell["last"], when)
        fatalities = getattr(rec, "fatalities", None)
        if isinstance(fatalities, int):
            cell["fatal"] += fatalities
    rows, details = [], []
    for cell in cells.values():
        n = cell["n"]
        mix = [x for t, c in cell["types"].most_common() for x in (t, c)]
        rows.append([round(cell["lat"] / n, 5), round(cell["lon"] / n, 5), mix[0], cell["id"],
                     None, n, mix])
        details.append([
            cell["first"].isoformat() if cell["first"] else "",
            cell["last"].isoformat() if cell["last"] else "",
            [clean_text(p, 80) for p, _c in cell["places"].most_common(3)],
            cell["fatal"],
        ])
    return rows, details


# --------------------------------------------------------------------------
# folium elements
# --------------------------------------------------------------------------

_CSS = """
<style>
div.leaflet-container {
    background: #dbe6ee; font-family: system-ui, "Segoe UI", "Noto Sans", "Noto Sans Arabic", sans-serif;
}
.inc-dot { border-radius: 50%; border: 2px solid #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.45); box-sizing: border-box; }
.inc-cluster .inc-donut {
    width: 100%; height: 100%; border-radius: 50%; display: flex; align-items: center;
    justify-content: center; box-shadow: 0 1px 3px rgba(0,0,0,.45);
}
.inc-cluster .inc-donut span {
    background: #fff; border-radius: 50%; width: 64%; height: 64%; display: flex; align-items: center;
    justify-content: center; font: 600 11px/1 system-ui, sans-serif; color: #222;
}
.inc-pop { font-size: 13px; line-height: 1.35; max-width: 340px; unicode-bidi: isolate; }
.inc-pop .inc-head { font-weight: 600; font-size: 14px; display: flex; align-items: center; gap: 6px; }
.inc-pop .inc-sw { width: 11px; height: 11px; border-radius: 50%; display: inline-block; flex: none; }
.inc-pop .inc-sub { color: #444; margin: 1px 0 4px 17px; }
.inc-pop .inc-id { color: #888; font-size: 11px; margin-bottom: 4px; }
.inc-pop table { border-collapse: collapse; margin: 4px 0; }
.inc-pop th {
    text-align: left; color: #666; font-weight: 500; padding: 1px 8px 1px 0; vertical-align: top;
    white-space: nowrap;
}
.inc-pop td { padding: 1px 0; }
.inc-pop blockquote {
    margin: 6px 0; padding: 4px 8px; border-inline-start: 3px solid #bbb; text-align: start;
    background: #f7f7f5; unicode-bidi: plaintext;
}
.inc-pop mark { background: #ffe066; padding: 0 1px; }
.inc-pop .inc-src a { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.inc-pop .inc-note { color: #888; font-style: italic; }
.inc-legend, .inc-player {
    background: rgba(255,255,255,.93); padding: 6px 9px; border-radius: 6px;
    box-shadow: 0 1px 4px rgba(0,0,0,.3); font-size: 12px; line-height: 1.5;
}
.inc-legend .inc-lt { font-weight: 600; margin-bottom: 2px; }
.inc-legend .inc-row { display: flex; align-items: center; gap: 6px; white-space: nowrap; }
.inc-legend .inc-sw {
    width: 11px; height: 11px; border-radius: 50%; display: inline-block; border: 1px solid rgba(0,0,0,.35);
}
.inc-legend .inc-n { color: #777; margin-left: auto; padding-left: 8px; }
.inc-player { display: flex; align-items: center; gap: 6px; }
.inc-player button {
    border: 1px solid #bbb; background: #fff; border-radius: 4px; cursor: pointer; padding: 1px 7px;
    font-size: 12px;
}
.inc-player input[type=range] { width: 130px; }
.inc-player .inc-pl { min-width: 150px; font-variant-numeric: tabular-nums; }
.inc-mention { font-size: 12px; }
</style>
"""

# Shared DOM helpers: every string from the data goes through textContent.
_JS_HELPERS = """
function incEl(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
}
function incBdi(text) { return incEl('bdi', null, text); }
"""


class _RawScript(Element):
    """Script text that is already rendered: added to the page as it is.

    folium wraps a macro's output in a new ``Element``, i.e. compiles it as a
    Jinja template again: slow for megabytes of data, and it would evaluate
    ``{{ ... }}`` written in an article.
    """

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


def _render_raw(element: MacroElement, kwargs: dict, show: bool) -> None:
    """What MacroElement/JSCSSMixin/Layer.render do, minus the re-templating."""
    figure = element.get_root()
    for name, url in getattr(element, "default_js", ()):
        figure.header.add_child(JavascriptLink(url), name=name)
    for name, url in getattr(element, "default_css", ()):
        figure.header.add_child(CssLink(url), name=name)
    if show:
        element.add_child(ElementAddToElement(element_name=element.get_name(),
                                              element_parent_name=element._parent.get_name()),
                          name=element.get_name() + "_add")
    script = element._template.module.script(element, kwargs)
    figure.script.add_child(_RawScript(str(script)), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


class IncidentLayer(MarkerCluster):
    """Clustered incident markers, legend and week player, built in the browser.

    Subclasses MarkerCluster so it loads (and is re-pointed by the offline
    assets at) the same Leaflet.markercluster files.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    """ + _JS_HELPERS + """
    var P = {{ this.payload }};
    var icons = P.colors.map(function (c, i) {
        return L.divIcon({className: 'inc-dot inc-t' + i, iconSize: [14, 14], html: ''});
    });
    var opts = {{ this.options|tojavascript }};
    // Donut icon: the event-type mix around the count. Only numbers and the
    // palette (hex colours made in Python) go into the HTML.
    function donut(counts, n) {
        var stops = [], acc = 0, k;
        for (k = 0; k < P.colors.length; k++) {
            if (!counts[k]) { continue; }
            var next = acc + counts[k] / n;
            stops.push(P.colors[k] + ' ' + (acc * 360).toFixed(1) + 'deg ' + (next * 360).toFixed(1) + 'deg');
            acc = next;
        }
        var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
        return L.divIcon({
            html: '<div class="inc-donut" style="background:conic-gradient(' + stops.join(',') +
                  ')"><span>' + n + '</span></div>',
            className: 'inc-cluster', iconSize: L.point(size, size)
        });
    }
    function addRow(counts, r) {
        if (r[6]) {
            for (var j = 0; j < r[6].length; j += 2) { counts[r[6][j]] = (counts[r[6][j]] || 0) + r[6][j + 1]; }
            return r[5];
        }
        counts[r[2]] = (counts[r[2]] || 0) + 1;
        return 1;
    }
    opts.iconCreateFunction = function (c) {
        var ms = c.getAllChildMarkers(), counts = {}, n = 0;
        for (var k = 0; k < ms.length; k++) { n += addRow(counts, P.rows[ms[k]._incRow]); }
        return donut(counts, n);
    };
    var state = {week: -1, timer: null, loaded: false, ready: false, pending: null};
    opts.chunkProgress = function (done, total) {
        if (done < total || state.ready) { return; }
        state.ready = true;
        if (state.pending !== null) { var id = state.pending; state.pending = null; window.incidentFocus(id); }
    };
    var cluster = L.markerClusterGroup(opts);
    var markers = new Array(P.rows.length);
    var byId = {};
    for (var i = 0; i < P.rows.length; i++) {
        var r = P.rows[i], icon = icons[r[2]];
        if (r[5] > 1) { var cc = {}; icon = donut(cc, addRow(cc, r)); }
        var m = L.marker([r[0], r[1]], {icon: icon, keyboard: false});
        m._incRow = i;
        markers[i] = m;
        byId[r[3]] = m;
    }
    // Added once the group is on the map: off the map, markercluster 1.1 checks
    // each new marker against the list of pending ones (quadratic). Not chunked:
    // 1.1's chunked loading leaves clusters without bounds if the map moves mid-load.
    cluster.on('add', function () {
        if (state.loaded) { return; }
        state.loaded = true;
        cluster.addLayers(markers);
    });

    function row(table, label, node) {
        var tr = incEl('tr'); tr.appendChild(incEl('th', null, label));
        var td = incEl('td'); td.appendChild(node); tr.appendChild(td);
        table.appendChild(tr);
    }
    function popup(i) {
        var r = P.rows[i], d = P.details[i];
        var root = incEl('div', 'inc-pop');
        var head = incEl('div', 'inc-head');
        var sw = incEl('span', 'inc-sw'); sw.style.background = P.colors[r[2]];
        head.appendChild(sw); head.appendChild(incBdi(P.types[r[2]]));
        root.appendChild(head);
        if (d[0]) { var sub = incEl('div', 'inc-sub'); sub.appendChild(incBdi(d[0])); root.appendChild(sub); }
        root.appendChild(incEl('div', 'inc-id', 'Incident #' + r[3]));
        var t = incEl('table');
        row(t, 'Date', document.createTextNode(d[1] ? d[1] + (d[2] ? ' (' + d[2] + ')' : '') : 'unknown'));
        var place = incEl('span'); place.appendChild(incBdi(d[3] || '?'));
        if (d[4]) { place.appendChild(document.createTextNode(', ')); place.appendChild(incBdi(d[4])); }
        if (d[5]) { place.appendChild(document.createTextNode(' · ' + d[5])); }
        row(t, 'Place', place);
        row(t, 'Fatalities', document.createTextNode(d[6] === null || d[6] === undefined ? 'unknown' : String(d[6])));
        if (d[7] && d[7].length) {
            var actors = incEl('span');
            d[7].forEach(function (a, k) {
                if (k) { actors.appendChild(document.createTextNode('; ')); }
                actors.appendChild(incBdi(a));
            });
            row(t, 'Actors', actors);
        }
        if (d[12] !== null && d[12] !== undefined) { row(t, 'Confidence', document.createTextNode(String(d[12]))); }
        if (d[13]) { row(t, 'Status', document.createTextNode(d[13])); }
        root.appendChild(t);
        if (d[8]) {
            var q = incEl('blockquote'); q.setAttribute('dir', 'auto');
            if (d[9] >= 0 && d[10] > d[9]) {
                q.appendChild(document.createTextNode(d[8].slice(0, d[9])));
                q.appendChild(incEl('mark', null, d[8].slice(d[9], d[10])));
                q.appendChild(document.createTextNode(d[8].slice(d[10])));
            } else {
                q.textContent = d[8];
            }
            root.appendChild(q);
        }
        if (d[11] && d[11].length) {
            var src = incEl('div', 'inc-src');
            src.appendChild(incEl('b', null, d[11].length > 1 ? 'Sources' : 'Source'));
            d[11].forEach(function (s) {
                if (s[0] && /^https?:\\/\\//i.test(s[0])) {
                    var a = incEl('a', null, s[1] || s[0]);
                    a.href = s[0]; a.target = '_blank'; a.rel = 'noopener noreferrer nofollow';
                    a.setAttribute('dir', 'auto');
                    src.appendChild(a);
                } else {
                    var span = incEl('div'); span.appendChild(incBdi(s[1])); src.appendChild(span);
                }
            });
            root.appendChild(src);
        }
        return root;
    }
    // Aggregated view: a marker stands for every incident in a ~2 km cell.
    function cellPopup(i) {
        var r = P.rows[i], d = P.details[i];
        var root = incEl('div', 'inc-pop');
        root.appendChild(incEl('div', 'inc-head', r[5] + (r[5] === 1 ? ' incident' : ' incidents') +
                               ' within ~' + P.cell_km + ' km'));
        var t = incEl('table');
        for (var j = 0; j < r[6].length; j += 2) {
            var cell = incEl('span');
            var sw = incEl('span', 'inc-sw'); sw.style.background = P.colors[r[6][j]];
            cell.appendChild(sw); cell.appendChild(document.createTextNode(' ' + r[6][j + 1]));
            row(t, '', cell);
            t.lastChild.firstChild.appendChild(incBdi(P.types[r[6][j]]));
        }
        if (d[0]) { row(t, 'Dates', document.createTextNode(d[0] === d[1] ? d[0] : d[0] + ' – ' + d[1])); }
        if (d[2].length) {
            var places = incEl('span');
            d[2].forEach(function (p, k) {
                if (k) { places.appendChild(document.createTextNode('; ')); }
                places.appendChild(incBdi(p));
            });
            row(t, 'Places', places);
        }
        row(t, 'Fatalities', document.createTextNode(String(d[3])));
        root.appendChild(t);
        root.appendChild(incEl('div', 'inc-note',
            'Too many incidents to show one by one: narrow the filters to see each with its evidence.'));
        return root;
    }
    function tip(i) {
        var r = P.rows[i], d = P.details[i];
        var e = incEl('span');
        if (P.aggregated) {
            e.textContent = r[5] + (r[5] === 1 ? ' incident' : ' incidents') + (d[2].length ? ' · ' : '');
            if (d[2].length) { e.appendChild(incBdi(d[2][0])); }
            return e;
        }
        e.appendChild(incBdi(P.types[r[2]]));
        e.appendChild(document.createTextNode(' · '));
        e.appendChild(incBdi(d[3] || '?'));
        if (d[1]) { e.appendChild(document.createTextNode(' · ' + d[1])); }
        return e;
    }
    function ensure(m) {
        if (!m.getPopup()) {
            m.bindPopup((P.aggregated ? cellPopup : popup)(m._incRow),
                        {maxWidth: 360, minWidth: 240, autoPanPadding: [30, 30]});
        }
        return m;
    }
    cluster.on('click', function (e) {
        var m = e.layer;
        if (m && m._incRow !== undefined && !m.getPopup()) { ensure(m).openPopup(); }
    });
    cluster.on('mouseover', function (e) {
        var m = e.layer;
        if (m && m._incRow !== undefined && !m.getTooltip()) {
            m.bindTooltip(tip(m._incRow), {direction: 'top', offset: [0, -6]}).openTooltip();
        }
    });

    // Legend: a Leaflet control built from the data with textContent.
    if (P.types.length) {
        var legend = L.control({position: 'bottomright'});
        legend.onAdd = function () {
            var box = incEl('div', 'inc-legend');
            box.appendChild(incEl('div', 'inc-lt', 'Event type'));
            var order = P.types.map(function (_n, i) { return i; });
            order.sort(function (a, b) { return P.counts[b] - P.counts[a]; });
            order.forEach(function (i) {
                var name = P.types[i];
                var rowEl = incEl('div', 'inc-row');
                var sw = incEl('span', 'inc-sw'); sw.style.background = P.colors[i];
                rowEl.appendChild(sw); rowEl.appendChild(incBdi(name));
                rowEl.appendChild(incEl('span', 'inc-n', String(P.counts[i])));
                box.appendChild(rowEl);
            });
            L.DomEvent.disableClickPropagation(box);
            return box;
        };
        legend.addTo(map);
    }

    // Week player: steps the cluster through the weeks of the data.
    var days = P.rows.map(function (r) { return r[4]; }).filter(function (x) { return x !== null; });
    function showAll() {
        cluster.clearLayers(); cluster.addLayers(markers); state.week = -1;
    }
    {% if this.player %}
    if (days.length) {
        var first = Math.min.apply(null, days), last = Math.max.apply(null, days);
        // Ordinal day 1 (0001-01-01) is a Monday, so (d - 1) % 7 is the weekday.
        var start = first - ((first - 1) % 7);
        var nWeeks = Math.floor((last - start) / 7) + 1;
        var weeks = [];
        for (var w = 0; w < nWeeks; w++) { weeks.push([]); }
        P.rows.forEach(function (r, i) {
            if (r[4] !== null) { weeks[Math.floor((r[4] - start) / 7)].push(markers[i]); }
        });
        var isoDay = function (ordinal) {
            // ordinal 719163 is 1970-01-01
            return new Date((ordinal - 719163) * 86400000).toISOString().slice(0, 10);
        };
        var plural = function (n) { return n + (n === 1 ? ' incident' : ' incidents'); };
        var player = L.control({position: 'bottomleft'});
        var label, slider, playBtn;
        function setLabel() {
            if (state.week < 0) {
                label.textContent = 'All dates · ' + plural(markers.length);
            } else {
                label.textContent = 'Week of ' + isoDay(start + 7 * state.week) + ' · ' +
                    plural(weeks[state.week].length);
            }
        }
        function showWeek(w) {
            state.week = w; cluster.clearLayers(); cluster.addLayers(weeks[w]);
            slider.value = String(w); setLabel();
        }
        function stop() {
            if (state.timer) { clearInterval(state.timer); state.timer = null; }
            playBtn.textContent = '▶';
        }
        player.onAdd = function () {
            var box = incEl('div', 'inc-player');
            playBtn = incEl('button', 'inc-play', '▶'); playBtn.title = 'Play week by week';
            var allBtn = incEl('button', 'inc-all', 'All'); allBtn.title = 'Show all dates';
            slider = incEl('input'); slider.type = 'range'; slider.min = '0';
            slider.max = String(nWeeks - 1); slider.value = '0'; slider.className = 'inc-week';
            label = incEl('span', 'inc-pl');
            box.appendChild(playBtn); box.appendChild(allBtn); box.appendChild(slider); box.appendChild(label);
            setLabel();
            playBtn.onclick = function () {
                if (state.timer) { stop(); return; }
                playBtn.textContent = '⏸';
                if (state.week < 0 || state.week >= nWeeks - 1) { showWeek(0); }
                state.timer = setInterval(function () {
                    if (state.week >= nWeeks - 1) { stop(); return; }
                    showWeek(state.week + 1);
                }, {{ this.step_ms }});
            };
            allBtn.onclick = function () { stop(); showAll(); setLabel(); };
            slider.oninput = function () { stop(); showWeek(parseInt(slider.value, 10)); };
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
        };
        player.addTo(map);
    }
    {% endif %}

    window.incidentFocus = function (id) {
        var m = byId[id];
        if (!m) { return false; }
        if (!state.ready) { state.pending = id; return true; }  // still loading: later
        if (!cluster.hasLayer(m)) { showAll(); }
        if (!map.hasLayer(cluster)) { map.addLayer(cluster); }
        cluster.zoomToShowLayer(m, function () { ensure(m).openPopup(); });
        return true;
    };
    window.incidentLayer = {cluster: cluster, markers: markers, byId: byId};
    return cluster;
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, payload: dict, *, name: str = "Incidents", player: bool = True,
                 step_ms: int = 900):
        super().__init__(
            name=name,
            overlay=True,
            control=True,
            show=True,
            chunkedLoading=False,
            showCoverageOnHover=False,
            maxClusterRadius=50,
            spiderfyOnMaxZoom=True,
            disableClusteringAtZoom=14,
        )
        self._name = "IncidentLayer"
        self.payload = _script_json(payload)
        self.player = player
        self.step_ms = int(step_ms)

    def render(self, **kwargs) -> None:
        _render_raw(self, kwargs, self.show)


class MentionLayer(folium.map.Layer):
    """Every resolved place mention, aggregated per point, as light circles."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
    """ + _JS_HELPERS + """
    var P = {{ this.payload }};
    var renderer = L.canvas({padding: 0.3});
    var group = L.layerGroup();
    P.forEach(function (r) {
        var c = L.circleMarker([r[0], r[1]], {renderer: renderer, radius: Math.min(3 + Math.log(r[2] + 1) * 2, 12),
            color: '#333', weight: 1, fillColor: '#ffffff', fillOpacity: 0.75});
        c.bindTooltip(function () {
            var e = incEl('span', 'inc-mention');
            e.appendChild(incBdi(r[3]));
            e.appendChild(document.createTextNode(' · ' + r[2] + (r[2] === 1 ? ' mention' : ' mentions')));
            return e;
        });
        group.addLayer(c);
    });
    return group;
})();
{% endmacro %}
"""
    )

    def __init__(self, rows: list, *, name: str = "Place mentions", show: bool = False):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "MentionLayer"
        self.payload = _script_json(rows)

    def render(self, **kwargs) -> None:
        _render_raw(self, kwargs, self.show)


class _FocusScript(MacroElement):
    """Asks the incident layer to reveal and open one incident."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
setTimeout(function () { if (window.incidentFocus) { window.incidentFocus({{ this.incident_id }}); } }, 50);
{% endmacro %}
"""
    )

    def __init__(self, incident_id: int):
        super().__init__()
        self._name = "FocusScript"
        self.incident_id = int(incident_id)


def focus_group(incident_id: int) -> folium.FeatureGroup:
    """A feature group whose only effect is to focus one incident.

    streamlit-folium evaluates ``feature_group_to_add`` without reloading the
    map, so choosing a table row moves the map instead of rebuilding it.
    """
    group = folium.FeatureGroup(name="Selected", control=False)
    group.add_child(_FocusScript(incident_id))
    return group


_POPUP_ID_RE = re.compile(r"Incident #(\d+)")


def popup_id(popup_text: str | None) -> int | None:
    """The incident id from a clicked popup's text (as streamlit-folium returns it)."""
    if not popup_text:
        return None
    found = _POPUP_ID_RE.search(popup_text)
    return int(found.group(1)) if found else None


def _mention_rows(mentions: Iterable[Any]) -> list:
    """One row per distinct (point, name): [lat, lon, count, name]."""
    counts: Counter = Counter()
    for m in mentions:
        lat, lon = getattr(m, "lat", None), getattr(m, "lon", None)
        if not _valid_point(lat, lon):
            continue
        name = clean_text(getattr(m, "name", None) or getattr(m, "text", None), 80)
        counts[(round(lat, 4), round(lon, 4), name)] += 1
    return [[lat, lon, n, name] for (lat, lon, name), n in counts.most_common()]


def _outline_layer(geojson: dict, name: str, style: dict, *, show: bool = True) -> folium.GeoJson:
    return folium.GeoJson(
        geojson,
        name=name,
        style_function=lambda _feature, s=style: s,
        interactive=False,
        control=True,
        show=show,
        overlay=True,
        zoom_on_click=False,
        embed=True,
    )


COUNTRY_STYLE = {"color": "#6b6b6b", "weight": 1.2, "fillColor": "#f6f3ec", "fillOpacity": 1.0}
ADMIN1_STYLE = {"color": "#9a9a9a", "weight": 0.6, "dashArray": "3 3", "fill": False}


def _strip_heavy_assets(m: folium.Map) -> None:
    """Keep only Leaflet itself: the map needs no jQuery, Bootstrap or fonts."""
    m.default_js = [(n, u) for n, u in type(m).default_js if n == "leaflet"]
    m.default_css = [(n, u) for n, u in type(m).default_css if n == "leaflet_css"]


def _bounds(points: list[tuple[float, float]]) -> list[list[float]] | None:
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def build_map(
    records: Sequence[Any],
    *,
    mentions: Iterable[Any] = (),
    countries: dict | None = None,
    admin1: dict | None = None,
    options: MapOptions = MapOptions(),
    focus_id: int | None = None,
) -> folium.Map:
    """The incident map: outlines, clustered incidents, legend, layers.

    ``countries`` / ``admin1`` are GeoJSON FeatureCollections (or None when
    the boundaries are not built; the map then simply has no outlines).
    """
    payload, points, _counts = _payload(records, options.detail_limit)
    m = folium.Map(
        location=DEFAULT_CENTER,
        zoom_start=DEFAULT_ZOOM,
        tiles=None,
        height=options.height,
        control_scale=True,
        prefer_canvas=False,
        world_copy_jump=False,
    )
    _strip_heavy_assets(m)
    # Without a tile layer Leaflet knows no zoom range, and markercluster needs one.
    m.options["maxZoom"] = 18
    m.options["minZoom"] = 3
    m.get_root().header.add_child(Element(_CSS + _type_css(payload["colors"])), name="incident_css")

    if options.osm_tiles:
        folium.TileLayer(
            "OpenStreetMap", name="OpenStreetMap (online)", overlay=False, control=True,
        ).add_to(m)
    if countries:
        _outline_layer(countries, "Countries", COUNTRY_STYLE).add_to(m)
    if admin1:
        _outline_layer(admin1, "Admin-1 areas", ADMIN1_STYLE).add_to(m)

    if options.heatmap and points:
        HeatMap(
            [[round(a, 4), round(b, 4)] for a, b in points],
            name="Heat map", radius=18, blur=22, min_opacity=0.35, show=True,
        ).add_to(m)

    mention_rows = _mention_rows(mentions)
    if mention_rows:
        MentionLayer(mention_rows, show=options.show_mentions).add_to(m)

    IncidentLayer(payload, player=options.player).add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)

    box = _bounds(points)
    if box:
        if box[0] == box[1]:
            m.location = [box[0][0], box[0][1]]
            m.options["zoom"] = 9
        else:
            m.fit_bounds(box, padding=(24, 24), max_zoom=10)
    if focus_id is not None:
        m.add_child(_FocusScript(focus_id))
    return m


def _type_css(colors: list[str]) -> str:
    rules = "".join(f".inc-t{i}{{background:{c};}}" for i, c in enumerate(colors))
    return f"<style>{rules}</style>"


# --------------------------------------------------------------------------
# outlines
# --------------------------------------------------------------------------

#: Syria, Iraq and their neighbours, generously (lon/lat).
REGION_BBOX = (24.0, 22.0, 62.0, 44.0)


def _geometry_bbox(geometry: dict) -> tuple[float, float, float, float] | None:
    xs: list[float] = []
    ys: list[float] = []

    def walk(coords):
        if coords and isinstance(coords[0], (int, float)):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    walk((geometry or {}).get("coordinates") or [])
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _round_coords(coords, digits: int):
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], digits), round(coords[1], digits)]
    return [_round_coords(c, digits) for c in coords]


def _clip_simplify(geometry: dict, bbox, tolerance: float) -> dict | None:
    """Cut to the box and Douglas-Peucker through shapely (None if nothing is left)."""
    try:
        import shapely
        from shapely.geometry import mapping, shape

        shapes = shapely.clip_by_rect(shape(geometry), *bbox)
        if tolerance:
            shapes = shapes.simplify(tolerance, preserve_topology=True)
        if shapes.is_empty:
            return None
        return json.loads(json.dumps(mapping(shapes)))
    except Exception:  # noqa: BLE001 - an odd geometry keeps its full detail
        return geometry


def clip_outlines(geojson: dict | None, bbox=REGION_BBOX, *, digits: int = 3,
                  tolerance: float = 0.01,
                  keep=("name", "NAME", "name_en", "NAME_EN", "admin", "iso_a2", "ISO_A2")) -> dict | None:
    """The features of a FeatureCollection that touch ``bbox``, made light.

    Shapes are simplified (``tolerance`` degrees, ~1 km), coordinates rounded
    (~100 m) and properties trimmed, so the basemap
    adds tens, not thousands, of kilobytes to every map.
    """
    if not geojson:
        return None
    west, south, east, north = bbox
    features = []
    for feature in geojson.get("features", ()):
        geometry = feature.get("geometry")
        box = _geometry_bbox(geometry) if geometry else None
        if not box or box[2] < west or box[0] > east or box[3] < south or box[1] > north:
            continue
        props = {k: v for k, v in (feature.get("properties") or {}).items() if k in keep}
        geometry = _clip_simplify(geometry, bbox, tolerance)
        if geometry is None:
            continue
        features.append({
            "type": "Feature",
            "properties": props,
            "geometry": {"type": geometry["type"],
                         "coordinates": _round_coords(geometry["coordinates"], digits)},
        })
    return {"type": "FeatureCollection", "features": features} if features else None


def load_outlines(path, bbox=REGION_BBOX) -> dict | None:
    """Read and clip a boundaries GeoJSON file; None when it is missing or unreadable."""
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return clip_outlines(data, bbox)
