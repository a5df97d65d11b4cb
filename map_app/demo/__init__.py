"""Bundled demo articles, so a fresh install shows a populated map.

The articles (articles.jsonl) are short, original, fictional-in-detail news
items about Syria and Iraq in 2024, in Arabic and English.  They exercise the
pipeline on purpose: relative dates (أمس، الأسبوع الماضي، "on Sunday"),
Eastern Arabic digits, fatality phrasing, several event types, and one event
reported twice (articles 1 and 2, Al-Bukamal drone strike of 11 March 2024)
to show two sources merging into one incident.

Demo data never goes into a store by itself: only the dashboard's default store
(``./run.sh`` on a fresh machine, no ``MAP_APP_DB``) is seeded, once, and
``map_app demo`` loads it on purpose.  Stored demo articles and incidents are
flagged (``demo``), left out of exports unless asked, counted for the
dashboard's banner and removable (``map_app demo --remove``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from map_app.ingest.readers import ArticleInput, read_articles
from map_app.store import AddResult, StoreError, open_store, text_hash

DEMO_PATH = Path(__file__).with_name("articles.jsonl")
#: Set in a store's meta table once the dashboard seeded it (so removal sticks).
SEEDED_KEY = "demo_seeded"


def demo_articles() -> list[ArticleInput]:
    """The demo articles, in file order."""
    return list(read_articles(DEMO_PATH))


def demo_hashes() -> list[str]:
    return [text_hash(a.text) for a in demo_articles()]


def load_demo(store: Any) -> list[AddResult]:
    """Parse and add the demo articles, flagged as demo (already stored ones are skipped)."""
    articles = demo_articles()
    store.flag_demo(text_hash(a.text) for a in articles)  # stores from before the flag
    try:
        results = [store.add_article(a.text, published=a.published, url=a.url, title=a.title,
                                     source=a.source, demo=True) for a in articles]
    except StoreError:
        raise
    except Exception as exc:  # the parser or the gazetteer is not usable yet
        raise StoreError(f"cannot load the demo articles: the parser failed "
                         f"({type(exc).__name__}: {exc})") from exc
    store.set_meta(SEEDED_KEY, "1")
    return results


def remove_demo(store: Any) -> tuple[int, int]:
    """Delete the demo articles and incidents; returns (articles, incidents) removed."""
    store.flag_demo(demo_hashes())
    removed = store.remove_demo()
    store.set_meta(SEEDED_KEY, "1")  # removed on purpose: never seed this store again
    return removed


def open_seeded(db: str = "", **options: Any) -> tuple[Any, str | None]:
    """Open the dashboard's store; the default one (no `db`) gets the demo data once.

    Returns (store, why the demo could not be loaded or None).  A failed load is
    retried the next time, a removed demo is not brought back."""
    store = open_store(db or None, **options)
    if db or store.meta(SEEDED_KEY) is not None:
        return store, None
    if not store.is_empty():  # a store from before the demo flag: flag, never add
        store.flag_demo(demo_hashes())
        store.set_meta(SEEDED_KEY, "1")
        return store, None
    try:
        load_demo(store)
    except StoreError as exc:
        return store, str(exc)
    return store, None
