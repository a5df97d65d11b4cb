"""Choosing the place a mention means, from the document's context."""
from __future__ import annotations


def resolved(geoparser, text):
    return [(m.text, m.place.kind, m.place.country_code) for m in geoparser.places(text)]


def test_cue_words_choose_between_town_and_governorate(geoparser):
    text = "شن المسلحون هجوماً في محافظة درعا، ثم وصلوا إلى مدينة درعا."
    assert resolved(geoparser, text) == [("درعا", "admin1", "SY"), ("درعا", "populated_place", "SY")]


def test_country_qualifier_after_the_name(geoparser):
    lebanon = geoparser.places("Clashes erupted in Tripoli, Lebanon, overnight.")
    assert lebanon[0].place.country_code == "LB"
    libya = geoparser.places("Clashes erupted in Tripoli, Libya, overnight.")
    assert libya[0].place.country_code == "LY"


def test_document_context_prefers_the_region_talked_about(geoparser):
    text = "قصفت القوات مواقع في درعا وريف دمشق، كما استهدفت القنيطرة."
    mentions = geoparser.places(text)
    assert mentions[-1].place.country_code == "SY"


def test_confidence_and_runner_up(geoparser):
    mentions = geoparser.places("Clashes erupted in Tripoli overnight.")
    assert 0.0 <= mentions[0].confidence <= 1.0
    assert mentions[0].runner_up is not None
    assert mentions[0].runner_up.pid != mentions[0].place.pid


def test_crossing_cue_prefers_the_crossing(geoparser):
    mentions = geoparser.places("عاد الجنود عبر معبر القائم الحدودي.")
    assert mentions[0].place.kind in ("crossing", "populated_place")
    assert mentions[0].place.country_code == "IQ"


def test_far_away_homonym_of_a_neighbourhood_is_dropped(geoparser):
    # حي الرميلة is a district of Raqqa; the gazetteer only knows Ar Rumaylah in the UAE.
    text = "شنت القوات حملة اعتقالات في مدينة الرقة طالت شباناً في حيي الرميلة والمشلب."
    mentions = geoparser.places(text)
    assert [(m.text, m.place.country_code) for m in mentions] == [("الرقة", "SY")]


def test_plural_and_dual_cues_govern_joined_names(geoparser):
    arabic = geoparser.places("نفذت القوات حملة في محافظتي الحسكة والرقة.")
    assert [(m.text, m.place.kind) for m in arabic] == [("الحسكة", "admin1"), ("الرقة", "admin1")]
    english = geoparser.places("Curfews were imposed in the governorates of Idlib and Hama.")
    assert [(m.text, m.place.kind) for m in english] == [("Idlib", "admin1"), ("Hama", "admin1")]
