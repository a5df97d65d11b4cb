"""Article layout (issue 8, patterns 1 and 2): headline, lede and body told once; datelines, credits,
captions and embedded posts are never event locations; timelines are dated by their headings."""
from datetime import date

from gazetteer.place import Place
from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.incidents.layout import (BACKGROUND, BODY, CAPTION, CREDIT, HEADING, HEADLINE, LEDE,
                                                analyse_layout)
from map_app.geoparse.sentences import split_sentences
from tests.incident_docs import build_document
from tests.incident_places import (BATIFA, BEIRUT, DEIR, DEIR_GOV, DUHOK, ERBIL, HAJIN, IDLIB, KANI_MASI,
                                   KHAN_ARNABAH, MAYADIN, MOSUL, QUNEITRA, SINJAR, SULAIMANI)

PUB = date(2024, 11, 14)  # a Thursday


def incidents(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


def roles(text, published=PUB):
    sentences = split_sentences(text)
    layout = analyse_layout(text, sentences, published)
    return [(s.text[:25], r) for s, r in zip(sentences, layout.roles)]


# --- 1. Headline, lede and body are one incident ------------------------------------------------------

def test_a_headline_summary_folds_into_the_body_event():
    text = ("Turkish strikes on Duhok villages kill two\n\n"
            "Turkish drones struck a house in Kani Masi on Tuesday, killing two people, officials said.\n")
    [inc] = incidents(text, [("Duhok", DUHOK), ("Kani Masi", KANI_MASI)])
    assert inc.place is KANI_MASI and inc.event_date == date(2024, 11, 12) and inc.fatalities == 2
    assert [text[s:e] for s, e in inc.evidence_spans] == ["Turkish strikes on Duhok villages kill two"]
    assert "merged" in inc.review_flags and "headline_only" not in inc.review_flags


def test_an_arabic_headline_over_the_governorate_folds_into_the_town_report():
    text = ("غارات على محافظة دير الزور تقتل عشرة\n"
            "شنت طائرات مسيرة غارات على مدينة الميادين أمس، ما أسفر عن مقتل عشرة عناصر.\n"
            "وقال المرصد إن الغارات استهدفت مستودعات أسلحة.")
    [inc] = incidents(text, [("محافظة دير الزور", DEIR_GOV), ("الميادين", MAYADIN)])
    assert inc.place is MAYADIN and inc.event_date == date(2024, 11, 13) and inc.fatalities == 10


def test_a_headline_over_a_roundup_keeps_each_village_and_its_own_toll():
    text = ("Turkish drone strikes on Duhok villages kill three\n\n"
            "The drones hit a house in Kani Masi, killing two members of the PKK, and a vehicle in the village of "
            "Batifa, killing a third person, on Tuesday.\n")
    found = incidents(text, [("Duhok", DUHOK), ("Kani Masi", KANI_MASI), ("Batifa", BATIFA)])
    assert [(i.place, i.fatalities) for i in found] == [(KANI_MASI, 2), (BATIFA, 1)]
    assert all(i.event_date == date(2024, 11, 12) for i in found)


def test_the_lede_at_the_district_and_the_body_at_the_village_are_one_event():
    text = ("Turkish drones struck villages near Sinjar on Tuesday, officials said.\n\n"
            "Later a security official said the strike had destroyed a car in Sinjar itself.\n")
    [inc] = incidents(text, [("Sinjar", SINJAR)])
    assert inc.place is SINJAR and inc.geo_precision == 1 and inc.event_date == date(2024, 11, 12)


def test_a_headline_that_matches_nothing_stays_and_is_flagged():
    text = "Clashes in Idlib countryside\n\nThe ministry met donors in Mosul on Monday.\n"
    [inc] = incidents(text, [("Idlib", IDLIB), ("Mosul", MOSUL)])
    assert inc.place is IDLIB and "headline_only" in inc.review_flags


def test_a_read_also_teaser_reports_nothing():
    text = ("Drone strike kills two near Mayadin\n"
            "A drone struck a car near Mayadin on Wednesday, killing two people.\n"
            "Read also:\n"
            "Clashes erupt in Hajin\n")
    [inc] = incidents(text, [("Mayadin", MAYADIN), ("Hajin", HAJIN)])
    assert inc.place is MAYADIN


# --- 2. Datelines, credits, captions and embeds -----------------------------------------------------

def test_english_datelines_are_not_event_locations():
    for dateline in ("ERBIL (Kurdistan 24) – ", "ERBIL, Kurdistan Region (Kurdistan 24) – ", "Erbil (AFP) - "):
        text = f"Drone strike near Sinjar\n\n{dateline}A drone struck a car on Tuesday, killing two people.\n"
        found = incidents(text, [("ERBIL", ERBIL), ("Erbil", ERBIL), ("Sinjar", SINJAR)])
        assert [i.place for i in found] == [SINJAR], dateline


def test_a_dateline_on_its_own_line_is_a_credit():
    text = ("Drone downed near Erbil\n\nSULAIMANI\n\n"
            "Air defences shot down a drone over Erbil late on Monday, officials said.\n")
    assert ("SULAIMANI", CREDIT) in roles(text)
    [inc] = incidents(text, [("SULAIMANI", SULAIMANI), ("Erbil", ERBIL)])
    assert inc.place is ERBIL and inc.sub_event_type == "Disrupted weapons use"


def test_arabic_datelines_and_outlets_are_not_event_locations():
    text = ("قصف إسرائيلي على ريف القنيطرة\n"
            "بيروت - الميادين نت\n"
            "أفادت مصادر الميادين بأن طائرة مسيرة إسرائيلية استهدفت أمس الأربعاء سيارة قرب بلدة خان أرنبة، "
            "ما أدى إلى مقتل شخصين.\n")
    [inc] = incidents(text, [("القنيطرة", QUNEITRA), ("بيروت", BEIRUT), ("الميادين", MAYADIN),
                             ("خان أرنبة", KHAN_ARNABAH)])
    assert inc.place is KHAN_ARNABAH and inc.event_date == date(2024, 11, 13) and inc.fatalities == 2
    text = "بيروت – أفادت مصادر بأن غارة إسرائيلية استهدفت أمس سيارة في القنيطرة."
    [inc] = incidents(text, [("بيروت", BEIRUT), ("القنيطرة", QUNEITRA)])
    assert inc.place is QUNEITRA


def test_photo_captions_and_credit_lines_report_nothing():
    text = ("Car bomb hits Mosul market\n\n"
            "A car bomb exploded in a market in Mosul on Tuesday, killing four people.\n\n"
            "In this file photo taken on March 25, 2022, smoke rises over Sinjar after an airstrike.\n\n"
            "FILE - Iraqi soldiers stand guard in Sinjar, March 25, 2022. (AP Photo, File)\n\n"
            "Source: Kurdistan 24 / clashes in Sinjar\n")
    found = incidents(text, [("Mosul", MOSUL), ("Sinjar", SINJAR)])
    assert [i.place for i in found] == [MOSUL]
    kinds = [r for _t, r in roles(text)]
    assert kinds == [HEADLINE, LEDE, CAPTION, CAPTION, CAPTION, CREDIT]


def test_an_embedded_post_and_a_share_line_report_nothing():
    text = ("تسلمت السلطات العراقية أمس 150 عائلة عراقية عبر معبر ربيعة.\n"
            "تابع أحدث الأخبار عبر تطبيق\n"
            "لحظة وصول الحافلات إلى الموصل pic.twitter.com/abcDEF123 — قناة محلية (@local_tv) November 13, 2024\n")
    found = incidents(text, [("الموصل", MOSUL)])
    assert found == []
    assert [r for _t, r in roles(text)] == [LEDE, CREDIT, CREDIT]


def test_the_layout_roles_of_a_news_article():
    text = ("Turkish drone strike kills two in Sinjar\n\n"
            "ERBIL (Kurdistan 24) – A drone struck a car in Sinjar on Tuesday.\n\n"
            "The strike was the third this month.\n\n"
            "Background\n\n"
            "Turkey has targeted the area since 2017.\n")
    assert [r for _t, r in roles(text)] == [HEADLINE, LEDE, BODY, HEADING, BACKGROUND]


# --- Timelines ----------------------------------------------------------------------------------------

def test_timeline_entries_are_dated_by_their_headings_and_the_title_year():
    text = ("= Timeline of the fighting (March 2023) =\n\n"
            "This timeline covers clashes reported in March 2023.\n\n"
            "=== 3 March ===\n- Clashes erupted near Hajin.\n\n"
            "=== 9 March ===\n- Drones struck positions near Mayadin.\n")
    found = incidents(text, [("Hajin", HAJIN), ("Mayadin", MAYADIN)], published=None)
    assert [(i.place, i.event_date, i.time_precision) for i in found] == [
        (HAJIN, date(2023, 3, 3), 1), (MAYADIN, date(2023, 3, 9), 1)]


def test_an_arabic_timeline_without_a_publication_date():
    text = ("خط زمني للمعارك في ريف دير الزور (2022)\n"
            "3 يناير\n"
            "- هاجمت خلايا التنظيم حاجزاً في بلدة هجين.\n"
            "7 يناير\n"
            "- انفجرت عبوة ناسفة في مدينة الميادين.\n")
    found = incidents(text, [("دير الزور", DEIR), ("هجين", HAJIN), ("الميادين", MAYADIN)], published=None)
    assert [(i.place, i.event_date) for i in found] == [(HAJIN, date(2022, 1, 3)), (MAYADIN, date(2022, 1, 7))]


def test_dated_list_items_without_a_place_continue_the_battle_place():
    text = ("The SDF launched an offensive on Hajin on 9 February 2019.\n"
            "Results\n"
            "• The SDF launched the second attack on 1 March, but resumed the attack on 4 March.\n")
    found = incidents(text, [("Hajin", HAJIN)], published=None)
    assert [(i.place, i.event_date) for i in found] == [
        (HAJIN, date(2019, 2, 9)), (HAJIN, date(2019, 3, 1)), (HAJIN, date(2019, 3, 4))]


def test_a_short_unpunctuated_line_in_the_body_still_reports_its_event():
    text = ("مقتل مدنيين في ريف إدلب\n"
            "قتل شخصان بقصف مدفعي على مدينة إدلب اليوم.\n"
            "وفي الموصل اعتقلت القوات مطلوبين\n"
            "وقال مصدر أمني إن المعتقلين ينتمون إلى خلية نائمة تابعة للتنظيم.\n")
    found = incidents(text, [("إدلب", IDLIB), ("الموصل", MOSUL)])
    assert [(i.place, i.sub_event_type) for i in found] == [(IDLIB, "Shelling/artillery/missile attack"),
                                                           (MOSUL, "Arrests")]


def test_a_headline_naming_its_place_differently_still_folds_into_the_body_event():
    text = ("Turkish drones hit SDF positions near Sinjar Dam; five fighters killed\n\n"
            "Turkish drones on Tuesday struck positions of the SDF near Mosul, killing five fighters.\n")
    dam = Place("Sinjar Dam", 36.5, 42.3, "facility", "IQ")
    [inc] = incidents(text, [("Sinjar Dam", dam), ("Mosul", MOSUL)])
    assert inc.place is MOSUL and inc.event_date == date(2024, 11, 12)
