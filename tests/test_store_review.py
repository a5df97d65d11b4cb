"""Reviews on both backends: ACLED fields kept, precisions, actors, typed pins,
versions, refused out-of-date saves, and concurrent analysts on PostGIS."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from store_fakes import BUKAMAL, MOSUL, TALL_A, FakeParser

from map_app.geoparse.document import Document, Incident, Mention
from map_app.store import ConflictError, IncidentFilter, IncidentStore, StoreError, open_store

PUB = date(2024, 3, 12)
STRIKE = "A drone hit a car in Al-Bukamal on 2024-03-11, killed 3 militia fighters."


class ACLEDParser:
    """One incident carrying every ACLED field the parser fills."""

    def __call__(self, text: str, published: date | None = None, source: str | None = None):
        place = replace(BUKAMAL, admin2="Abu Kamal District")
        mention = Mention(text.index("Al-Bukamal"), text.index("Al-Bukamal") + 10, "Al-Bukamal",
                          [place], place, 0.9)
        incident = Incident(
            "Explosions/Remote violence", "Air/drone strike", text, 0, len(text), place=place,
            location_mention=mention, event_date=date(2024, 3, 11), time_precision=1,
            geo_precision=1, fatalities=3, actors=["Unidentified drone", "Militia (Fake)"],
            actor1="Unidentified drone", assoc_actor_1=["Air force"], actor2="Militia (Fake)",
            assoc_actor_2=["Civilians (Syria)"], inter1=8, inter2=4, interaction=48,
            civilian_targeting=True, disorder_type="Political violence",
            review_flags=["runner_up_close", "merged"], tags="local administrators")
        return Document(text=text, published=published, source=source, places=[mention],
                        incidents=[incident])


def pin_lookup(lat: float, lon: float) -> dict:
    """A stand-in reverse geocoder: Iraq east of 42°E, Syria west of it."""
    if lon > 42:
        return {"country_code": "IQ", "admin1": "Al Anbar", "admin2": None,
                "place_name": "Al-Qaim"}
    return {"country_code": "SY", "admin1": "Deir ez-Zor", "admin2": "Al-Mayadin District",
            "place_name": None}


@pytest.fixture
def store(store_url: str) -> IncidentStore:
    s = open_store(store_url, parser=FakeParser())
    s.reverse_geocoder = pin_lookup
    yield s
    s.close()


def one_incident(store: IncidentStore, text: str = STRIKE):
    store.add_article(text, published=PUB)
    [inc] = store.incidents()
    return inc


def test_acled_fields_are_stored_and_read_back(store_url: str) -> None:
    with open_store(store_url, parser=ACLEDParser()) as s:
        s.add_article(STRIKE, published=PUB)
        [inc] = s.incidents()
    assert (inc.actor1, inc.assoc_actor_1, inc.actor2, inc.assoc_actor_2) == (
        "Unidentified drone", ("Air force",), "Militia (Fake)", ("Civilians (Syria)",))
    assert (inc.inter1, inc.inter2, inc.interaction) == (8, 4, 48)
    assert inc.civilian_targeting is True and inc.disorder_type == "Political violence"
    assert inc.review_flags == ("runner_up_close", "merged") and inc.tags == "local administrators"
    assert inc.admin2 == "Abu Kamal District" and inc.admin3 is None
    assert inc.demo is False and inc.version == 1


def test_every_review_bumps_the_version(store: IncidentStore) -> None:
    inc = one_incident(store)
    assert inc.version == 1
    after = store.review(inc.id, reviewer="a", fatalities=4)
    assert after.version == 2
    assert store.review(inc.id, reviewer="b", fatalities=4).version == 3


def test_out_of_date_review_is_refused_and_writes_nothing(store: IncidentStore) -> None:
    inc = one_incident(store)
    store.review(inc.id, reviewer="alice", fatalities=5, expected_version=inc.version)
    rev = store.revision()
    with pytest.raises(ConflictError, match=r"incident #\d+ was changed by alice") as info:
        store.review(inc.id, reviewer="bob", fatalities=9, expected_version=inc.version)
    assert isinstance(info.value, StoreError)
    assert (info.value.expected, info.value.current) == (1, 2)
    assert "reload" in str(info.value)
    now = store.incident(inc.id)
    assert now.fatalities == 5 and now.reviewed_by == "alice" and store.revision() == rev
    assert [h.reviewer for h in store.history(inc.id)] == ["alice"]
    # with the fresh version the same change goes through
    assert store.review(inc.id, reviewer="bob", fatalities=9,
                        expected_version=now.version).fatalities == 9


def test_a_later_report_merging_in_changes_the_version(store: IncidentStore) -> None:
    inc = one_incident(store)
    store.add_article("Local media: the drone strike in Al-Bukamal on 2024-03-11 left 4 "
                      "killed, IS said.", published=PUB)
    with pytest.raises(ConflictError):
        store.review(inc.id, reviewer="x", fatalities=1, expected_version=inc.version)


def test_review_sets_actors_and_keeps_the_filter_in_step(store: IncidentStore) -> None:
    inc = one_incident(store)
    assert inc.actors == ("militia",)
    out = store.review(inc.id, reviewer="x", actor1="Unidentified drone", actor2="Militia (Fake)")
    assert (out.actor1, out.actor2) == ("Unidentified drone", "Militia (Fake)")
    assert out.actors[:2] == ("Unidentified drone", "Militia (Fake)")
    assert [i.id for i in store.incidents(IncidentFilter(actors=("Unidentified drone",)))] == [
        inc.id]
    assert store.incidents(IncidentFilter(text="unidentified")) != []
    out = store.review(inc.id, reviewer="x", actor2="")  # clear the second actor
    assert out.actor2 is None and "Militia (Fake)" not in out.actors
    assert store.incidents(IncidentFilter(actors=("Militia (Fake)",))) == []
    assert store.history(inc.id)[-1].changes["actor2"] == ["Militia (Fake)", None]


def test_review_precisions(store: IncidentStore) -> None:
    inc = one_incident(store)
    out = store.review(inc.id, reviewer="x", event_date="2024-03-01", time_precision=3)
    assert out.event_date == date(2024, 3, 1) and out.time_precision == 3  # not forced to day
    out = store.review(inc.id, reviewer="x", event_date=date(2024, 3, 2))
    assert out.time_precision == 1  # a date alone means the day
    out = store.review(inc.id, reviewer="x", time_precision=2, geo_precision=2)
    assert (out.time_precision, out.geo_precision) == (2, 2)
    with pytest.raises(ValueError, match="geo_precision must be 1, 2 or 3"):
        store.review(inc.id, reviewer="x", geo_precision=4)
    with pytest.raises(ValueError, match="time_precision"):
        store.review(inc.id, reviewer="x", time_precision=0)


def test_typed_pin_moves_place_areas_and_precision(store: IncidentStore) -> None:
    inc = one_incident(store)
    store.review(inc.id, reviewer="x", geo_precision=3)
    out = store.review(inc.id, reviewer="x", lat=34.38, lon=42.1)
    assert (out.lat, out.lon) == (34.38, 42.1)
    assert (out.country_code, out.admin1, out.place_name) == ("IQ", "Al Anbar", "Al-Qaim")
    assert out.geonameid is None and out.place_kind == "pin"
    assert out.geo_precision == 1  # a typed pin is exact unless told otherwise
    changes = store.history(inc.id)[-1].changes
    assert changes["country_code"] == ["SY", "IQ"] and changes["admin1"] == ["Deir ez-Zor",
                                                                             "Al Anbar"]
    assert [i.id for i in store.incidents(IncidentFilter(countries=("IQ",)))] == [inc.id]
    out = store.review(inc.id, reviewer="x", lat=35.0, lon=40.5, geo_precision=2)
    assert out.geo_precision == 2 and out.admin2 == "Al-Mayadin District"
    assert out.place_name == "35.00000, 40.50000"  # nothing named nearby: the coordinates


def test_moving_to_a_gazetteer_place_sets_its_precision(store: IncidentStore) -> None:
    inc = one_incident(store)
    governorate = replace(MOSUL, name="Nineveh", kind="admin1", geonameid=None)
    out = store.review(inc.id, reviewer="x", place=governorate)
    assert out.geo_precision == 3 and out.country_code == "IQ"
    out = store.review(inc.id, reviewer="x", place=TALL_A)
    assert out.geo_precision == 1 and out.place_name == "Tall Abyad"


def test_rejected_none_keeps_the_flag(store: IncidentStore) -> None:
    inc = one_incident(store)
    store.review(inc.id, reviewer="x", rejected=True)
    assert store.review(inc.id, reviewer="y", fatalities=1, rejected=None).rejected


def test_bounds_filter(store: IncidentStore) -> None:
    store.add_article(STRIKE, published=PUB)
    store.add_article("Hundreds joined a protest in Mosul on 2024-10-01.", published=PUB)
    store.add_article("A protest was held.", published=PUB)  # unlocated
    around_bukamal = (34.0, 40.5, 35.0, 41.5)
    assert [i.location for i in store.incidents(IncidentFilter(bounds=around_bukamal))] == [
        "Al-Bukamal"]
    assert {m.name for m in store.mentions(IncidentFilter(bounds=around_bukamal))} == {
        "Al-Bukamal"}
    region = (30.0, 35.0, 38.0, 45.0)
    assert len(store.incidents(IncidentFilter(bounds=region))) == 2
    assert store.incidents(IncidentFilter(bounds=(0, 170, 10, -170))) == []  # antimeridian box
    with pytest.raises(ValueError, match="bounds"):
        store.incidents(IncidentFilter(bounds=(40, 0, 30, 10)))


# --------------------------------------------------------------------------- concurrent analysts


def test_two_sessions_racing_on_one_incident_lose_no_update(postgres_server) -> None:
    """Two analysts (two connections, two threads) each add 1 to the fatalities 20 times,
    reading, then saving with the version they read; refused saves are retried."""
    url = postgres_server.new_database()
    with open_store(url, parser=FakeParser()) as setup:
        iid = one_incident(setup).id
        setup.review(iid, reviewer="setup", fatalities=0)
    conflicts: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def analyst(name: str) -> None:
        try:
            with open_store(url, parser=FakeParser()) as s:
                start.wait()
                for _ in range(20):
                    while True:
                        current = s.incident(iid)
                        try:
                            s.review(iid, reviewer=name, fatalities=current.fatalities + 1,
                                     expected_version=current.version)
                            break
                        except ConflictError:
                            conflicts.append(1)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=analyst, args=(n,)) for n in ("alice", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with open_store(url) as s:
        final = s.incident(iid)
        history = s.history(iid)
    assert final.fatalities == 40  # no increment lost
    assert final.version == 2 + 40
    assert len(history) == 41 and {h.reviewer for h in history[1:]} == {"alice", "bob"}
    assert all(h.reviewed_at is not None for h in history)


def test_same_base_version_second_save_is_refused_on_postgis(postgres_server) -> None:
    url = postgres_server.new_database()
    with open_store(url, parser=FakeParser()) as a, open_store(url) as b:
        inc = one_incident(a)
        seen_a, seen_b = a.incident(inc.id), b.incident(inc.id)
        a.review(inc.id, reviewer="alice", event_type="Battles",
                 expected_version=seen_a.version)
        with pytest.raises(ConflictError, match="alice"):
            b.review(inc.id, reviewer="bob", fatalities=7, expected_version=seen_b.version)
        final = b.incident(inc.id)
    assert final.event_type == "Battles" and final.fatalities == 3
