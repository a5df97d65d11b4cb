"""`open_store`: one entry point for every backend, chosen by URL.

    open_store()                                   # $MAP_APP_DB, else var/incidents.sqlite
    open_store("desk.sqlite")                      # a path: SQLite
    open_store("sqlite:///var/desk.sqlite")        # the same, as a URL
    open_store("postgresql://analyst@db:5432/incidents")   # PostGIS (also postgres://)

The CLI's ``--db`` and the dashboard's ``MAP_APP_DB`` take the same strings.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from map_app.store.base import IncidentStore
from map_app.store.sqlite import DEFAULT_DB, ENV_DB, SQLiteStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def resolve_url(url_or_path: str | Path | None = None) -> str:
    """The explicit argument, else $MAP_APP_DB, else the default SQLite file."""
    if url_or_path is None or str(url_or_path) == "":
        url_or_path = os.environ.get(ENV_DB) or DEFAULT_DB
    return str(url_or_path)


def is_postgres(url: str) -> bool:
    return url.startswith(POSTGRES_SCHEMES)


def open_store(url_or_path: str | Path | None = None, **options: Any) -> IncidentStore:
    """Open the store the URL or path names (creating an empty one if needed).

    Options go to the backend's `open` (e.g. `parser=`, for tests)."""
    url = resolve_url(url_or_path)
    if is_postgres(url):
        from map_app.store.postgis import PostGISStore

        return PostGISStore.open(url, **options)
    if "://" in url and not url.startswith("sqlite:///"):
        from map_app.store.records import StoreError

        scheme = url.split("://", 1)[0]
        raise StoreError(f"unknown store URL scheme {scheme!r}: use a file path, sqlite:///PATH "
                         "or postgresql://USER@HOST:PORT/DATABASE")
    return SQLiteStore.open(url, **options)


def describe(url_or_path: str | Path | None = None) -> str:
    """The store's location for messages (no password)."""
    url = resolve_url(url_or_path)
    if is_postgres(url):
        from map_app.store.postgis import redact

        return redact(url)
    return str(SQLiteStore.resolve_path(url))


def exists(url_or_path: str | Path | None = None) -> bool:
    """Whether a SQLite store file exists already (a server store always "exists")."""
    url = resolve_url(url_or_path)
    return is_postgres(url) or url in (":memory:", "sqlite:///:memory:") or \
        SQLiteStore.resolve_path(url).exists()
