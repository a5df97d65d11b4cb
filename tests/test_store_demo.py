"""Demo data: loaded on purpose only, flagged, kept apart from real reports, removable;
the dashboard's default store is seeded once.  Also: upgrading a schema-1 SQLite file."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from store_fakes import BrokenParser, FakeParser

import map_app.store.connect as connect
from map_app.demo import demo_articles, demo_hashes, load_demo, open_seeded, remove_demo
from map_app.store import IncidentFilter, Store, open_store, text_hash
from map_app.store.sqlite import SCHEMA

REAL = "A drone hit a car in Al-Bukamal on 2024-03-11, killed 5 militia fighters."


@pytest.fixture
def store(store_url: str):
    s = open_store(store_url, parser=FakeParser())
    yield s
    s.close()


def test_demo_is_flagged_counted_filtered_and_removed(store) -> None:
    results = load_demo(store)
    assert sum(r.added for r in results) == len(demo_articles()) == 16
    demo_incidents = store.incidents()
    assert demo_incidents and all(i.demo for i in demo_incidents)
    assert store.demo_count() == len(demo_incidents) == store.stats()["demo"]
    assert all(store.article(s.article_id).demo for i in demo_incidents for s in i.sources)
    real = store.add_article(REAL, published=date(2024, 3, 12), url="https://example.org/real")
    # the real report of the demo's Al-Bukamal strike is its own incident, not merged
    [mine] = [i for i in store.incidents() if not i.demo]
    assert [s.article_id for s in mine.sources] == [real.article_id] and mine.fatalities == 5
    assert store.incidents(IncidentFilter(include_demo=False)) == [mine]
    assert all(m.article_id == real.article_id
               for m in store.mentions(IncidentFilter(include_demo=False)))
    assert sum(r.added for r in load_demo(store)) == 0  # idempotent
    articles, incidents = remove_demo(store)
    assert (articles, incidents) == (16, len(demo_incidents))
    assert store.incidents() == [mine] and store.demo_count() == 0
    assert store.stats()["articles"] == 1 and store.article(real.article_id).text == REAL


def test_dashboard_default_store_is_seeded_once(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MAP_APP_DB", raising=False)
    monkeypatch.setattr(connect, "DEFAULT_DB", tmp_path / "var" / "incidents.sqlite")
    store, error = open_seeded("", parser=FakeParser())
    assert error is None and store.demo_count() > 0
    remove_demo(store)
    store.close()
    store, error = open_seeded("", parser=FakeParser())  # removed on purpose: stays removed
    assert error is None and store.stats()["articles"] == 0
    store.close()


def test_named_stores_are_never_seeded(tmp_path: Path) -> None:
    store, error = open_seeded(str(tmp_path / "desk.sqlite"), parser=FakeParser())
    assert error is None and store.stats()["articles"] == 0
    store.close()


def test_a_failed_seed_is_reported_and_retried(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MAP_APP_DB", raising=False)
    monkeypatch.setattr(connect, "DEFAULT_DB", tmp_path / "incidents.sqlite")
    store, error = open_seeded("", parser=BrokenParser())
    assert "cannot load the demo articles" in error and store.stats()["articles"] == 0
    store.close()
    store, error = open_seeded("", parser=FakeParser())
    assert error is None and store.stats()["articles"] == 16
    store.close()


def _schema_1_file(path: Path, texts: list[str]) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("schema", "1"), ("revision", "3"),
                                                       ("demo_pending", "0")])
    for n, text in enumerate(texts, 1):
        conn.execute("INSERT INTO articles (id, hash, text, added_at) VALUES (?,?,?,?)",
                     (n, text_hash(text), text, "2024-01-01T00:00:00+00:00"))
        conn.execute("INSERT INTO incidents (id, event_type, evidence, actors) VALUES (?,?,?,?)",
                     (n, "Protests", text[:40], '["SDF"]'))
        conn.execute("INSERT INTO incident_sources (incident_id, position, article_id) "
                     "VALUES (?, 0, ?)", (n, n))
    conn.commit()
    conn.close()


def test_schema_1_file_is_upgraded_and_its_demo_flagged(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.sqlite"
    demo_text = demo_articles()[0].text
    _schema_1_file(path, [demo_text, REAL])
    with Store.open(path, parser=FakeParser()) as s:
        assert s.meta("schema") == "3" and s.meta("demo_pending") is None
        assert s.revision() == 3 and len(s.incidents()) == 2
        assert all(i.version == 1 and not i.demo and i.review_flags == () for i in s.incidents())
        assert text_hash(demo_text) in demo_hashes()
    monkeypatch.delenv("MAP_APP_DB", raising=False)
    monkeypatch.setattr(connect, "DEFAULT_DB", path)
    store, error = open_seeded("", parser=FakeParser())  # an old default store: flag, not add
    assert error is None
    assert store.stats()["articles"] == 2 and store.demo_count() == 1
    assert [i.evidence for i in store.incidents(IncidentFilter(include_demo=False))] == [REAL[:40]]
    store.close()
