"""`map_app migrate`: a desk's SQLite store copied to PostGIS (and back), reviews included."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from store_fakes import TALL_B, FakeParser

from map_app.cli import main
from map_app.demo import load_demo
from map_app.store import IncidentFilter, open_store
from map_app.store import base as store_base

PUB = date(2024, 3, 12)
ARTICLES = [
    "A drone hit a car in Al-Bukamal on 2024-03-11, killed 3 militia fighters.",
    "Local media: the drone strike in Al-Bukamal on 2024-03-11 left 4 killed, IS said.",
    "Artillery shelled Tall Abyad on 2024-05-05.",
    "SDF forces arrested 12 men in Raqqa on 2024-06-01.",
    "Hundreds joined a protest in Mosul on 2024-10-01.",
]


@pytest.fixture(autouse=True)
def fake_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_base, "default_parser", FakeParser)


def desk_store(path: Path) -> None:
    with open_store(str(path)) as s:
        s.reverse_geocoder = lambda lat, lon: {"country_code": "SY", "admin1": "Raqqa"}
        load_demo(s)
        for n, text in enumerate(ARTICLES):
            s.add_article(text, published=PUB, url=f"https://e.org/{n}", title=f"T{n}")
        by_place = {i.location: i for i in s.incidents(IncidentFilter(include_demo=False))}
        s.review(by_place["Tall Abyad"].id, reviewer="alice", place=TALL_B, fatalities=2,
                 note="second candidate")
        s.review(by_place["Mosul"].id, reviewer="bob", rejected=True)
        s.review(by_place["Raqqa"].id, reviewer="carol", lat=35.9, lon=39.1, actor1="SDF")


def snapshot(store) -> dict:
    every = IncidentFilter(include_rejected=True)
    incidents = store.incidents(every)
    return {
        "incidents": incidents,
        "history": {i.id: store.history(i.id) for i in incidents},
        "candidates": {i.id: store.candidates(i.id) for i in incidents},
        "articles": [store.article(k) for k in range(1, store.stats()["articles"] + 1)],
        "mentions": store.mentions(),
        "facets": store.facets(),
        "stats": {k: v for k, v in store.stats().items() if k != "revision"},
        "demo": store.demo_count(),
    }


def test_migrate_sqlite_to_postgis_and_back(tmp_path: Path, postgres_server, capsys) -> None:
    source = tmp_path / "desk.sqlite"
    desk_store(source)
    url = postgres_server.new_database()
    code = main(["migrate", "--from", f"sqlite:///{source}", "--to", url])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "copied 21 article(s)" in err and "3 review(s)" in err
    with open_store(str(source)) as a, open_store(url) as b:
        before, after = snapshot(a), snapshot(b)
        assert after == before
        assert sum(len(h) for h in after["history"].values()) == 3
        # the copy is a working store: new rows get new ids, reviews keep going
        added = b.add_article("Another drone strike hit Al-Bukamal on 2024-03-20.",
                              published=PUB)
        assert added.article_id == 22
        inc = b.incidents(IncidentFilter(text="2024-03-20"))[0]
        b.review(inc.id, reviewer="dave", fatalities=1, expected_version=inc.version)
        assert [h.reviewer for h in b.history(inc.id)] == ["dave"]
    back = tmp_path / "back.sqlite"
    assert main(["migrate", "--from", url, "--to", str(back), "-q"]) == 0
    with open_store(str(back)) as c, open_store(url) as b:
        assert snapshot(c) == snapshot(b)


def test_migrate_refuses_a_non_empty_target_and_a_missing_source(tmp_path: Path,
                                                                 capsys) -> None:
    source, target = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    desk_store(source)
    desk_store(target)
    assert main(["migrate", "--from", str(source), "--to", str(target)]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert main(["migrate", "--from", str(tmp_path / "none.sqlite"), "--to", str(target)]) == 2
    err = capsys.readouterr().err
    assert "no incident store at" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "none.sqlite").exists()
