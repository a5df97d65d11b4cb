"""Date expressions in Arabic and English news, resolved against the publication date.

ACLED records an event date with a time precision: 1 the day is known, 2 only
the week, 3 only the month.  We never claim precision 1 for a day we had to
choose.  Conventions (documented here because analysts will ask):

- A day and month without a year is the most recent such date not after
  publication; "11 أكتوبر الجاري" is in the publication month's year;
  "<month> الماضي" / "last <month>" is the most recent such month strictly
  before the publication month.
- Week precision is coded to the middle of the week.  Weeks run Sunday to
  Saturday (the working week in Syria and Iraq), so the middle is the
  Wednesday: "last week" is the Wednesday of the previous Sunday-Saturday
  week; "this week" its Wednesday, or the publication day if that is earlier.
  "The first week of <month>" is the 4th, second the 11th, third the 18th,
  fourth the 25th, last week the month's last day minus 3; early/mid/late
  <month> are coded like the first week, the 15th and the last week.
- Month precision is coded to the 15th, or to the publication day when the
  month is the publication month and the 15th is still to come.
- Weekdays: "الأحد الماضي" / "last Sunday" is the most recent Sunday strictly
  before publication; a bare "الأحد" / "on Sunday" may be the publication day
  itself (wire copy filed the same evening).  "Next Sunday" is not an event date.
- A year alone ("in 2014", "عام 2014") is reported with kind "year" and no
  date: it is not enough to date an event.  So is a span back in years
  ("قبل ١٠ سنوات", "بعد مرور أكثر من 13 عاما", "a decade ago"), with the year
  it points to when the publication date is known.
- Arabic ordinal days are read: "الرابع من نيسان/أبريل عام 2019".
- Without a publication date, anything relative resolves to None; so does a
  day that would fall outside the calendar (published in year 1 or 9999).
- Numeric dates are read day-first (20/12/2024, the Arab press convention),
  or year-first (2024-12-20).
"""
from __future__ import annotations

import calendar
import re
from functools import lru_cache
from dataclasses import dataclass
from datetime import date, timedelta

from map_app.geoparse.incidents.keywords import KeywordIndex
from map_app.geoparse.incidents.normalize import Folded, fold_pattern

DAY, WEEK, MONTH = 1, 2, 3

EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_AR_MONTHS_PLAIN = {
    # Egyptian / Gulf names
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6,
    "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10,
    "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Levantine / Iraqi names
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7,
    "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    # Maghrebi names
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "جوان": 6, "جويلية": 7, "أوت": 8,
}
AR_MONTHS = {fold_pattern(k): v for k, v in _AR_MONTHS_PLAIN.items()}
_WEEKDAYS_AR = {"الأحد": 6, "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3,
                "الجمعة": 4, "السبت": 5}
WEEKDAYS_AR = {fold_pattern(k): v for k, v in _WEEKDAYS_AR.items()}
WEEKDAYS_EN = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
               "saturday": 5, "sunday": 6}


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_AR_MON = f"(?:{_alt(AR_MONTHS)})"
# English month names must be capitalised ("may", "march" are also words).
_EN_MON = "(?-i:" + "|".join(sorted((m.capitalize() for m in EN_MONTHS), key=len, reverse=True)) + r")(?!\w)\.?"
_AR_MON_PAIR = _AR_MON + r"(?:\s*[/(\-]\s*" + _AR_MON + r"\s*\)?)?"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DAYN = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
_THIS = fold_pattern("الجاري|الحالي")
_PAST = fold_pattern("الماضي|المنصرم|الفائت")
_NEXT = fold_pattern("المقبل|القادم")
_REL_WORDS = f"{_THIS}|{_PAST}|{_NEXT}"


