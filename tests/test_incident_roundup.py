"""Roundups (issue 8, pattern 4): one incident per place of a list of struck villages or attacked
checkpoints, with each place's own toll or an even share of a total."""
from datetime import date

from map_app.geoparse.incidents import extract_incidents
from tests.incident_docs import build_document
from tests.incident_places import (BINNISH, BUSAYRAH, DHIBAN, HAJIN, IDLIB, IDLIB_GOV, MAYADIN, ABU_KAMAL, SARMIN,
                                   TAFTANAZ, DEIR)

PUB = date(2024, 9, 2)  # a Monday


def found(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


def test_strikes_on_a_list_of_villages_are_one_incident_per_village():
    text = "شنت طائرات حربية روسية صباح اليوم غارات على بلدات سرمين وبنش وتفتناز في ريف إدلب الشرقي."
    incs = found(text, [("سرمين", SARMIN), ("بنش", BINNISH), ("تفتناز", TAFTANAZ), ("إدلب", IDLIB)])
    assert [i.place for i in incs] == [SARMIN, BINNISH, TAFTANAZ]
    assert all(i.sub_event_type == "Air/drone strike" and i.event_date == PUB for i in incs)
    assert all("roundup" in i.review_flags for i in incs)


def test_attacks_on_several_checkpoints_in_english():
    text = "Islamic State cells attacked SDF checkpoints in Dhiban, al-Busayrah and Hajin overnight on Sunday."
    incs = found(text, [("Dhiban", DHIBAN), ("al-Busayrah", BUSAYRAH), ("Hajin", HAJIN)])
    assert [(i.place, i.event_type, i.event_date) for i in incs] == [
        (DHIBAN, "Battles", date(2024, 9, 1)), (BUSAYRAH, "Battles", date(2024, 9, 1)),
        (HAJIN, "Battles", date(2024, 9, 1))]
    assert {(i.actor1, i.actor2) for i in incs} == {("Islamic State (Syria)", "SDF: Syrian Democratic Forces")}


def test_each_place_keeps_its_own_toll():
    text = "The army shelled Hajin, killing two civilians, and the village of Dhiban, killing an additional person."
    incs = found(text, [("Hajin", HAJIN), ("Dhiban", DHIBAN)])
    assert [(i.place, i.fatalities) for i in incs] == [(HAJIN, 2), (DHIBAN, 1)]


def test_a_toll_tied_to_a_place_named_again_goes_to_that_place():
    text = ("شنت طائرات حربية غارات على بلدات سرمين وبنش وتفتناز، ما أسفر عن مقتل أربعة مدنيين في سرمين "
            "وإصابة آخرين في بنش.")
    incs = found(text, [("سرمين", SARMIN), ("بنش", BINNISH), ("تفتناز", TAFTANAZ)])
    assert [(i.place, i.fatalities) for i in incs] == [(SARMIN, 4), (BINNISH, None), (TAFTANAZ, None)]


def test_a_total_is_shared_evenly_the_acled_way():
    text = "US jets struck two sites near Mayadin and Abu Kamal on Tuesday, killing seven fighters."
    incs = found(text, [("Mayadin", MAYADIN), ("Abu Kamal", ABU_KAMAL)])
    assert [(i.place, i.fatalities, i.geo_precision) for i in incs] == [(MAYADIN, 4, 2), (ABU_KAMAL, 3, 2)]


def test_a_front_line_between_two_towns_is_one_event():
    text = "Fighters clashed in the orchards between Hajin and Dhiban on Sunday."
    incs = found(text, [("Hajin", HAJIN), ("Dhiban", DHIBAN)])
    assert len(incs) == 1


def test_a_route_and_a_containing_province_are_not_places_of_the_roundup():
    text = "A convoy was ambushed on the road from Hajin to Dhiban in Deir ez-Zor province on Sunday."
    assert len(found(text, [("Hajin", HAJIN), ("Dhiban", DHIBAN), ("Deir ez-Zor", DEIR)])) == 1
    text = "Jets struck Sarmin and Binnish in Idlib province on Sunday."
    incs = found(text, [("Sarmin", SARMIN), ("Binnish", BINNISH), ("Idlib", IDLIB_GOV)])
    assert [i.place for i in incs] == [SARMIN, BINNISH]


def test_places_that_are_not_coordinated_are_not_a_roundup():
    text = "Drones struck Hajin on Sunday, a day after officials in Dhiban had warned of attacks."
    incs = found(text, [("Hajin", HAJIN), ("Dhiban", DHIBAN)])
    assert [i.place for i in incs] == [HAJIN]
