"""Arabic news phrasing, round 2 (issue 8): "استشهد N" is a death toll, "تحرير المدينة من داعش" is the government's
recapture, small-arms fire on a checkpoint is fighting, and protesters setting fire to a building riot."""
from datetime import date

from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.incidents.fatalities import count_fatalities
from tests.incident_docs import build_document
from tests.incident_places import HAJIN, MAYADIN, MOSUL

PUB = date(2024, 11, 14)  # a Thursday


def incidents(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


def test_martyrs_are_deaths():
    assert count_fatalities("استشهد 14 مواطناً، بينهم 6 أطفال، وأصيب العشرات") == 14
    assert count_fatalities("كما استشهد 3 مواطنين في قصف مدفعي") == 3


def test_the_liberation_of_a_city_from_isis_is_a_government_recapture():
    text = "أعلن رئيس الوزراء اليوم من الموصل تحرير المدينة بالكامل من تنظيم داعش بعد معارك استمرت تسعة أشهر.\n"
    [inc] = incidents(text, [("الموصل", MOSUL)])
    assert (inc.event_type, inc.sub_event_type) == ("Battles", "Government regains territory")


def test_the_side_a_town_was_taken_from_does_not_decide_who_took_it():
    text = "Government forces on Wednesday recaptured Hajin from ISIS after a week of fighting.\n"
    [inc] = incidents(text, [("Hajin", HAJIN)])
    assert inc.sub_event_type == "Government regains territory"
    text = "On Wednesday the town of Hajin was declared fully liberated from ISIS.\n"
    [inc] = incidents(text, [("Hajin", HAJIN)])
    assert inc.sub_event_type == "Government regains territory"


def test_gunmen_firing_machine_guns_at_a_checkpoint_fight():
    text = "استهدف مسلحون حاجزاً أمنياً على مدخل مدينة الميادين بالأسلحة الرشاشة مساء أمس.\n"
    [inc] = incidents(text, [("الميادين", MAYADIN)])
    assert (inc.event_type, inc.sub_event_type) == ("Battles", "Armed clash")


def test_protesters_setting_fire_to_a_building_riot():
    text = "وفي الميادين، أضرم محتجون النار في بوابة مبنى البلدية أمس الأربعاء.\n"
    [inc] = incidents(text, [("الميادين", MAYADIN)])
    assert (inc.event_type, inc.sub_event_type) == ("Riots", "Violent demonstration")


def test_launching_an_operation_to_recapture_a_town_is_fighting_there():
    text = "- 20 أغسطس: القوات العراقية تبدأ عملية عسكرية لاستعادة قضاء هجين من تنظيم داعش.\n"
    found = incidents("2017 في العراق\n" + text, [("هجين", HAJIN)], published=None)
    assert [(i.event_type, i.sub_event_type, i.event_date) for i in found] == [
        ("Battles", "Armed clash", date(2017, 8, 20))]


def test_reinforcements_without_a_day_are_an_announcement():
    text = "وأعلنت وزارة الدفاع إرسال تعزيزات عسكرية إلى المنطقة وفرض حظر تجول في مدينة الميادين.\n"
    assert incidents(text, [("الميادين", MAYADIN)]) == []
