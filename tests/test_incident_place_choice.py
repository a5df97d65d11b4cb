"""Place choice, round 2 (issue 8, pattern 6): a country that acts is an actor, "the Gulf of Aden" is not Aden,
"the Sagaing region" is a province, "the city" is the article's city, and a name the recogniser left unlisted
in one sentence is the place it found for the same name elsewhere in the article."""
from dataclasses import replace
from datetime import date

from gazetteer.place import Place
from map_app.geoparse.document import Document, Mention
from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.sentences import split_sentences
from tests.incident_docs import build_document
from tests.incident_places import AZAZ, BEIRUT, HAJIN

PUB = date(2024, 11, 14)  # a Thursday
RUSSIA = Place("Russia", 61.7, 99.1, "country", "RU", "روسيا", geonameid=2017370)
ADEN = Place("Aden", 12.78, 45.04, "populated_place", "YE", "عدن", admin1="Aden", geonameid=415189)
SAGAING = Place("Sagaing", 21.88, 95.98, "populated_place", "MM", admin1="Sagaing", geonameid=1298824)
KANBALU = Place("Kanbalu", 23.20, 95.52, "populated_place", "MM", admin1="Sagaing", geonameid=1319533)
FASHER = Place("El Fasher", 13.63, 25.35, "populated_place", "SD", admin1="North Darfur", geonameid=379252)


def incidents(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


def test_a_country_that_launches_an_attack_is_its_actor_not_its_place():
    text = "شنت روسيا، اليوم الخميس، هجوماً واسعاً بالصواريخ على مدن أوكرانية، ما أسفر عن مقتل ثلاثة أشخاص.\n"
    assert incidents(text, [("روسيا", RUSSIA)]) == []
    text = "Russia launched a barrage of missiles at Ukrainian cities on Thursday, killing three people.\n"
    assert incidents(text, [("Russia", RUSSIA)]) == []


def test_a_country_struck_is_still_the_place():
    text = "Ukrainian drones struck Russia on Thursday, killing three people.\n"
    [inc] = incidents(text, [("Russia", RUSSIA)])
    assert inc.place is RUSSIA


def test_a_gulf_named_after_a_town_is_not_the_town():
    text = "A missile struck a fuel tanker in the Gulf of Aden on Wednesday, causing a fire but no casualties.\n"
    assert incidents(text, [("Aden", ADEN)]) == []


def test_a_region_named_like_its_capital_is_the_region_and_folds_into_the_town_report():
    text = ("A military air strike on a village in the central Sagaing region killed 28 people on Wednesday, "
            "residents said. Two jets bombed a school in a village near the town of Kanbalu.\n")
    [inc] = incidents(text, [("Sagaing", SAGAING), ("Kanbalu", KANBALU)])
    assert (inc.place, inc.fatalities, inc.event_date) == (KANBALU, 28, date(2024, 11, 13))


def test_the_city_is_the_city_just_named():
    text = ("The Rapid Support Forces shelled residential districts of El Fasher on Wednesday, killing nine "
            "civilians. The army said its warplanes struck RSF positions east of the city.\n")
    found = incidents(text, [("El Fasher", FASHER)])
    assert [(i.place, i.sub_event_type, i.geo_precision) for i in found] == [
        (FASHER, "Shelling/artillery/missile attack", 1), (FASHER, "Air/drone strike", 2)]


def test_a_name_left_unlisted_takes_the_place_found_for_it_elsewhere_in_the_article():
    text = ("BEIRUT (Reuters) - A car bomb exploded in Azaz on Wednesday, killing eight people.\n\n"
            "Azaz, near the Turkish border, has been hit by several bombings.\n")
    guess = Place("Azaz", BEIRUT.lat, BEIRUT.lon, "unlisted", "LB")
    first, second = text.find("Azaz"), text.rfind("Azaz")
    mentions = [Mention(0, 6, "BEIRUT", [BEIRUT], BEIRUT, 0.9), Mention(first, first + 4, "Azaz", [guess], guess, 0.5),
                Mention(second, second + 4, "Azaz", [AZAZ], AZAZ, 0.9)]
    doc = Document(text=text, published=PUB, source="t", sentences=split_sentences(text), places=mentions)
    [inc] = extract_incidents(doc)
    assert inc.place is AZAZ and inc.fatalities == 8


def test_an_unlisted_name_never_named_elsewhere_stays_as_it_is():
    text = "A car bomb exploded in Hajin on Wednesday, killing eight people.\n"
    guess = replace(HAJIN, kind="unlisted", geonameid=None)
    [inc] = incidents(text, [("Hajin", guess)])
    assert inc.place is guess
