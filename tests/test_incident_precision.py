"""Precision rules: background, habitual and reported statements are not incidents; event location and
date come from the event itself (hand-built Documents, no gazetteer needed)."""
from datetime import date

import pytest

from gazetteer.place import Place
from map_app.geoparse.document import Mention
from map_app.geoparse.incidents import extract_incidents
from tests.incident_docs import build_document

IRAQ = Place("Iraq", 33.0, 44.0, "country", "IQ", "العراق", geonameid=99237)
SYRIA = Place("Syria", 35.0, 38.0, "country", "SY", "سوريا", geonameid=163843)
GOLAN = Place("Golan Heights", 33.0, 35.8, "region", "SY", "الجولان", admin1="Quneitra")
BADIA = Place("Syrian Desert", 34.5, 38.5, "region", "SY", "البادية")
ABU_KAMAL = Place("Abu Kamal", 34.45, 40.92, "populated_place", "SY", "البوكمال", admin1="Deir ez-Zor",
                  geonameid=174186)
DEIR = Place("Deir ez-Zor", 35.33, 40.14, "populated_place", "SY", "دير الزور", admin1="Deir ez-Zor",
             geonameid=170794)
MAYADIN = Place("Al-Mayadin", 35.02, 40.45, "populated_place", "SY", "الميادين", admin1="Deir ez-Zor",
                geonameid=170017)
MOSUL = Place("Mosul", 36.34, 43.13, "populated_place", "IQ", "الموصل", admin1="Nineveh", geonameid=99072)
HOMS = Place("Homs", 34.73, 36.71, "populated_place", "SY", "حمص", admin1="Homs", geonameid=169577)
HAMA = Place("Hama", 35.13, 36.75, "populated_place", "SY", "حماة", admin1="Hama", geonameid=170063)
HASAKAH = Place("Al-Hasakah", 36.5, 40.75, "populated_place", "SY", "الحسكة", admin1="Hasakah", geonameid=173194)
DARAA = Place("Daraa", 32.62, 36.1, "populated_place", "SY", "درعا", admin1="Daraa", geonameid=170592)
IDLIB = Place("Idlib", 35.93, 36.63, "populated_place", "SY", "إدلب", admin1="Idlib", geonameid=169388)
QUNEITRA = Place("Quneitra", 33.13, 35.82, "populated_place", "SY", "القنيطرة", admin1="Quneitra",
                 geonameid=173334)
WASHINGTON = Place("Washington", 38.9, -77.04, "populated_place", "US", "واشنطن", geonameid=4140963)
MOSCOW = Place("Moscow", 55.75, 37.62, "populated_place", "RU", "موسكو", geonameid=524901)
LONDON = Place("London", 51.51, -0.13, "populated_place", "GB", "لندن", geonameid=2643743)
QAIM_CROSSING = Place("Al-Qaim border crossing", 34.39, 40.98, "crossing", "IQ", "منفذ القائم", admin1="Anbar")
RABIA_CROSSING = Place("Rabia border crossing", 36.8, 42.1, "crossing", "IQ", "معبر ربيعة", admin1="Nineveh")
HOL_CAMP = Place("Al-Hol camp", 36.38, 41.15, "facility", "SY", "مخيم الهول", admin1="Hasakah")
TANF = Place("Al-Tanf garrison", 33.5, 38.6, "facility", "SY", "التنف", admin1="Homs")

PUB = date(2024, 10, 26)  # a Saturday


def document(text, places=(), published=PUB, source="test"):
    return build_document(text, places, published, source)


def only(incidents):
    assert len(incidents) == 1, incidents
    return incidents[0]


# --- 1. Background and generic statements -------------------------------------------------------

