"""Geoparsing in N local processes, storing by one writer.

One worker (`ingest_batched`) is this process alone: it reads, parses and stores
batch after batch, with no pool and nothing pickled, which is the fastest way to
use one core.  N ≥ 2 (`ingest_parallel`): N processes parse — this one and a pool
of N − 1.  This process reads the files, drops articles already stored (by
`text_hash`, checked a batch at a time, so a killed run resumes without
re-parsing), sends batches of articles to the pool and, whenever the pool is busy,
parses the next batch itself.  Each worker opens the gazetteer once (a memory-mapped index, so
the pages are shared between workers) and parses; the documents come back here
and each batch is stored in one transaction, in the order read (so the run
stores what one process would).  At most `2 × QUEUED × workers` batches are in flight,
so memory stays flat however large the input is.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator

from map_app.ingest.readers import ArticleInput
from map_app.ingest.run import IngestReport
from map_app.store.documents import prepare
from map_app.store.sql import text_hash

#: Batches each pool worker has queued before this process parses one itself (the worker
#: never runs dry while this process parses and stores).
QUEUED = 4

#: (document or None, error message or None) for each article of a batch.
Outcome = tuple[Any, str | None]

_PARSER: Any = None


def _init_worker(parser: Any) -> None:
    global _PARSER
    _PARSER = parser


def parse_one(parser: Any, item: ArticleInput, prepared: bool = True) -> Outcome:
    """Parse one article; a parser failure (or a value the store would refuse) is returned
    as the error's message.  `prepared`: the store's rows (`documents.prepare`), which are
    what the writer needs and far smaller to ship back than the Document."""
    try:
        doc = parser(item.text, published=item.published, source=item.source)
        return (prepare(doc) if prepared else doc), None
    except Exception as exc:  # noqa: BLE001 - one bad article never stops the run
        return None, f"{type(exc).__name__}: {exc}"


def parse_batch(items: list[ArticleInput], parser: Any = None) -> list[Outcome]:
    """Parse a batch in a worker (the pool's parser, else the store's default: `map_app.parse`)."""
    global _PARSER
    if parser is None:
        if _PARSER is None:
            from map_app.store.base import default_parser

            _PARSER = default_parser()
        parser = _PARSER
    return [parse_one(parser, item) for item in items]


#: A batch: the articles and their `text_hash`es (computed once, here).
Batch = tuple[list[ArticleInput], list[str]]


def new_batches(store: Any, inputs: Iterable[ArticleInput], report: IngestReport,
                batch_size: int) -> Iterator[Batch]:
    """Batches of articles not yet stored (nor seen earlier in this run)."""
    seen: set[str] = set()
    pending: list[tuple[str, ArticleInput]] = []

    def flush() -> Batch:
        known = store.known_hashes(h for h, _ in pending)
        fresh: Batch = ([], [])
        for digest, item in pending:
            if digest in known or digest in seen:
                report.duplicates += 1
            else:
                seen.add(digest)
                fresh[0].append(item)
                fresh[1].append(digest)
        pending.clear()
        return fresh

    for item in inputs:
        try:
            store.check_article(item.text, item.published, item.url, item.title, item.source)
        except ValueError as exc:
            report.failed.append((item.origin, str(exc)))
            continue
        pending.append((text_hash(item.text), item))
        if len(pending) >= batch_size:
            if (batch := flush())[0]:
                yield batch
    if pending and (batch := flush())[0]:
        yield batch


def store_batch(store: Any, batch: Batch, outcomes: list[Outcome], report: IngestReport) -> None:
    """Store one parsed batch in one transaction; parse failures go to the report."""
    ready = []
    for item, digest, (doc, error) in zip(*batch, outcomes, strict=True):
        if error is not None:
            report.failed.append((item.origin, error))
        else:
            ready.append((item.text, doc, dict(published=item.published, url=item.url,
                                               title=item.title, source=item.source,
                                               digest=digest)))
    for result in store.add_documents(ready):
        report.count(result)


def _local_parser(store: Any, parser: Any) -> Any:
    """The parser this process uses: the one given, else the store's own."""
    if parser is not None:
        return parser
    return lambda text, published=None, source=None: store._parse(text, published, source)


def ingest_batched(store: Any, inputs: Iterable[ArticleInput], report: IngestReport, *,
                   batch_size: int = 16, parser: Any = None,
                   on_batch: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """One worker: parse and store batch after batch in this process, each batch in one
    transaction (so a killed run loses at most one batch of parsing)."""
    parser = _local_parser(store, parser)
    for batch in new_batches(store, inputs, report, batch_size):
        store_batch(store, batch, [parse_one(parser, item) for item in batch[0]], report)
        if on_batch is not None:
            on_batch(report)
    return report


def _parsed_here(outcomes: list[Outcome]) -> Future:
    done: Future = Future()
    done.set_result(outcomes)
    return done


def ingest_parallel(store: Any, inputs: Iterable[ArticleInput], report: IngestReport, *,
                    workers: int, batch_size: int = 16, parser: Any = None,
                    on_batch: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Parse `inputs` in `workers` processes — this one and a pool of `workers - 1` — and
    store them here (see the module doc).

    This process sends batches to the pool while it has fewer than `QUEUED` per worker to do;
    when the pool is busy and the oldest batch is not back yet, it parses the next batch
    itself instead of waiting, so every process parses and none idles: the writer's own
    work (reading, de-duplicating, storing, merging) is what decides its share."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    local = _local_parser(store, parser)
    helpers = max(workers - 1, 1)
    if parser is None and method == "fork":
        from map_app.geoparse.pipeline import default_geoparser

        default_geoparser()  # loaded once, here: the forked workers share its pages
    # Stored in the order read (the oldest batch first), whatever order they finish in:
    # the same ids and the same merges across articles as one process would store.
    in_flight: deque[tuple[Future, Batch]] = deque()
    with ProcessPoolExecutor(max_workers=helpers, mp_context=context,
                             initializer=_init_worker, initargs=(parser,)) as pool:

        def store_oldest() -> None:
            future, batch = in_flight.popleft()
            store_batch(store, batch, future.result(), report)
            if on_batch is not None:
                on_batch(report)

        for batch in new_batches(store, inputs, report, batch_size):
            while in_flight and in_flight[0][0].done():
                store_oldest()
            if sum(not future.done() for future, _ in in_flight) < QUEUED * helpers:
                in_flight.append((pool.submit(parse_batch, batch[0]), batch))
            else:  # the pool is busy: parse this one here rather than wait
                in_flight.append((_parsed_here([parse_one(local, item) for item in batch[0]]), batch))
            while len(in_flight) > 2 * QUEUED * workers:
                store_oldest()
        while in_flight:
            store_oldest()
    return report
