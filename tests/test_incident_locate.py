"""Event location: destination over origin, most specific place, ACLED geo precision."""
from gazetteer.place import Place
from map_app.geoparse.document import Mention
from map_app.geoparse.incidents.locate import choose_location, geo_precision, metonymic, reached, role_of
from map_app.geoparse.incidents.normalize import fold

IRAQ = Place("Iraq", 33.0, 44.0, "country", "IQ", "العراق")
SYRIA = Place("Syria", 35.0, 38.0, "country", "SY", "سوريا")
TURKEY = Place("Turkey", 39.0, 35.0, "country", "TR", "تركيا")
GOLAN = Place("Golan Heights", 33.0, 35.8, "region", "SY", "الجولان", admin1="Quneitra")
BADIA = Place("Syrian Desert", 34.5, 38.5, "region", "SY", "البادية")
QAIM = Place("Al-Qa'im", 34.37, 41.09, "populated_place", "IQ", "القائم", admin1="Anbar")
AIN_ASAD = Place("Ain al-Asad Air Base", 33.8, 42.44, "facility", "IQ", "عين الأسد", admin1="Anbar")
PALMYRA = Place("Palmyra", 34.56, 38.28, "populated_place", "SY", "تدمر", admin1="Homs")
HOMS_GOV = Place("Homs Governorate", 34.5, 38.0, "admin1", "SY", "حمص")
RAQQA = Place("Raqqa", 35.95, 39.01, "populated_place", "SY", "الرقة", admin1="Raqqa")
ALBUKAMAL_DIST = Place("Abu Kamal District", 34.5, 40.9, "admin2", "SY", "منطقة البوكمال", admin1="Deir ez-Zor")
EILAT = Place("Eilat", 29.56, 34.95, "populated_place", "IL", "إيلات")
TANF = Place("Al-Tanf garrison", 33.5, 38.6, "facility", "SY", "التنف", admin1="Homs")


def mention(text, name, place, nth=0, cue=None):
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), name, [place], place, 0.9, cue=cue)


def locate(text, *mentions, excluded=()):
    return choose_location(text, 0, list(mentions), list(excluded))


def test_destination_beats_origin_in_arabic():
    text = "أطلقت فصائل عراقية مسيرات من العراق باتجاه الجولان."
    loc = locate(text, mention(text, "العراق", IRAQ), mention(text, "الجولان", GOLAN))
    assert loc.mention.place is GOLAN and loc.role == "destination"


def test_destination_beats_origin_in_english():
    text = "Drones launched from Iraq towards the Golan were reported."
    loc = locate(text, mention(text, "Iraq", IRAQ), mention(text, "Golan", GOLAN))
    assert loc.mention.place is GOLAN


def test_destination_beats_a_more_specific_origin():
    text = "أطلقت صواريخ من القائم إلى قاعدة عين الأسد."
    loc = locate(text, mention(text, "القائم", QAIM), mention(text, "عين الأسد", AIN_ASAD))
    assert loc.mention.place is AIN_ASAD and loc.geo_precision == 1
    text = "A drone launched from Syria reached Eilat."
    assert locate(text, mention(text, "Syria", SYRIA), mention(text, "Eilat", EILAT)).mention.place is EILAT


def test_launch_verb_drops_the_origin_without_explicit_destination():
    text = "صواريخ أطلقت من العراق سقطت في قاعدة التنف."
    loc = locate(text, mention(text, "العراق", IRAQ), mention(text, "التنف", TANF))
    assert loc.mention.place is TANF


def test_origin_is_kept_when_it_is_the_only_place():
    text = "انسحبت القوات الأمريكية من قاعدة التنف."
    assert locate(text, mention(text, "التنف", TANF)).mention.place is TANF


def test_most_specific_kind_wins():
    text = "غارة جوية على مدينة تدمر في محافظة حمص في سوريا."
    loc = locate(text, mention(text, "سوريا", SYRIA), mention(text, "حمص", HOMS_GOV), mention(text, "تدمر", PALMYRA))
    assert loc.mention.place is PALMYRA and loc.geo_precision == 1


def test_near_cues_lower_precision():
    for text, name, place in [
        ("اشتباكات قرب مدينة تدمر.", "تدمر", PALMYRA),
        ("اشتباكات بالقرب من تدمر.", "تدمر", PALMYRA),
        ("قصف على أطراف الرقة.", "الرقة", RAQQA),
        ("Clashes north of Raqqa.", "Raqqa", RAQQA),
        ("An IED exploded 10 km from Palmyra.", "Palmyra", PALMYRA),
        ("Shelling on the outskirts of Raqqa.", "Raqqa", RAQQA),
    ]:
        loc = locate(text, mention(text, name, place))
        assert loc.near and loc.geo_precision == 2, text