@pytest.mark.parametrize("text,places", [
    # Present tense with "since" / "continues" / "daily": a pattern, not one event.
    ("وتتعرض القوات الأمريكية في سوريا لهجمات متكررة منذ اندلاع الحرب.", [("سوريا", SYRIA)]),
    ("تواصل القوات التركية نهب المحاصيل في ريف الحسكة.", [("الحسكة", HASAKAH)]),
    ("The militias launch drones daily at the garrison in Syria.", [("Syria", SYRIA)]),
    ("وتتعرض قرى ريف إدلب لقصف شبه يومي منذ أسابيع.", [("إدلب", IDLIB)]),
    ("Militias still fire rockets at the base near Abu Kamal.", [("Abu Kamal", ABU_KAMAL)]),
    # The same kind of event named again in the sentence belongs to the same pattern.
    ("وتتلقى القواعد هجمات منذ أشهر، وتشارك في الهجمات فصائل عراقية في سوريا.", [("سوريا", SYRIA)]),
    # A generic plural with a present-tense relative clause.
    ("أثارت الهجمات التي تشنها فصائل مسلحة على القواعد في العراق وسوريا تساؤلات حول بقاء القوات.",
     [("العراق", IRAQ), ("سوريا", SYRIA)]),
    ("Attacks that militias launch against the bases in Iraq raise questions about the mission.",
     [("Iraq", IRAQ)]),
    # Several unspecified occasions.
    ("أسقط التحالف عدة مرات مسيرات باتجاه الجولان.", [("الجولان", GOLAN)]),
    # Historical background: years ago, a past year, a date long before publication.
    ("وقال البيان إن التنظيم الذي سيطر قبل عشر سنوات على الموصل لا يزال خطرا.", [("الموصل", MOSUL)]),
    ("وجاء ذلك بعد مرور أكثر من 13 عاما على قمع الاحتجاجات في حمص.", [("حمص", HOMS)]),
    ("A decade ago, militants captured Mosul.", [("Mosul", MOSUL)]),
    ("In June 2014 the militants seized Mosul.", [("Mosul", MOSUL)]),
    ("The men had been detained in Syria in recent months.", [("Syria", SYRIA)]),
    # Demands, promises and accusations are statements, not events.
    ("وأصدرت الوزارة بيانا طالبت فيه القوات الأجنبية بمغادرة أراضيها، ووقف نهب النفط في الحسكة.",
     [("الحسكة", HASAKAH)]),
    ("The ministry accused foreign troops of looting grain silos near Hasakah.", [("Hasakah", HASAKAH)]),
    ("ووعدت دول بإرسال صواريخ مضادة للدروع إلى الفصائل في درعا.", [("درعا", DARAA)]),
    ("The donors promised to send more rockets to the factions in Daraa.", [("Daraa", DARAA)]),
    ("وقال قادة إن آلاف المقاتلين سيشاركون في الهجوم على درعا.", [("درعا", DARAA)]),
    ("The army moved in an attempt to capture Mosul.", [("Mosul", MOSUL)]),
    # A vague country-level statement: no day, no toll, no past event verb.
    ("وتشهد سوريا هجمات على القواعد الأجنبية.", [("سوريا", SYRIA)]),
    ("Attacks on foreign forces in Iraq are a source of concern.", [("Iraq", IRAQ)]),
])
def test_background_and_statements_yield_no_incident(text, places):
    assert extract_incidents(document(text, places)) == []


def test_a_habitual_sentence_with_a_day_or_a_toll_reports_one_event():
    text = "Militias continue to shell Abu Kamal, killing two civilians."
    inc = only(extract_incidents(document(text, [("Abu Kamal", ABU_KAMAL)])))
    assert inc.fatalities == 2 and inc.place is ABU_KAMAL
    text = "وتواصل الفصائل قصف بلدة الميادين صباح اليوم."
    inc = only(extract_incidents(document(text, [("الميادين", MAYADIN)])))
    assert (inc.event_date, inc.time_precision) == (PUB, 1)


