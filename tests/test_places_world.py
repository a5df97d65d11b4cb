"""World news as well as Syria: US states and counties, qualifiers after a town,
names inside longer names, the document-adaptive regional prior, country points,
joined Arabic spellings, and villages the gazetteer lacks."""
from __future__ import annotations

from gazetteer.index import haversine_km


def resolved(geoparser, text):
    return [(m.text, m.place.country_code, m.place.kind) for m in geoparser.places(text)]


def test_us_states_need_no_cue(geoparser):
    mentions = geoparser.places("He grew up in a small farm town and later moved to Ohio and Texas.")
    assert [(m.text, m.place.kind, m.place.country_code) for m in mentions] == [
        ("Ohio", "admin1", "US"), ("Texas", "admin1", "US")]


def test_generic_admin1_names_are_not_pinned_without_a_cue(geoparser):
    # Several countries have an admin-1 area called "Northern" or "Central".
    assert [m.text for m in geoparser.places("Central banks and Northern lights were discussed.")] == []


def test_counties_are_admin2_places_with_a_point(geoparser):
    mentions = geoparser.places("Officials in Harris County and Cook County postponed the vote.")
    assert [(m.text, m.place.kind, m.place.country_code) for m in mentions] == [
        ("Harris County", "admin2", "US"), ("Cook County", "admin2", "US")]
    houston, chicago = (29.76, -95.37), (41.85, -87.65)
    assert haversine_km(mentions[0].place.lat, mentions[0].place.lon, *houston) < 80
    assert haversine_km(mentions[1].place.lat, mentions[1].place.lon, *chicago) < 80


def test_towns_carry_their_district(gazetteer):
    houston = gazetteer.lookup("Houston")[0]
    assert houston.country_code == "US" and houston.admin2 == "Harris County" and houston.admin1 == "Texas"


def test_state_abbreviation_after_a_town_is_the_state_and_qualifies_it(geoparser):
    mentions = geoparser.places("She was born in Kansas City, Kan., and later taught in Alexandria, Va.")
    assert [(m.text, m.place.name) for m in mentions] == [
        ("Kansas City", "Kansas City"), ("Kan", "Kansas"), ("Alexandria", "Alexandria"), ("Va", "Virginia")]
    assert mentions[2].place.country_code == "US" and mentions[2].place.admin1 == "Virginia"


def test_admin1_after_a_town_beats_a_country_or_a_bigger_namesake(geoparser):
    mentions = geoparser.places("The mayor of Lebanon, N.H., flew to Paris, Texas, for the fair.")
    places = {m.text: m.place for m in mentions}
    assert places["Lebanon"].kind == "populated_place" and places["Lebanon"].admin1 == "New Hampshire"
    assert places["Paris"].country_code == "US" and places["Paris"].admin1 == "Texas"


def test_regional_preference_yields_to_a_document_about_elsewhere(geoparser):
    text = ("Commuters from Alexandria and Arlington crowded the Washington metro on Monday, "
            "while traffic near Baltimore and Philadelphia was light.")
    places = {m.text: m.place for m in geoparser.places(text)}
    assert places["Alexandria"].country_code == "US"
    assert places["Philadelphia"].country_code == "US"


def test_regional_preference_holds_in_a_document_about_the_region(geoparser):
    text = "Aid convoys left Amman for the Jordan valley towns and for Medina and Jeddah in Saudi Arabia."
    places = {m.text: m.place for m in geoparser.places(text)}
    assert places["Medina"].country_code == "SA"


def test_names_inside_longer_names_are_not_places(geoparser):
    text = ("The White House said George Bush met members of the State Duma, "
            "and Michael Jordan signed autographs at the University of Aleppo.")
    assert [m.text for m in geoparser.places(text)] == []


def test_a_sentence_end_is_not_a_longer_name(geoparser):
    text = "Protesters stormed the embassy of Bahrain in Baghdad. Bahrain recalled its envoy."
    assert [m.text for m in geoparser.places(text)] == ["Bahrain", "Baghdad", "Bahrain"]


def test_compass_word_before_a_country_keeps_the_country(geoparser):
    text = "Fighting went on in northeast Syria and southern Lebanon, and in northern Iraq."
    assert resolved(geoparser, text) == [("Syria", "SY", "country"), ("Lebanon", "LB", "country"),
                                         ("Iraq", "IQ", "country")]


