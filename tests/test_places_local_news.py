"""English local news: the UK's nations and the continents, and towns smaller than
the recogniser's bare-name threshold when the text gives a clear cue
("in Knaresborough", "Granbury police said", "Sisters, Ore.") in a document
about that country."""
from __future__ import annotations

from gazetteer.index import haversine_km


def places(geoparser, text):
    return {m.text: m.place for m in geoparser.places(text)}


def test_uk_nations_and_continents_are_places(geoparser):
    found = places(geoparser, "Rents in England rose faster than in Scotland or Wales, "
                              "while exports to Europe and Africa fell.")
    assert set(found) == {"England", "Scotland", "Wales", "Europe", "Africa"}
    assert haversine_km(found["England"].lat, found["England"].lon, 52.5, -1.5) < 100
    assert haversine_km(found["Scotland"].lat, found["Scotland"].lon, 56.5, -4.0) < 100
    assert found["England"].country_code == "GB"


def test_surname_england_is_not_a_place(geoparser):
    assert "England" not in places(geoparser, "Private Lynndie England testified in Texas on Monday.")


def test_small_town_after_a_preposition_in_the_documents_country(geoparser):
    text = ("Councillors in Leeds and Harrogate backed the plan on Tuesday. Parking charges will "
            "double in Knaresborough from April, and traders near Pateley Bridge are worried.")
    found = places(geoparser, text)
    assert found["Knaresborough"].country_code == "GB"
    assert haversine_km(found["Knaresborough"].lat, found["Knaresborough"].lon, 54.01, -1.47) < 20
    assert found["Pateley Bridge"].country_code == "GB"


def test_small_town_before_police_or_after_a_town_noun(geoparser):
    text = ("A chase that began in Fort Worth on Sunday ended near Granbury, where Granbury police "
            "arrested a 23-year-old Weatherford man.")
    found = places(geoparser, text)
    assert found["Granbury"].admin1 == "Texas"
    assert found["Weatherford"].admin1 == "Texas"


def test_town_with_a_state_after_it_needs_no_other_context(geoparser):
    found = places(geoparser, "The fire burned toward Sisters, Ore., on Tuesday.")
    assert found["Sisters"].country_code == "US" and found["Sisters"].admin1 == "Oregon"


def test_names_after_prepositions_in_place_free_text_stay_names(geoparser):
    # No place in the document: no country to look small towns up in.
    text = "The award went to Jenkins in March, and in Bradley's view the team at Hope deserved it."
    assert geoparser.places(text) == []


def test_a_small_town_abroad_is_not_found_without_that_country(geoparser):
    # Knaresborough is an English town; a US document gives no reason to look there.
    text = "Voters in Dallas and Houston went to the polls, and in Knaresborough a fair opened."
    assert "Knaresborough" not in places(geoparser, text)


def test_names_listed_after_a_place_are_places_of_its_country(geoparser):
    text = ("Buses will replace trains in north Wales between Wrexham and Chester, and passengers "
            "to Ruthin face delays.")
    found = places(geoparser, text)
    assert found["Chester"].country_code == "GB"
    assert found["Ruthin"].country_code == "GB"


def test_a_month_or_an_ordinary_word_after_in_is_not_a_town(geoparser):
    # March is a town in Cambridgeshire, Reading one in Berkshire: as words they stay words.
    text = "Councillors in Leeds will vote in March on a budget for Reading and Writing classes."
    assert set(places(geoparser, text)) == {"Leeds"}


def test_a_small_namesake_in_the_documents_country_joins_the_candidates(geoparser):
    # The automaton knows Keswick only as Ontario's (21,000); the English one is a small town.
    # (And a small town known only abroad does not make the document about its country.)
    text = "Hotels in Manchester were full, and traffic in Keswick was heavy."
    found = places(geoparser, text)
    assert found["Keswick"].country_code == "GB"


def test_towns_named_together_are_read_as_one_county(geoparser):
    # Each name has a bigger namesake elsewhere in the US; together they are south-west Ohio.
    text = ("Farmers from Greenfield and Leesburg drove to Hillsboro on Tuesday to protest the new "
            "water rates, and the council in Wilmington will vote next week.")
    found = places(geoparser, text)
    assert {found[n].admin1 for n in ("Greenfield", "Leesburg", "Hillsboro", "Wilmington")} == {"Ohio"}


def test_towns_inside_the_states_the_story_names(geoparser):
    text = ("Trailers were stolen from truck stops in Indiana and Ohio, taken from lots near "
            "Richmond and Lafayette and driven to Cleveland.")
    found = places(geoparser, text)
    assert found["Richmond"].admin1 == "Indiana" and found["Lafayette"].admin1 == "Indiana"


def test_a_state_named_like_a_country_in_local_news_is_the_state(geoparser):
    text = ("The fair opens Friday in Statesboro, and buses will run from Savannah and Macon. "
            "It is the largest agricultural show in south Georgia.")
    found = places(geoparser, text)
    assert found["Georgia"].kind == "admin1" and found["Georgia"].country_code == "US"


def test_the_country_georgia_in_world_news_stays_the_country(geoparser):
    text = "Russia and Georgia traded accusations after talks in Geneva and Tbilisi collapsed."
    assert places(geoparser, text)["Georgia"].kind == "country"