def test_an_accusation_with_a_toll_is_kept():
    text = "The ministry accused foreign drones of striking a car near Abu Kamal, killing three people."
    inc = only(extract_incidents(document(text, [("Abu Kamal", ABU_KAMAL)])))
    assert inc.sub_event_type == "Air/drone strike" and inc.fatalities == 3


def test_a_concrete_country_level_strike_is_kept():
    text = ("نفذت القيادة المركزية غارات جوية في ١١ أكتوبر الجاري ضد معسكرات لداعش في سورية، "
            "مما أسفر عن مقتل ٣٥ عنصرا.")
    inc = only(extract_incidents(document(text, [("سورية", SYRIA)])))
    assert inc.place is SYRIA and inc.geo_precision == 3
    assert (inc.event_date, inc.time_precision, inc.fatalities) == (date(2024, 10, 11), 1, 35)
    # A past event verb alone also lets a country-level report stand.
    inc = only(extract_incidents(document("Militia rockets hit a foreign base in Syria.", [("Syria", SYRIA)])))
    assert inc.sub_event_type == "Shelling/artillery/missile attack"


def test_only_the_pattern_is_dropped_from_a_report():
    text = ("A roadside bomb killed two soldiers near Daraa on Sunday. "
            "Such attacks have become common in the province in recent years.")
    inc = only(extract_incidents(document(text, [("Daraa", DARAA)])))
    assert inc.fatalities == 2 and inc.event_date == date(2024, 10, 20)


# --- 2. Metonymy and the focus region ---------------------------------------------------------------

def test_a_capital_standing_for_its_government_is_not_the_location():
    text = "Moscow said its jets struck a hideout in Syria on Tuesday."
    inc = only(extract_incidents(document(text, [("Moscow", MOSCOW), ("Syria", SYRIA)])))
    assert inc.place is SYRIA and inc.event_date == date(2024, 10, 22)
    text = "أعلنت موسكو أن طائراتها قصفت مقرات لفصائل مسلحة في ريف إدلب أمس."
    inc = only(extract_incidents(document(text, [("موسكو", MOSCOW), ("إدلب", IDLIB)])))
    assert inc.place is IDLIB and inc.sub_event_type == "Air/drone strike" and inc.geo_precision == 2


def test_a_place_qualifying_an_actor_is_not_the_location():
    text = "وأفادت مصادر بأن التحالف الذي تقوده واشنطن نفذ غارة على موقع في سوريا."
    inc = only(extract_incidents(document(text, [("واشنطن", WASHINGTON), ("سوريا", SYRIA)])))
    assert inc.place is SYRIA
    text = "The Washington-led coalition carried out an airstrike on a depot in Syria on Monday."
    assert only(extract_incidents(document(text, [("Washington", WASHINGTON), ("Syria", SYRIA)]))).place is SYRIA


def test_the_focus_region_beats_a_town_elsewhere():
    text = "Drones struck a depot in Syria, the spokesman told reporters in London."
    inc = only(extract_incidents(document(text, [("Syria", SYRIA), ("London", LONDON)])))
    assert inc.place is SYRIA


def test_a_speaker_location_is_not_the_event_location():
    text = "Rockets hit a base near Abu Kamal on Monday, officials in Deir ez-Zor said."
    inc = only(extract_incidents(document(text, [("Abu Kamal", ABU_KAMAL), ("Deir ez-Zor", DEIR)])))
    assert inc.place is ABU_KAMAL


def test_a_road_named_after_a_town_is_not_a_destination():
    text = ("Warplanes carried out airstrikes on the outskirts of Homs on Thursday, "
            "hitting a bridge on the highway to Hama.")
    inc = only(extract_incidents(document(text, [("Homs", HOMS), ("Hama", HAMA)])))
    assert inc.place is HOMS and inc.geo_precision == 2 and inc.event_date == date(2024, 10, 24)


# --- 3. Destination -----------------------------------------------------------------------------------

