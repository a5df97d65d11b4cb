"""Round-4 phenomena of incident coding (issue 8): tolls of two groups of victims, a victim and a
companion, Arabic number words after the noun, casualty updates at the end of a story, and the
precision rules written from sentences of this project."""
from datetime import date

from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.incidents.fatalities import count_fatalities, toll_update
from tests.incident_docs import build_document
from tests.incident_places import HAJIN, MANBIJ, SINJAR

PUB = date(2024, 11, 14)  # a Thursday


def found(text, places, published=PUB):
    return extract_incidents(build_document(text, places, published))


def test_two_groups_of_victims_with_attackers_or_one_victim_are_added():
    assert count_fatalities("A gunbattle broke out in which four guards and six attackers were killed.") == 10
    assert count_fatalities("Troops fought the raiders at the gate; two assailants and one soldier were killed.") == 3


def test_a_victim_and_her_child_are_two():
    assert count_fatalities("A shell hit the yard, killing a farmer and his child, neighbours said.") == 2
    assert count_fatalities("The blast killed a teacher and her baby.") == 2


def test_an_arabic_number_word_after_the_plural_noun_counts():
    assert count_fatalities("سقطت قذيفة على السوق ما أسفر عن مقتل مزارعين اثنين.") == 2
    assert count_fatalities("أدى القصف إلى استشهاد أطفال ثلاثة") == 3


def test_a_casualty_update_is_read_and_a_forecast_is_not():
    assert toll_update("A wounded fighter died on Friday, bringing the toll to five.") == 5
    assert toll_update("The death toll in the town had risen to 14 by Friday, medics said.") == 14
    assert toll_update("وارتفعت حصيلة القتلى في البلدة إلى ستة بعد وفاة جريح.") == 6
    assert toll_update("Officials warned that the toll could rise to 20.") is None
    assert toll_update("The strike killed four people.") is None


def test_a_toll_update_at_the_end_of_the_story_replaces_the_first_count():
    text = ("A drone hit a pickup truck in Sinjar on Wednesday, killing two men, officials said.\n\n"
            "Sinjar has been hit many times since 2015, when Kurdish forces retook it.\n\n"
            "On Thursday a hospital director said a third passenger had died, bringing the toll to three.\n")
    incs = found(text, [("Sinjar", SINJAR)])
    assert [(i.place, i.fatalities) for i in incs] == [(SINJAR, 3)]


def test_a_toll_update_naming_a_town_goes_to_that_towns_event():
    text = ("Shells hit a market in Hajin on Wednesday, killing four people. "
            "A car bomb also exploded in Manbij on Wednesday, killing two.\n\n"
            "By Thursday the toll in Hajin had climbed to nine.\n")
    incs = found(text, [("Hajin", HAJIN), ("Manbij", MANBIJ)])
    assert sorted((i.place.name, i.fatalities) for i in incs) == [(HAJIN.name, 9), (MANBIJ.name, 2)]


def test_the_attack_named_by_its_town_in_a_later_paragraph_is_the_same_event():
    text = ("A suicide car bomb exploded at an army checkpoint in Hajin on Wednesday, killing six soldiers.\n\n"
            "Residents said the blast shattered windows across the town.\n\n"
            "A doctor later said the Hajin attack had also wounded 20 people.\n")
    incs = found(text, [("Hajin", HAJIN), ("Hajin", HAJIN)])
    assert [(i.place, i.fatalities) for i in incs] == [(HAJIN, 6)]


def test_raids_near_a_town_told_again_without_a_day_are_the_strikes_there():
    text = ("Warplanes struck targets in Manbij and near Sinjar on Wednesday night, killing three.\n\n"
            "There was no word on damage from the raids near Sinjar.\n")
    incs = found(text, [("Manbij", MANBIJ), ("Sinjar", SINJAR), ("Sinjar", SINJAR)])
    assert sorted(i.place.name for i in incs) == sorted([MANBIJ.name, SINJAR.name])
    assert {i.event_type for i in incs} == {"Explosions/Remote violence"}


def test_a_headline_naming_a_town_in_other_words_than_the_body_is_not_a_second_event():
    text = ("Police fire tear gas at protesters in Manbij; clashes spread to Hajin\n\n"
            "Police fired tear gas at hundreds of protesters in Manbij on Wednesday.\n\n"
            "In Hajin, youths burned tyres and looted shops on Wednesday, and police arrested dozens.\n")
    incs = found(text, [("Manbij", MANBIJ), ("Hajin", HAJIN), ("Manbij", MANBIJ), ("Hajin", HAJIN)])
    assert sorted((i.place.name, i.event_type) for i in incs) == [(HAJIN.name, "Riots"), (MANBIJ.name, "Protests")]


def test_last_years_strikes_recalled_in_a_quote_are_background():
    text = ("Drones struck a depot in Hajin on Wednesday, the army said.\n\n"
            '"We are ready," a commander said in a speech, recalling last year\'s strikes on Manbij.\n')
    incs = found(text, [("Hajin", HAJIN), ("Manbij", MANBIJ)])
    assert [i.place for i in incs] == [HAJIN]


