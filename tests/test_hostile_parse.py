"""Hostile input to the parser (issue 7): calendar edges, size limits, work linear in the input.

Timings are not asserted here (they live in bench/hostile_bench.py); what is asserted is
the amount of work, counted, so that a quadratic step fails whatever the machine load.
"""
from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from gazetteer.place import Place
from map_app.geoparse import resolve as resolve_module
from map_app.geoparse.incidents.dates import find_dates
from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.textio import InputError
from tests.conftest import run_cli
from tests.incident_docs import build_document

# Every kind of relative date the extractor resolves against the publication day.
RELATIVE_EN = ("Clashes erupted near Al-Bukamal yesterday. Shelling hit Homs the day before yesterday. "
               "An airstrike hit Daraa last week, and another one last month. Drones struck Idlib on "
               "Sunday and last Monday. Fighting in Hama in early January and in late December. "
               "Raids in Raqqa during the first week of last month, last October and this week. "
               "Clashes in Mosul in the past 24 hours, a week ago and two days ago. Protest in Homs "
               "in October. Shelling on Tafas a decade ago.")
RELATIVE_AR = ("قصف مدفعي على مدينة البوكمال أمس. غارة على دير الزور أول أمس وقبل يومين. "
               "اشتباكات في درعا الأسبوع الماضي والشهر الماضي ويوم الأحد الماضي. "
               "هجوم على إدلب في أوائل كانون الثاني وأواخر كانون الأول الماضي. "
               "غارات على الرقة في الأسبوع الأول من الشهر الماضي وفي تشرين الأول الماضي. "
               "انفجار في الموصل خلال الساعات الـ24 الماضية وقبل أسبوع وقبل 10 سنوات.")
CALENDAR_EDGES = [date.min, date(1, 1, 7), date(1, 2, 1), date(1, 12, 31), date(2, 1, 1), date(2, 1, 2),
                  date(9999, 1, 15), date(9999, 12, 1), date(9999, 12, 25), date.max]


@pytest.mark.parametrize("published", CALENDAR_EDGES, ids=str)
@pytest.mark.parametrize("text", [RELATIVE_EN, RELATIVE_AR], ids=["en", "ar"])
def test_relative_dates_at_the_edges_of_the_calendar_resolve_or_stay_unknown(text, published):
    for d in find_dates(text, published):
        assert d.value is None or date.min <= d.value <= date.max
        assert d.text == text[d.start:d.end]


@pytest.mark.parametrize("published", CALENDAR_EDGES, ids=str)
@pytest.mark.parametrize("text", [RELATIVE_EN, RELATIVE_AR], ids=["en", "ar"])
def test_parse_with_a_publication_date_at_the_edge_of_the_calendar(geoparser, text, published):
    doc = geoparser.parse(text, published=published)
    assert doc.places, "the fixture names places"
    for incident in doc.incidents:
        assert text[incident.start:incident.end] == incident.evidence


@pytest.mark.parametrize("day", [date.min, date(1, 1, 3), date(9999, 12, 28), date.max], ids=str)
def test_merging_reports_of_one_event_at_the_edge_of_the_calendar(day):
    # A country-level headline and the body's precise report, dated by publication, last week and
    # yesterday: merging compares and shifts these dates.
    syria = Place("Syria", 35.0, 38.0, "country", "SY")
    town = Place("Al-Bukamal", 34.45, 40.92, "populated_place", "SY", admin1="Deir ez-Zor")
    text = ("US strikes hit militia sites in Syria last week.\n"
            "US strikes near Al-Bukamal killed 5 militiamen yesterday.\n"
            "Another US strike near Al-Bukamal killed 2 today.")
    doc = build_document(text, [("Syria", syria), ("Al-Bukamal", town)], published=day)
    for incident in extract_incidents(doc):
        assert text[incident.start:incident.end] == incident.evidence


