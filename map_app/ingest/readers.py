"""Reading articles from files and uploads (.txt .html .json .jsonl .csv).

Analysts collect news as saved web pages, plain text, or spreadsheets exported
from monitoring tools.  This module turns each of those into `ArticleInput`
values and reports, per file, what could not be read and why, so that one bad
file never costs the articles already stored (each article is its own
transaction in the store).

Accepted: .txt (one article), .html/.htm (one article; visible text via lxml,
see html_text.py), .json (an object or a list of objects), .jsonl (one object a
line), .csv (header row with a `text` column; also published, url, title,
source), .parquet (the same columns; read with pyarrow).  Text must be UTF-8 (BOM
optional) or UTF-16 with a BOM.

Each record stands alone: a record that cannot be read (invalid or hostile JSON,
a CSV row with a field over the limit, a missing text) is reported with its file
and line, row or list position, and the records before and after it are read.
"""
from __future__ import annotations

import csv
import io
import json
import reprlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

from map_app.ingest import json_stream
from map_app.ingest.html_text import page_text
from map_app.store.validate import MAX_ARTICLE_CHARS

#: Biggest file read at all (a CSV or JSONL export may hold many articles).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Longest single article, in characters of its text (the store's and the parser's limit).
MAX_ARTICLE_BYTES = MAX_ARTICLE_CHARS
#: Longest CSV field read (an over-long article is then refused as its own row).
CSV_FIELD_LIMIT = MAX_FILE_BYTES + 1
#: Biggest saved web page: markup around the text makes pages much larger than their article.
MAX_HTML_BYTES = 20 * 1024 * 1024
EXTENSIONS = (".txt", ".html", ".htm", ".json", ".jsonl", ".csv", ".parquet")
FIELDS = ("text", "published", "url", "title", "source")
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60

class IngestError(Exception):
    """A file (or one record in it) that cannot be read; `reason` is for the user."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True)
class ArticleInput:
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    #: Where it came from, for reports: "file.csv:12" (the row's line number).
    origin: str = ""


# --------------------------------------------------------------------------- decoding

_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive or Office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"SQLite format 3": "an SQLite database",
}


def decode(name: str, data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM optional) or UTF-16 with BOM; else IngestError."""
    if not data:
        raise IngestError(name, "empty")
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, data = "utf-8", data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        for magic, what in _MAGIC.items():
            if data.startswith(magic):
                raise IngestError(name, f"not a text file (looks like {what})")
        if b"\x00" in data[:65536]:
            raise IngestError(name, "not a text file (contains NUL bytes; UTF-16 needs a BOM)")
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-16":
            raise IngestError(name, "not valid UTF-16 text") from None
        raise IngestError(name, f"not UTF-8 text (bad byte 0x{data[exc.start]:02x} at offset "
                                f"{exc.start}); save the file as UTF-8") from None
    if not text.strip():
        raise IngestError(name, "empty")
    return text


# --------------------------------------------------------------------------- HTML


def _html_article(name: str, text: str) -> ArticleInput:
    try:
        body, title, meta = page_text(text)
    except ValueError as exc:
        raise IngestError(name, f"cannot parse HTML: {exc}") from None
    if not body:
        raise IngestError(name, "empty (no visible text in the page)")
    _check_length(name, body)
    published = None
    for key in ("article:published_time", "datepublished", "date", "pubdate"):
        if meta.get(key):
            try:
                published = parse_published(meta[key])
            except ValueError:
                continue
            break
    url = meta.get("canonical") or meta.get("og:url") or None
    source = meta.get("og:site_name") or None
    return ArticleInput(body, published, url, title or meta.get("og:title"), source, name)


# --------------------------------------------------------------------------- records

_DIGITS = str.maketrans({**{chr(0x660 + i): str(i) for i in range(10)},
                         **{chr(0x6F0 + i): str(i) for i in range(10)}})