def test_a_campaign_described_as_under_way_since_earlier_is_no_new_event():
    text = ("Shelling hit a clinic in Hajin on Wednesday, killing three.\n\n"
            "The army's offensive in Manbij, which began more than a month ago, has emptied whole districts.\n")
    incs = found(text, [("Hajin", HAJIN), ("Manbij", MANBIJ)])
    assert [i.place for i in incs] == [HAJIN]


def test_a_span_between_two_past_years_in_arabic_is_background():
    text = ("قتل راعيان بانفجار لغم في بادية السخنة أمس الأربعاء.\n\n"
            "وكانت المنطقة مسرحا لمعارك عنيفة بين الجيش والتنظيم بين عامي 2015 و2017 سيطر خلالها التنظيم على تدمر.\n")
    from tests.incident_places import PALMYRA, SUKHNAH
    incs = found(text, [("السخنة", SUKHNAH), ("تدمر", PALMYRA)])
    assert [i.place for i in incs] == [SUKHNAH]


def test_an_unverified_claim_without_a_day_or_a_toll_is_no_event():
    text = ("== 13 November ==\n"
            "- Gunmen attacked a checkpoint in Hajin, killing two guards.\n"
            "- Some local media outlets reported that troops shelled farms near Manbij.\n"
            "- Militiamen allegedly fired at a patrol near Sinjar.\n")
    incs = found(text, [("Hajin", HAJIN), ("Manbij", MANBIJ), ("Sinjar", SINJAR)])
    assert [i.place for i in incs] == [HAJIN]


def test_an_unverified_claim_with_a_toll_or_its_own_day_stays():
    text = ("Militiamen allegedly shot dead three farmers near Sinjar, residents said.\n\n"
            "Some local media outlets reported that troops shelled farms near Manbij on Wednesday.\n")
    incs = found(text, [("Sinjar", SINJAR), ("Manbij", MANBIJ)])
    assert sorted(i.place.name for i in incs) == sorted([SINJAR.name, MANBIJ.name])


def _unlisted(name, near):
    from map_app.geoparse.document import Place
    return Place(name, near.lat, near.lon, "unlisted", near.country_code, name, admin1=near.admin1)


def test_villages_the_gazetteer_lacks_listed_in_a_roundup_are_one_event_each():
    from tests.incident_places import IDLIB
    a, b, c = _unlisted("قرية ألف", IDLIB), _unlisted("قرية باء", IDLIB), _unlisted("قرية جيم", IDLIB)
    text = "قصفت قوات النظام بالمدفعية أمس الأربعاء قرى ألف وباء وجيم بريف إدلب.\n"
    incs = found(text, [("ألف", a), ("باء", b), ("جيم", c), ("إدلب", IDLIB)])
    assert [i.place.name for i in incs] == [a.name, b.name, c.name]
    assert {i.event_date for i in incs} == {date(2024, 11, 13)}


def test_an_event_placed_nowhere_still_dates_the_next_report_of_the_article():
    text = ("A drone struck a car in a border village on Tuesday afternoon, killing two men.\n\n"
            "Artillery also shelled the edges of Sinjar and Hajin.\n")
    incs = found(text, [("Sinjar", SINJAR), ("Hajin", HAJIN)])
    assert [(i.place, i.event_date) for i in incs] == [(SINJAR, date(2024, 11, 12)), (HAJIN, date(2024, 11, 12))]


def test_naval_gunfire_at_a_coast_is_a_shelling_event():
    from tests.incident_places import GAZA
    for text in ("أطلقت الزوارق الحربية الإسرائيلية نيرانها صباح أمس الأربعاء تجاه مراكب الصيد قبالة شاطئ غزة.\n",
                 "Israeli gunboats opened fire on fishing boats off the Gaza Strip on Wednesday.\n"):
        incs = found(text, [("غزة" if "غزة" in text else "Gaza Strip", GAZA)])
        assert [(i.place, i.sub_event_type, i.event_date) for i in incs] == \
            [(GAZA, "Shelling/artillery/missile attack", date(2024, 11, 13))], text


def test_a_bomb_under_a_police_vehicle_or_at_a_police_station_has_the_police_as_target():
    for text in ("A roadside bomb exploded under an Iraqi police vehicle near Mosul on Wednesday, "
                 "killing two officers.",
                 "A car bomb went off outside an Iraqi police station in Mosul on Wednesday, killing three."):
        from tests.incident_places import MOSUL
        [inc] = found(text, [("Mosul", MOSUL)])
        assert inc.actor2 == "Police Forces of Iraq (2022-)" and inc.actor1 != inc.actor2, (text, inc.actor1)


def test_arabic_weapons_with_a_nationality_name_the_state_force():
    from map_app.geoparse.incidents.actors import actor_names
    israel = "IDF"
    for text in ("استشهد ثلاثة في قصف لطائرات الاحتلال الإسرائيلي على منزل.",
                 "تعرضت أطراف البلدة لقصف مدفعي إسرائيلي متقطع.",
                 "أطلقت الزوارق الحربية الإسرائيلية نيرانها تجاه الصيادين."):
        assert actor_names(text) == [israel], text
    assert actor_names("قصفت طائرات الاحتلال التركي قرية قرب عامودا.") != [israel]


