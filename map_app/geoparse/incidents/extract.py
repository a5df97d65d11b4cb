"""Incidents from a parsed document: one per reported event, place and day.

The article's layout comes first (layout.py): headlines and subheadings
summarise, captions, credits, headings and "Background" sections report
nothing, and datelines and credit lines never hold an event location.

For each other sentence with an asserted event cue (taxonomy.py) we pick the
event location among its resolved places (locate.py; if it names none, the
nearest earlier sentence of the same paragraph, up to three back, that does),
its date (dates.py), fatalities (fatalities.py) and actors (actors.py, sides
in roles.py).  A roundup ("strikes on Khanasor, Sinuni and Duhola") gives one
incident per place (roundup.py), and an abduction reported beside a battle
("captured the village and kidnapped dozens of civilians") a second incident.

Dating rule, in order: a date expression in the sentence itself (the most
precise one, then the one nearest the cue: "في الأسبوع الأول من الشهر ...
في ١١ أكتوبر" is the 11th); else the nearest preceding date expression in
the same paragraph; else the date heading the entry (timelines: "2 January",
"=== 12 May ==="); else the publication date with time_precision 2
("reported that week"); else None.  Dates after publication are ignored
(plans, not events); without a publication date, a heading or title year
("January–April 2019") dates "12 May".

Background yields no incident: a sentence whose only time reference is a
year before the publication year ("ISIS captured Mosul in 2014", "قبل ١٠
سنوات"), an event dated more than a year before publication, a cue inside a
"in retaliation for / in response to / ردا على" phrase (an earlier event
given as a reason), and, in an article that reports an event of the last
few days, any event dated more than `STALE_DAYS` before publication ("after
it captured Baghouz last month", "last week a drone killed three").

Precision rules (one event, not a pattern or a statement):
- habitual cues (taxonomy.py: "daily", "منذ العدوان", "تواصل", "the ministry
  accused X of ...", "الهجمات التي تشنها") count only when the sentence
  also gives a day-precise date or a death toll;
- an event placed only at a country (or a region spanning governorates) is
  kept only with a day-precise date, a death toll or a past event verb
  ("نفذت", "شنت", "struck", "killed"): "attacks on US forces in Syria raise
  questions" is commentary; naming two countries ("in Iraq and Syria") is no
  location at all;
- "this attack" / "هذا الهجوم" adds to an earlier incident and never starts one.

Merging (merge.py): reports of the same event at the same place and day, a
headline and the body events it summarises, and an area report and the
precise report inside it become one incident with every evidence span; the
lowest fatality figure is kept.  A sentence that only refers back to the
previous event ("وأسفر الهجوم عن مقتل 5", "the strike killed 5") adds to
that incident instead of creating a new one (a place outside the cue's clause
does not make it new), and so does a death count in the next sentence of the
paragraph when the incident has none yet.

ACLED fields are filled at the end: actor1/actor2 and associates with their
inter codes and interaction (roles.py), civilian targeting, disorder type
(acled.py) and review flags ("area_only", "unlisted_place", "merged",
"roundup", "headline_only", "low_confidence_place").  Battles in which an
armed group fires on civilians only are violence against civilians.

Text inside <script>, <style> and HTML comments is ignored.  A paragraph
ends at a line break.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import timedelta
from itertools import product

from map_app.geoparse.document import Document, Incident, Mention, Sentence
from map_app.geoparse.incidents import acled
from map_app.geoparse.incidents.actors import find_actors
from map_app.geoparse.incidents.context import (Dates, as_date, blank, code_regions, outside, paragraph_ids,
                                                valid_mentions, valid_sentences)
from map_app.geoparse.incidents.fatalities import count_fatalities
from map_app.geoparse.incidents.keywords import KeywordIndex
from map_app.geoparse.incidents.layout import SILENT, SUMMARY, analyse_layout
from map_app.geoparse.incidents.locate import Location, rank_locations
from map_app.geoparse.incidents.merge import Draft, contains, merge_article, merge_sides
from map_app.geoparse.incidents.normalize import Folded, fold
from map_app.geoparse.incidents.roles import assign_sides
from map_app.geoparse.incidents.roundup import roundup, split_fatalities
from map_app.geoparse.incidents.taxonomy import VAC, Cue, decide, find_cues

#: How many earlier sentences (same paragraph) may supply a missing location.
MAX_LOOKBACK = 3
#: How many earlier incidents of the article an undated report may take its day from.
MAX_STORY = 8
#: Events dated more than this before publication are background, not news.
BACKGROUND_AGE = timedelta(days=366)
#: In an article reporting a recent event, events older than this are background.
STALE_DAYS = 30
#: An event this close to publication makes the article's news "recent".
RECENT_DAYS = 3
#: Past-tense verbs of one concrete event: they let a country-level report stand.
_EVENT_VERB = re.compile(
    r"(?<!\w)(?:" + fold(r"[وف]?(?:نفذت|نفذ|نفذوا|شنت|شن|شنوا|قصفت|استهدفت|استهدف|استهدفوا|قتل|قتلت|قتلوا|اغتالت|"
                          r"اغتال|هاجمت|هاجم|هاجموا|اقتحمت|اقتحم|فجرت|فجر|أسقطت|أسقط|سيطرت|استعادت|أطلقت|ضربت|"
                          r"أغارت|اعتقلت|اعتقل|سلمت|أعادت|أفرجت|رحلت|اندلعت|دارت|انفجرت|اشتبكت|استولت|"
                          r"اختطفت|اختطف|خطف)") +
    r"|carried\s+out|struck|killed|attacked|launched|shelled|bombed|seized|captured|stormed|targeted|fired|"
    r"exploded|detonated|clashed|arrested|handed\s+over|shot\s+down|intercepted|raided|ambushed|abducted|"
    r"kidnapped|executed|returned|released|deported|hit)(?!\w)", re.IGNORECASE)
#: Words that point back at an event already told ("this attack", "هذا الهجوم", "تلك الغارة").
_POINTING = re.compile(r"(?:\b(?:this|these)\s+(?:[a-z-]+\s+)?|(?<!\w)" + fold("(?:هذا|هذه|تلك|هذين)") + r"\s+)$",
                       re.IGNORECASE)
#: Generic cue words that, when definite ("the attack", "الهجوم"), usually
#: refer back to an event already reported.
_ANAPHORIC_LABELS = frozenset({"clash", "attack", "explosion", "air", "shelling", "suicide", "ied", "exercise"})
_DEFINITE_AR = re.compile(r"(?:[وف]?(?:[بك]?ال|لل))")
_DEMONSTRATIVE = re.compile(r"(?:\b(?:the|this|that|these|those)|" + fold("هذا|هذه|ذلك|تلك|هذين") + r")\s+(?:\S+\s+)?$",
                            re.IGNORECASE)
#: An earlier event given as a reason: "in retaliation for the attack", "ردا على القصف".
_REASON = re.compile(r"(?:(?:in\s+(?:retaliation|response|revenge)\s+(?:for|to)|to\s+avenge|"
                     + fold(r"ردا\s+على|رداً\s+على|انتقاما\s+ل|انتقاماً\s+ل|للرد\s+على|ثأرا\s+ل") + r")\s+(?:\S+\s+){0,3}"
                     r"|(?:citing|cited|recalling|since|after|following)\s+(?:the|a)\s+(?:recent|latest|last|previous|"
                     r"earlier|deadly)\s+(?:\S+\s+){0,1})$", re.IGNORECASE)
_REASON_START = re.compile(r"(?<!\w)(?:in\s+(?:retaliation|response|revenge)\s+(?:for|to)|to\s+avenge|" +
                           fold(r"ردا\s+على|رداً\s+على|انتقاما\s+ل|انتقاماً\s+ل|للرد\s+على|ثأرا\s+ل") + r")",
                           re.IGNORECASE)
#: A cue inside an "after ..." clause: "after it captured Baghouz last month, ...", "وبعد أن سيطرت ...".
_AFTER_CLAUSE = frozenset(fold(w).lower() for w in ("after", "بعد", "وبعد", "بعدما", "وبعدما", "عقب", "إثر"))


#: Literal triggers of the sentence-level patterns below: a pattern runs only when its trigger occurs
#: (one Aho-Corasick pass per event sentence keeps the extractor fast on long documents).
_TRIGGERS = KeywordIndex([(fold(w).lower(), name) for name, words in {
    "since": ("since", "منذ"),
    "after": ("after", "بعد", "عقب", "إثر", "اثر"),
    "reason": ("retaliation", "response", "revenge", "avenge", "citing", "cited", "recalling", "recent", "latest",
               "previous", "earlier", "deadly", "last", "رد", "انتقام", "ثأر", "للرد"),
    "bound": ("before", "until", "till", "prior", "قبل", "حتى", "لحين"),
    "same": ("same", "ذات", "نفس"),
    "later": ("later", "shortly", "hours", "بعد ساع", "لاحق", "اليوم ذات", "اليوم نفس"),
    "another": ("another", "second", "third", "أخرى", "آخر", "ثانية", "ثالثة"),
}.items() for w in words])


def _is_background(dates, published) -> bool:
    years = [d.year for d in dates if d.kind == "year" and d.year is not None]
    return bool(years) and published is not None and all(y < published.year for y in years)


def _anaphora(cue: Cue, folded: Folded) -> str | None:
    """How a lone cue word refers back: "demonstrative" ("this attack", "هذا الهجوم"),
    "definite" ("الهجوم", "the strike") or None (a new event)."""
    if cue.label not in _ANAPHORIC_LABELS or " " in cue.text.strip():
        return None
    start = folded.to_folded(cue.start)
    window = folded.text[max(0, start - 40):start]
    if _POINTING.search(window):
        return "demonstrative"
    if _DEFINITE_AR.match(folded.text, start) or _DEMONSTRATIVE.search(window):
        return "definite"
    return None


_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _antecedent(anaphora: str, event_type: str, location: Location | None, own_place: bool,
                previous: Draft | None, drafts: list[Draft], generic: bool = False) -> Draft | None:
    """The draft an anaphoric sentence adds to, or None.

    The paragraph's last incident when the sentence names no place of its own
    or the same place; for a pointing word ("this attack"), no place of its own
    or a country-level place ("34 soldiers were killed in the strikes, sources
    close to Turkey said"), the article's last incident of the same event type
    (of any violent type for a generic "the attack" with no place).
    """
    prev = previous.incident if previous is not None else None
    if prev is not None and (not own_place or (location is not None and prev.place is not None
                                                and location.mention.place.key == prev.place.key)):
        return previous
    if anaphora == "demonstrative" or not own_place or (location is not None and _vague_area(location)):
        # "Iraq's prime minister condemned the attack": with no place of its own, a definite reference is to
        # the article's last event of its kind, wherever it was told.
        for draft in reversed(drafts[-MAX_STORY:]):
            if draft.incident.event_type == event_type or (
                    generic and draft.incident.event_type in _VIOLENT and not own_place):
                return draft
        if anaphora == "demonstrative" and previous is not None:
            return previous
    return None


def _vague_area(location: Location) -> bool:
    """A country, or a region spanning several governorates (geo precision 3 without admin1)."""
    place = location.mention.place
    return place.kind == "country" or (place.kind in ("region", "water") and location.geo_precision == 3)


_CLAUSE_BREAK = re.compile(r"[،,;:؛()\"«»]")
#: A place referred back to: "the same checkpoint", "المنطقة ذاتها", "نفس البلدة".
_SAME_PLACE = re.compile(r"(?<!\w)(?:the\s+same\s+(?:checkpoint|village|town|city|area|site|base|road|neighbourhood|"
                         r"neighborhood|district|position|location|spot)|" +
                         fold(r"(?:المنطقة|البلدة|القرية|المدينة|الموقع|النقطة|الحاجز|الحي)\s+(?:ذاتها|نفسها|ذاته|نفسه)|"
                              r"(?:نفس|ذات)\s+(?:المنطقة|البلدة|القرية|المدينة|الموقع|النقطة|الحاجز|الحي)") + r")(?!\w)",
                         re.IGNORECASE)
#: Later the same day: "Hours later", "later that day", "بعد ساعات", "في وقت لاحق".
_LATER = re.compile(r"(?<!\w)(?:hours\s+later|later\s+(?:that|the\s+same)\s+day|(?:police|troops|forces)\s+later|"
                    r"shortly\s+(?:after|afterwards)|" +
                    fold(r"بعد\s+ساعات|بعد\s+ساعة|في\s+وقت\s+لاحق|لاحقا|في\s+اليوم\s+ذاته|في\s+اليوم\s+نفسه") + r")(?!\w)",
                    re.IGNORECASE)
#: "Another drone", "a second strike", "مسيرة أخرى": a new event, never folded into the one before.
_ANOTHER = re.compile(r"(?<!\w)(?:another|a\s+second|a\s+third|" + fold(r"أخرى|آخر|ثانية|ثالثة") + r")(?!\w)",
                      re.IGNORECASE)
_REPORTING = re.compile(r"(?<!\w)(?:said|says|told|according|reported|announced|" +
                        fold(r"قال|قالت|أفاد|أفادت|وفق|بحسب|حسب|ذكر|ذكرت|أعلن|أعلنت") + r")(?!\w)", re.IGNORECASE)
_BOUND = re.compile(r"(?<!\w)(?:before|until|till|prior\s+to|" + fold(r"قبل|حتى|لحين") + r")(?!\w)", re.IGNORECASE)
_SINCE = re.compile(r"(?<!\w)(?:since|" + fold(r"منذ") + r")\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


_CLAUSE_SPLIT = re.compile(r"[،,;:()\[\]«»\"—–]|\s-\s")


def _clause_cues(text: str, cues: list[Cue], at: int) -> list[Cue]:
    """The cues in the clause of sentence offset `at`."""
    start = 0
    for m in _CLAUSE_SPLIT.finditer(text, max(0, at - 300), at):
        start = m.end()
    end_match = _CLAUSE_SPLIT.search(text, at, at + 300)
    end = end_match.start() if end_match else len(text)
    return [c for c in cues if start <= c.start < end and not c.habitual]


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           fold("يوم"): 1, fold("يومين"): 2, fold("أسبوع"): 7}
#: "The attack came a day after ...", "ويأتي الهجوم بعد يومين من ...": what follows happened earlier.
_CAME_AFTER = re.compile(
    r"(?<!\w)(?:came|comes|follows|followed|happened|occurred)\s+(?:(?:just|only)\s+)?(?:(?P<n>a|an|one|two|three|"
    r"four|five|six|seven|\d+)\s+(?P<u>days?|hours?|weeks?)|hours|days)\s+after(?!\w)|" +
    fold(r"(?:[وف]?(?:يأتي|تأتي|جاء|جاءت)\s+(?:\S+\s+){0,2}?)بعد\s+(?P<nar>ساعات|ساعة|يوم|يومين|أيام|أسبوع)\s+(?:من|على)")
    + r"(?!\w)", re.IGNORECASE)


def _days_before(m: re.Match) -> tuple[int, bool]:
    """(days, exact) of a "came N days after" match: hours are the same day."""
    unit = (m.group("u") or m.group("nar") or "").lower()
    if unit.startswith("hour") or unit in (fold("ساعات"), fold("ساعة")):
        return 0, True
    count = m.group("n") or m.group("nar") or ""
    n = int(count) if count.isdigit() else _COUNTS.get(count.lower(), 0)
    if unit.startswith("week"):
        n *= 7
    return (n, True) if n else (2, False)


_REPORT_VERB = frozenset(fold(w).lower() for w in (
    "said", "says", "told", "announced", "denied", "claimed", "confirmed", "reported", "stated", "added", "warned",
    "condemned", "قال", "قالت", "أعلن", "أعلنت", "نفى", "نفت", "ذكر", "ذكرت", "أفاد", "أفادت", "أكد", "أكدت", "أضاف",
    "أضافت", "وقال", "وقالت", "وأعلن", "وأعلنت", "ونفى", "ونفت", "وذكر", "وذكرت", "وأفاد", "وأفادت", "وأكد", "وأكدت"))
_WORDS_RE = re.compile(r"[^\W_]+", re.UNICODE)


def _report_date(folded: Folded, d) -> bool:
    """The date is the day of a report, not of the event: next to "said", "denied", "أعلن" ..."""
    a, b = folded.to_folded(d.start), folded.to_folded(d.end)
    before = _WORDS_RE.findall(folded.key[max(0, a - 30):a])[-2:]
    after = _WORDS_RE.findall(folded.key[b:b + 20])[:1]
    return any(w in _REPORT_VERB for w in before + after)


def _reason_spans(folded: Folded) -> list[tuple[int, int]]:
    """Original-text spans of "in retaliation for ... / ردا على ..." phrases, to the end of their clause."""
    spans = []
    for m in _REASON_START.finditer(folded.text):
        end = _CLAUSE_BREAK.search(folded.text, m.end())
        stop = end.start() if end else len(folded.text)
        spans.append(folded.span(m.start(), stop))
    return spans


def _in_after_clause(folded: Folded, cue: Cue) -> bool:
    """The cue sits in an "after ..." clause ("after it captured Baghouz", "وبعد أن سيطرت")."""
    start = folded.to_folded(cue.start)
    chunk = folded.text[max(0, start - 60):start]
    cut = None
    for cut in _CLAUSE_BREAK.finditer(chunk):
        pass
    if cut is not None:
        chunk = chunk[cut.end():]
    return any(w in _AFTER_CLAUSE for w in chunk.lower().split()[-6:])


def _two_countries(location: Location, ranked: list[Location]) -> bool:
    """The event is placed at a country while the sentence names another one too ("in Iraq and Syria")."""
    if location.mention.place.kind != "country":
        return False
    return any(c.mention.place.kind == "country" and c.mention.place.key != location.mention.place.key
               and c.role == location.role for c in ranked)


def _add_report(draft: Draft, fatalities: int | None, names: list[str], span: tuple[int, int],
                report: tuple | None = None) -> None:
    """A sentence that refers back to `draft`'s event adds its toll, actors and evidence."""
    inc = draft.incident
    if report is not None and len(draft.reports) < 8:
        draft.reports.append(report)
    if fatalities is not None:
        inc.fatalities = fatalities if inc.fatalities is None else min(inc.fatalities, fatalities)
    for name in names:
        if name not in inc.actors:
            inc.actors.append(name)
    if span != (inc.start, inc.end) and span not in draft.spans:
        draft.spans.add(span)
        inc.evidence_spans.append(span)


def extract_incidents(doc: Document) -> list[Incident]:
    """Incidents reported in `doc` (see the module docstring); never raises on str text."""
    text = doc.text if isinstance(doc.text, str) else ""
    if not text.strip():
        return []
    published = as_date(doc.published)
    source = doc.source if isinstance(doc.source, str) else None
    sentences = valid_sentences(doc, text)
    # Code blocks are blanked (same length) for analysis; evidence stays verbatim.
    regions = code_regions(text)
    analysed = blank(text, regions) if regions else text
    views = sentences if not regions else [Sentence(s.start, s.end, analysed[s.start:s.end]) for s in sentences]
    mentions = [m for m in valid_mentions(doc, len(text)) if not regions or not analysed[m.start:m.end].isspace()]
    layout = analyse_layout(analysed, views, published, mentions)
    mentions = outside(mentions, layout.blocked)  # datelines and credits are not event places
    starts = [m.start for m in mentions]
    # A single line break continues the paragraph unless a heading, credit, headline or list item starts.
    breaks = [layout.bullets[i] or layout.roles[i] in SILENT or layout.roles[i] in SUMMARY
              or (i > 0 and (layout.roles[i - 1] in SILENT or layout.roles[i - 1] in SUMMARY))
              for i in range(len(sentences))]
    paragraphs = paragraph_ids(text, sentences, breaks)
    # Dates and places carry over within a line only (a date or a place is a strong claim).
    lines = paragraph_ids(text, sentences)
    dates = Dates(views, lines, published, layout.year_hints)
    timeline = sum(d is not None for d in layout.heading_dates) and _date_headings(layout) >= 2

    def sentence_mentions(s: Sentence) -> list[Mention]:
        lo = bisect_left(starts, s.start)
        hi = bisect_left(starts, s.end, lo)
        return mentions[lo:hi]

    drafts: list[Draft] = []
    last_in_paragraph: dict[int, Draft] = {}
    pending: dict[int, tuple] = {}  # article -> the last report that named no place

    for i, sentence in enumerate(sentences):
        s = views[i]
        role = layout.roles[i]
        if (regions and s.text.isspace()) or role in SILENT:
            continue
        folded = Folded(s.text)
        cues = find_cues(s.text, folded=folded, habitual=True)
        own_dates = dates.of(i, folded) if cues else []
        triggers = _TRIGGERS.values(folded.key) if cues else set()
        usable = [d for d in dates.usable(i) if "since" not in triggers
                  or not _SINCE.search(folded.text, 0, folded.to_folded(d.start))] \
            if cues else []  # "منذ الثامن من أكتوبر": the start of a span, not an event's day
        fatalities = None
        if any(c.habitual for c in cues):
            fatalities = count_fatalities(s.text, mask=[(d.start, d.end) for d in own_dates], folded=folded)
            if fatalities is None and not any(d.precision == 1 for d in usable):
                # A pattern, the past or an accusation, with no day and no toll to pin one event on.
                cues = [c for c in cues if not c.habitual]
        if not cues:
            previous = last_in_paragraph.get(paragraphs[i])
            if previous is not None and previous.incident.fatalities is None and "roundup" not in \
                    previous.incident.review_flags:
                # "Five people were killed, the observatory said." completes the event above.
                previous.incident.fatalities = count_fatalities(
                    s.text, mask=[(d.start, d.end) for d in dates.of(i, folded)], folded=folded)
            continue
        actor_mentions = find_actors(s.text, folded=folded)
        first_state = actor_mentions[0].actor.is_state if actor_mentions else None
        came_after = _CAME_AFTER.search(folded.text) if "after" in triggers else None
        earlier_cues = [c for c in cues if came_after and folded.to_folded(c.start) >= came_after.end()]
        if earlier_cues:
            # "The attack came a day after a roadside bomb killed two soldiers near Jalawla": that earlier
            # event is news too, a day before the one just told.
            main = earlier_cues
        else:
            came_after = None
            main = [c for c in cues if not _in_after_clause(folded, c)] if "after" in triggers else cues
        # "اندلعت اشتباكات ...، بعد أن سيطرت الفصائل على قرى الشهر الماضي": the capture is background.
        event = decide(main if main else cues, first_state, s.text)
        if event is None:
            continue
        if "reason" in triggers and _REASON.search(folded.text[:folded.to_folded(event.cue.start)][-80:]):
            continue  # "in retaliation for the attack on ...": an earlier event given as a reason
        # "captured ... before halting operations on 12 February": a later bound, not the event's day.
        if "bound" in triggers:
            usable = [d for d in usable if d.start < event.cue.end or not _BOUND.search(
                folded.text, folded.to_folded(event.cue.end), folded.to_folded(d.start))]
        excluded = [(s.start + a.start, s.start + a.end) for a in actor_mentions]
        # Places named in an earlier event given as a reason ("in retaliation for an attack on its post in
        # Hajin", "رداً على هجوم في هجين") are not where this event happened.
        if "reason" in triggers:
            excluded += [(s.start + a, s.start + b) for a, b in _reason_spans(folded)]
        cue_span = (s.start + event.cue.start, s.start + event.cue.end)
        ranked = rank_locations(s.text, s.start, sentence_mentions(s), excluded, folded=folded, cue=cue_span)
        location = ranked[0] if ranked else None
        own_place = location is not None
        if own_place and not location.in_clause and len(cues) > 1 and _anaphora(event.cue, folded) is None:
            # "غارات جوية على جنوب لبنان، وردّ من حزب الله بإطلاق صواريخ ... واستهداف مدينة صفد": the place is
            # where the event of its own clause happened.
            local = _clause_cues(s.text, cues, location.mention.start - s.start)
            if local and all(c is not event.cue for c in local):
                event = decide(local, first_state, s.text) or event
        j = i - 1
        while location is None and j >= max(0, i - MAX_LOOKBACK) and lines[j] == lines[i] \
                and layout.roles[j] not in SILENT:
            prev = views[j]
            found = rank_locations(prev.text, prev.start, sentence_mentions(prev))
            # (a country named in an earlier sentence says nothing about where this event was)
            location = found[0] if found and not _vague_area(found[0]) else None
            j -= 1

        follow = _last_draft(drafts, layout.articles[i]) if (
            location is None and (layout.bullets[i] and any(d.precision == 1 for d in usable)
                                  or "same" in triggers and _SAME_PLACE.search(folded.text))) \
            or "later" in triggers and _LATER.search(folded.text) else None
        if location is None and follow is not None and follow.incident.location_mention is not None:
            # A dated list item with no place continues the article's last event place (battle timelines);
            # so does "near the same checkpoint", "في المنطقة ذاتها".
            inc = follow.incident
            location = Location(inc.location_mention, inc.geo_precision, "", False)
        names = _unique(a.name for a in actor_mentions)
        if fatalities is None:
            fatalities = count_fatalities(s.text, mask=[(d.start, d.end) for d in own_dates], folded=folded)

        anaphora = _anaphora(event.cue, folded) if came_after is None else None
        if anaphora and not usable:
            # A place outside the cue's clause ("التدريبات ...، في حين أفاد سكان في ريف القنيطرة")
            # does not make the event a new one.
            target = _antecedent(anaphora, event.event_type, location, own_place and location.in_clause,
                                 last_in_paragraph.get(paragraphs[i]), drafts,
                                 generic=event.cue.label in ("attack", "explosion"))
            if target is not None:
                _add_report(target, fatalities, names, (s.start, s.end), (s.text, actor_mentions, event.cue.start))
                continue
            if anaphora == "demonstrative":
                continue  # "in response to this attack": refers to an event we did not code
        if location is None:
            # A report with no place yet ("An Israeli drone strike in southern Lebanon killed a commander"):
            # the next report of the same kind in the article names where.
            pending[layout.articles[i]] = (event.event_type, fatalities, usable, (s.start, s.end),
                                           (s.text, actor_mentions, event.cue.start), i)
            continue
        if own_place and _two_countries(location, ranked):
            continue
        if own_place and came_after is None and "after" in triggers and _in_after_clause(folded, event.cue) and (
                not location.in_clause or not any(d.precision == 1 for d in usable)):
            # "After it captured al-Susah last month, ...", "وبعد أن سيطرت على 15 بلدة، تباطأت العملية قرب X":
            # what came before, or not where the capture was.
            continue
        if _vague_area(location) and fatalities is None and not any(d.precision == 1 for d in usable) \
                and not _EVENT_VERB.search(folded.text):
            continue  # a country-level statement, not a report of one event

        if usable:
            # A day given for the report ("Kataib Hezbollah on Wednesday denied ...", "said on Monday") comes
            # last: the event's own day is the one its clause names.
            best = min(usable, key=lambda d: (_report_date(folded, d), d.precision or 9, abs(d.start - event.cue.start)))
            event_date, precision, dated = best.value, best.precision, "own"
        elif _is_background(own_dates, published):
            continue
        else:
            earlier = dates.before(i)
            heading = layout.heading_dates[i] if timeline else None
            anchor = _last_draft(drafts, layout.articles[i]) if came_after is not None else None
            if anchor is not None and not anchor.weak_date and anchor.incident.event_date is not None:
                days, exact = _days_before(came_after)
                event_date = anchor.incident.event_date - timedelta(days=days)
                precision, dated = (1 if exact else 2), "context"
            elif earlier is not None:
                event_date, precision, dated = earlier.value, earlier.precision, "context"
            elif follow is not None and not follow.weak_date:
                # "Hours later ...", "Police later defused a second device near the same checkpoint".
                event_date, precision, dated = follow.incident.event_date, follow.incident.time_precision, "context"
            elif heading is not None:
                event_date, precision, dated = heading.value, heading.precision, "heading"
            elif (story := _story_date(drafts, layout.articles[i], event.event_type, location)) is not None:
                # The body retells the lede's news: "The drones hit a house in X ..." after "on Tuesday".
                event_date, precision, dated = story.incident.event_date, story.incident.time_precision, "context"
            elif published is not None:
                event_date, precision, dated = published, 2, "published"
            else:
                event_date, precision, dated = None, None, "none"
        if published is not None and event_date is not None and event_date < published - BACKGROUND_AGE:
            continue  # "in June 2014 ISIS seized Mosul" in a 2024 article: background

        event_dates = _separate_days(s.text, usable, cues, event_date, precision)
        places = roundup(s.text, s.start, location, ranked) if own_place else [location]
        if len(places) > 1:
            tolls = split_fatalities(s.text, s.start, places, fatalities,
                                     lambda piece: count_fatalities(piece), ranked)
        else:
            tolls = [fatalities]
        kinds = [(event.event_type, event.sub_event_type)]
        if event.event_type == "Battles" and event.sub_event_type == "Armed clash" and _civilians_only(
                s.text, actor_mentions, location, event_date, event.cue.start):
            kinds = [(VAC, "Attack")]  # firing on villagers is not a battle: one side is unarmed
        if event.event_type != VAC and any(c.label == "abduction" and not c.habitual for c in cues):
            kinds.append((VAC, "Abduction/forced disappearance"))
        earlier_report = pending.pop(layout.articles[i], None)
        if earlier_report is not None and (earlier_report[0] != kinds[0][0] or i - earlier_report[5] > 3):
            earlier_report = None
        distinct = came_after is not None or "another" in triggers and bool(_ANOTHER.search(folded.text))
        for (event_type, sub_event_type), (event_date, precision) in product(kinds, event_dates):
            for place, toll in zip(places, tolls):
                incident = Incident(
                    event_type=event_type, sub_event_type=sub_event_type, evidence=sentence.text,
                    start=s.start, end=s.end, place=place.mention.place, location_mention=place.mention,
                    event_date=event_date, time_precision=precision, geo_precision=place.geo_precision,
                    fatalities=toll if event_type == kinds[0][0] and len(event_dates) == 1 else None,
                    actors=list(names), source=source)
                if len(places) > 1:
                    incident.review_flags.append("roundup")
                draft = Draft(incident, role=role if role in SUMMARY else "body", article=layout.articles[i],
                              dated=dated, reports=[(s.text, actor_mentions, event.cue.start)], distinct=distinct)
                if earlier_report is not None and len(places) == 1:
                    _absorb_pending(draft, earlier_report)
                drafts.append(draft)
                last_in_paragraph[paragraphs[i]] = draft
    drafts = merge_article(drafts)
    drafts = _drop_stale(drafts, published)
    # A "Read also" teaser: a headline with no body of its own reports nothing we can code.
    bodied = {layout.articles[i] for i, role in enumerate(layout.roles) if role not in SILENT and role not in SUMMARY}
    drafts = [d for d in drafts if d.role not in SUMMARY or d.article == 0 or d.article in bodied]
    return [_finish(d) for d in drafts]


def _last_draft(drafts: list[Draft], article: int) -> Draft | None:
    """The article's last body incident at a town (for "the same checkpoint", "hours later", list items)."""
    for d in reversed(drafts):
        inc = d.incident
        if d.article == article and d.role not in SUMMARY and inc.location_mention is not None \
                and inc.geo_precision < 3:
            return d
        if d.article != article:
            break
    return None


def _story_date(drafts: list[Draft], article: int, event_type: str, location: Location | None) -> Draft | None:
    """An earlier dated incident of the article's story: the same event type in the same governorate or
    within 50 km (a body sentence with no date of its own retells it)."""
    if location is None or location.mention.place is None:
        return None
    place = location.mention.place
    for d in reversed(drafts[-MAX_STORY:]):
        inc = d.incident
        if d.article != article or d.weak_date or inc.event_date is None or inc.place is None:
            continue
        if inc.event_type == event_type and (
                place.admin1 and inc.place.admin1 == place.admin1 or contains(inc, _point(location))):
            return d
    return None


def _point(location: Location) -> Incident:
    return Incident("", "", "", 0, 0, place=location.mention.place, geo_precision=location.geo_precision)


def _absorb_pending(draft: Draft, report: tuple) -> None:
    """A report that named no place, told again with its place: its toll, day and actors join."""
    _event_type, fatalities, usable, span, sides_input, _i = report
    inc = draft.incident
    if inc.fatalities is None and fatalities is not None:
        inc.fatalities = fatalities
    precise = [d for d in usable if d.precision == 1]
    if precise and (draft.weak_date or inc.event_date is None):
        inc.event_date, inc.time_precision, draft.dated = precise[0].value, 1, "own"
    draft.reports.append(sides_input)
    draft.spans.add(span)
    inc.evidence_spans.append(span)


def _civilians_only(text: str, actor_mentions, location: Location, when, cue_start: int) -> bool:
    """The only target named is civilians (shepherds, villagers): the "clash" is an attack on civilians."""
    if not any(a.actor.inter == acled.CIVILIANS for a in actor_mentions):
        return False
    code = location.mention.place.country_code if location.mention.place is not None else None
    sides = assign_sides(text, actor_mentions, "Battles", "Armed clash", code, when, cue_start)
    return sides.inter2 == acled.CIVILIANS and not sides.assoc_actor_2


def _separate_days(text: str, usable, cues: list[Cue], event_date, precision) -> list[tuple]:
    """One (date, precision) per event day: a second day-precise date right after a second cue ("launched the
    second attack on 1 March but resumed the attack on 4 March") is a second event; a date in a reporting
    clause ("a source said on Tuesday") is not."""
    precise = [d for d in usable if d.precision == 1]
    if len(precise) < 2:
        return [(event_date, precision)]
    days = [precise[0]]
    for d in precise[1:]:
        cue = next((c for c in reversed(cues) if days[-1].end <= c.start < d.start and d.start - c.end <= 60), None)
        if d.value != days[-1].value and cue is not None and not _REPORTING.search(fold(text[cue.end:d.start])):
            days.append(d)
    if len(days) < 2:
        return [(event_date, precision)]
    return [(d.value, 1) for d in days]


def _date_headings(layout) -> int:
    """How many distinct date headings the document has (a timeline has several)."""
    seen = {id(d) for d in layout.heading_dates if d is not None}
    return len(seen)


def _set_sides(draft: Draft) -> None:
    """ACLED actor1/actor2, associates and inter codes from the actors of its reports (roles.py)."""
    incident = draft.incident
    code = incident.place.country_code if incident.place is not None else None
    for sentence_text, actor_mentions, cue_start in draft.reports:
        sides = assign_sides(sentence_text, actor_mentions, incident.event_type, incident.sub_event_type, code,
                             incident.event_date, cue_start)
        merge_sides(incident, sides)


def _drop_stale(drafts: list[Draft], published) -> list[Draft]:
    """Background in an article that reports something recent: an event dated only to an earlier month
    ("last month, a drone killed three near Zakho") or more than `STALE_DAYS` before publication."""
    if published is None or len(drafts) < 2:
        return drafts
    recent = published - timedelta(days=RECENT_DAYS)
    stale = published - timedelta(days=STALE_DAYS)
    news = any(d.incident.event_date is not None and d.incident.event_date >= recent
               for d in drafts if d.role not in SUMMARY)
    if not news:
        return drafts

    def old(d: Draft) -> bool:
        when = d.incident.event_date
        if when is None or d.weak_date:
            return False
        if (d.incident.time_precision or 1) >= 3 and (when.year, when.month) != (published.year, published.month):
            return True
        return when < stale
    return [d for d in drafts if not old(d)]


def _finish(draft: Draft) -> Incident:
    """Fill the ACLED fields that depend on the whole (merged) incident."""
    inc = draft.incident
    _set_sides(draft)
    if inc.event_type == "Battles" and inc.sub_event_type == "Armed clash" and inc.inter2 == acled.CIVILIANS \
            and not inc.assoc_actor_2:
        # Firing on villagers is not a battle: one side is unarmed.
        inc.event_type, inc.sub_event_type = VAC, "Attack"
    inc.interaction = acled.interaction(inc.inter1, inc.inter2)
    inc.disorder_type = acled.disorder_type(inc.event_type, inc.sub_event_type)
    inc.civilian_targeting = inc.event_type == VAC or (
        inc.inter2 == acled.CIVILIANS and inc.event_type in ("Explosions/Remote violence", "Battles"))
    flags = inc.review_flags
    if inc.geo_precision >= 3 and "area_only" not in flags:
        flags.append("area_only")
    if inc.place is not None and inc.place.kind == "unlisted" and "unlisted_place" not in flags:
        flags.append("unlisted_place")
    if draft.role in SUMMARY and "headline_only" not in flags:
        flags.append("headline_only")
    if inc.location_mention is not None and inc.location_mention.needs_review and "low_confidence_place" not in flags:
        flags.append("low_confidence_place")
    inc.evidence_spans.sort()
    return inc


def _unique(names) -> list[str]:
    return list(dict.fromkeys(names))
