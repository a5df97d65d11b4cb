"""The map's custom folium elements and the CSS/JS they put on the page.

The JS and CSS live in ``map_app/web/`` (package data, read once at import;
never fetched). Security rests on two things here:

* ``script_json`` escapes the payload so it can neither close the
  surrounding ``<script>`` nor be evaluated as Jinja (``{{ ... }}``).
* ``_render_raw`` adds a layer's rendered script to the page as it is,
  instead of letting folium compile it as a template a second time.

The browser code builds every node with ``textContent`` (see
``web/dom_helpers.js``); only numbers and palette colours made in Python
go into HTML strings.
"""
from __future__ import annotations

import copy

import json
import re
from importlib.resources import files
from typing import Any

import folium
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import ElementAddToElement
from folium.plugins import MarkerCluster
from folium.template import Template

_WEB = files("map_app.dashboard") / "web"
#: Where a layer template takes the shared DOM helpers.
_HELPERS_SLOT = "{# dom_helpers.js #}"


def _web_text(name: str) -> str:
    return (_WEB / name).read_text(encoding="utf-8")


# Shared DOM helpers: every string from the data goes through textContent.
_JS_HELPERS = "\n" + _web_text("dom_helpers.js")

_CSS = "\n<style>\n" + _web_text("incident_map.css") + "</style>\n"


def _layer_template(name: str) -> Template:
    """A layer's script macro from web/, with the DOM helpers put in their slot."""
    text = _web_text(name)
    assert text.count(_HELPERS_SLOT) == 1, name
    return Template(text.replace(_HELPERS_SLOT, _JS_HELPERS))


def script_json(data: dict | list) -> str:
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


def incident_css(colors: list[str]) -> str:
    """The page's map CSS plus one ``.inc-t<i>`` rule per type colour (hex, made in Python)."""
    return _CSS + _type_css(colors)


def _type_css(colors: list[str]) -> str:
    rules = "".join(f".inc-t{i}{{background:{c};}}" for i, c in enumerate(colors))
    return f"<style>{rules}</style>"


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

    _template = _layer_template("incident_layer.js")

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
        self.payload = script_json(payload)
        self.player = player
        self.step_ms = int(step_ms)

    def render(self, **kwargs) -> None:
        _render_raw(self, kwargs, self.show)


class MentionLayer(folium.map.Layer):
    """Every resolved place mention, aggregated per point, as light circles."""

    _template = _layer_template("mention_layer.js")

    def __init__(self, rows: list, *, name: str = "Place mentions", show: bool = False):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "MentionLayer"
        self.payload = script_json(rows)

    def render(self, **kwargs) -> None:
        _render_raw(self, kwargs, self.show)


class LabelLayer(folium.map.Layer):
    """Place labels of the offline basemap (see `map_app.dashboard.labels`)."""

    _template = _layer_template("label_layer.js")

    def __init__(self, rows: list, *, name: str = "Place labels", show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "LabelLayer"
        self.payload = script_json(rows)

    def render(self, **kwargs) -> None:
        _render_raw(self, kwargs, self.show)


class FocusScript(MacroElement):
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
    group.add_child(FocusScript(incident_id))
    return group


# The popup's id line is written by web/incident_layer.js ('Incident #' + id).
_POPUP_ID_RE = re.compile(r"Incident #(\d+)")


def popup_id(popup_text: str | None) -> int | None:
    """The incident id from a clicked popup's text (as streamlit-folium returns it)."""
    if not popup_text:
        return None
    found = _POPUP_ID_RE.search(popup_text)
    return int(found.group(1)) if found else None


COUNTRY_STYLE = {"color": "#6b6b6b", "weight": 1.2, "fillColor": "#f6f3ec", "fillOpacity": 1.0}
ADMIN1_STYLE = {"color": "#9a9a9a", "weight": 0.6, "dashArray": "3 3", "fill": False}


#: Map panes, bottom to top: the country fill lies under web tiles (tilePane is 200),
#: the admin-1 lines over them; heat map and mentions (overlayPane, 400), place labels
#: (450) and incidents (markerPane, 600) are drawn above all outlines.
BASEMAP_PANE, BASEMAP_Z = "basemapPane", 150
BOUNDARY_PANE, BOUNDARY_Z = "boundaryPane", 350


def add_panes(m: folium.Map) -> None:
    folium.map.CustomPane(BASEMAP_PANE, z_index=BASEMAP_Z, pointer_events=False).add_to(m)
    folium.map.CustomPane(BOUNDARY_PANE, z_index=BOUNDARY_Z, pointer_events=False).add_to(m)


class OutlineLayer(folium.GeoJson):
    """A GeoJSON layer whose data is read-only: copies of the map share it (the page copies
    the cached map on every visit, and the outlines are most of it), and its bounds are
    measured once."""

    def __init__(self, data: dict, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self._self_bounds = super()._get_self_bounds()

    def _get_self_bounds(self) -> list:
        return self._self_bounds

    def __deepcopy__(self, memo: dict) -> "OutlineLayer":
        new = self.__class__.__new__(self.__class__)
        memo[id(self)] = new
        memo[id(self.data)] = self.data  # shared: nothing writes to it after __init__
        for key, value in self.__dict__.items():
            setattr(new, key, copy.deepcopy(value, memo))
        return new


def outline_layer(geojson: dict, name: str, style: dict, *, show: bool = True,
                  pane: str | None = None) -> folium.GeoJson:
    """A fixed-style, non-interactive boundary layer embedded in the page."""
    extra = {"pane": pane} if pane else {}
    return OutlineLayer(
        geojson,
        name=name,
        style_function=lambda _feature, s=style: s,
        interactive=False,
        control=True,
        show=show,
        overlay=True,
        zoom_on_click=False,
        embed=True,
        **extra,
    )
