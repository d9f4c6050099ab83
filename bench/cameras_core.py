"""Benchmark of the camera rule's numeric core against a plain k-d tree reference.

    .venv/bin/python bench/cameras_core.py [--sizes 10000 100000 1000000] [--repeat 3]

Synthetic city: n cameras in the Wuhan bounding box (lat 30.4–30.8, lon 114.1–114.6),
70 % "base" points (35 % uniform, 65 % in 60 Gaussian districts of ~1.7 km sigma) and 30 %
placed 0–60 m from a random base point with a different owner; 90 owner codes. Input
coordinates are 60 % WGS-84, 30 % GCJ-02, 10 % BD-09 (converted from the true WGS-84).

pipeline  = to_wgs84 + duplicate_sites (exact pairs + sites) on the mixed input;
reference = local_xy_m on the true WGS-84 points + cKDTree(xy).query_pairs(r) (default
            tree options) + different-owner filter: no datum conversion, no exact
            great-circle check, no sites.

Each (size, variant) runs in a fresh subprocess so that peak memory is its own:
"peak RSS" is the peak resident memory of the first run above the resident memory before
it (VmHWM after resetting it through /proc/self/clear_refs; ru_maxrss elsewhere);
"traced" is the tracemalloc peak of a separate run (numpy buffers only, not the k-d tree's
C++ memory). Times are the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interop.geo import (
    EARTH_RADIUS_M,
    duplicate_pairs,
    duplicate_sites,
    haversine_m,
    local_xy_m,
    sites,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

BBOX = (30.4, 30.8, 114.1, 114.6)  # lat min, lat max, lon min, lon max (degrees)
N_OWNERS = 90
DUPLICATE_SHARE = 0.3
DUPLICATE_MAX_M = 60.0
SYSTEM_SHARES = {"wgs84": 0.6, "gcj02": 0.3, "bd09": 0.1}

Arrays = dict[str, NDArray[Any]]


def _base_points(rng: np.random.Generator, n: int) -> tuple[NDArray[Any], NDArray[Any]]:
    """n points (degrees) in BBOX: 35 % uniform, 65 % in 60 Gaussian districts."""
    lat_lo, lat_hi, lon_lo, lon_hi = BBOX
    n_uniform = int(0.35 * n)
    lat = np.empty(n)
    lon = np.empty(n)
    lat[:n_uniform] = rng.uniform(lat_lo, lat_hi, n_uniform)
    lon[:n_uniform] = rng.uniform(lon_lo, lon_hi, n_uniform)
    centres = rng.integers(0, 60, n - n_uniform)
    c_lat = rng.uniform(lat_lo + 0.05, lat_hi - 0.05, 60)
    c_lon = rng.uniform(lon_lo + 0.05, lon_hi - 0.05, 60)
    lat[n_uniform:] = np.clip(c_lat[centres] + rng.normal(0, 0.015, centres.size), lat_lo, lat_hi)
    lon[n_uniform:] = np.clip(c_lon[centres] + rng.normal(0, 0.017, centres.size), lon_lo, lon_hi)
    return lat, lon


def make_city(n: int, seed: int) -> Arrays:
    """Synthetic cameras: true WGS-84 lat/lon, owner codes, and the mixed-datum input."""
    rng = np.random.default_rng(seed)
    n_dup = int(DUPLICATE_SHARE * n)
    n_base = n - n_dup
    lat, lon = np.empty(n), np.empty(n)
    lat[:n_base], lon[:n_base] = _base_points(rng, n_base)
    owners = np.empty(n, dtype=np.int64)
    owners[:n_base] = rng.integers(0, N_OWNERS, n_base)
    parent = rng.integers(0, n_base, n_dup)
    dist = rng.uniform(0.0, DUPLICATE_MAX_M, n_dup)
    bearing = rng.uniform(0.0, 2.0 * np.pi, n_dup)
    cos_lat = np.cos(np.radians(lat[parent]))
    lat[n_base:] = lat[parent] + np.degrees(dist * np.cos(bearing) / EARTH_RADIUS_M)
    lon[n_base:] = lon[parent] + np.degrees(dist * np.sin(bearing) / EARTH_RADIUS_M / cos_lat)
    owners[n_base:] = (owners[parent] + rng.integers(1, N_OWNERS, n_dup)) % N_OWNERS
    names = np.array(list(SYSTEM_SHARES), dtype="<U5")
    system = names[rng.choice(names.size, n, p=list(SYSTEM_SHARES.values()))]
    in_lat, in_lon = lat.copy(), lon.copy()
    for name, convert in (("gcj02", wgs84_to_gcj02), ("bd09", wgs84_to_bd09)):
        mask = system == name
        in_lat[mask], in_lon[mask] = convert(lat[mask], lon[mask])
    return {"lat": lat, "lon": lon, "owners": owners, "in_lat": in_lat, "in_lon": in_lon,
            "system": system}  # fmt: skip


def run_pipeline(d: Arrays, radius: float) -> tuple[NDArray[Any], NDArray[Any], int]:
    """Datum conversion, exact pairs and sites; returns (i, j, number of sites)."""
    lat, lon = to_wgs84(d["in_lat"], d["in_lon"], d["system"])
    i, j, found = duplicate_sites(lat, lon, d["owners"], radius)
    return i, j, len(found)


def run_reference(d: Arrays, radius: float) -> tuple[NDArray[Any], NDArray[Any], int]:
    """Plain cKDTree.query_pairs on the true points in a local metric plane."""
    xy = local_xy_m(d["lat"], d["lon"])
    pairs = cKDTree(xy).query_pairs(radius, output_type="ndarray")
    owners = d["owners"]
    pairs = pairs[owners[pairs[:, 0]] != owners[pairs[:, 1]]]
    return pairs[:, 0], pairs[:, 1], 0


def stage_times(d: Arrays, radius: float, repeat: int) -> dict[str, float]:
    """Best time of each pipeline stage on its own (seconds)."""
    lat, lon = to_wgs84(d["in_lat"], d["in_lon"], d["system"])
    i, j = duplicate_pairs(lat, lon, d["owners"], radius)
    stages: dict[str, Callable[[], object]] = {
        "to_wgs84": lambda: to_wgs84(d["in_lat"], d["in_lon"], d["system"]),
        "duplicate_pairs": lambda: duplicate_pairs(lat, lon, d["owners"], radius),
        "sites (no order)": lambda: sites(lat.size, i, j),
    }
    return {name: best_time(fn, repeat)[0] for name, fn in stages.items()}


def best_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """(best wall time in seconds, last result) over repeat runs."""
    best, result = np.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def _status_mib(field: str) -> float | None:
    """A memory field of /proc/self/status (VmRSS, VmHWM) in MiB, or None off Linux."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


