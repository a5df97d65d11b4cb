"""Event types from bilingual cue words (ACLED taxonomy), with negation and intent filtering."""
import pytest

from map_app.geoparse.incidents.taxonomy import (BATTLES, EVENT_TYPES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VAC,
                                        classify, find_cues)

CASES = [
    # Air / drone strikes, with clitics, diacritics and tatweel on the cue word.
    ("شنت طائرات التحالف غاراتٍ جوية على مواقع التنظيم.", EXPLOSIONS, "Air/drone strike"),
    ("وللغارات الإسرائيلية أثر كبير على مطار دمشق.", EXPLOSIONS, "Air/drone strike"),
    ("وبالمسيّـرات استُهدفت قاعدة عين الأسد.", EXPLOSIONS, "Air/drone strike"),
    ("أطلقت فصائل مسيرات من العراق باتجاه الجولان.", EXPLOSIONS, "Air/drone strike"),
    ("قصف جوي روسي على ريف إدلب.", EXPLOSIONS, "Air/drone strike"),
    ("A US drone strike killed a commander in Idlib.", EXPLOSIONS, "Air/drone strike"),
    ("Israeli airstrikes hit targets near Damascus.", EXPLOSIONS, "Air/drone strike"),
    # Shelling, rockets, missiles.
    ("قصفت المدفعية التركية قرى في ريف الحسكة.", EXPLOSIONS, "Shelling/artillery/missile attack"),
    ("سقطت قذائف هاون على حي سكني.", EXPLOSIONS, "Shelling/artillery/missile attack"),
    ("Rockets hit the Green Zone in Baghdad.", EXPLOSIONS, "Shelling/artillery/missile attack"),
    # IEDs, mines, suicide bombs, grenades, unspecified explosions.
    ("انفجرت عبوة ناسفة بسيارة عسكرية قرب دير الزور.", EXPLOSIONS, "Remote explosive/landmine/IED"),
    ("A landmine left by ISIS killed two shepherds.", EXPLOSIONS, "Remote explosive/landmine/IED"),
    ("A car bomb exploded in Azaz.", EXPLOSIONS, "Remote explosive/landmine/IED"),
    ("دوى انفجار في المدينة.", EXPLOSIONS, "Remote explosive/landmine/IED"),
    ("فجّر انتحاري نفسه عند حاجز أمني.", EXPLOSIONS, "Suicide bomb"),
    ("A suicide bomber struck a checkpoint.", EXPLOSIONS, "Suicide bomb"),
    ("ألقى مجهول قنبلة يدوية على محل تجاري.", EXPLOSIONS, "Grenade"),
    # Battles.
    ("قُتل ثلاثة عناصر في اشتباكات مع فصائل المعارضة.", BATTLES, "Armed clash"),
    ("هاجم مسلحون حاجزاً للجيش في درعا.", BATTLES, "Armed clash"),
    ("Clashes broke out between the SDF and tribal fighters.", BATTLES, "Armed clash"),
    ("سيطر تنظيم داعش على قرية في البادية.", BATTLES, "Non-state actor overtakes territory"),
    ("استعادت القوات الحكومية السيطرة على بلدة كفرنبل.", BATTLES, "Government regains territory"),
    ("The army recaptured the town of Kafr Nabl.", BATTLES, "Government regains territory"),
    ("ISIS seized the village of al-Bab.", BATTLES, "Non-state actor overtakes territory"),
    # Violence against civilians.
    ("اختطف مسلحون مجهولون طفلاً في درعا.", VAC, "Abduction/forced disappearance"),
    ("مقتل مدني برصاص مسلحين مجهولين.", VAC, "Attack"),
    ("Gunmen kidnapped a local official.", VAC, "Abduction/forced disappearance"),
    # Protests and riots ("مسيرة احتجاجية" is a march, not a drone).
    ("خرج المئات في مسيرة احتجاجية بالسويداء.", PROTESTS, "Peaceful protest"),
    ("فرقت قوات الأمن المتظاهرين بالغاز المسيل للدموع.", PROTESTS, "Protest with intervention"),
    ("Residents staged a demonstration in Sweida.", PROTESTS, "Peaceful protest"),
    ("خلال التظاهرة أحرق المحتجون إطارات السيارات.", RIOTS, "Violent demonstration"),
    ("Riots erupted in the city centre.", RIOTS, "Violent demonstration"),
    # Strategic developments.
    ("أسقطت الدفاعات الجوية طائرة مسيرة فوق القاعدة.", STRATEGIC, "Disrupted weapons use"),
    ("US forces intercepted two drones launched towards al-Tanf.", STRATEGIC, "Disrupted weapons use"),
    ("شنت قوات الأمن حملة اعتقالات في الرقة.", STRATEGIC, "Arrests"),
    ("Iraqi forces arrested 12 suspects.", STRATEGIC, "Arrests"),
    ("أعادت تركيا 1,905 جنود إلى سوريا.", STRATEGIC, "Other"),
    ("Turkey returned 1,905 soldiers to Syria.", STRATEGIC, "Other"),
    ("سلمت القوات الأمريكية قاعدة التنف إلى القوات العراقية.", STRATEGIC, "Non-violent transfer of territory"),
    ("أجرت القوات الروسية تدريبات عسكرية في اللاذقية.", STRATEGIC, "Other"),
    ("Russian and Syrian forces held joint military drills.", STRATEGIC, "Other"),
    ("وقعت قسد والحكومة اتفاقاً يقضي بدمج المؤسسات.", STRATEGIC, "Agreement"),
    ("A ceasefire agreement was signed in Astana.", STRATEGIC, "Agreement"),
    ("أنشأت القوات الأمريكية قاعدة جديدة في الحسكة.", STRATEGIC, "Headquarters or base established"),
    ("انسحبت القوات الروسية من مطار القامشلي.", STRATEGIC, "Non-violent transfer of territory"),
    ("Ten bodies were found in a mass grave near Raqqa.", STRATEGIC, "Other"),
    ("وصلت تعزيزات عسكرية أمريكية إلى قاعدة خراب الجير.", STRATEGIC, "Other"),
    # A weapon decides what a generic "attack" was.
    ("Two US soldiers were injured in a rocket attack on a base.", EXPLOSIONS, "Shelling/artillery/missile attack"),
    ("هجوم صاروخي على قاعدة عين الأسد.", EXPLOSIONS, "Shelling/artillery/missile attack"),
    ("تصدت الدفاعات الجوية لعدوان إسرائيلي على دمشق.", EXPLOSIONS, "Air/drone strike"),
    # Protesters clashing with or storming: a violent demonstration.
    ("اندلعت مواجهات بين المحتجين وقوات الأمن في الناصرية.", RIOTS, "Violent demonstration"),
    ("Protesters stormed the offices of the ruling party.", RIOTS, "Violent demonstration"),
    ("عثر الأهالي على جثة شاب مقتولاً بطلق ناري.", VAC, "Attack"),
]


