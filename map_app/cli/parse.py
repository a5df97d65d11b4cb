"""`places` and `incidents` subcommands: geoparse one text to GeoJSON on stdout."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from map_app.geoparse.pipeline import MAX_TEXT_CHARS
from map_app.geoparse.textio import InputError, read_text

#: Bytes read at most: UTF-8 takes up to 4 bytes a character (and a BOM may lead).
MAX_INPUT_BYTES = 4 * MAX_TEXT_CHARS + 4


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None


def _read(path: str) -> str:
    """The text of a file (or of standard input for "-"), or InputError saying why not."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = "standard input"
    else:
        name = path
        try:
            with open(Path(path), "rb") as handle:  # pipes and process substitution work too
                data = handle.read(MAX_INPUT_BYTES + 1)
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory, not a file") from None
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: too long (more than {MAX_INPUT_BYTES:,} bytes; the limit is "
                         f"{MAX_TEXT_CHARS:,} characters): split it into articles")
    text = read_text(data, name)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"{name}: too long ({len(text):,} characters; the limit is "
                         f"{MAX_TEXT_CHARS:,} characters): split it into articles")
    return text


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
