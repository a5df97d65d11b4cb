"""Background is not news (issue 8, pattern 5): history, context and earlier events told as reasons."""
from datetime import date

import pytest

from map_app.geoparse.incidents import extract_incidents
from tests.incident_docs import build_document
from tests.incident_places import HAJIN, HAWIJA, MANBIJ, SUSAH, ZAKHO, KANI_MASI, SINJAR, IDLIB

PUB = date(2024, 11, 14)  # a Thursday


def found(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


@pytest.mark.parametrize("text,places", [
    # An "after ..." clause tells what came before.
    ("After it captured al-Susah last month, the SDF said the area was calm.", [("al-Susah", SUSAH)]),
    ("وبعد أن سيطرت الفصائل على قرى عدة قرب منبج الشهر الماضي، تباطأ التقدم.", [("منبج", MANBIJ)]),
    # An earlier event given as a reason.
    ("The army said the raid was in retaliation for an attack on its post in Hajin.", [("Hajin", HAJIN)]),
    ("وجاء القصف رداً على هجوم استهدف حاجزاً في هجين.", [("هجين", HAJIN)]),
    ("Citing the recent attack on soldiers in Manbij, the minister called for calm.", [("Manbij", MANBIJ)]),
    # A past year, a span since a dated day, and a bound ("until 2017").
    ("The group controlled Hawija until 2017, when Iraqi forces retook the town.", [("Hawija", HAWIJA)]),
    ("وتتعرض القرى لقصف بالصواريخ منذ الثامن من تشرين الأول/أكتوبر 2023 في منبج.", [("منبج", MANBIJ)]),
    # A pattern.
    ("The Syrian government continued to launch attacks on rebel groups in Idlib.", [("Idlib", IDLIB)]),
])
def test_background_statements_yield_no_incident(text, places):
    assert found(text, places) == []


def test_last_months_event_told_for_context_is_dropped_from_todays_news():
    text = ("Turkish drones struck a house in Kani Masi on Tuesday, killing two people.\n\n"
            "Last month, a Turkish drone killed three people near Zakho.\n")
    incs = found(text, [("Kani Masi", KANI_MASI), ("Zakho", ZAKHO)])
    assert [i.place for i in incs] == [KANI_MASI]


def test_old_events_stay_when_they_are_the_news():
    # The article's only events are two weeks old: nothing recent makes them background.
    text = "Drones struck Sinjar on 1 November, killing two people, officials said on Thursday."
    [inc] = found(text, [("Sinjar", SINJAR)])
    assert inc.event_date == date(2024, 11, 1)
    # A day-precise event of this month is news beside a recent one.
    text = ("Clashes erupted in Hajin on Wednesday.\n"
            "On 2 November drones struck Sinjar, killing two.\n")
    assert len(found(text, [("Hajin", HAJIN), ("Sinjar", SINJAR)])) == 2


def test_the_main_clause_event_beside_an_after_clause_is_kept():
    text = ("اندلعت اشتباكات عنيفة قرب منبج يوم الأحد، بعد أن سيطرت الفصائل على قرى عدة في المنطقة الشهر الماضي.")
    [inc] = found(text, [("منبج", MANBIJ)])
    assert (inc.event_type, inc.sub_event_type, inc.event_date) == ("Battles", "Armed clash", date(2024, 11, 10))


def test_a_date_that_bounds_the_event_is_not_its_day():
    text = ("The SDF attacked Hajin on 9 February 2019.\n"
            "• Fighters captured most of the area during the first week, before halting operations on 12 February.")
    assert [i.event_date for i in found(text, [("Hajin", HAJIN)], published=None)] == [date(2019, 2, 9)]
