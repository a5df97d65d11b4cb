"""Absolute and relative dates in Arabic and English, resolved against the publication date."""
from datetime import date

import pytest

from map_app.geoparse.incidents.dates import DAY, MONTH, WEEK, find_dates

PUB = date(2024, 10, 15)  # a Tuesday


def one(text, published=PUB):
    found = find_dates(text, published)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start:d.end] == d.text
    return d


@pytest.mark.parametrize("text,expected", [
    ("وقع الهجوم في ١١ أكتوبر ٢٠٢٤ قرب البلدة", date(2024, 10, 11)),
    ("3 فبراير 2014", date(2014, 2, 3)),
    ("October 11, 2024", date(2024, 10, 11)),
    ("on 11th of October 2024", date(2024, 10, 11)),
    ("2024-10-11", date(2024, 10, 11)),
    ("بتاريخ 20.12.2023", date(2023, 12, 20)),
    ("بتاريخ ٢٠/١٢/٢٠٢٣", date(2023, 12, 20)),
    ("في الـ١١ من تشرين الأول ٢٠٢٤", date(2024, 10, 11)),
    ("11 أكتوبر/تشرين الأول 2024", date(2024, 10, 11)),
    ("يوم 5 كانون الثاني 2024", date(2024, 1, 5)),
])
def test_absolute_day_dates(text, expected):
    d = one(text)
    assert (d.value, d.precision, d.kind) == (expected, DAY, "absolute")


@pytest.mark.parametrize("text,expected", [
    ("11 أكتوبر الجاري", date(2024, 10, 11)),
    ("on 11 Oct", date(2024, 10, 11)),
    ("20 تشرين الأول", date(2023, 10, 20)),  # after publication: last year's
    ("5 كانون الثاني الماضي", date(2024, 1, 5)),
    ("Sept. 3", date(2024, 9, 3)),
])
def test_day_without_year_takes_the_publication_year(text, expected):
    d = one(text)
    assert (d.value, d.precision) == (expected, DAY)


@pytest.mark.parametrize("text,delta", [
    ("أمس", 1), ("البارحة", 1), ("yesterday", 1), ("اليوم", 0), ("today", 0),
    ("أول أمس", 2), ("أول من أمس", 2), ("the day before yesterday", 2), ("مساء أمس", 1),
])
def test_relative_days(text, delta):
    d = one(text)
    assert (PUB - d.value).days == delta and d.precision == DAY


def test_weekdays_are_the_most_recent_before_publication():
    assert one("الأحد الماضي").value == date(2024, 10, 13)
    assert one("يوم الأحد").value == date(2024, 10, 13)
    assert one("last Sunday").value == date(2024, 10, 13)
    assert one("on Sunday").value == date(2024, 10, 13)
    # Same weekday as publication: "الثلاثاء الماضي" is a week back, bare "Tuesday" is today.
    assert one("الثلاثاء الماضي").value == date(2024, 10, 8)
    assert one("on Tuesday").value == PUB


def test_relative_dates_cross_month_and_year_boundaries():
    pub = date(2024, 1, 2)  # a Tuesday
    assert one("الأحد الماضي", pub).value == date(2023, 12, 31)
    assert one("أول أمس", pub).value == date(2023, 12, 31)
    assert one("29 ديسمبر", pub).value == date(2023, 12, 29)
    last_month = one("الشهر الماضي", pub)
    assert (last_month.value, last_month.precision) == (date(2023, 12, 15), MONTH)
    assert one("ديسمبر الماضي", pub).value == date(2023, 12, 15)


def test_week_precision_is_the_middle_of_the_week():
    last_week = one("الأسبوع الماضي")
    assert (last_week.value, last_week.precision) == (date(2024, 10, 9), WEEK)  # the Wednesday
    assert one("last week").value == date(2024, 10, 9)
    first_week = one("الأسبوع الأول من الشهر الجاري")
    assert (first_week.value, first_week.precision) == (date(2024, 10, 4), WEEK)
    assert one("the first week of September").value == date(2024, 9, 4)
    assert one("أواخر سبتمبر الماضي").value == date(2024, 9, 27)
    # This week: its Wednesday, but never after publication (a Tuesday here).
    assert one("هذا الأسبوع").value == PUB


def test_month_precision():
    this_month = one("الشهر الجاري")
    assert (this_month.value, this_month.precision) == (date(2024, 10, 15), MONTH)
    assert one("last month").value == date(2024, 9, 15)
    assert one("في أكتوبر/تشرين الأول 2023").value == date(2023, 10, 15)
    # "<month> الماضي" is the most recent such month strictly before publication.
    assert one("أكتوبر الماضي").value == date(2023, 10, 15)
    assert one("last October").value == date(2023, 10, 15)
    # The publication month's midpoint is not after publication.
    assert one("this month", date(2024, 10, 3)).value == date(2024, 10, 3)


def test_a_year_alone_is_not_an_event_date():
    for text in ("in 2014", "عام 2014", "منذ 2011"):
        d = one(text)
        assert d.value is None and d.precision is None and d.kind == "year"


def test_without_publication_date_relative_expressions_are_none():
    for text in ("أمس", "الأحد الماضي", "last week", "11 أكتوبر الجاري", "this month"):
        d = one(text, None)
        assert d.value is None and d.precision is None
    assert one("11 October 2024", None).value == date(2024, 10, 11)


def test_future_and_non_dates_are_not_event_dates():
    assert one("next Friday").value is None
    assert one("يوم الجمعة المقبل").value is None
    assert find_dates("اليوم التالي للهجوم", PUB) == []
    assert find_dates("May the army retreat", PUB) == []
    assert find_dates("a 55 km zone, 1,905 soldiers", PUB) == []


def test_spans_are_exact_with_diacritics_and_tatweel():
    text = "وقع القصف يومَ الأحـــد الماضي في ريف حلب"
    d = one(text)
    assert d.text == "يومَ الأحـــد الماضي"
    assert d.value == date(2024, 10, 13)


def test_years_ago_is_background_like_a_past_year():
    for text, year in (("قبل ١٠ سنوات", 2014), ("بعد مرور أكثر من 13 عاما", 2011), ("منذ عدة سنوات", 2021),
                       ("a decade ago", 2014), ("two years ago", 2022), ("قبل عام", 2023)):
        d = one(text)
        assert (d.kind, d.value, d.year) == ("year", None, year), text
    assert one("قبل ١٠ سنوات", None).year is None
    assert find_dates("قبل بداية العام", PUB) == []


def test_arabic_ordinal_days():
    d = one("في الرابع من نيسان/أبريل عام 2019")
    assert (d.value, d.precision, d.kind) == (date(2019, 4, 4), DAY, "absolute")
    assert one("الحادي والعشرين من أكتوبر الجاري").value == date(2024, 10, 21)
    assert one("الأول من تشرين الثاني 2023").value == date(2023, 11, 1)


def test_year_after_month_with_aam_and_min():
    assert one("في 9 آب/أغسطس من عام 2018").value == date(2018, 8, 9)
    assert one("11 أكتوبر عام 2023").value == date(2023, 10, 11)
    d = one("في أكتوبر عام 2023")
    assert (d.value, d.precision) == (date(2023, 10, 15), MONTH)


def test_latest_alone_is_not_the_last_24_hours():
    assert find_dates("الهجمات الأخيرة على القاعدة", PUB) == []
    assert one("خلال الـ24 ساعة الأخيرة").precision == WEEK