def test_recogniser_cue_counts_as_near():
    text = "اشتباكات في تدمر."
    assert locate(text, mention(text, "تدمر", PALMYRA, cue="قرب")).geo_precision == 2


def test_precision_by_kind():
    assert geo_precision(PALMYRA, near=False) == 1
    assert geo_precision(TANF, near=False) == 1
    assert geo_precision(ALBUKAMAL_DIST, near=False) == 2
    assert geo_precision(GOLAN, near=False) == 2     # small region, inside one governorate
    assert geo_precision(BADIA, near=False) == 3     # spans several governorates
    assert geo_precision(HOMS_GOV, near=False) == 3
    assert geo_precision(SYRIA, near=False) == 3


def test_border_with_a_country_stays_country_precision():
    text = "اشتباكات عند الحدود مع تركيا."
    loc = locate(text, mention(text, "تركيا", TURKEY))
    assert loc.near and loc.geo_precision == 3


def test_places_inside_actor_names_are_not_locations():
    text = "تبنت المقاومة الإسلامية في العراق هجوما على الجولان."
    iraq = mention(text, "العراق", IRAQ)
    loc = locate(text, iraq, mention(text, "الجولان", GOLAN), excluded=[(iraq.start - 22, iraq.end)])
    assert loc.mention.place is GOLAN
    assert locate(text, iraq, excluded=[(iraq.start - 22, iraq.end)]) is None


def test_unresolved_mentions_are_ignored():
    text = "غارة على بلدة مجهولة."
    m = Mention(text.index("مجهولة"), len(text) - 1, "مجهولة", [], None, 0.0)
    assert locate(text, m) is None


def test_role_of_reads_the_words_before_the_name():
    assert role_of("أطلقت مسيرات باتجاه مدينة") == ("destination", False)
    assert role_of("launched from the town of") == ("origin", False)
    assert role_of("بالقرب من") == ("", True)
    assert role_of("عند الحدود مع") == ("", True)


WASHINGTON = Place("Washington", 38.9, -77.04, "populated_place", "US", "واشنطن")
MOSCOW = Place("Moscow", 55.75, 37.62, "populated_place", "RU", "موسكو")
HAMA = Place("Hama", 35.13, 36.75, "populated_place", "SY", "حماة", admin1="Hama")
HOMS = Place("Homs", 34.73, 36.71, "populated_place", "SY", "حمص", admin1="Homs")


def test_reaching_a_place_beats_a_more_specific_place_named_later():
    text = "وصلت إحدى المسيرات إلى الجولان، ورصدت من البوكمال."
    loc = locate(text, mention(text, "الجولان", GOLAN), mention(text, "البوكمال", ALBUKAMAL_DIST))
    assert loc.mention.place is GOLAN and loc.role == "destination"
    assert reached("وصلت إحدى المسيرات ل") and reached("a drone reached the")
    assert not reached("رصدت المسيرات من")


def test_capitals_speaking_or_leading_are_not_locations():
    for text, name, place in [
        ("أعلنت واشنطن تنفيذ غارة في سوريا.", "واشنطن", WASHINGTON),
        ("غارة للتحالف الذي تقوده واشنطن في سوريا.", "واشنطن", WASHINGTON),
        ("Moscow said strikes hit Syria.", "Moscow", MOSCOW),
        ("The Moscow-backed forces shelled Syria.", "Moscow", MOSCOW),
    ]:
        loc = locate(text, mention(text, name, place), mention(text, "سوريا" if "سوريا" in text else "Syria", SYRIA))
        assert loc.mention.place is SYRIA, text
    assert metonymic(fold("ميليشيات موالية ل"), "") and metonymic("", " has decided")
    assert not metonymic(fold("قرية التابعة ل"), "")  # administrative belonging is geography
    assert not metonymic(fold("قصفت الطائرات"), fold(" أمس"))


def test_the_focus_region_beats_a_town_elsewhere():
    text = "Drones struck a depot in Syria, a spokesman in Moscow told reporters."
    assert locate(text, mention(text, "Syria", SYRIA), mention(text, "Moscow", MOSCOW)).mention.place is SYRIA


def test_a_place_in_the_cue_clause_wins_a_tie():
    text = "Airstrikes on the outskirts of Homs, hitting a bridge near Hama."
    cue = (0, len("Airstrikes"))
    loc = choose_location(text, 0, [mention(text, "Homs", HOMS), mention(text, "Hama", HAMA)], cue=cue)
    assert loc.mention.place is HOMS and loc.in_clause
    assert role_of("a bridge on the highway to") == ("", False)
