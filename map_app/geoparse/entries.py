"""The recogniser's automaton and what each of its keys means, in compact tables.

The Aho–Corasick automaton stores one integer per key (`STORE_INTS`): the row
of that key in an `EntryTable`, whose columns are flat numpy arrays (the key's
length, Zipf frequency, flags, place rows, spellings). An `_Entry` object is
made only for the keys a text actually matches, and remembered for the next
hits. One Python object per key (168,000 of them with their tuples, floats and
ints) cost about 60 MB; the tables cost about 7 MB.

Both are cached on disk next to the gazetteer index: the automaton in
pyahocorasick's own file format (loaded without an intermediate copy), the
tables in an .npz that also holds the cache's stamp and is written last, so
that an .npz present means a complete cache.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import numpy as np

from gazetteer.compact import HashedSet

#: Entries remembered per recogniser (cleared when full): the keys recent texts matched.
ENTRY_MEMO_SIZE = 50_000

_DROPPED, _ORGANISATION, _LATIN = 1, 2, 4


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    pids: tuple[int, ...]
    zipf: float
    article_dropped: bool
    organisation: bool = False
    #: A Latin-script key (no Arabic proclitics).
    latin: bool = False
    #: When several spellings fold to this key: (spelling key, its place rows) per spelling,
    #: so that a name written exactly as a gazetteer spells it keeps only those places
    #: (Samarra is the Iraqi town, not Samara, Russia, which folds the same).
    spellings: tuple[tuple[str, tuple[int, ...], float], ...] | None = None


class EntryTableBuilder:
    """Collects entries while the automaton is built; `add` returns the entry's row."""

    def __init__(self) -> None:
        self.lengths: list[int] = []
        self.zipf: list[float] = []
        self.flags: list[int] = []
        self.pid_counts: list[int] = []
        self.pids: list[int] = []
        self.spell_counts: list[int] = []
        self.spell_keys: list[str] = []
        self.spell_row_counts: list[int] = []
        self.spell_rows: list[int] = []
        self.spell_zipf: list[float] = []

    def add(self, word: str, pids, zipf: float, article_dropped: bool = False, organisation: bool = False,
            latin: bool = False, spellings=None) -> int:
        """`word` is the key as the automaton stores it; the row of the new entry is returned."""
        self.lengths.append(len(word))
        self.zipf.append(zipf)
        self.flags.append(_DROPPED * article_dropped | _ORGANISATION * organisation | _LATIN * latin)
        self.pid_counts.append(len(pids))
        self.pids.extend(pids)
        spellings = spellings or ()
        self.spell_counts.append(len(spellings))
        for key, rows, z in spellings:
            self.spell_keys.append(key)
            self.spell_row_counts.append(len(rows))
            self.spell_rows.extend(rows)
            self.spell_zipf.append(z)
        return len(self.lengths) - 1

    def arrays(self) -> dict[str, np.ndarray]:
        blob = "\n".join(self.spell_keys).encode("utf-8")
        key_bytes = [len(k.encode("utf-8")) + 1 for k in self.spell_keys]
        return {
            "lengths": np.asarray(self.lengths, dtype=np.uint16),
            "zipf": np.asarray(self.zipf, dtype=np.float64),
            "flags": np.asarray(self.flags, dtype=np.uint8),
            "pid_index": _index(self.pid_counts),
            "pids": np.asarray(self.pids, dtype=np.int32),
            "spell_index": _index(self.spell_counts),
            "spell_key_index": _index(key_bytes),
            "spell_keys": np.frombuffer(blob, dtype=np.uint8).copy(),
            "spell_row_index": _index(self.spell_row_counts),
            "spell_rows": np.asarray(self.spell_rows, dtype=np.int32),
            "spell_zipf": np.asarray(self.spell_zipf, dtype=np.float64),
        }


def _index(counts: list[int]) -> np.ndarray:
    """CSR offsets: row i spans [index[i], index[i + 1])."""
    index = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(np.asarray(counts, dtype=np.int64), out=index[1:])
    return index


