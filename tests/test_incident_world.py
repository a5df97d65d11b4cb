"""World news outside Syria and Iraq (issue 8, round 2): generic English phrasing of protests, riots,
police violence, shootings, bombings and strikes gets ACLED's event types, and actors get ACLED's generic
names with the event's country ("Protesters (Kenya)", "Police Forces of Kenya (2022-)")."""
from datetime import date

import pytest

from gazetteer.place import Place
from map_app.geoparse.incidents import acled, extract_incidents
from map_app.geoparse.incidents.actors import actor_names
from tests.incident_docs import build_document

PUB = date(2024, 6, 26)  # a Wednesday
NAIROBI = Place("Nairobi", -1.28, 36.82, "populated_place", "KE", admin1="Nairobi City", geonameid=184745)
KISUMU = Place("Kisumu", -0.10, 34.76, "populated_place", "KE", admin1="Kisumu", geonameid=191245)
MOMBASA = Place("Mombasa", -4.05, 39.66, "populated_place", "KE", admin1="Mombasa", geonameid=186301)
NAKURU = Place("Nakuru", -0.31, 36.07, "populated_place", "KE", admin1="Nakuru", geonameid=184622)
PORTLAND = Place("Portland", 45.52, -122.68, "populated_place", "US", admin1="Oregon", geonameid=5746545)
SEATTLE = Place("Seattle", 47.61, -122.33, "populated_place", "US", admin1="Washington", geonameid=5809844)
CROYDON = Place("Croydon", 51.38, -0.10, "populated_place", "GB", admin1="England", geonameid=2652045)
PESHAWAR = Place("Peshawar", 34.01, 71.58, "populated_place", "PK", admin1="Khyber Pakhtunkhwa", geonameid=1168197)
CELAYA = Place("Celaya", 20.52, -100.81, "populated_place", "MX", admin1="Guanajuato", geonameid=4013708)
KHARKIV = Place("Kharkiv", 49.98, 36.25, "populated_place", "UA", admin1="Kharkivska oblast", geonameid=706483)
NANTERRE = Place("Nanterre", 48.89, 2.21, "populated_place", "FR", admin1="Île-de-France", geonameid=2990611)
FASHER = Place("El Fasher", 13.63, 25.35, "populated_place", "SD", admin1="North Darfur", geonameid=379252)


