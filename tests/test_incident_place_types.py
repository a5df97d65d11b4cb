"""Place inside the event clause (issue 8, pattern 6) and event types (pattern 7)."""
from datetime import date

from gazetteer.place import Place
from map_app.geoparse.document import Mention
from map_app.geoparse.incidents import extract_incidents
from tests.incident_docs import build_document
from tests.incident_places import (AIN_ASAD, BASRA, ERBIL, IDLIB, IDLIB_GOV, MANBIJ, SARAQIB, SUKHNAH, SYRIA,
                                   TAL_TAMR, DEIR, HAJIN)

PUB = date(2025, 3, 6)  # a Thursday


def only(text, places, published=PUB):
    found = extract_incidents(build_document(text, places, published))
    assert len(found) == 1, found
    return found[0]


# --- 6. Place choice ------------------------------------------------------------------------------------

def test_the_town_named_in_the_next_clause_beats_the_country_and_the_governorate():
    text = "Turkish drones struck Syria's Idlib province on Monday, hitting a car in the town of Saraqib."
    inc = only(text, [("Syria", SYRIA), ("Idlib", IDLIB_GOV), ("Saraqib", SARAQIB)])
    assert inc.place is SARAQIB and inc.geo_precision == 1


def test_a_capital_named_as_its_province_or_countryside_is_not_town_precise():
    inc = only("Russian jets struck villages in Idlib province on Monday.", [("Idlib", IDLIB)])
    assert inc.place is IDLIB and inc.geo_precision == 3 and "area_only" in inc.review_flags
    inc = only("Russian jets struck villages in the Idlib countryside on Monday.", [("Idlib", IDLIB)])
    assert inc.geo_precision == 2
    inc = only("قصفت المدفعية قرى في ريف إدلب أمس.", [("إدلب", IDLIB)])
    assert inc.geo_precision == 2


def test_a_village_the_gazetteer_lacks_is_coded_near_its_area_and_flagged():
    village = Place("Umm al-Kaif", TAL_TAMR.lat, TAL_TAMR.lon, "unlisted", "SY", admin1="Al-Hasakah",
                    admin2="Al-Hasakah")
    text = "Turkish artillery shelled the village of Umm al-Kaif near Tal Tamr on Monday."
    doc = build_document(text, [("Tal Tamr", TAL_TAMR)], PUB)
    start = text.index("Umm al-Kaif")
    doc.places = sorted(doc.places + [Mention(start, start + 11, "Umm al-Kaif", [village], village, 0.6,
                                              reason="unlisted", cue="village")], key=lambda m: m.start)
    [inc] = extract_incidents(doc)
    assert inc.place is village and inc.geo_precision == 2 and "unlisted_place" in inc.review_flags
    only_governorate = Place("Tal Jihan", DEIR.lat, DEIR.lon, "unlisted", "SY", admin1="Deir ez-Zor")
    text = "Drones struck the village of Tal Jihan on Monday."
    doc = build_document(text, [], PUB)
    start = text.index("Tal Jihan")
    doc.places = [Mention(start, start + 9, "Tal Jihan", [only_governorate], only_governorate, 0.6)]
    [inc] = extract_incidents(doc)
    assert inc.geo_precision == 3 and "unlisted_place" in inc.review_flags


def test_two_countries_are_no_location():
    iraq = Place("Iraq", 33.0, 44.0, "country", "IQ", geonameid=99237)
    text = "The United States conducted airstrikes on militia depots in Iraq and Syria on Sunday, killing 25."
    assert extract_incidents(build_document(text, [("Iraq", iraq), ("Syria", SYRIA)], PUB)) == []


# --- 7. Event types -------------------------------------------------------------------------------------

