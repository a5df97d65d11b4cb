"""A tiny keyword parser standing in for `map_app.parse` in the store tests.

It knows a handful of places and event words, so tests can write plain
sentences and know exactly which incidents come out.  Rules, per sentence
(split on ". "): the first known place name is the location; the first event
word gives the type; an ISO date in the sentence is the event date (else the
publication date); "killed N" / "N killed" gives fatalities; actor words found
are the actors.
"""
from __future__ import annotations

import re
from datetime import date

from gazetteer.place import Place
from map_app.geoparse.document import Document, Incident, Mention, Sentence

BUKAMAL = Place("Al-Bukamal", 34.4537, 40.9184, "populated_place", "SY", "البوكمال",
                geonameid=172515, admin1="Deir ez-Zor", population=60000)
QAIM = Place("Al-Qaim", 34.3689, 41.0946, "populated_place", "IQ", "القائم",
             geonameid=98860, admin1="Anbar", population=75000)
RAQQA = Place("Raqqa", 35.9528, 39.0079, "populated_place", "SY", "الرقة",
              geonameid=163915, admin1="Raqqa", population=220000)
MOSUL = Place("Mosul", 36.335, 43.1189, "populated_place", "IQ", "الموصل",
              geonameid=99072, admin1="Nineveh", population=1700000)
# An ambiguous name: two candidates, low confidence.
TALL_A = Place("Tall Abyad", 36.6974, 38.9567, "populated_place", "SY", "تل أبيض",
               geonameid=163000, admin1="Raqqa")
TALL_B = Place("Tall Abyad", 35.5, 40.0, "populated_place", "SY", "تل أبيض",
               geonameid=163001, admin1="Deir ez-Zor")

PLACES = {
    "Al-Bukamal": ([BUKAMAL], 0.9), "البوكمال": ([BUKAMAL], 0.9),
    "Al-Qaim": ([QAIM], 0.85), "Raqqa": ([RAQQA], 0.95), "Mosul": ([MOSUL], 0.95),
    "Tall Abyad": ([TALL_A, TALL_B], 0.3),
}
EVENTS = {
    "drone": ("Explosions/Remote violence", "Air/drone strike"),
    "غارة": ("Explosions/Remote violence", "Air/drone strike"),
    "shelled": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "clash": ("Battles", "Armed clash"),
    "arrested": ("Strategic developments", "Arrests"),
    "protest": ("Protests", "Peaceful protest"),
}
ACTORS = ("SDF", "IS", "militia")


class FakeParser:
    """Callable like `map_app.parse`; counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str, published: date | None = None,
                 source: str | None = None) -> Document:
        self.calls += 1
        doc = Document(text=text, published=published, source=source)
        pos = 0
        for chunk in re.split(r"(?<=\.) ", text):
            start = text.index(chunk, pos)
            pos = start + len(chunk)
            sentence = Sentence(start, pos, chunk)
            doc.sentences.append(sentence)
            mention = self._mention(text, sentence)
            if mention is not None:
                doc.places.append(mention)
            kind = next((EVENTS[w] for w in EVENTS if w in chunk), None)
            if kind is None:
                continue
            iso = re.search(r"\d{4}-\d{2}-\d{2}", chunk)
            killed = re.search(r"killed (\d+)|(\d+) killed", chunk)
            doc.incidents.append(Incident(
                event_type=kind[0], sub_event_type=kind[1], evidence=chunk,
                start=sentence.start, end=sentence.end,
                place=mention.place if mention else None, location_mention=mention,
                event_date=date.fromisoformat(iso.group()) if iso else published,
                time_precision=1, geo_precision=1 if mention else 3,
                fatalities=int(killed.group(1) or killed.group(2)) if killed else None,
                actors=[a for a in ACTORS if re.search(rf"\b{a}\b", chunk)],
                source=source))
        return doc

    @staticmethod
    def _mention(text: str, sentence: Sentence) -> Mention | None:
        found = [(sentence.text.find(name), name) for name in PLACES if name in sentence.text]
        if not found:
            return None
        offset, name = min(found)
        candidates, confidence = PLACES[name]
        start = sentence.start + offset
        return Mention(start, start + len(name), name, list(candidates), candidates[0],
                       confidence, candidates[1] if len(candidates) > 1 else None, "test")


class BrokenParser:
    """A parser that fails, like `map_app.parse` before the gazetteer is built."""

    def __call__(self, text: str, published: date | None = None,
                 source: str | None = None) -> Document:
        raise RuntimeError("gazetteer index not built")