def _month_ref(p: str) -> str:
    """A month reference: a named month (with year or الجاري/الماضي), this month, last month."""
    return (
        rf"(?:(?:{fold_pattern('شهر')}\s+)?(?P<{p}_mar>{_AR_MON_PAIR})"
        rf"(?:\s*,?\s*(?:{fold_pattern('من')}\s+)?(?:(?:{fold_pattern('عام|سنة')})\s+)?(?P<{p}_y>{_YEAR})"
        rf"|\s+(?P<{p}_rel>{_REL_WORDS}))?"
        rf"|(?P<{p}_men>{_EN_MON})(?:\s*,?\s*(?:of\s+)?(?P<{p}_yen>{_YEAR}))?"
        rf"|(?P<{p}_this>{fold_pattern('الشهر')}\s+(?:{_THIS})|{fold_pattern('هذا الشهر')}|this\s+month)"
        rf"|(?P<{p}_last>{fold_pattern('الشهر')}\s+(?:{_PAST})|last\s+month|the\s+previous\s+month))"
    )


_F = fold_pattern
_ORD_UNITS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
#: "الرابع من نيسان": Arabic ordinal day words (الأول ... الحادي والثلاثين), folded.
AR_ORDINAL_DAYS: dict[str, int] = {}
for _n, _w in enumerate(_ORD_UNITS, 1):
    AR_ORDINAL_DAYS[_F(_w)] = _n
AR_ORDINAL_DAYS[_F("العاشر")] = 10
for _n, _w in enumerate(["الحادي", *_ORD_UNITS[1:]], 1):
    AR_ORDINAL_DAYS[_F(f"{_w} عشر")] = 10 + _n
    AR_ORDINAL_DAYS[_F(f"{_w} والعشرين")] = 20 + _n
AR_ORDINAL_DAYS[_F("العشرين")] = 20
AR_ORDINAL_DAYS[_F("الثلاثين")] = 30
AR_ORDINAL_DAYS[_F("الحادي والثلاثين")] = 31
_YEARS_WORDS = _F("سنوات|سنة|سنين|أعوام|عاما|عام|عامين|سنتين|عقد|عقدين|عقود")
_AGO_EN = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "twenty-four": 24, "forty-eight": 48, "seventy-two": 72}
_AGO_AR = {_F(k): v for k, v in {"ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6,
                                  "ست": 6, "سبعة": 7, "سبع": 7, "عشرة": 10, "عشر": 10}.items()}
