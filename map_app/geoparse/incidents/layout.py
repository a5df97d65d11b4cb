"""Article layout: what each sentence is (headline, lede, body, caption, credit, heading).

News copy is more than running text.  A headline and a lede summarise the
body; a dateline ("ERBIL (Kurdistan 24) –", "بيروت -") says where the
reporter is; a photo caption, a credit line ("المصدر: ...", "Reporting by
...") or an embedded tweet are not reports of new events; a timeline is
dated by its headings ("2 January", "=== 12 May ===") and a Wikipedia-style
"Background" section tells history.  `analyse_layout` labels every sentence
with one of these roles and lists the spans whose places are never event
locations (datelines and credits), in one pass over the sentences.

Roles:
- "headline": the first line of an article (or of a "Read also" teaser) when
  it reads like a title (no final full stop, short); "subheading": a later
  short line without a full stop.  Their incidents summarise the body
  (merge.py) and stay only when the body does not report them.
- "lede": the first body paragraph of an article.
- "body": everything else that may report events.
- "caption": photo captions ("In this file photo ...", "صورة أرشيفية").
- "credit": source, byline, tag, share lines, publication-date lines and
  embedded posts (pic.twitter.com), and a dateline standing on its own line.
- "heading": section (== Background ==, ### Events) and date headings (no events of their own).
- "background": sentences under a "Background"/"History"/"خلفية" heading.

Timeline dates: a heading that is only a date ("2 January", "=== 12 May ===",
"January 2019[edit]") dates the entries under it; the last four-digit year in a
heading or the title gives the year of "12 May" when the publication date is
unknown (`year_hints`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from map_app.geoparse.document import Mention, Sentence
from map_app.geoparse.incidents.dates import DateMention, find_dates
from map_app.geoparse.incidents.normalize import fold

HEADLINE, SUBHEADING, LEDE, BODY, CAPTION, CREDIT, HEADING, BACKGROUND = (
    "headline", "subheading", "lede", "body", "caption", "credit", "heading", "background")
#: Roles whose sentences never report an event.
SILENT = frozenset({CAPTION, CREDIT, HEADING, BACKGROUND})
#: Roles that summarise the body (their incidents merge into the body's).
SUMMARY = frozenset({HEADLINE, SUBHEADING})

#: Longest line read as a headline or subheading (words).
HEADLINE_WORDS = 25
SUBHEADING_WORDS = 8
_NEWLINE = re.compile(r"[\n\r\u2028\u2029\x0b\x0c\x85]")
_FINAL = re.compile(r"[.!?؟…]\s*[\"'”’»)\]]*\s*(?:\[\d+\])*\s*$")
_BULLET = re.compile(r"^\s*(?:[-•*·▪●◦–—]|\d+[.)])\s")
_WIKI = re.compile(r"\[(?:edit|تحرير|عدل|تعديل المصدر|[\w\s-]{0,30}needed)\]|\[\d+\]", re.IGNORECASE)
_HEADING_MARKS = re.compile(r"^[\s=#*]+|[\s=#*]+$")
_WORDS = re.compile(r"\w+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

# --- Lines that are not reports -----------------------------------------------------------------

#: Credit words that mark a credit line only before a colon or dash ("Source: ...", "المصدر: ...").
_CREDIT_COLON = re.compile(
    r"^\s*(?:[(\[]\s*)?(?:source|sources|photo|photos|image|images|picture|video|credit|credits|reporting|"
    r"additional\s+reporting|writing|editing|tags|keywords|topics|published|updated|posted|last\s+updated|"
    + fold(r"المصدر|مصدر الصورة|مصدر|الصورة|صورة|تصوير|كلمات دلالية|الكلمات الدلالية|كلمات مفتاحية|الوسوم|وسوم|"
           r"تحرير|إعداد|ترجمة|تاريخ النشر|نشر في|آخر تحديث|تحديث|المحرر|الكاتب") +
    r")\s*[:：|\-–—]", re.IGNORECASE)
#: Credit words that mark a short line ("Reporting by ...", "تابع أحدث الأخبار", "Share this article").
_CREDIT_SHORT = re.compile(
    r"^\s*(?:[(\[]\s*)?(?:reporting\s+by|additional\s+reporting|written\s+by|edited\s+by|editing\s+by|"
    r"compiled\s+by|by\s+[A-Z][a-z]+\s+[A-Z]|share|follow\s+us|follow|subscribe|copyright|all\s+rights|"
    r"click\s+here|advertisement|published|updated|"
    + fold(r"تابع|تابعونا|تابعوا|اشترك|شارك|جميع الحقوق|تاريخ النشر|نشر في|آخر تحديث|بقلم|كتب") +
    r")(?!\w)", re.IGNORECASE)
#: A sentence about the document itself ("This timeline covers ...", "تحتوي هذه المقالة على ...").
_META = re.compile(
    r"^\s*(?:(?:this|the\s+following)\s+(?:is\s+a\s+)?(?:timeline|article|list|page|section|chronology|"
    r"lists?|covers?)|events\s+(?:of|in)\s+(?:19|20)\d\d|" +
    fold(r"(?:تحتوي|تحتوى|يغطي|تغطي|يتناول|تتناول)\s+(?:هذه|هذا)|(?:هذه|هذا)\s+(?:المقالة|القائمة|الصفحة|المقال)|"
         r"خط\s+زمني") + r")(?!\w)", re.IGNORECASE)
#: Longest credit line for `_CREDIT_SHORT` (words).
CREDIT_WORDS = 12
#: "Read also" and friends start a teaser of another article: a new article segment.
_RELATED = re.compile(
    r"^\s*(?:read\s+(?:also|more)|see\s+also|related(?:\s+(?:articles|stories|news))?|more\s+on\s+this|"
    + fold(r"اقرأ أيضا|إقرأ أيضا|اقرأ أيضاً|إقرأ أيضاً|اقرأ المزيد|إقرأ المزيد|أخبار ذات صلة|مواضيع ذات صلة|ذات صلة")
    + r")\s*[:：\-–—]?\s*$", re.IGNORECASE)
_EMBED = re.compile(r"pic\.twitter\.com|twitter\.com/|x\.com/\w+/status|\(@\w+\)\s*\w+\s+\d{1,2},\s*\d{4}|"
                    r"instagram\.com/p/|t\.me/", re.IGNORECASE)
_CAPTION = re.compile(
    r"^\s*(?:[(\[]\s*)?(?:in\s+th(?:is|ese)\s+(?:file\s+|handout\s+|undated\s+)?(?:photo|picture|image|"
    r"photograph|frame\s+grab|video\s+grab)|file\s+(?:photo|picture|image)|(?-i:FILE)\s*[-–—:(]|this\s+(?:handout\s+)?"
    r"(?:photo|picture|image|frame\s+grab)|a\s+(?:file\s+)?(?:photo|picture|image)\s+(?:taken|released|"
    r"shows)|(?:photo|picture|image)\s+(?:taken|released|shows)|caption|" +
    fold(r"صورة أرشيفية|صورة ارشيفية|صورة من الأرشيف|صورة تظهر|صورة تعبيرية|صورة متداولة|صورة نشرتها|"
         r"صورة وزعتها|صورة التقطت|لقطة من|لقطة شاشة|أرشيفية") + r")(?!\w)", re.IGNORECASE)
_CAPTION_ANY = re.compile(
    r"(?:photo|picture|image)\s+taken\s+on|file\s+photo|handout\s+(?:photo|picture)|\(\s*(?:AFP|AP|Reuters|"
    r"Getty(?:\s+Images)?)\s*(?:photo|/)|(?:AFP|AP|Reuters|Getty\s+Images)\s+photo\b|/\s*(?:AFP|Getty\s+Images)"
    r"\s*\)?\s*$|" + fold(r"\(\s*صورة|صورة أرشيفية|صورة ارشيفية"), re.IGNORECASE)
#: Section headings whose sections tell history or commentary, not news.
_BACKGROUND_HEADING = re.compile(
    r"^(?:background|history|historical\s+background|context|prelude|see\s+also|references|notes|"
    r"external\s+links|further\s+reading|bibliography|analysis|reactions?|international\s+reactions?|"
    r"incumbents|" + fold(r"خلفية|الخلفية|خلفية تاريخية|تاريخ|التاريخ|السياق|انظر أيضا|انظر أيضاً|مراجع|المراجع|"
                          r"وصلات خارجية|مصادر|ردود الفعل|ردود فعل|تحليل") + r")\s*$", re.IGNORECASE)

# --- Datelines -------------------------------------------------------------------------------------

_DASH = r"(?:\s+[-–—]+|\s*[–—]+|\s*:)"
#: "ERBIL (Kurdistan 24) –", "SULAIMANI, Kurdistan Region —", "DAMASCUS, Syria (AP) -", "Erbil (AFP) -".
#: The day of filing after the place: "CAIRO, May 2 (Reuters) -", "BAGHDAD, Nov. 3 (AP) —", and both a country
#: and the day: "QUETTA, Pakistan, Aug 26 (AP) -".
_FILED = r"(?:\s+\d{1,2}(?:,\s*\d{4})?)?"
_DATELINE_EN = re.compile(
    r"^\s*(?:(?P<caps>[A-Z][A-Z'’.\-]{2,}(?:\s+[A-Z][A-Z'’.\-]+){0,2})(?:\s*,\s*[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)"
    r"{0,2}" + _FILED + r"){0,2}(?:\s*\((?P<agency1>[^()\n]{1,40})\))?|(?P<name>[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,2})"  # noqa: E501 (one pattern)
    r"(?:\s*,\s*[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,2}" + _FILED + r")?\s*\((?P<agency2>[^()\n]{1,40})\))"
    + _DASH + r"\s*")
#: A dateline on a line of its own: "SULAIMANI", "بيروت - الميادين نت".
_DATELINE_LINE_EN = re.compile(r"^\s*[A-Z][A-Z'’.\-]{2,}(?:[\s,]+[A-Z][A-Za-z'’.\-]+){0,3}\s*(?:\([^()\n]{1,40}\))?"
                               r"\s*[-–—:]?\s*$")
#: Arabic: up to three words, then a dash or colon ("بيروت -", "دمشق - الميادين نت", "بغداد/ المدى:").
_DATELINE_AR = re.compile(r"^\s*(?:[(«]?\s*)?(?P<where>[^\s\-–—:/()]+(?:\s+[^\s\-–—:/()]+){0,2})\s*"
                          r"(?:\([^()\n]{1,30}\)\s*)?(?:[-–—:/]+)\s*")
#: Agency or outlet right after an Arabic dateline dash ("- الميادين نت", "- رويترز", "(خاص)").
_AGENCY_AFTER = re.compile(r"[^\n.،,]{1,40}?(?:\s[-–—]\s|$)")

_DATE_HEADING_STRIP = re.compile(r"\[[^\]]*\]|\([^)]*\)|[=#*•\-–—:,\s]+")


@dataclass(slots=True)
class Layout:
    """Per-sentence roles and the spans whose places are not event locations."""

    roles: list[str]
    #: Article segment of each sentence (a "Read also" teaser starts a new one).
    articles: list[int]
    #: Document spans (start, end) of datelines and credits: no event location inside.
    blocked: list[tuple[int, int]] = field(default_factory=list)
    #: The date heading in force for each sentence (timelines), or None.
    heading_dates: list[DateMention | None] = field(default_factory=list)
    #: Year of the nearest heading or title naming one (for "12 May" without a publication date).
    year_hints: list[int | None] = field(default_factory=list)
    #: The sentence is (the start of) a list item ("- ...", "• ...").
    bullets: list[bool] = field(default_factory=list)


def _lines(text: str, sentences: list[Sentence]) -> list[list[int]]:
    """Sentence indices grouped by the line they sit on (a line break separates lines)."""
    groups: list[list[int]] = []
    prev_end = None
    for i, s in enumerate(sentences):
        if prev_end is None or _NEWLINE.search(text, prev_end, s.start):
            groups.append([i])
        else:
            groups[-1].append(i)
        prev_end = s.end
    return groups


def _is_date_only(line: str, published: date | None) -> list[DateMention] | None:
    """The date mentions of a line that is nothing but a date (a timeline heading), else None."""
    clean = _WIKI.sub(" ", line)
    if len(clean) > 80 or not _WORDS.search(clean):
        return None
    found = find_dates(clean, published)
    found = [d for d in found if d.kind != "ignore"]
    if not found:
        # A month name alone ("يناير", "== December ==") heads a month of entries.
        rest = _DATE_HEADING_STRIP.sub("", clean)
        from map_app.geoparse.incidents.dates import month_number
        return [] if rest and month_number(rest) is not None else None
    rest = clean
    for d in reversed(found):
        rest = rest[:d.start] + rest[d.end:]
    rest = _DATE_HEADING_STRIP.sub("", _YEAR.sub("", rest))
    return found if len(rest) <= 12 else None


def _final(line: str) -> bool:
    """The line ends like a sentence (a full stop, maybe before quotes or footnote marks)."""
    return _FINAL.search(line[-40:]) is not None


_CAPTION_HINTS = ("photo", "Photo", "PHOTO", "picture", "AFP", "Getty", "Reuters", "AP ", "(AP", fold("صورة"))


def _caption_mark(fline: str) -> bool:
    return any(h in fline for h in _CAPTION_HINTS) and _CAPTION_ANY.search(fline) is not None


def _embedded(line: str) -> bool:
    """An embedded post (a tweet's "pic.twitter.com" or "(@handle) December 20, 2024")."""
    return ("twitter" in line or "(@" in line or "x.com/" in line or "instagram" in line or "t.me/" in line) \
        and _EMBED.search(line) is not None


def _is_heading_line(line: str) -> bool:
    stripped = line.strip()
    return (stripped.startswith("=") and stripped.endswith("=")) or stripped.startswith("#")


class _Years:
    """The year of "12 May" in a page without a publication date: the year its title or headings name.

    A title naming a range ("(2 December 2023 – 15 January 2024)") starts at its first year, and a day or month
    heading whose month comes before the previous heading's moves to the next year of the range.
    """

    def __init__(self, year: int | None) -> None:
        self.year = year
        self.end: int | None = None  # the last year of a range the title names
        self.month: int | None = None

    def named(self, line: str) -> None:
        """A title, heading or line about the page naming one year, or a range of years."""
        found = [int(y) for y in _YEAR.findall(line)]
        if found:
            self.year = found[0]
            self.end = found[-1] if found[-1] > found[0] else None
            self.month = None

    def heading(self, line: str, dated: list[DateMention]) -> None:
        """A date heading ("2 January", "== March ==", "January 2019")."""
        explicit = [d.year for d in dated if d.year and d.kind == "absolute"]
        month = _heading_month(line, dated)
        if explicit:
            self.year, self.month = explicit[-1], month
            return
        if month is None:
            return
        if self.month is not None and month < self.month and self.end is not None and self.year is not None \
                and self.year < self.end:
            self.year += 1
        self.month = month


def _heading_month(line: str, dated: list[DateMention]) -> int | None:
    """The month a date heading names (its year may be unknown)."""
    from map_app.geoparse.incidents.dates import month_number
    if not dated:
        return month_number(_DATE_HEADING_STRIP.sub("", _WIKI.sub(" ", line)))
    if dated[0].value is not None:
        return dated[0].value.month
    # Any leap year reads "29 February"; only the month is wanted.
    again = [d for d in find_dates(_WIKI.sub(" ", line), None, year_hint=2000) if d.value is not None]
    return again[0].value.month if again else None


def analyse_layout(text: str, sentences: list[Sentence], published: date | None = None,
                   mentions: list[Mention] | None = None) -> Layout:
    """Roles of `sentences` (see the module docstring); `mentions` help find Arabic datelines."""
    n = len(sentences)
    roles = [BODY] * n
    articles = [0] * n
    heading_dates: list[DateMention | None] = [None] * n
    year_hints: list[int | None] = [None] * n
    blocked: list[tuple[int, int]] = []
    bullets = [False] * n
    if not n:
        return Layout(roles, articles, blocked, heading_dates, year_hints, bullets)
    mention_starts = sorted(m.start for m in (mentions or []) if m.place is not None)
    lines = _lines(text, sentences)

    article = 0
    expect_headline = True  # the next content line may be a headline
    body_paragraphs = 0  # body lines seen in this article (the first is the lede)
    in_background = False
    heading_date: DateMention | None = None
    years = _Years(published.year if published else None)
    for li, group in enumerate(lines):
        first, last = sentences[group[0]], sentences[group[-1]]
        line = text[first.start:last.end]
        fline = fold(line[:400])  # every layout pattern looks at the start of the line only
        short = len(line) <= 400
        role = None
        if short and _RELATED.match(fline):
            role = CREDIT
            article += 1
            expect_headline, body_paragraphs, in_background = True, 0, False
        elif len(group) == 1 and short and _DATELINE_LINE_EN.match(line) and line.split()[0].isupper() \
                and not expect_headline and not _BACKGROUND_HEADING.match(_HEADING_MARKS.sub("", fline)):
            role = CREDIT  # "SULAIMANI" on a line of its own: where the reporter is
        elif _META.match(fline):
            role = CREDIT  # about the document, not the world
            if published is None:
                years.named(line[:400])
        elif _embedded(line) or short and (
                _CREDIT_COLON.match(fline) and len(_WORDS.findall(line)) <= 40
                or _CREDIT_SHORT.match(fline) and len(_WORDS.findall(line)) <= CREDIT_WORDS):
            role = CREDIT
        elif _CAPTION.match(fline) or short and _caption_mark(fline) and len(_WORDS.findall(line)) <= 45:
            role = CAPTION
        else:
            words = len(_WORDS.findall(line)) if short else HEADLINE_WORDS + 1
            dated = _is_date_only(line, published) if len(group) == 1 and words <= 10 else None
            if dated is not None:
                role = HEADING
                if published is None:
                    years.heading(line, dated)
                hint_year = years.year if published is None else None
                if dated:
                    again = find_dates(_WIKI.sub(" ", line), published, year_hint=hint_year) if hint_year else dated
                    precise = [d for d in again if d.value is not None]
                    heading_date = precise[0] if precise else None
                else:
                    heading_date = None
            elif _is_heading_line(line) or (len(group) == 1 and not _final(line) and not _BULLET.match(line)
                                            and words <= SUBHEADING_WORDS and not expect_headline
                                            and _next_is_content(lines, li, sentences, text)):
                role = HEADING
                title = _HEADING_MARKS.sub("", _WIKI.sub("", fline)).strip()
                in_background = bool(_BACKGROUND_HEADING.match(title))
                if published is None:
                    years.named(title)
                if not in_background and not _is_heading_line(line):
                    # A short line without a full stop may be a subheading or an unpunctuated sentence (common
                    # in Arabic copy): it summarises, so an event it alone reports is kept.
                    role = SUBHEADING
            elif expect_headline and len(group) <= 2 and not _BULLET.match(line) \
                    and words <= HEADLINE_WORDS and not _final(line) \
                    and (li + 1 < len(lines) or article > 0):  # (a "Read also" teaser may end the page)
                role = HEADLINE
                if published is None:
                    years.named(line)
            elif in_background:
                role = BACKGROUND
            else:
                span = _dateline(text, first, mention_starts, last.end) if body_paragraphs < 3 else None
                if span is not None:
                    blocked.append(span)
                    if span[1] >= last.end - 1:
                        role = CREDIT  # the dateline stands on its own line
                if role is None:
                    role = LEDE if body_paragraphs == 0 else BODY
                    body_paragraphs += 1
        if role in (HEADLINE, LEDE, BODY, BACKGROUND) or (role in (HEADING, SUBHEADING) and not in_background):
            expect_headline = expect_headline and role == HEADING
        bullets[group[0]] = _BULLET.match(line) is not None
        for i in group:
            roles[i] = role
            articles[i] = article
            heading_dates[i] = heading_date if role in (LEDE, BODY) else None
            year_hints[i] = years.year
        if role == CREDIT:
            blocked.append((first.start, last.end))
        if role == CAPTION:
            blocked.append((first.start, last.end))
    return Layout(roles, articles, blocked, heading_dates, year_hints, bullets)


def _next_is_content(lines: list[list[int]], li: int, sentences: list[Sentence], text: str) -> bool:
    """A subheading is followed by a line of running text (it heads a section)."""
    if li + 1 >= len(lines):
        return False
    nxt = lines[li + 1]
    line = text[sentences[nxt[0]].start:sentences[nxt[-1]].end]
    return len(nxt) > 1 or _final(line) or len(_WORDS.findall(line[:400])) > SUBHEADING_WORDS


def _dateline(text: str, first: Sentence, mention_starts: list[int], line_end: int | None = None) \
        -> tuple[int, int] | None:
    """The dateline span at the start of a paragraph, or None (`line_end`: where the paragraph's line ends; an
    English dateline may run past the first "sentence", as in "PORTLAND, Ore. (AP) —")."""
    s = first.text
    m = _DATELINE_EN.match(text[first.start:min(line_end or first.end, first.start + 160)])
    if m is not None and (m.group("caps") and len(m.group("caps")) >= 3 or m.group("agency2")):
        return first.start, first.start + m.end()
    m = _DATELINE_LINE_EN.match(s)
    if m is not None and first.end == first.start + len(s) and len(s) <= 60 and s.strip().split()[0].isupper():
        return first.start, first.start + m.end()
    m = _DATELINE_AR.match(s)
    if m is not None and not s[:1].isascii():
        where_start = first.start + m.start("where")
        where_end = first.start + m.end("where")
        from bisect import bisect_left
        k = bisect_left(mention_starts, where_start)
        if k < len(mention_starts) and mention_starts[k] < where_end:
            end = m.end()
            rest = s[end:]
            agency = _AGENCY_AFTER.match(rest)
            if agency is not None and (agency.end() == len(rest) or len(_WORDS.findall(agency.group())) <= 3
                                       and re.search(r"\s[-–—]\s", agency.group())):
                end += agency.end()
            return first.start, first.start + end
    return None
