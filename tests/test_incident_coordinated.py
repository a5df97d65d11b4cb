"""One sentence, several events (issue 8, round 2): coordinated clauses that each name their own event and
place ("air strikes on A, and artillery fire on B"; "a strike killed three in A, and one person was killed in
B"; "... on Monday, and in B ... on Tuesday") give one incident per clause, each with its own toll and day."""
from datetime import date

from map_app.geoparse.incidents import extract_incidents
from tests.incident_docs import build_document
from gazetteer.place import Place
from tests.incident_places import BAGHDAD, BINNISH, BUSAYRAH, HAJIN, MAYADIN, SARMIN

SADR_CITY = Place("Sadr City", 33.39, 44.46, "populated_place", "IQ", admin1="Baghdad", geonameid=7932677)
SANAA = Place("Sanaa", 15.35, 44.21, "populated_place", "YE", "صنعاء", admin1="Sanaa", geonameid=71137)
HODEIDAH_GOV = Place("Al Hudaydah", 14.93, 43.22, "admin1", "YE", "محافظة الحديدة", admin1="Al Hudaydah")
TAIZ_GOV = Place("Ta'izz", 13.43, 43.73, "admin1", "YE", "محافظة تعز", admin1="Ta'izz")

PUB = date(2024, 11, 14)  # a Thursday


def incidents(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


def summary(found):
    return [(i.place, i.sub_event_type, i.fatalities, i.event_date) for i in found]


def test_air_strikes_on_two_towns_and_shelling_near_a_third():
    text = "Turkish warplanes struck Hajin and Mayadin on Tuesday, and artillery shelled villages near Busayrah.\n"
    found = incidents(text, [("Hajin", HAJIN), ("Mayadin", MAYADIN), ("Busayrah", BUSAYRAH)])
    tue = date(2024, 11, 12)
    assert summary(found) == [(HAJIN, "Air/drone strike", None, tue), (MAYADIN, "Air/drone strike", None, tue),
                              (BUSAYRAH, "Shelling/artillery/missile attack", None, tue)]
    assert found[2].geo_precision == 2


def test_two_strikes_in_two_towns_keep_their_own_tolls():
    text = ("In Sarmin, a strike on a car killed three men on Tuesday, and one person was killed in a strike "
            "on Binnish, medics said.\n")
    found = incidents(text, [("Sarmin", SARMIN), ("Binnish", BINNISH)])
    assert [(i.place, i.fatalities) for i in found] == [(SARMIN, 3), (BINNISH, 1)]


def test_each_clause_keeps_its_own_day():
    text = "A mob torched homes in Sarmin on Monday, and in Binnish crowds attacked a church on Tuesday.\n"
    found = incidents(text, [("Sarmin", SARMIN), ("Binnish", BINNISH)])
    assert [(i.place, i.event_date) for i in found] == [(SARMIN, date(2024, 11, 11)), (BINNISH, date(2024, 11, 12))]


def test_an_arabic_sentence_with_a_missile_in_one_town_and_a_drone_in_another():
    text = ("وقال رئيس بلدية الميادين إن صاروخاً أصاب مبنى سكنياً في المدينة أمس ما أدى إلى مقتل شخصين، "
            "فيما قُتل شخص في هجوم بطائرة مسيرة على بلدة هجين.\n")
    found = incidents(text, [("الميادين", MAYADIN), ("هجين", HAJIN)])
    assert [(i.place, i.sub_event_type, i.fatalities) for i in found] == [
        (MAYADIN, "Shelling/artillery/missile attack", 2), (HAJIN, "Air/drone strike", 1)]


def test_a_tail_without_an_event_is_not_a_clause_of_its_own():
    text = ("The IDF shelled Hajin, killing two civilians, and the village of Mayadin, killing an additional "
            "person, on Tuesday.\n")
    found = incidents(text, [("Hajin", HAJIN), ("Mayadin", MAYADIN)])
    assert [(i.place, i.fatalities) for i in found] == [(HAJIN, 2), (MAYADIN, 1)]


def test_a_clause_about_the_same_place_is_the_same_event():
    text = "Drones struck a house in Sarmin on Tuesday, and artillery later shelled the same town of Sarmin.\n"
    found = incidents(text, [("Sarmin", SARMIN)])
    assert [i.place for i in found] == [SARMIN]


def test_a_town_followed_by_its_city_is_one_place_not_a_roundup():
    text = "A car bomb exploded in a crowded market in Sadr City, Baghdad on Tuesday, killing 64 people.\n"
    found = incidents(text, [("Sadr City", SADR_CITY), ("Baghdad", BAGHDAD)])
    assert [(i.place, i.fatalities) for i in found] == [(SADR_CITY, 64)]


def test_strikes_on_a_capital_and_on_named_provinces_are_one_event_in_each():
    text = "شنت طائرات أمريكية فجر اليوم غارات على مواقع في العاصمة صنعاء ومحافظات الحديدة وتعز.\n"
    found = incidents(text, [("صنعاء", SANAA), ("الحديدة", HODEIDAH_GOV), ("تعز", TAIZ_GOV)])
    assert [i.place for i in found] == [SANAA, HODEIDAH_GOV, TAIZ_GOV]
    assert [i.geo_precision for i in found] == [1, 3, 3]
