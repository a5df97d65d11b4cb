"""Document context for incident extraction: clean inputs, paragraphs, code blocks and dates.

Kept apart from extract.py so that the extraction loop reads in one sitting.
Every helper is linear in the document.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from map_app.geoparse.document import Document, Mention, Sentence
from map_app.geoparse.incidents.dates import DateMention, find_dates
from map_app.geoparse.incidents.normalize import Folded

_NEWLINE = re.compile(r"[\n\r\u2028\u2029\x0b\x0c\x85]")


def as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def valid_sentences(doc: Document, text: str) -> list[Sentence]:
    """The document's sentences clipped to the text and sorted (split again if none were given)."""
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


def valid_mentions(doc: Document, n: int) -> list[Mention]:
    """Mentions with offsets inside the text, in text order."""
    out = [m for m in (doc.places or []) if isinstance(m, Mention) and isinstance(m.start, int)
           and isinstance(m.end, int) and 0 <= m.start < m.end <= n]
    out.sort(key=lambda m: m.start)
    return out


def one_sense(mentions: list[Mention]) -> list[Mention]:
    """A name the recogniser left unlisted (pinned at a guessed area) takes the gazetteer place it found for the
    same name elsewhere in the document (one place per name and article: "Azaz" near a "BEIRUT" dateline)."""
    listed: dict[str, object] = {}
    for m in mentions:
        if m.place is not None and m.place.kind != "unlisted":
            listed.setdefault(m.text.casefold(), m.place)
    if not listed:
        return mentions
    return [replace(m, place=listed[m.text.casefold()])
            if m.place is not None and m.place.kind == "unlisted" and m.text.casefold() in listed else m
            for m in mentions]


def outside(mentions: list[Mention], spans: list[tuple[int, int]]) -> list[Mention]:
    """The mentions that start outside every span (spans sorted or not; linear after sorting)."""
    if not spans:
        return mentions
    spans = sorted(spans)
    out, k = [], 0
    for m in mentions:
        while k < len(spans) and spans[k][1] <= m.start:
            k += 1
        if k < len(spans) and spans[k][0] <= m.start < spans[k][1]:
            continue
        out.append(m)
    return out


_BLANK_LINE = re.compile(r"[\n\r\u2028\u2029\x0b\x0c\x85][^\S\n]*[\n\r\u2028\u2029\x0b\x0c\x85]")


def paragraph_ids(text: str, sentences: list[Sentence], breaks: list[bool] | None = None) -> list[int]:
    """Paragraph number of each sentence.

    Without `breaks`, every line break ends a paragraph.  With `breaks` (one
    flag per sentence: it starts a new block, e.g. a heading, a credit or a
    list item), a blank line or a break flag ends a paragraph and a single line
    break does not: Arabic news sites put every sentence of a story on its own
    line.
    """
    ids = []
    para = 0
    prev_end = 0
    for i, s in enumerate(sentences):
        if s.start > prev_end and _NEWLINE.search(text, prev_end, s.start):
            if breaks is None or breaks[i] or _BLANK_LINE.search(text, prev_end, s.start):
                para += 1
        ids.append(para)
        prev_end = max(prev_end, s.end)
    return ids


class Dates:
    """Date mentions per sentence, computed lazily, and the running paragraph date."""

    def __init__(self, sentences: list[Sentence], paragraphs: list[int], published: date | None,
                 year_hints: list[int | None] | None = None) -> None:
        self.sentences = sentences
        self.paragraphs = paragraphs
        self.published = published
        self.year_hints = year_hints
        self._cache: dict[int, list[DateMention]] = {}
        self._scanned = 0
        self._running: DateMention | None = None
        self.running_year: int | None = None

    def of(self, i: int, folded: Folded | None = None) -> list[DateMention]:
        """Date mentions of sentence i.  Without a publication date, "12 May" takes the year of the
        nearest heading or title naming one, else the latest year of a full date or a month and year read
        so far."""
        if i not in self._cache:
            hint = (self.year_hints[i] if self.year_hints else None) or self.running_year
            found = find_dates(self.sentences[i].text, self.published, folded=folded, year_hint=hint)
            self._cache[i] = found
            if self.published is None:
                # The latest year of a full date read so far: timelines run forward, and a "since 8 October
                # 2023" in a 2024 story must not pull the next "24 September" back a year.
                # ("late November 2016", "in June 2014" name a year too)
                years = [d.year for d in found if d.kind == "absolute" and d.year and d.precision in (1, 2, 3)]
                if years:
                    self.running_year = max(years + [self.running_year or 0])
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


def blank(text: str, regions: list[tuple[int, int]]) -> str:
    """`text` with the regions replaced by spaces (same length, so offsets hold)."""
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


def code_regions(text: str) -> list[tuple[int, int]]:
    """Spans of <script>, <style> and <!-- --> blocks (an unclosed block runs to the end)."""
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
