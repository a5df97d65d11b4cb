"""Geoparse Arabic/English news into places and incidents, store and map them.

The packages follow the pipeline, and import only downwards:

    gazetteer/            place names → places (the offline gazetteer)
    map_app/geoparse/     text → mentions → places → incidents (``parse``)
    map_app/store/        incidents, articles and reviews kept (SQLite; PostGIS)
    map_app/ingest/       files → articles → store
    map_app/export/       store → GeoJSON / ACLED CSV
    map_app/dashboard/    store → the Streamlit map (``streamlit run map_app/app.py``)
    map_app/cli/          ``python -m map_app ...``

    >>> from map_app import parse
    >>> doc = parse("قصف مدفعي على مدينة البوكمال أمس", published=date(2024, 10, 26))
    >>> [m.place.name for m in doc.places]

The parser is loaded on first use of these names (PEP 562), so that the dashboard
and the exports start without it.
"""
from map_app.lazy import lazy_names

__all__ = ["Document", "Geoparser", "Incident", "Mention", "Sentence", "default_geoparser", "parse"]
__getattr__, __dir__ = lazy_names(__name__, globals(), dict.fromkeys(__all__, "map_app.geoparse"))