@pytest.mark.parametrize("sentence,event_type,sub_event_type", CASES)
def test_event_type(sentence, event_type, sub_event_type):
    event = classify(sentence)
    assert event is not None, sentence
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)
    assert sub_event_type in EVENT_TYPES[event_type]


@pytest.mark.parametrize("sentence", [
    # Statements, plans and policy.
    "الولايات المتحدة تقرر بقاء قواتها في العراق.",
    "The Pentagon decided to keep troops in Iraq.",
    "Iran threatened strikes against US bases.",
    "Hezbollah will retaliate for the attack.",
    "The coalition said its forces will continue operations.",
    # Negations.
    "لم تطلق الفصائل أي صواريخ.",
    "نفت وزارة الدفاع شن أي غارات على المنطقة.",
    "There were no strikes on the base.",
    "The army did not attack the village.",
    # False friends.
    "وقف إطلاق النار صامد في إدلب.",
    "He suffered a heart attack in Damascus.",
    "The government is fighting corruption.",
    "صدرت مذكرة اعتقال بحق المسؤول.",
    "", "   ",
])
def test_no_event(sentence):
    assert classify(sentence) is None


def test_negation_of_casualties_does_not_negate_the_event():
    event = classify("ولم يسفر الهجوم عن وقوع إصابات.")
    assert event is not None and event.event_type == BATTLES


def test_precedence_picks_the_most_specific_weapon():
    # A drone attack is not coded as a generic ground attack.
    assert classify("هجوم بطائرة مسيرة على قاعدة التنف.").sub_event_type == "Air/drone strike"
    # A suicide attack beats the clashes that followed.
    assert classify("هجوم انتحاري أعقبته اشتباكات.").sub_event_type == "Suicide bomb"
    # Capturing territory is the news even with shelling.
    assert classify("سيطرت الفصائل على البلدة بعد قصف مدفعي.").sub_event_type == \
        "Non-state actor overtakes territory"
    # Shelling during a battle is an armed clash (ACLED).
    assert classify("اشتباكات عنيفة وقصف متبادل على محاور القتال.").sub_event_type == "Armed clash"


def test_shot_down_drone_consumes_the_drone_cue():
    cues = find_cues("أسقطت الدفاعات الجوية طائرة مسيرة.")
    assert [c.label for c in cues] == ["disrupted"]
    assert cues[0].text == "أسقطت الدفاعات الجوية طائرة مسيرة"


def test_cue_offsets_point_into_the_original_text():
    text = "وأفادت مصادر بأن غاراتٍ جويةً استهدفت المنطقة."
    cue = find_cues(text)[0]
    assert text[cue.start:cue.end] == cue.text
    assert cue.text.startswith("غارات")


