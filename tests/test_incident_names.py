"""Names that are not event places (issue 8, pattern 3): outlets, organisations, institutions, people,
conflicts named after a place, landmarks and nationality adjectives."""
from datetime import date

import pytest

from gazetteer.place import Place
from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.incidents.locate import choose_location
from map_app.geoparse.document import Mention
from tests.incident_docs import build_document
from tests.incident_places import (BUSH, DUMA, ERBIL, GAZA, HAJIN, IDLIB, JERUSALEM, KARAMAH, KURDISTAN, MANBIJ,
                                   MAYADIN, PALMYRA, SUWAYDA, SYRIA, WHITE_HOUSE, AIN_ASAD, DARAA)

PUB = date(2024, 4, 4)


def only(text, places, published=PUB):
    found = extract_incidents(build_document(text, places, published))
    assert len(found) == 1, found
    return found[0]


def mention(text, name, place):
    start = text.index(name)
    return Mention(start, start + len(name), name, [place], place, 0.9)


@pytest.mark.parametrize("text,name,place", [
    ("أفادت مصادر الميادين بأن اشتباكات اندلعت في البادية.", "الميادين", MAYADIN),
    ("Two rockets hit the base, an Iraqi source told Kurdistan 24.", "Kurdistan", KURDISTAN),
    ("Militants of Ahrar al-Sham attacked the checkpoint.", "al-Sham", SYRIA),
    ("Militants of the Abu Amarah Battalion fired a rocket.", "Amarah", SYRIA),
    ("The Manbij Military Council said its fighters clashed with the factions.", "Manbij", MANBIJ),
    ("The White House condemned the strike.", "White House", WHITE_HOUSE),
    ("The State Duma condemned the strike.", "Duma", DUMA),
    ("George Bush ordered the invasion.", "Bush", BUSH),
    ("After the 2023 Gaza war ceasefire, shelling stopped.", "Gaza", GAZA),
    ("كان هجوم درعا 2014 حملة عسكرية واسعة.", "درعا", DARAA),
    ("تظاهر المئات في ساحة الكرامة.", "الكرامة", KARAMAH),
    ("وقالت مواقع سورية إن الاشتباكات توقفت.", "سورية", SYRIA),
])
def test_a_name_inside_an_outlet_organisation_or_person_is_not_a_location(text, name, place):
    assert choose_location(text, 0, [mention(text, name, place)]) is None, name


def test_the_real_place_wins_over_an_outlet_named_after_a_town():
    text = "أفادت مصادر الميادين بأن اشتباكات اندلعت أمس في بلدة هجين."
    inc = only(text, [("الميادين", MAYADIN), ("هجين", HAJIN)])
    assert inc.place is HAJIN


def test_an_outlet_a_credit_and_an_institution_leave_the_event_where_it_happened():
    text = ("Two rockets were fired at Ain al-Asad air base on Wednesday, an Iraqi security source told "
            "Kurdistan 24. The White House said it was following the incident.")
    inc = only(text, [("Ain al-Asad", AIN_ASAD), ("Kurdistan", KURDISTAN), ("White House", WHITE_HOUSE)])
    assert inc.place is AIN_ASAD and inc.sub_event_type == "Shelling/artillery/missile attack"


def test_a_militia_named_after_a_city_is_an_actor_not_a_place():
    text = "قالت مصادر محلية إن عناصر من لواء القدس اشتبكوا مع خلايا لتنظيم داعش في بادية تدمر أمس."
    inc = only(text, [("القدس", JERUSALEM), ("تدمر", PALMYRA)])
    assert inc.place is PALMYRA
    assert (inc.actor1, inc.actor2) == ("Liwa al Quds", "Islamic State (Syria)")


def test_a_landmark_square_puts_the_event_in_its_town():
    text = "تظاهر المئات في ساحة الكرامة وسط مدينة السويداء اليوم."
    inc = only(text, [("الكرامة", KARAMAH), ("السويداء", SUWAYDA)])
    assert inc.place is SUWAYDA and inc.event_type == "Protests"


def test_only_an_outlet_name_gives_no_incident():
    text = "Clashes erupted on Tuesday, an Iraqi source told Kurdistan 24."
    assert extract_incidents(build_document(text, [("Kurdistan", KURDISTAN)], PUB)) == []
    text = "وقالت مصادر الميادين إن اشتباكات اندلعت أمس."
    assert extract_incidents(build_document(text, [("الميادين", MAYADIN)], PUB)) == []


def test_an_ordinary_capitalised_sentence_start_still_names_the_place():
    text = "Drones struck Idlib on Tuesday. Meanwhile Erbil was calm."
    inc = only(text, [("Idlib", IDLIB), ("Erbil", ERBIL)])
    assert inc.place is IDLIB


def test_a_name_cut_after_its_article_belongs_to_the_longer_name():
    hadid = Place("H̱adid", 31.97, 34.93, "populated_place", "IL", geonameid=294942)
    text = "The SDF repelled an attack on the village of Khirbet al-Hadid, east of Manbij, on Tuesday night."
    inc = only(text, [("Hadid", hadid), ("Manbij", MANBIJ)])
    assert inc.place is MANBIJ and inc.geo_precision == 2
