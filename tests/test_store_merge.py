"""One incident per event across articles and languages (issue 8, pattern 10), on both backends.

Articles here are the project's own sentences, turned into incidents by the real
extraction (`extract_incidents`) over hand-placed gazetteer entries
(tests/incident_places.py), so each test knows exactly where every place is and
runs without the gazetteer index; the real parser's own path is in
test_store_merge_ingest.py.
"""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from map_app.geoparse.document import Incident
from map_app.geoparse.incidents import extract_incidents
from map_app.store import IncidentFilter, IncidentStore, open_store, sources
from tests.incident_docs import build_document
from tests.incident_places import ABU_KAMAL, DEIR, DEIR_GOV, HAJIN, IDLIB, MAYADIN, SUSAH, SYRIA

PUB = date(2024, 9, 19)  # a Thursday: "Wednesday" is 18 September
AIR = ("Explosions/Remote violence", "Air/drone strike")

AR_STRIKE = ("قتل أربعة عناصر من الميليشيات الموالية لإيران في غارة جوية بطائرة مسيرة استهدفت سيارة "
             "في مدينة الميادين بريف دير الزور الشرقي يوم الأربعاء.")
EN_STRIKE = ("A drone strike on a car in the town of al-Mayadin in eastern Deir ez-Zor killed three "
             "Iran-backed militia fighters on Wednesday, local sources said.")
AR_PLACES = [("الميادين", MAYADIN), ("دير الزور", DEIR_GOV)]
EN_PLACES = [("al-Mayadin", MAYADIN), ("Deir ez-Zor", DEIR_GOV)]


@pytest.fixture
def store(store_url: str) -> IncidentStore:
    s = open_store(store_url)
    yield s
    s.close()


def add(store: IncidentStore, text: str, places, published: date = PUB, *, url: str | None = None,
        outlet: str | None = None, demo: bool = False):
    doc = build_document(text, places, published)
    doc.lang = "ar" if any("\u0600" <= ch <= "\u06ff" for ch in text) else "en"
    doc.incidents = extract_incidents(doc)
    [result] = store.add_documents([(text, doc, dict(published=published, url=url, title=None,
                                                     source=outlet, demo=demo))])
    return result


def only(store: IncidentStore):
    [incident] = store.incidents()
    return incident


# --------------------------------------------------------------------------- merging


def test_the_same_strike_in_arabic_and_english_is_one_incident_with_both_sources(store) -> None:
    ar = add(store, AR_STRIKE, AR_PLACES, url="https://example.org/ar/1", outlet="Outlet AR")
    alone = only(store)
    en = add(store, EN_STRIKE, EN_PLACES, url="https://example.org/en/7", outlet="Outlet EN")
    merged = only(store)
    assert merged.id == alone.id and merged.version == alone.version + 1
    assert [s.article_id for s in merged.sources] == [ar.article_id, en.article_id]
    assert [(s.url, s.source, s.published) for s in merged.sources] == [
        ("https://example.org/ar/1", "Outlet AR", PUB), ("https://example.org/en/7", "Outlet EN", PUB)]
    assert merged.sources_count == 2 and store.stats()["merged"] == 1
    for source, text in zip(merged.sources, (AR_STRIKE, EN_STRIKE)):
        assert source.evidence and text[source.start:source.end] == source.evidence
    assert [s.fatalities for s in merged.sources] == [4, 3]
    assert merged.fatalities == 3  # ACLED: the lowest figure
    assert merged.event_date == date(2024, 9, 18) and merged.place_name == "Al Mayādīn"
    assert "merged" in merged.review_flags
    assert merged.evidence == AR_STRIKE[merged.start:merged.end]  # the first report's sentence


def test_a_third_report_joins_and_the_export_counts_three_sources(store) -> None:
    from map_app.export import incidents_csv

    add(store, AR_STRIKE, AR_PLACES)
    add(store, EN_STRIKE, EN_PLACES)
    add(store, "Three people were killed on Wednesday when a drone hit a vehicle in al-Mayadin.",
        EN_PLACES)
    merged = only(store)
    assert merged.sources_count == 3 and merged.fatalities == 3
    header, row = incidents_csv([merged]).splitlines()[:2]
    assert row.split(",")[header.split(",").index("sources_count")] == "3"


