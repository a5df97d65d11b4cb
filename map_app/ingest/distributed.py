"""Geoparsing on a Dask distributed cluster.

The same per-article function as the local pool (`parallel.parse_one`) runs
over `dask.bag` partitions on the cluster's workers (each opens the gazetteer
once).  Then either

- the results come back and this process, the one writer, stores each partition
  in one transaction, in the order read (as the local pool does: `ingest_dask`), or
- each worker writes its partition's incidents as a GeoParquet file with
  geopandas (`parquet_out`, the data-lake path: nothing goes to the store).

This process reads the input and drops articles already stored, as the local
pool does, so a killed run resumes without re-parsing.  At most
`max_in_flight` partitions are on the cluster at once.

Addresses: ``tcp://HOST:8786`` (a running scheduler) or ``local[:N]`` (a
LocalCluster of N single-threaded worker processes on this machine).
"""
from __future__ import annotations

import hashlib
from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterable

from map_app.ingest.parallel import new_batches, parse_one, store_batch
from map_app.ingest.readers import ArticleInput
from map_app.ingest.run import IngestReport


def connect(address: str) -> Any:
    """A `distributed.Client` for an address (see the module doc)."""
    from distributed import Client, LocalCluster

    if address == "local" or address.startswith("local:"):
        try:
            n = int(address.partition(":")[2] or 2)
        except ValueError:
            raise ValueError(f"not a Dask address: {address!r} (use local:N or "
                             "tcp://HOST:PORT)") from None
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
        client._map_app_cluster = cluster  # closed with the client (see `close`)
    else:
        client = Client(address, timeout="30s")
    warm(client)
    return client


def warm(client: Any) -> None:
    """Open the gazetteer and build the parser in every worker now, once per process
    (a worker that cannot will report the reason for each article instead)."""
    try:
        client.run(_warm_worker)
    except Exception:  # noqa: BLE001 - e.g. no gazetteer index on a worker
        pass


def _warm_worker() -> None:
    from map_app import default_geoparser

    default_geoparser()


def close(client: Any) -> None:
    cluster = getattr(client, "_map_app_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


_PARSERS: dict[str, Any] = {}


def parse_partition(items: list[ArticleInput], parser: Any = None, prepared: bool = True
                    ) -> list[tuple[Any, str | None]]:
    """Runs on a worker: the default parser is built once per worker process."""
    if parser is None:
        parser = _PARSERS.get("default")
        if parser is None:
            from map_app.store.base import default_parser

            parser = _PARSERS["default"] = default_parser()
    return [parse_one(parser, item, prepared) for item in items]


def ingest_dask(store: Any, inputs: Iterable[ArticleInput], client: Any, report: IngestReport,
                *, partition_size: int = 64, parser: Any = None, max_in_flight: int | None = None,
                on_batch: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Parse on the cluster, store here partition by partition."""
    import dask.bag as db

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    limit = max_in_flight or 2 * workers
    in_flight: deque[tuple[Any, Any]] = deque()  # stored oldest first, as the local pool

    def collect() -> None:
        future, batch = in_flight.popleft()
        store_batch(store, batch, future.result(), report)
        future.release()
        if on_batch is not None:
            on_batch(report)

    for batch in new_batches(store, inputs, report, partition_size):
        bag = db.from_sequence(batch[0], npartitions=1).map_partitions(parse_partition, parser)
        in_flight.append((client.compute(bag.to_delayed()[0]), batch))
        while len(in_flight) >= limit:
            collect()
    while in_flight:
        collect()
    return report


# --------------------------------------------------------------------------- GeoParquet


def partition_to_geoparquet(items: list[ArticleInput], out_dir: str, parser: Any = None) -> dict:
    """Runs on a worker: parse a partition and write its incidents to one GeoParquet file
    named after the partition's content (rerunning rewrites the same file)."""
    import geopandas as gpd
    from shapely.geometry import Point

    rows, failed = [], []
    for item, (doc, error) in zip(items, parse_partition(items, parser, prepared=False),
                                  strict=True):
        if error is not None:
            failed.append((item.origin, error))
            continue
        for inc in doc.incidents:
            place = inc.place or (inc.location_mention.place if inc.location_mention else None)
            rows.append({
                "event_type": inc.event_type, "sub_event_type": inc.sub_event_type,
                "event_date": inc.event_date, "time_precision": inc.time_precision,
                "location": inc.location, "place_name": place.name if place else None,
                "country_code": place.country_code if place else None,
                "admin1": place.admin1 if place else None, "geo_precision": inc.geo_precision,
                "fatalities": inc.fatalities, "actor1": inc.actor1, "actor2": inc.actor2,
                "actors": list(inc.actors), "evidence": inc.evidence, "url": item.url,
                "source": item.source, "published": item.published,
                "geometry": Point(place.lon, place.lat) if place else None})
    digest = hashlib.sha256("\n".join(i.origin or i.text[:200] for i in items).encode()).hexdigest()
    path = Path(out_dir) / f"part-{digest[:16]}.parquet"
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326") if rows else \
        gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")
    frame.to_parquet(path)
    return {"file": str(path), "articles": len(items) - len(failed), "incidents": len(rows),
            "failed": failed}


def write_geoparquet(inputs: Iterable[ArticleInput], client: Any, out_dir: str | Path,
                     report: IngestReport, *, partition_size: int = 64, parser: Any = None
                     ) -> list[str]:
    """Parse on the cluster, each partition to `out_dir/part-*.parquet`; returns the files."""
    import dask
    import dask.bag as db

    Path(out_dir).mkdir(parents=True, exist_ok=True)
    items = list(inputs)
    if not items:
        return []
    bag = db.from_sequence(items, partition_size=partition_size)
    tasks = [dask.delayed(partition_to_geoparquet)(part, str(out_dir), parser)
             for part in bag.to_delayed()]
    files = []
    for result in client.gather(client.compute(tasks)):
        report.added += result["articles"]
        report.incidents += result["incidents"]
        report.failed.extend(result["failed"])
        files.append(result["file"])
    return files