_AGO_WORDS_EN = "|".join(sorted(_AGO_EN, key=len, reverse=True))
_AGO_WORDS_AR = "|".join(sorted(_AGO_AR, key=len, reverse=True))
_EN_COUNT = r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|a\s+few|few"
_FORMS = [
    rf"(?P<iso>(?P<iso_y>{_YEAR})[-/.](?P<iso_m>0?[1-9]|1[0-2])[-/.](?P<iso_d>{_DAYN}))",
    rf"(?P<num>(?P<num_d>{_DAYN})[-/.](?P<num_m>0?[1-9]|1[0-2])(?!\d)[-/.](?P<num_y>{_YEAR}))",
    # The first week of <month>, the last week of last month ...
    rf"(?P<ow>(?:{_F('ال')})?{_F('أسبوع')}\s+(?P<ow_ord>{_F('الأول|الثاني|الثالث|الرابع|الأخير')})\s+"
    rf"(?:{_F('من')}\s+)?{_month_ref('owr')}"
    rf"|(?:the\s+)?(?P<ow_orden>first|second|third|fourth|last|final)\s+week\s+of\s+{_month_ref('owe')})",
    # Early / mid / late <month>.
    rf"(?P<wp>(?P<wp_part>{_F('أوائل|مطلع|بداية|بدايات|منتصف|أواسط|أواخر|نهاية')}|early|mid|late|"
    rf"the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+{_month_ref('wpr')})",
    # 11 October 2024, ١١ تشرين الأول, الـ11 من أكتوبر الجاري, 11th of October.
    rf"(?P<dmy>(?:{_F('ال')})?(?P<dmy_d>{_DAYN})(?:st|nd|rd|th)?\s*(?:{_F('من')}\s+|of\s+)?(?:{_F('شهر')}\s+)?"
    rf"(?:(?P<dmy_mar>{_AR_MON_PAIR})|(?P<dmy_men>{_EN_MON}))"
    rf"(?:\s*,?\s*(?:{_F('من')}\s+)?(?:(?:{_F('عام|سنة')})\s+)?(?P<dmy_y>{_YEAR})|\s+(?P<dmy_rel>{_REL_WORDS}))?)",
    # October 11, 2024.
    rf"(?P<mdy>(?P<mdy_m>{_EN_MON})\s+(?P<mdy_d>{_DAYN})(?:st|nd|rd|th)?(?:\s*,?\s*(?P<mdy_y>{_YEAR}))?)",
    # (in) October 2024, شهر أكتوبر الماضي, last October.
    rf"(?P<mo>(?:(?P<mo_pre>{_F('في|خلال|منذ|شهر')}|in|during|since|until|by)\s+)?"
    rf"(?:(?P<mo_en_rel>last|this|past)\s+)?{_month_ref('mor')})",
    # Relative days.
    rf"(?P<rd>(?P<rd_dby>{_F('أول')}\s+(?:{_F('من')}\s+)?{_F('أمس')}|the\s+day\s+before\s+yesterday)"
    rf"|(?P<rd_yest>{_F('البارحة|الليلة الماضية')}|(?:{_F('يوم')}\s+)?[وف]?{_F('أمس')}|yesterday|last\s+night)"
    rf"|(?P<rd_today>[وف]?{_F('اليوم')}(?!\s+(?:{_F('التالي|الأول|الثاني|الثالث|الذي|نفسه|العالمي|الوطني|الدولي')}))"
    rf"|today|tonight|this\s+(?:morning|afternoon|evening))"
    rf"|(?P<rd_ago>{_F('قبل يومين')}|two\s+days\s+ago))",
    # Weekdays.
    rf"(?P<wd>(?:{_F('يوم')}\s+)?[وف]?(?P<wd_ar>{_alt(WEEKDAYS_AR)})(?:\s+(?P<wd_rel>{_PAST}|{_NEXT}))?"
    rf"|(?:(?P<wd_enrel>last|this\s+past|past|on|this|next)\s+)?(?P<wd_en>{_alt(WEEKDAYS_EN)}))",
    # Weeks.
    rf"(?P<wk>(?P<wk_last>(?:{_F('ال')})?{_F('أسبوع')}\s+(?:{_PAST})|last\s+week|(?:the\s+)?past\s+week|the\s+previous\s+week)"
    rf"|(?P<wk_ago>{_F('قبل أسبوع')}|a\s+week\s+ago)"
    rf"|(?P<wk_this>(?:{_F('هذا')}\s+)?{_F('الأسبوع')}(?:\s+(?:{_THIS}))?|(?:earlier\s+)?this\s+week))",
    # The last 24 hours.
    rf"(?P<recent>(?:{_F('الساعات')}\s+(?:{_F('ال')})?(?:(?:24|48|72)\s+)?(?:{_F('الماضية|الأخيرة')}))"
    rf"|(?:{_F('ال')})?(?:24|48|72)\s+{_F('ساعة')}\s+(?:{_F('الماضية|الأخيرة')})|(?:the\s+)?(?:past|last)\s+(?:24|48|72)\s+hours)",
    # "less than 48 hours ago", "three days ago", "قبل أقل من 48 ساعة", "قبل ثلاثة أيام".
    rf"(?P<ago>(?:(?P<ago_q>less\s+than|under|fewer\s+than|nearly|almost|about|some|more\s+than|over)\s+)?"
    rf"(?P<ago_n>\d+|{_AGO_WORDS_EN})\s+(?P<ago_u>hours?|days?)\s+ago"
    rf"|{_F('قبل')}\s+(?:(?P<ago_qar>{_F('أقل|أكثر|أزيد')})\s+{_F('من')}\s+|{_F('نحو|حوالي|قرابة')}\s+)?"
    rf"(?P<ago_nar>\d+|{_AGO_WORDS_AR})\s+(?P<ago_uar>{_F('ساعة|ساعات|أيام|يوما|يوم')})(?!\w))",
    # "قبل ١٠ سنوات", "بعد مرور أكثر من 13 عاما", "a decade ago": background, like a past year.
    rf"(?P<ya>(?:{_F('قبل|منذ')}|{_F('بعد')}\s+{_F('مرور')})\s+(?:(?:{_F('أكثر|أزيد')})\s+{_F('من')}\s+|"
    rf"(?:{_F('نحو|حوالي|قرابة|زهاء')})\s+)?(?:(?P<ya_n>\d+|\S+)\s+)?(?P<ya_u>{_YEARS_WORDS})"
    rf"|(?:(?:more\s+than|over|nearly|almost|about|some)\s+)?(?P<ya_en>{_EN_COUNT})\s+(?P<ya_uen>years?|decades?)"
    rf"\s+(?:ago|earlier|before))",
    # الرابع من نيسان/أبريل عام 2019.
    rf"(?P<dord>(?P<dord_d>{_alt(AR_ORDINAL_DAYS)})\s+(?:{_F('من')}\s+)?(?:{_F('شهر')}\s+)?(?P<dord_mar>{_AR_MON_PAIR})"
    rf"(?:\s*,?\s*(?:{_F('من')}\s+)?(?:(?:{_F('عام|سنة')})\s+)?(?P<dord_y>{_YEAR})|\s+(?P<dord_rel>{_REL_WORDS}))?)",
    # A year alone (kept so that background sentences can be recognised).
    rf"(?P<yr>(?:{_F('عام|سنة|العام|منذ|في|خلال|حتى|عامي|سنتي')}|in|since|during|year|by|until|till|between)"
    rf"\s+(?:{_F('عام|عامي')}\s+)?"
    rf"(?P<yr_y>{_YEAR}))",
]