@pytest.mark.parametrize("text, places, published", [
    # another day (the strike of Friday, two days after)
    ("A drone strike on a car in the town of al-Mayadin in eastern Deir ez-Zor killed three Iran-backed "
     "militia fighters on Friday, local sources said.", EN_PLACES, date(2024, 9, 21)),
    # another town about 40 km away (the city of Deir ez-Zor)
    ("A drone strike on a car in the city of Deir ez-Zor killed three Iran-backed militia fighters on "
     "Wednesday, local sources said.", [("Deir ez-Zor", DEIR)], PUB),
    # another event type at the same place and day
    ("Clashes broke out between Iran-backed militia fighters and tribesmen in al-Mayadin on Wednesday.",
     EN_PLACES, PUB),
    # another attacker
    ("A Turkish drone strike on a car in the town of al-Mayadin killed three Iran-backed militia fighters "
     "on Wednesday, local sources said.", EN_PLACES, PUB),
    # an incompatible death toll (5 against 60)
    ("A drone strike on a market in the town of al-Mayadin in eastern Deir ez-Zor killed 60 people on "
     "Wednesday, local sources said.", EN_PLACES, PUB),
])
def test_near_misses_stay_apart(store, text, places, published) -> None:
    add(store, "A US drone strike on a car in the town of al-Mayadin in eastern Deir ez-Zor killed five "
               "Iran-backed militia fighters on Wednesday, local sources said.", EN_PLACES)
    add(store, text, places, published)
    incidents = store.incidents()
    assert len(incidents) == 2 and all(i.sources_count == 1 for i in incidents)
    assert store.stats()["merged"] == 0


def test_the_most_precise_place_and_date_are_kept(store) -> None:
    first = add(store, "Air strikes hit Deir ez-Zor province on Wednesday, killing three people.",
                [("Deir ez-Zor", DEIR_GOV)])
    area = only(store)
    assert area.geo_precision == 3 and "area_only" in area.review_flags
    add(store, "A drone strike hit a car in the town of Hajin in eastern Deir ez-Zor on Wednesday, "
               "killing three men.", [("Hajin", HAJIN), ("Deir ez-Zor", DEIR_GOV)])
    town = only(store)  # the town beats its governorate
    assert (town.place_name, town.geo_precision, town.lat) == ("Hajīn", 1, HAJIN.lat)
    assert town.location_start is None  # its offsets are in the second article, not the first
    assert "area_only" not in town.review_flags and "merged" in town.review_flags
    assert [p.name for p in store.candidates(town.id)] == ["Hajīn"]
    assert town.sources[0].article_id == first.article_id


def test_the_most_precise_date_is_kept(store) -> None:
    add(store, "Earlier this month a drone struck a car in Hajin, killing three.", [("Hajin", HAJIN)])
    assert (only(store).event_date, only(store).time_precision) == (date(2024, 9, 15), 3)
    add(store, "This week a drone struck a car near Hajin, killing three.", [("Hajin", HAJIN)])
    week = only(store)
    assert (week.event_date, week.time_precision, week.geo_precision) == (date(2024, 9, 18), 2, 1)
    add(store, "On Tuesday a drone struck a car in Hajin, killing three.", [("Hajin", HAJIN)])
    day = only(store)
    assert (day.event_date, day.time_precision, day.sources_count) == (date(2024, 9, 17), 1, 3)
    # a month-precise report of another month is another event
    add(store, "Earlier this month a drone struck a truck in Hajin, killing three.", [("Hajin", HAJIN)],
        date(2024, 10, 20))
    assert len(store.incidents()) == 2


def test_an_area_report_after_the_town_report_keeps_the_town(store) -> None:
    add(store, "A drone strike hit a car in the town of Hajin on Wednesday, killing three men.",
        [("Hajin", HAJIN)])
    add(store, "Air strikes hit Syria on Wednesday, killing three people.", [("Syria", SYRIA)])
    town = only(store)
    assert town.place_name == "Hajīn" and town.sources_count == 2


