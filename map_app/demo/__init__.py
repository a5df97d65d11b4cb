"""Bundled demo articles, so a fresh install shows a populated map.

The articles (articles.jsonl) are short, original, fictional-in-detail news
items about Syria and Iraq in 2024, in Arabic and English.  They exercise the
pipeline on purpose: relative dates (أمس، الأسبوع الماضي، "on Sunday"),
Eastern Arabic digits, fatality phrasing, several event types, and one event
reported twice (articles 1 and 2, Al-Bukamal drone strike of 11 March 2024)
to show two sources merging into one incident.
"""
from __future__ import annotations

from pathlib import Path

from map_app.ingest import ArticleInput, read_articles

DEMO_PATH = Path(__file__).with_name("articles.jsonl")


def demo_articles() -> list[ArticleInput]:
    """The demo articles, in file order."""
    return list(read_articles(DEMO_PATH))
