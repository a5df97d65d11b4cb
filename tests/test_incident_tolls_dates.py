"""Fatalities and dates (issue 8, pattern 8)."""
from datetime import date

import pytest

from map_app.geoparse.incidents import count_fatalities, extract_incidents, find_dates
from tests.incident_docs import build_document
from tests.incident_places import ATARIB, AZAZ, JASIM, SARAQIB, KHAN_ARNABAH

PUB = date(2024, 12, 9)  # a Monday


def only(text, places, published=PUB):
    found = extract_incidents(build_document(text, places, published))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,toll", [
    ("A car bomb killed 12 people, including three children, in the market.", 12),
    ("قتل 12 شخصاً بينهم 3 أطفال، وأصيب أكثر من عشرين آخرين، جراء القصف.", 12),
    ("Four HTS fighters and three soldiers were killed.", 7),
    ("قتل عنصران من الأمن العام بهجوم على حاجز.", 2),
    ("قتل مدنيان وأصيب ثلاثة آخرون جراء القصف.", 2),
    ("قتل راعٍ وأصيب اثنان آخران بانفجار لغم.", 1),
    ("Clashes in the province kill twenty-three soldiers.", 23),
])
def test_the_toll_is_the_number_killed(text, toll):
    assert count_fatalities(text) == toll


def test_less_than_48_hours_ago_is_the_day_before_publication():
    inc = only("A car bomb exploded in a market in Azaz less than 48 hours ago, killing 12 people, including three "
               "children.", [("Azaz", AZAZ)])
    assert (inc.event_date, inc.time_precision, inc.fatalities) == (date(2024, 12, 8), 1, 12)
    inc = only("قتل عنصران من الأمن قبل أقل من 48 ساعة بهجوم على حاجز في بلدة جاسم، وفق ما أفاد مصدر محلي اليوم.",
               [("جاسم", JASIM)])
    assert (inc.event_date, inc.fatalities) == (date(2024, 12, 8), 2)


@pytest.mark.parametrize("phrase,expected", [
    ("48 hours ago", date(2024, 12, 7)), ("three days ago", date(2024, 12, 6)),
    ("قبل ثلاثة أيام", date(2024, 12, 6)), ("قبل أقل من 48 ساعة", date(2024, 12, 8)),
    ("أمس الأحد", date(2024, 12, 8)), ("on Saturday", date(2024, 12, 7)), ("يوم الأحد", date(2024, 12, 8)),
])
def test_relative_days_resolve_against_the_publication_date(phrase, expected):
    [d] = [d for d in find_dates(phrase, PUB) if d.value is not None][:1]
    assert d.value == expected


def test_a_weekday_and_yesterday_agree_and_the_report_date_is_not_a_second_event():
    inc = only("استهدفت طائرة مسيرة أمس الأحد سيارة قرب بلدة خان أرنبة، بحسب ما ذكرت الوكالة اليوم الإثنين.",
               [("خان أرنبة", KHAN_ARNABAH)])
    assert inc.event_date == date(2024, 12, 8)


def test_two_days_in_one_sentence_are_two_events():
    text = "The SDF launched an attack on Jasim on 1 December, but resumed the attack on 4 December."
    found = extract_incidents(build_document(text, [("Jasim", JASIM)], PUB))
    assert [i.event_date for i in found] == [date(2024, 12, 1), date(2024, 12, 4)]


def test_the_lede_dates_the_body_retelling_it():
    text = ("Artillery shelled Atarib on Sunday, killing two civilians.\n\n"
            "The shells hit a school in Atarib and a house near Saraqib, rescuers said.\n")
    found = extract_incidents(build_document(text, [("Atarib", ATARIB), ("Saraqib", SARAQIB)], PUB))
    assert {i.event_date for i in found} == {date(2024, 12, 8)}


def test_hours_later_is_the_same_day():
    text = ("A drone struck a car near Atarib on Saturday.\n\n"
            "Hours later, rockets hit Saraqib.\n")
    found = extract_incidents(build_document(text, [("Atarib", ATARIB), ("Saraqib", SARAQIB)], PUB))
    assert [(i.place, i.event_date) for i in found] == [(ATARIB, date(2024, 12, 7)), (SARAQIB, date(2024, 12, 7))]