def test_actors_are_unioned_on_their_sides(store) -> None:
    add(store, "A drone strike hit a car in the town of al-Mayadin on Wednesday, killing three men.",
        EN_PLACES)
    add(store, "A US drone strike on a car in the town of al-Mayadin killed three Iran-backed militia "
               "fighters on Wednesday.", EN_PLACES)
    merged = only(store)
    assert merged.actor1 == "Military Forces of the United States (2021-2025)"
    assert merged.actor2 == "Iran-backed Militias (Syria)"
    assert merged.interaction is not None
    alone = add(store, "A drone strike hit a car in Hajin on Wednesday, killing three men.",
                [("Hajin", HAJIN)])
    assert alone.incidents == 1
    for name in merged.actors:  # the actor filter knows every actor of the merged reports
        assert [i.id for i in store.incidents(IncidentFilter(actors=(name,)))] == [merged.id]


def test_a_reviewed_incident_only_gains_the_source(store) -> None:
    add(store, EN_STRIKE, EN_PLACES)
    reviewed = store.review(only(store).id, reviewer="analyst", fatalities=6, note="hospital list")
    add(store, AR_STRIKE, AR_PLACES)  # reports 4
    after = only(store)
    assert after.sources_count == 2 and after.fatalities == 6
    assert (after.place_name, after.event_date, after.actors) == (
        reviewed.place_name, reviewed.event_date, reviewed.actors)
    assert after.review_flags == reviewed.review_flags and after.version == reviewed.version + 1


def test_demo_reports_never_merge_with_real_ones(store) -> None:
    add(store, AR_STRIKE, AR_PLACES, demo=True)
    add(store, EN_STRIKE, EN_PLACES)
    assert sorted(i.demo for i in store.incidents()) == [False, True]


def test_one_article_feeds_one_stored_incident_at_most(store) -> None:
    add(store, "A drone strike hit a car in Abu Kamal on Wednesday, killing three men.",
        [("Abu Kamal", ABU_KAMAL)])
    # An article whose parser kept two strikes 9 km apart as two events: both match the stored
    # one, which takes the nearer; the other stays an incident of its own.
    text = "A drone hit a car in Susah. A drone hit a truck in Abu Kamal."
    doc = build_document(text, [("Susah", SUSAH), ("Abu Kamal", ABU_KAMAL)], PUB)
    doc.incidents = [Incident(*AIR, text[s:e], s, e, place=place, event_date=date(2024, 9, 18),
                              time_precision=1, geo_precision=1, fatalities=3)
                     for (s, e), place in (((0, 27), SUSAH), ((28, len(text)), ABU_KAMAL))]
    store.add_documents([(text, doc, {})])
    incidents = sorted(store.incidents(), key=lambda i: i.sources_count)
    assert [(i.place_name, i.sources_count) for i in incidents] == [("As Sūsah", 1),
                                                                   ("Ālbū Kamāl", 2)]


# --------------------------------------------------------------------------- splitting


def _figures(record):
    return (record.event_type, record.sub_event_type, record.event_date, record.time_precision,
            record.place_name, record.lat, record.lon, record.geo_precision, record.fatalities,
            record.actors, record.actor1, record.actor2, record.evidence, record.start, record.end,
            record.location_start, record.location_end, record.review_flags, record.interaction,
            tuple(s.article_id for s in record.sources))


def test_a_merge_is_undone_by_splitting_a_source_off(store) -> None:
    a = add(store, "A drone strike hit a car in the town of Hajin in eastern Deir ez-Zor on Wednesday, "
                   "killing three men.", [("Hajin", HAJIN), ("Deir ez-Zor", DEIR_GOV)])
    b = add(store, "Air strikes hit Deir ez-Zor province on Wednesday, killing three people.",
            [("Deir ez-Zor", DEIR_GOV)])
    c = add(store, "On Wednesday a drone strike on Hajin killed three, Deir ez-Zor 24 said.",
            [("Hajin", HAJIN), ("Deir ez-Zor", DEIR_GOV)])
    merged = only(store)
    assert [s.article_id for s in merged.sources] == [a.article_id, b.article_id, c.article_id]
    kept, split = store.split_source(merged.id, b.article_id, reviewer="analyst", note="two raids")
    assert kept.id == merged.id and split.id != merged.id
    assert kept.version == merged.version + 1 and split.version == 1
    assert [s.article_id for s in kept.sources] == [a.article_id, c.article_id]
    assert kept.place_name == "Hajīn" and "merged" in kept.review_flags
    assert [s.article_id for s in split.sources] == [b.article_id]
    assert (split.geo_precision, split.place_name, split.review_flags) == (3, "Deir ez-Zor", ("area_only",))
    history = store.history(kept.id)
    assert history[-1].reviewer == "analyst" and "two raids" in history[-1].note
    assert f"#{split.id}" in history[-1].note
    assert history[-1].changes["sources"] == [[a.article_id, b.article_id, c.article_id],
                                              [a.article_id, c.article_id]]
    assert store.history(split.id)[0].changes["sources"][1] == [b.article_id]
    assert len(store.incidents()) == 2
    # A later report of the event still merges into the incident it belongs to.
    add(store, "Three men died in a drone strike on a car in Hajin on Wednesday.", [("Hajin", HAJIN)])
    assert store.incident(kept.id).sources_count == 3


