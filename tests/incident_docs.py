"""Hand-built Documents for incident tests: no gazetteer needed."""
from __future__ import annotations

from datetime import date

from map_app.geoparse.document import Document, Mention
from map_app.geoparse.sentences import split_sentences


def build_document(text: str, places=(), published: date | None = None, source: str = "fixture") -> Document:
    """A Document with a mention at every occurrence of each (name, place)."""
    mentions = []
    for name, place in places:
        start = text.find(name)
        while start >= 0:
            mentions.append(Mention(start, start + len(name), name, [place], place, 0.9))
            start = text.find(name, start + 1)
    mentions.sort(key=lambda m: m.start)
    return Document(text=text, published=published, source=source, sentences=split_sentences(text),
                    places=mentions)