class EntryTable:
    """What each automaton key means; `entry(row, word)` makes (and remembers) its `_Entry`."""

    FIELDS = ("lengths", "zipf", "flags", "pid_index", "pids", "spell_index", "spell_key_index",
              "spell_keys", "spell_row_index", "spell_rows", "spell_zipf")

    def __init__(self, arrays: dict[str, np.ndarray]):
        for name in self.FIELDS:
            setattr(self, name, arrays[name])
        self._spell_blob = self.spell_keys.tobytes()
        self._memo: dict[int, _Entry] = {}

    def __len__(self) -> int:
        return len(self.lengths)

    def length(self, row: int) -> int:
        """Length of the key as the automaton stores it."""
        return int(self.lengths[row])

    def entry(self, row: int, word: str) -> _Entry:
        """The entry of `row`; `word` is its key as stored (Latin keys between spaces)."""
        entry = self._memo.get(row)
        if entry is not None:
            return entry
        flags = int(self.flags[row])
        latin = bool(flags & _LATIN)
        key = word[1:-1] if latin and word.startswith(" ") else word
        pids = tuple(self.pids[self.pid_index[row]:self.pid_index[row + 1]].tolist())
        spellings = None
        lo, hi = int(self.spell_index[row]), int(self.spell_index[row + 1])
        if hi > lo:
            spellings = tuple(self._spelling(i) for i in range(lo, hi))
        entry = _Entry(key, pids, float(self.zipf[row]), bool(flags & _DROPPED),
                       organisation=bool(flags & _ORGANISATION), latin=latin, spellings=spellings)
        if len(self._memo) >= ENTRY_MEMO_SIZE:
            self._memo.clear()
        self._memo[row] = entry
        return entry

    def _spelling(self, i: int) -> tuple[str, tuple[int, ...], float]:
        start, end = int(self.spell_key_index[i]), int(self.spell_key_index[i + 1]) - 1
        key = self._spell_blob[start:end].decode("utf-8")
        rows = tuple(self.spell_rows[self.spell_row_index[i]:self.spell_row_index[i + 1]].tolist())
        return key, rows, float(self.spell_zipf[i])


# --------------------------------------------------------------------------- on-disk cache


def cache_paths(directory: Path, user_stamp: str, stamp: tuple) -> tuple[Path, Path]:
    """The automaton file and the tables file of one stamp (one pair per user layer)."""
    digest = hashlib.sha1(json.dumps(stamp, default=str).encode("utf-8")).hexdigest()[:16]
    base = Path(directory) / f"recognizer-{user_stamp[:12] or 'plain'}-{digest}"
    return base.with_suffix(".trie"), base.with_suffix(".npz")


def load_cache(directory: Path, user_stamp: str, stamp: tuple):
    """(automaton, entry table, plain keys, fold targets) from the cache, or None."""
    trie, tables = cache_paths(directory, user_stamp, stamp)
    if not tables.exists() or not trie.exists():
        return None
    try:
        with np.load(tables, allow_pickle=False) as data:
            if str(data["stamp"]) != json.dumps(stamp, default=str):
                return None
            arrays = {name: data[name] for name in EntryTable.FIELDS}
            plain, targets = HashedSet(data["plain_keys"]), HashedSet(data["fold_targets"])
        automaton = ahocorasick.load(str(trie), _no_objects)
        if automaton.kind != ahocorasick.AHOCORASICK or automaton.store != ahocorasick.STORE_INTS:
            return None
    except Exception:  # unreadable, truncated, or written by another version: rebuild
        return None
    return automaton, EntryTable(arrays), plain, targets


def save_cache(directory: Path, user_stamp: str, stamp: tuple, automaton: ahocorasick.Automaton,
               arrays: dict[str, np.ndarray], plain: HashedSet, targets: HashedSet) -> None:
    """Write the cache (the tables last: their presence marks a complete cache) and
    remove this user layer's caches of other stamps and of earlier versions (a pickled
    automaton). Errors (read-only folder) are ignored."""
    trie, tables = cache_paths(directory, user_stamp, stamp)
    suffix = f".{os.getpid()}.tmp"
    try:
        automaton.save(str(trie) + suffix)
        os.replace(str(trie) + suffix, trie)
        with open(str(tables) + suffix, "wb") as handle:
            np.savez(handle, stamp=np.asarray(json.dumps(stamp, default=str)), plain_keys=plain.hashes,
                     fold_targets=targets.hashes, **arrays)
        os.replace(str(tables) + suffix, tables)
    except OSError:
        for path in (str(trie) + suffix, str(tables) + suffix):
            try:
                os.unlink(path)
            except OSError:
                pass
        return
    stale = [p for p in Path(directory).glob(f"recognizer-{user_stamp[:12] or 'plain'}-*")
             if p not in (trie, tables) and p.suffix in (".trie", ".npz")]
    # The pickled automaton of earlier versions (one object per key) is not read any more.
    stale.append(Path(directory) / (f"automaton-{user_stamp[:12]}.pkl" if user_stamp else "automaton.pkl"))
    for old in stale:
        try:
            old.unlink()
        except OSError:
            pass


def _no_objects(value):  # pragma: no cover - STORE_INTS automata store no objects
    raise TypeError("the automaton stores integers only")
