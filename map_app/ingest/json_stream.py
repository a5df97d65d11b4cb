"""JSON read one record at a time, so that one hostile record costs only itself.

`json.loads` on a whole file fails as one: a number of more than 4,300 digits
(Python's limit on int conversion) or an array nested deeper than the recursion
limit anywhere in the file would lose every article in it.  Here:

- numbers too long to be useful are kept as `HugeNumber` markers instead of
  raising (no field we read is a number, so a record is refused only when such a
  number sits in a field we use);
- a top-level array is decoded element by element (`JSONDecoder.raw_decode`); an
  element that cannot be decoded (nested too deeply, invalid) is reported and
  skipped with one linear scan of its brackets, and reading goes on after it;
- JSON Lines are split on "\\n" only: U+2028, U+2029 and U+0085 are ordinary
  characters inside a JSON string, not line breaks.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterator

#: Longest integer literal converted to an int; longer ones become HugeNumber.
MAX_INT_DIGITS = 1000
_SPACE = re.compile(r"[ \t\n\r]*")
#: Strings (with escapes), brackets and commas: enough to find where a value ends.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},]', re.DOTALL)


class HugeNumber:
    """An integer literal too long to convert (kept as its length only)."""

    __slots__ = ("digits",)

    def __init__(self, literal: str):
        self.digits = len(literal.lstrip("-"))

    def __repr__(self) -> str:
        return f"<a number of {self.digits:,} digits>"


def _int(literal: str) -> int | HugeNumber:
    return int(literal) if len(literal) <= MAX_INT_DIGITS else HugeNumber(literal)


_DECODER = json.JSONDecoder(parse_int=_int)


def reason(exc: BaseException) -> str:
    """A failed decode in words."""
    if isinstance(exc, RecursionError):
        return "invalid JSON (nested too deeply)"
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON ({exc.msg})"
    return f"invalid JSON ({' '.join(str(exc).split())[:200]})"


def decode(text: str) -> Any:
    """One JSON value (raises ValueError or RecursionError, see `reason`)."""
    return _DECODER.decode(text)


def lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of a JSON Lines text, split on "\\n" only (a "\\r" before it is dropped)."""
    for number, line in enumerate(text.split("\n"), 1):
        yield number, line[:-1] if line.endswith("\r") else line


def _skip_space(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()


def _value_end(text: str, pos: int) -> int | None:
    """Where the array element starting at `pos` ends (the "," or "]" after it), found by
    counting brackets outside strings; None if the text ends first."""
    depth = 0
    for match in _TOKEN.finditer(text, pos):
        token = match.group()
        if token in "[{":
            depth += 1
        elif token in "]}":
            if depth == 0:
                return match.start()
            depth -= 1
        elif token == ",":
            if depth == 0:
                return match.start()
    return None


def array_elements(text: str) -> Iterator[tuple[int, int, Any, str | None]]:
    """(element number, line, value, None) or (number, line, None, reason) for each element
    of a top-level JSON array; (0, line, None, reason) when the rest of the text cannot be
    read.  The text must start (after whitespace) with "[" (see `is_array`)."""
    n = len(text)
    pos = _skip_space(text, 0) + 1
    line, counted = 1, 0

    def line_at(position: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, position)
        counted = position
        return line

    number = 0
    pos = _skip_space(text, pos)
    if pos < n and text[pos] == "]":
        return
    while True:
        pos = _skip_space(text, pos)
        if pos >= n:
            yield 0, line_at(n), None, "invalid JSON (the file ends inside the list: missing \"]\")"
            return
        number += 1
        try:
            value, end = _DECODER.raw_decode(text, pos)
        except (ValueError, RecursionError) as exc:
            yield number, line_at(pos), None, reason(exc)
            end = _value_end(text, pos)
            if end is None:
                yield 0, line_at(n), None, "invalid JSON (the file ends inside the list: missing \"]\")"
                return
        else:
            yield number, line_at(pos), value, None
        pos = _skip_space(text, end)
        if pos < n and text[pos] == ",":
            pos += 1
            continue
        if pos < n and text[pos] == "]":
            rest = _skip_space(text, pos + 1)
            if rest < n:
                yield 0, line_at(rest), None, "invalid JSON (text after the closing \"]\" was not read)"
            return
        yield 0, line_at(min(pos, n)), None, ("invalid JSON (expected \",\" or \"]\" between list items; "
                                               "the rest of the file was not read)")
        return


def is_array(text: str) -> bool:
    pos = _skip_space(text, 0)
    return pos < len(text) and text[pos] == "["
