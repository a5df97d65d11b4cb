"""Store queries the dashboard needs: text search that reaches places, areas, event
types and article text; undated incidents kept through a date range; the review
queue ordered by doubt.  Every test runs on SQLite and on PostGIS (`store_url`)."""
from __future__ import annotations

from datetime import date

import pytest
from store_fakes import BUKAMAL, FakeParser

from map_app.store import IncidentFilter, IncidentRecord, Source, open_store
from map_app.store.queue import doubt
from map_app.store.search import PlaceMatch, gazetteer_places

PUB = date(2024, 3, 12)


def _matcher(table: dict[str, PlaceMatch]):
    return lambda text: table.get(" ".join(text.split()), PlaceMatch())


@pytest.fixture
def store(store_url):
    s = open_store(store_url, parser=FakeParser())
    s.place_matcher = _matcher({
        "Abu Kamal": PlaceMatch(geonameids=(BUKAMAL.geonameid,), names=("Abū Kamāl", "البوكمال")),
        "Deir ez-Zor province": PlaceMatch(admin1=("Deir ez-Zor",)),
    })
    yield s
    s.close()


def _ids(store, **kw) -> set[int]:
    return {r.id for r in store.incidents(IncidentFilter(**kw))}


def test_search_reaches_aliases_admin_areas_event_types_and_article_text(store):
    store.add_article("غارة على البوكمال أمس. The rest of the report talks of smuggling routes.",
                      published=PUB)
    store.add_article("SDF forces arrested 12 men in Raqqa on 2024-06-01.", published=PUB)
    (strike,) = [r for r in store.incidents() if r.place_name == "Al-Bukamal"]
    (raid,) = [r for r in store.incidents() if r.place_name == "Raqqa"]
    assert _ids(store, text="Abu Kamal") == {strike.id}          # gazetteer alias, other script
    assert _ids(store, text="البوكمال") == {strike.id}            # the evidence itself
    assert _ids(store, text="Deir ez-Zor") == {strike.id}         # admin area words
    assert _ids(store, text="Deir ez-Zor province") == {strike.id}  # area named by the gazetteer
    assert _ids(store, text="drone") == {strike.id}               # sub-event type
    assert _ids(store, text="strategic") == {raid.id}             # event type
    assert _ids(store, text="smuggling") == {strike.id}           # article text only
    assert _ids(store, text="SMUGGLING routes") == {strike.id}
    assert _ids(store, text="smuggling Raqqa") == set()           # every word must match
    assert _ids(store, text="50%_off") == set()                   # LIKE wildcards are literal


def test_search_on_bulk_records_without_articles(store):
    store.add_incident_records([IncidentRecord(
        event_type="Battles", sub_event_type="Armed clash", event_date=date(2024, 1, 2),
        place_name="Hajin", admin1="Deir ez-Zor", admin2="Abu Kamal District", lat=34.7,
        lon=40.8, country_code="SY", evidence="Clashes.", sources=(Source(url="u"),))])
    assert len(_ids(store, text="abu kamal district")) == 1
    assert len(_ids(store, text="armed")) == 1


def test_undated_incidents_pass_a_date_range_when_asked(store):
    store.add_incident_records([
        IncidentRecord(event_type="Battles", event_date=date(2024, 1, 5), evidence="a"),
        IncidentRecord(event_type="Battles", event_date=date(2024, 3, 5), evidence="b"),
        IncidentRecord(event_type="Battles", event_date=None, evidence="c"),
    ])
    jan = dict(since=date(2024, 1, 1), until=date(2024, 1, 31))
    assert {r.evidence for r in store.incidents(IncidentFilter(**jan))} == {"a"}
    assert {r.evidence for r in store.incidents(
        IncidentFilter(**jan, include_undated=True))} == {"a", "c"}
    assert {r.evidence for r in store.incidents(IncidentFilter(only_undated=True))} == {"c"}
    assert len(store.incidents(IncidentFilter(include_undated=True))) == 3