# Keyword anchors per form: a form's regex only runs when one of its anchors
# occurs in the sentence (keywords.py); None = it only needs a digit.
_MONTH_WORDS = [*AR_MONTHS, *EN_MONTHS]
_ANCHOR_WORDS = [
    None,  # iso
    None,  # num
    [_F("أسبوع"), "week"],
    [_F(w) for w in ("أوائل", "مطلع", "بداية", "بدايات", "منتصف", "أواسط", "أواخر", "نهاية")]
    + ["early", "mid", "late", "the end of", "the beginning of", "the start of", "the middle of"],
    _MONTH_WORDS,  # dmy
    list(EN_MONTHS),  # mdy
    [*_MONTH_WORDS, _F("شهر"), "month"],  # mo
    [_F(w) for w in ("أمس", "البارحة", "الليلة", "اليوم", "يومين")]
    + ["yesterday", "today", "tonight", "morning", "afternoon", "evening", "last night", "days ago"],
    [*WEEKDAYS_AR, *WEEKDAYS_EN],
    [_F("أسبوع"), "week"],
    [_F("ساعة"), _F("ساعات"), "hours"],
    ["ago", _F("قبل")],  # ago
    [*_YEARS_WORDS.split("|"), "year", "decade"],  # ya
    list(AR_MONTHS),  # dord
    None,  # yr
]
_NEEDS_DIGIT = [True, True, False, False, True, True, False, False, False, False, False, False, False, False, True]
assert len(_ANCHOR_WORDS) == len(_FORMS) == len(_NEEDS_DIGIT)
_FORM_RX = [re.compile(r"(?<!\w)(?:" + form + r")(?!\w)", re.IGNORECASE) for form in _FORMS]
_FORM_INDEX = KeywordIndex((w, i) for i, words in enumerate(_ANCHOR_WORDS) for w in (words or ()))
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: offsets into the text, the resolved date and its precision."""

    start: int
    end: int
    text: str
    value: date | None
    precision: int | None
    #: "absolute" (names a calendar date or month), "relative" (needs the
    #: publication date) or "year" (a year alone: never an event date).
    kind: str
    year: int | None = None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_len(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


@lru_cache(maxsize=1024)
def month_number(text: str) -> int | None:
    """The month a bare month name stands for ("يناير", "December"), or None."""
    return _month_name(" ".join(fold_pattern(text).split()))


def _month_name(text: str | None) -> int | None:
    if not text:
        return None
    first = re.split(r"\s*[/(\-]\s*", text.strip())[0]
    first = re.sub(r"\s+", " ", first)
    return AR_MONTHS.get(first) or EN_MONTHS.get(first.rstrip(".").lower())


def _year_for(month: int, rel: str | None, pub: date | None, day: int | None = None,
              hint: int | None = None) -> int | None:
    """The year of a month named without a year (see the module docstring).

    Without a publication date, `hint` (the year a timeline's heading or title
    names) is the year of an unqualified day or month.
    """
    if pub is None:
        return hint if hint is not None and not rel else None
    if rel and re.fullmatch(_THIS, rel):
        return pub.year
    if rel and re.fullmatch(_PAST, rel):
        return pub.year if month < pub.month else pub.year - 1
    if rel and re.fullmatch(_NEXT, rel):
        return pub.year if month > pub.month else pub.year + 1
    # No qualifier: the most recent such date/month not after publication.
    if day is not None:
        candidate = _safe_date(pub.year, month, day)
        if candidate is not None and candidate > pub:
            return pub.year - 1
        if candidate is None and (month, day) > (pub.month, pub.day):
            return pub.year - 1
        return pub.year
    return pub.year if month <= pub.month else pub.year - 1


def _resolve_month_ref(g: dict, p: str, pub: date | None, hint: int | None = None) -> tuple[int, int] | None:
    """(year, month) of a `_month_ref` match with prefix `p`."""
    if g.get(f"{p}_this"):
        return (pub.year, pub.month) if pub else None
    if g.get(f"{p}_last"):
        if pub is None:
            return None
        first = pub.replace(day=1) - timedelta(days=1)
        return first.year, first.month
    month = _month_name(g.get(f"{p}_mar") or g.get(f"{p}_men"))
    if month is None:
        return None
    year_text = g.get(f"{p}_y") or g.get(f"{p}_yen")
    if year_text:
        return int(year_text), month
    year = _year_for(month, g.get(f"{p}_rel"), pub, hint=hint)
    return (year, month) if year is not None else None


def _midmonth(y: int, m: int, pub: date | None) -> date:
    value = date(y, m, 15)
    if pub is not None and (y, m) == (pub.year, pub.month) and value > pub:
        return pub
    return value


def _week_day_of_month(ym: tuple[int, int], day: int, pub: date | None) -> date:
    y, m = ym
    value = date(y, m, max(1, min(day, _month_len(y, m))))
    if pub is not None and (y, m) == (pub.year, pub.month) and value > pub:
        return pub
    return value


_EN_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _years_ago(g: dict) -> int | None:
    """How many years back a "قبل ١٠ سنوات" / "a decade ago" phrase points (at least 1), or None."""
    unit = (g.get("ya_u") or g.get("ya_uen") or "").lower()
    decade = unit.startswith(("decade", _F("عقد"), _F("عقود")))
    count = g.get("ya_n") or g.get("ya_en")
    if count and count.isdigit():
        n = int(count)
    elif g.get("ya_en"):
        n = _EN_COUNTS.get(count.lower(), 3)
    elif count and count not in (_F("أكثر"), _F("من")):
        if not re.fullmatch(r"\w+", count) or unit in (_F("عام"), _F("سنة")):
            return None  # "قبل بداية العام": not a duration
        n = 3  # a number word before a plural: several years
    else:
        n = 2 if unit.endswith(("ين",)) else (3 if unit in (_F("سنوات"), _F("أعوام"), _F("سنين"), _F("عقود")) else 1)
    return max(1, n * (10 if decade else 1))


def _resolve(g: dict, pub: date | None, hint: int | None = None) -> tuple[date | None, int | None, str, int | None]:
    """(value, precision, kind, year) for one match's groups."""
    if g.get("iso"):
        return _safe_date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])), DAY, "absolute", int(g["iso_y"])
    if g.get("num"):
        return _safe_date(int(g["num_y"]), int(g["num_m"]), int(g["num_d"])), DAY, "absolute", int(g["num_y"])
    if g.get("ow") or g.get("wp"):
        p = ("owr" if g.get("ow_ord") else "owe") if g.get("ow") else "wpr"
        ym = _resolve_month_ref(g, p, pub, hint)
        if ym is None:
            return None, None, "relative", None
        y, m = ym
        last = _month_len(y, m) - 3
        if g.get("ow"):
            order = fold_pattern(g.get("ow_ord") or "").lower() or (g.get("ow_orden") or "").lower()
            day = {"الاول": 4, "first": 4, "الثاني": 11, "second": 11, "الثالث": 18, "third": 18,
                   "الرابع": 25, "fourth": 25}.get(order, last)
        else:
            part = re.sub(r"\s+", " ", g["wp_part"].lower())
            if part in (_F("أوائل"), _F("مطلع"), _F("بداية"), _F("بدايات"), "early", "the beginning of",
                        "the start of"):
                day = 4
            elif part in (_F("منتصف"), _F("أواسط"), "mid", "the middle of"):
                day = 15
            else:
                day = last
        kind = "absolute" if (g.get(f"{p}_y") or g.get(f"{p}_yen")) else "relative"
        return _week_day_of_month(ym, day, pub), WEEK, kind, y
    if g.get("dmy"):
        month = _month_name(g.get("dmy_mar") or g.get("dmy_men"))
        day = int(g["dmy_d"])
        if g.get("dmy_y"):
            return _safe_date(int(g["dmy_y"]), month, day), DAY, "absolute", int(g["dmy_y"])
        year = _year_for(month, g.get("dmy_rel"), pub, day, hint)
        return (_safe_date(year, month, day) if year else None), DAY, "relative", year
    if g.get("dord"):
        month = _month_name(g["dord_mar"])
        day = AR_ORDINAL_DAYS[re.sub(r"\s+", " ", g["dord_d"])]
        if g.get("dord_y"):
            return _safe_date(int(g["dord_y"]), month, day), DAY, "absolute", int(g["dord_y"])
        year = _year_for(month, g.get("dord_rel"), pub, day, hint)
        return (_safe_date(year, month, day) if year else None), DAY, "relative", year
    if g.get("ya"):
        years = _years_ago(g)
        if years is None:
            return None, None, "ignore", None
        return None, None, "year", (pub.year - years if pub else None)
    if g.get("mdy"):
        month = _month_name(g["mdy_m"])
        day = int(g["mdy_d"])
        if g.get("mdy_y"):
            return _safe_date(int(g["mdy_y"]), month, day), DAY, "absolute", int(g["mdy_y"])
        year = _year_for(month, None, pub, day, hint)
        return (_safe_date(year, month, day) if year else None), DAY, "relative", year
    if g.get("mo"):
        has_year = g.get("mor_y") or g.get("mor_yen")
        named = g.get("mor_mar") or g.get("mor_men")
        en_rel = (g.get("mo_en_rel") or "").lower()
        if named and not (has_year or g.get("mor_rel") or g.get("mo_pre") or en_rel):
            return None, None, "ignore", None  # a bare month name is too ambiguous
        if en_rel and named and not has_year:
            month = _month_name(named)
            if pub is None:
                return None, None, "relative", None
            rel = _PAST.split("|")[0] if en_rel in ("last", "past") else _THIS.split("|")[0]
            year = _year_for(month, rel, pub)
            return _midmonth(year, month, pub), MONTH, "relative", year
        ym = _resolve_month_ref(g, "mor", pub, hint)
        if ym is None:
            return None, None, "relative", None
        kind = "absolute" if has_year else "relative"
        return _midmonth(ym[0], ym[1], pub), MONTH, kind, ym[0]
    if pub is None:
        if g.get("yr"):
            return None, None, "year", int(g["yr_y"])
        return None, None, "relative", None
    if g.get("rd"):
        if g.get("rd_dby") or g.get("rd_ago"):
            return pub - timedelta(days=2), DAY, "relative", None
        if g.get("rd_yest"):
            return pub - timedelta(days=1), DAY, "relative", None
        return pub, DAY, "relative", None
    if g.get("wd"):
        target = WEEKDAYS_AR.get(g["wd_ar"]) if g.get("wd_ar") else WEEKDAYS_EN[g["wd_en"].lower()]
        rel = (g.get("wd_rel") or g.get("wd_enrel") or "").lower()
        if rel == "next" or (rel and re.fullmatch(_NEXT, rel)):
            return None, None, "relative", None
        back = (pub.weekday() - target) % 7
        if back == 0 and rel and (rel in ("last", "past", "this past") or re.fullmatch(_PAST, rel)):
            back = 7
        return pub - timedelta(days=back), DAY, "relative", None
    if g.get("wk"):
        sunday = pub - timedelta(days=(pub.weekday() + 1) % 7)
        if g.get("wk_last"):
            return sunday - timedelta(days=4), WEEK, "relative", None
        if g.get("wk_ago"):
            return pub - timedelta(days=7), WEEK, "relative", None
        return min(pub, sunday + timedelta(days=3)), WEEK, "relative", None
    if g.get("ago"):
        return _resolve_ago(g, pub)
    if g.get("recent"):
        return pub, WEEK, "relative", None
    if g.get("yr"):
        return None, None, "year", int(g["yr_y"])
    return None, None, "ignore", None


