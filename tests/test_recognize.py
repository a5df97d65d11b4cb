"""Finding place mentions: Arabic morphology, English variants, and what is not a place."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from gazetteer.normalize import name_key


def names(geoparser, text):
    return [(m.text, m.place.name if m.place else None) for m in geoparser.places(text)]


def found(geoparser, text):
    return [m.text for m in geoparser.places(text)]


def test_offsets_are_exact_in_the_input(geoparser):
    text = "قال مراسلنا إنّ قافلةً عبرت من البُوكمال إلى دير الزّور ثم إلى الرقة.\n"
    for mention in geoparser.places(text):
        assert text[mention.start:mention.end] == mention.text
    assert found(geoparser, text) == ["البُوكمال", "دير الزّور", "الرقة"]


def test_proclitics_and_stacked_clitics(geoparser):
    text = "انتشرت القوات في حلب وحمص وبالرقة وفي كل من الموصل وكركوك."
    assert found(geoparser, text) == ["حلب", "حمص", "الرقة", "الموصل", "كركوك"]


def test_lam_plus_article_contraction(geoparser):
    text = "وصلت تعزيزات للقنيطرة قادمة من دمشق، في زيارة للجولان."
    mentions = geoparser.places(text)
    assert [m.text for m in mentions] == ["لقنيطرة", "دمشق", "لجولان"]
    assert mentions[0].place.country_code == "SY"
    assert mentions[2].place.name == "Golan Heights"


def test_spelling_variants_of_one_town(geoparser):
    for spelling in ("البوكمال", "البو كمال", "أبو كمال"):
        mentions = geoparser.places(f"سقطت قذائف على مدينة {spelling} فجر اليوم.")
        assert [m.place.geonameid for m in mentions] == [174448], spelling


def test_longest_match_wins_and_no_match_inside_words(geoparser):
    assert found(geoparser, "وصل الوفد إلى دير الزور مساء الأحد.") == ["دير الزور"]
    # السورية / العراقية are adjectives; القائمة is "the list".
    assert found(geoparser, "نشرت الحكومة السورية القائمة الجديدة مع الجهات العراقية.") == []


def test_common_words_that_are_village_names_are_not_pins(geoparser):
    text = ("التقى القائم بالأعمال الأمريكي بالمسؤولين لبحث الأمن والسلام، "
            "وأكد أن الأمل كبير في تحقيق الاستقرار بشكل كامل.")
    assert found(geoparser, text) == []


def test_text_without_places_yields_nothing(geoparser):
    text = ("أكد المتحدث أن الاجتماع كان إيجابياً وأن اللجنة ستواصل عملها خلال الأيام المقبلة، "
            "مشيراً إلى أهمية الحوار والتعاون بين جميع الأطراف من أجل مستقبل أفضل للجميع.\n"
            "The spokesman said the meeting was positive and that the committee will continue its "
            "work over the coming days, stressing dialogue, hope and cooperation. Police said nothing.")
    assert found(geoparser, text) == []


def test_places_inside_organisation_names_are_skipped(geoparser):
    text = ("قال المرصد السوري لحقوق الإنسان إن قوات سوريا الديمقراطية سيطرت على قرية في ريف الحسكة. "
            "The Syrian Observatory for Human Rights said Syrian Democratic Forces entered Hasakah.")
    mentions = found(geoparser, text)
    assert "سوريا" not in mentions and "Syrian" not in " ".join(mentions)
    assert mentions == ["الحسكة", "Hasakah"]


def test_syria_as_an_adjective_is_not_the_country(geoparser):
    assert found(geoparser, "ذكرت مواقع سورية أن 40 موظفا سوريا عادوا.") == []
    assert found(geoparser, "عاد الجنود إلى سورية عبر العراق.") == ["سورية", "العراق"]


def test_english_variants_and_demonyms(geoparser):
    text = ("Fighting was reported in Deir ez-Zor and near Abu Kamal, while Syrian and Iraqi "
            "officials met in Baghdad. Later, convoys left Deir al-Zour for al-Qaim.")
    mentions = geoparser.places(text)
    assert [m.text for m in mentions] == ["Deir ez-Zor", "Abu Kamal", "Baghdad", "Deir al-Zour", "al-Qaim"]
    assert mentions[0].place.geonameid == mentions[3].place.geonameid == 170794


def test_eastern_digits_inside_names(geoparser):
    mentions = geoparser.places("تحلق الطائرات فوق منطقة الـ٥٥ كيلو قرب التنف.")
    assert [m.place.kind for m in mentions][:1] == ["region"]


def test_hashtags_count_but_handles_and_urls_do_not(geoparser):
    text = "#سوريا_الآن صور من @Syria_News و https://example.org/Iraq"
    assert found(geoparser, text) == ["سوريا"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_and_spans_are_in_range(geoparser, text):
    for mention in geoparser.places(text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert name_key(mention.text)


def test_hostile_markup_is_just_text(geoparser):
    text = "<script>alert('دمشق')</script><img src=x onerror=alert(1)> \u202eقصف في حلب\u202c"
    assert [m.text for m in geoparser.places(text)] == ["دمشق", "حلب"]


def test_final_hamza_stays_in_the_span(geoparser):
    text = "انفجرت عبوة قرب سامراء صباحاً."
    mention = geoparser.places(text)[0]
    assert mention.text == "سامراء" and text[mention.end - 1] == "ء"


def test_a_longer_name_keeps_its_words_together(geoparser):
    # رأس العين must not leave العين (Al Ain, UAE) behind, with or without evidence.
    mentions = geoparser.places("قصف مدفعي على رأس العين وتلعفر.")
    assert [(m.text, m.place.country_code) for m in mentions] == [("رأس العين", "SY"), ("تلعفر", "IQ")]


def test_transliteration_habits(geoparser):
    text = "Clashes near Maarat al-Numan, Tal Afar and Ain al-Arab; Qamishlo was calm."
    assert [m.place.geonameid for m in geoparser.places(text)] == [167611, 90393, 172256, 173377]


def test_english_possessive_is_not_part_of_the_name(geoparser):
    text = "Shelling hit Deir ez-Zor's eastern countryside and Raqqa's outskirts."
    assert [m.text for m in geoparser.places(text)] == ["Deir ez-Zor", "Raqqa"]


def test_head_of_an_unknown_latin_name_is_not_a_village(geoparser):
    # "Tal Zaqqumiyat" is made up: its head "Tal" is not the village called Tal.
    text = "Clashes were reported near Tal Zaqqumiyat and Deir Hafer, east of Aleppo."
    assert [m.text for m in geoparser.places(text)] == ["Deir Hafer", "Aleppo"]


def test_transliteration_variants_are_recognised(geoparser):
    text = ("Troops moved from Deir Ezzor to Al-Bokamal, then to Al-Mayadeen and Makhmour; "
            "shelling hit Tal Rifaat and the Hasakeh countryside.")
    mentions = geoparser.places(text)
    assert [m.text for m in mentions] == ["Deir Ezzor", "Al-Bokamal", "Al-Mayadeen", "Makhmour",
                                          "Tal Rifaat", "Hasakeh"]
    assert [m.place.country_code for m in mentions] == ["SY", "SY", "SY", "IQ", "SY", "SY"]
    assert mentions[1].place.geonameid == 174448


def test_folded_spellings_of_ordinary_words_are_not_places(geoparser):
    # "Kim" folds to the key of Qaim, "Sid" to that of Said, "Home" to Homs' spelling family.
    text = ("Kim told reporters that Home Office staff met Sid and Reading fans at the Dome. "
            "Dear colleagues, Mayday calls rose.")
    assert [m.text for m in geoparser.places(text)] == []


def test_cue_nouns_are_not_places_and_the_is_not_part_of_a_name(geoparser):
    assert [m.text for m in geoparser.places("عبرت السفن باتجاه ميناء طرطوس.")] == ["طرطوس"]
    assert [m.text for m in geoparser.places("The Jordan River and the Golan.")] == ["Jordan River", "Golan"]