def test_review_queue_puts_doubtful_placements_first(store):
    store.add_article("Artillery shelled Tall Abyad on 2024-05-05.", published=PUB)  # 2 candidates
    store.add_article("A drone hit Al-Bukamal on 2024-03-11.", published=PUB)
    store.add_article("Local media: the drone strike in Al-Bukamal on 2024-03-11, 4 killed.",
                      published=PUB)  # merges into the one above
    store.add_article("Hundreds joined a protest in Mosul on 2024-10-01.", published=PUB)
    queue = store.review_queue()
    by_id = {r.id: r for r in store.incidents()}
    order = [by_id[q.incident_id].place_name for q in queue]
    assert order[0] == "Tall Abyad"
    assert any("runner-up" in why for why in queue[0].reasons)
    assert any("low confidence" in why for why in queue[0].reasons)
    bukamal = next(q for q in queue if by_id[q.incident_id].place_name == "Al-Bukamal")
    assert "merged from 2 articles" in bukamal.reasons
    assert [q.doubt for q in queue] == sorted((q.doubt for q in queue), reverse=True)
    # Reviewed incidents leave the queue; the filter applies.
    store.review(queue[0].incident_id, reviewer="a", rejected=False)
    assert queue[0].incident_id not in {q.incident_id for q in store.review_queue()}
    assert [by_id[q.incident_id].place_name for q in
            store.review_queue(IncidentFilter(countries=("IQ",)))] == ["Mosul"]


def test_doubt_signals_separate_confident_wrong_placements():
    sure = doubt(confidence=0.95, country_code="SY", located=True, place_kind="populated_place",
                 flags=(), sources=1, scores=(1.2, 0.6))
    outside = doubt(confidence=0.95, country_code="US", located=True,
                    place_kind="populated_place", flags=(), sources=1, scores=(1.2,))
    area = doubt(confidence=0.9, country_code="SY", located=True, place_kind="unlisted",
                 flags=("unlisted_place",), sources=1, scores=())
    close = doubt(confidence=0.93, country_code="SY", located=True, place_kind="populated_place",
                  flags=(), sources=1, scores=(1.10, 1.08))
    assert sure[1] == ()
    for score, reasons in (outside, area, close):
        assert score > sure[0] + 0.3 and reasons


def test_gazetteer_place_matcher(gazetteer):
    match = gazetteer_places(gazetteer)
    found = match("Deir ez-Zor")
    assert "Deir ez-Zor" in found.admin1 and "دير الزور" in found.names
    assert match("Abu Kamal").geonameids  # Ālbū Kamāl
    assert not match("zzqqxx")  # nothing: no fuzzy guesses
    assert not match("x" * 200)


def test_article_mentions_and_incidents(store):
    store.add_article("A drone hit Al-Bukamal on 2024-03-11. Crowds held a protest in Mosul.",
                      published=PUB)
    store.add_article("Unrelated: SDF forces arrested 12 men in Raqqa on 2024-06-01.",
                      published=PUB)
    first = min(r.article_id for r in store.incidents())
    assert [m.name for m in store.article_mentions(first)] == ["Al-Bukamal", "Mosul"]
    assert sorted(r.place_name for r in store.article_incidents(first)) == ["Al-Bukamal", "Mosul"]
    assert store.article_incidents(10_000) == [] and store.article_mentions(10_000) == []


def test_limit_points_and_queue_size(store):
    store.add_incident_records([
        IncidentRecord(event_type="Battles", event_date=date(2024, 1, d), evidence=str(d),
                       lat=35.0, lon=40.0, actors=("SDF",), sources=(Source(url="u"),))
        for d in range(1, 11)] + [IncidentRecord(event_type="Protests", evidence="x")])
    newest = store.incidents(limit=3)
    assert [r.evidence for r in newest] == ["10", "9", "8"] and newest[0].sources
    points = store.incident_points(IncidentFilter(event_types=("Battles",)))
    assert len(points) == 10
    row = points[0]
    assert row.event_date == date(2024, 1, 10) and row.lat == 35.0
    assert row.actors == ("SDF",) and row.demo is False and row.rejected is False
    assert store.queue_size() == 11
    store.review(newest[0].id, reviewer="a")
    assert store.queue_size() == 10
    assert store.queue_size(IncidentFilter(event_types=("Protests",))) == 1
