"""Never a traceback: each part of the page fails on its own, in words.

Whatever goes wrong inside a section of the page (a store error, a bad upload, a
parser bug), the analyst sees one line saying which part could not be shown and
that the rest of the page still works; the details (traceback, paths) go to the
server's log only.  Streamlit's own control flow (`st.rerun`, `st.stop`) passes
through.  As a second line of defence the app turns Streamlit's error details off
(`hide_error_details`), as map_app/.streamlit/config.toml and ./run.sh do, so even
an exception outside every section shows no traceback or server path.

`MAP_APP_FAULTS` (tests only): a comma-separated list of store method names that
raise an error, to see the page survive a failing store (`inject_faults`).
"""
from __future__ import annotations

import logging
import os
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

log = logging.getLogger("map_app.dashboard")
ENV_FAULTS = "MAP_APP_FAULTS"
_EXPLICIT = ("command-line", "environment variable")


def message(what: str, exc: BaseException) -> str:
    """The one line the analyst reads: which part failed and what still works."""
    from map_app.store import StoreError

    kind = ("the incident database could not answer" if isinstance(exc, StoreError)
            else "an internal error occurred")
    return (f"The {what} could not be shown: {kind} ({type(exc).__name__}). The rest of the "
            "page still works; the details are in the server's log.")


class section:
    """``with section("timeline"): ...``: an exception inside becomes `st.error` in words."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.failed = False  # an exception was shown instead of the section

    def __enter__(self) -> "section":
        return self

    def __exit__(self, kind: Any, exc: BaseException | None, tb: Any) -> bool:
        if exc is None or isinstance(exc, ScriptControlException) or not isinstance(exc, Exception):
            return False  # no error, or st.rerun / st.stop / KeyboardInterrupt: let it through
        self.failed = True
        log.error("dashboard section %r failed", self.what, exc_info=(kind, exc, tb))
        try:
            st.error(message(self.what, exc), icon="⚠️")
        except Exception:  # noqa: BLE001 - no page to write to: the log has it
            pass
        return True


def hide_error_details() -> None:
    """Streamlit shows no traceback for an exception that escapes the page, unless the
    server was started with `--client.showErrorDetails` on purpose (a developer)."""
    from streamlit import config

    if any(word in str(config.get_where_defined("client.showErrorDetails")) for word in _EXPLICIT):
        return
    if config.get_option("client.showErrorDetails") not in ("none", False, "false", "False"):
        st.set_option("client.showErrorDetails", "none")


def inject_faults(store: Any, names: str | None = None) -> Any:
    """Make the store methods named in `MAP_APP_FAULTS` raise (tests only); the message holds
    a server path, which the page must never show."""
    names = os.environ.get(ENV_FAULTS, "") if names is None else names
    for name in filter(None, (n.strip() for n in names.split(","))):
        def broken(*args: Any, _name: str = name, **kwargs: Any) -> Any:
            raise RuntimeError(f"injected failure of {_name} reading {os.path.abspath(__file__)}")

        setattr(store, name, broken)
    return store
