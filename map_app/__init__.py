"""Geoparse Arabic/English news into places and incidents, store and map them.

    >>> from map_app import parse
    >>> doc = parse("قصف مدفعي على مدينة البوكمال أمس", published=date(2024, 10, 26))
    >>> [m.place.name for m in doc.places]
"""
from .document import Document, Incident, Mention, Sentence
from .pipeline import Geoparser, default_geoparser, parse

__all__ = ["Document", "Geoparser", "Incident", "Mention", "Sentence", "default_geoparser", "parse"]
