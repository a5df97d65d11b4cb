"""Feeding articles to the store: each article is its own transaction, so one
bad file or record never costs the articles already stored; failures are listed
in the report with their reason."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from map_app.ingest.readers import EXTENSIONS, ArticleInput, IngestError, _read_bytes, _records, _upload_name

#: progress(done, total, name): called before each file is read.
Progress = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    incidents: int = 0
    places: int = 0
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (f"{self.added} article(s) added ({self.incidents} incident(s), "
                f"{self.places} place mention(s)), {self.duplicates} duplicate(s) skipped, "
                f"{len(self.failed)} failure(s) from {self.files} file(s)")


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus supported files found under named directories."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*")
                              if f.is_file() and f.suffix.lower() in EXTENSIONS
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            out.append(p)
    return out


def describe_failure(exc: BaseException) -> str:
    """An exception as one line for the report: a ValueError's message is already
    worded for the user (validation, limits); anything else is named."""
    message = " ".join(str(exc).split())
    if len(message) > 300:
        message = message[:297] + "..."
    if isinstance(exc, ValueError) and message:
        return message
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _store_items(store: Any, name: str, items: Iterable[ArticleInput | IngestError],
                 report: IngestReport) -> None:
    try:
        for item in items:
            if isinstance(item, IngestError):
                report.failed.append((item.path, item.reason))
                continue
            try:
                result = store.add_article(item.text, published=item.published, url=item.url,
                                           title=item.title, source=item.source)
            except Exception as exc:  # this one article: invalid for the store, or the parser failed
                report.failed.append((item.origin or name, describe_failure(exc)))
                continue
            if result.added:
                report.added += 1
                report.incidents += result.incidents
                report.places += result.places
            else:
                report.duplicates += 1
    except IngestError as exc:
        report.failed.append((exc.path, exc.reason))
    except Exception as exc:  # a reader bug must cost this file only, never the run
        report.failed.append((name, f"could not be read ({describe_failure(exc)}); "
                                    "the records after this point were not stored"))


def ingest_paths(store: Any, paths: Iterable[str | Path], progress: Progress | None = None,
                 ) -> IngestReport:
    """Read and store every article under `paths`; failures are listed, not raised."""
    files = expand_paths(paths)
    report = IngestReport(files=len(files))
    for n, path in enumerate(files):
        if progress is not None:
            progress(n, len(files), str(path))
        try:
            data = _read_bytes(path)
        except IngestError as exc:
            report.failed.append((exc.path, exc.reason))
            continue
        _store_items(store, str(path), _records(str(path), data), report)
    if progress is not None:
        progress(len(files), len(files), "")
    return report


def ingest_uploads(store: Any, uploads: Iterable[tuple[str, bytes]],
                   progress: Progress | None = None) -> IngestReport:
    """Like `ingest_paths` for (name, bytes) pairs from a browser upload."""
    uploads = list(uploads)
    report = IngestReport(files=len(uploads))
    for n, (name, data) in enumerate(uploads):
        if progress is not None:
            progress(n, len(uploads), name)
        name = _upload_name(name)
        _store_items(store, name, _records(name, bytes(data)), report)
    if progress is not None:
        progress(len(uploads), len(uploads), "")
    return report


def stderr_progress(done: int, total: int, name: str) -> None:
    """A progress callback for the command line."""
    if name:
        print(f"[{done + 1}/{total}] {name}", file=sys.stderr, flush=True)
