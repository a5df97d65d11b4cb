"""`reparse`: stored articles parsed again with the current gazetteer, on both backends.

A "gazetteer update" is simulated by teaching the fake parser (tests/store_fakes.py)
a place it did not know; the CLI test at the end runs the real parser."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import store_fakes
from store_fakes import BUKAMAL, FakeParser

from gazetteer.place import Place
from map_app.store import IncidentStore, open_store

PUB = date(2024, 3, 12)
HAJIN = Place("Hajin", 34.70, 40.83, "populated_place", "SY", "هجين", geonameid=174506,
              admin1="Deir ez-Zor")
FAR = Place("Al-Bukamal (misplaced)", 36.9, 42.9, "populated_place", "IQ", geonameid=99999)
SHELLED_1 = "Artillery shelled Hajin on 2024-05-05, killed 2 men."
SHELLED_2 = "Local media: Hajin was shelled on 2024-05-05 and 2 killed, SDF said."
STRIKE_A = "A drone hit a car in Al-Bukamal on 2024-03-11, killed 3 militia fighters."
STRIKE_B = "Local media: the drone strike in Al-Bukamal on 2024-03-11 left 4 killed, IS said."
RAID = "SDF forces arrested 12 men in Raqqa on 2024-06-01."


@pytest.fixture
def parser() -> FakeParser:
    return FakeParser()


@pytest.fixture
def store(store_url: str, parser: FakeParser) -> IncidentStore:
    s = open_store(store_url, parser=parser)
    yield s
    s.close()


def test_reparse_places_and_merges_what_the_new_gazetteer_knows(store, monkeypatch) -> None:
    a = store.add_article(SHELLED_1, published=PUB)
    b = store.add_article(SHELLED_2, published=PUB)
    assert [i.lat for i in store.incidents()] == [None, None] and store.mentions() == []
    monkeypatch.setitem(store_fakes.PLACES, "Hajin", ([HAJIN], 0.9))  # the gazetteer learns Hajin
    report = store.reparse()
    assert (report.articles, report.removed, report.events, report.failed) == (2, 2, 2, [])
    [incident] = store.incidents()
    assert (incident.place_name, incident.lat) == ("Hajin", HAJIN.lat)
    assert [s.article_id for s in incident.sources] == [a.article_id, b.article_id]
    assert incident.fatalities == 2 and set(incident.actors) == {"SDF"}
    assert sorted(m.article_id for m in store.mentions()) == [a.article_id, b.article_id]
    assert store.reparse().summary().startswith("re-parsed 2 article(s)")  # idempotent
    assert len(store.incidents()) == 1 and store.incidents()[0].sources_count == 2


def test_reparse_keeps_reviewed_and_split_incidents_and_their_audit(store) -> None:
    a = store.add_article(STRIKE_A, published=PUB)
    b = store.add_article(STRIKE_B, published=PUB)
    [merged] = store.incidents()
    kept, split = store.split_source(merged.id, b.article_id, reviewer="analyst")
    raid = store.add_article(RAID, published=PUB)
    [raid_incident] = [i for i in store.incidents() if i.event_type == "Strategic developments"]
    store.review(raid_incident.id, reviewer="analyst", fatalities=1, note="one died in custody")
    before = {i.id: i for i in store.incidents()}
    histories = {i: store.history(i) for i in before}
    report = store.reparse()
    assert (report.kept, report.removed, report.recomputed) == (3, 0, 0)
    after = {i.id: i for i in store.incidents()}
    assert after.keys() == before.keys()  # no duplicate of a kept incident, the split holds
    for iid, record in after.items():
        assert record == before[iid] and store.history(iid) == histories[iid]
    assert [s.article_id for s in after[kept.id].sources] == [a.article_id]
    assert [s.article_id for s in after[split.id].sources] == [b.article_id]
    assert after[raid_incident.id].fatalities == 1 and raid.article_id
    # a new report of the strike still merges into the incident it belongs to
    store.add_article("A drone strike in Al-Bukamal on 2024-03-11 killed 3.", published=PUB)
    assert len(store.incidents()) == 3


def test_reparse_since_until_recomputes_a_merged_incident(store, monkeypatch) -> None:
    a = store.add_article(STRIKE_A, published=PUB)
    b = store.add_article(STRIKE_B, published=date(2024, 3, 13))
    [merged] = store.incidents()
    assert merged.fatalities == 3 and merged.sources_count == 2
    # the gazetteer now resolves the name elsewhere; only article A (published PUB) is re-parsed
    monkeypatch.setitem(store_fakes.PLACES, "Al-Bukamal", ([FAR], 0.9))
    report = store.reparse(since=PUB, until=PUB)
    assert (report.articles, report.recomputed, report.removed) == (1, 1, 0)
    rest = store.incident(merged.id)
    assert [s.article_id for s in rest.sources] == [b.article_id]
    assert (rest.fatalities, rest.lat, rest.actors) == (4, BUKAMAL.lat, ("IS",))
    assert rest.version == merged.version + 1 and rest.evidence == STRIKE_B
    [moved] = [i for i in store.incidents() if i.id != merged.id]
    assert (moved.place_name, moved.fatalities) == (FAR.name, 3)
    assert [s.article_id for s in moved.sources] == [a.article_id]
    assert {m.article_id: m.name for m in store.mentions()} == {a.article_id: FAR.name,
                                                                b.article_id: "Al-Bukamal"}


def test_reparse_reports_a_parser_failure_and_leaves_that_article(store, parser, monkeypatch) -> None:
    store.add_article(STRIKE_A, published=PUB)
    bad = store.add_article(RAID, published=PUB)
    before = store.incidents()
    real = parser.__call__

    def failing(self, text, published=None, source=None):
        if text == RAID:
            raise RuntimeError("index broken")
        return real(text, published=published, source=source)

    monkeypatch.setattr(FakeParser, "__call__", failing)
    report = store.reparse()
    assert report.articles == 1 and report.failed == [(bad.article_id, "RuntimeError: index broken")]
    raid = [i for i in before if i.event_type == "Strategic developments"]
    assert [i for i in store.incidents() if i.event_type == "Strategic developments"] == raid
    assert len(store.incidents()) == 2


# --------------------------------------------------------------------------- the command


REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not (REPO / "gazetteer" / "data" / "index").is_dir(),
                    reason="gazetteer index not built")
def test_reparse_command(tmp_path: Path, capsys) -> None:
    from map_app.cli import main

    db = tmp_path / "desk.sqlite"
    text = ("A drone struck a car near the town of Hajin in eastern Deir ez-Zor on Tuesday, killing "
            "four men, local sources said.")
    with open_store(str(db)) as s:
        s.add_article(text, published=date(2024, 5, 15))
        before = s.incidents()
    assert main(["reparse", "-q", "--db", str(db), "--since", "2024-05-01"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("re-parsed 1 article(s): 1 event(s); 1 old incident(s) replaced")
    with open_store(str(db)) as s:
        after = s.incidents()
    assert [(i.place_name, i.event_date, i.fatalities) for i in after] == [
        (i.place_name, i.event_date, i.fatalities) for i in before]
    assert main(["reparse", "--db", str(db), "--since", "2025-01-01"]) == 0
    assert "re-parsed 0 article(s)" in capsys.readouterr().err
    assert main(["reparse", "--db", str(tmp_path / "missing.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no incident store" in err
    with pytest.raises(SystemExit):
        main(["reparse", "--since", "yesterday"])
