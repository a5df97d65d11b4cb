"""`ingest`, `export` and `demo` subcommands of `python -m map_app`.

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


def add_subcommands(subparsers: Any) -> None:
    """Add `ingest`, `export` and `demo` to an argparse subparsers object (sets `func`)."""
    db_help = "database file (default: $MAP_APP_DB or var/incidents.sqlite)"
    p = subparsers.add_parser("ingest", help="add articles from files to the incident store",
                              description="Add .txt/.html/.json/.jsonl/.csv articles "
                                          "(directories are searched) to the incident store.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", metavar="FILE", help=db_help)
    p.add_argument("--quiet", "-q", action="store_true", help="no per-file progress")
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
    p.add_argument("--db", metavar="FILE", help=db_help)
    p.set_defaults(func=run_export)

    p = subparsers.add_parser("demo", help="load the bundled demo articles into the store",
                              description="Parse and store the demo articles (already stored "
                                          "ones are skipped), then print the store's counts.")
    p.add_argument("--db", metavar="FILE", help=db_help)
    p.set_defaults(func=run_demo)


def _open_store(args: argparse.Namespace, with_demo: bool = True, existing: bool = False) -> Any:
    """The store named by --db / $MAP_APP_DB / the default; created (with the demo
    articles) on first use, unless `existing`: then a missing file is an error."""
    from map_app.store import Store, StoreError

    path = Store.resolve_path(args.db)
    new = not path.exists()
    if new and existing:
        raise StoreError(f"no incident store at {path} (check --db, or ingest articles first)")
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not an incident store")
    store = Store.open(path, with_demo=with_demo)
    if new:
        print(f"created the incident store {path}" + (" with the demo articles" if with_demo
                                                       else ""), file=sys.stderr)
    return store


def run_ingest(args: argparse.Namespace) -> int:
    from map_app.ingest import ingest_paths, stderr_progress

    def body() -> int:
        with _open_store(args) as store:
            report = ingest_paths(store, args.paths,
                                  progress=None if args.quiet else stderr_progress)
        for name, reason in report.failed:
            print(f"failed: {name}: {reason}", file=sys.stderr)
        print(report.summary(), file=sys.stderr)
        if report.failed:
            return 1 if (report.added or report.duplicates) else 2
        return 0

    return _guard(body)


def run_export(args: argparse.Namespace) -> int:
    from map_app.export import incidents_csv, incidents_geojson_text
    from map_app.store import IncidentFilter

    def body() -> int:
        flt = IncidentFilter(since=args.since, until=args.until, event_types=tuple(args.types),
                             countries=tuple(args.countries),
                             include_rejected=args.include_rejected)
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
    def body() -> int:
        with _open_store(args, with_demo=False) as store:
            added = sum(r.added for r in store.load_demo())
            stats = store.stats()
        print(f"{added} demo article(s) added; the store holds {stats['articles']} article(s), "
              f"{stats['incidents']} incident(s)", file=sys.stderr)
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
