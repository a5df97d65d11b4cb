"""Incidents from a parsed document: one per reported event, place and day.

For each sentence with an asserted event cue (taxonomy.py) we pick the event
location among its resolved places (locate.py; if it names none, the nearest
earlier sentence of the same paragraph, up to three back, that does), its date (dates.py),
fatalities (fatalities.py) and actors (actors.py).

Dating rule, in order: a date expression in the sentence itself (the most
precise one, then the one nearest the cue: "في الأسبوع الأول من الشهر ...
في ١١ أكتوبر" is the 11th); else the nearest preceding date expression in
the same paragraph; else the publication date with time_precision 2
("reported that week"); else None.  Dates after publication are ignored
(plans, not events).  Background yields no incident: a sentence whose only
time reference is a year before the publication year ("ISIS captured Mosul
in 2014", "قبل ١٠ سنوات"), or an event dated more than a year before
publication.

Precision rules (one event, not a pattern or a statement):
- habitual cues (taxonomy.py: "daily", "منذ العدوان", "تواصل", "the ministry
  accused X of ...", "الهجمات التي تشنها") count only when the sentence
  also gives a day-precise date or a death toll;
- an event placed only at a country (or a region spanning governorates) is
  kept only with a day-precise date, a death toll or a past event verb
  ("نفذت", "شنت", "struck", "killed"): "attacks on US forces in Syria raise
  questions" is commentary;
- "this attack" / "هذا الهجوم" adds to an earlier incident and never starts one.

Merging (ACLED's unit is one event per place and day): sentences reporting
the same event type at the same place on the same date are merged (merge.py);
the first evidence is kept, fatalities take the lowest report, actors are
unioned.  A sentence that only refers back to the previous event ("وأسفر
الهجوم عن مقتل 5", "the strike killed 5") adds to that incident instead of
creating a new one (a place outside the cue's clause does not make it new),
and so does a death count in the next sentence of the paragraph when the
incident has none yet.  Country- or governorate-level
reports are folded into a precise report of the same event (merge.py).

Text inside <script>, <style> and HTML comments is ignored.  A paragraph
ends at a line break.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime, timedelta

from map_app.geoparse.document import Document, Incident, Mention, Sentence
from map_app.geoparse.incidents.actors import find_actors
from map_app.geoparse.incidents.dates import DateMention, find_dates
from map_app.geoparse.incidents.fatalities import count_fatalities
from map_app.geoparse.incidents.locate import Location, choose_location
from map_app.geoparse.incidents.merge import absorb, merge_area_reports
from map_app.geoparse.incidents.normalize import Folded, fold
from map_app.geoparse.incidents.taxonomy import Cue, decide, find_cues

#: How many earlier sentences (same paragraph) may supply a missing location.
MAX_LOOKBACK = 3
#: Events dated more than this before publication are background, not news.
BACKGROUND_AGE = timedelta(days=366)
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
_NEWLINE = re.compile(r"[\n\r\u2028\u2029\x0b\x0c\x85]")
#: Generic cue words that, when definite ("the attack", "الهجوم"), usually
#: refer back to an event already reported.
_ANAPHORIC_LABELS = frozenset({"clash", "attack", "explosion", "air", "shelling", "suicide", "ied", "exercise"})
_DEFINITE_AR = re.compile(r"(?:[وف]?(?:[بك]?ال|لل))")
_DEMONSTRATIVE = re.compile(r"(?:\b(?:the|this|that|these|those)|" + fold("هذا|هذه|ذلك|تلك|هذين") + r")\s+(?:\S+\s+)?$",
                            re.IGNORECASE)


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _valid_sentences(doc: Document, text: str) -> list[Sentence]:
    from map_app.geoparse.sentences import split_sentences

    raw = doc.sentences if isinstance(doc.sentences, list) and doc.sentences else split_sentences(text)
    out = []
    n = len(text)
    for s in raw:
        start, end = getattr(s, "start", None), getattr(s, "end", None)
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        start, end = max(0, start), min(n, end)
        if start < end:
            same = getattr(s, "text", None) == text[start:end]
            out.append(s if same else Sentence(start, end, text[start:end]))
    out.sort(key=lambda s: s.start)
    return out


def _valid_mentions(doc: Document, n: int) -> list[Mention]:
    out = [m for m in (doc.places or []) if isinstance(m, Mention) and isinstance(m.start, int)
           and isinstance(m.end, int) and 0 <= m.start < m.end <= n]
    out.sort(key=lambda m: m.start)
    return out


class _Dates:
    """Date mentions per sentence, computed lazily, and the running paragraph date."""

    def __init__(self, sentences: list[Sentence], paragraphs: list[int], published: date | None) -> None:
        self.sentences = sentences
        self.paragraphs = paragraphs
        self.published = published
        self._cache: dict[int, list[DateMention]] = {}
        self._scanned = 0
        self._running: DateMention | None = None

    def of(self, i: int, folded: Folded | None = None) -> list[DateMention]:
        if i not in self._cache:
            self._cache[i] = find_dates(self.sentences[i].text, self.published, folded=folded)
        return self._cache[i]

    def usable(self, i: int) -> list[DateMention]:
        return [d for d in self.of(i) if d.value is not None
                and (self.published is None or d.value <= self.published)]

    def before(self, i: int) -> DateMention | None:
        """The nearest usable date expression in earlier sentences of i's paragraph.

        Calls come in increasing `i`, so one forward scan serves the whole
        document (linear time); an out-of-order call rescans its paragraph.
        """
        if i < self._scanned:
            k = i
            while k > 0 and self.paragraphs[k - 1] == self.paragraphs[i]:
                k -= 1
            self._scanned, self._running = k, None
        while self._scanned < i:
            k = self._scanned
            if k == 0 or self.paragraphs[k] != self.paragraphs[k - 1]:
                self._running = None
            found = self.usable(k)
            if found:
                self._running = found[-1]
            self._scanned += 1
        if i == 0 or self.paragraphs[i - 1] != self.paragraphs[i]:
            return None
        return self._running


def _paragraph_ids(text: str, sentences: list[Sentence]) -> list[int]:
    ids = []
    para = 0
    prev_end = 0
    for s in sentences:
        if s.start > prev_end and _NEWLINE.search(text, prev_end, s.start):
            para += 1
        ids.append(para)
        prev_end = max(prev_end, s.end)
    return ids


def _is_background(dates: list[DateMention], published: date | None) -> bool:
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


def _antecedent(anaphora: str, event_type: str, location: Location | None, own_place: bool,
                previous: Incident | None, incidents: list[Incident]) -> Incident | None:
    """The incident an anaphoric sentence adds to, or None.

    The paragraph's last incident when the sentence names no place of its own
    or the same place; for a pointing word ("this attack") or a country-level
    place ("34 soldiers were killed in the strikes, sources close to Turkey
    said"), the document's last incident of the same event type.
    """
    if previous is not None and (not own_place or (location is not None and previous.place is not None
                                                    and location.mention.place.key == previous.place.key)):
        return previous
    if anaphora == "demonstrative" or (location is not None and _vague_area(location)):
        for incident in reversed(incidents):
            if incident.event_type == event_type:
                return incident
        if anaphora == "demonstrative" and previous is not None:
            return previous
    return None


def _vague_area(location: Location) -> bool:
    """A country, or a region spanning several governorates (geo precision 3 without admin1)."""
    place = location.mention.place
    return place.kind == "country" or (place.kind in ("region", "water") and location.geo_precision == 3)


def extract_incidents(doc: Document) -> list[Incident]:
    """Incidents reported in `doc` (see the module docstring); never raises on str text."""
    text = doc.text if isinstance(doc.text, str) else ""
    if not text.strip():
        return []
    published = _as_date(doc.published)
    source = doc.source if isinstance(doc.source, str) else None
    sentences = _valid_sentences(doc, text)
    # Code blocks are blanked (same length) for analysis; evidence stays verbatim.
    regions = _code_regions(text)
    analysed = _blank(text, regions) if regions else text
    views = sentences if not regions else [Sentence(s.start, s.end, analysed[s.start:s.end]) for s in sentences]
    mentions = [m for m in _valid_mentions(doc, len(text)) if not regions or not analysed[m.start:m.end].isspace()]
    starts = [m.start for m in mentions]
    paragraphs = _paragraph_ids(text, sentences)
    dates = _Dates(views, paragraphs, published)

    def sentence_mentions(s: Sentence) -> list[Mention]:
        lo = bisect_left(starts, s.start)
        hi = bisect_left(starts, s.end, lo)
        return mentions[lo:hi]

    incidents: list[Incident] = []
    by_key: dict[tuple, Incident] = {}
    last_in_paragraph: dict[int, Incident] = {}

    for i, sentence in enumerate(sentences):
        s = views[i]
        if regions and s.text.isspace():
            continue
        folded = Folded(s.text)
        cues = find_cues(s.text, folded=folded, habitual=True)
        own_dates = dates.of(i, folded) if cues else []
        usable = dates.usable(i) if cues else []
        fatalities = None
        if any(c.habitual for c in cues):
            fatalities = count_fatalities(s.text, mask=[(d.start, d.end) for d in own_dates], folded=folded)
            if fatalities is None and not any(d.precision == 1 for d in usable):
                # A pattern, the past or an accusation, with no day and no toll to pin one event on.
                cues = [c for c in cues if not c.habitual]
        if not cues:
            previous = last_in_paragraph.get(paragraphs[i])
            if previous is not None and previous.fatalities is None:
                # "Five people were killed, the observatory said." completes the event above.
                previous.fatalities = count_fatalities(
                    s.text, mask=[(d.start, d.end) for d in dates.of(i, folded)], folded=folded)
            continue
        actor_mentions = find_actors(s.text, folded=folded)
        first_state = actor_mentions[0].actor.is_state if actor_mentions else None
        event = decide(cues, first_state)
        if event is None:
            continue
        excluded = [(s.start + a.start, s.start + a.end) for a in actor_mentions]
        cue_span = (s.start + event.cue.start, s.start + event.cue.end)
        location = choose_location(s.text, s.start, sentence_mentions(s), excluded, folded=folded, cue=cue_span)
        own_place = location is not None
        j = i - 1
        while location is None and j >= max(0, i - MAX_LOOKBACK) and paragraphs[j] == paragraphs[i]:
            prev = views[j]
            location = choose_location(prev.text, prev.start, sentence_mentions(prev))
            j -= 1

        names = _unique(a.name for a in actor_mentions)
        if fatalities is None:
            fatalities = count_fatalities(s.text, mask=[(d.start, d.end) for d in own_dates], folded=folded)

        anaphora = _anaphora(event.cue, folded)
        if anaphora and not usable:
            # A place outside the cue's clause ("التدريبات ...، في حين أفاد سكان في ريف القنيطرة")
            # does not make the event a new one.
            target = _antecedent(anaphora, event.event_type, location, own_place and location.in_clause,
                                 last_in_paragraph.get(paragraphs[i]), incidents)
            if target is not None:
                absorb(target, fatalities, names, None, None)
                continue
            if anaphora == "demonstrative":
                continue  # "in response to this attack": refers to an event we did not code
        if location is None:
            continue
        if _vague_area(location) and fatalities is None and not any(d.precision == 1 for d in usable) \
                and not _EVENT_VERB.search(folded.text):
            continue  # a country-level statement, not a report of one event

        if usable:
            best = min(usable, key=lambda d: (d.precision or 9, abs(d.start - event.cue.start)))
            event_date, precision = best.value, best.precision
        elif _is_background(own_dates, published):
            continue
        else:
            earlier = dates.before(i)
            if earlier is not None:
                event_date, precision = earlier.value, earlier.precision
            elif published is not None:
                event_date, precision = published, 2
            else:
                event_date, precision = None, None
        if published is not None and event_date is not None and published - event_date > BACKGROUND_AGE:
            continue  # "in June 2014 ISIS seized Mosul" in a 2024 article: background

        key = (event.event_type, event.sub_event_type, location.mention.place.key, event_date)
        existing = by_key.get(key)
        if existing is not None:
            absorb(existing, fatalities, names, precision, location)
            last_in_paragraph[paragraphs[i]] = existing
            continue
        incident = Incident(
            event_type=event.event_type,
            sub_event_type=event.sub_event_type,
            evidence=sentence.text,
            start=s.start,
            end=s.end,
            place=location.mention.place,
            location_mention=location.mention,
            event_date=event_date,
            time_precision=precision,
            geo_precision=location.geo_precision,
            fatalities=fatalities,
            actors=names,
            source=source,
        )
        by_key[key] = incident
        incidents.append(incident)
        last_in_paragraph[paragraphs[i]] = incident
    return merge_area_reports(incidents)


def _unique(names) -> list[str]:
    return list(dict.fromkeys(names))


def _blank(text: str, regions: list[tuple[int, int]]) -> str:
    parts, last = [], 0
    for start, end in regions:
        if start < last:
            start = last
        if start < end:
            parts.append(text[last:start])
            parts.append(" " * (end - start))
            last = end
    parts.append(text[last:])
    return "".join(parts)


def _code_regions(text: str) -> list[tuple[int, int]]:
    """Spans of <script>, <style> and <!-- --> blocks (an unclosed block runs to the end)."""
    lower = None
    regions: list[tuple[int, int]] = []
    if "<" not in text:
        return regions
    lower = text.lower()
    for opener, closer in (("<script", "</script"), ("<style", "</style"), ("<!--", "-->")):
        pos = lower.find(opener)
        while pos >= 0:
            end = lower.find(closer, pos + len(opener))
            if end < 0:
                regions.append((pos, len(text)))
                break
            regions.append((pos, end + len(closer)))
            pos = lower.find(opener, end + len(closer))
    regions.sort()
    return regions