def test_territory_subtype_follows_the_first_actor():
    assert classify("Fighters captured the town.", first_actor_is_state=True).sub_event_type == \
        "Government regains territory"
    assert classify("Fighters recaptured the town.", first_actor_is_state=False).sub_event_type == \
        "Non-state actor overtakes territory"


def test_intent_before_a_past_event_is_not_a_statement():
    event = classify("Militias vowed revenge after the airstrike on their base.")
    assert event is not None and event.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize("sentence", [
    "تواصل قوات الاحتلال نهب النفط في المنطقة.",
    "وتتلقى القوات هجمات مكثفة منذ بداية الحرب.",
    "The militias launch drones daily at the base.",
    "أثارت الهجمات التي تشنها الفصائل تساؤلات حول بقاء القوات.",
    "The ministry accused the militia of looting homes.",
    "One of them is accused of taking part in attacks on checkpoints.",
    "أسقط التحالف عدة مرات مسيرات باتجاه الحدود.",
    "Such attacks have become common in the province.",
    "The men had been detained for questioning.",
])
def test_habitual_and_reported_cues_are_flagged(sentence):
    assert classify(sentence) is None
    cues = find_cues(sentence, habitual=True)
    assert cues and all(c.habitual for c in cues)


def test_a_dated_since_phrase_is_not_habitual():
    cues = find_cues("اندلعت اشتباكات منذ صباح اليوم في البلدة.", habitual=True)
    assert [(c.label, c.habitual) for c in cues] == [("clash", False)]
    assert not find_cues("Clashes have continued since Monday in the town.", habitual=True)[0].habitual
    # One battle going on for days, and a frequency word cut off by "after", are events.
    assert not find_cues("تستمر الاشتباكات في ريف المدينة لليوم الثالث على التوالي.", habitual=True)[0].habitual
    assert not find_cues("Rescuers are still searching after the blast.", habitual=True)[0].habitual


@pytest.mark.parametrize("sentence", [
    # Demands, calls and promises: whatever they contain is not asserted, however far away.
    "وأصدرت الوزارة بيانا طالبت فيه القوات الأجنبية بمغادرة أراضيها، والتوقف عن دعم الميليشيات ونهب الثروات.",
    "The ministry demanded that foreign forces leave, and stop the looting of oil fields.",
    "ووعدت دول الخليج بإرسال أسلحة إلى الفصائل، بما في ذلك صواريخ مضادة للدروع.",
    # Future verbs and purposes.
    "وقال قادة إن آلاف المقاتلين سيشاركون في الهجوم.",
    "The army moved in an attempt to capture the town.",
])
def test_statements_futures_and_purposes_are_not_events(sentence):
    assert find_cues(sentence, habitual=True) == []


def test_simulated_combat_in_a_drill_is_the_drill():
    assert [c.label for c in find_cues("حاكت التدريبات سيناريوهات قتال على عدة جبهات.")] == ["exercise"]
    assert [c.label for c in find_cues("The drills simulated attacks on the base.")] == ["exercise"]


def test_a_past_relative_clause_ends_a_demand():
    event = classify("طالبت الوزارة بالتحقيق، بعد الغارة التي استهدفت مستشفى في المدينة.")
    assert event is not None and event.sub_event_type == "Air/drone strike"


def test_drones_shot_down_stay_disrupted_when_named_again():
    event = classify("وقال إن التحالف أسقط مسيرات باتجاه الحدود، وكانت المسيرات قادمة من العراق.")
    assert event.sub_event_type == "Disrupted weapons use"


def test_weapons_inside_a_drill_and_raids_making_arrests():
    assert classify("The drills, which included artillery fire, ended on Monday.").sub_event_type == "Other"
    assert classify("Artillery shelled the area during military drills.").sub_event_type == \
        "Shelling/artillery/missile attack"
    assert classify("Police arrested five suspects in a dawn raid.").sub_event_type == "Arrests"
    assert classify("قصفت الطائرات معسكر تدريب للتنظيم.").sub_event_type == "Air/drone strike"


def test_aircraft_verbs_are_air_strikes():
    for sentence in ("وقصفت طائرات التحالف مواقع التنظيم.", "أعلنت موسكو أن طائراتها قصفت مقرات للفصائل.",
                     "Russian-made jets struck a convoy.", "قصفت قوات التحالف حافلة في السوق."):
        assert classify(sentence).sub_event_type == "Air/drone strike", sentence
    assert classify("قصفت المدفعية التركية قرى في الريف.").sub_event_type == "Shelling/artillery/missile attack"


def test_handover_with_words_between_the_verb_and_the_people():
    for sentence in ("سلّمت قوات سوريا الديمقراطية (قسد)، يوم الأحد ١٤ كانون الثاني، نحو ١٥٠ عراقياً إلى السلطات.",
                     "أعادت السلطات العراقية أكثر من 1900 جندي سوري إلى بلادهم."):
        event = classify(sentence)
        assert (event.event_type, event.sub_event_type) == (STRATEGIC, "Other"), sentence
