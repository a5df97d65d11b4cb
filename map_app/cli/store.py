"""`ingest`, `export`, `demo`, `migrate` and `reparse` subcommands of `python -m map_app`.

Errors end as one line on stderr and a non-zero exit, never a traceback:
analysts run these from scripts and read the last line.
Exit codes: 0 success, 1 some files failed (the others were stored), 2 error.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

PROG = "map_app"


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (use YYYY-MM-DD): {value!r}") from None


def _count_arg(low: int, what: str) -> Any:
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            n = -1
        if not low <= n <= 100_000:
            raise argparse.ArgumentTypeError(f"not a number of {what}: {value!r}")
        return n

    return parse


def add_subcommands(subparsers: Any) -> None:
    """Add `ingest`, `export`, `demo`, `migrate` and `reparse` to an argparse subparsers object."""
    db_help = ("store: a SQLite file or sqlite:///PATH, or postgresql://USER@HOST:PORT/DB "
               "(default: $MAP_APP_DB or var/incidents.sqlite)")
    p = subparsers.add_parser(
        "ingest", help="add articles from files to the incident store",
        description="Add .txt/.html/.json/.jsonl/.csv/.parquet articles (directories are "
                    "searched, quoted glob patterns expanded) to the incident store. "
                    "Articles already stored are skipped without parsing, so a stopped run "
                    "continues where it left off.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--workers", "-w", type=_count_arg(0, "workers"), default=0, metavar="N",
                   help="geoparse in N worker processes while this one stores (1: this process "
                        "alone, in batches; default 0: in this process, article by article)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="geoparse on a Dask cluster: tcp://HOST:8786, or local:N for N local "
                        "worker processes")
    p.add_argument("--parquet-out", metavar="DIR",
                   help="with --dask: write each partition's incidents to DIR as GeoParquet "
                        "instead of storing them")
    p.add_argument("--batch", type=_count_arg(1, "articles"), metavar="N",
                   help="articles per batch/partition (default 16 for --workers, 64 for --dask)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    p.set_defaults(func=run_ingest)

    p = subparsers.add_parser("export", help="export stored incidents as GeoJSON or CSV")
    p.add_argument("--format", "-f", choices=("geojson", "csv"), default="geojson")
    p.add_argument("--out", "-o", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--since", type=_date_arg, metavar="DATE", help="first event date")
    p.add_argument("--until", type=_date_arg, metavar="DATE", help="last event date")
    p.add_argument("--type", action="append", default=[], metavar="T", dest="types",
                   help="event type to keep (repeatable)")
    p.add_argument("--country", action="append", default=[], metavar="CC", dest="countries",
                   help="country code to keep, e.g. SY (repeatable)")
    p.add_argument("--include-rejected", action="store_true",
                   help="also export incidents an analyst rejected")
    p.add_argument("--include-demo", action="store_true",
                   help="also export the bundled demo incidents")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.set_defaults(func=run_export)

    p = subparsers.add_parser("demo", help="load (or remove) the bundled demo articles",
                              description="Parse and store the demo articles, flagged as demo "
                                          "data (already stored ones are skipped), then print "
                                          "the store's counts; --remove deletes them again.")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--remove", action="store_true",
                   help="delete the demo articles and incidents instead")
    p.set_defaults(func=run_demo)

    p = subparsers.add_parser(
        "migrate", help="copy a whole store to another (e.g. SQLite to PostGIS)",
        description="Copy every article, mention, incident, source, candidate and review "
                    "(the audit trail) from one store into a new, empty one, ids included.")
    p.add_argument("--from", dest="source", required=True, metavar="URL",
                   help="the store to copy (a SQLite file, sqlite:///PATH or postgresql://...)")
    p.add_argument("--to", dest="target", required=True, metavar="URL",
                   help="the new store (must be empty)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    p.set_defaults(func=run_migrate)

    p = subparsers.add_parser(
        "reparse", help="re-geoparse stored articles with the current gazetteer",
        description="Parse the stored articles again with the current gazetteer (and the "
                    "analysts' own places), replacing their place mentions and the incidents "
                    "no analyst has touched; reviewed incidents and the audit trail are kept. "
                    "New reports merge with the stored incidents of the same event.")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--since", type=_date_arg, metavar="DATE",
                   help="only articles published on or after this day")
    p.add_argument("--until", type=_date_arg, metavar="DATE",
                   help="only articles published on or before this day")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    p.set_defaults(func=run_reparse)


def _open_store(args: argparse.Namespace, db: str | None = None, existing: bool = False) -> Any:
    """Open the store named by --db (or `db`); never adds demo data.  With `existing`,
    a store file that does not exist is an error (a mistyped --db on export), never a new one."""
    from map_app.store import StoreError, connect, open_store

    target = db if db is not None else args.db
    new = not connect.exists(target)
    if new and existing:
        raise StoreError(f"no incident store at {connect.describe(target)} "
                         "(check --db, or ingest articles first)")
    if not connect.is_postgres(connect.resolve_url(target)) and Path(connect.describe(target)).is_dir():
        raise StoreError(f"{connect.describe(target)} is a directory, not an incident store")
    store = open_store(target)
    if new:
        print(f"created the incident store {connect.describe(target)}", file=sys.stderr)
    return store


def _progress_bar(args: argparse.Namespace, files: int) -> Any:
    """A tqdm bar on a terminal; per-file lines otherwise (readable in logs)."""
    if args.quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=files, unit="file", file=sys.stderr, dynamic_ncols=True)


def run_ingest(args: argparse.Namespace) -> int:
    from map_app.ingest import expand_paths, ingest_paths, stderr_progress

    def body() -> int:
        if args.parquet_out and not args.dask:
            raise ValueError("--parquet-out needs --dask (the data-lake path of a cluster run)")
        if args.dask and args.workers:
            raise ValueError("use either --workers or --dask, not both")
        files = expand_paths(args.paths)
        bar = _progress_bar(args, len(files))
        progress = None if args.quiet else stderr_progress

        def on_file(done: int, total: int, name: str) -> None:
            if bar is not None:
                bar.n = done
                bar.refresh()
            elif progress is not None:
                progress(done, total, name)

        def on_batch(report: Any) -> None:
            if bar is not None:
                bar.set_postfix(added=report.added, skipped=report.duplicates,
                                failed=len(report.failed), refresh=True)

        client = None
        try:
            if args.dask:
                from map_app.ingest import distributed

                client = distributed.connect(args.dask)
            if args.parquet_out:
                report = _ingest_parquet(args, client, files, on_file)
            else:
                with _open_store(args) as store:
                    report = ingest_paths(store, files, progress=on_file, workers=args.workers,
                                          client=client, batch_size=args.batch,
                                          on_batch=on_batch)
        finally:
            if bar is not None:
                bar.close()
            if client is not None:
                from map_app.ingest import distributed

                distributed.close(client)
        for name, reason in report.failed:
            print(f"failed: {name}: {reason}", file=sys.stderr)
        print(report.summary(), file=sys.stderr)
        if report.failed:
            return 1 if (report.added or report.duplicates) else 2
        return 0

    return _guard(body)


def _ingest_parquet(args: argparse.Namespace, client: Any, files: list, on_file: Any) -> Any:
    from map_app.ingest import IngestReport
    from map_app.ingest.distributed import write_geoparquet
    from map_app.ingest.run import iter_inputs

    report = IngestReport(files=len(files))
    written = write_geoparquet(iter_inputs(files, report, on_file), client, args.parquet_out,
                               report, partition_size=args.batch or 64)
    print(f"wrote {len(written)} GeoParquet file(s) to {args.parquet_out}", file=sys.stderr)
    return report


def run_export(args: argparse.Namespace) -> int:
    from map_app.export import incidents_csv, incidents_geojson_text
    from map_app.store import IncidentFilter

    def body() -> int:
        flt = IncidentFilter(since=args.since, until=args.until, event_types=tuple(args.types),
                             countries=tuple(args.countries),
                             include_rejected=args.include_rejected,
                             include_demo=args.include_demo)
        out = Path(args.out) if args.out and args.out != "-" else None
        if out is not None and out.is_dir():
            raise ValueError(f"{out}: is a directory; give a file name for --out")
        with _open_store(args, existing=True) as store:
            records = store.incidents(flt)
        if args.format == "csv":
            text = incidents_csv(records, include_rejected=args.include_rejected)
        else:
            text = incidents_geojson_text(records, include_rejected=args.include_rejected) + "\n"
        if out is not None:
            # A BOM lets Excel open Arabic CSV correctly; JSON must not have one.
            _write_atomic(out, text, "utf-8-sig" if args.format == "csv" else "utf-8")
            print(f"wrote {len(records)} incident(s) to {args.out}", file=sys.stderr)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        return 0

    return _guard(body)


def run_demo(args: argparse.Namespace) -> int:
    from map_app.demo import load_demo, remove_demo

    def body() -> int:
        with _open_store(args) as store:
            if args.remove:
                articles, incidents = remove_demo(store)
                stats = store.stats()
                print(f"removed {articles} demo article(s) and {incidents} demo incident(s); "
                      f"the store holds {stats['articles']} article(s), "
                      f"{stats['incidents']} incident(s)", file=sys.stderr)
                return 0
            added = sum(r.added for r in load_demo(store))
            stats = store.stats()
        print(f"{added} demo article(s) added; the store holds {stats['articles']} article(s), "
              f"{stats['incidents']} incident(s)", file=sys.stderr)
        return 0

    return _guard(body)


def run_migrate(args: argparse.Namespace) -> int:
    from map_app.store import connect, open_store

    def body() -> int:
        if not connect.exists(args.source):
            raise ValueError(f"no incident store at {connect.describe(args.source)}")
        with open_store(args.source) as source, _open_store(args, args.target) as target:
            def progress(table: str, rows: int) -> None:
                if not args.quiet:
                    print(f"{table}: {rows} row(s)", file=sys.stderr, flush=True)

            counts = target.copy_from(source, progress=progress)
        print(f"copied {counts['articles']} article(s), {counts['incidents']} incident(s) and "
              f"{counts['reviews']} review(s) from {connect.describe(args.source)} to "
              f"{connect.describe(args.target)}", file=sys.stderr)
        return 0

    return _guard(body)


def run_reparse(args: argparse.Namespace) -> int:
    from map_app.store import connect

    def body() -> int:
        if not connect.exists(args.db):
            raise ValueError(f"no incident store at {connect.describe(args.db)}")
        with _open_store(args) as store:
            def progress(report: Any) -> None:
                if not args.quiet:
                    print(f"{report.articles} article(s) re-parsed", file=sys.stderr, flush=True)

            report = store.reparse(since=args.since, until=args.until, progress=progress)
        for article_id, reason in report.failed:
            print(f"failed: article {article_id}: {reason}", file=sys.stderr)
        print(report.summary(), file=sys.stderr)
        if report.failed:
            return 1 if report.articles else 2
        return 0

    return _guard(body)


def _write_atomic(path: Path, text: str, encoding: str) -> None:
    """Write via a temporary file so an interrupted export never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as exc:  # name the file asked for, never the temporary one
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _guard(body: Any) -> int:
    """Run a command body; turn any failure into one line on stderr."""
    from map_app.ingest import IngestError
    from map_app.store import StoreError

    try:
        return body()
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `export | head`: the reader went away, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (StoreError, IngestError, ValueError, KeyError) as exc:
        message = str(exc)
    except OSError as exc:
        message = f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}"
    except Exception as exc:  # last resort: still one line, never a traceback
        message = f"{type(exc).__name__}: {exc}"
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)
    return 2