def _resolve_ago(g: dict, pub: date) -> tuple[date | None, int | None, str, int | None]:
    """"less than 48 hours ago" is the day before; "48 hours ago" two days before; "three days ago" three."""
    raw = (g.get("ago_n") or g.get("ago_nar") or "").lower()
    n = int(raw) if raw.isdigit() else _AGO_EN.get(raw, _AGO_AR.get(raw))
    if n is None:
        return None, None, "ignore", None
    unit = (g.get("ago_u") or g.get("ago_uar") or "").lower()
    fewer = (g.get("ago_q") or "").lower().startswith(("less", "under", "fewer")) or \
        (g.get("ago_qar") or "") == _F("أقل")
    hours = unit.startswith("hour") or unit in (_F("ساعة"), _F("ساعات"))
    if hours:
        days = (n - 1) // 24 if fewer else n // 24
    else:
        days = n - 1 if fewer else n
    days = max(0, days)
    if days > 60:
        return None, None, "ignore", None
    return pub - timedelta(days=days), DAY if days <= 7 else WEEK, "relative", None


def find_dates(text: str, published: date | None = None, *, folded: Folded | None = None,
               year_hint: int | None = None) -> list[DateMention]:
    """All date expressions in `text`, in order, resolved against `published`.

    `year_hint` is used only without a publication date: the year of "12 May"
    in a timeline whose heading or title names the year.
    """
    f = folded if folded is not None else Folded(text)
    t = f.text
    has_digit = _DIGIT.search(t) is not None
    hinted = _FORM_INDEX.values(f.key)
    found = []
    for i, rx in enumerate(_FORM_RX):
        if _NEEDS_DIGIT[i] and not has_digit:
            continue
        if _ANCHOR_WORDS[i] is not None and i not in hinted:
            continue
        for m in rx.finditer(t):
            found.append((m.start(), -(m.end() - m.start()), i, m))
    # Leftmost, then longest, then the form listed first.
    found.sort(key=lambda x: x[:3])
    out: list[DateMention] = []
    last_end = -1
    for start, _neg_len, _i, m in found:
        if start < last_end:
            continue
        try:
            value, precision, kind, year = _resolve(m.groupdict(), published, year_hint if published is None else None)
        except (OverflowError, ValueError):
            # The day falls outside the calendar (published in year 1 or 9999): unknown.
            value, precision, kind, year = None, None, "relative", None
        if kind == "ignore":
            continue
        last_end = m.end()
        if value is None:
            precision = None
        s, e = f.span(m.start(), m.end())
        out.append(DateMention(s, e, text[s:e], value, precision, kind, year))
    return out
