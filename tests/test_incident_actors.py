"""Actors: bilingual aliases to canonical names, longest match, coordinated nationalities."""
import json

import pytest

from map_app.geoparse.incidents.actors import LEXICON_PATH, ActorLexicon, actor_names, find_actors


@pytest.mark.parametrize("text,expected", [
    ("قالت القوات الأميركية إن", ["US forces"]),
    ("أعلن الجيش الأمريكي", ["US forces"]),
    ("وللقوات الأمريكية قاعدة", ["US forces"]),  # ل + ال contracted
    ("أعلنت القيادة المركزية الأمريكية", ["CENTCOM"]),
    ("CENTCOM said", ["CENTCOM"]),
    ("غارات التحالف الدولي وعملية العزم الصلب", ["International coalition"]),
    ("the Global Coalition and Operation Inherent Resolve", ["International coalition"]),
    ("خلايا تنظيم الدولة الإسلامية وداعش", ["ISIS"]),
    ("IS fighters and ISIL and Daesh", ["ISIS"]),
    ("قسد وقوات سوريا الديمقراطية", ["SDF"]),
    ("هاجمت الميليشيات الموالية لإيران", ["Iran-backed militias"]),
    ("تبنت المقاومة الإسلامية في العراق الهجوم", ["Islamic Resistance in Iraq"]),
    ("الحشد الشعبي", ["PMF"]),
    ("قوات النظام والجيش السوري", ["Syrian government forces"]),
    ("جيش الاحتلال", ["IDF"]),
    ("قيادة العمليات المشتركة", ["Iraqi forces"]),
    ("البيشمركة", ["Peshmerga"]),
    ("هيئة تحرير الشام", ["HTS"]),
    ("حزب الله", ["Hezbollah"]),
    ("الجيش التركي", ["Turkish forces"]),
    ("جبهة النصرة", ["Al-Nusra Front"]),
    ("أنصار الله", ["Houthis"]),
    ("التحالف بقيادة السعودية", ["Saudi-led coalition"]),
])
def test_aliases_map_to_canonical_names(text, expected):
    assert actor_names(text) == expected


def test_longest_match_wins():
    assert actor_names("الجيش السوري الحر") == ["Syrian opposition (SNA/FSA)"]
    assert actor_names("الجيش الوطني السوري") == ["Syrian opposition (SNA/FSA)"]
    assert actor_names("كتائب حزب الله") == ["Kata'ib Hezbollah"]
    assert actor_names("the US-led coalition") == ["International coalition"]


def test_coordinated_nationalities_name_every_force():
    assert actor_names("شنت القوات السورية والروسية غارات") == ["Syrian government forces", "Russian forces"]
    assert actor_names("الطيران الحربي الروسي والسوري") == ["Russian forces", "Syrian government forces"]
    assert actor_names("Syrian and Russian forces attacked") == ["Syrian government forces", "Russian forces"]


def test_order_of_appearance_without_duplicates():
    text = "اشتباكات بين قسد وداعش، وتدخل التحالف الدولي لمساندة قسد"
    assert actor_names(text) == ["SDF", "ISIS", "International coalition"]


def test_acronyms_are_case_sensitive():
    assert actor_names("this is what it is") == []
    assert actor_names("WHAT IS HAPPENING") == []
    assert actor_names("US forces and the SDF") == ["US forces", "SDF"]


def test_spans_are_exact_and_kinds_are_known():
    text = "قصفت قواتُ النظام مواقعَ هيئة تحرير الشام"
    mentions = find_actors(text)
    assert [text[m.start:m.end] for m in mentions] == [m.text for m in mentions]
    assert [(m.name, m.actor.is_state) for m in mentions] == [("Syrian government forces", True), ("HTS", False)]


def test_lexicon_file_is_well_formed():
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    names = [a["name"] for a in data["actors"]]
    assert len(names) == len(set(names))
    for actor in data["actors"]:
        assert actor["kind"] in ("state", "non_state")
        assert actor.get("ar") or actor.get("en")


def test_a_custom_lexicon_can_be_loaded():
    lexicon = ActorLexicon({"actors": [{"name": "Test group", "kind": "non_state", "ar": ["جماعة الاختبار"],
                                        "en": ["Test Group"]}]})
    assert [m.name for m in lexicon.find("قالت جماعة الاختبار و Test Group")] == ["Test group", "Test group"]