def reset_peak() -> float:
    """Reset the peak-RSS counter where Linux allows it; return the current RSS, MiB.

    Writing 5 to /proc/self/clear_refs resets VmHWM (Linux >= 4.0). Without it the peak is
    ru_maxrss, which also counts everything before (e.g. loading the data).
    """
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    rss = _status_mib("VmRSS")
    return rss if rss is not None else peak_mib()


def peak_mib() -> float:
    """Peak resident set size since reset_peak (or since start), MiB."""
    hwm = _status_mib("VmHWM")
    if hwm is not None:
        return hwm
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def pair_keys(i: NDArray[Any], j: NDArray[Any], n: int) -> NDArray[np.int64]:
    return np.unique(i.astype(np.int64) * n + j)


def child(variant: str, path: str, radius: float, repeat: int) -> dict[str, Any]:
    """Measure one variant on the data saved at path; runs in its own process."""
    with np.load(path) as z:
        d = {k: z[k] for k in z.files}
    run = run_pipeline if variant == "pipeline" else run_reference
    base = reset_peak()
    seconds, result = best_time(lambda: run(d, radius), 1)
    peak = peak_mib() - base
    if repeat > 1:
        seconds = min(seconds, best_time(lambda: run(d, radius), repeat - 1)[0])
    tracemalloc.start()
    run(d, radius)
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    out: dict[str, Any] = {"time": seconds, "peak_rss": peak, "traced": traced,
                           "pairs": int(result[0].size), "sites": result[2]}  # fmt: skip
    if variant == "pipeline":
        out["stages"] = stage_times(d, radius, repeat)
        ri, rj, _ = run_reference(d, radius)
        ours, ref = pair_keys(result[0], result[1], d["lat"].size), pair_keys(ri, rj, d["lat"].size)
        differ = np.setxor1d(ours, ref, assume_unique=True)
        out["only_ours"] = int(np.setdiff1d(ours, ref, assume_unique=True).size)
        out["only_ref"] = int(differ.size - out["only_ours"])
        n = d["lat"].size
        dist = haversine_m(d["lat"][differ // n], d["lon"][differ // n],
                           d["lat"][differ % n], d["lon"][differ % n])  # fmt: skip
        out["differ_max_off_m"] = float(np.abs(dist - radius).max()) if differ.size else 0.0
    return out


def measure(variant: str, path: Path, radius: float, repeat: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", variant, str(path), "--radius", str(radius),
           "--repeat", str(repeat)]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    args = parse_args()
    if args.child:
        variant, path = args.child
        print(json.dumps(child(variant, path, args.radius, args.repeat)))
        return
    header = (f"{'n':>9} {'variant':>9} {'time s':>8} {'ratio':>6} {'peak RSS MiB':>13} "
              f"{'traced MiB':>11} {'pairs':>9} {'sites':>7}")  # fmt: skip
    print(header)
    notes = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"city_{n}.npz"
            city: dict[str, Any] = make_city(n, args.seed)  # array names, not savez options
            np.savez(path, **city)
            ref = measure("reference", path, args.radius, args.repeat)
            ours = measure("pipeline", path, args.radius, args.repeat)
            for name, r in (("reference", ref), ("pipeline", ours)):
                print(f"{n:>9} {name:>9} {r['time']:>8.3f} {r['time'] / ref['time']:>6.2f} "
                      f"{r['peak_rss']:>13.1f} {r['traced']:>11.1f} {r['pairs']:>9} "
                      f"{r['sites'] or '':>7}")  # fmt: skip
            stages = ", ".join(f"{k} {v:.3f} s" for k, v in ours["stages"].items())
            notes.append(f"n={n}: stages {stages}; pairs only in pipeline {ours['only_ours']}, "
                         f"only in reference {ours['only_ref']}, all within "
                         f"{ours['differ_max_off_m']:.3f} m of the radius")  # fmt: skip
    print()
    print("\n".join(notes))


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--radius", type=float, default=50.0, help="metres")
    p.add_argument("--seed", type=int, default=20261126)
    p.add_argument("--child", nargs=2, metavar=("VARIANT", "NPZ"), help=argparse.SUPPRESS)
    return p.parse_args()


if __name__ == "__main__":
    main()
