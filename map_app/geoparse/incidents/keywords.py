"""One-pass literal keyword search (Aho-Corasick) to keep the matchers fast.

The cue, actor, date and fatality grammars are regular expressions with
hundreds of alternatives; trying them at every character of a megabyte of
news is too slow.  Every rule therefore gets literal anchors (strings any
match must start with, derived from the regex itself by `literal_prefixes`),
one Aho-Corasick pass finds which anchors occur, and only the rules they
point to are run.  Search keys are folded text with ASCII lowercased, which
keeps offsets unchanged.
"""
from __future__ import annotations

import string
from collections.abc import Hashable, Iterable, Iterator
# The standard library regex parser (private, stable across 3.11-3.13) reads patterns back.
from re import _constants as C
from re import _parser

import ahocorasick

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def key_text(folded: str) -> str:
    """Search key for folded text: lowercased with the same length and offsets."""
    lowered = folded.lower()
    # A few characters (e.g. "İ") lower to two: fall back to ASCII-only lowering.
    return lowered if len(lowered) == len(folded) else folded.translate(_ASCII_LOWER)


class KeywordIndex:
    """Literal keywords mapped to values; finds every occurrence in one pass."""

    def __init__(self, entries: Iterable[tuple[str, Hashable]]) -> None:
        self._automaton = ahocorasick.Automaton()
        self.size = 0
        for word, value in entries:
            word = key_text(word)
            if not word:
                continue
            existing = self._automaton.get(word, None)
            if existing is None:
                self._automaton.add_word(word, (len(word), [value]))
                self.size += 1
            elif value not in existing[1]:
                existing[1].append(value)
        if self.size:
            self._automaton.make_automaton()

    def find(self, key: str) -> Iterator[tuple[int, int, list]]:
        """(start, end, values) of every keyword occurrence in `key` (overlaps included)."""
        if not self.size or not key:
            return
        for end, (length, values) in self._automaton.iter(key):
            yield end + 1 - length, end + 1, values

    def values(self, key: str) -> set:
        out: set = set()
        if self.size and key:
            for _end, (_length, values) in self._automaton.iter(key):
                out.update(values)
        return out

    def any(self, key: str) -> bool:
        if self.size and key:
            for _ in self._automaton.iter(key):
                return True
        return False


# --- Literal prefixes of a regex --------------------------------------------------

_MAX_PREFIXES = 400


def _seq(items) -> set[tuple[str, bool]] | None:
    """(prefix, complete) pairs for a parsed sequence; complete = the whole sequence is literal."""
    cur = {("", True)}
    for item in items:
        nxt: set[tuple[str, bool]] = set()
        node = None
        for s, complete in cur:
            if not complete:
                nxt.add((s, False))
                continue
            if node is None:
                node = _node(item)
                if node is None:
                    return None
            for t, c2 in node:
                nxt.add((s + t, c2))
        cur = nxt
        if len(cur) > _MAX_PREFIXES:
            return None
        if all(not c for _s, c in cur):
            break
    return cur


def _node(item) -> set[tuple[str, bool]] | None:
    op, av = item
    if op is C.LITERAL:
        return {(chr(av), True)}
    if op is C.IN:
        chars = [chr(a) for o, a in av if o is C.LITERAL]
        if len(chars) != len(av) or not chars or len(chars) > 6:
            return {("", False)}
        return {(ch, True) for ch in chars}
    if op is C.SUBPATTERN:
        return _seq(av[-1])
    if op is C.BRANCH:
        out: set[tuple[str, bool]] = set()
        for branch in av[1]:
            sub = _seq(branch)
            if sub is None:
                return None
            out |= sub
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub_items = av
        sub = _seq(sub_items)
        if sub is None:
            return None
        if lo == 0 and hi == 1:
            return sub | {("", True)}
        if lo >= 1:
            return {(s, False) for s, _c in sub}
        return {("", False)}
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {("", True)}
    return {("", False)}


def literal_prefixes(pattern: str, min_len: int = 2) -> set[str] | None:
    """Literal strings (lowercased) one of which starts every match of `pattern`.

    None when the pattern can start with something that is not a known
    literal (the caller must then always run that pattern).
    """
    try:
        parsed = _parser.parse(pattern)
    except Exception:  # pragma: no cover - patterns are compiled elsewhere too
        return None
    result = _seq(list(parsed))
    if not result:
        return None
    prefixes = {key_text(s).lower() for s, _c in result}
    if any(len(p) < min_len for p in prefixes):
        return None
    # A prefix containing a shorter one is redundant for a substring search.
    ordered = sorted(prefixes, key=len)
    minimal: list[str] = []
    for p in ordered:
        if not any(m in p for m in minimal):
            minimal.append(p)
    return set(minimal)
