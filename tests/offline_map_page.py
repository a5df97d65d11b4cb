"""Throwaway Streamlit page: a folium map shown through st_folium with local assets only.

Why: the browser test (tests/test_offline_map.py) needs a real Streamlit app to prove
that the map renders with no request leaving the machine.  Streamlit serves
``/app/static/`` from the *script's* folder, so the test copies this file into a temp
folder whose ``static`` is a symlink to ``map_app/static`` (exactly what the real
app serves) and puts the repo root on PYTHONPATH.
"""

from __future__ import annotations

import folium
import streamlit as st
from folium.plugins import Fullscreen, HeatMap, MarkerCluster
from streamlit_folium import st_folium

from map_app.dashboard.offline_assets import (
    missing_assets,
    missing_assets_message,
    offline_map,
    use_local_assets,
)

# Towns in Syria and Iraq (lat, lon) with a weight for the heat layer.
PLACES = [
    ("Damascus", "دمشق", 33.513, 36.292, 3),
    ("Aleppo", "حلب", 36.202, 37.134, 5),
    ("Homs", "حمص", 34.733, 36.717, 2),
    ("Raqqa", "الرقة", 35.950, 39.010, 4),
    ("Deir ez-Zor", "دير الزور", 35.336, 40.140, 4),
    ("Mosul", "الموصل", 36.340, 43.130, 5),
    ("Erbil", "أربيل", 36.191, 44.009, 1),
    ("Kirkuk", "كركوك", 35.468, 44.392, 2),
    ("Baghdad", "بغداد", 33.315, 44.366, 3),
    ("Fallujah", "الفلوجة", 33.350, 43.780, 2),
]

use_local_assets()
missing = missing_assets()
st.title("Offline map probe")
if missing:
    st.error(missing_assets_message(missing))
    st.stop()

# No web tiles (air-gapped); offline_map sets the maxZoom that MarkerCluster requires.
m = offline_map([34.8, 40.5], zoom_start=5, control_scale=True)
cluster = MarkerCluster(name="incidents").add_to(m)
for en, ar, lat, lon, _w in PLACES:
    folium.Marker([lat, lon], tooltip=f"{en} / {ar}", popup=f"{en} — {ar}").add_to(cluster)
# A plain Leaflet marker (default icon images) and, below, icons that exercise
# awesome-markers with the Font Awesome and Glyphicons fonts.
folium.Marker([34.55, 38.27], tooltip="Palmyra / تدمر").add_to(m)
folium.Marker([32.9, 38.4], tooltip="fa icon", icon=folium.Icon(color="red", icon="bolt", prefix="fa")).add_to(m)
folium.Marker([37.2, 41.8], tooltip="glyphicon", icon=folium.Icon(color="green", icon="info-sign", angle=45)).add_to(m)
HeatMap([[lat, lon, w] for _en, _ar, lat, lon, w in PLACES], radius=30).add_to(m)
Fullscreen().add_to(m)

st_folium(m, height=520, use_container_width=True, returned_objects=[], key="offline-probe")
