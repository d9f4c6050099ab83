"""Benchmark of the whole camera rule (camera.duplicate_site) on generated cameras.

    .venv/bin/python bench/cameras.py [--sizes 10000 100000 1000000] [--repeat 3]

For each size n the sample-city generator (``interop.generate``) makes a country whose
cameras number n (scale = n / 6,370, so density stays that of the audited city: at 1M,
66 cities), with their owners, networks and video systems. The inventory goes through
the real pipeline (validation, embedded graph), which is timed separately as *setup*.

rule      = ``camera.duplicate_site``'s ``check()`` on that graph: reading the live cameras
            from the graph's columnar view (``node_frame``), GCJ-02/BD-09 → WGS-84, exact
            pairs within 50 m of different owners, sites, and every finding with its
            evidence;
core      = the numeric part alone on the same arrays (datum + pairs + sites);
reference = scipy ``cKDTree(xy).query_pairs(50)`` on the same WGS-84 points projected to
            metres (local equirectangular), filtered to different owners — no datum
            conversion, no exact great-circle check, no sites, no findings.

Times are the best of --repeat runs; "peak MiB" is the tracemalloc peak of one more run
(Python objects and numpy buffers; not the k-d tree's C++ memory). Target: rule within
2x the reference at 1M cameras.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.spatial import cKDTree

from interop.generate import generate_city
from interop.geo import duplicate_pairs, local_xy_m, sites, to_wgs84
from interop.graph import build_graph
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate
from interop.parameters import Parameters
from interop.rules.base import AuditContext
from interop.rules.camera_duplicate_site import RULE

CAMERAS_AT_SCALE_1 = 6370
RADIUS_M = 50.0
TABLES = ("departments", "networks", "systems", "cameras")


def _inventory(n: int, seed: int) -> Any:
    tables = generate_city(seed=seed, scale=max(1.0, n / CAMERAS_AT_SCALE_1), lang="en",
                           cameras=n)  # fmt: skip
    raws = []
    for name in TABLES:
        rows = tables[name]
        headers = list(rows[0]) if rows else []
        raws.append(RawTable(name, f"{name}.csv", headers,
                             [(k + 2, row) for k, row in enumerate(rows)]))  # fmt: skip
    return validate(raws, f"generated n={n}")


def _arrays(graph: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    cams = [d for _, d in graph.nodes(data=True) if d["label"] == "Camera"
            and d.get("status", "in_use") == "in_use"]  # fmt: skip
    lat = np.array([d["lat"] for d in cams], dtype=np.float64)
    lon = np.array([d["lon"] for d in cams], dtype=np.float64)
    system = np.array([d.get("coord_system", "wgs84") for d in cams])
    owners = np.array([d["owner_id"] for d in cams])
    return lat, lon, system, owners


def _core(lat: np.ndarray, lon: np.ndarray, system: np.ndarray, owners: np.ndarray) -> int:
    wlat, wlon = to_wgs84(lat, lon, system)
    i, j = duplicate_pairs(wlat, wlon, owners, RADIUS_M)
    return len(sites(len(wlat), i, j))


def _reference(wlat: np.ndarray, wlon: np.ndarray, owners: np.ndarray) -> int:
    codes = np.unique(owners, return_inverse=True)[1]
    pairs = cKDTree(local_xy_m(wlat, wlon)).query_pairs(RADIUS_M, output_type="ndarray")
    return int((codes[pairs[:, 0]] != codes[pairs[:, 1]]).sum())


def _best(repeat: int, func: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None  # free the previous run's result before the clock starts, not inside it
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def _peak_mib(func: Callable[[], Any]) -> float:
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def run(n: int, repeat: int, seed: int) -> dict[str, Any]:
    start = time.perf_counter()
    inventory = _inventory(n, seed)
    graph = build_graph(inventory)
    setup = time.perf_counter() - start
    ctx = AuditContext(graph, Parameters(camera_radius_m=RADIUS_M))
    lat, lon, system, owners = _arrays(graph)
    wlat, wlon = to_wgs84(lat, lon, system)
    rule_s, findings = _best(repeat, lambda: RULE.check(ctx))
    core_s, _ = _best(repeat, lambda: _core(lat, lon, system, owners))
    ref_s, ref_pairs = _best(repeat, lambda: _reference(wlat, wlon, owners))
    return {
        "cameras": len(lat),
        "setup_s": setup,
        "rule_s": rule_s,
        "core_s": core_s,
        "ref_s": ref_s,
        "sites": len(findings),
        "ref_pairs": ref_pairs,
        "rule_mib": _peak_mib(lambda: RULE.check(ctx)),
        "ref_mib": _peak_mib(lambda: _reference(wlat, wlon, owners)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    header = (f"{'cameras':>9} {'setup s':>8} {'rule s':>8} {'core s':>8} {'ref s':>8} "
              f"{'rule/ref':>8} {'sites':>7} {'rule MiB':>9} {'ref MiB':>8}")  # fmt: skip
    print(header)
    for n in args.sizes:
        r = run(n, args.repeat, args.seed)
        print(
            f"{r['cameras']:>9,} {r['setup_s']:>8.1f} {r['rule_s']:>8.3f} {r['core_s']:>8.3f} "
            f"{r['ref_s']:>8.3f} {r['rule_s'] / r['ref_s']:>8.2f} {r['sites']:>7,} "
            f"{r['rule_mib']:>9.0f} {r['ref_mib']:>8.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
