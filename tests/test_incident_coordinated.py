"""One sentence, several events (issue 8, round 2): coordinated clauses that each name their own event and
place ("air strikes on A, and artillery fire on B"; "a strike killed three in A, and one person was killed in
B"; "... on Monday, and in B ... on Tuesday") give one incident per clause, each with its own toll and day."""
from datetime import date

from map_app.geoparse.incidents import extract_incidents
from tests.incident_docs import build_document
from tests.incident_places import BINNISH, BUSAYRAH, HAJIN, MAYADIN, SARMIN

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
