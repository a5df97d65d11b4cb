"""Timelines and encyclopedic text (issue 8, round 2): the year of a day heading in a page that spans a new
year, the year an earlier "late November 2016" sets, and topic sentences that name an operation."""
from datetime import date

from map_app.geoparse.incidents import extract_incidents
from tests.incident_docs import build_document
from tests.incident_places import ALEPPO, HAJIN, MAYADIN, QUNEITRA, TAL_AFAR


def incidents(text, places, published=None):
    return extract_incidents(build_document(text, places, published))


# --- A timeline page that crosses a new year ------------------------------------------------------

def test_day_headings_before_the_new_year_take_the_first_year_of_the_title_range():
    text = ("= Timeline of the border clashes (20 December 2022 – 10 January 2023) =\n\n"
            "This timeline covers the clashes from 20 December 2022 until 10 January 2023.\n\n"
            "== December ==\n\n"
            "=== 21 December ===\n- Drones struck a car near Quneitra, killing two fighters.\n\n"
            "== January ==\n\n"
            "=== 3 January ===\n- Artillery shelled the outskirts of Hajin.\n")
    found = incidents(text, [("Quneitra", QUNEITRA), ("Hajin", HAJIN)])
    assert [(i.place, i.event_date) for i in found] == [(QUNEITRA, date(2022, 12, 21)), (HAJIN, date(2023, 1, 3))]


def test_day_headings_move_to_the_next_year_when_the_months_wrap_without_month_headings():
    text = ("Timeline of the offensive (November 2018 – February 2019)\n\n"
            "29 November\n- Clashes erupted near Hajin.\n\n"
            "2 February\n- Drones struck positions near Mayadin.\n")
    found = incidents(text, [("Hajin", HAJIN), ("Mayadin", MAYADIN)])
    assert [i.event_date for i in found] == [date(2018, 11, 29), date(2019, 2, 2)]


def test_a_single_year_timeline_keeps_its_year_even_if_a_section_restarts_the_months():
    text = ("= Timeline of the war (2020) =\n\n"
            "== March ==\n=== 5 March ===\n- Clashes erupted near Hajin.\n\n"
            "== Northern front ==\n=== 2 February ===\n- Drones struck positions near Mayadin.\n")
    found = incidents(text, [("Hajin", HAJIN), ("Mayadin", MAYADIN)])
    assert [i.event_date for i in found] == [date(2020, 3, 5), date(2020, 2, 2)]


# --- Encyclopedic narrative --------------------------------------------------------------------------

def test_a_month_and_year_in_an_earlier_sentence_give_the_year_of_later_days():
    text = ("In late November 2016 the army launched a major offensive on the eastern districts of Aleppo. "
            "On 26 November government forces captured the Hanano district of Aleppo.\n")
    found = incidents(text, [("Aleppo", ALEPPO)])
    assert [(i.sub_event_type, i.event_date) for i in found][-1] == ("Government regains territory",
                                                                     date(2016, 11, 26))


def test_the_topic_sentence_of_an_article_about_an_offensive_is_not_an_event():
    text = ("The Tal Afar offensive was a military operation by the Iraqi army to recapture the city of Tal Afar "
            "from ISIL, which had held the city since June 2014.\n\n"
            "On 26 August 2017, Iraqi forces captured the centre of Tal Afar.\n")
    found = incidents(text, [("Tal Afar", TAL_AFAR)])
    assert [(i.sub_event_type, i.event_date) for i in found] == [("Government regains territory",
                                                                  date(2017, 8, 26))]


def test_an_arabic_topic_sentence_naming_a_battle_is_not_an_event():
    text = ("كانت معركة حلب 2016 حملة عسكرية شنتها القوات الحكومية على الأحياء الشرقية من المدينة.\n"
            "وفي 26 نوفمبر 2016 سيطرت القوات الحكومية على حي هنانو في حلب.\n")
    found = incidents(text, [("حلب", ALEPPO)])
    assert [(i.event_type, i.event_date) for i in found] == [("Battles", date(2016, 11, 26))]
