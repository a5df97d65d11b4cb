"""Namesakes in another country: the area a sentence places a village in
decides ("X in the Hama countryside", "قرية X في ريف حلب", "X district of
Balochistan"), and a town just across the border from the document's places
is that town, not an unlisted name."""
from __future__ import annotations

from gazetteer.index import haversine_km


def found(geoparser, text):
    return {m.text: m for m in geoparser.places(text)}


def test_a_cued_village_in_a_syrian_countryside_is_not_a_namesake_across_the_border(geoparser):
    got = found(geoparser, "قصفت المدفعية التركية قرية السويدية في ريف حلب الشرقي صباح اليوم")
    village = got["السويدية"].place
    assert village.country_code == "SY"
    assert got["السويدية"].needs_review


def test_a_small_namesake_abroad_loses_to_the_countryside_named_after_it(geoparser):
    got = found(geoparser, "Gunmen on motorbikes attacked al-Zara in the Hama countryside on Friday night.")
    mention = next(m for t, m in got.items() if "Zara" in t)
    assert mention.place.country_code == "SY"
    assert haversine_km(mention.place.lat, mention.place.lon, 35.13, 36.76) < 80


def test_a_district_named_with_its_province_is_not_a_district_of_another_country(geoparser):
    got = found(geoparser, "Police said militants shot dead four labourers in Musakhel district of "
                           "Balochistan province on Tuesday.")
    mention = next(m for t, m in got.items() if t.startswith("Musakhel"))
    assert mention.place.country_code == "PK"


def test_a_town_across_the_border_from_the_documents_places_is_that_town(geoparser):
    got = found(geoparser, "Israeli artillery shelled the outskirts of Marjayoun in south Lebanon, "
                           "and sirens sounded in Metula across the border.")
    assert got["Metula"].place.kind == "populated_place"
    assert haversine_km(got["Metula"].place.lat, got["Metula"].place.lon, 33.28, 35.58) < 5


def test_a_small_town_named_with_its_state_is_found_without_a_preposition(geoparser):
    got = found(geoparser, "Boko Haram fighters stormed Gwoza in Borno State, Nigeria, before dawn.")
    assert "Gwoza" in got
    assert got["Gwoza"].place.country_code == "NG"
    assert haversine_km(got["Gwoza"].place.lat, got["Gwoza"].place.lon, 11.08, 13.70) < 10


def test_every_name_of_a_plural_cue_list_is_a_place(geoparser):
    got = found(geoparser, "Drones struck the border villages of Marwahin, Ramyeh and Aitaroun in south Lebanon.")
    assert {"Ramyeh", "Aitaroun"} <= set(got)
    assert all(got[n].place.country_code == "LB" for n in ("Ramyeh", "Aitaroun"))
    got = found(geoparser, "قصفت المدفعية بلدات الخيام وعيترون ومركبا في جنوب لبنان")
    assert {"عيترون", "مركبا"} <= {t.lstrip("و") for t in got}


def test_a_village_with_a_generic_head_and_no_cue_is_a_place_of_the_area_around_it(geoparser):
    got = found(geoparser, "Regime artillery shelled Kafr Naya and nearby farmland in the northern Aleppo "
                           "countryside on Tuesday.")
    assert "Kafr Naya" in got
    village = got["Kafr Naya"].place
    assert village.country_code == "SY" and village.kind == "unlisted"
    assert haversine_km(village.lat, village.lon, 36.20, 37.16) < 60


def test_a_far_namesake_followed_by_its_area_is_an_unlisted_village_of_that_area(geoparser):
    # Goya is a town in Argentina; the sentence places this one in south Lebanon.
    got = found(geoparser, "Israeli artillery shelled Goya in south Lebanon on Monday, and drones flew over Tyre.")
    assert "Goya" in got
    village = got["Goya"]
    assert village.place.country_code == "LB" and village.place.kind == "unlisted"
    assert village.runner_up is not None and village.runner_up.country_code == "AR"


def test_a_far_namesake_with_no_area_after_it_is_still_dropped(geoparser):
    got = found(geoparser, "Israeli artillery shelled Goya on Monday, and drones flew over Tyre in south Lebanon.")
    assert "Goya" not in got


def test_a_name_the_gazetteer_lacks_between_a_preposition_and_its_state_is_unlisted_there(geoparser):
    got = found(geoparser, "Heavy fighting was reported near Paletwa in Chin State, Myanmar, on Sunday.")
    assert "Paletwa" in got
    town = got["Paletwa"]
    assert town.place.kind == "unlisted" and town.place.country_code == "MM" and town.needs_review
    # Ordinary words in that position are no place.
    got = found(geoparser, "Fighting was reported in Chin State, Myanmar, and police in Rakhine State said so.")
    assert "Fighting" not in got and "police" not in got


def test_an_unlisted_name_with_no_area_anywhere_in_the_text_is_not_returned_without_a_place(geoparser):
    for text in ("the town of Zorvane.", "قصف على بلدة زروفان"):
        assert all(m.place is not None for m in geoparser.places(text))
