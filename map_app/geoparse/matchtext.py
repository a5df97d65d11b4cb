"""The text the recogniser matches against, with a map back to input offsets.

Gazetteer keys are folded tokens joined by single spaces (`gazetteer.normalize
.name_key`); the match text is the article folded the same way, so a name
matches exactly when its key does. Building it is vectorised with numpy: the
only per-token Python work is for the few Latin article tokens (ez-, ad-…) and
the capitalised words worth folding. Offsets are int32 (a text is at most a
few million characters) and temporaries are dropped as soon as they are used:
the peak while a 1 MB text is folded is a few times the text, not 90 MB.
"""
from __future__ import annotations

import array
import bisect
import re
from functools import lru_cache

import numpy as np

from gazetteer.normalize import LATIN_ARTICLES, fold_char, fold_table, translit_fold_token

#: Articles that are not English words: unified to "al" wherever they precede a word.
_SAFE_ARTICLES = frozenset({"al", "el", "ez", "az", "ash", "esh", "ath", "adh", "ul", "ed", "dh"}) & LATIN_ARTICLES
#: Articles that are also English (or French/Spanish) words: "as Damascus" is not
#: "al-Damascus"; unified only when hyphenated (as-Sukhnah) or capitalised before a
#: capitalised word (As Sukhnah).
_WORD_ARTICLES = LATIN_ARTICLES - _SAFE_ARTICLES
_ARTICLE = re.compile(r"(?:(?<= )|^)(" + "|".join(sorted(LATIN_ARTICLES, key=len, reverse=True))
                      + r")(?= [^\W\d_])")


_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")


#: Offsets in the match text: int32 (texts are refused long before 2**31 characters).
OFFSET = np.int32


@lru_cache(maxsize=1)
def _categories() -> np.ndarray:
    """Per BMP code point: 0 separator, 1 letter, 2 digit (as `normalize.TOKEN`);
    one more entry, 0, stands for every code point outside the BMP."""
    letter, digit = re.compile(r"[^\W\d_]"), re.compile(r"\d")
    table = np.zeros(0x10001, dtype=np.uint8)
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        if letter.match(ch):
            table[code] = 1
        elif digit.match(ch):
            table[code] = 2
    return table


def fold_offsets(source: str) -> tuple[str, np.ndarray]:
    """`gazetteer.normalize.fold_fast` with the offset map as a numpy array: a Python
    list of a million offsets costs about 36 MB, this array 4 MB."""
    table, irregular = fold_table()
    pieces: list[str] = []
    expanded: list[int] = []  # positions whose fold is not exactly one character
    lengths: list[int] = []
    position = 0
    for match in irregular.finditer(source):
        index = match.start()
        if index > position:
            pieces.append(source[position:index].translate(table))
        folded = fold_char(source[index])
        pieces.append(folded)
        expanded.append(index)
        lengths.append(len(folded))
        position = index + 1
    pieces.append(source[position:].translate(table))
    folded = "".join(pieces)
    del pieces
    if not expanded:
        return folded, np.arange(len(source), dtype=OFFSET)
    counts = np.ones(len(source), dtype=OFFSET)
    counts[expanded] = lengths
    return folded, np.repeat(np.arange(len(source), dtype=OFFSET), counts)


