"""The geoparsing pipeline: text → mentions → resolved places → incidents.

`Geoparser` holds what is expensive to load (gazetteer, automaton) and is
reused across documents; `parse()` is the one-call entry point.

Limits (README, "Limits"): a text longer than `MAX_TEXT_CHARS` characters is
refused with an `InputError` before any work is done; every stage is linear
in the text, so the longest text allowed parses in a few seconds.
"""
from __future__ import annotations

import gc
import re
import threading
from contextlib import contextmanager
from datetime import date
from typing import Iterator

from gazetteer import Gazetteer

from map_app.geoparse.document import MAX_TEXT_CHARS, Document, Mention
from map_app.geoparse.recognize import Recognizer
from map_app.geoparse.resolve import Resolver
from map_app.geoparse.textio import InputError

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    sample = text[:20000]
    return "ar" if len(_ARABIC.findall(sample)) >= len(_LATIN.findall(sample)) else "en"


class Geoparser:
    def __init__(self, gazetteer: Gazetteer | None = None, max_chars: int | None = MAX_TEXT_CHARS):
        self.gazetteer = gazetteer or Gazetteer.open()
        self.recognizer = Recognizer(self.gazetteer)
        self.resolver = Resolver(self.gazetteer)
        #: Longest text accepted (None: no limit, for benchmarks that measure growth).
        self.max_chars = max_chars

    def places(self, text: str) -> list[Mention]:
        """Recognised and resolved place mentions, in text order."""
        _check_text(text, self.max_chars)
        with _gc_paused():
            return self.resolver.resolve(text, self.recognizer.find(text))

    def parse(self, text: str, published: date | None = None, source: str | None = None) -> Document:
        from map_app.geoparse.incidents import extract_incidents
        from map_app.geoparse.sentences import split_sentences

        _check_text(text, self.max_chars)
        with _gc_paused():
            doc = Document(text=text, published=published, source=source, lang=detect_language(text))
            doc.places = self.places(text)
            doc.sentences = split_sentences(text)
            doc.incidents = extract_incidents(doc)
            for incident in doc.incidents:
                incident.source = incident.source or source
        return doc


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while one text is parsed: a long text creates
    hundreds of thousands of objects (none in cycles), and full collections over them
    would add steps to an otherwise linear cost.  Cycles made meanwhile are collected later."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_text(text, max_chars: int | None) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if max_chars is not None and len(text) > max_chars:
        raise InputError(f"text too long ({len(text):,} characters; the limit is {max_chars:,} "
                         "characters): split it into articles")


_default: Geoparser | None = None
_lock = threading.Lock()


def default_geoparser() -> Geoparser:
    """One shared Geoparser per process (the gazetteer is read-only)."""
    global _default
    with _lock:
        if _default is None:
            _default = Geoparser()
        return _default


def reload_default_geoparser() -> Geoparser:
    """Drop the shared Geoparser and open a new one: after the user layer
    changed (`gazetteer.user_layer.add_user_place`), so that re-parsing stored
    articles uses it."""
    global _default
    with _lock:
        _default = Geoparser()
        return _default


def parse(text: str, published: date | None = None, source: str | None = None) -> Document:
    """Geoparse one article: places with offsets and the incidents it reports."""
    return default_geoparser().parse(text, published=published, source=source)
