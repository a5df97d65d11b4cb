"""Reading articles from files/uploads and storing them without losing work."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from store_fakes import FakeParser

from map_app.ingest import (IngestError, decode, ingest_paths, ingest_uploads, parse_published,
                            read_articles, read_upload)
from map_app.store import IncidentStore, open_store

AR = "غارة بطائرة مسيّرة على البوكمال أمس"
EN = "A drone strike hit Al-Bukamal on 2024-03-11."


@pytest.fixture
def store(store_url: str) -> IncidentStore:
    s = open_store(store_url, parser=FakeParser())
    yield s
    s.close()


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# --------------------------------------------------------------------------- formats


def test_txt_is_one_article(tmp_path: Path) -> None:
    [a] = read_articles(write(tmp_path / "note.txt", f"\n{AR}\n\n{EN}\n"))
    assert a.text == f"{AR}\n\n{EN}" and a.title == "note" and a.published is None


@pytest.mark.parametrize("encoding,bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-8", b""),
                                          ("utf-16-le", b"\xff\xfe"),
                                          ("utf-16-be", b"\xfe\xff")])
def test_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = write(tmp_path / "a.txt", bom + AR.encode(encoding))
    assert [a.text for a in read_articles(path)] == [AR]


def test_unreadable_files_give_clear_reasons(tmp_path: Path) -> None:
    cases = {
        "empty.txt": (b"", "empty"),
        "blank.txt": (b"  \n\t ", "empty"),
        "bin.txt": (b"abc\x00\x01\x02def", "not a text file"),
        "doc.txt": (b"%PDF-1.7 ...", "not a text file (looks like a PDF document)"),
        "latin.txt": ("café".encode("latin-1"), "not UTF-8 text"),
        "cp1256.txt": (AR.encode("cp1256"), "not UTF-8 text"),
        "a.docx": (b"PK\x03\x04", "unsupported file type '.docx'"),
    }
    for name, (data, reason) in cases.items():
        with pytest.raises(IngestError) as info:
            list(read_articles(write(tmp_path / name, data)))
        assert reason in info.value.reason, name
        assert info.value.path.endswith(name)
    with pytest.raises(IngestError, match="no such file"):
        list(read_articles(tmp_path / "missing.txt"))


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("map_app.ingest.readers.MAX_ARTICLE_BYTES", 100)
    with pytest.raises(IngestError, match="too large"):
        list(read_articles(write(tmp_path / "big.txt", "x" * 101)))
    with pytest.raises(IngestError, match="too large"):
        list(read_articles(write(tmp_path / "big.jsonl", json.dumps({"text": "y" * 101}))))


def test_html_text_title_and_metadata(tmp_path: Path) -> None:
    page = """<!doctype html><html><head><title> Strike &amp; aftermath </title>
    <meta property="article:published_time" content="2024-03-12T08:00:00Z">
    <link rel="canonical" href="https://example.org/news/1">
    <style>p { color: red }</style><script>var leak = "SCRIPT";</script></head>
    <body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
    <article><h1>Drone strike</h1><p>First   paragraph<br>same para, new line.</p>
    <p>Second &quot;quoted&quot; paragraph in <b>Al-Bukamal</b>.</p>
    <noscript>enable JS</noscript></article><footer>© 2024</footer></body></html>"""
    [a] = read_articles(write(tmp_path / "page.html", page))
    assert a.title == "Strike & aftermath"
    assert a.published == date(2024, 3, 12) and a.url == "https://example.org/news/1"
    assert a.text == ("Drone strike\n\nFirst paragraph\n\nsame para, new line.\n\n"
                      'Second "quoted" paragraph in Al-Bukamal.\n\n© 2024')
    for hidden in ("SCRIPT", "color", "Home", "World", "enable JS"):
        assert hidden not in a.text


def test_html_with_unclosed_head_and_no_text(tmp_path: Path) -> None:
    [a] = read_articles(write(tmp_path / "x.htm", f"<head><title>t</title><body><p>{AR}"))
    assert a.text == AR
    with pytest.raises(IngestError, match="no visible text"):
        list(read_articles(write(tmp_path / "y.html", "<script>only()</script>")))


def test_json_object_and_list(tmp_path: Path) -> None:
    one = {"text": EN, "published": "2024-03-12", "url": "https://example.org/1",
           "title": "T", "source": "S", "extra": 1}
    [a] = read_articles(write(tmp_path / "one.json", json.dumps(one)))
    assert (a.text, a.published, a.url, a.title, a.source) == (
        EN, date(2024, 3, 12), "https://example.org/1", "T", "S")
    many = read_articles(write(tmp_path / "many.json", json.dumps([one, {"text": AR}])))
    assert [x.text for x in many] == [EN, AR]
    with pytest.raises(IngestError, match=r"invalid JSON \(line 1"):
        list(read_articles(write(tmp_path / "bad.json", "{oops")))
    with pytest.raises(IngestError, match=r"many2.json\[2\].*text"):
        list(read_articles(write(tmp_path / "many2.json", json.dumps([one, {"title": "x"}]))))


def test_jsonl_reports_line_numbers(tmp_path: Path) -> None:
    lines = [json.dumps({"text": EN}), "", "{broken", json.dumps({"text": AR,
                                                                   "published": "2024-13-45"})]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines))
    items = read_articles(path)
    assert next(items).text == EN
    with pytest.raises(IngestError, match=r"feed.jsonl:3: invalid JSON"):
        next(items)


def test_csv_columns_header_and_extras(tmp_path: Path) -> None:
    rows = ("Title,TEXT,published,url,source,ignored\r\n"
            f'"Strike","{EN}",2024-03-12,https://example.org/c,Wire,zzz\r\n'
            f'Second,"{AR}\nمع سطر ثانٍ",,,,\r\n')
    arts = list(read_articles(write(tmp_path / "feed.csv", "\ufeff" + rows)))
    assert [(a.title, a.published, a.url, a.source) for a in arts] == [
        ("Strike", date(2024, 3, 12), "https://example.org/c", "Wire"),
        ("Second", None, None, None)]
    assert arts[1].text == f"{AR}\nمع سطر ثانٍ"
    with pytest.raises(IngestError, match="header row with a \"text\" column"):
        list(read_articles(write(tmp_path / "nohead.csv", f"{EN},2024-03-12\n")))
    with pytest.raises(IngestError, match="header only"):
        list(read_articles(write(tmp_path / "only.csv", "text,url\n")))


def test_published_formats() -> None:
    assert parse_published("2024-03-12") == date(2024, 3, 12)
    assert parse_published("٢٠٢٤-٠٣-١٢") == date(2024, 3, 12)
    assert parse_published("2024-03-12T23:10:00+03:00") == date(2024, 3, 12)
    assert parse_published("  ") is None
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_published("12/03/2024")


def test_decode_and_upload() -> None:
    assert decode("x", "\ufeffنص".encode("utf-8")) == "نص"
    [a] = read_upload("C:\\fake\\..\\report.txt", EN.encode("utf-16"))
    assert a.text == EN and a.origin == "report.txt"
    [b] = read_upload("../../etc/feed.jsonl", json.dumps({"text": AR}).encode())
    assert b.origin == "feed.jsonl:1"  # the upload's own name only, never a path
    with pytest.raises(IngestError, match="empty"):
        read_upload("x.txt", b"")


# --------------------------------------------------------------------------- ingest


def test_ingest_paths_keeps_going_and_reports(tmp_path: Path, store: IncidentStore) -> None:
    good = write(tmp_path / "good.txt", EN)
    bad = write(tmp_path / "bad.txt", b"\x00\x01binary")
    feed = write(tmp_path / "feed.jsonl", "\n".join([
        json.dumps({"text": "Hundreds joined a protest in Mosul on 2024-10-01."}),
        "not json",
        json.dumps({"text": EN}),  # same text as good.txt: a duplicate
    ]))
    seen: list[tuple[int, int, str]] = []
    report = ingest_paths(store, [good, bad, feed, tmp_path / "gone.csv"],
                          progress=lambda i, n, name: seen.append((i, n, Path(name).name)))
    assert report.added == 2 and report.duplicates == 1 and report.incidents == 2
    assert [(Path(n).name, r) for n, r in report.failed] == [
        ("bad.txt", "not a text file (contains NUL bytes; UTF-16 needs a BOM)"),
        ("feed.jsonl:2", "invalid JSON (Expecting value)"),
        ("gone.csv", "no such file")]
    assert seen[0] == (0, 4, "good.txt") and seen[-1] == (4, 4, "")
    assert store.stats()["articles"] == 2
    assert "2 article(s) added" in report.summary() and not report.ok


def test_ingest_directory_and_parser_failure(tmp_path: Path, store: IncidentStore) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    write(folder / "a.txt", EN)
    write(folder / "sub" / "b.html", "<p>Hundreds joined a protest in Mosul.</p>")
    write(folder / "notes.md", "ignored")
    write(folder / ".hidden.txt", "ignored too")
    write(folder / "c.txt", "boom")
    real = store._parser

    def flaky(text: str, **kw):
        if text == "boom":
            raise RuntimeError("parser crashed")
        return real(text, **kw)

    store._parser = flaky
    report = ingest_paths(store, [folder])
    assert report.files == 3 and report.added == 2
    assert report.failed == [(str(folder / "c.txt"), "RuntimeError: parser crashed")]


def test_ingest_uploads(store: IncidentStore) -> None:
    report = ingest_uploads(store, [("a.txt", EN.encode()), ("b.txt", b""),
                                    ("c.csv", f"text\n\"{AR}\"\n".encode())])
    assert report.added == 2 and report.failed == [("b.txt", "empty")]
