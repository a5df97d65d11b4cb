"""End-to-end incident extraction on hand-built Documents (no gazetteer needed)."""
import time
from datetime import date

from gazetteer.place import Place
from map_app.geoparse.document import Document, Mention
from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.sentences import split_sentences
from tests.incident_docs import build_document

IRAQ = Place("Iraq", 33.0, 44.0, "country", "IQ", "العراق", geonameid=99237)
SYRIA = Place("Syria", 35.0, 38.0, "country", "SY", "سوريا", geonameid=163843)
GOLAN = Place("Golan Heights", 33.0, 35.8, "region", "SY", "الجولان", admin1="Quneitra")
ABU_KAMAL = Place("Abu Kamal", 34.45, 40.92, "populated_place", "SY", "البوكمال", admin1="Deir ez-Zor",
                  geonameid=174186)
MOSUL = Place("Mosul", 36.34, 43.13, "populated_place", "IQ", "الموصل", admin1="Nineveh", geonameid=99072)
IDLIB = Place("Idlib", 35.93, 36.63, "populated_place", "SY", "إدلب", admin1="Idlib", geonameid=169388)
DEIR_GOV = Place("Deir ez-Zor Governorate", 35.0, 40.5, "admin1", "SY", "محافظة دير الزور")

PUB = date(2024, 10, 15)  # a Tuesday


def document(text, places=(), published=PUB, source="fixture"):
    return build_document(text, places, published, source)


def only(incidents):
    assert len(incidents) == 1, incidents
    return incidents[0]


