"""Command line: `python -m map_app places|incidents|ingest|export|demo ...`.

Errors end as one line on stderr and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import sys

from gazetteer import IndexMissing

from map_app.cli import parse as parse_commands
from map_app.cli import store as store_commands
from map_app.geoparse.textio import InputError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m map_app", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    parse_commands.add_subcommands(sub)
    store_commands.add_subcommands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except IndexMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except BrokenPipeError:
        return 0
