"""One event told twice (issue 8, patterns 1 and 10): in-article merging and `same_event` across articles
and languages."""
from datetime import date

from map_app.geoparse.document import Incident
from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.incidents.merge import same_event
from tests.incident_docs import build_document
from tests.incident_places import (ABU_KAMAL, DEIR_GOV, HAJIN, IDLIB, IDLIB_GOV, KHAN_ARNABAH, MAYADIN, QUNEITRA,
                                   SARAQIB, SYRIA, DHIBAN)

PUB = date(2024, 9, 19)  # a Thursday
AIR = ("Explosions/Remote violence", "Air/drone strike")


def incident(place, when=date(2024, 9, 18), fatalities=None, kind=AIR, actor1=None, precision=1, geo=1):
    return Incident(kind[0], kind[1], "", 0, 0, place=place, event_date=when, time_precision=precision,
                    geo_precision=geo, fatalities=fatalities, actor1=actor1)


def test_the_same_strike_reported_in_arabic_and_english_is_one_event():
    en = extract_incidents(build_document(
        "An Israeli drone struck a car near the town of Khan Arnabah in Syria's Quneitra province on Wednesday, "
        "killing two men.", [("Khan Arnabah", KHAN_ARNABAH), ("Quneitra", QUNEITRA)], PUB))
    ar = extract_incidents(build_document(
        "استهدفت طائرة مسيرة إسرائيلية أمس الأربعاء سيارة مدنية قرب بلدة خان أرنبة في ريف القنيطرة، ما أدى إلى "
        "مقتل شخصين.", [("خان أرنبة", KHAN_ARNABAH), ("القنيطرة", QUNEITRA)], PUB))
    assert len(en) == len(ar) == 1
    assert same_event(en[0], ar[0]) and same_event(ar[0], en[0])
    assert en[0].actor1 == ar[0].actor1 == "Military Forces of Israel (2022-)"


def test_same_event_needs_type_place_day_and_compatible_figures():
    strike = incident(MAYADIN, fatalities=5, actor1="Military Forces of the United States (2021-2025)")
    assert same_event(strike, incident(MAYADIN, date(2024, 9, 17), fatalities=4))  # a day apart, close tolls
    assert not same_event(strike, incident(MAYADIN, date(2024, 9, 15)))  # three days apart
    assert not same_event(strike, incident(ABU_KAMAL))  # another town
    assert not same_event(strike, incident(MAYADIN, kind=("Battles", "Armed clash")))  # another type
    assert not same_event(strike, incident(MAYADIN, fatalities=40))  # incompatible tolls
    assert not same_event(strike, incident(MAYADIN, actor1="Military Forces of Israel (2022-)"))  # another attacker
    # A report placed at the governorate or the country contains the town's.
    assert same_event(strike, incident(DEIR_GOV, geo=3))
    assert same_event(incident(SYRIA, geo=3), strike)
    assert not same_event(incident(IDLIB_GOV, geo=3), strike)
    # A week-precise report covers the days of its week.
    assert same_event(strike, incident(MAYADIN, date(2024, 9, 15), precision=2))



def test_a_report_without_a_sub_event_type_is_compatible_with_any():
    """Imported records (and the store's rows) may lack a sub-event type: unknown, not different."""
    shelling = incident(MAYADIN, kind=("Explosions/Remote violence", "Shelling/artillery/missile attack"))
    unknown = incident(MAYADIN, kind=("Explosions/Remote violence", ""))
    assert same_event(unknown, incident(MAYADIN)) and same_event(incident(MAYADIN), unknown)
    assert same_event(shelling, unknown)
    assert not same_event(shelling, incident(MAYADIN))  # two known, different sub-event types

def test_a_repeated_report_at_the_same_place_and_day_is_merged_with_the_lowest_toll():
    text = ("A drone struck a car in Idlib on Wednesday, killing four people.\n\n"
            "Rescuers said the drone strike in Idlib on Wednesday killed three.\n")
    [inc] = extract_incidents(build_document(text, [("Idlib", IDLIB)], PUB))
    assert inc.fatalities == 3 and len(inc.evidence_spans) == 1 and "merged" in inc.review_flags


def test_a_report_dated_only_by_publication_joins_the_dated_one_nearby():
    text = ("Drones struck Saraqib on Wednesday.\n\n"
            "Another report said drones struck Saraqib, killing two.\n")
    [inc] = extract_incidents(build_document(text, [("Saraqib", SARAQIB)], PUB))
    assert inc.event_date == date(2024, 9, 18) and inc.fatalities == 2


def test_another_event_is_not_folded_into_the_first():
    text = ("A drone struck a car in Hajin on Wednesday, killing two people.\n"
            "Another drone later struck a house near Dhiban, without casualties.\n")
    found = extract_incidents(build_document(text, [("Hajin", HAJIN), ("Dhiban", DHIBAN)], PUB))
    assert [i.place for i in found] == [HAJIN, DHIBAN]


def test_different_days_at_one_place_stay_two_events():
    text = "Drones struck Hajin on Tuesday.\n\nDrones struck Hajin again on Wednesday.\n"
    found = extract_incidents(build_document(text, [("Hajin", HAJIN)], PUB))
    assert [i.event_date for i in found] == [date(2024, 9, 17), date(2024, 9, 18)]


def test_merging_is_linear_on_many_reports():
    import time
    line = "Drones struck Hajin on Wednesday, killing two. Clashes erupted near Dhiban on Tuesday.\n"
    text = line * 3000
    doc = build_document(text, [("Hajin", HAJIN), ("Dhiban", DHIBAN)], PUB)
    t0 = time.process_time()
    found = extract_incidents(doc)
    assert len(found) == 2 and len(found[0].evidence_spans) == 2999
    assert time.process_time() - t0 < 20  # a quadratic merge would take minutes