def test_a_drone_shot_down_before_it_hits_is_disrupted_weapons_use():
    for text in ("Drone downed near Erbil airport, no casualties",
                 "Air defences shot down an explosive-laden drone near Erbil late on Wednesday.",
                 "An explosive-laden drone was intercepted over Erbil on Wednesday before it reached its target."):
        inc = only(text, [("Erbil", ERBIL)])
        assert (inc.event_type, inc.sub_event_type) == ("Strategic developments", "Disrupted weapons use"), text
    inc = only("أسقطت الدفاعات الجوية طائرة مسيرة قرب قاعدة عين الأسد فجر اليوم.", [("عين الأسد", AIN_ASAD)])
    assert inc.sub_event_type == "Disrupted weapons use"


def test_a_defused_device_is_disrupted_weapons_use():
    inc = only("Police defused a second device near the checkpoint in Hajin on Wednesday.", [("Hajin", HAJIN)])
    assert inc.sub_event_type == "Disrupted weapons use"
    inc = only("فككت فرق الهندسة عبوة ناسفة زرعها مجهولون قرب هجين أمس.", [("هجين", HAJIN)])
    assert inc.sub_event_type == "Disrupted weapons use"


def test_isis_firing_on_villagers_is_violence_against_civilians():
    inc = only("Islamic State gunmen opened fire on a group of shepherds near Sukhnah on Wednesday, killing five.",
               [("Sukhnah", SUKHNAH)])
    assert (inc.event_type, inc.sub_event_type) == ("Violence against civilians", "Attack")
    assert (inc.actor1, inc.actor2, inc.civilian_targeting) == ("Islamic State (Syria)", "Civilians (Syria)", True)
    assert inc.fatalities == 5 and inc.interaction == 27
    inc = only("أطلق عناصر من تنظيم داعش النار على رعاة أغنام في بادية السخنة أمس، ما أدى إلى مقتل ثلاثة منهم.",
               [("السخنة", SUKHNAH)])
    assert inc.event_type == "Violence against civilians" and inc.fatalities == 3
    # Fire exchanged between two armed sides stays a battle.
    inc = only("ISIS militants opened fire on an SDF checkpoint near Hajin on Wednesday.", [("Hajin", HAJIN)])
    assert inc.event_type == "Battles"


def test_protesters_storming_a_building_riot():
    inc = only("Hundreds of protesters stormed the provincial council building in Basra on Wednesday and police "
               "fired tear gas.", [("Basra", BASRA)])
    assert (inc.event_type, inc.sub_event_type) == ("Riots", "Violent demonstration")
    assert (inc.actor1, inc.actor2) == ("Rioters (Iraq)", "Police Forces of Iraq (2022-)")
    assert inc.disorder_type == "Demonstrations" and inc.interaction == 15


def test_air_support_and_return_fire_belong_to_the_ground_battle():
    inc = only("Government forces attacked HTS positions near Saraqib on Wednesday, backed by Russian warplanes, "
               "and HTS fighters responded with artillery fire.", [("Saraqib", SARAQIB)])
    assert (inc.event_type, inc.sub_event_type) == ("Battles", "Armed clash")
    inc = only("هاجمت قوات النظام مواقع الفصائل قرب سراقب أمس بغطاء جوي روسي.", [("سراقب", SARAQIB)])
    assert inc.event_type == "Battles"


def test_forces_fleeing_a_town_lost_it():
    inc = only("On Wednesday, the Iraqi Army fled the city of Manbij as militants advanced.", [("Manbij", MANBIJ)])
    assert (inc.event_type, inc.sub_event_type) == ("Battles", "Non-state actor overtakes territory")


def test_a_battle_and_an_abduction_in_one_sentence_are_two_events():
    found = extract_incidents(build_document(
        "On Wednesday, opposition fighters captured the village of Hajin and dozens of civilians were kidnapped.",
        [("Hajin", HAJIN)], PUB))
    assert [(i.event_type, i.sub_event_type) for i in found] == [
        ("Battles", "Non-state actor overtakes territory"),
        ("Violence against civilians", "Abduction/forced disappearance")]