def incidents(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


def kinds(found):
    return [(i.place.name, i.event_type, i.sub_event_type) for i in found]


# --- Countries everywhere ---------------------------------------------------------------------------

def test_every_country_has_an_acled_name_iso_code_and_region():
    assert acled.country_name("KE") == "Kenya"
    assert acled.COUNTRIES["KE"].iso == 404 and acled.COUNTRIES["KE"].region == "Eastern Africa"
    assert acled.COUNTRIES["PK"].region == "South Asia" and acled.COUNTRIES["MM"].region == "Southeast Asia"
    assert acled.COUNTRIES["UA"].region == "Europe" and acled.COUNTRIES["MX"].region == "Central America"
    assert acled.country_name("PS") == "Palestine" and acled.country_name("CD") == "Democratic Republic of Congo"
    assert acled.COUNTRIES.get("ZZ") is None
    assert acled.state_forces("GB", date(2024, 9, 14), "Police") == "Police Forces of the United Kingdom (2024-)"
    assert acled.state_forces("KE", date(2024, 6, 25), "Police") == "Police Forces of Kenya (2022-)"


# --- Protests and riots -------------------------------------------------------------------------------

def test_a_peaceful_march_is_a_peaceful_protest_even_against_raids():
    text = "In Seattle, thousands marched peacefully through downtown on Tuesday to protest immigration raids.\n"
    [inc] = incidents(text, [("Seattle", SEATTLE)])
    assert (inc.event_type, inc.sub_event_type) == ("Protests", "Peaceful protest")
    assert inc.actor1 == "Protesters (United States)"


def test_tear_gas_at_protesters_who_threw_bottles_is_a_violent_demonstration():
    text = ("Police fired tear gas at several hundred protesters outside a federal building in Portland late "
            "Tuesday after some in the crowd threw bottles and fireworks at officers. Eleven people were arrested.\n")
    [inc] = incidents(text, [("Portland", PORTLAND)])
    assert (inc.event_type, inc.sub_event_type) == ("Riots", "Violent demonstration")


def test_tear_gas_at_a_peaceful_crowd_is_a_protest_with_intervention():
    text = "Police fired tear gas to disperse hundreds of protesters outside parliament in Nairobi on Tuesday.\n"
    [inc] = incidents(text, [("Nairobi", NAIROBI)])
    assert (inc.event_type, inc.sub_event_type) == ("Protests", "Protest with intervention")


def test_protesters_who_torch_offices_and_clash_with_police_riot_in_every_town_named():
    text = ("Protesters torched the offices of the governing party in Kisumu on Tuesday and clashed with police "
            "in Mombasa and Nakuru, witnesses said.\n")
    found = incidents(text, [("Kisumu", KISUMU), ("Mombasa", MOMBASA), ("Nakuru", NAKURU)])
    assert kinds(found) == [(p.name, "Riots", "Violent demonstration") for p in (KISUMU, MOMBASA, NAKURU)]
    assert found[0].actor1 == "Rioters (Kenya)"


def test_youths_firing_fireworks_at_police_and_torching_cars_riot():
    text = "In Nanterre, youths fired fireworks at police and torched dozens of cars on Tuesday night.\n"
    [inc] = incidents(text, [("Nanterre", NANTERRE)])
    assert (inc.event_type, inc.sub_event_type) == ("Riots", "Violent demonstration")


def test_protesters_storming_a_compound_riot_and_the_shooting_that_follows_is_the_same_event():
    text = ("2016 in Kenya\n\n- May 20 – Protesters storm the government compound in Nairobi; security forces fire "
            "tear gas and live ammunition, killing four.\n")
    [inc] = incidents(text, [("Nairobi", NAIROBI)], published=None)
    assert (inc.event_type, inc.sub_event_type, inc.fatalities) == ("Riots", "Violent demonstration", 4)


def test_arrests_at_a_protest_are_part_of_it():
    text = ("Hundreds of protesters marched to parliament in Nairobi on Tuesday. Police arrested 40 people "
            "in Nairobi.\n")
    found = incidents(text, [("Nairobi", NAIROBI)])
    assert [i.event_type for i in found] == ["Protests"]


# --- Shootings and attacks on civilians ---------------------------------------------------------------

def test_gunmen_opening_fire_inside_a_bar_attack_civilians():
    text = "Gunmen opened fire inside a bar in the city of Celaya late on Saturday, killing seven people.\n"
    [inc] = incidents(text, [("Celaya", CELAYA)])
    assert (inc.event_type, inc.sub_event_type, inc.fatalities) == ("Violence against civilians", "Attack", 7)
    assert (inc.actor1, inc.actor2) == ("Unidentified Armed Group (Mexico)", "Civilians (Mexico)")


def test_a_man_shot_dead_in_a_street_is_an_attack_with_one_death():
    text = "A 23-year-old man has died after being shot in a street in Croydon on Saturday night, police said.\n"
    [inc] = incidents(text, [("Croydon", CROYDON)], published=date(2024, 9, 16))
    assert (inc.event_type, inc.sub_event_type, inc.fatalities) == ("Violence against civilians", "Attack", 1)
    assert inc.event_date == date(2024, 9, 14)


def test_a_politician_killed_by_fighters_is_violence_against_civilians():
    text = "On Tuesday, fighters killed the Kurdish politician Hevrin Khalaf and her driver near Kharkiv.\n"
    [inc] = incidents(text, [("Kharkiv", KHARKIV)])
    assert (inc.event_type, inc.sub_event_type, inc.fatalities) == ("Violence against civilians", "Attack", 2)


def test_gunmen_storming_a_school_and_abducting_pupils_is_one_abduction():
    text = "Gunmen stormed a school in Kisumu on Tuesday and abducted more than 200 pupils, residents said.\n"
    [inc] = incidents(text, [("Kisumu", KISUMU)])
    assert (inc.event_type, inc.sub_event_type) == ("Violence against civilians", "Abduction/forced disappearance")


# --- Bombings and strikes --------------------------------------------------------------------------------

def test_a_suicide_bombing_at_a_police_mosque_names_the_police_as_target():
    text = ("A suicide bomber blew himself up in a mosque inside a police headquarters in Peshawar on Monday, "
            "killing at least 32 people, most of them policemen.\n")
    [inc] = incidents(text, [("Peshawar", PESHAWAR)])
    assert (inc.sub_event_type, inc.fatalities) == ("Suicide bomb", 32)


def test_russian_missile_strike_on_a_city():
    text = "Russian missiles struck an apartment block in Kharkiv on Tuesday, killing six people.\n"
    [inc] = incidents(text, [("Kharkiv", KHARKIV)])
    assert (inc.event_type, inc.fatalities, inc.actor1) == ("Explosions/Remote violence", 6,
                                                            "Military Forces of Russia (2000-)")


@pytest.mark.parametrize("text,expected", [
    ("the Rapid Support Forces shelled the city", ["Rapid Support Forces"]),
    ("قصفت قوات الدعم السريع المدينة", ["Rapid Support Forces"]),
    ("the Sudanese army said", ["Sudanese forces"]),
    ("Ukraine's military said", ["Ukrainian forces"]),
    ("the Al-Qaeda-linked JNIM group claimed the attack", ["JNIM"]),
    ("the Pakistani Taliban claimed", ["Pakistani Taliban"]),
    ("rioters looted shops", ["Rioters"]),
])
def test_world_actors(text, expected):
    assert actor_names(text) == expected


def test_rsf_shelling_names_the_rsf_and_the_civilians():
    text = "The Rapid Support Forces shelled residential districts of El Fasher on Sunday, killing nine civilians.\n"
    [inc] = incidents(text, [("El Fasher", FASHER)], published=date(2024, 5, 13))
    assert (inc.actor1, inc.actor2) == ("Rapid Support Forces", "Civilians (Sudan)")


def test_protesters_who_storm_a_zone_and_crowds_who_attack_a_church_riot():
    text = "On Tuesday protesters storm the Green Zone in Nairobi.\n"
    [inc] = incidents(text, [("Nairobi", NAIROBI)])
    assert inc.event_type == "Riots"
    text = "On Tuesday in Kisumu crowds attacked a church and set vehicles on fire.\n"
    [inc] = incidents(text, [("Kisumu", KISUMU)])
    assert inc.event_type == "Riots"


def test_a_week_of_earlier_demonstrations_is_background():
    text = ("Hundreds marched in Seattle on Tuesday. The protests followed a week of demonstrations in Portland, "
            "where the National Guard was deployed.\n")
    found = incidents(text, [("Seattle", SEATTLE), ("Portland", PORTLAND)])
    assert [i.place for i in found] == [SEATTLE]


def test_the_attackers_act_where_the_attack_was():
    text = ("Gunmen stormed a school in Kisumu on Tuesday and abducted 200 pupils.\n\n"
            "A local official said one villager who tried to resist was shot dead by the attackers.\n")
    found = incidents(text, [("Kisumu", KISUMU)])
    assert [(i.place, i.sub_event_type, i.fatalities) for i in found] == [
        (KISUMU, "Abduction/forced disappearance", None), (KISUMU, "Attack", 1)]


def test_strikes_that_hit_named_cities_are_air_strikes_and_a_news_agency_is_no_place():
    saba = Place("Saaba", 12.37, -1.42, "populated_place", "BF")
    sanaa = Place("Sanaa", 15.35, 44.21, "populated_place", "YE", admin1="Sanaa", geonameid=71137)
    text = "The Saba news agency said strikes hit the capital Sanaa on Saturday, killing one person.\n"
    [inc] = incidents(text, [("Saba", saba), ("Sanaa", sanaa)])
    assert (inc.place, inc.sub_event_type, inc.fatalities) == (sanaa, "Air/drone strike", 1)
