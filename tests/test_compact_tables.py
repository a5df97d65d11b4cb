"""Compact tables behind the recogniser: hashed string sets, word frequencies,
the automaton's entry table and its on-disk cache."""
from __future__ import annotations

import ahocorasick
import numpy as np

from gazetteer.compact import FrequencyTable, HashedSet
from gazetteer.normalize import translit_fold_key
from map_app.geoparse.entries import EntryTable, EntryTableBuilder, _Entry, cache_paths, load_cache, save_cache


def test_hashed_set_answers_membership_like_a_set():
    words = ["حلب", "homs", "deir al zur", "", "\ud800odd"]
    table = HashedSet.of(words + ["homs"])
    assert len(table) == 5
    for word in words:
        assert word in table
    for word in ("Homs", "hom", "حلبا", "x", None, 3):
        assert word not in table


def test_frequency_table_gets_like_a_dict():
    items = [("في", 7.2), ("مدينه", 5.1), ("tafas", 1.25), ("في", 7.3)]  # a word listed twice: the last wins
    table = FrequencyTable.from_items(items)
    expected = dict(items)
    assert len(table) == len(expected)
    for word, zipf in expected.items():
        assert table.get(word, 0.0) == zipf and table[word] == zipf and word in table
    assert table.get("absent", 0.0) == 0.0 and table.get("absent") is None and "absent" not in table
    assert table.get(None, 1.5) == 1.5
    assert len(FrequencyTable.from_items([])) == 0 and FrequencyTable.from_items([]).get("x", 0.0) == 0.0


def test_word_frequencies_of_the_gazetteer_are_compact_tables(gazetteer):
    arabic = gazetteer.arabic_word_frequencies()
    assert isinstance(arabic, FrequencyTable) and len(arabic) > 1000
    assert arabic.get("في", 0.0) > 6.0  # the commonest preposition
    assert arabic.get("زويداتالقرباني", 0.0) == 0.0


def _small_automaton():
    builder = EntryTableBuilder()
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    automaton.add_word("حلب", builder.add("حلب", [5, 9], 3.5))
    automaton.add_word("بوكمال", builder.add("بوكمال", [7], 1.0, True))
    automaton.add_word(" samara ", builder.add(" samara ", [1, 2], 2.0, latin=True,
                                               spellings=(("samarra", (1,), 1.5), ("samara", (2,), 2.5))))
    automaton.add_word(" al jazira ", builder.add(" al jazira ", [], 0.0, organisation=True, latin=True))
    automaton.make_automaton()
    return automaton, builder.arrays()


EXPECTED = {
    "حلب": _Entry("حلب", (5, 9), 3.5, False),
    "بوكمال": _Entry("بوكمال", (7,), 1.0, True),
    " samara ": _Entry("samara", (1, 2), 2.0, False, latin=True,
                       spellings=(("samarra", (1,), 1.5), ("samara", (2,), 2.5))),
    " al jazira ": _Entry("al jazira", (), 0.0, False, organisation=True, latin=True),
}


def test_entry_table_gives_back_every_entry():
    automaton, arrays = _small_automaton()
    table = EntryTable(arrays)
    for word, entry in EXPECTED.items():
        row = automaton.get(word)
        assert table.entry(row, word) == entry
        assert table.length(row) == len(word)
        assert table.entry(row, word) is table.entry(row, word)  # made once, then remembered


def test_cache_round_trip_stale_stamp_and_damaged_files(tmp_path):
    automaton, arrays = _small_automaton()
    plain, targets = HashedSet.of(["samarra", "samara"]), HashedSet.of(["samara"])
    stamp = (15, "2026-01-01", 10, "", "abc")
    assert load_cache(tmp_path, "", stamp) is None
    (tmp_path / "automaton.pkl").write_bytes(b"an earlier version's cache")
    (tmp_path / "automaton-0123456789ab.pkl").write_bytes(b"a user layer's cache")
    save_cache(tmp_path, "", stamp, automaton, arrays, plain, targets)
    assert not (tmp_path / "automaton.pkl").exists() and (tmp_path / "automaton-0123456789ab.pkl").exists()
    loaded = load_cache(tmp_path, "", stamp)
    assert loaded is not None
    auto2, table2, plain2, targets2 = loaded
    assert auto2.store == ahocorasick.STORE_INTS
    assert sorted(auto2.keys()) == sorted(EXPECTED)
    for word, entry in EXPECTED.items():
        assert table2.entry(auto2.get(word), word) == entry
    assert "samarra" in plain2 and "samarra" not in targets2 and "samara" in targets2
    assert [end for end, _ in auto2.iter("في حلب ")] == [5]

    # Another stamp (a new index build): not loaded; writing it removes the old files.
    newer = (15, "2026-02-01", 10, "", "abc")
    assert load_cache(tmp_path, "", newer) is None
    save_cache(tmp_path, "", newer, automaton, arrays, plain, targets)
    assert not any(p.exists() for p in cache_paths(tmp_path, "", stamp))
    assert load_cache(tmp_path, "", newer) is not None

    # A user layer's cache lives beside the plain one and does not remove it.
    save_cache(tmp_path, "0123456789abcdef", newer, automaton, arrays, plain, targets)
    assert load_cache(tmp_path, "", newer) is not None
    assert load_cache(tmp_path, "0123456789abcdef", newer) is not None

    # A damaged automaton file means a rebuild, not an error.
    trie, _ = cache_paths(tmp_path, "", newer)
    trie.write_bytes(trie.read_bytes()[:100])
    assert load_cache(tmp_path, "", newer) is None


def test_recognizer_keeps_no_python_object_per_key(geoparser):
    recognizer = geoparser.recognizer
    assert recognizer.automaton.store == ahocorasick.STORE_INTS
    assert len(recognizer.entries) >= len(recognizer.automaton) > 100_000
    assert isinstance(recognizer.plain_keys, HashedSet) and isinstance(recognizer.word_zipf, FrequencyTable)
    key = translit_fold_key("homs")  # the automaton's keys are transliteration-folded
    entry = recognizer._entry_of(f" {key} ")
    assert entry is not None and entry.key == key and entry.latin and entry.pids
    assert any(recognizer._place(pid).country_code == "SY" for pid in entry.pids[:5])
    assert isinstance(recognizer.entries.pids, np.ndarray) and recognizer.entries.pids.dtype == np.int32


def test_kind_column_read_from_the_file_equals_the_table(gazetteer, index_dir):
    from gazetteer.index import _read_column

    table = np.load(index_dir / "places.npy", mmap_mode="r")
    for field in ("kind", "population"):
        column = _read_column(index_dir / "places.npy", field, len(table), chunk_rows=1000)
        assert np.array_equal(column, np.asarray(table[field]))
    countries = gazetteer.lookup_kind("country")
    assert countries and all(p.kind == "country" for p in countries)
    assert len(countries) == int((np.asarray(table["kind"]) == 0).sum()) > 150  # KINDS[0] is "country"