def test_drone_launched_from_one_place_reaching_another():
    text = "أعلنت المقاومة الإسلامية في العراق أنها أطلقت مسيرات من العراق باتجاه الجولان أمس."
    inc = only(extract_incidents(document(text, [("العراق", IRAQ), ("الجولان", GOLAN)])))
    assert (inc.event_type, inc.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert inc.place is GOLAN and inc.location_mention.text == "الجولان"
    assert inc.geo_precision == 2
    assert (inc.event_date, inc.time_precision) == (date(2024, 10, 14), 1)
    assert inc.actors == ["Islamic Resistance in Iraq"]
    assert inc.evidence == text[inc.start:inc.end] == text
    assert inc.source == "fixture"


def test_english_drone_attack_reaching_a_target():
    text = "The Islamic Resistance in Iraq said it launched drones from Iraq towards the Golan on Sunday."
    inc = only(extract_incidents(document(text, [("Iraq", IRAQ), ("Golan", GOLAN)])))
    assert inc.place is GOLAN
    assert inc.event_date == date(2024, 10, 13)


def test_country_only_event_is_kept_with_precision_3():
    text = "Coalition airstrikes on ISIS camps in Syria, 35 killed."
    inc = only(extract_incidents(document(text, [("Syria", SYRIA)])))
    assert inc.place is SYRIA and inc.geo_precision == 3
    assert inc.fatalities == 35
    # No date expression: publication date, coded as week precision.
    assert (inc.event_date, inc.time_precision) == (PUB, 2)
    assert inc.actors == ["International coalition", "ISIS"]


def test_arabic_clitics_eastern_digits_and_relative_date_across_year():
    text = "وبالقصف المدفعي على مدينة البوكمال يوم الأحد الماضي قُتل ٥ مدنيين وأصيب ١٠ آخرون."
    inc = only(extract_incidents(document(text, [("البوكمال", ABU_KAMAL)], published=date(2024, 1, 2))))
    assert inc.sub_event_type == "Shelling/artillery/missile attack"
    assert (inc.event_date, inc.time_precision) == (date(2023, 12, 31), 1)
    assert inc.fatalities == 5
    assert inc.geo_precision == 1


def test_statement_only_paragraph_yields_nothing():
    text = ("الولايات المتحدة تقرر بقاء قواتها في العراق.\n"
            "وقال المتحدث إن واشنطن ستواصل دعم شركائها في الحرب على داعش في سوريا.\n"
            "The Pentagon decided to keep troops in Iraq and warned of attacks on its bases in Syria.")
    assert extract_incidents(document(text, [("العراق", IRAQ), ("سوريا", SYRIA), ("Iraq", IRAQ),
                                             ("Syria", SYRIA)])) == []


def test_negated_events_yield_nothing():
    text = "لم تطلق الفصائل أي صواريخ على الموصل. There were no strikes on Mosul yesterday."
    assert extract_incidents(document(text, [("الموصل", MOSUL), ("Mosul", MOSUL)])) == []


def test_no_place_means_no_incident():
    text = "شنت طائرات حربية غارات عنيفة أمس."
    assert extract_incidents(document(text)) == []


def test_place_from_the_previous_sentence_of_the_same_paragraph():
    text = "توترت الأوضاع في مدينة إدلب. وشنت طائرات حربية غارات أمس.\nوشنت طائرات حربية غارات جديدة."
    inc = only(extract_incidents(document(text, [("إدلب", IDLIB)])))
    assert inc.place is IDLIB and inc.evidence == "وشنت طائرات حربية غارات أمس."
    # The second paragraph has no place of its own and may not borrow one.


def test_date_from_an_earlier_sentence_of_the_same_paragraph():
    text = ("في 11 أكتوبر الجاري توترت الأوضاع. واندلعت اشتباكات في مدينة إدلب.\n"
            "واندلعت اشتباكات في الموصل.")
    first, second = extract_incidents(document(text, [("إدلب", IDLIB), ("الموصل", MOSUL)]))
    assert (first.place, first.event_date, first.time_precision) == (IDLIB, date(2024, 10, 11), 1)
    # New paragraph: falls back to the publication date, week precision.
    assert (second.place, second.event_date, second.time_precision) == (MOSUL, PUB, 2)


def test_without_any_date_the_event_date_is_none():
    text = "Clashes erupted in Idlib yesterday."
    inc = only(extract_incidents(document(text, [("Idlib", IDLIB)], published=None)))
    assert inc.event_date is None and inc.time_precision is None


def test_reports_of_one_event_are_merged():
    text = ("غارات على البوكمال أسفرت عن مقتل 12 عنصراً من الميليشيات الموالية لإيران\n"
            "شنت طائرات التحالف الدولي غارات جوية على مدينة البوكمال، ما أسفر عن مقتل 10 عناصر.")
    inc = only(extract_incidents(document(text, [("البوكمال", ABU_KAMAL)])))
    # The body report leads; the headline is kept as further evidence.
    assert inc.evidence.startswith("شنت طائرات التحالف")
    assert [text[s:e] for s, e in inc.evidence_spans] == [text.split("\n")[0]]
    assert inc.fatalities == 10  # the body's figure (a headline's total never lowers it)
    assert set(inc.actors) == {"Iran-backed militias", "International coalition"}
    assert inc.actor1 == "International Coalition Against ISIS"
    assert inc.actor2 == "Iran-backed Militias (Syria)"
    assert "merged" in inc.review_flags


def test_a_sentence_referring_back_adds_to_the_event():
    text = "استهدفت طائرة مسيرة سيارة في مدينة إدلب أمس. وأسفر الهجوم عن مقتل ثلاثة أشخاص."
    inc = only(extract_incidents(document(text, [("إدلب", IDLIB)])))
    assert inc.sub_event_type == "Air/drone strike" and inc.fatalities == 3
    text = "A drone struck a car in Idlib yesterday. The strike killed three people."
    inc = only(extract_incidents(document(text, [("Idlib", IDLIB)])))
    assert inc.fatalities == 3


def test_fatalities_reported_in_the_next_sentence():
    text = "Airstrikes hit Idlib on Monday. Five people were killed, medics said."
    assert only(extract_incidents(document(text, [("Idlib", IDLIB)]))).fatalities == 5


def test_a_governorate_level_report_folds_into_the_town_report():
    text = ("غارات جوية على محافظة دير الزور\n"
            "شنت طائرات مسيرة غارات جوية على مدينة البوكمال أمس.")
    inc = only(extract_incidents(document(text, [("محافظة دير الزور", DEIR_GOV), ("البوكمال", ABU_KAMAL)])))
    assert inc.place is ABU_KAMAL and inc.event_date == date(2024, 10, 14)


def test_different_events_stay_separate():
    text = ("اندلعت اشتباكات في مدينة إدلب أمس. واعتقلت القوات العراقية خمسة مطلوبين في الموصل.\n"
            "وشنت طائرات غارات على البوكمال يوم الأحد.")
    incidents = extract_incidents(document(text, [("إدلب", IDLIB), ("الموصل", MOSUL), ("البوكمال", ABU_KAMAL)]))
    assert [(i.sub_event_type, i.place.name) for i in incidents] == [
        ("Armed clash", "Idlib"), ("Arrests", "Mosul"), ("Air/drone strike", "Abu Kamal")]


def test_background_history_is_not_an_incident():
    text = "سيطر تنظيم داعش على مدينة الموصل عام 2014."
    assert extract_incidents(document(text, [("الموصل", MOSUL)])) == []


def test_planned_future_dates_are_not_event_dates():
    text = "Clashes in Idlib are expected on 20 October 2024, after fighting on 12 October."
    inc = only(extract_incidents(document(text, [("Idlib", IDLIB)])))
    assert inc.event_date == date(2024, 10, 12)


def test_html_and_script_do_not_crash_or_produce_incidents():
    text = ("<html><head><script>var s = 'airstrike on Idlib'; if (a < b) { x(); }</script>"
            "<style>.x{color:red}</style></head><body><p>غارة جوية على إدلب أمس.</p><!-- clashes in Idlib -->"
            "</body></html>")
    incidents = extract_incidents(document(text, [("إدلب", IDLIB), ("Idlib", IDLIB)]))
    assert [(i.sub_event_type, i.location_mention.text) for i in incidents] == [("Air/drone strike", "إدلب")]


def test_degenerate_documents():
    assert extract_incidents(Document(text="")) == []
    assert extract_incidents(Document(text="   \n ")) == []
    # Sentences not supplied: the extractor splits the text itself.
    text = "Clashes erupted in Idlib."
    doc = document(text, [("Idlib", IDLIB)])
    doc.sentences = []
    assert only(extract_incidents(doc)).place is IDLIB
    # Mentions with offsets outside the text are ignored.
    doc.places.append(Mention(500, 510, "x", [IDLIB], IDLIB))
    assert len(extract_incidents(doc)) == 1


def test_extraction_grows_linearly_with_the_text():
    """A megabyte of repeated reports: one event per type, place and day, and CPU time linear in the size
    (a 4x longer text costs about 4x, far from the 16x of pairwise work; speed itself is in bench/)."""
    paragraph = ("شنت طائرات مسيرة أمس غارات على مدينة البوكمال، ما أسفر عن مقتل ٣ عناصر. "
                 "وقال المرصد إن القصف استهدف مستودعات أسلحة. "
                 "US drones struck a convoy near Abu Kamal on Sunday, killing 5 fighters.\n"
                 "وفي سياق آخر، بحث وزير الخارجية مع نظيره العلاقات الثنائية في العاصمة.\n")

    def cpu(size: int) -> tuple[float, int]:
        text = paragraph * (size // len(paragraph) + 1)
        doc = document(text, [("البوكمال", ABU_KAMAL), ("Abu Kamal", ABU_KAMAL)])
        t0 = time.process_time()
        doc.sentences = split_sentences(text)
        incidents = extract_incidents(doc)
        return time.process_time() - t0, len(incidents)

    small, n_small = min(cpu(250_000) for _ in range(2))
    large, n_large = cpu(1_000_000)
    assert n_small == n_large == 2  # one event per type, place and day
    assert large / small < 8, (small, large)