class MatchText:
    """Folded, single-spaced tokens of `source` and, per character, its offset in `source`."""

    __slots__ = ("text", "offsets", "token_starts", "_starts")

    def __init__(self, source: str, fold_targets: frozenset[str] | None = None):
        # "Deir ez-Zor's countryside": the possessive is not part of the name
        # (blanked with two spaces so that offsets stay the same).
        folded, offsets = fold_offsets(_POSSESSIVE.sub("  ", source))
        self.text = ""
        self.offsets = np.zeros(0, dtype=OFFSET)
        self.token_starts = np.zeros(0, dtype=OFFSET)
        self._starts = array.array("i")
        if not folded:
            return
        # Lone surrogates (possible in a Python str, never in decoded text) pass through as separators.
        codes = np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        del folded
        # Characters outside the BMP (emoji…) separate tokens.
        cat = _categories()[np.minimum(codes, 0x10000)]
        token_chars = np.flatnonzero(cat).astype(OFFSET)
        if not len(token_chars):
            return
        previous = np.empty_like(cat)
        previous[0] = 0
        previous[1:] = cat[:-1]
        starts = (cat != previous)[token_chars]
        del cat, previous
        position = np.cumsum(starts, dtype=OFFSET)
        position -= 1  # the token of each character
        size = len(token_chars) + int(position[-1])
        position += np.arange(len(token_chars), dtype=OFFSET)  # one space before each later token
        out = np.full(size, 32, dtype="<u4")
        out[position] = codes[token_chars]
        del codes
        out_offsets = np.empty(size, dtype=OFFSET)
        out_offsets[position] = offsets[token_chars]
        del offsets, token_chars
        token_starts = position[starts]
        del position, starts
        out_offsets[token_starts[1:] - 1] = out_offsets[token_starts[1:]]
        del token_starts
        text = out.tobytes().decode("utf-32-le", "surrogatepass")
        del out
        text, out_offsets = _unify_articles(source, text, out_offsets)
        text, out_offsets = _fold_transliterations(source, text, out_offsets, fold_targets)
        self.text = text
        self.offsets = out_offsets
        spaces = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4") == 32
        begins = ~spaces
        begins[1:] &= spaces[:-1]
        del spaces
        self.token_starts = np.flatnonzero(begins).astype(OFFSET)
        self._starts = array.array("i", self.token_starts.tobytes())

    def token_start(self, position: int) -> int:
        """Start of the token holding `position`."""
        return self._starts[bisect.bisect_right(self._starts, position) - 1]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the input of match-text characters [start, end)."""
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


def _unify_articles(source: str, text: str, offsets: np.ndarray) -> tuple[str, np.ndarray]:
    """ez-Zor, ad-Dawr, Ash Sham → al …, as the gazetteer keys spell them."""
    pieces: list[str] = []
    drop: list[int] = []
    last = 0
    for match in _ARTICLE.finditer(text):
        word = match.group(1)
        start, end = match.span(1)
        if word == "al":
            continue
        if word in _WORD_ARTICLES:
            src_start, src_end = int(offsets[start]), int(offsets[end - 1]) + 1
            hyphenated = source[src_end:src_end + 1] in ("-", "‐", "‑", "'", "’")
            next_start = int(offsets[end + 1])
            capitalised = source[src_start:src_start + 1].isupper() and source[next_start:next_start + 1].isupper()
            if not (hyphenated or capitalised):
                continue
        pieces.append(text[last:start])
        pieces.append("al")
        drop.extend(range(start + 1, end - 1))  # keep the offsets of the first and last letter
        last = end
    if not pieces:
        return text, offsets
    pieces.append(text[last:])
    if drop:
        keep = np.ones(len(offsets), dtype=bool)
        keep[drop] = False
        offsets = offsets[keep]
    return "".join(pieces), offsets


#: Capitalised words of the input, and words right after a hyphenated article (al-hilaliya).
_NAME_WORD = re.compile(r"\b[A-Z\u00C0-\u00DE\u0100-\u024F][^\W\d_]{2,}")
_ARTICLE_WORD = re.compile(r"\b(?:[aAeE][lLdDrRsStTzZnN]|[aAeE]sh)-([a-z]{3,})")
#: word → (folded, kept) when folding it is worth it, else None; per process, bounded.
_WORD_FOLDS: dict[tuple[str, int], tuple[str, tuple[int, ...]] | None] = {}
_WORD_FOLDS_MAX = 200_000


def _fold_transliterations(source: str, text: str, offsets: np.ndarray,
                           targets: frozenset[str] | None = None) -> tuple[str, np.ndarray]:
    """Capitalised Latin words (and words after a hyphenated article) folded with
    `translit_fold_token`, as the automaton's keys are: Mayadeen and Mayadin,
    Makhmour and Makhmur meet. Lower-case words (cue words, ordinary English)
    stay as they are. With `targets` (the words of the automaton's keys), a
    word is rewritten only when its folded form is one of them."""
    wanted_starts: list[int] = []
    wanted: list[tuple[str, tuple[int, ...]]] = []
    cache = _WORD_FOLDS
    if len(cache) > _WORD_FOLDS_MAX:
        cache.clear()
    tag = id(targets)
    matches = [(m.start(), m.group()) for m in _NAME_WORD.finditer(source)]
    if "-" in source:
        # Both lists are in text order; sorting their concatenation is what heapq.merge does, faster.
        matches += [(m.start(1), m.group(1)) for m in _ARTICLE_WORD.finditer(source)]
        matches.sort()
    for start, word in matches:
        hit = cache.get((word, tag), False)
        if hit is False:
            folded, kept = translit_fold_token(word.lower()) if word.isascii() else _fold_non_ascii(word)
            hit = None if kept is None or (targets is not None and folded not in targets) else (folded, kept)
            cache[(word, tag)] = hit
        if hit is not None:
            wanted_starts.append(start)
            wanted.append(hit)
    if not wanted:
        return text, offsets
    positions = np.searchsorted(offsets, np.asarray(wanted_starts, dtype=offsets.dtype), "left").tolist()
    del wanted_starts
    pieces: list[str] = []
    drop: list[int] = []  # match-text characters the folding removes
    last = 0
    size = len(text)
    for position, (folded, kept) in zip(positions, wanted):
        if position < size and text[position] == " ":
            position += 1
        if position < last or position >= size or (position > 0 and text[position - 1] != " "):
            continue
        end = text.find(" ", position)
        if end == -1:
            end = size
        token = text[position:end]
        if translit_fold_token(token)[0] != folded:
            continue  # the input word and its match-text token differ (a split or an article)
        kept = translit_fold_token(token)[1]
        pieces.append(text[last:position])
        pieces.append(folded)
        if len(kept) < end - position:
            kept_set = set(kept)
            drop.extend(position + i for i in range(end - position) if i not in kept_set)
        last = end
    if not pieces:
        return text, offsets
    pieces.append(text[last:])
    if drop:
        keep = np.ones(len(offsets), dtype=bool)
        keep[drop] = False
        offsets = offsets[keep]
    return "".join(pieces), offsets


def _fold_non_ascii(word: str) -> tuple[str, tuple[int, ...] | None]:
    """A word with diacritics (Ḩawījah) folded as the match text spells it."""
    from gazetteer.normalize import fold

    return translit_fold_token(fold(word))
