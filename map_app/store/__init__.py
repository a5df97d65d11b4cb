"""The incident store: articles, place mentions, incidents, sources and reviews.

`records` holds the plain value types, `sql` the schema and query building,
`sqlite` the embedded backend (`Store`).
"""
from map_app.store.records import (
    AddResult, ArticleRecord, IncidentFilter, IncidentRecord, MentionRecord, ReviewEntry, Source, StoreError)
from map_app.store.sqlite import DEFAULT_DB, ENV_DB, MAX_ARTICLE_CHARS, Store, normalise_text, text_hash

__all__ = [
    "Store", "StoreError", "IncidentFilter", "IncidentRecord", "MentionRecord", "Source",
    "AddResult", "ArticleRecord", "ReviewEntry", "normalise_text", "text_hash",
    "DEFAULT_DB", "ENV_DB", "MAX_ARTICLE_CHARS",
]