def parse_published(value: Any) -> date | None:
    """ISO date or date-time (Arabic-Indic digits allowed) to a date; '' → None."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if not isinstance(value, str):
        raise ValueError(f"bad published date {_SHORT.repr(value)} (use YYYY-MM-DD)")
    text = value.strip().translate(_DIGITS)
    if not text:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise ValueError(f"bad published date {_SHORT.repr(value)} (use YYYY-MM-DD)") from None


def _record(origin: str, obj: Any) -> ArticleInput:
    """One JSON object / CSV row to an article; IngestError naming the record."""
    if not isinstance(obj, dict):
        raise IngestError(origin, "expected an object with a \"text\" field")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(origin, "missing or empty \"text\"")
    _check_length(origin, text)
    try:
        published = parse_published(obj.get("published"))
    except ValueError as exc:
        raise IngestError(origin, str(exc)) from None
    extra = {}
    for key in ("url", "title", "source"):
        value = obj.get(key)
        if isinstance(value, (int, float)):  # bool too; HugeNumber is neither
            value = str(value)
        elif value is not None and not isinstance(value, str):
            raise IngestError(origin, f"\"{key}\" must be text, not {_SHORT.repr(value)}")
        extra[key] = value.strip() or None if isinstance(value, str) else None
    return ArticleInput(text, published, origin=origin, **extra)


def _check_length(origin: str, text: str) -> None:
    if len(text) > MAX_ARTICLE_BYTES:
        raise IngestError(origin, f"article too large ({len(text):,} characters; "
                                  f"limit {MAX_ARTICLE_BYTES:,}): split it into articles")


def _json_records(name: str, text: str) -> Iterator[ArticleInput | IngestError]:
    if not json_stream.is_array(text):
        try:
            data = json_stream.decode(text)
        except json.JSONDecodeError as exc:
            raise IngestError(name, f"invalid JSON (line {exc.lineno}: {exc.msg})") from None
        except (ValueError, RecursionError) as exc:
            raise IngestError(name, json_stream.reason(exc)) from None
        yield _record(name, data)
        return
    seen = False
    for number, line, value, problem in json_stream.array_elements(text):
        seen = seen or number > 0
        if problem is not None:
            where = f"{name}[{number}], line {line}" if number else f"{name}, line {line}"
            yield IngestError(where, problem)
            continue
        try:
            yield _record(f"{name}[{number}]", value)
        except IngestError as exc:
            yield exc
    if not seen:
        raise IngestError(name, "empty (no articles in the list)")


def _jsonl_records(name: str, text: str) -> Iterator[ArticleInput | IngestError]:
    seen = False
    for n, line in json_stream.lines(text):
        if not line.strip():
            continue
        seen = True
        origin = f"{name}:{n}"
        try:
            obj = json_stream.decode(line)
        except (ValueError, RecursionError) as exc:
            yield IngestError(origin, json_stream.reason(exc))
            continue
        try:
            yield _record(origin, obj)
        except IngestError as exc:
            yield exc
    if not seen:
        raise IngestError(name, "empty")


def _csv_records(name: str, text: str) -> Iterator[ArticleInput | IngestError]:
    # Fields up to the file limit are read, so that an over-long one is reported as
    # its own row ("article too large") and never stops the rows after it.
    csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise IngestError(name, "empty") from None
    except csv.Error as exc:
        raise IngestError(name, f"invalid CSV: {exc}") from None
    columns = [h.strip().lower().lstrip("\ufeff") for h in header]
    if "text" not in columns:
        raise IngestError(name, "CSV needs a header row with a \"text\" column "
                                "(optional: published, url, title, source)")
    index = {c: columns.index(c) for c in FIELDS if c in columns}
    rows = 0
    while True:
        first_line = reader.line_num + 1  # a quoted field may span lines: report where the row starts
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the reader resumes on the next line
            rows += 1
            yield IngestError(f"{name}:{first_line}", f"invalid CSV: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        obj = {c: (row[i] if i < len(row) else None) for c, i in index.items()}
        try:
            yield _record(f"{name}:{first_line}", obj)
        except IngestError as exc:
            yield exc
    if not rows:
        raise IngestError(name, "empty (header only, no rows)")


def _parquet_records(name: str, data: bytes) -> Iterator[ArticleInput | IngestError]:
    """Parquet (pyarrow): a `text` column, optional published/url/title/source; row by row."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise IngestError(name, f"not a readable Parquet file ({exc})") from None
    columns = {c.lower(): c for c in table.schema_arrow.names}
    if "text" not in columns:
        raise IngestError(name, "Parquet needs a \"text\" column "
                                "(optional: published, url, title, source)")
    wanted = [columns[c] for c in FIELDS if c in columns]
    row = 0
    for batch in table.iter_batches(batch_size=1024, columns=wanted):
        for record in batch.to_pylist():
            row += 1
            obj = {k.lower(): (v.isoformat() if isinstance(v, (date, datetime)) else v)
                   for k, v in record.items()}
            try:
                yield _record(f"{name}:row {row}", obj)
            except IngestError as exc:
                yield exc
    if not row:
        raise IngestError(name, "empty (no rows)")


def _records(name: str, data: bytes) -> Iterator[ArticleInput | IngestError]:
    """Articles of one file, with per-record errors yielded rather than raised."""
    suffix = Path(name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise IngestError(name, f"unsupported file type {suffix or '(none)'!r} "
                                f"(use {', '.join(EXTENSIONS)})")
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(name, f"file too large ({len(data):,} bytes; "
                                f"limit {MAX_FILE_BYTES:,})")
    # UTF-8 takes at most 4 bytes a character (a BOM may lead): refuse before decoding.
    if suffix == ".txt" and len(data) > 4 * MAX_ARTICLE_BYTES + 4:
        raise IngestError(name, f"article too large ({len(data):,} bytes; "
                                f"limit {MAX_ARTICLE_BYTES:,} characters)")
    if suffix in (".html", ".htm") and len(data) > MAX_HTML_BYTES:
        raise IngestError(name, f"page too large ({len(data):,} bytes; limit {MAX_HTML_BYTES:,})")
    if suffix == ".parquet":
        yield from _parquet_records(name, data)
        return
    text = decode(name, data)
    if suffix == ".txt":
        text = text.strip()
        _check_length(name, text)
        yield ArticleInput(text, title=Path(name).stem or None, origin=name)
    elif suffix in (".html", ".htm"):
        yield _html_article(name, text)
    elif suffix == ".json":
        yield from _json_records(name, text)
    elif suffix == ".jsonl":
        yield from _jsonl_records(name, text)
    else:
        yield from _csv_records(name, text)


def _raise_first(items: Iterable[ArticleInput | IngestError]) -> Iterator[ArticleInput]:
    for item in items:
        if isinstance(item, IngestError):
            raise item
        yield item


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IngestError(path, f"file too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})")
        return path.read_bytes()
    except IsADirectoryError:
        raise IngestError(path, "is a directory") from None
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read: {exc.strerror or exc}") from None


def read_articles(path: str | Path) -> Iterator[ArticleInput]:
    """Articles in a file; raises IngestError at the first unreadable file or record."""
    path = Path(path)
    return _raise_first(_records(str(path), _read_bytes(path)))


def _upload_name(name: str) -> str:
    """The file name alone: a browser may send a path, in either slash style."""
    return Path(str(name).replace("\\", "/")).name or "upload"


def read_upload(name: str, data: bytes) -> list[ArticleInput]:
    """Articles in an uploaded file (Streamlit's UploadedFile: .name, .getvalue())."""
    return list(_raise_first(_records(_upload_name(name), bytes(data))))