def test_cli_incidents_with_the_first_day_of_the_calendar(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Clashes erupted near Al-Bukamal yesterday.", encoding="utf-8")
    for published in ("0001-01-01", "0002-01-01", "9999-12-31"):
        result = run_cli("map_app", "incidents", str(path), "--published", published)
        assert result.returncode == 0, result.stderr.decode()
        assert b"Traceback" not in result.stderr
        assert json.loads(result.stdout)["type"] == "FeatureCollection"


def test_background_rule_near_the_first_day_of_the_calendar():
    place = Place("Tafas", 32.7, 36.1, "populated_place", "SY")
    doc = build_document("Clashes erupted in Tafas yesterday.", [("Tafas", place)], published=date(1, 1, 2))
    [incident] = extract_incidents(doc)
    assert incident.event_date == date(1, 1, 1) and incident.time_precision == 1


# --------------------------------------------------------------------------- size limits


def test_an_article_over_the_limit_is_refused_with_a_clear_error(geoparser):
    from map_app.geoparse.pipeline import MAX_TEXT_CHARS

    text = "clashes erupted in Tafas. " * (MAX_TEXT_CHARS // 26 + 1)
    for call in (geoparser.places, geoparser.parse):
        with pytest.raises(InputError, match=r"too long.*1,000,000 characters"):
            call(text)


def test_an_article_at_the_limit_is_parsed(geoparser):
    from map_app.geoparse.pipeline import MAX_TEXT_CHARS

    unit = "Ein. "
    text = unit * (MAX_TEXT_CHARS // len(unit))
    assert len(text) <= MAX_TEXT_CHARS
    doc = geoparser.parse(text)
    assert doc.sentences[-1].end <= len(text)


def test_cli_refuses_an_oversized_article_in_one_line(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("clashes erupted in Tafas. " * 40_000, encoding="utf-8")  # 1.04 million characters
    result = run_cli("map_app", "places", str(path))
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "too long" in lines[0] and "big.txt" in lines[0]


# --------------------------------------------------------------------------- linear work


class _Distances:
    """Counts the point pairs the resolver measures (wraps haversine_km)."""

    def __init__(self):
        self.pairs = 0
        self._real = resolve_module.haversine_km

    def __call__(self, lat1, lon1, lat2, lon2):
        self.pairs += int(np.broadcast(np.asarray(lat1), np.asarray(lat2)).size)
        return self._real(lat1, lon1, lat2, lon2)


def _pairs(monkeypatch, geoparser, text) -> tuple[int, int]:
    counter = _Distances()
    monkeypatch.setattr(resolve_module, "haversine_km", counter)
    mentions = geoparser.places(text)
    return counter.pairs, len(mentions)


def test_resolution_work_does_not_grow_with_the_square_of_repeated_mentions(monkeypatch, geoparser):
    # One town and one far-away small town, repeated: the old outlier step compared
    # every mention with every other one (n² pairs).
    unit = "clashes erupted in Tafas. Shelling hit Al-Bukamal. "
    small, n_small = _pairs(monkeypatch, geoparser, unit * 500)
    big, n_big = _pairs(monkeypatch, geoparser, unit * 4000)
    assert n_big == 8 * n_small > 0
    assert big <= 2 * small + 1000, (small, big)


def test_resolution_work_is_bounded_per_distinct_place(monkeypatch, geoparser, gazetteer):
    # Many distinct place names: the spatial context is capped at MAX_CONTEXT_PLACES places.
    names = []
    for place in gazetteer.lookup_kind("admin1"):
        if place.name.isascii() and place.name.replace(" ", "").isalpha():
            names.append(place.name)
    names = names[:1500]
    assert len(names) > resolve_module.MAX_CONTEXT_PLACES
    text = " ".join(f"Clashes erupted in the province of {n}." for n in names)
    pairs, found = _pairs(monkeypatch, geoparser, text)
    assert found >= resolve_module.MAX_CONTEXT_PLACES
    # Per distinct name: its candidates (≤ 25) against the context, twice (proximity, outliers).
    assert pairs <= 2 * 25 * found * resolve_module.MAX_CONTEXT_PLACES
    assert pairs < found * found * 2


def test_repeated_names_all_resolve_alike_and_share_their_places(geoparser):
    [one] = geoparser.places("clashes erupted in Tafas.")
    many = geoparser.places("clashes erupted in Tafas. " * 3000)
    assert len(many) == 3000
    assert len({(m.place.pid, m.confidence, m.runner_up and m.runner_up.pid) for m in many}) == 1
    assert many[0].place.pid == one.place.pid
    # Repeats share their Place values instead of holding 3000 copies of each candidate.
    assert len({id(m.place) for m in many}) == 1
    assert len({id(c) for m in many for c in m.candidates}) == len(many[0].candidates)


@pytest.mark.parametrize("blank", [" ", "\t", "\u00a0"])
def test_a_long_blank_after_a_place_is_read_in_linear_time(geoparser, blank):
    # A regular expression with two adjacent runs of blanks took quadratic time on them
    # (20,000 spaces after a place: 2.3 s; a megabyte: hours). 8× the blanks may cost at most
    # 8× the time, with slack for a busy machine.
    import time

    def cost(n: int) -> float:
        text = "Clashes erupted in Homs" + blank * n + "killed 5 in 2024."
        t = time.process_time()
        geoparser.parse(text, published=date(2024, 10, 26))
        return time.process_time() - t

    cost(1000)
    small, big = cost(10_000), cost(80_000)
    assert big < 8 * small * 3 + 0.5, (small, big)
