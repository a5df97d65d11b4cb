"""Compact string sets and word tables: sorted 64-bit hashes in numpy arrays.

A Python set or dict of 100,000 short strings costs 10–15 MB (a str object, a
float object and a hash-table slot per word); the same table as a sorted array
of 64-bit hashes (`index.key_hash`, stable across processes, so it can be saved)
and an array of values costs 16 bytes a word. Lookups hash the word and search
the array (a few microseconds), with a small memo of recent answers for the
repeated words of one text (safe to share between threads: a memo is only
read and written with single dict operations). Two different words share a 64-bit hash with a
chance of about 1 in 10^9 over the largest table here; such a collision would
only make an absent word look present.
"""
from __future__ import annotations

import hashlib
from typing import Iterable

import numpy as np

#: Recent lookups remembered per table (cleared when full).
MEMO_SIZE = 20_000
_MISSING = object()


def string_hash(word: str) -> int:
    """The 64-bit hash of a string (the same as `gazetteer.index.key_hash`)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def hash_array(words: Iterable[str]) -> np.ndarray:
    return np.fromiter((string_hash(w) for w in words), dtype=np.uint64)


class HashedSet:
    """A read-only set of strings supporting `in` and `len`."""

    __slots__ = ("hashes", "_memo")

    def __init__(self, hashes: np.ndarray):
        self.hashes = np.unique(np.asarray(hashes, dtype=np.uint64))
        self._memo: dict[str, bool] = {}

    @classmethod
    def of(cls, words: Iterable[str]) -> "HashedSet":
        return cls(hash_array(words))

    def __len__(self) -> int:
        return len(self.hashes)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        found = self._memo.get(word)
        if found is None:
            h = np.uint64(string_hash(word))
            i = int(np.searchsorted(self.hashes, h))
            found = i < len(self.hashes) and self.hashes[i] == h
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[word] = found
        return found


class FrequencyTable:
    """A read-only map word → float (Zipf frequency) with `get`, `in` and `len`."""

    __slots__ = ("hashes", "values", "_memo")

    def __init__(self, hashes: np.ndarray, values: np.ndarray):
        hashes = np.asarray(hashes, dtype=np.uint64)
        values = np.asarray(values, dtype=np.float64)
        # Sorted by hash; a word listed twice keeps its last value (as a dict built in order would).
        order = np.argsort(hashes, kind="stable")
        hashes, values = hashes[order], values[order]
        last = np.ones(len(hashes), dtype=bool)
        last[:-1] = hashes[1:] != hashes[:-1]
        self.hashes, self.values = hashes[last], values[last]
        self._memo: dict[str, float | None] = {}

    @classmethod
    def from_items(cls, items: Iterable[tuple[str, float]]) -> "FrequencyTable":
        words, values = [], []
        for word, value in items:
            words.append(string_hash(word))
            values.append(value)
        return cls(np.asarray(words, dtype=np.uint64), np.asarray(values, dtype=np.float64))

    def __len__(self) -> int:
        return len(self.hashes)

    def _find(self, word: str) -> float | None:
        found = self._memo.get(word, _MISSING)  # one lookup: another thread may clear the memo
        if found is not _MISSING:
            return found
        h = np.uint64(string_hash(word))
        i = int(np.searchsorted(self.hashes, h))
        found = float(self.values[i]) if i < len(self.hashes) and self.hashes[i] == h else None
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[word] = found
        return found

    def get(self, word: str, default=None):
        if not isinstance(word, str):
            return default
        found = self._find(word)
        return default if found is None else found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._find(word) is not None

    def __getitem__(self, word: str) -> float:
        found = self._find(word) if isinstance(word, str) else None
        if found is None:
            raise KeyError(word)
        return found
