"""Reported fatalities, following ACLED's counting rules.

- The lowest reported number wins: "between 20 and 30 killed" is 20, "at
  least 35" is 35, and when one sentence carries several death counts (two
  sources disagreeing) the smallest is kept.  Counts joined in one phrase
  ("killed 5 soldiers and 3 civilians", "مقتل 5 جنود و3 مدنيين") are added.
- Vague quantities: "dozens"/"عشرات" = 12, "hundreds"/"مئات" = 100,
  "thousands"/"آلاف" = 1000, "several"/"عدة"/"عدد من" = 3, but only right
  after a death word ("قتل عدة", "killed several").
- A singular victim ("مقتل جندي", "a civilian was killed") is 1; a few
  unambiguous Arabic duals ("مقتل عنصرين") are 2.
- A forecast is not a report: "the toll could rise to four", "قد ترتفع
  حصيلة القتلى" give nothing.
- Only deaths count.  Injuries alone, or a combined "killed and wounded"
  figure that cannot be split, give None: we report no number rather than
  a guess.  None therefore means "no death count reported", not zero.
- Numbers must be attached to a death word by the grammar below, so numbers
  that are not deaths (1,905 soldiers returned, a 55 km zone, the year 2024)
  are ignored; callers can also blank out date spans first (`mask`).
"""
from __future__ import annotations

import re

from map_app.geoparse.incidents.keywords import KeywordIndex
from map_app.geoparse.incidents.normalize import Folded, fold, fold_pattern

_F = fold_pattern

# --- Number words ---------------------------------------------------------------

_AR_UNITS = {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثة": 3,
    "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7,
    "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10,
}
_AR_TEENS = {"أحد عشر": 11, "إحدى عشرة": 11, "احدى عشر": 11, "اثنا عشر": 12, "اثني عشر": 12,
             "اثنتا عشرة": 12, "اثنتي عشرة": 12}
_AR_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
_AR_BIG = {"مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200, "مائتين": 200, "مائتان": 200,
           "ألف": 1000, "ألفين": 2000, "ألفان": 2000}
_AR_VAGUE = {"عشرات": 12, "مئات": 100, "آلاف": 1000}
_AR_SEVERAL = {"عدة": 3, "عدد من": 3}
_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_EN_VAGUE = {"dozens": 12, "dozens of": 12, "a dozen": 12, "hundreds": 100, "hundreds of": 100,
             "thousands": 1000, "thousands of": 1000}
_EN_SEVERAL = {"several": 3}

_WORD_VALUES: dict[str, int] = {}
for _table in (_AR_UNITS, _AR_TEENS, _AR_TENS, _AR_BIG, _AR_VAGUE):
    for _k, _v in _table.items():
        _WORD_VALUES[_F(_k)] = _v
for _table in (_EN_UNITS, _EN_TENS, _EN_VAGUE):
    _WORD_VALUES.update(_table)
_WORD_VALUES["a hundred"] = 100
_WORD_VALUES["hundred"] = 100
_WORD_VALUES["thousand"] = 1000
_WORD_VALUES["dozen"] = 12
_SEVERAL_VALUES = {**{_F(k): v for k, v in _AR_SEVERAL.items()}, **_EN_SEVERAL}


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d,.]\d)"
_WORDNUM = rf"(?:{_alt(_WORD_VALUES)})(?!\w)"
# Counts are matched on digits only: number words are rewritten first (`_numerals`).
_ONE = rf"(?:{_DIGITS})"
_UNITS_AFTER = (r"(?!\s*(?:km|kilomet|mile|meter|metre|%|percent|per\s+cent|years?|hours?|minutes?|days?|"
                r"months?|weeks?|dollars?|\$|" + _F("كم|كيلو|متر|ميل|بالمئة|بالمائة|في المئة|عام|عاما|سنة|سنوات|"
                                                   r"ساعة|ساعات|دقيقة|دقائق|يوما|أيام|شهر|أشهر|دولار") + r"))")