def test_merge_then_split_gives_both_reports_back_as_they_were(store_url: str, tmp_path) -> None:
    b_text = AR_STRIKE
    with open_store(store_url) as s:
        add(s, EN_STRIKE, EN_PLACES, url="https://example.org/a")
        a_alone = only(s)
        a_candidates = s.candidates(a_alone.id)
        b = add(s, b_text, AR_PLACES, url="https://example.org/b")
        merged = only(s)
        assert merged.sources_count == 2 and merged.fatalities == 3
        kept, split = s.split_source(merged.id, b.article_id, "analyst")
        assert _figures(kept) == _figures(a_alone) and s.candidates(kept.id) == a_candidates
        assert kept.sources == a_alone.sources
        with open_store(str(tmp_path / "b_alone.sqlite")) as alone_store:
            add(alone_store, b_text, AR_PLACES, url="https://example.org/b")
            b_alone = only(alone_store)
            b_candidates = alone_store.candidates(b_alone.id)
        assert _figures(split)[:-1] == _figures(b_alone)[:-1]
        assert split.sources[0].url == "https://example.org/b" and split.sources[0].fatalities == 4
        assert s.candidates(split.id) == b_candidates
        assert kept in s.incidents(IncidentFilter(actors=(a_alone.actors[0],)))
        assert [len(s.history(i)) for i in (kept.id, split.id)] == [1, 1]


def test_split_refuses_what_it_cannot_do(store) -> None:
    a = add(store, EN_STRIKE, EN_PLACES)
    only_one = only(store)
    with pytest.raises(ValueError, match="only one source"):
        store.split_source(only_one.id, a.article_id, reviewer="x")
    with pytest.raises(ValueError, match="not a source"):
        store.split_source(only_one.id, 999, reviewer="x")
    with pytest.raises(ValueError, match="reviewer"):
        store.split_source(only_one.id, a.article_id, reviewer=" ")
    with pytest.raises(KeyError):
        store.split_source(12345, a.article_id, reviewer="x")
    assert store.history(only_one.id) == [] and only(store).version == only_one.version


def test_splitting_a_reviewed_incident_keeps_the_analysts_figures(store) -> None:
    a = add(store, EN_STRIKE, EN_PLACES)
    add(store, AR_STRIKE, AR_PLACES)
    merged = only(store)
    store.review(merged.id, reviewer="analyst", fatalities=7)
    kept, split = store.split_source(merged.id, a.article_id, reviewer="analyst")
    assert kept.fatalities == 7 and kept.reviewed
    assert kept.evidence == AR_STRIKE[kept.start:kept.end]  # evidence follows the first source left
    assert split.fatalities == 3 and not split.reviewed


# --------------------------------------------------------------------------- bounded lookup


