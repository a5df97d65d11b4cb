"""Incidents from a parsed document: one per reported event, place and day.

For each sentence with an asserted event cue (taxonomy.py) we pick the event
location among its resolved places (locate.py; if it names none, the nearest
earlier sentence of the same paragraph, up to three back, that does), its date (dates.py),
fatalities (fatalities.py) and actors (actors.py).

Dating rule, in order: a date expression in the sentence itself; else the
nearest preceding date expression in the same paragraph; else the
publication date with time_precision 2 ("reported that week"); else None.
Dates after publication are ignored (plans, not events).  A sentence whose
only time reference is a year before the publication year ("ISIS captured
Mosul in 2014") is background and yields no incident.

Merging (ACLED's unit is one event per place and day): sentences reporting
the same event type at the same place on the same date are merged (merge.py);
the first evidence is kept, fatalities take the lowest report, actors are
unioned.  A sentence that only refers back to the previous event ("وأسفر
الهجوم عن مقتل 5", "the strike killed 5") adds to that incident instead of
creating a new one, and so does a death count in the next sentence of the
paragraph when the incident has none yet.  Country- or governorate-level
reports are folded into a precise report of the same event (merge.py).

Text inside <script>, <style> and HTML comments is ignored.  A paragraph
ends at a line break.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime

from map_app.document import Document, Incident, Mention, Sentence
from map_app.incidents.actors import find_actors
from map_app.incidents.dates import DateMention, find_dates
from map_app.incidents.fatalities import count_fatalities
from map_app.incidents.locate import choose_location
from map_app.incidents.merge import absorb, merge_area_reports
from map_app.incidents.normalize import Folded, fold
from map_app.incidents.taxonomy import Cue, decide, find_cues

#: How many earlier sentences (same paragraph) may supply a missing location.
MAX_LOOKBACK = 3
_NEWLINE = re.compile(r"[\n\r\u2028\u2029\x0b\x0c\x85]")
#: Generic cue words that, when definite ("the attack", "الهجوم"), usually
#: refer back to an event already reported.
_ANAPHORIC_LABELS = frozenset({"clash", "attack", "explosion", "air", "shelling", "suicide", "ied"})
_DEFINITE_AR = re.compile(r"(?:[وف]?(?:[بك]?ال|لل))")
_DEMONSTRATIVE = re.compile(r"(?:\b(?:the|this|that|these|those)|" + fold("هذا|هذه|ذلك|تلك|هذين") + r")\s+(?:\S+\s+)?$",
                            re.IGNORECASE)


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _valid_sentences(doc: Document, text: str) -> list[Sentence]:
    from map_app.sentences import split_sentences

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


def _is_anaphoric(cue: Cue, folded: Folded) -> bool:
    """A lone definite cue word ("الهجوم", "the strike") refers back to a reported event."""
    if cue.label not in _ANAPHORIC_LABELS or " " in cue.text.strip():
        return False
    start = folded.to_folded(cue.start)
    if _DEFINITE_AR.match(folded.text, start):
        return True
    return bool(_DEMONSTRATIVE.search(folded.text[max(0, start - 40):start]))


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
        cues = find_cues(s.text, folded=folded)
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
        location = choose_location(s.text, s.start, sentence_mentions(s), excluded, folded=folded)
        own_place = location is not None
        j = i - 1
        while location is None and j >= max(0, i - MAX_LOOKBACK) and paragraphs[j] == paragraphs[i]:
            prev = views[j]
            location = choose_location(prev.text, prev.start, sentence_mentions(prev))
            j -= 1

        own_dates = dates.of(i, folded)
        usable = dates.usable(i)
        names = _unique(a.name for a in actor_mentions)
        fatalities = count_fatalities(s.text, mask=[(d.start, d.end) for d in own_dates], folded=folded)

        previous = last_in_paragraph.get(paragraphs[i])
        if previous is not None and _is_anaphoric(event.cue, folded) and not usable and (
                not own_place or (location is not None and previous.place is not None
                                  and location.mention.place.key == previous.place.key)):
            absorb(previous, fatalities, names, None, None)
            continue
        if location is None:
            continue

        if usable:
            event_date, precision = usable[0].value, usable[0].precision
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
