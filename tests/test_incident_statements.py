"""Reports, statements and references (issue 8, round 2): what a source says it did is an event, what an
official condemns or a court tries is not a new one, an interception is part of the attack it stopped, and
"a pause in the fighting" is no fighting."""
from datetime import date

from gazetteer.place import Place
from map_app.geoparse.incidents import extract_incidents
from tests.incident_docs import build_document
from tests.incident_places import AMADIYA, BAGHDAD, DUHOK_GOV, HAJIN, IRAQ, ISRAEL, MAYADIN, QUNEITRA

PUB = date(2024, 11, 14)  # a Thursday
ODESA = Place("Odesa", 46.49, 30.74, "populated_place", "UA", admin1="Odeska oblast", geonameid=698740)


def incidents(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


def test_a_source_saying_it_had_struck_reports_an_event():
    text = "Hezbollah said it had fired rockets at an Israeli position near Quneitra.\n"
    [inc] = incidents(text, [("Quneitra", QUNEITRA)])
    assert inc.sub_event_type == "Shelling/artillery/missile attack"


def test_the_pluperfect_of_narrative_background_stays_background():
    text = "Militants had shelled Hajin for years before the town was retaken.\n"
    assert incidents(text, [("Hajin", HAJIN)]) == []


def test_interceptions_are_part_of_the_attack_they_stopped():
    text = ("Overnight, Russian drones attacked the port of Odesa, injuring three workers. Air defences shot down "
            "12 of the 15 drones launched.\n")
    [inc] = incidents(text, [("Odesa", ODESA)])
    assert inc.sub_event_type == "Air/drone strike"
    text = ("Hezbollah said it had fired rockets at Quneitra on Wednesday. Israel's military said most of the "
            "rockets were intercepted.\n")
    [inc] = incidents(text, [("Quneitra", QUNEITRA), ("Israel", ISRAEL)])
    assert inc.sub_event_type == "Shelling/artillery/missile attack"


def test_an_interception_on_its_own_is_still_coded():
    text = "Air defences shot down a drone over Quneitra on Wednesday, the army said.\n"
    [inc] = incidents(text, [("Quneitra", QUNEITRA)])
    assert inc.sub_event_type == "Disrupted weapons use"


def test_a_condemned_attack_of_last_week_is_not_a_new_event():
    text = ("أدانت وزارة الخارجية العراقية، اليوم الخميس، القصف التركي على قضاء العمادية في محافظة دهوك الأسبوع "
            "الماضي، واستدعت السفير التركي.\n")
    assert incidents(text, [("العمادية", AMADIYA), ("محافظة دهوك", DUHOK_GOV)]) == []
    text = "The ministry condemned last week's shelling of Amadiya and summoned the ambassador on Thursday.\n"
    assert incidents(text, [("Amadiya", AMADIYA)]) == []


def test_a_trial_for_an_old_bombing_is_not_a_bombing():
    text = ("In Baghdad, a court sentenced three men to death on Wednesday for their role in the 2016 bombing "
            "in Iraq that killed hundreds.\n")
    assert incidents(text, [("Baghdad", BAGHDAD), ("Iraq", IRAQ)]) == []


def test_a_pause_in_the_fighting_is_not_fighting():
    text = ("On 17 October, the two sides agreed to a five-day pause in the fighting around Mayadin, during which "
            "the militia withdrew from Hajin on 20 October.\n")
    found = incidents(text, [("Mayadin", MAYADIN), ("Hajin", HAJIN)], published=None)
    assert all(i.event_type != "Battles" for i in found)


def test_routine_patrols_are_not_events():
    text = "On Tuesday Russian military police conducted joint patrols with local forces around Mayadin.\n"
    assert incidents(text, [("Mayadin", MAYADIN)]) == []
    text = "سيّرت القوات الروسية أمس دورية مشتركة في ريف الميادين.\n"
    assert incidents(text, [("الميادين", MAYADIN)]) == []


def test_a_patrol_that_is_attacked_is_an_attack():
    text = "Gunmen attacked a joint patrol near Mayadin on Tuesday, killing two soldiers.\n"
    [inc] = incidents(text, [("Mayadin", MAYADIN)])
    assert inc.event_type == "Battles"