# The number itself, or a range whose first (lowest) bound is kept.
_NUM = (rf"(?:(?P<d1>{_DIGITS})\s*[-–]\s*(?P<d2>{_DIGITS}){_UNITS_AFTER}"
        rf"|(?P<b1>{_ONE})\s+(?:to|or|{_F('إلى|أو')})\s*(?P<b2>{_ONE}){_UNITS_AFTER}"
        rf"|(?:between|{_F('ما بين|بين')})\s+(?P<c1>{_ONE})\s*(?:and|{_F('و')})\s*(?P<c2>{_ONE}){_UNITS_AFTER}"
        rf"|(?P<n1>{_ONE}){_UNITS_AFTER})")
_NUM_SEVERAL = rf"(?P<sev>{_alt(_SEVERAL_VALUES)})(?!\w)"

_QUAL_AR = _F(r"(?:ما\s+)?لا\s+يقل\s+عن|نحو|حوالي|حوالى|قرابة|زهاء|أكثر\s+من|أزيد\s+من|ما\s+يزيد\s+عن|"
              r"ما\s+يزيد\s+على|ما\s+يقارب|الـ|ال")
_QUAL_EN = (r"at\s+least|about|around|nearly|almost|some|more\s+than|over|up\s+to|as\s+many\s+as|"
            r"a\s+total\s+of|an\s+estimated|roughly|approximately|the")
_QUAL = rf"(?:(?:{_QUAL_AR}|{_QUAL_EN})\s*)*"

# --- Death words ---------------------------------------------------------------------

_DEATH_NOUN_AR = _F(r"مقتل|مصرع|استشهاد|وفاة|قتل|إعدام")
_DEATH_VERB_AR = _F(r"قتل|قتلت|قتلوا|[يت]قتل|قضى|قضوا|لقي|لقوا|أودى\s+بحياة|أودت\s+بحياة|حصد|حصدت|استشهد|استشهدت|"
                    r"استشهدوا|[يت]ستشهد|ارتقى|ارتقت")
_DEATH_AFTER_AR = _F(r"قتلى|قتيلا|قتيل|قتيلان|قتيلين|شهداء|شهيدا|شهيد|جثث|جثة|ضحية|ضحايا")
_TOLL_AR = _F(r"حصيلة\s+(?:ال)?(?:قتلى|ضحايا|وفيات|شهداء)")
_DEATH_EN = r"kill(?:ed|ing|s)?|shot\s+dead|gunned\s+down|executed|claim(?:ed|ing)?\s+the\s+lives\s+of"
_DEATH_AFTER_EN = r"(?:dead|killed|died|deaths|fatalities|bodies|lost\s+their\s+lives|shot\s+dead|perished)"
_INJURY = _F(r"إصاب|جرح|جريح|مصاب|أصيب|أصيبوا|جرحى|wound|injur|hurt")
_PERSON_EN = (r"(?:people|persons|civilians|soldiers|troops|fighters|militants|members|children|women|men|"
              r"policemen|police\s+officers|officers|guards|militiamen|insurgents|gunmen|jihadists|combatants|"
              r"residents|villagers|workers|farmers|shepherds|journalists|paramedics|personnel|servicemen|"
              r"service\s+members|rebels|recruits|commanders|leaders|operatives|Americans|Syrians|Iraqis|"
              r"Kurds|Turks|Iranians|Israelis|Russians|individuals|victims|pilgrims|students|teachers|"
              r"doctors|nurses|patients|family\s+members|relatives|passengers|contractors|citizens|refugees|"
              r"attackers|assailants|raiders|bombers|kidnappers|gunmen)")
_SINGLE_EN = (r"(?:person|civilian|soldier|fighter|militant|member|child|woman|man|policeman|officer|guard|"
              r"militiaman|insurgent|gunman|jihadist|resident|villager|worker|farmer|shepherd|journalist|"
              r"paramedic|serviceman|rebel|commander|leader|operative|boy|girl|teenager|driver|contractor|"
              r"doctor|student|teacher|citizen|refugee|American|Iraqi|Syrian|attacker|assailant)")
_SINGLE_AR = _F(r"شخص|عنصر|جندي|طفل|طفلة|مدني|مسلح|ضابط|قيادي|قائد|رجل|امرأة|سيدة|مواطن|مقاتل|سائق|شاب|"
                r"فتاة|مسعف|صحفي|راع|راعي|مزارع|عامل|مدرس|أمير|متزعم|مسؤول|رقيب|عسكري|لاجئ|نازح|طالب|معلم")
