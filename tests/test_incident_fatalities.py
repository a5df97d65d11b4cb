"""Death counts under ACLED's rules: lowest report, vague quantities, deaths only."""
import pytest

from map_app.geoparse.incidents.fatalities import count_fatalities, parse_number


@pytest.mark.parametrize("text,expected", [
    ("مقتل ما لا يقل عن ٣٥ عنصرًا من التنظيم", 35),
    ("أسفر القصف عن مقتل 5 وإصابة 10 آخرين", 5),
    ("killed at least 12 people", 12),
    ("between 20 and 30 people were killed", 20),
    ("ما بين 20 و30 قتيلا", 20),
    ("20-30 killed", 20),
    ("35 قتيلاً", 35),
    ("سقوط ٥ قتلى و١٠ جرحى", 5),
    ("ارتفعت حصيلة القتلى إلى 35", 35),
    ("the death toll rose to 35", 35),
    ("قتلت القوات خمسة مسلحين", 5),
    ("مقتل خمسة وعشرين شخصاً", 25),
    ("مقتل ثلاثة عشر مسلحا", 13),
    ("twenty-five people died", 25),
    ("Two civilians were killed", 2),
    ("the strike left 5 people dead", 5),
    ("5 rockets killed 3 people", 3),
    # Counts in one phrase are added; separate reports keep the lowest.
    ("killed 5 soldiers and 3 civilians", 8),
    ("مقتل 5 جنود و3 مدنيين", 8),
    ("killed 12 people, according to the observatory, while medics said 15 people were killed", 12),
    # Vague quantities.
    ("مقتل عشرات المدنيين", 12),
    ("Dozens of people were killed", 12),
    ("killed hundreds of fighters", 100),
    ("أودى بحياة مئات الأشخاص", 100),
    ("قتل عدة عناصر", 3),
    ("killed several soldiers", 3),
    # Singular and dual victims.
    ("مقتل جندي", 1),
    ("مقتل أحد العناصر", 1),
    ("مقتل عنصرين من قسد", 2),
    ("سقوط قتيلين", 2),
    ("a soldier was killed", 1),
    ("one person was killed", 1),
    ("killed a civilian", 1),
])
def test_death_counts(text, expected):
    assert count_fatalities(text) == expected


@pytest.mark.parametrize("text", [
    "أصيب 10 أشخاص بجروح",           # injuries only
    "10 wounded in the attack",
    "15 قتلى وجرحى",                   # an undivided killed-and-wounded figure
    "مقتل وإصابة 15 شخصا",
    "15 people were killed or injured",
    "أعادت تركيا 1,905 جنود إلى سوريا",  # not deaths
    "a 55 km buffer zone",
    "in the year 2024 the attack",
    "عدة صواريخ سقطت",                 # "several" outside a killed context
    "مقتل مدنيين",                      # plural without a number: unknown
    "no one was killed",
    "",
])
def test_no_death_count(text):
    assert count_fatalities(text) is None


def test_masked_date_digits_are_not_counts():
    text = "killed on 11 October in Idlib"
    start = text.index("11 October")
    assert count_fatalities(text, mask=[(start, start + len("11 October"))]) is None


def test_number_words():
    assert parse_number("خمسة وعشرين") == 25
    assert parse_number("ثلاثة آلاف") == 3000
    assert parse_number("one hundred and twenty") == 120
    assert parse_number("١٬٩٠٥") == 1905
    assert parse_number("1,905") == 1905
    assert parse_number("nothing") is None


def test_a_count_with_the_victims_affiliation_before_the_verb():
    text = "At least three fighters from an Iran-backed militia were killed on Monday."
    assert count_fatalities(text) == 3


def test_a_forecast_toll_is_not_a_report():
    assert count_fatalities("The monitor said the death toll could rise to four.") is None
    assert count_fatalities("وقد ترتفع حصيلة القتلى إلى 12 شخصا") is None
    assert count_fatalities("وقد ارتفعت حصيلة القتلى إلى 12 شخصا") == 12
    assert count_fatalities("The death toll rose to 12 on Monday.") == 12
