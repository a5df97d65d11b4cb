"""Sentence splitting keeps exact offsets and does not cut abbreviations, numbers or dates."""
import time

from hypothesis import given, settings, strategies as st

from map_app.geoparse.sentences import split_sentences


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_offsets_are_exact_and_trimmed():
    text = "  قصف مدفعي على البلدة.   وقتل شخصان!  \n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["قصف مدفعي على البلدة.", "وقتل شخصان!"]
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()


def test_arabic_and_latin_terminators():
    assert texts("هل قصفت القاعدة؟ نعم؛ قصفت أمس. What happened? Clashes; then calm!") == [
        "هل قصفت القاعدة؟", "نعم؛", "قصفت أمس.", "What happened?", "Clashes;", "then calm!"]


def test_arabic_comma_does_not_end_a_sentence():
    assert texts("قصفت الطائرات البلدة، وقتل ثلاثة مدنيين، وأصيب آخرون.") == [
        "قصفت الطائرات البلدة، وقتل ثلاثة مدنيين، وأصيب آخرون."]


def test_newlines_end_sentences():
    assert texts("عاجل: غارة على إدلب\nقتلى في درعا\r\n\r\nBreaking: strike on Idlib") == [
        "عاجل: غارة على إدلب", "قتلى في درعا", "Breaking: strike on Idlib"]


def test_abbreviations_decimals_and_dates_are_not_boundaries():
    text = ("U.S. forces said Dr. Ali was hit 1.5 km from the base on 20.12.2024 at 3 p.m. local time. "
            "Gen. Smith confirmed it.")
    assert texts(text) == [
        "U.S. forces said Dr. Ali was hit 1.5 km from the base on 20.12.2024 at 3 p.m. local time.",
        "Gen. Smith confirmed it."]


def test_arabic_full_stop_without_space_still_splits():
    assert texts("قصفت الطائرات البلدة.وقال المرصد إن القتلى ثلاثة.") == [
        "قصفت الطائرات البلدة.", "وقال المرصد إن القتلى ثلاثة."]


def test_runs_of_terminators_and_closing_quotes_stay_with_the_sentence():
    assert texts('He said "they fled!" Then silence... «انتهى؟!» نعم.') == [
        'He said "they fled!"', "Then silence...", "«انتهى؟!»", "نعم."]


def test_urls_and_eastern_digit_dates_are_kept_whole():
    assert texts("المصدر: www.example.com/a?b=1 بتاريخ ٢٠.١٢.٢٠٢٤ انتهى.") == [
        "المصدر: www.example.com/a?b=1 بتاريخ ٢٠.١٢.٢٠٢٤ انتهى."]


def test_empty_and_blank_inputs():
    assert split_sentences("") == []
    assert split_sentences(" \n\t\u200f ") == []
    assert texts("...") == ["..."]


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_never_raises_and_offsets_are_exact(text):
    previous_end = 0
    for s in split_sentences(text):
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= previous_end
        assert text[s.start:s.end] == s.text
        assert not s.text[0].isspace() and not s.text[-1].isspace()
        previous_end = s.end


@given(st.text(alphabet=st.sampled_from(list("ab .!?؟;\n\r١٢U.S.Dr<>/\"'»")), max_size=200))
@settings(max_examples=300, deadline=None)
def test_never_raises_on_punctuation_soup(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


def test_large_input_is_linear():
    text = ("قصف مدفعي على مدينة البوكمال، وقتل 3 أشخاص. U.S. forces hit 1.5 km away! " * 14000)
    assert len(text) > 1_000_000
    t0 = time.perf_counter()
    sentences = split_sentences(text)
    assert time.perf_counter() - t0 < 1.5
    assert len(sentences) == 28000
