"""Spelling folding with exact offsets, and the literal anchors that gate the grammars."""
from hypothesis import given, settings, strategies as st

from map_app.geoparse.incidents.keywords import KeywordIndex, literal_prefixes
from map_app.geoparse.incidents.normalize import Folded, fold


def test_folding_unifies_spellings_and_digits():
    assert fold("أُطلقت إِلى آذار مسيّـرة ١٢٣ ۴") == "اطلقت الي اذار مسيره 123 4"
    assert fold("\u200fغارة\u200e") == "غاره"


def test_offsets_map_back_through_deleted_marks():
    text = "قُتِلَ ٣٥ عنصرًا في الـــغارة"
    f = Folded(text)
    i = f.text.index("الغاره")
    start, end = f.span(i, i + len("الغاره"))
    assert text[start:end] == "الـــغارة"
    j = f.text.index("عنصرا")
    start, end = f.span(j, j + len("عنصرا"))
    assert text[start:end] == "عنصرًا"  # the trailing tanween stays with the word
    assert f.to_folded(start) == j


@given(st.text(alphabet=st.sampled_from(list("اأبةىـًٌَُِّْ\u200f ٣x")), max_size=60))
@settings(max_examples=300, deadline=None)
def test_offset_maps_are_monotonic_and_consistent(text):
    f = Folded(text)
    assert len(f.text) <= len(text)
    previous = 0
    for i in range(len(f.text) + 1):
        o = f.to_original(i)
        assert previous <= o <= len(text)
        previous = o
        if i < len(f.text):
            assert fold(text[o]) == f.text[i]
            assert f.to_folded(o) == i


def test_literal_prefixes_of_cue_patterns():
    assert literal_prefixes(r"[يت]?قصف\w*|مدفعي\w*") == {"قصف", "مدفعي"}
    assert literal_prefixes(r"(?:shot|shoots)\s+down") == {"shot", "shoots"}
    assert literal_prefixes(r"IEDs?|VBIEDs?") == {"ied"}
    assert literal_prefixes(r"\w+x") is None  # cannot be anchored: always run


def test_keyword_index_finds_overlapping_keywords():
    index = KeywordIndex([("مسير", 1), ("مسيره", 2), ("غار", 3)])
    assert index.values("وللمسيره غارات") == {1, 2, 3}
    assert index.any("nothing here") is False
    assert KeywordIndex([]).values("x") == set()