_DUAL_AR = _F(r"شخصين|عنصرين|جنديين|طفلين|ضابطين|رجلين|امرأتين|طفلتين|شابين|قياديين|شخصان|عنصران|جنديان|طفلان|"
              r"ضابطان|رجلان|امرأتان|طفلتان|شابان|قياديان|مدنيان|مقاتلان|مسلحان")

_W = r"[^\s\d.!?؟;؛،,:()]+"  # one word that is not a number
#: One word that is neither a number nor an injury verb ("قتل راعٍ وأصيب اثنان": the two were wounded).
_W_NOT_INJURY = r"(?!" + _F(r"[وف]?(?:أصيب|أصيبت|أصيبوا|جرح|جرحت|إصابة)") + r"(?!\w))" + _W
#: "three fighters from an Iran-backed militia were killed": who they belong to, between count and verb.
_AFFILIATION_EN = r"(?:(?:from|of|with|belonging\s+to|affiliated\s+with|loyal\s+to)\s+(?:[\w-]+\s+){1,4}?)?"
#: "the toll could rise to four": a forecast, not a report.
_SPECULATIVE = re.compile(r"(?<!\w)(?:could|may|might|would|expected|likely|feared|" +
                          _F(r"[وف]?(?:قد\s+[يت]رتفع|يرجح|ترجح|مرشحة|مرشح|مرجح|يتوقع|متوقع)") + r")(?!\w)",
                          re.IGNORECASE)

_PATTERNS = [
    # مقتل ما لا يقل عن 35 عنصرًا / قتل 5 / أسفر عن مقتل عشرات
    rf"(?<!\w)[وف]?(?:ب|ل)?(?:ال)?(?:{_DEATH_NOUN_AR})\s+{_QUAL}(?:{_NUM}|{_NUM_SEVERAL})",
    # قتلت القوات 5 مسلحين / لقي 3 أشخاص حتفهم
    rf"(?<!\w)[وف]?(?:{_DEATH_VERB_AR})(?:\s+{_W_NOT_INJURY}){{0,2}}?\s+{_QUAL}{_NUM}",
    # 35 قتيلا / سقوط 5 قتلى
    rf"(?<!\w){_QUAL}{_NUM}\s+(?:(?:{_W}\s+)?(?:{_DEATH_AFTER_AR})|{_W}\s+{_F('قتلوا|لقوا|قضوا')})(?!\w)",
    # ارتفعت حصيلة القتلى إلى 35
    rf"(?<!\w)(?:ال)?(?:{_TOLL_AR})(?:\s+{_W}){{0,4}}?\s+{_QUAL}{_NUM}",
    # killed at least 12 people / killing several / left 5 dead
    rf"(?<![\w-])(?:{_DEATH_EN})\s+{_QUAL}(?:{_NUM}|{_NUM_SEVERAL})",
    # left 5 people dead
    rf"(?<![\w-])(?:left|leaving)\s+{_QUAL}{_NUM}(?:\s+\S+){{0,2}}?\s+(?:dead|killed)(?!\w)",
    # 12 people were killed / two civilians died / 12 dead
    rf"(?<![\w-]){_QUAL}{_NUM}\s+(?:more\s+|others?\s+)?(?:(?:[\w-]+\s+){{0,2}}?{_PERSON_EN}\s+{_AFFILIATION_EN})?"
    rf"(?:(?:were|was|have\s+been|had\s+been|"
    rf"are|reportedly|also|all|later|been)\s+)*{_DEATH_AFTER_EN}(?!\w)",
    rf"(?<![\w-]){_NUM_SEVERAL}\s+(?:[\w-]+\s+)?{_PERSON_EN}\s+(?:(?:were|was|have\s+been|had\s+been)\s+)*"
    rf"{_DEATH_AFTER_EN}(?!\w)",
    # death toll rose to 35 / reported the death of 11 civilians
    rf"(?<![\w-])(?:death\s+toll(?:\s+\S+){{0,4}}?|deaths?\s+of)\s+{_QUAL}{_NUM}",
    # Four HTS fighters and three soldiers were killed (two groups of victims, added).
    rf"(?<![\w-]){_QUAL}(?P<g1>{_ONE})\s+(?:[\w-]+\s+){{0,2}}?{_PERSON_EN}\s+and\s+{_QUAL}(?P<g2>{_ONE})\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?:{_PERSON_EN}|{_SINGLE_EN})\s+(?:(?:were|have\s+been|had\s+been|also)\s+)*"
    rf"(?:killed|dead|died)(?!\w)",
]
#: Toll patterns ("death toll rose to 35"), which may be forecasts.
_TOLL_PATTERNS = frozenset({3, 8})
#: (regex, the number comes before the death word)
_MATCHERS = [(re.compile(p, re.IGNORECASE), i in (2, 6, 7, 9)) for i, p in enumerate(_PATTERNS)]
#: Number-first patterns are costly (a number can start anywhere): run them only
#: when their death word occurs.
_AFTER_GATES = {
    2: KeywordIndex((w, 1) for w in _F("قتلى|قتيل|شهداء|شهيد|جثث|جثة|ضحية|ضحايا|قتلوا|لقوا|قضوا").split("|")),
    6: KeywordIndex((w, 1) for w in ("dead", "killed", "died", "deaths", "fatalities", "bodies", "lost their lives",
                                     "perished")),
    7: KeywordIndex((w, 1) for w in ("dead", "killed", "died", "deaths", "fatalities", "bodies", "lost their lives",
                                     "perished")),
    9: KeywordIndex((w, 1) for w in ("killed", "dead", "died")),
}

