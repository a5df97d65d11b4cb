"""The day of the story (issue 8, pattern 8, round 2): an event a news article tells without a day of its own
happened on the day of the article's news ("Fighting also flared in X", "In Y, hundreds marched"), not on the
publication day; background told without a day stays undated by the story."""
from datetime import date

from map_app.geoparse.incidents import extract_incidents
from tests.incident_docs import build_document
from tests.incident_places import BINNISH, HAJIN, MAYADIN, SARMIN

PUB = date(2024, 11, 14)  # a Thursday


def incidents(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


def test_an_undated_event_of_another_kind_takes_the_day_of_the_news():
    text = ("Gunmen attacked an army checkpoint in Hajin on Tuesday, killing two soldiers, officials said.\n\n"
            "A car bomb also exploded in Mayadin, residents said.\n")
    found = incidents(text, [("Hajin", HAJIN), ("Mayadin", MAYADIN)])
    assert [(i.place, i.event_date) for i in found] == [(HAJIN, date(2024, 11, 12)), (MAYADIN, date(2024, 11, 12))]


def test_arabic_lines_without_a_day_take_the_day_of_the_lede():
    text = ("قصفت قوات النظام بلدة سرمين أمس الأربعاء ما أدى إلى مقتل شخصين.\n"
            "وخرجت مظاهرات في بلدة بنش احتجاجا على القصف.\n")
    found = incidents(text, [("سرمين", SARMIN), ("بنش", BINNISH)])
    assert [(i.place, i.event_date) for i in found] == [(SARMIN, date(2024, 11, 13)), (BINNISH, date(2024, 11, 13))]


def test_old_news_does_not_date_the_rest():
    text = ("Gunmen attacked an army checkpoint in Hajin on 2 October, killing two soldiers.\n\n"
            "A car bomb exploded in Mayadin, residents said.\n")
    found = incidents(text, [("Hajin", HAJIN), ("Mayadin", MAYADIN)])
    assert found[-1].place is MAYADIN and found[-1].event_date == PUB and found[-1].time_precision == 2
