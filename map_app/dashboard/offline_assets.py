"""Point folium's JS/CSS links at the locally served copies instead of CDNs.

Why: the dashboard runs without internet.  folium (and streamlit-folium, which reads
the same ``default_js``/``default_css`` class attributes) would load Leaflet, jQuery,
Bootstrap, Font Awesome and the plugins from CDNs, and the map stays blank.
``scripts/install_web_assets.py`` copies those files to ``map_app/static/vendor/``;
Streamlit serves them at ``/app/static/vendor/`` (``server.enableStaticServing``).

Use: call :func:`use_local_assets` once before building maps, check
:func:`missing_assets` to tell the user to run the installer, and
:func:`remote_references` to spot anything on a map that would still go online
(tiles, unsupported plugins, branca colormaps).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import folium
import folium.plugins as plugins

VENDOR_DIR = Path(__file__).resolve().parents[1] / "static" / "vendor"
STAMP_NAME = ".install-stamp.json"
INSTALL_HINT = ".venv/bin/python scripts/install_web_assets.py"

_MARKERCLUSTER = {
    "markerclusterjs": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "markerclustercss": "leaflet.markercluster/dist/MarkerCluster.css",
    "markerclusterdefaultcss": "leaflet.markercluster/dist/MarkerCluster.Default.css",
}

# folium class -> {folium's asset name -> path under vendor/}.  Subclasses that do not
# define their own lists (FastMarkerCluster) inherit the rewritten ones.
LOCAL_ASSETS: dict[type, dict[str, str]] = {
    folium.Map: {
        "leaflet": "leaflet/dist/leaflet.js",
        "jquery": "jquery/dist/jquery.min.js",
        "bootstrap": "bootstrap/dist/js/bootstrap.bundle.min.js",
        "awesome_markers": "leaflet.awesome-markers/dist/leaflet.awesome-markers.js",
        "leaflet_css": "leaflet/dist/leaflet.css",
        "bootstrap_css": "bootstrap/dist/css/bootstrap.min.css",
        "glyphicons_css": "bootstrap3-glyphicons/dist/css/glyphicons.css",
        "awesome_markers_font_css": "fontawesome-free/css/all.min.css",
        "awesome_markers_css": "leaflet.awesome-markers/dist/leaflet.awesome-markers.css",
        "awesome_rotate_css": "generated/leaflet.awesome.rotate.css",
    },
    plugins.MarkerCluster: _MARKERCLUSTER,
    plugins.HeatMap: {"leaflet-heat.js": "folium/leaflet_heat.min.js"},
    plugins.Fullscreen: {
        "Control.Fullscreen.js": "leaflet.fullscreen/Control.FullScreen.js",
        "Control.FullScreen.css": "leaflet.fullscreen/Control.FullScreen.css",
    },
    plugins.MiniMap: {
        "Control_MiniMap_js": "leaflet-minimap/dist/Control.MiniMap.min.js",
        "Control_MiniMap_css": "leaflet-minimap/dist/Control.MiniMap.min.css",
    },
}

# Scripts added to a class's list, right after an existing one: class -> [(after, name, path)].
# The icon-path script fixes default Leaflet markers under streamlit-folium, which
# loads the stylesheets only after the scripts (see the installer for details).
EXTRA_JS: dict[type, list[tuple[str, str, str]]] = {
    folium.Map: [("leaflet", "offline_leaflet_icon_path", "generated/leaflet-icon-path.js")],
}

#: Classes whose assets are all served locally after :func:`use_local_assets`.
SUPPORTED_CLASSES: tuple[type, ...] = (
    folium.Map,
    plugins.MarkerCluster,
    plugins.FastMarkerCluster,
    plugins.HeatMap,
    plugins.Fullscreen,
    plugins.MiniMap,
)

# The CDN lists as folium shipped them, captured before the first rewrite so that
# repeated calls (every Streamlit rerun) start from the same input.
_ORIGINALS: dict[type, tuple[list, list]] = {}


def default_base_url() -> str:
    """URL prefix of the vendor folder as the browser sees it.

    An absolute path, because streamlit-folium injects the links into its component
    iframe (``/component/...``) where a relative URL would resolve against the
    component's folder.  Honours Streamlit's ``server.baseUrlPath``.
    """
    prefix = ""
    try:
        from streamlit import config as st_config

        prefix = (st_config.get_option("server.baseUrlPath") or "").strip("/")
    except Exception:  # streamlit missing or config unreadable: plain root
        prefix = ""
    return f"/{prefix}/app/static/vendor" if prefix else "/app/static/vendor"


def use_local_assets(base_url: str | None = None) -> None:
    """Rewrite folium's asset lists of every supported class to ``base_url``.

    Idempotent and cheap: safe to call on every Streamlit rerun.  Lists are replaced,
    never mutated, so folium's module-level defaults stay intact for
    :func:`restore_cdn_assets`.
    """
    base = (base_url if base_url is not None else default_base_url()).rstrip("/")
    for cls, local in LOCAL_ASSETS.items():
        js, css = _originals(cls)
        new_js = []
        for name, url in js:
            new_js.append((name, _local_url(base, local, name, url)))
            new_js += [(extra, f"{base}/{path}") for after, extra, path in EXTRA_JS.get(cls, []) if after == name]
        cls.default_js = new_js
        cls.default_css = [(name, _local_url(base, local, name, url)) for name, url in css]


def offline_map(location=None, zoom_start: int = 6, *, min_zoom: int = 2, max_zoom: int = 18, **kwargs) -> folium.Map:
    """A ``folium.Map`` with no web tiles and explicit zoom limits.

    Why: folium only passes ``max_zoom`` to its tile layer, so with ``tiles=None`` the
    Leaflet map has no maxZoom; MarkerCluster then throws "Map has no maxZoom
    specified", HeatMap mis-scales, and the streamlit-folium iframe stays 0 px high.
    """
    kwargs.setdefault("tiles", None)
    return folium.Map(location=location, zoom_start=zoom_start, minZoom=min_zoom, maxZoom=max_zoom, **kwargs)


def restore_cdn_assets() -> None:
    """Undo :func:`use_local_assets` (for tests and for exporting online HTML)."""
    for cls, (js, css) in _ORIGINALS.items():
        cls.default_js = list(js)
        cls.default_css = list(css)


def local_asset_paths() -> list[str]:
    """Every file under ``vendor/`` that the rewritten links point to."""
    paths = {path for local in LOCAL_ASSETS.values() for path in local.values()}
    paths.update(path for extras in EXTRA_JS.values() for _after, _name, path in extras)
    return sorted(paths)


def missing_assets(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Files (relative to ``vendor_dir``) that the map needs but are not installed.

    Checks the linked JS/CSS and, when the installer's stamp exists, every file it
    installed (images and fonts the CSS refers to).  An empty list means ready.
    """
    wanted = set(local_asset_paths())
    try:
        stamp = json.loads((vendor_dir / STAMP_NAME).read_text(encoding="utf-8"))
        wanted.update(stamp.get("files", {}))
    except (OSError, ValueError):
        pass
    return sorted(rel for rel in wanted if not (vendor_dir / rel).is_file())


