"""Keyboard behaviour Streamlit lacks: Enter commits a typed date (see web/keys.html)."""
from __future__ import annotations

from importlib.resources import files

import streamlit.components.v1 as components

_HTML = (files("map_app.dashboard") / "web" / "keys.html").read_text(encoding="utf-8")


def enter_commits_dates() -> None:
    components.html(_HTML, height=0)
