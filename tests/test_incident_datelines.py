"""Wire datelines in their other common forms (issue 8, pattern 2, round 2): with the day of filing
("CAIRO, May 2 (Reuters) -") or with a state abbreviation that ends in a full stop ("PORTLAND, Ore. (AP) —")."""
from datetime import date

from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.incidents.layout import analyse_layout
from map_app.geoparse.sentences import split_sentences
from tests.incident_docs import build_document
from tests.incident_places import BEIRUT, ERBIL, GAZA

PUB = date(2024, 11, 14)  # a Thursday


def incidents(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


def test_a_dateline_with_the_filing_day_is_not_an_event_location():
    for dateline in ("ERBIL, Nov 13 (Reuters) - ", "ERBIL, November 13 (Reuters) - ", "ERBIL, Nov. 13 (AP) — "):
        text = (f"Drone strike kills two\n\n{dateline}"
                "A drone struck a car in the Gaza Strip on Wednesday, killing two.\n")
        found = incidents(text, [("ERBIL", ERBIL), ("Gaza Strip", GAZA)])
        assert [i.place for i in found] == [GAZA], dateline
        blocked = analyse_layout(text, split_sentences(text), PUB).blocked
        assert [text[a:b].strip() for a, b in blocked] == [dateline.strip()]


def test_a_dateline_cut_by_the_sentence_splitter_is_still_a_dateline():
    # "Beirut, Leb." ends a "sentence" for the splitter; the dateline runs on to the dash.
    text = ("Drone strike kills two\n\nBEIRUT, Leb. (AP) — A drone struck a car on Wednesday in the Gaza Strip, "
            "killing two people.\n")
    found = incidents(text, [("BEIRUT", BEIRUT), ("Gaza Strip", GAZA)])
    assert [i.place for i in found] == [GAZA]


def test_a_story_with_nothing_but_a_dateline_place_yields_no_incident_there():
    text = "Clashes reported\n\nERBIL, Nov 13 (Reuters) - Clashes broke out on Wednesday, residents said.\n"
    assert incidents(text, [("ERBIL", ERBIL)]) == []