def test_a_drone_that_reached_a_place_happened_there():
    text = ("وفي الأسبوع الماضي وصلت إحدى المسيرات للجولان وعبرت البادية، وكانت المراقبة ممتدة "
            "من البوكمال وصولا لمدينة دير الزور.")
    golan = text.index("لجولان")  # the recogniser's span for "للجولان" starts at the second ل
    places = [Mention(golan, golan + len("لجولان"), "لجولان", [GOLAN], GOLAN, 0.9)]
    doc = document(text, [("البادية", BADIA), ("البوكمال", ABU_KAMAL), ("دير الزور", DEIR)])
    doc.places = sorted(doc.places + places, key=lambda m: m.start)
    inc = only(extract_incidents(doc))
    assert inc.sub_event_type == "Air/drone strike"
    assert inc.place is GOLAN and inc.location_mention.text == "لجولان"
    assert (inc.event_date, inc.time_precision) == (date(2024, 10, 16), 2)


def test_a_drone_reaching_a_place_in_english():
    text = "A drone reached the Golan after crossing the desert, monitors in Abu Kamal said."
    inc = only(extract_incidents(document(text, [("Golan", GOLAN), ("Abu Kamal", ABU_KAMAL)])))
    assert inc.place is GOLAN


def test_drones_shot_down_on_their_way_are_disrupted_weapons_use():
    text = "وأسقط التحالف مسيرة باتجاه الجولان يوم الخميس، وكانت المسيرة قادمة من البادية."
    inc = only(extract_incidents(document(text, [("الجولان", GOLAN), ("البادية", BADIA)])))
    assert (inc.event_type, inc.sub_event_type) == ("Strategic developments", "Disrupted weapons use")
    assert inc.place is GOLAN and inc.event_date == date(2024, 10, 24)


# --- 4. Dates --------------------------------------------------------------------------------------

def test_an_explicit_day_beats_a_vaguer_expression_in_the_sentence():
    text = "وفي الأسبوع الأول من الشهر الجاري، نفذت القوات غارات على بلدة الميادين في ١١ أكتوبر الجاري."
    inc = only(extract_incidents(document(text, [("الميادين", MAYADIN)])))
    assert (inc.event_date, inc.time_precision) == (date(2024, 10, 11), 1)
    text = "Earlier this month, on 11 October, jets struck Mayadin."
    inc = only(extract_incidents(document(text, [("Mayadin", MAYADIN)])))
    assert (inc.event_date, inc.time_precision) == (date(2024, 10, 11), 1)


# --- 5. Handovers -----------------------------------------------------------------------------------

def test_a_handover_at_a_crossing_is_coded_at_the_crossing():
    text = "أعادت السلطات العراقية أكثر من 1900 جندي سوري إلى سوريا عبر منفذ القائم."
    inc = only(extract_incidents(document(text, [("سوريا", SYRIA), ("منفذ القائم", QAIM_CROSSING)])))
    assert (inc.event_type, inc.sub_event_type) == ("Strategic developments", "Other")
    assert inc.place is QAIM_CROSSING and inc.geo_precision == 1
    assert (inc.event_date, inc.time_precision) == (PUB, 2)


def test_a_handover_with_a_bracketed_name_and_a_date_before_the_count():
    text = ("سلّمت قوات سوريا الديمقراطية (قسد)، يوم الأحد ١٤ كانون الثاني ٢٠٢٤، نحو ١٥٠ عراقياً من قاطني "
            "مخيم الهول إلى السلطات العراقية عبر معبر ربيعة.")
    inc = only(extract_incidents(document(text, [("مخيم الهول", HOL_CAMP), ("معبر ربيعة", RABIA_CROSSING)],
                                          published=date(2024, 1, 15))))
    assert inc.sub_event_type == "Other" and inc.place is RABIA_CROSSING
    assert (inc.event_date, inc.time_precision) == (date(2024, 1, 14), 1)


