"""`places` and `incidents` subcommands: geoparse one text to GeoJSON on stdout."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from map_app.geoparse.textio import InputError, read_text

MAX_INPUT_BYTES = 50 * 1024 * 1024


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None


def _read(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = "standard input"
    else:
        file = Path(path)
        if not file.is_file():
            raise InputError(f"{path}: no such file")
        with open(file, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
        name = path
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    return read_text(data, name)


def cmd_places(args) -> int:
    from map_app.geoparse.geojson import feature_collection, mention_feature
    from map_app.geoparse.pipeline import default_geoparser

    text = _read(args.file)
    mentions = default_geoparser().places(text)
    features = [mention_feature(m) for m in mentions if m.place is not None]
    json.dump(feature_collection(features), sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 0


def cmd_incidents(args) -> int:
    from map_app.geoparse.geojson import feature_collection, incident_feature
    from map_app.geoparse.pipeline import default_geoparser

    text = _read(args.file)
    source = args.source or (None if args.file == "-" else args.file)
    doc = default_geoparser().parse(text, published=args.published, source=source)
    features = [incident_feature(i) for i in doc.incidents if i.place is not None]
    json.dump(feature_collection(features), sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 0


def add_subcommands(subparsers) -> None:
    """Add `places` and `incidents` to an argparse subparsers object (sets `func`)."""
    for name, func, help_text in (
        ("places", cmd_places, "GeoJSON of every resolved place mention"),
        ("incidents", cmd_incidents, "GeoJSON of the incidents the text reports"),
    ):
        p = subparsers.add_parser(name, help=help_text)
        p.add_argument("file", help="UTF-8 text file, or - for standard input")
        p.add_argument("--published", type=_published, help="publication date YYYY-MM-DD")
        p.add_argument("--source", help="source name or URL recorded on incidents")
        p.add_argument("--indent", type=int, default=None)
        p.set_defaults(func=func)
