"""Command line: `python -m gazetteer lookup|reverse|build|user|info`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .index import Gazetteer, IndexMissing, default_index_dir


def _open(args) -> Gazetteer:
    return Gazetteer.open(args.index)


def cmd_lookup(args) -> int:
    g = _open(args)
    places = g.lookup(args.name, limit=args.limit, fuzzy=not args.exact,
                      country_codes=tuple(args.country) if args.country else None)
    if args.json:
        print(json.dumps([p.to_dict() for p in places], ensure_ascii=False, indent=2))
        return 0 if places else 1
    if not places:
        print(f"no place found for {args.name!r}", file=sys.stderr)
        return 1
    for rank, place in enumerate(places, 1):
        ar = f" / {place.name_ar}" if place.name_ar else ""
        where = ", ".join(p for p in (place.admin1, place.country_code) if p)
        gid = f" geonames:{place.geonameid}" if place.geonameid else ""
        print(f"{rank:>2}. {place.name}{ar}  [{place.kind}] {where}  "
              f"{place.lat:.4f}, {place.lon:.4f}  pop {place.population:,}{gid}  score {place.score:.3f}")
    return 0


def cmd_reverse(args) -> int:
    g = _open(args)
    result = g.reverse(args.lat, args.lon, limit=args.limit)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    area = " / ".join(p for p in (result.country, result.admin1) if p) or "no country"
    print(f"{args.lat:.4f}, {args.lon:.4f}: {area}")
    if result.country_ar or result.admin1_ar:
        print("  " + " / ".join(p for p in (result.country_ar, result.admin1_ar) if p))
    for region in result.regions:
        print(f"  in region: {region}")
    for near in result.nearest:
        ar = f" / {near.place.name_ar}" if near.place.name_ar else ""
        print(f"  {near.distance_km:7.1f} km  {near.place.name}{ar} ({near.place.country_code})")
    return 0


def cmd_build(args) -> int:
    from .build import build

    dumps = [Path(p) for p in args.geonames or []]
    for dump in dumps:
        if not dump.exists():
            print(f"error: GeoNames dump not found: {dump}", file=sys.stderr)
            return 2
    extracts = [Path(p) for p in args.osm or []]
    for extract in extracts:
        if not extract.exists():
            print(f"error: OSM file not found: {extract}", file=sys.stderr)
            return 2
    build(args.index or default_index_dir(), dumps, verbose=not args.quiet,
          with_cities500=not args.without_cities500, osm_files=extracts)
    return 0


def cmd_user(args) -> int:
    from . import user_layer

    path = args.layer
    if args.action == "add":
        place = user_layer.add_user_place(
            args.name, args.lat, args.lon, args.ar, kind=args.kind, aliases=args.alias or (),
            country_code=args.country, admin1=args.admin1, admin2=args.admin2, corrects=args.corrects,
            note=args.note or "", path=path)
        print(f"added {place.name} ({place.lat:.5f}, {place.lon:.5f}) to {path or user_layer.default_path()}")
    elif args.action == "list":
        places = user_layer.load(path)
        if args.json:
            print(json.dumps([p.to_feature() for p in places], ensure_ascii=False, indent=2))
        for p in places if not args.json else ():
            ar = f" / {p.name_ar}" if p.name_ar else ""
            print(f"{p.name}{ar}  [{p.kind}] {p.country_code or ''} {p.lat:.5f}, {p.lon:.5f}")
    elif args.action == "remove":
        removed = user_layer.remove_user_place(args.name, path)
        print(f"removed {removed} place(s)")
        return 0 if removed else 1
    elif args.action == "export":
        count = user_layer.export_layer(args.file, path)
        print(f"exported {count} place(s) to {args.file}")
    elif args.action == "import":
        count = user_layer.import_layer(args.file, path, replace=args.replace)
        print(f"imported {count} place(s) from {args.file}")
    return 0


def cmd_info(args) -> int:
    g = _open(args)
    print(json.dumps(dict(g.meta, index_dir=str(g.index_dir)), indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gazetteer", description=__doc__)
    parser.add_argument("--index", type=Path, help="index directory (default: %(default)s)",
                        default=None)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("lookup", help="ranked candidates for a name (Arabic or English)")
    p.add_argument("name")
    p.add_argument("--json", action="store_true", help="print a JSON list, best first")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--exact", action="store_true", help="no fuzzy fallback")
    p.add_argument("--country", action="append", help="restrict to an ISO country code (repeatable)")
    p.set_defaults(func=cmd_lookup)

    p = sub.add_parser("reverse", help="nearest places, admin area and country of a point")
    p.add_argument("lat", type=float)
    p.add_argument("lon", type=float)
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=5)
    p.set_defaults(func=cmd_reverse)

    p = sub.add_parser("build", help="(re)build the index")
    p.add_argument("--geonames", action="append", metavar="DUMP",
                   help="extra GeoNames dump (geoname table, .txt or .zip); repeatable")
    p.add_argument("--osm", action="append", metavar="FILE",
                   help="OpenStreetMap extract (.osm.pbf / .osm) whose villages and neighbourhoods "
                        "are added (ODbL data); repeatable")
    p.add_argument("--without-cities500", action="store_true",
                   help="leave out GeoNames cities500 (a small index from the other sources and dumps)")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("user", help="the analysts' user layer: add|list|remove|export|import")
    p.add_argument("--layer", type=Path, default=None,
                   help="user layer file (default: $GAZETTEER_USER_LAYER or var/user_places.geojson)")
    usub = p.add_subparsers(dest="action", required=True)
    q = usub.add_parser("add", help="add or update a place")
    q.add_argument("name")
    q.add_argument("lat", type=float)
    q.add_argument("lon", type=float)
    q.add_argument("--ar", help="Arabic name")
    q.add_argument("--alias", action="append", help="another name (repeatable)")
    q.add_argument("--kind", default="populated_place")
    q.add_argument("--country", help="ISO country code")
    q.add_argument("--admin1")
    q.add_argument("--admin2")
    q.add_argument("--corrects", type=int, metavar="GEONAMEID", help="hide this gazetteer entry")
    q.add_argument("--note")
    q = usub.add_parser("list", help="list the user places")
    q.add_argument("--json", action="store_true")
    q = usub.add_parser("remove", help="remove the user places of a name")
    q.add_argument("name")
    q = usub.add_parser("export", help="write the layer as GeoJSON")
    q.add_argument("file", type=Path)
    q = usub.add_parser("import", help="merge a shared GeoJSON layer in")
    q.add_argument("file", type=Path)
    q.add_argument("--replace", action="store_true", help="replace the layer instead of merging")
    p.set_defaults(func=cmd_user)

    p = sub.add_parser("info", help="what the index holds")
    p.set_defaults(func=cmd_info)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except IndexMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, TypeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
