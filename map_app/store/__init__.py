"""The incident store: articles, place mentions, incidents, sources and reviews.

`base` defines the interface (`IncidentStore`) and the behaviour every backend
shares; one module per backend: `sqlite` (the embedded default, `Store`) and
`postgis` (PostgreSQL + PostGIS for a shared desk).  `open_store(url_or_path)`
picks one.  `records` holds the plain value types, `sql` the shared SQL,
`review` the rules of an analyst's correction.
"""
from map_app.store.base import MAX_ARTICLE_CHARS, IncidentStore
from map_app.store.connect import describe, is_postgres, open_store, resolve_url
from map_app.store.records import (
    AddResult, ArticleRecord, ConflictError, IncidentFilter, IncidentPoint, IncidentRecord,
    MentionRecord, ReviewEntry, Source, StoreError)
from map_app.store.sql import normalise_text, text_hash
from map_app.store.sqlite import DEFAULT_DB, ENV_DB, SQLiteStore, Store

__all__ = [
    "IncidentStore", "Store", "SQLiteStore", "open_store", "resolve_url", "describe",
    "is_postgres", "StoreError", "ConflictError", "IncidentFilter", "IncidentRecord",
    "IncidentPoint", "MentionRecord", "Source", "AddResult", "ArticleRecord", "ReviewEntry",
    "normalise_text", "text_hash", "DEFAULT_DB", "ENV_DB", "MAX_ARTICLE_CHARS",
]