def test_the_lookup_is_bounded_and_indexed(store, monkeypatch) -> None:
    records = [{"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                "event_date": date(2024, 9, 18), "time_precision": 1, "lat": MAYADIN.lat + k * 1e-4,
                "lon": MAYADIN.lon, "country_code": "SY", "geo_precision": 1, "location": f"farm {k}",
                "fatalities": 100 + k}
               for k in range(sources.MAX_CANDIDATES + 30)]
    # and a mass of other days, types and places that the lookup must not read
    records += [{"event_type": "Battles", "sub_event_type": "Armed clash",
                 "event_date": date(2024, 1 + k % 12, 1 + k % 28), "lat": IDLIB.lat, "lon": IDLIB.lon,
                 "country_code": "SY"} for k in range(500)]
    store.add_incident_records(records)
    read: list[int] = []
    real = sources.candidates

    def counted(*args, **kwargs):
        found = real(*args, **kwargs)
        read.append(len(found))
        return found

    monkeypatch.setattr(sources, "candidates", counted)
    add(store, EN_STRIKE, EN_PLACES)
    assert read == [sources.MAX_CANDIDATES]  # none of them is the same event (tolls)
    assert len(store.incidents()) == len(records) + 1
    # Every variant of the lookup (point or area report, day or month precision) is
    # answered from the index, with the parameters a real report gives.
    seen: list[tuple[str, tuple]] = []

    class Recorder:
        def run(self, sql, params=()):
            seen.append((sql, tuple(params)))
            return sqlite3.connect(":memory:").execute("SELECT 1 WHERE 0")

    point = {"event_type": AIR[0], "event_date": "2024-09-18", "lat": MAYADIN.lat,
             "lon": MAYADIN.lon, "country_code": "SY", "geo_precision": 1,
             "place_kind": "populated_place"}
    for variant in ({}, {"time_precision": 3}, {"geo_precision": 3, "place_kind": "admin1"},
                    {"geo_precision": 3, "place_kind": "admin1", "time_precision": 3}):
        real(Recorder(), {**point, "time_precision": 1, **variant}, False)
    assert len({sql for sql, _ in seen}) >= 2  # (day and month precision)
    # and an article's group of reports of one day, looked up together
    sources._lookup(Recorder(), [{**point, "time_precision": 1},
                                 {**point, "time_precision": 1, "event_type": "Battles",
                                  "lat": DEIR.lat, "lon": DEIR.lon, "admin1": "Deir ez-Zor"}],
                    False, 2 * sources.MAX_CANDIDATES + 1)
    for sql, params in seen:
        if store.url.startswith("sqlite"):
            conn = sqlite3.connect(store.url[len("sqlite:///"):])
            plan = " ".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
            conn.close()
            assert "USING INDEX incidents_event" in plan and "SCAN" not in plan, plan
        else:
            import psycopg

            with psycopg.connect(store.url, autocommit=True) as conn:
                conn.execute("SET enable_seqscan = off")  # (the planner may scan a small table)
                from map_app.store.postgis import pyformat

                plan = " ".join(r[0] for r in conn.execute("EXPLAIN " + pyformat(sql),
                                                           params).fetchall())
            # (on a table this small the planner may prefer the date index: still a range)
            assert "Seq Scan" not in plan and ("incidents_event" in plan
                                               or "incidents_date" in plan), plan


def test_the_stores_generic_sub_event_types_are_same_events() -> None:
    from map_app.geoparse.incidents import merge
    from map_app.store import merging

    assert merging.GENERIC_SUBS == merge.GENERIC_SUBS | {""}


def test_the_stores_view_of_a_report_gives_same_events_answers() -> None:
    """The store compares rows through light views of Incident and Place: for every pair of a
    set of reports (places, areas, dates, precisions, tolls, attackers) its answer is
    `same_event`'s on the real objects."""
    from itertools import product

    from map_app.geoparse.document import Document, Mention
    from map_app.geoparse.incidents.merge import same_event
    from map_app.store import documents, merging

    reports = []
    for place, geo, (day, precision), toll, actor, sub in product(
            (MAYADIN, HAJIN, DEIR, DEIR_GOV, SYRIA, IDLIB), (1, 2, 3),
            ((date(2024, 9, 18), 1), (date(2024, 9, 20), 1), (date(2024, 9, 18), 2),
             (date(2024, 9, 15), 3)),
            (None, 3, 40), (None, "Military Forces of Turkey (2016-)"),
            ("Air/drone strike", "Shelling/artillery/missile attack")):
        if len(reports) % 7:  # a spread sample, not the whole product
            reports.append(None)
            continue
        mention = Mention(0, 5, place.name, [place], place, 0.9)
        reports.append(Incident(AIR[0], sub, "x", 0, 1, place=place, location_mention=mention,
                                event_date=day, time_precision=precision, geo_precision=geo,
                                fatalities=toll, actor1=actor))
    reports = [r for r in reports if r is not None]
    states = [merging.state_from_values(p.row) for p in documents.prepare(
        Document("x", incidents=reports)).incidents]
    assert len(states) == len(reports) > 100
    answers = set()
    for (a, sa), (b, sb) in product(zip(reports, states), repeat=2):
        answers.add(same_event(a, b))
        assert merging.same_event(sa, sb) == same_event(a, b), (a, b)
    assert answers == {True, False}
