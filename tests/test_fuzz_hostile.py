"""Fuzzing (issue 7): hostile input never raises and every offset indexes the input.

Covers normalisation, recognition, parsing, the ingest readers and the exports, with
the inputs the red-team pass found as explicit examples.  CI runs a modest number of
examples per test (a couple of minutes in all); `HYPOTHESIS_PROFILE=long` runs
100,000 inputs through the parser and 20,000 through each of the others:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest -q tests/test_fuzz_hostile.py
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from gazetteer.normalize import fold, fold_fast, name_key
from map_app.export import incidents_csv, incidents_geojson_text
from map_app.geoparse.matchtext import MatchText, fold_offsets
from map_app.ingest import IngestError
from map_app.ingest.readers import ArticleInput, _records
from map_app.store import IncidentRecord, Store

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"


def fuzz(ci: int, long: int = 20_000):
    return settings(max_examples=long if LONG else ci, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


# Words that reach every stage: place names (Arabic, English, with clitics and articles),
# cues, dates, tolls, actors, HTML, bidi and zero-width controls, odd line breaks.
TOKENS = [
    "البوكمال", "وبالبوكمال", "للقنيطرة", "دير الزور", "Deir ez-Zor", "Al-Bukamal", "Tafas", "Homs", "Mosul",
    "al-Qaim", "Raqqa", "Syria", "Iraq", "العراق", "سوريا", "محافظة", "مدينة", "ريف", "near", "the town of",
    "قصف", "غارة", "اشتباكات", "clashes erupted in", "airstrike", "killed", "مقتل", "3", "٣٥", "1,905",
    "yesterday", "أمس", "last week", "الشهر الماضي", "on Sunday", "11 October 2024", "2024-03-11", "20/12/2024",
    "a decade ago", "قبل 10 سنوات", "SDF", "داعش", "U.S.", "Dr.", "1.5", ".", "،", "؟", "!", ";", "\n", "\r\n",
    "\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\t", "  ", "\u202e", "\u202c", "\u2066", "\u2069", "\u200f",
    "\u200e", "\u200b", "\ufeff", "\u00ad", "ـــ", "ً", "ّ", "<p>", "</p>", "<head>", "<script>", "</script>",
    "<!--", "-->", "<a", "&amp;", "&#", "@Syria", "example.com/syria", "😀", "𝐀𝐥", "ß", "İ", "ﷺ", "ﻻ",
]
token_text = st.lists(st.sampled_from(TOKENS), max_size=80).map(" ".join)
glued_text = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
repeated = st.builds(lambda unit, n: unit * n, st.sampled_from(["clashes erupted in Tafas. ", "البوكمال ",
                                                                "حلب ", "ez Zor as Sukhnah ", "<a", "U.S. "]),
                     st.integers(1, 400))
any_unicode = st.text(alphabet=st.characters(codec=None), max_size=300)  # surrogates and controls too
hostile_text = st.one_of(token_text, glued_text, repeated, any_unicode, st.text(max_size=300))
published = st.one_of(st.none(), st.dates(min_value=date.min, max_value=date.max))

ISSUE_TEXT = "Clashes erupted near Al-Bukamal yesterday."


# --------------------------------------------------------------------------- normalisation


@fuzz(300)
@given(hostile_text)
@example("\ud800 lone surrogate")
@example("ﷺ ß 𝐀𝐥-Qaim")
def test_normalisation_never_raises_and_offsets_map_back(text):
    key = name_key(text)
    assert key == key.strip() and "  " not in key
    folded, offsets = fold_fast(text)
    assert folded == fold(text)
    assert len(offsets) == len(folded)
    assert all(0 <= o < len(text) for o in offsets) and offsets == sorted(offsets)
    folded_np, offsets_np = fold_offsets(text)
    assert folded_np == folded and offsets_np.tolist() == offsets
    m = MatchText(text)
    assert len(m.offsets) == len(m.text)
    assert all(0 <= int(o) < len(text) for o in m.offsets)


# --------------------------------------------------------------------------- recognition and parsing


def _check_offsets(text, doc_places, sentences=(), incidents=()):
    n = len(text)
    for m in doc_places:
        assert 0 <= m.start < m.end <= n and text[m.start:m.end] == m.text
        assert 0.0 <= m.confidence <= 1.0 and m.place is not None
        assert math.isfinite(m.place.lat) and math.isfinite(m.place.lon)
    for s in sentences:
        assert 0 <= s.start < s.end <= n and text[s.start:s.end] == s.text
    for i in incidents:
        assert 0 <= i.start < i.end <= n and text[i.start:i.end] == i.evidence
        lm = i.location_mention
        assert lm is None or text[lm.start:lm.end] == lm.text
        assert i.fatalities is None or i.fatalities >= 0


@fuzz(300)
@given(hostile_text)
@example("clashes erupted in Tafas. " * 2000)
@example("\u202eHoms\u202c \u2067حلب\u2069 " * 50)
def test_recognition_offsets_index_the_input(geoparser, text):
    _check_offsets(text, geoparser.places(text))


@fuzz(400, long=100_000)
@given(hostile_text, published)
@example(ISSUE_TEXT, date(1, 1, 1))
@example(ISSUE_TEXT, date(2, 1, 1))
@example(ISSUE_TEXT, date(9999, 12, 31))
@example("قصف مدفعي على مدينة البوكمال أمس والأسبوع الماضي والشهر الماضي.", date(1, 1, 3))
@example("clashes erupted in Tafas. " * 1000, date(2024, 10, 26))
@example("البوكمال " * 3000, None)
@example("<head><p>Clashes erupted near Homs on Sunday.</p>", date(1, 1, 1))
def test_parse_never_raises_and_offsets_index_the_input(geoparser, text, day):
    doc = geoparser.parse(text, published=day)
    _check_offsets(text, doc.places, doc.sentences, doc.incidents)


# --------------------------------------------------------------------------- ingest readers

EXTENSIONS = [".txt", ".html", ".json", ".jsonl", ".csv", ".htm", ".md", ""]
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
        ["text", "published", "url", "title", "source", "x"]), inner, max_size=5)),
    max_leaves=20)
records = st.dictionaries(st.sampled_from(["text", "published", "url", "title", "source", "id"]),
                          st.one_of(json_values, token_text), max_size=6)


def _serialise(kind: str, items: list) -> bytes:
    if kind == ".jsonl":
        return "\n".join(json.dumps(i, ensure_ascii=False) for i in items).encode("utf-8")
    if kind == ".json":
        return json.dumps(items, ensure_ascii=False).encode("utf-8")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["text", "published", "url"])
    for item in items:
        writer.writerow([str(item.get("text", ""))[:2000], str(item.get("published", "")), str(item.get("url", ""))])
    return out.getvalue().encode("utf-8")


def _read_all(name: str, data: bytes) -> list:
    try:
        items = list(_records(name, data))
    except IngestError as exc:
        return [exc]
    for item in items:
        assert isinstance(item, (ArticleInput, IngestError))
        if isinstance(item, ArticleInput):
            assert isinstance(item.text, str) and item.text.strip()
        else:
            assert "\n" not in item.reason and "Traceback" not in item.reason
    return items


@fuzz(300)
@given(st.sampled_from(EXTENSIONS),
       st.one_of(st.binary(max_size=400), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
@example(".jsonl", ('{"text": "a\u2028b"}\n' * 4).encode())
@example(".jsonl", b'{"text": "x", "n": ' + b"1" * 5000 + b"}")
@example(".json", b"[" * 100_000 + b"]" * 100_000)
@example(".json", b'[{"text": "ok"}, ' + b"[" * 100_000 + b"]" * 100_000 + b', {"text": "ok2"}]')
@example(".csv", b'text\n"' + b"x" * (6 * 1024 * 1024) + b'"\nafter\n')
@example(".html", b"<a" * 200_000)
@example(".html", b"<head><title>t</title><p>body text</p>")
@example(".txt", b"\xff\xfe" + "غارة".encode("utf-16-le"))
def test_readers_never_raise_on_bytes(ext, data):
    _read_all(f"upload{ext}", data)


@fuzz(300)
@given(st.sampled_from([".json", ".jsonl", ".csv"]), st.lists(records, max_size=6))
def test_readers_never_raise_on_structured_records(ext, items):
    _read_all(f"feed{ext}", _serialise(ext, items))


# --------------------------------------------------------------------------- store and exports

finite_text = st.text(max_size=60)
incident_records = st.builds(
    IncidentRecord,
    event_type=st.sampled_from(["Battles", "Protests", "Riots"]),
    sub_event_type=finite_text,
    event_date=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))),
    time_precision=st.sampled_from([None, 1, 2, 3]),
    location=st.one_of(st.none(), finite_text),
    lat=st.floats(-90, 90),
    lon=st.floats(-180, 180),
    fatalities=st.one_of(st.none(), st.integers(0, 1_000_000)),
    actors=st.lists(finite_text, max_size=3).map(tuple),
    evidence=hostile_text,
)
impossible = st.one_of(st.just(math.inf), st.just(-math.inf), st.just(math.nan),
                       st.floats(min_value=90.0001, max_value=1e308), st.floats(max_value=-180.0001, min_value=-1e308))


@fuzz(60, long=5_000)
@given(st.lists(incident_records, min_size=1, max_size=8), st.one_of(st.none(), impossible))
@example([IncidentRecord(event_type="Battles", lat=34.0, lon=40.0)], math.inf)
def test_store_refuses_impossible_coordinates_and_exports_stay_valid(tmp_path_factory, records_, bad_lat):
    db = tmp_path_factory.mktemp("fuzz") / "f.sqlite"
    with Store.open(db, with_demo=False) as store:
        if bad_lat is not None:
            broken = [*records_[:-1], IncidentRecord(event_type="Battles", lat=bad_lat, lon=10.0)]
            with pytest.raises(ValueError):
                store.add_incident_records(broken)
        store.add_incident_records(records_)
        stored = store.incidents()
    collection = json.loads(incidents_geojson_text(stored),
                            parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    rows = list(csv.DictReader(io.StringIO(incidents_csv(stored).lstrip("\ufeff"))))
    assert len(rows) == len(stored)
