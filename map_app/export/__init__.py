"""Exports of stored incidents: RFC 7946 GeoJSON and ACLED-style CSV."""
from map_app.export.formats import COUNTRY_NAMES, CSV_COLUMNS, incidents_csv, incidents_geojson, incidents_geojson_text, safe_cell

__all__ = ["COUNTRY_NAMES", "CSV_COLUMNS", "incidents_csv", "incidents_geojson", "incidents_geojson_text", "safe_cell"]