_SINGULAR = [
    re.compile(rf"(?<!\w)[وف]?(?:ب|ل)?(?:ال)?(?:{_DEATH_NOUN_AR})\s+(?:ال)?(?:(?P<one>{_SINGLE_AR}|{_F('أحد|إحدى')})|"
               rf"(?P<two>{_DUAL_AR}))(?!\w)"),
    re.compile(rf"(?<!\w)[وف]?(?:سقوط\s+)?(?:(?P<one>{_F('قتيل|شهيد')})|(?P<two>{_F('قتيلين|قتيلان|شهيدين|شهيدان')}))(?!\w)"),
    re.compile(rf"(?<![\w-])(?:kill(?:ed|ing|s)|shot\s+dead|gunned\s+down)\s+(?P<one>a|an|one|1)\s+(?:[\w-]+\s+)?{_SINGLE_EN}s?\b",
               re.IGNORECASE),
    re.compile(rf"(?<![\w-])(?P<one>a|an|one|1)\s+(?:[\w-]+\s+)?{_SINGLE_EN}\s+(?:who\s+(?:\S+\s+){{1,5}}?)?"
               rf"(?:(?:was|has\s+been|had\s+been|reportedly|has|later)\s+)+(?:killed|shot\s+dead|died)",
               re.IGNORECASE),
    # "Mustafa Badreddine, a senior commander, is killed": a named victim.
    re.compile(r"(?<![\w'’-])(?<![Tt]he\s)(?!(?:The|A|An|This|That|His|Her|Their|Its|One)\s)(?P<one>[A-Z][\w'’-]+)"
               r"(?:\s+(?:[A-Z][\w'’-]+|al-[\w'’-]+|el-[\w'’-]+|bin|ibn))*\s*(?:,[^,\n]{1,60},?\s*)?"
               r"(?:is|was|has\s+been|had\s+been)\s+(?:killed|assassinated|shot\s+dead)(?!\s+off)"),
    # "killed the politician X and her driver": a named victim and one companion.
    re.compile(rf"(?<![\w-])(?:{_DEATH_EN}|murdered)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){{1,5}}?and\s+"
               rf"(?:his|her|their)\s+(?P<two>driver|bodyguard|guard|son|daughter|wife|husband|brother|sister|"
               rf"companion|aide|escort|father|mother|child|baby|grandson|granddaughter|nephew|niece|friend|"
               rf"colleague)(?!\w)", re.IGNORECASE),
    # "مقتل مدنيين اثنين": a plural noun and the number word after it (rewritten as digits by `_numerals`).
    re.compile(rf"(?<!\w)[وف]?(?:ب|ل)?(?:ال)?(?:{_DEATH_NOUN_AR})\s+(?:ال)?{_W}\s+(?P<n>[2-9]|10)(?=\s|$|[.,،؛])"),
]
#: "killing the commander X and six others": the named victim and the others.
_OTHERS = re.compile(rf"(?<![\w-])(?:{_DEATH_EN})\s+(?:[\w'’.-]+\s+){{1,6}}?and\s+{_QUAL}(?P<n1>{_ONE})\s+"
                     rf"(?:other\s+(?:people|persons|civilians|members|fighters)|others|"
                     rf"of\s+(?:his|her|their|its)\s+[\w-]+)(?!\w)", re.IGNORECASE)
