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
  ~2 km cell, which keeps 100k usable.
* No tile layer by default: the project's own Natural Earth outlines are the
  basemap. OpenStreetMap tiles are an explicit opt-in.

The pieces live in their own modules: ``map_app.dashboard.display`` (sanitising text
and links for display), ``map_app.dashboard.payload`` (records to browser data),
``map_app.dashboard.layers`` (folium elements, with their JS/CSS in
``map_app/web/``) and ``map_app.dashboard.basemap`` (outline clipping). This module
puts them together and re-exports the names the app, tests and benchmark use.

Records are duck-typed: anything with the attributes of
``map_app.store.IncidentRecord`` works (the tests use small stand-ins).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import folium
from branca.element import Element
from folium.plugins import HeatMap

from map_app.dashboard.basemap import REGION_BBOX, clip_outlines, load_outlines
from map_app.dashboard.display import (
    GEO_PRECISION, TIME_PRECISION, UNKNOWN_TYPE, clean_text, evidence_and_mark, safe_url, type_colors)
from map_app.dashboard.layers import (
    ADMIN1_STYLE, BASEMAP_PANE, BOUNDARY_PANE, COUNTRY_STYLE, FocusScript, IncidentLayer, LabelLayer,
    MentionLayer, add_panes, focus_group, incident_css, outline_layer, popup_id)
from map_app.dashboard.payload import DETAIL_LIMIT, build_payload, mention_rows

__all__ = [
    "MapOptions",
    "build_map",
    "clean_text",
    "safe_url",
    "type_colors",
    "focus_group",
    "popup_id",
    "DEFAULT_CENTER",
    # re-exported for the app, tests and benchmark
    "DETAIL_LIMIT",
    "GEO_PRECISION",
    "IncidentLayer",
    "MentionLayer",
    "REGION_BBOX",
    "TIME_PRECISION",
    "UNKNOWN_TYPE",
    "clip_outlines",
    "evidence_and_mark",
    "load_outlines",
]

#: Syria / Iraq, used when there is nothing to fit the view to.
DEFAULT_CENTER = (34.8, 40.5)
DEFAULT_ZOOM = 6


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


def _strip_heavy_assets(m: folium.Map) -> None:
    """Keep only Leaflet itself: the map needs no jQuery, Bootstrap or fonts."""
    m.default_js = [(n, u) for n, u in type(m).default_js if n == "leaflet"]
    m.default_css = [(n, u) for n, u in type(m).default_css if n == "leaflet_css"]


def _bounds(points) -> list[list[float]] | None:
    """South-west and north-east corners of an n × 2 array of (lat, lon)."""
    if not len(points):
        return None
    low, high = points.min(axis=0), points.max(axis=0)
    return [[float(low[0]), float(low[1])], [float(high[0]), float(high[1])]]


def build_map(
    records: Sequence[Any],
    *,
    mentions: Iterable[Any] = (),
    countries: dict | None = None,
    admin1: dict | None = None,
    options: MapOptions = MapOptions(),
    focus_id: int | None = None,
    labels: Sequence[Any] = (),
) -> folium.Map:
    """The incident map: outlines, clustered incidents, legend, layers.

    ``countries`` / ``admin1`` are GeoJSON FeatureCollections (or None when
    the boundaries are not built; the map then simply has no outlines); the
    country fill lies in a pane under web tiles, heat map and mentions, the
    admin-1 lines above the tiles.  ``labels`` are the offline basemap's place
    labels (rows of ``map_app.dashboard.labels.label_rows``).
    """
    payload, points, _counts = build_payload(records, options.detail_limit)
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
    m.get_root().header.add_child(Element(incident_css(payload["colors"])), name="incident_css")

    add_panes(m)
    if options.osm_tiles:
        folium.TileLayer(
            "OpenStreetMap", name="OpenStreetMap (online)", overlay=False, control=True,
        ).add_to(m)
    if countries:
        outline_layer(countries, "Countries", COUNTRY_STYLE, pane=BASEMAP_PANE).add_to(m)
    if admin1:
        outline_layer(admin1, "Admin-1 areas", ADMIN1_STYLE, pane=BOUNDARY_PANE).add_to(m)
    if labels:
        LabelLayer(list(labels)).add_to(m)

    if options.heatmap and len(points):
        HeatMap(
            points.round(4).tolist(),
            name="Heat map", radius=18, blur=22, min_opacity=0.35, show=True,
        ).add_to(m)

    mentioned = mention_rows(mentions)
    if mentioned:
        MentionLayer(mentioned, show=options.show_mentions).add_to(m)

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
        m.add_child(FocusScript(focus_id))
    return m
