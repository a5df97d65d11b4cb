"""Sentence splitting for Arabic and English news text.

Sentences are the unit of evidence for an incident, so the splitter must keep
exact offsets and must not cut a report in the middle of "U.S. forces", "Dr.
Ali", "1.5 km" or "20.12.2024".  A single linear regex scan over candidate
terminators, with a few local checks, keeps it fast on megabyte inputs.

Rules:
- `. ! ? ؟ ; ؛ …` end a sentence (runs such as "?!" or "..." count once, and
  closing quotes/brackets right after them stay with the sentence);
- every line break ends a sentence (headlines and list items have no full stop);
- the Arabic comma ، never ends a sentence;
- a "." does not end a sentence when glued to a following Latin letter or
  digit (1.5, 20.12.2024, URLs, the first dot of "U.S."), after a known
  abbreviation or a single-letter initial ("U.S.", "J. Smith"), or before a
  lowercase Latin word;
- leading and trailing whitespace (and invisible bidi/zero-width marks) is
  trimmed from every sentence; empty sentences are dropped.
"""
from __future__ import annotations

import re

from map_app.geoparse.document import Sentence

_NEWLINES = "\n\r\u2028\u2029\x0b\x0c\x85"
# Candidates: a run of ! ? ؟ ; ؛ … ۔ (dots included), two or more dots, a
# single dot not glued to a following Latin letter or digit (1.5, U.S,
# 20.12.2024, ٢٠.١٢.٢٠٢٤ and URLs never become candidates), or a line break.
_CANDIDATE = re.compile(
    r"[.!?؟;؛…۔]*[!?؟;؛…۔][.!?؟;؛…۔]*|\.{2,}|\.(?![A-Za-z0-9\u0660-\u0669\u06f0-\u06f9])|[\n\r\u2028\u2029\x0b\x0c\x85]")
_CLOSERS = frozenset("\"'”’»)]}›")
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"
#: Characters trimmed from sentence ends: Unicode whitespace and invisible marks.
_TRIM = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + _INVISIBLE
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9\u0660-\u0669\u06f0-\u06f9]")
_LOWER_AFTER = re.compile(r"[^\S\n\r\u2028\u2029]*[a-z]")

#: Tokens that take a full stop without ending the sentence (case-sensitive).
ABBREVIATIONS = frozenset({
    "Dr", "Mr", "Mrs", "Ms", "Gen", "Col", "Lt", "Maj", "Capt", "Sgt", "Cpl", "Pvt",
    "Adm", "Brig", "Cmdr", "Gov", "Sen", "Rep", "Rev", "Prof", "St", "Jr", "Sr",
    "No", "Nos", "Vol", "Fig", "Mt", "Ft", "Inc", "Ltd", "Co", "Corp", "Dept",
    "Ave", "Blvd", "Pres", "Amb", "Hon", "Approx", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "approx",
    "cf", "ca", "viz", "incl",
    # Arabic titles written with a full stop: د. (Dr.), أ. (Prof./Mr.), م. (Eng.)
    # is left out because "2024 م." ends sentences.
    "د", "أ", "ا",
})


def _dot_continues(text: str, start: int, end: int) -> bool:
    """True if the single "." at text[start] (not glued to a Latin letter or digit) does not end the sentence."""
    # The letters right before the dot (bounded look-back keeps this O(1)).
    j = start
    while j > 0 and start - j < 12 and text[j - 1].isalpha():
        j -= 1
    token = text[j:start]
    if token in ABBREVIATIONS:
        return True
    if len(token) == 1 and "a" <= token.lower() <= "z" and (j == 0 or not text[j - 1].isalpha()):
        return True  # an initial: U.S., J. Smith, a.m.
    return _LOWER_AFTER.match(text, end) is not None


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    segment = text[start:end]
    left = segment.lstrip(_TRIM)
    if not left:
        return None
    start += len(segment) - len(left)
    core = left.rstrip(_TRIM)
    return Sentence(start, start + len(core), core)


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into trimmed sentences with exact offsets (never raises on a str)."""
    if not isinstance(text, str) or not text:
        return []
    n = len(text)
    out: list[Sentence] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        ms, me = m.span()
        if ms < start:
            continue  # inside closers already absorbed
        if text[ms] in _NEWLINES:
            end, next_start = ms, me
        else:
            if me - ms == 1 and text[ms] == "." and _dot_continues(text, ms, me):
                continue
            if me < n and ms > 0 and _LATIN_OR_DIGIT.match(text, me) and _LATIN_OR_DIGIT.match(text, ms - 1):
                continue  # glued between tokens: a URL query ("a?b=1") or an identifier
            end = me
            while end < n and text[end] in _CLOSERS:
                end += 1
            next_start = end
        if end > start:
            sentence = _trimmed(text, start, end)
            if sentence is not None:
                out.append(sentence)
        start = next_start
    sentence = _trimmed(text, start, n)
    if sentence is not None:
        out.append(sentence)
    return out
