"""The geoparsing pipeline: text → mentions → resolved places → incidents.

`Geoparser` holds what is expensive to load (gazetteer, automaton) and is
reused across documents; `parse()` is the one-call entry point.
"""
from __future__ import annotations

import re
import threading
from datetime import date

from gazetteer import Gazetteer

from map_app.geoparse.document import Document, Mention
from map_app.geoparse.recognize import Recognizer
from map_app.geoparse.resolve import Resolver

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    sample = text[:20000]
    return "ar" if len(_ARABIC.findall(sample)) >= len(_LATIN.findall(sample)) else "en"


class Geoparser:
    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or Gazetteer.open()
        self.recognizer = Recognizer(self.gazetteer)
        self.resolver = Resolver(self.gazetteer)

    def places(self, text: str) -> list[Mention]:
        """Recognised and resolved place mentions, in text order."""
        _check_text(text)
        return self.resolver.resolve(text, self.recognizer.find(text))

    def parse(self, text: str, published: date | None = None, source: str | None = None) -> Document:
        from map_app.geoparse.incidents import extract_incidents
        from map_app.geoparse.sentences import split_sentences

        doc = Document(text=text, published=published, source=source, lang=detect_language(text))
        doc.places = self.places(text)
        doc.sentences = split_sentences(text)
        doc.incidents = extract_incidents(doc)
        for incident in doc.incidents:
            incident.source = incident.source or source
        return doc


def _check_text(text) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")


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