def missing_assets_message(missing: Iterable[str]) -> str:
    """A short text for the UI explaining what is missing and how to fix it."""
    missing = list(missing)
    shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
    return (
        f"The offline map assets are not installed ({len(missing)} missing: {shown}). "
        f"Run `{INSTALL_HINT}` from the repository root, then reload this page."
    )


def remote_references(element: folium.Element) -> list[str]:
    """URLs on this map (or any element) that would make the browser go online.

    Covers JS/CSS of every element, tile layers, and branca colormaps (for which
    streamlit-folium adds d3 from a CDN on its own).  Call after
    :func:`use_local_assets`; an empty list means the map renders offline.
    """
    found: list[str] = []
    for elem in _walk(element):
        for _name, url in list(getattr(elem, "default_js", [])) + list(getattr(elem, "default_css", [])):
            if is_remote_url(url):
                found.append(url)
        tiles = getattr(elem, "tiles", None)
        if isinstance(elem, folium.raster_layers.TileLayer) and isinstance(tiles, str) and is_remote_url(tiles):
            found.append(tiles)
        if type(elem).__module__.startswith("branca.colormap"):
            found.append("d3.js from a CDN (streamlit-folium adds it for any branca colormap)")
    return list(dict.fromkeys(found))


def is_remote_url(url: str) -> bool:
    """True for absolute http(s) or protocol-relative URLs."""
    lowered = url.strip().lower()
    return lowered.startswith(("http://", "https://", "//"))


def _originals(cls: type) -> tuple[list, list]:
    if cls not in _ORIGINALS:
        _ORIGINALS[cls] = (list(cls.__dict__.get("default_js", cls.default_js)),
                           list(cls.__dict__.get("default_css", cls.default_css)))
    return _ORIGINALS[cls]


def _local_url(base: str, local: dict[str, str], name: str, url: str) -> str:
    return f"{base}/{local[name]}" if name in local else url


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)

