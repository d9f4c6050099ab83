"""Benchmark: read, validate, build and check an inventory, each step timed, peak RSS.

    .venv/bin/python bench/pipeline.py INVENTORY [--as-of 2020-12-31] [--rows]
    .venv/bin/python bench/pipeline.py --generate DIR --scale 157 --cameras 1000000

Steps, in one process, as ``interop analyze`` runs them before writing outputs:

read      = the loader (``interop.loaders.read_raw_tables``): files into raw tables;
validate  = ``interop.inventory.validate.validate`` (columns) or, with ``--rows``,
            ``validate_rows`` (one pydantic ``model_validate`` per row: the reference);
build     = ``interop.graph.build_graph``;
rules     = ``interop.analysis.run_rules`` (every rule);
reference = a pandas + scipy script doing the camera rule on the same cameras file
            (``pd.read_csv``, GCJ-02/BD-09 left as written, ``cKDTree.query_pairs`` within
            the radius on local metres, pairs of different owners): the issue's yardstick.

Prints seconds per step, the process's peak RSS (``ru_maxrss``) after each step, and the
counts (rows, nodes, findings), so a run before and after a change can be compared. Run it
under ``/usr/bin/time -v`` for the kernel's own figure. The machine may be shared: compare
runs made one after the other.
"""

from __future__ import annotations

import argparse
import datetime
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _step(name: str, action: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    print(f"{name:<10} {seconds:8.2f} s   peak RSS {_rss_mib():8.0f} MiB", flush=True)
    return result


def reference(folder: Path, radius_m: float = 50.0) -> int:
    """The camera rule as a plain pandas + scipy script: pairs of different owners within
    ``radius_m`` (no datum conversion, no sites, no findings)."""
    import numpy as np
    import pandas as pd
    from scipy.spatial import cKDTree

    path = next(p for p in folder.glob("*.csv") if p.stem in ("cameras", "视频监控"))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    lat_col, lon_col, owner_col = (
        ("lat", "lon", "owner_id") if "lat" in frame else ("纬度", "经度", "建设部门")
    )
    lat = pd.to_numeric(frame[lat_col], errors="coerce").to_numpy()
    lon = pd.to_numeric(frame[lon_col], errors="coerce").to_numpy()
    ok = np.isfinite(lat) & np.isfinite(lon)
    lat, lon, owners = lat[ok], lon[ok], frame[owner_col].to_numpy()[ok]
    lat0 = np.radians(lat.mean())
    xy = np.column_stack((np.radians(lon) * 6_371_000 * np.cos(lat0), np.radians(lat) * 6_371_000))
    pairs = cKDTree(xy).query_pairs(radius_m, output_type="ndarray")
    return int((owners[pairs[:, 0]] != owners[pairs[:, 1]]).sum())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inventory", type=Path, nargs="?")
    parser.add_argument("--as-of", default="2020-12-31")
    parser.add_argument("--rows", action="store_true", help="validate row by row (reference)")
    parser.add_argument("--no-reference", action="store_true")
    parser.add_argument("--generate", type=Path, help="write a generated city here first")
    parser.add_argument("--scale", type=float, default=157.0)
    parser.add_argument("--cameras", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    if args.generate:
        from interop.generate import write_city

        write_city(args.generate, scale=args.scale, cameras=args.cameras)
        print(f"wrote {args.generate}")
        return 0
    if args.inventory is None:
        parser.error("give an INVENTORY folder (or --generate DIR)")

    from interop.analysis import run_rules
    from interop.graph import build_graph
    from interop.inventory import validate as validation
    from interop.loaders import read_raw_tables
    from interop.parameters import Parameters

    validate: Any = validation.validate_rows if args.rows else validation.validate
    total = time.perf_counter()
    raws = _step("read", lambda: read_raw_tables(args.inventory))
    inventory = _step("validate", lambda: validate(raws, str(args.inventory)))
    raws.clear()  # as analyze: the raw cells are not kept
    graph = _step("build", lambda: build_graph(inventory))
    as_of = datetime.date.fromisoformat(args.as_of)
    findings = _step("rules", lambda: run_rules(graph, Parameters(as_of=as_of)))
    whole = time.perf_counter() - total
    print(f"{'total':<10} {whole:8.2f} s   peak RSS {_rss_mib():8.0f} MiB")
    counts = inventory.counts()
    print(
        f"rows: {counts}; graph: {graph.number_of_nodes():,} nodes, "
        f"{graph.number_of_edges():,} edges; {len(findings):,} findings; "
        f"{len(inventory.report.rejected)} rejected, {len(inventory.report.warnings)} warnings"
    )
    if not args.no_reference:
        start = time.perf_counter()
        pairs = reference(args.inventory)
        seconds = time.perf_counter() - start
        print(f"reference  {seconds:8.2f} s   ({pairs:,} pairs of different owners)")
        print(f"ratio      {whole / seconds:8.1f} x  (read+validate+build+rules / reference)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