def test_country_points_lie_in_the_main_territory(gazetteer):
    france = gazetteer.lookup("France")[0]
    assert france.kind == "country" and haversine_km(france.lat, france.lon, 46.0, 2.0) < 300
    russia = gazetteer.lookup("Russia")[0]
    assert haversine_km(russia.lat, russia.lon, 60.0, 100.0) < 1000  # GeoNames' point


def test_joined_arabic_spellings_and_capitals(geoparser):
    text = "وصل الوفد إلى الخرطوم ثم إلى خانيونس."
    mentions = geoparser.places(text)
    assert [m.text for m in mentions] == ["الخرطوم", "خانيونس"]
    assert mentions[0].place.country_code == "SD" and mentions[1].place.country_code == "PS"


def test_unlisted_village_is_pinned_at_the_area_the_text_gives(geoparser):
    text = "قصفت الطائرات قرية زعفرانية الشرقية في ريف دير الزور الشرقي فجر اليوم."
    mentions = geoparser.places(text)
    village = mentions[0]
    assert village.text == "زعفرانية" and village.reason == "unlisted"
    assert village.place.kind == "unlisted" and village.place.geonameid is None
    assert village.place.country_code == "SY" and village.needs_review
    deir = mentions[-1].place
    assert (village.place.lat, village.place.lon) == (deir.lat, deir.lon)


def test_unlisted_english_village_near_a_town(geoparser):
    text = "Gunmen attacked the village of Umm Qurzabiyat near Hawija on Sunday."
    mentions = geoparser.places(text)
    assert [m.text for m in mentions] == ["Umm Qurzabiyat", "Hawija"]
    village, hawija = mentions
    assert village.place.kind == "unlisted" and village.place.country_code == "IQ"
    assert haversine_km(village.place.lat, village.place.lon, hawija.place.lat, hawija.place.lon) < 1


def test_a_cued_village_is_never_a_far_homonym(geoparser):
    # الحسينية is a town in Egypt and in Jordan; this one is in Deir ez-Zor's countryside.
    text = "قصفت الطائرات قرية الحسينية في ريف دير الزور الشرقي."
    village = geoparser.places(text)[0]
    assert village.place.country_code == "SY"
    assert village.place.lat > 34.5 and village.place.lon > 39.5


def test_a_demonym_before_a_cue_word_is_not_a_place(geoparser):
    text = "A drone struck a car on the outskirts of Al-Bukamal, a Syrian town on the border with Iraq."
    assert [m.text for m in geoparser.places(text)] == ["Al-Bukamal", "Iraq"]


def test_a_conjunction_after_a_cue_is_not_an_unlisted_name(geoparser):
    text = "تقدمت القوات نحو قرى وتلال ريف حماة الشمالي."
    assert [m.text for m in geoparser.places(text)] == ["حماة"]


def test_a_kind_word_after_the_name_beats_a_preposition_before_it(geoparser):
    mention = geoparser.places("Airstrikes hit villages in Deir Ezzor province on Sunday.")[0]
    assert (mention.text, mention.cue, mention.place.kind) == ("Deir Ezzor", "province", "admin1")


def test_a_possessive_before_a_lower_case_noun_is_still_a_place(geoparser):
    text = "Anbar's police chief and Anbar tribal fighters met in Ramadi."
    assert [m.text for m in geoparser.places(text)] == ["Anbar", "Anbar", "Ramadi"]
    assert [m.text for m in geoparser.places("The Anbar Police Chief spoke.")] == []


def test_towns_of_local_news_are_found(geoparser):
    text = ("The plant in Kokomo will hire 300 workers. Officials in Waukesha and Topeka "
            "praised the plan, and a teacher from Macon, Ga., spoke.")
    mentions = geoparser.places(text)
    assert [m.text for m in mentions] == ["Kokomo", "Waukesha", "Topeka", "Macon", "Ga"]
    assert all(m.place.country_code == "US" for m in mentions)


def test_counties_know_their_state(gazetteer):
    county = next(p for p in gazetteer.lookup("Tarrant County") if p.kind == "admin2")
    assert (county.country_code, county.admin1) == ("US", "Texas")
