"""One hostile record never stops an ingest (issue 7, failures 3, 4, 5 and the HTML head).

Every test mixes a bad record with good ones and checks that each good record is
stored, that the bad one is reported with its file and line/row/position and a
reason in words, and that nothing raises.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from store_fakes import FakeParser

from map_app.ingest import IngestError, ingest_paths, ingest_uploads, read_articles
from map_app.ingest.readers import MAX_ARTICLE_BYTES
from map_app.store import Store
from tests.conftest import run_cli

GOOD = [f"A drone strike hit Al-Bukamal on 2024-03-{day:02d}." for day in range(10, 16)]
HUGE_INT = "1" * 5000          # more digits than Python converts to int (4,300)
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "hostile.sqlite", parser=FakeParser(), with_demo=False)
    yield s
    s.close()


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def stored_texts(store: Store) -> list[str]:
    return sorted(store.article(i).text for i in range(1, store.stats()["articles"] + 1))


# --------------------------------------------------------------------------- JSON Lines


@pytest.mark.parametrize("bad,reason", [
    (f'{{"text": "x", "published": {HUGE_INT}}}', "5,000 digits"),
    (f'{{"text": "x", "title": {HUGE_INT}}}', "5,000 digits"),
    (f'{{"text": "x", "extra": {DEEP}}}', "nested too deeply"),
    (DEEP, "nested too deeply"),
    (f'[{HUGE_INT}]', "expected an object"),
], ids=["huge-int-published", "huge-int-title", "deep-field", "deep-line", "huge-int-list"])
def test_jsonl_hostile_line_among_good_ones(tmp_path, store, bad, reason):
    lines = [json.dumps({"text": GOOD[0]}), bad, json.dumps({"text": GOOD[1]})]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines))
    report = ingest_paths(store, [path])
    assert report.added == 2
    [(origin, why)] = report.failed
    assert origin == f"{path}:2" and reason in why
    assert stored_texts(store) == sorted(GOOD[:2])


def test_a_huge_number_in_a_field_that_is_not_read_is_harmless(tmp_path, store):
    path = write(tmp_path / "feed.jsonl", json.dumps({"text": GOOD[0]})[:-1] + f', "id": {HUGE_INT}}}')
    assert ingest_paths(store, [path]).added == 1


def test_jsonl_splits_on_newlines_only(tmp_path, store):
    # U+2028, U+2029 and U+0085 are legal, unescaped, inside JSON strings.
    texts = [f"{GOOD[i]}{sep}Second line." for i, sep in enumerate(["\u2028", "\u2029", "\u0085", "\x0c"])]
    lines = [json.dumps({"text": t}, ensure_ascii=False) for t in texts]
    path = write(tmp_path / "feed.jsonl", "\r\n".join(lines) + "\n")
    assert [a.text for a in read_articles(path)] == texts
    report = ingest_paths(store, [path])
    assert (report.added, report.failed) == (4, [])


# --------------------------------------------------------------------------- JSON


@pytest.mark.parametrize("bad,reason", [
    (f'{{"text": "x", "published": {HUGE_INT}}}', "5,000 digits"),
    (DEEP, "nested too deeply"),
    (f'{{"text": "x", "extra": {DEEP}}}', "nested too deeply"),
    ('{"text": "x", "published": "tomorrow"}', "bad published date"),
    ('{"text": "x", "title": {"a": 1}}', "\"title\" must be text"),
    ('{"text": "x\\ud800 bad escape \\x"}', "invalid JSON"),
], ids=["huge-int", "deep-element", "deep-field", "bad-date", "title-object", "bad-escape"])
def test_json_list_with_a_hostile_element(tmp_path, store, bad, reason):
    text = "[\n" + json.dumps({"text": GOOD[0]}) + ",\n" + bad + ",\n" + json.dumps({"text": GOOD[1]}) + "\n]"
    path = write(tmp_path / "list.json", text)
    report = ingest_paths(store, [path])
    assert report.added == 2, report.failed
    [(origin, why)] = report.failed
    assert origin.startswith(f"{path}[2]") and reason in why
    assert stored_texts(store) == sorted(GOOD[:2])


def test_json_list_cut_short_keeps_what_was_read(tmp_path, store):
    path = write(tmp_path / "cut.json", "[" + json.dumps({"text": GOOD[0]}) + ", {\"text\": \"unfinished")
    report = ingest_paths(store, [path])
    assert report.added == 1
    assert any("missing \"]\"" in why or "invalid JSON" in why for _, why in report.failed)


@pytest.mark.parametrize("data,reason", [
    (f'{{"text": "x", "published": {HUGE_INT}}}', "5,000 digits"),
    (DEEP, "nested too deeply"),
    ("{oops", "invalid JSON (line 1"),
])
def test_hostile_json_file_is_reported_and_the_next_file_is_stored(tmp_path, store, data, reason):
    bad = write(tmp_path / "bad.json", data)
    good = write(tmp_path / "good.txt", GOOD[2])
    report = ingest_paths(store, [bad, good])
    assert report.added == 1 and stored_texts(store) == [GOOD[2]]
    [(origin, why)] = report.failed
    assert origin.startswith(str(bad)) and reason in why


# --------------------------------------------------------------------------- CSV


def test_csv_rows_after_an_oversized_field_are_stored(tmp_path, store):
    big = "x" * (6 * 1024 * 1024)
    rows = ["text,url", f'"{GOOD[0]}",u1', f'"{big}",u2', f'"{GOOD[1]}",u3', f'"{GOOD[2]}\nline two",u4',
            f'"{GOOD[3]}",u5']
    path = write(tmp_path / "feed.csv", "\n".join(rows) + "\n")
    report = ingest_paths(store, [path])
    assert report.added == 4
    [(origin, why)] = report.failed
    assert origin == f"{path}:3" and "too large" in why and f"{MAX_ARTICLE_BYTES:,}" in why
    assert GOOD[3] in stored_texts(store)


def test_csv_error_in_one_row_is_reported_and_reading_goes_on(tmp_path, store, monkeypatch):
    monkeypatch.setattr("map_app.ingest.readers.CSV_FIELD_LIMIT", 80)
    rows = ["text", GOOD[0], "y" * 81, GOOD[1]]
    path = write(tmp_path / "feed.csv", "\n".join(rows) + "\n")
    report = ingest_paths(store, [path])
    assert report.added == 2
    assert report.failed == [(f"{path}:3", "invalid CSV: field larger than field limit (80)")]


# --------------------------------------------------------------------------- HTML


def test_html_paragraph_inside_an_unclosed_head(tmp_path):
    page = "<html><head><title>Strike</title><meta name=date content=2024-03-12><p>" + GOOD[0] + "</p>"
    [a] = read_articles(write(tmp_path / "page.html", page))
    assert a.text == GOOD[0] and a.title == "Strike" and str(a.published) == "2024-03-12"


@pytest.mark.parametrize("markup", ["<a", "<", "</", "<!", "<?", "<![", "<p ", "&#"])
def test_html_runs_of_unclosed_markup_are_read_in_linear_time(tmp_path, markup):
    # The standard library's html.parser takes minutes on 1 MB of "<a<a<a…"; count work, not time:
    # 8× more markup may cost at most 8× (plus slack) the time of the small case.
    def cost(n: int) -> float:
        path = write(tmp_path / "page.html", f"<p>{GOOD[0]}</p>" + markup * n)
        t = time.process_time()
        try:
            list(read_articles(path))
        except IngestError:
            pass
        return time.process_time() - t

    cost(1000)  # warm up
    small, big = cost(25_000), cost(200_000)
    assert big < 8 * small * 3 + 0.5, (small, big)


# --------------------------------------------------------------------------- the CLI and the dashboard's path


def test_cli_ingest_with_hostile_files_stores_every_good_record(tmp_path):
    db = tmp_path / "cli.sqlite"
    feed = write(tmp_path / "a.jsonl", "\n".join([json.dumps({"text": GOOD[0]}), DEEP,
                                                  json.dumps({"text": GOOD[1]})]))
    bad = write(tmp_path / "b.json", f'{{"text": "x", "published": {HUGE_INT}}}')
    good = write(tmp_path / "c.txt", GOOD[2])
    result = run_cli("map_app", "ingest", str(feed), str(bad), str(good), "--db", str(db), "--quiet")
    err = result.stderr.decode()
    assert result.returncode == 1, err  # some records failed, the others were stored
    assert "Traceback" not in err
    assert f"failed: {feed}:2: invalid JSON (nested too deeply)" in err
    assert f"failed: {bad}: bad published date <a number of 5,000 digits>" in err
    assert "3 article(s) added" in err and "2 failure(s) from 3 file(s)" in err


def test_uploads_with_a_hostile_file_store_the_good_one(store):
    report = ingest_uploads(store, [
        ("bad.json", f'[{{"text": "{GOOD[0]}"}}, {DEEP}, {{"text": "x", "n": {HUGE_INT}}}]'.encode()),
        ("good.txt", GOOD[3].encode()),
    ])
    assert report.added == 3
    assert report.failed == [("bad.json[2], line 1", "invalid JSON (nested too deeply)")]


def test_an_unexpected_reader_failure_is_reported_per_file(store, monkeypatch):
    import map_app.ingest.readers as readers

    def broken(name, text):
        raise MemoryError("simulated")

    monkeypatch.setattr(readers, "_csv_records", broken)
    report = ingest_uploads(store, [("a.csv", b"text\nx\n"), ("b.txt", GOOD[4].encode())])
    assert report.added == 1
    [(origin, why)] = report.failed
    assert origin == "a.csv" and "could not be read" in why and "Traceback" not in why

