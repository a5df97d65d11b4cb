"""Feeding articles to the store without losing work.

Each article (or, in parallel runs, each batch) is its own transaction, so one
bad file or record never costs the articles already stored, and a run that is
killed continues where it stopped when started again: articles already stored
(same `text_hash`) are skipped without being parsed.  Failures are listed in the
report with their reason.

Three ways to run the parser: in this process (`ingest_paths`), in N local
processes (`workers=N`, `map_app.ingest.parallel`; one worker is this process
storing batches, no pool) or on a Dask cluster
(`client=`, `map_app.ingest.distributed`).  In every case one writer (this
process) stores the results.
"""
from __future__ import annotations

import glob
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from map_app.ingest.readers import EXTENSIONS, ArticleInput, IngestError, _read_bytes, _records, _upload_name

#: progress(done, total, name): called before each file is read.
Progress = Callable[[int, int, str], None]
_GLOB_CHARS = frozenset("*?[")


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

    def count(self, result: Any) -> None:
        """Add one `AddResult` to the totals."""
        if result.added:
            self.added += 1
            self.incidents += result.incidents
            self.places += result.places
        else:
            self.duplicates += 1


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, supported files under named directories, and glob
    patterns (``news/**/*.jsonl``; quote them so the shell leaves them alone)."""
    out: list[Path] = []
    for p in paths:
        text = str(p)
        if _GLOB_CHARS & set(text) and not Path(text).exists():
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            if not matches:
                out.append(Path(text))  # reported as "no such file"
            out.extend(expand_paths(m for m in matches if m.is_dir() or
                                    m.suffix.lower() in EXTENSIONS))
            continue
        path = Path(text)
        if path.is_dir():
            out.extend(sorted(f for f in path.rglob("*")
                              if f.is_file() and f.suffix.lower() in EXTENSIONS
                              and not any(part.startswith(".")
                                          for part in f.relative_to(path).parts)))
        else:
            out.append(path)
    return list(dict.fromkeys(out))


def iter_inputs(files: list[Path], report: IngestReport, progress: Progress | None = None
                ) -> Iterator[ArticleInput]:
    """Every readable article of the files, in order; unreadable files and records
    go to `report.failed` instead."""
    for n, path in enumerate(files):
        if progress is not None:
            progress(n, len(files), str(path))
        try:
            data = _read_bytes(path)
        except IngestError as exc:
            report.failed.append((exc.path, exc.reason))
            continue
        try:
            for item in _records(str(path), data):
                if isinstance(item, IngestError):
                    report.failed.append((item.path, item.reason))
                else:
                    yield item
        except IngestError as exc:
            report.failed.append((exc.path, exc.reason))
        except Exception as exc:  # a reader bug must cost this file only, never the run
            report.failed.append((str(path), _unreadable(exc)))
    if progress is not None:
        progress(len(files), len(files), "")


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
            report.count(result)
    except IngestError as exc:
        report.failed.append((exc.path, exc.reason))
    except Exception as exc:  # a reader bug must cost this file only, never the run
        report.failed.append((name, _unreadable(exc)))


def _unreadable(exc: Exception) -> str:
    return f"could not be read ({describe_failure(exc)}); the records after this point were not stored"


def ingest_paths(store: Any, paths: Iterable[str | Path], progress: Progress | None = None,
                 *, workers: int = 0, client: Any = None, batch_size: int | None = None,
                 parser: Any = None, on_batch: Callable[[IngestReport], None] | None = None,
                 ) -> IngestReport:
    """Read and store every article under `paths`; failures are listed, not raised.

    `workers` ≥ 2 parses in that many local processes while this one stores; 1 parses
    and stores batch after batch in this process (no pool); 0 in this process article
    by article, each its own transaction; `client` (a
    `distributed.Client`) on a Dask cluster; `on_batch(report)` is called after
    each stored batch (progress bars)."""
    files = expand_paths(paths)
    report = IngestReport(files=len(files))
    inputs = iter_inputs(files, report, progress)
    if client is not None:
        from map_app.ingest.distributed import ingest_dask

        ingest_dask(store, inputs, client, report, partition_size=batch_size or 64,
                    parser=parser, on_batch=on_batch)
    elif workers == 1:
        from map_app.ingest.parallel import ingest_batched

        ingest_batched(store, inputs, report, batch_size=batch_size or 16, parser=parser,
                       on_batch=on_batch)
    elif workers >= 2:
        from map_app.ingest.parallel import ingest_parallel

        ingest_parallel(store, inputs, report, workers=workers, batch_size=batch_size or 16,
                        parser=parser, on_batch=on_batch)
    else:
        for item in inputs:
            _store_items(store, item.origin, [item], report)
            if on_batch is not None:
                on_batch(report)
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
