"""Adding articles from the page: paste one, or upload files.

Both take a publication date: relative dates in the text (أمس الأربعاء,
"on Sunday") are resolved against it.  For uploads it applies to every
article whose file does not carry its own date (a .txt never does).
"""
from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from map_app import ingest
from map_app.dashboard import map_view
from map_app.dashboard.common import flash, show_flashes
from map_app.store import IncidentStore

UPLOAD_TYPES = ["txt", "html", "htm", "json", "jsonl", "csv"]


class _UploadStore:
    """Passes add_article through to the store: fills in the analyst's publication date
    for articles without one and advances the progress bar."""

    def __init__(self, store: IncidentStore, bar: Any, state: dict, published: date | None):
        self._store, self._bar, self._state, self._published = store, bar, state, published

    def add_article(self, text: str, **kwargs: Any):
        self._state["articles"] += 1
        self._bar.progress(min(self._state["file"] / max(self._state["files"], 1), 1.0),
                           text=f"{self._state['name']}: article {self._state['articles']}")
        if kwargs.get("published") is None and self._published is not None:
            kwargs["published"] = self._published
        return self._store.add_article(text, **kwargs)


def ingest_panel(store: IncidentStore) -> None:
    show_flashes("ingest")
    paste, upload = st.columns(2)
    with paste:
        st.markdown("**Paste an article**")
        with st.form("paste_form", clear_on_submit=True, border=False):
            text = st.text_area("Article text (Arabic or English)", height=180, key="in_text")
            c1, c2 = st.columns([1, 2])
            published = c1.date_input("Published", value=None, key="in_published",
                                      format="YYYY/MM/DD",
                                      help="Relative dates in the text are read from it.")
            url = c2.text_input("Source URL", key="in_url", placeholder="https://…")
            title = st.text_input("Title (optional)", key="in_title")
            submitted = st.form_submit_button("Add article", type="primary")
        if submitted:
            if not text.strip():
                st.warning("Paste some text first.")
            else:
                try:
                    with st.spinner("Geoparsing…"):
                        result = store.add_article(text, published=published,
                                                   url=url.strip() or None,
                                                   title=title.strip() or None, source="pasted")
                except Exception as exc:  # noqa: BLE001 - the parser or input failed
                    st.error(f"Not stored: {ingest.describe_failure(exc)}")
                else:
                    if result.added:
                        flash("success", f"Article stored: {result.incidents} incident(s), "
                                         f"{result.places} place mention(s).", "ingest")
                    else:
                        flash("info", f"Already stored (article #{result.article_id}); "
                                      "nothing added.", "ingest")
                    st.rerun()
    with upload:
        st.markdown("**Upload files**")
        files = st.file_uploader("Articles (.txt, .html, .json, .jsonl, .csv)",
                                 type=UPLOAD_TYPES, accept_multiple_files=True, key="in_files")
        published = st.date_input(
            "Publication date of the uploaded files", value=None, key="in_files_published",
            format="YYYY/MM/DD",
            help="Used for every article whose file gives no date (a .txt never does), so "
                 "that “yesterday” or a weekday in the text becomes a date.")
        if st.button("Ingest files", disabled=not files, key="in_go"):
            bar = st.progress(0.0, text="Starting…")
            state = {"file": 0, "files": len(files), "name": "", "articles": 0}

            def progress(done: int, total: int, name: str) -> None:
                state.update(file=done, files=total, name=name, articles=0)
                bar.progress(min(done / max(total, 1), 1.0), text=name or "Done")

            try:
                report = ingest.ingest_uploads(_UploadStore(store, bar, state, published),
                                               [(f.name, f.getvalue()) for f in files],
                                               progress=progress)
            except Exception as exc:  # noqa: BLE001 - never a traceback on the page
                report = ingest.IngestReport(files=len(files), failed=[
                    (state["name"] or "upload", f"not stored: {ingest.describe_failure(exc)}")])
            bar.progress(1.0, text="Done")
            flash("success" if report.ok else "warning", report.summary(), "ingest")
            for name, reason in report.failed:
                flash("error", f"{map_view.clean_text(name, 120)}: "
                               f"{map_view.clean_text(reason, 300)}", "ingest")
            st.rerun()