#: "مقتل قيادي في الفصيل وثلاثة عناصر": one named victim and a count of others.
_OTHERS_AR = re.compile(rf"(?<!\w)[وف]?(?:ب|ل)?(?:ال)?(?:{_DEATH_NOUN_AR})\s+(?:ال)?(?:{_SINGLE_AR})(?:\s+{_W_NOT_INJURY}){{0,4}}?"  # noqa: E501 (one pattern)
                        rf"\s+{_F('و')}\s*{_QUAL}(?P<n1>{_ONE})\s+{_W_NOT_INJURY}")
# "... and 3 civilians" right after a count: added to it (one list of victims).
_CONTINUE = re.compile(rf"\s+(?:{_W}\s+){{0,2}}?(?:{_F('و')}|and)\s*{_QUAL}(?P<n1>{_ONE}){_UNITS_AFTER}"
                       rf"(?P<after>(?:\s+\S+){{0,3}})", re.IGNORECASE)
_COMBINED = re.compile(rf"\s*(?:{_F('و')}|and|or|/)\s*(?:{_INJURY})", re.IGNORECASE)
_INJURY_RE = re.compile(_INJURY, re.IGNORECASE)
#: A sentence without any of these words reports no deaths (skips the grammar).
_DEATH_GATE = KeywordIndex((w, 1) for w in [
    *(_F(w) for w in ("قتل", "قتيل", "مصرع", "استشهاد", "استشهد", "ارتقى", "شهيد", "شهداء", "وفاة", "توفي", "قضى", "قضوا", "لقي", "لقوا",  # noqa: E501 (one pattern)
                      "حتف", "أودى", "أودت", "حصد", "حصيلة", "جثث", "جثة", "جثمان", "ضحية", "ضحايا", "إعدام")),
    "kill", "dead", "died", "death", "fatalit", "bodies", "lives", "gunned", "executed", "perished",
])


def parse_number(text: str) -> int | None:
    """Value of a number phrase: digits ("1,905"), Arabic or English words ("خمسة وعشرين")."""
    t = fold(text).strip().lower()
    if not t:
        return None
    if t[0].isdigit():
        try:
            return int(t.replace(",", ""))
        except ValueError:
            return None
    if t in _WORD_VALUES:
        return _WORD_VALUES[t]
    if t in _SEVERAL_VALUES:
        return _SEVERAL_VALUES[t]
    total = 0
    current = 0
    seen = False
    tokens = re.findall(rf"{_WORDNUM}", t)
    for tok in tokens:
        value = _WORD_VALUES.get(re.sub(r"\s+", " ", tok))
        if value is None:
            continue
        seen = True
        if tok == "dozen" and current:
            current *= 12
        elif value in (100, 1000) and current:
            current *= value
            if value == 1000:
                total += current
                current = 0
        elif value == 10 and 0 < current < 10:  # ثلاثة عشر = 13
            current += 10
        else:
            current += value
    return total + current if seen else None


_WORD_TOKEN = re.compile(r"\w+")
#: First words of Arabic compound teens (أحد عشر، اثنا عشر) that are not numbers alone.
_TEEN_HEADS = frozenset(_F(w) for w in ("أحد", "إحدى", "اثنا", "اثني", "اثنتا", "اثنتي"))
_SCALES = frozenset({"dozen", "hundred", "thousand"})


def _number_word(word: str) -> bool:
    return word in _WORD_VALUES or (word[:1] == "و" and word[1:] in _WORD_VALUES)


_CONJ = frozenset(_F("وف"))


