"""The Streamlit dashboard: a thin view over the store (``streamlit run map_app/app.py``).

`map_view` builds the folium map (with `payload`, `layers`, `basemap`, `display`
and the JS/CSS in `web/`); `offline_assets` points folium at the locally
installed Leaflet files; `app` is the page.
"""
