"""Validation at the store's edge (issue 7, failure 7): no writer stores an impossible value."""
from __future__ import annotations

import json
import math
from datetime import date

import pytest
from store_fakes import BUKAMAL, FakeParser

from gazetteer.place import Place
from map_app.export import incidents_geojson_text
from map_app.geoparse.document import Document, Incident, Mention
from map_app.store import IncidentRecord, Store, validate

STRIKE = "A drone strike hit Al-Bukamal on 2024-03-11."


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "v.sqlite", parser=FakeParser(), with_demo=False)
    yield s
    s.close()


def record(**changes) -> IncidentRecord:
    fields = dict(event_type="Battles", sub_event_type="Armed clash", event_date=date(2024, 3, 11),
                  time_precision=1, location="X", lat=34.45, lon=40.92, geo_precision=1, fatalities=2,
                  evidence="Clashes in X.")
    fields.update(changes)
    return IncidentRecord(**fields)


@pytest.mark.parametrize("changes,message", [
    ({"lat": math.inf}, "finite"),
    ({"lat": 95.0}, "latitude 95.0 is out of range"),
    ({"lat": 400, "lon": 10}, "latitude 400.0 is out of range"),
    ({"lon": -181.0}, "longitude -181.0 is out of range"),
    ({"lon": math.nan}, "finite"),
    ({"lat": None}, "both latitude and longitude"),
    ({"lat": "34"}, "must be a number"),
    ({"fatalities": -1}, "negative"),
    ({"fatalities": 10 ** 7}, "above the limit"),
    ({"fatalities": 10 ** 5000}, "a number of too many digits"),
    ({"fatalities": 2.5}, "whole number"),
    ({"event_date": date(1, 1, 1)}, "out of range"),
    ({"event_date": date(9999, 12, 31)}, "out of range"),
    ({"time_precision": 7}, "1, 2 or 3"),
    ({"event_type": ""}, "event_type"),
    ({"location": "x" * 5000}, "too long"),
    ({"actors": ("a" * 5000,)}, "actor"),
], ids=lambda v: "-".join(v) if isinstance(v, dict) else v[:24])
def test_bulk_records_with_impossible_values_are_refused(store, changes, message):
    good = record()
    with pytest.raises(ValueError, match=message):
        store.add_incident_records([good, record(**changes)])
    assert store.incidents() == []  # the whole batch is one transaction: nothing half-written
    assert store.add_incident_records([good]) == 1


def test_dict_records_are_checked_too(store):
    with pytest.raises(ValueError, match="record 0: latitude must be a finite number, not inf"):
        store.add_incident_records([{"event_type": "Battles", "lat": float("inf"), "lon": 1.0}])


def test_geojson_export_never_writes_infinity(store):
    with pytest.raises(ValueError):
        store.add_incident_records([record(lat=math.inf)])
    store.add_incident_records([record()])
    text = incidents_geojson_text(store.incidents())
    json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in the export"))


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1899, 12, 31), date(2101, 1, 1), "9999-12-31"])
def test_articles_with_impossible_publication_dates_are_refused(store, published):
    with pytest.raises(ValueError, match="published date .* out of range"):
        store.add_article(STRIKE, published=published)
    assert store.stats()["articles"] == 0


def test_long_metadata_is_refused(store):
    with pytest.raises(ValueError, match="title is too long"):
        store.add_article(STRIKE, title="t" * 10_000)


class _BrokenParser:
    """A parser that returns an impossible place and toll (as a buggy or hostile one could)."""

    def __init__(self, lat=34.4, fatalities=3):
        self.lat, self.fatalities = lat, fatalities

    def __call__(self, text, published=None, source=None):
        place = Place("Nowhere", self.lat, 40.0, "populated_place", "SY", geonameid=1)
        mention = Mention(0, 1, text[:1], [place], place, 0.9)
        incident = Incident("Battles", "Armed clash", text, 0, len(text), place=place, location_mention=mention,
                            event_date=published, time_precision=1, fatalities=self.fatalities)
        return Document(text=text, published=published, places=[mention], incidents=[incident])


@pytest.mark.parametrize("parser,message", [
    (_BrokenParser(lat=math.inf), "finite"),
    (_BrokenParser(lat=-95.0), "out of range"),
    (_BrokenParser(fatalities=10 ** 50), "above the limit"),
])
def test_parsed_documents_are_checked_before_they_are_stored(tmp_path, parser, message):
    with Store.open(tmp_path / "p.sqlite", parser=parser, with_demo=False) as store:
        with pytest.raises(ValueError, match=message):
            store.add_article(STRIKE, published=date(2024, 3, 12))
        assert store.stats()["articles"] == 0 and store.incidents() == []


def test_review_is_checked(store):
    store.add_article(STRIKE, published=date(2024, 3, 12))
    [inc] = store.incidents()
    for kwargs, message in [({"lat": math.inf, "lon": 1.0}, "finite"),
                            ({"lat": 10.0, "lon": 200.0}, "out of range"),
                            ({"fatalities": 10 ** 9}, "above the limit"),
                            ({"event_date": date(1, 1, 1)}, "out of range"),
                            ({"place": Place("Bad", 91.0, 0.0, "populated_place")}, "out of range")]:
        with pytest.raises(ValueError, match=message):
            store.review(inc.id, reviewer="ana", **kwargs)
    assert store.history(inc.id) == []
    assert store.review(inc.id, reviewer="ana", place=BUKAMAL, fatalities=3).fatalities == 3


def test_validate_accepts_the_edges_of_the_ranges():
    assert validate.coordinates(90, -180) == (90.0, -180.0)
    assert validate.coordinates(None, None) == (None, None)
    assert validate.day(validate.MIN_DATE, "d") == validate.MIN_DATE
    assert validate.day("2100-12-31", "d") == validate.MAX_DATE
    assert validate.fatalities(0) == 0 and validate.fatalities(3.0) == 3
    assert validate.fatalities(validate.MAX_FATALITIES) == validate.MAX_FATALITIES