def _numerals(text: str) -> str:
    """Number words rewritten as digits, space-padded so that offsets do not move.

    "خمسة وعشرين" → "25", "twenty-five" → "25", "a dozen" → "12"; "no one" is
    left alone.  A token scan with set lookups (no regex alternation) keeps it fast.
    """
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _WORD_TOKEN.finditer(text)]
    parts: list[str] = []
    last = 0
    i, n = 0, len(tokens)
    while i < n:
        start, end, word = tokens[i]
        nxt = tokens[i + 1][2] if i + 1 < n else ""
        begins = (word in _WORD_VALUES or (word in _TEEN_HEADS and nxt.startswith("عشر"))
                  or (word == "a" and nxt in _SCALES))
        if not begins and len(word) > 3 and word[0] in _CONJ and word[1:] in _WORD_VALUES:
            start, word, begins = start + 1, word[1:], True  # "وثلاثة عناصر": "and three"
        if not begins or (i and tokens[i - 1][2] in ("no", "not")):
            i += 1
            continue
        j = i + 1
        while j < n and not text[end:tokens[j][0]].strip(" -\t\u00a0"):
            w = tokens[j][2]
            if _number_word(w) or w in _SCALES:
                end = tokens[j][1]
                j += 1
            elif w == "and" and j + 1 < n and tokens[j + 1][2] in _WORD_VALUES:
                end = tokens[j + 1][1]
                j += 2
            else:
                break
        value = parse_number(text[start:end])
        digits = str(value) if value is not None else ""
        if digits and len(digits) <= end - start:
            parts.append(text[last:start])
            parts.append(digits.ljust(end - start))
            last = end
        i = j
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def _value(m: re.Match) -> int | None:
    """The count of a match: the lower bound of a range, ACLED's lowest report."""
    g = m.groupdict()
    if g.get("g1") and g.get("g2"):
        values = [parse_number(g["g1"]), parse_number(g["g2"])]
        return sum(values) if None not in values else None
    if g.get("sev"):
        return _SEVERAL_VALUES.get(re.sub(r"\s+", " ", g["sev"].lower()))
    for a, b in (("d1", "d2"), ("b1", "b2"), ("c1", "c2")):
        if g.get(a):
            values = [v for v in (parse_number(g[a]), parse_number(g.get(b) or "")) if v is not None]
            return min(values) if values else None
    return parse_number(g["n1"]) if g.get("n1") else None


def count_fatalities(text: str, mask: list[tuple[int, int]] | None = None, *,
                     folded: Folded | None = None) -> int | None:
    """Lowest reported death count in `text` (one sentence), or None if none is reported.

    `mask` lists (start, end) spans (e.g. dates) whose digits must not be read
    as counts; `folded` reuses a folding of `text` already made.
    """
    if not text:
        return None
    f = folded if folded is not None else Folded(text)
    if not _DEATH_GATE.any(f.key):
        return None
    t = _numerals(_masked(f, mask) if mask else f.text)
    found: list[tuple[int, int, int]] = []
    for i, (rx, number_first) in enumerate(_MATCHERS):
        gate = _AFTER_GATES.get(i)
        if gate is not None and not gate.any(f.key):
            continue
        for m in rx.finditer(t):
            value = _value(m)
            if value is None or value <= 0:
                continue
            # "15 قتلى وجرحى" / "15 people killed or injured": an undivided figure.
            if number_first and _COMBINED.match(t, m.end()):
                continue
            if i in _TOLL_PATTERNS and _SPECULATIVE.search(t, max(0, m.start() - 25), m.end()):
                continue  # "the death toll could rise to 4", "ترجح ارتفاع حصيلة القتلى إلى"
            found.append((m.start(), m.end(), value + _continuation(t, m.end())))
    for rx in (_OTHERS, _OTHERS_AR):
        for m in rx.finditer(t):
            value = parse_number(m.group("n1"))
            if value:
                found.append((m.start(), m.end(), value + 1))
    # A count inside a longer one ("three soldiers were killed" in "four fighters and three soldiers
    # were killed") is part of it.
    counts = []
    reach = -1
    for start, end, value in sorted(found, key=lambda x: (x[0], -x[1])):
        if end > reach:  # (sorted by start, longest first: a match ending within an earlier one is inside it)
            counts.append(value)
            reach = end
    if not counts:
        single = [(m.start(), m.end(), int(m.group("n")) if m.groupdict().get("n") else
                   2 if m.groupdict().get("two") else 1)
                  for rx in _SINGULAR for m in rx.finditer(t)]
        reach = -1
        for start, end, value in sorted(single, key=lambda x: (x[0], -x[1])):
            if end > reach:  # ("killed a shopkeeper" inside "killed a shopkeeper and his son")
                counts.append(value)
                reach = end
    return min(counts) if counts else None


