"""The incident store: persistence, de-duplication, merging, filters, review, speed.

Every test taking the `store` fixture runs twice: on SQLite and on a real PostGIS
server (tests/pg_server.py; skipped where PostgreSQL is missing, never under
./test.sh).  Most tests inject `FakeParser` (tests/store_fakes.py) so they know
exactly which incidents an article yields; one test runs the real `map_app.parse`.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from store_fakes import BUKAMAL, TALL_B, BrokenParser, FakeParser

from map_app.store import (DEFAULT_DB, IncidentFilter, IncidentRecord, IncidentStore, Source,
                           Store, StoreError, open_store, text_hash)

REPO = Path(__file__).resolve().parents[1]
PUB = date(2024, 3, 12)

STRIKE_A = "A drone hit a car in Al-Bukamal on 2024-03-11, killed 3 militia fighters."
STRIKE_B = "Local media: the drone strike in Al-Bukamal on 2024-03-11 left 4 killed, IS said."
STRIKE_OTHER_DAY = "Another drone strike hit Al-Bukamal on 2024-03-20."
RAID = "SDF forces arrested 12 men in Raqqa on 2024-06-01."
PROTEST = "Hundreds joined a protest in Mosul on 2024-10-01."
AMBIGUOUS = "Artillery shelled Tall Abyad on 2024-05-05."


@pytest.fixture
def parser() -> FakeParser:
    return FakeParser()


@pytest.fixture
def store(store_url: str, parser: FakeParser) -> IncidentStore:
    s = open_store(store_url, parser=parser)
    yield s
    s.close()


def fill(store: Store) -> None:
    store.add_article(STRIKE_A, published=PUB, url="https://example.org/a", title="A",
                      source="Outlet A")
    store.add_article(STRIKE_B, published=PUB, url="https://example.org/b", source="Outlet B")
    store.add_article(STRIKE_OTHER_DAY, published=date(2024, 3, 21))
    store.add_article(RAID, published=date(2024, 6, 2))
    store.add_article(PROTEST, published=date(2024, 10, 2))
    store.add_article(AMBIGUOUS, published=date(2024, 5, 6))


# --------------------------------------------------------------------------- opening


def test_open_creates_parent_dir_schema_and_wal(tmp_path: Path, parser: FakeParser) -> None:
    path = tmp_path / "a" / "b" / "x.sqlite"
    with Store.open(path, parser=parser, with_demo=False) as s:
        assert s.path == path and path.exists()
        assert s.stats()["incidents"] == 0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_path_from_env_then_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAP_APP_DB", str(tmp_path / "env.sqlite"))
    assert Store.resolve_path() == tmp_path / "env.sqlite"
    assert Store.resolve_path(tmp_path / "explicit.sqlite") == tmp_path / "explicit.sqlite"
    monkeypatch.delenv("MAP_APP_DB")
    assert Store.resolve_path() == DEFAULT_DB == REPO / "var" / "incidents.sqlite"


def test_foreign_file_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a usable incident database"):
        Store.open(junk, with_demo=False)
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(StoreError, match="another application"):
        Store.open(other, with_demo=False)


def test_a_new_store_is_empty_and_never_loads_demo(store_url: str, parser: FakeParser) -> None:
    with open_store(store_url, parser=parser) as s:
        assert s.stats()["articles"] == 0 and s.demo_count() == 0
    with open_store(store_url, parser=parser) as s:  # reopened: still nothing added
        assert s.stats()["articles"] == 0
    assert parser.calls == 0
    with pytest.raises(ValueError, match="no longer loads the demo"):
        Store.open(":memory:", with_demo=True)


def test_store_module_does_not_import_demo_or_ingest() -> None:
    """The import circle demo -> ingest -> store -> demo is broken: the store stands alone."""
    code = ("import sys, map_app.store; "
            "print(sorted(m for m in sys.modules if m.startswith(('map_app.demo', "
            "'map_app.ingest'))))")
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


# --------------------------------------------------------------------------- adding


def test_add_article_stores_incident_mentions_and_source(store: Store) -> None:
    result = store.add_article(STRIKE_A, published=PUB, url="https://example.org/a",
                               title="Drone strike", source="Outlet A")
    assert result.added and result.incidents == 1 and result.places == 1
    [inc] = store.incidents()
    assert (inc.event_type, inc.sub_event_type) == ("Explosions/Remote violence",
                                                   "Air/drone strike")
    assert inc.event_date == date(2024, 3, 11)
    assert (inc.lat, inc.lon, inc.geonameid) == (BUKAMAL.lat, BUKAMAL.lon, BUKAMAL.geonameid)
    assert (inc.place_name, inc.location, inc.country_code, inc.admin1) == (
        "Al-Bukamal", "Al-Bukamal", "SY", "Deir ez-Zor")
    assert inc.fatalities == 3 and inc.actors == ("militia",)
    assert STRIKE_A[inc.start:inc.end] == inc.evidence
    assert STRIKE_A[inc.location_start:inc.location_end] == "Al-Bukamal"
    assert inc.sources == (Source("https://example.org/a", "Drone strike", "Outlet A", PUB,
                                  result.article_id, STRIKE_A, 0, len(STRIKE_A), 3),)
    assert inc.sources_count == 1
    assert not inc.reviewed and not inc.rejected and inc.confidence == pytest.approx(0.9)
    [m] = store.mentions()
    assert (m.article_id, m.text, m.name, m.country_code) == (
        result.article_id, "Al-Bukamal", "Al-Bukamal", "SY")
    assert STRIKE_A[m.start:m.end] == m.text
    article = store.article(result.article_id)
    assert article.text == STRIKE_A and article.published == PUB


def test_same_text_is_not_added_twice(store: Store, parser: FakeParser) -> None:
    first = store.add_article(STRIKE_A, published=PUB)
    variant = "  " + STRIKE_A.replace(" ", "  \n", 3) + "\n"  # same text, other whitespace
    assert text_hash(variant) == text_hash(STRIKE_A)
    second = store.add_article(variant, published=PUB)
    assert second.article_id == first.article_id and not second.added
    assert parser.calls == 1
    assert store.stats()["articles"] == 1
    # NFKC: a presentation-form ligature equals its plain letters
    store.add_article("\ufefb protest in Mosul", published=PUB)
    assert not store.add_article("\u0644\u0627 protest in Mosul", published=PUB).added


def test_reports_of_one_event_merge_with_lowest_fatalities(store: Store) -> None:
    a = store.add_article(STRIKE_A, published=PUB, url="https://example.org/a")
    b = store.add_article(STRIKE_B, published=PUB, url="https://example.org/b")
    assert b.added and b.incidents == 1
    [inc] = store.incidents()
    assert [s.article_id for s in inc.sources] == [a.article_id, b.article_id]
    assert [s.url for s in inc.sources] == ["https://example.org/a", "https://example.org/b"]
    assert inc.fatalities == 3  # 3 and 4 reported: keep the lowest
    assert set(inc.actors) == {"militia", "IS"}
    assert store.stats()["merged"] == 1
    store.add_article(STRIKE_OTHER_DAY, published=PUB)  # another day: another incident
    assert len(store.incidents()) == 2


def test_no_merge_without_place_or_date(store: Store) -> None:
    store.add_article("A protest was held.", published=None)
    store.add_article("Another protest was held.", published=None)
    incidents = store.incidents()
    assert len(incidents) == 2
    assert all(i.lat is None and i.event_date is None for i in incidents)
    assert store.stats()["unlocated"] == 2


def test_candidates_are_kept_for_review(store: Store) -> None:
    store.add_article(AMBIGUOUS, published=PUB)
    [inc] = store.incidents()
    names = [(p.name, p.geonameid) for p in store.candidates(inc.id)]
    assert names == [("Tall Abyad", 163000), ("Tall Abyad", 163001)]
    assert store.candidates(9999) == []


def test_hostile_strings_are_stored_verbatim(store: Store) -> None:
    evil = "Robert'); DROP TABLE incidents;-- protest in Mosul on 2024-01-02 <script>x</script>"
    store.add_article(evil, published=PUB, title="'; DELETE FROM articles; --", url="javascript:1")
    [inc] = store.incidents()
    assert inc.evidence == evil and inc.sources[0].title == "'; DELETE FROM articles; --"
    assert store.incidents(IncidentFilter(text="DROP TABLE"))[0].id == inc.id
    assert store.incidents(IncidentFilter(text="%")) == []  # LIKE wildcards are literal
    assert store.incidents(IncidentFilter(text="_")) == []


def test_rejects_empty_and_oversized_text(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="empty"):
        store.add_article("   \n ")
    monkeypatch.setattr("map_app.store.base.MAX_ARTICLE_CHARS", 10)
    with pytest.raises(ValueError, match="too long"):
        store.add_article("x" * 11)


def test_parser_failure_leaves_nothing_behind(store: Store) -> None:
    store._parser = BrokenParser()
    with pytest.raises(RuntimeError):
        store.add_article(STRIKE_A)
    assert store.stats()["articles"] == 0 and store.revision() == 0


# --------------------------------------------------------------------------- reading


def test_filters(store: Store) -> None:
    fill(store)
    everything = store.incidents()
    assert len(everything) == 5
    assert [i.event_date for i in everything] == sorted((i.event_date for i in everything),
                                                        reverse=True)
    q = store.incidents
    assert {i.location for i in q(IncidentFilter(countries=("IQ",)))} == {"Mosul"}
    assert len(q(IncidentFilter(since=date(2024, 3, 11), until=date(2024, 3, 31)))) == 2
    assert len(q(IncidentFilter(since=date(2024, 6, 1)))) == 2
    assert [i.sub_event_type for i in q(IncidentFilter(event_types=("Protests",)))] == [
        "Peaceful protest"]
    assert len(q(IncidentFilter(sub_event_types=("Air/drone strike", "Arrests")))) == 3
    assert [i.location for i in q(IncidentFilter(admin1=("Raqqa",)))] == ["Raqqa", "Tall Abyad"]
    assert [i.location for i in q(IncidentFilter(actors=("SDF",)))] == ["Raqqa"]
    assert len(q(IncidentFilter(actors=("SDF", "IS")))) == 2
    assert [i.location for i in q(IncidentFilter(min_confidence=0.5))] != []
    assert "Tall Abyad" not in {i.location for i in q(IncidentFilter(min_confidence=0.5))}
    assert [i.location for i in q(IncidentFilter(text="raqqa ARRESTED"))] == ["Raqqa"]
    assert q(IncidentFilter(text="raqqa protest")) == []


def test_text_search_folds_arabic_variants(store: Store) -> None:
    store.add_article("غارة على البوكمال وأُصيب مدنيون", published=PUB)
    assert len(store.incidents(IncidentFilter(text="البوكمال"))) == 1
    assert len(store.incidents(IncidentFilter(text="واصيب"))) == 1  # hamza and diacritics
    assert len(store.incidents(IncidentFilter(text="غاره"))) == 1  # taa marbuta


def test_mentions_filter(store: Store) -> None:
    fill(store)
    assert len(store.mentions()) == 6
    assert {m.name for m in store.mentions(IncidentFilter(countries=("IQ",)))} == {"Mosul"}
    assert {m.name for m in store.mentions(IncidentFilter(min_confidence=0.5))} >= {"Raqqa"}
    assert all(m.confidence >= 0.5 for m in store.mentions(IncidentFilter(min_confidence=0.5)))
    assert len(store.mentions(IncidentFilter(since=date(2024, 6, 1)))) == 2
    assert {m.name for m in store.mentions(IncidentFilter(text="الموصل"))} == {"Mosul"}


def test_facets_stats_and_revision(store: Store) -> None:
    assert store.revision() == 0
    fill(store)
    rev = store.revision()
    assert rev == 6  # one per stored article
    facets = store.facets()
    assert facets["countries"] == ["IQ", "SY"]
    assert facets["event_types"] == ["Explosions/Remote violence", "Protests",
                                     "Strategic developments"]
    assert facets["actors"] == ["IS", "SDF", "militia"]
    assert "Deir ez-Zor" in facets["admin1"] and "Air/drone strike" in facets["sub_event_types"]
    stats = store.stats()
    assert stats["articles"] == 6 and stats["incidents"] == 5 and stats["mentions"] == 6
    assert stats["first_date"] == "2024-03-11" and stats["last_date"] == "2024-10-01"
    store.add_article(STRIKE_A, published=PUB)  # duplicate: no change
    assert store.revision() == rev


# --------------------------------------------------------------------------- review


def test_review_moves_pin_and_keeps_audit(store: Store) -> None:
    store.add_article(AMBIGUOUS, published=PUB)
    [inc] = store.incidents()
    rev = store.revision()
    updated = store.review(inc.id, reviewer="analyst1", place=TALL_B, fatalities=2,
                           event_date=date(2024, 5, 4), note="second candidate is right")
    assert updated.reviewed and updated.reviewed_by == "analyst1"
    assert updated.reviewed_at is not None
    assert (updated.lat, updated.lon, updated.geonameid) == (TALL_B.lat, TALL_B.lon, 163001)
    assert updated.admin1 == "Deir ez-Zor" and updated.fatalities == 2
    assert updated.event_date == date(2024, 5, 4)
    assert store.revision() > rev
    [entry] = store.history(inc.id)
    assert entry.reviewer == "analyst1" and entry.note == "second candidate is right"
    assert entry.changes["geonameid"] == [163000, 163001]
    assert entry.changes["fatalities"] == [None, 2]
    assert "rejected" not in entry.changes  # unchanged values are not logged
    # reviewed incidents pass any confidence threshold
    assert store.incidents(IncidentFilter(min_confidence=0.9))[0].id == inc.id


def test_review_reject_hides_and_restores(store: Store) -> None:
    fill(store)
    target = store.incidents(IncidentFilter(countries=("IQ",)))[0]
    store.review(target.id, reviewer="a", rejected=True)
    assert target.id not in {i.id for i in store.incidents()}
    assert target.id in {i.id for i in store.incidents(IncidentFilter(include_rejected=True))}
    assert store.stats()["rejected"] == 1
    store.review(target.id, reviewer="b", rejected=False)
    assert target.id in {i.id for i in store.incidents()}
    assert [h.reviewer for h in store.history(target.id)] == ["a", "b"]


def test_review_manual_pin_and_type(store: Store) -> None:
    store.add_article(STRIKE_A, published=PUB)
    [inc] = store.incidents()
    out = store.review(inc.id, reviewer="x", lat=34.5, lon=40.95,
                       event_type="Battles", sub_event_type="Armed clash")
    assert (out.lat, out.lon, out.event_type, out.sub_event_type) == (
        34.5, 40.95, "Battles", "Armed clash")


def test_reviewed_fatalities_survive_a_later_report(store: Store) -> None:
    store.add_article(STRIKE_B, published=PUB)
    [inc] = store.incidents()
    store.review(inc.id, reviewer="x", fatalities=6)
    store.add_article(STRIKE_A, published=PUB)  # reports 3, merges into the reviewed one
    [after] = store.incidents()
    assert len(after.sources) == 2 and after.fatalities == 6


def test_review_validation(store: Store) -> None:
    store.add_article(STRIKE_A, published=PUB)
    [inc] = store.incidents()
    with pytest.raises(ValueError, match="reviewer"):
        store.review(inc.id, reviewer="  ")
    with pytest.raises(ValueError, match="both lat and lon"):
        store.review(inc.id, reviewer="x", lat=1.0)
    with pytest.raises(ValueError, match="out of range"):
        store.review(inc.id, reviewer="x", lat=91.0, lon=0.0)
    with pytest.raises(ValueError, match="negative"):
        store.review(inc.id, reviewer="x", fatalities=-1)
    with pytest.raises(KeyError):
        store.review(12345, reviewer="x")
    assert store.history(inc.id) == []


# --------------------------------------------------------------------------- bulk + speed


def synthetic(n: int) -> list[IncidentRecord]:
    types = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling"),
             ("Protests", "Peaceful protest"), ("Strategic developments", "Arrests")]
    return [IncidentRecord(
        event_type=types[k % 4][0], sub_event_type=types[k % 4][1],
        event_date=date(2024, 1, 1) + timedelta(days=k % 366), time_precision=1,
        location=f"Town {k % 300}", lat=32 + (k % 500) / 100, lon=36 + (k % 800) / 100,
        geonameid=k % 300, country_code="SY" if k % 3 else "IQ", admin1=f"Gov {k % 14}",
        geo_precision=1, fatalities=k % 7, actors=(("SDF",) if k % 5 == 0 else ("IS", "SAA")),
        evidence=f"Synthetic report number {k} of shelling near a town.",
        sources=(Source(url=f"https://example.org/s/{k}", source="synthetic"),),
        confidence=(k % 10) / 10) for k in range(n)]


def test_bulk_insert_10k_and_filter_is_fast(store: Store) -> None:
    records = synthetic(10_000)
    t0 = time.perf_counter()
    assert store.add_incident_records(records) == 10_000
    insert_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    everything = store.incidents()
    window = store.incidents(IncidentFilter(since=date(2024, 3, 1), until=date(2024, 5, 31),
                                            event_types=("Battles",), countries=("SY",)))
    sdf = store.incidents(IncidentFilter(actors=("SDF",), min_confidence=0.5))
    texty = store.incidents(IncidentFilter(text="  NUMBER 9999 "))
    query_s = time.perf_counter() - t0
    assert len(everything) == 10_000 and everything[0].sources[0].source == "synthetic"
    assert window and all(i.event_type == "Battles" and i.country_code == "SY"
                          and date(2024, 3, 1) <= i.event_date <= date(2024, 5, 31)
                          for i in window)
    assert len(sdf) == 1000 and all(i.confidence >= 0.5 for i in sdf)
    assert [i.evidence for i in texty] == ["Synthetic report number 9999 of shelling near a town."]
    # Guards against row-by-row pathologies only (the machine is shared, so the margin is
    # wide); the figures are bench/store_filters.py's: 100k in a few seconds on both backends.
    assert insert_s < 4.0, f"10k inserts took {insert_s:.2f}s"
    assert query_s < 3.0, f"10k queries took {query_s:.2f}s"


def test_bulk_records_accept_dicts_and_merge_with_articles(store: Store) -> None:
    n = store.add_incident_records([{
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "event_date": "2024-03-11", "location": "Al-Bukamal", "lat": BUKAMAL.lat,
        "lon": BUKAMAL.lon, "geonameid": BUKAMAL.geonameid, "country_code": "SY",
        "fatalities": 5, "sources": ["https://example.org/imported"]}])
    assert n == 1
    store.add_article(STRIKE_A, published=PUB, url="https://example.org/a")
    [inc] = store.incidents()
    assert [s.url for s in inc.sources] == ["https://example.org/imported",
                                            "https://example.org/a"]
    assert inc.fatalities == 3
    with pytest.raises(ValueError, match="event_type"):
        store.add_incident_records([{"location": "x"}])
    assert len(store.incidents()) == 1  # the failed batch left nothing


def test_shared_between_threads(store: Store) -> None:
    store.add_incident_records(synthetic(500))
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for _ in range(5):
                assert len(store.incidents(IncidentFilter(countries=("IQ",)))) > 0
                store.add_article(f"Hundreds joined a protest in Mosul, thread {k}.",
                                  published=PUB)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.stats()["articles"] == 4


def test_reopened_store_keeps_everything(store_url: str, parser: FakeParser) -> None:
    with open_store(store_url, parser=parser) as s:
        fill(s)
        before = s.incidents()
    with open_store(store_url, parser=parser) as s:
        assert s.incidents() == before


# --------------------------------------------------------------------------- real parser


def test_real_parser_on_demo_article(tmp_path: Path) -> None:
    if not (REPO / "gazetteer" / "data" / "index").is_dir():
        pytest.skip("gazetteer index not built (gazetteer/data/index/ missing)")
    from map_app.demo import demo_articles

    first, second = demo_articles()[:2]  # the same strike, in Arabic then English
    with Store.open(tmp_path / "real.sqlite") as s:
        r1 = s.add_article(first.text, published=first.published, url=first.url)
        r2 = s.add_article(second.text, published=second.published, url=second.url)
        assert r1.added and r2.added and r1.places >= 2
        mentions = s.mentions(IncidentFilter(text="البوكمال"))
        assert mentions and all(m.country_code == "SY" for m in mentions)
        assert first.text[mentions[0].start:mentions[0].end] == mentions[0].text
        located = [i for i in s.incidents() if i.lat is not None]
        assert located, "the Al-Bukamal strike should be mapped"
        for inc in located:
            article = s.article(inc.article_id)
            assert article.text[inc.start:inc.end] == inc.evidence
        # the demo promises that the two reports merge into one incident
        merged = [i for i in located if {x.article_id for x in i.sources} == {r1.article_id,
                                                                               r2.article_id}]
        assert merged and merged[0].fatalities == 3 and merged[0].country_code == "SY"


def test_every_writer_validates_on_every_backend(store: IncidentStore) -> None:
    bad = [{"event_type": "Battles", "lat": 95.0, "lon": 40.0},
           {"event_type": "Battles", "lat": float("inf"), "lon": 40.0},
           {"event_type": "Battles", "fatalities": -3},
           {"event_type": "Battles", "geo_precision": 7}]
    for record in bad:
        with pytest.raises(ValueError, match="latitude|fatalities|geo_precision"):
            store.add_incident_records([{"event_type": "Protests"}, record])
    assert store.stats()["incidents"] == 0 and store.revision() == 0
    with pytest.raises(ValueError, match="title is too long"):
        store.add_article(STRIKE_A, title="x" * 5000)
    assert store.stats()["articles"] == 0


def test_two_reports_of_one_event_in_one_article_are_one_incident(store: IncidentStore) -> None:
    text = ("A drone hit a car in Al-Bukamal on 2024-03-11, killed 3 militia fighters. "
            "The drone strike in Al-Bukamal on 2024-03-11 left 2 killed, IS said.")
    result = store.add_article(text, published=PUB)
    assert result.incidents == 1
    [inc] = store.incidents()
    assert len(inc.sources) == 1 and inc.fatalities == 2
    assert inc.actors == ("militia", "IS") and inc.version == 1
    assert store.incidents(IncidentFilter(actors=("IS",)))[0].id == inc.id
    assert store.incidents(IncidentFilter(text="IS militia"))[0].id == inc.id
