"""Encyclopedic and wire phrasing, round 2 (issue 8, patterns 7 and 8): passive killings of civilians, lifting a
siege, an attempted attack, an embassy stormed by a crowd, bombing by an air force, "the death of N", and a
named victim who "is killed"."""
from datetime import date

from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.incidents.fatalities import count_fatalities
from tests.incident_docs import build_document
from tests.incident_places import BAGHDAD, DEIR, HAJIN, ISRAEL, SINJAR

PUB = date(2024, 11, 14)  # a Thursday


def incidents(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


def kinds(found):
    return [(i.event_type, i.sub_event_type) for i in found]


def test_civilians_killed_by_a_militia_in_retaliation_are_an_attack_on_civilians():
    text = ("On Tuesday 21 civilians were killed in the village of Sinjar by a militia in retaliation for an "
            "earlier massacre.\n")
    [inc] = incidents(text, [("Sinjar", SINJAR)])
    assert (inc.event_type, inc.sub_event_type, inc.fatalities) == ("Violence against civilians", "Attack", 21)


def test_lifting_a_siege_is_fighting():
    text = "On Tuesday the army lifted the siege of the Hajin base, which had been besieged by rebels since June.\n"
    assert kinds(incidents(text, [("Hajin", HAJIN)])) == [("Battles", "Armed clash")]
    text = "فك الجيش أمس الحصار عن قاعدة هجين بعد معارك مع الفصائل.\n"
    assert kinds(incidents(text, [("هجين", HAJIN)])) == [("Battles", "Armed clash")]


def test_an_attempted_infiltration_is_an_event():
    text = "On Tuesday rebel fighters attempted to infiltrate army positions near Hajin.\n"
    assert kinds(incidents(text, [("Hajin", HAJIN)])) == [("Battles", "Armed clash")]


def test_an_embassy_attacked_by_militiamen_and_their_supporters_is_a_riot():
    text = "On Tuesday the US embassy in Baghdad was attacked by militiamen and their supporters.\n"
    assert kinds(incidents(text, [("Baghdad", BAGHDAD)])) == [("Riots", "Violent demonstration")]


def test_bombing_by_an_air_force_or_an_explosion_blamed_on_states_is_an_air_strike():
    text = ("SOHR reported the death of 11 civilians, including 5 children, "
            "by Coalition bombing on Deir ez-Zor on Tuesday.\n")
    [inc] = incidents(text, [("Deir ez-Zor", DEIR)])
    assert (inc.sub_event_type, inc.fatalities) == ("Air/drone strike", 11)
    text = "A militia on Tuesday blamed the United States and Israel for an explosion at an air base in Baghdad.\n"
    [inc] = incidents(text, [("Baghdad", BAGHDAD), ("Israel", ISRAEL)])
    assert inc.sub_event_type == "Air/drone strike"


def test_a_roadside_bombing_stays_an_explosive_device():
    text = "A roadside bombing by ISIS killed two soldiers near Hajin on Tuesday.\n"
    [inc] = incidents(text, [("Hajin", HAJIN)])
    assert inc.sub_event_type == "Remote explosive/landmine/IED"


def test_a_named_victim_who_is_killed_is_one_death():
    assert count_fatalities("Mustafa Badreddine, a senior Hezbollah commander, is killed by artillery fire.") == 1
    assert count_fatalities("Abu Ali al-Shami was killed in a drone strike.") == 1
    assert count_fatalities("The Army was killed off by budget cuts.") is None