# --- Anaphora, raids and drills ----------------------------------------------------------------------

def test_a_pointing_reference_without_an_antecedent_is_not_a_new_event():
    text = "In response to this attack, the army launched an operation in Idlib."
    assert extract_incidents(document(text, [("Idlib", IDLIB)])) == []


def test_a_back_reference_with_a_place_in_another_clause_adds_to_the_event():
    text = ("أجرى الجيش مناورات عسكرية في الجولان الأسبوع الماضي. وقال البيان إن التدريبات شملت رمايات حية، "
            "في حين أفاد سكان في ريف القنيطرة بسماع انفجارات.")
    inc = only(extract_incidents(document(text, [("الجولان", GOLAN), ("القنيطرة", QUNEITRA)])))
    assert inc.place is GOLAN and inc.sub_event_type == "Other"


def test_arrests_made_in_a_raid_are_arrests():
    text = "Iraqi forces arrested five suspects in a dawn raid in western Mosul on Tuesday."
    inc = only(extract_incidents(document(text, [("Mosul", MOSUL)])))
    assert (inc.event_type, inc.sub_event_type) == ("Strategic developments", "Arrests")


def test_weapons_used_in_a_drill_are_part_of_the_drill():
    text = "Coalition forces held a live-fire exercise at Al-Tanf on Wednesday. The drills, which included " \
           "artillery fire, took place near the garrison in Syria."
    inc = only(extract_incidents(document(text, [("Al-Tanf", TANF), ("Syria", SYRIA)])))
    assert inc.place is TANF and inc.sub_event_type == "Other"


# --- With the real recogniser and gazetteer ----------------------------------------------------------

def test_real_parser_on_composed_reports(geoparser):
    pub = date(2024, 10, 26)
    doc = geoparser.parse("وفي الأسبوع الماضي وصلت إحدى المسيرات للجولان وعبرت البادية، وكانت المراقبة "
                          "ممتدة من البوكمال وصولا لمدينة دير الزور.", published=pub)
    inc = only(doc.incidents)
    assert inc.sub_event_type == "Air/drone strike" and inc.place.country_code == "SY"
    assert "جولان" in inc.location_mention.text
    doc = geoparser.parse("أعادت السلطات العراقية أكثر من 1900 جندي سوري إلى سوريا عبر منفذ القائم.", published=pub)
    inc = only(doc.incidents)
    assert inc.sub_event_type == "Other" and inc.place.kind == "crossing"
    assert (inc.event_date, inc.time_precision) == (pub, 2)
    doc = geoparser.parse("وأفادت مصادر بأن التحالف الذي تقوده واشنطن نفذ غارة على موقع قرب مدينة الميادين.",
                          published=pub)
    assert only(doc.incidents).place.country_code == "SY"
    for text in ("وتتعرض القوات الأمريكية في سوريا لهجمات متكررة منذ اندلاع الحرب في غزة.",
                 "The ministry accused Turkish forces of looting grain silos in Syria."):
        assert geoparser.parse(text, published=pub).incidents == [], text


def test_real_parser_on_the_demo_articles(geoparser):
    """Every demo article reports one event in the focus region; the dashboard shows them."""
    import json
    from pathlib import Path

    rows = [json.loads(line) for line in
            (Path(__file__).resolve().parents[1] / "map_app/demo/articles.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    for row in rows:
        doc = geoparser.parse(row["text"], published=date.fromisoformat(row["published"]))
        assert len(doc.incidents) == 1, (row["title"], doc.incidents)
        inc = doc.incidents[0]
        assert inc.place.country_code in ("SY", "IQ"), row["title"]
        assert inc.event_date is not None and inc.event_date <= date.fromisoformat(row["published"])
        if "Homs" in row["title"]:
            assert inc.place.name == "Homs" and inc.fatalities == 7
        if "ربيعة" in row["text"]:
            assert inc.place.kind == "crossing" and inc.time_precision == 1
