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
- a "." does not end a sentence between digits, after a known abbreviation or
  a single-letter initial ("U.S.", "J. Smith"), before a lowercase Latin word,
  or when glued to a following Latin letter or digit (URLs, "U.S");
- leading and trailing whitespace (and invisible bidi/zero-width marks) is
  trimmed from every sentence; empty sentences are dropped.
"""
from __future__ import annotations

import re

from map_app.document import Sentence

_NEWLINES = "\n\r\u2028\u2029\x0b\x0c\x85"
_TERMINATORS = ".!?؟;؛…۔"
_CANDIDATE = re.compile(f"[{re.escape(_TERMINATORS)}]+|[{_NEWLINES}]")
_CLOSERS = frozenset("\"'”’»)]}›")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2066\u2067\u2068\u2069\ufeff\u00ad")
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


def _is_latin_or_digit(ch: str) -> bool:
    return ch.isdigit() or ("a" <= ch.lower() <= "z")


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in _INVISIBLE


def _dot_continues(text: str, start: int, end: int) -> bool:
    """True if the single "." at text[start] does not end the sentence."""
    n = len(text)
    prev = text[start - 1] if start > 0 else ""
    nxt = text[end] if end < n else ""
    if prev and nxt and prev.isdigit() and nxt.isdigit():
        return True
    if nxt and _is_latin_or_digit(nxt) and prev and _is_latin_or_digit(prev):
        return True
    # The letters right before the dot (bounded look-back keeps this O(1)).
    j = start
    while j > 0 and start - j < 12 and text[j - 1].isalpha():
        j -= 1
    token = text[j:start]
    if token in ABBREVIATIONS:
        return True
    if len(token) == 1 and "a" <= token.lower() <= "z" and (j == 0 or not text[j - 1].isalpha()):
        return True  # an initial: U.S., J. Smith, a.m.
    if _LOWER_AFTER.match(text, end):
        return True
    return False


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    if start >= end:
        return None
    return Sentence(start, end, text[start:end])


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into trimmed sentences with exact offsets (never raises on a str)."""
    if not isinstance(text, str) or not text:
        return []
    n = len(text)
    out: list[Sentence] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        if m.start() < start:
            continue  # inside closers already absorbed
        run = m.group()
        if run[0] in _NEWLINES:
            end = m.start()
            nxt_start = m.end()
        else:
            nxt = text[m.end()] if m.end() < n else ""
            prev = text[m.start() - 1] if m.start() > 0 else ""
            if run == ".":
                if _dot_continues(text, m.start(), m.end()):
                    continue
            elif nxt and _is_latin_or_digit(nxt) and prev and _is_latin_or_digit(prev):
                continue  # glued to a following token: a URL or an identifier
            end = m.end()
            while end < n and text[end] in _CLOSERS:
                end += 1
            nxt_start = end
        sentence = _trimmed(text, start, end)
        if sentence is not None:
            out.append(sentence)
        start = nxt_start
    sentence = _trimmed(text, start, n)
    if sentence is not None:
        out.append(sentence)
    return out