def test_the_body_that_announces_a_bombing_is_not_its_attacker_and_soldiers_killed_are_the_target():
    from tests.incident_places import MOSUL
    text = "أعلنت قيادة العمليات المشتركة، اليوم الخميس، مقتل جنديين بانفجار عبوة ناسفة استهدفت عجلة عسكرية في الموصل."
    [inc] = found(text, [("الموصل", MOSUL)])
    assert inc.actor2 == "Military Forces of Iraq (2022-)" and inc.actor1 != inc.actor2, inc.actor1


def test_an_armed_groups_alias_in_brackets_keeps_the_targets_role():
    text = ("قتل عنصران من قوات سوريا الديمقراطية (قسد) مساء أمس الأربعاء بهجوم شنه مسلحون مجهولون "
            "على حاجز في بلدة هجين.")
    [inc] = found(text, [("هجين", HAJIN)])
    assert (inc.actor1, inc.actor2) == ("Unidentified Armed Group (Syria)", "SDF: Syrian Democratic Forces")


def test_a_state_body_announcing_a_strike_on_militants_stays_its_attacker():
    from tests.incident_places import MOSUL
    text = "أعلنت قيادة العمليات المشتركة، اليوم الخميس، مقتل ثلاثة من عناصر داعش بضربة جوية قرب الموصل."
    [inc] = found(text, [("الموصل", MOSUL)])
    assert inc.actor1 == "Military Forces of Iraq (2022-)", inc.actor1


def test_before_dawn_on_a_day_is_that_day():
    text = ("Gunmen attacked an army post in Hajin before dawn on Wednesday, sparking a gunbattle "
            "that lasted until noon.")
    [inc] = found(text, [("Hajin", HAJIN)])
    assert inc.event_date == date(2024, 11, 13)


def test_a_force_hit_and_named_again_among_the_dead_is_not_the_attacker():
    text = ("Militants attacked a police post in Hajin on Wednesday, sparking a gunbattle in which "
            "two policemen and three attackers were killed.")
    [inc] = found(text, [("Hajin", HAJIN)])
    assert inc.actor1 != inc.actor2 and inc.actor2 is not None and inc.actor2.startswith("Police Forces of Syria")


def test_gunmen_who_attack_a_quarter_killing_residents_commit_violence_against_civilians():
    text = ("Gang members attacked the eastern quarter of Hajin overnight into Wednesday and burned dozens of houses, "
            "killing at least six residents, a rights group said.")
    [inc] = found(text, [("Hajin", HAJIN)])
    assert (inc.event_type, inc.fatalities) == ("Violence against civilians", 6)
    text = "Fighting erupted at a market in Hajin on Wednesday, killing three shoppers and two soldiers."
    [inc] = found(text, [("Hajin", HAJIN)])
    assert inc.event_type == "Battles"  # (soldiers among the dead: armed men fought back)


def test_a_toll_told_with_a_village_named_again_after_the_list_goes_to_that_village():
    from tests.incident_places import IDLIB
    a, b = _unlisted("ألف", IDLIB), _unlisted("باء", IDLIB)
    text = "قصفت قوات النظام أمس الأربعاء قريتي ألف وباء بريف إدلب، ما أدى إلى مقتل طفل في باء وإصابة امرأة في ألف.\n"
    from map_app.geoparse.document import Document, Mention
    from map_app.geoparse.sentences import split_sentences
    # (the recogniser finds an unlisted village by the place noun before it: the repeated name is no mention)
    mentions = [Mention(text.find(n), text.find(n) + len(n), n, [p], p, 0.9)
                for n, p in (("ألف", a), ("باء", b), ("إدلب", IDLIB))]
    doc = Document(text=text, published=PUB, source="fixture", sentences=split_sentences(text), places=mentions)
    incs = extract_incidents(doc)
    assert [(i.place.name, i.fatalities) for i in incs] == [(a.name, None), (b.name, 1)]


def test_a_village_known_only_by_its_governorate_is_placed_near_the_town_it_is_named_with():
    from map_app.geoparse.document import Place
    from tests.incident_places import TAL_TAMR
    village = Place("Umm Adasa", 36.3, 40.9, "unlisted", "SY", "أم عدسة", admin1="Al-Hasakah")  # the governorate
    for text in ("Turkish drones struck the village of Umm Adasa near Tal Tamr on Wednesday, killing two.",
                 "قصفت مسيرة تركية أمس الأربعاء قرية أم عدسة قرب بلدة تل تمر، ما أدى إلى مقتل شخصين."):
        [inc] = found(text, [("Umm Adasa", village), ("أم عدسة", village), ("Tal Tamr", TAL_TAMR),
                             ("تل تمر", TAL_TAMR)])
        assert (inc.place, inc.geo_precision, inc.fatalities) == (TAL_TAMR, 2, 2), text
