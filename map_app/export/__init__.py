"""Exports of stored incidents: RFC 7946 GeoJSON and ACLED CSV (31 ACLED columns, then the project's)."""
from map_app.export.formats import (ACLED_COLUMNS, BOM, COUNTRY_NAMES, CSV_COLUMNS, PROJECT_COLUMNS, acled_fields,
                                    incidents_csv, incidents_csv_bytes, incidents_geojson, incidents_geojson_text,
                                    safe_cell)

__all__ = ["ACLED_COLUMNS", "BOM", "COUNTRY_NAMES", "CSV_COLUMNS", "PROJECT_COLUMNS", "acled_fields", "incidents_csv",
           "incidents_csv_bytes", "incidents_geojson", "incidents_geojson_text", "safe_cell"]