_BARE = re.compile(r"(?<![\w.,])(\d{1,4})(?![\w.,]\d|\s*(?:km|%|years?|hours?|days?|كم|عام|سنة|ساعة|يوم))",
                   re.IGNORECASE)


def bare_count(text: str) -> int | None:
    """The first small count in `text` with no death word: "and one in Tulkarm", "وثلاثة في سرمين" (the death
    word is the previous piece's; callers use it only for such elliptical pieces)."""
    if not text:
        return None
    m = _BARE.search(_numerals(Folded(text).text))
    return int(m.group(1)) if m is not None else None


def _continuation(t: str, pos: int) -> int:
    """Counts added by '... and 3 civilians' right after a count (not injuries)."""
    extra = 0
    while True:
        c = _CONTINUE.match(t, pos)
        if not c:
            return extra
        if _INJURY_RE.search(c.group("after") or ""):
            return extra
        value = parse_number(c.group("n1"))
        if value is None:
            return extra
        extra += value
        pos = c.end("n1")


def _masked(f: Folded, mask: list[tuple[int, int]]) -> str:
    """The folded text with the masked spans (original offsets) blanked out."""
    t = f.text
    parts = []
    last = 0
    for start, end in sorted(mask):
        a, b = max(last, f.to_folded(max(0, start))), f.to_folded(max(0, end))
        if a < b:
            parts.append(t[last:a])
            parts.append(" " * (b - a))
            last = b
    parts.append(t[last:])
    return "".join(parts)


#: A casualty update: "bringing the toll to three", "the toll in X had risen to seven", "ارتفعت حصيلة القتلى
#: إلى ستة".  The later figure replaces the first report's (it is not a second source disagreeing).
_UPDATE_EN = re.compile(
    rf"(?<![\w-])(?:(?:bring(?:s|ing)?|brought|rais(?:es|ing|ed)|push(?:es|ing|ed)|tak(?:es|ing)|took)\s+the\s+"
    rf"(?:death\s+)?toll(?:\s+\S+){{0,3}}?\s+to|(?:death\s+)?toll(?:\s+\S+){{0,4}}?\s+"
    rf"(?:rose|rises|has\s+risen|had\s+risen|climbed|has\s+climbed|had\s+climbed|increased|has\s+increased|"
    rf"had\s+increased|jumped|reached|has\s+reached|had\s+reached)\s+to)\s+{_QUAL}(?P<n1>{_ONE})(?!\s*(?:%|percent))",
    re.IGNORECASE)
_UPDATE_AR = re.compile(rf"(?<!\w)[وف]?(?:ل)?(?:ارتفعت|ارتفاع|[يت]رتفع|وصلت|بلغت)\s+(?:ال)?(?:{_TOLL_AR})"
                        rf"(?:\s+{_W}){{0,4}}?\s+(?:{_F('إلى')}\s*)?{_QUAL}(?P<n1>{_ONE})")
_UPDATE_GATE = KeywordIndex((w, 1) for w in ["toll", _F("حصيلة")])


def toll_update(text: str, *, folded: Folded | None = None) -> int | None:
    """The updated death toll a sentence reports ("bringing the toll to three"), or None (forecasts too)."""
    if not text:
        return None
    f = folded if folded is not None else Folded(text)
    if not _UPDATE_GATE.any(f.key):
        return None
    t = _numerals(f.text)
    for rx in (_UPDATE_EN, _UPDATE_AR):
        m = rx.search(t)
        if m is None or _SPECULATIVE.search(t, max(0, m.start() - 25), m.end()):
            continue
        value = parse_number(m.group("n1"))
        if value:
            return value
    return None
