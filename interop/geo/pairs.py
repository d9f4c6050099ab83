"""Duplicate-camera pairs and sites: the numeric core of rule ``camera.duplicate_site``.

A duplicate pair is two points with different owner codes whose great-circle distance
(haversine_m, metres) is at most the radius. A site is a connected component of the
graph of duplicate pairs. Callers pass live cameras only, already in WGS-84 (to_wgs84).

Neighbour search is not quadratic: the points are put in a Euclidean frame (search_frame:
a bounded equirectangular plane for city- or province-sized data, else 3-D chord
coordinates on the sphere) where a grid of cells (the plane) or a k-d tree (the sphere)
lists every pair within a slightly inflated radius, a proven superset of the answer.
Candidates are then filtered by owner and exactly: pairs well inside the radius are kept
on the frame distance alone, the few within a millimetre-wide band around it are decided
by haversine_m. The result is the same as the brute-force O(n²) definition.

Points spread over more latitude than one plane allows (a whole country) are cut into
latitude bands that each fit a plane (:func:`latitude_bands`); a pair is searched in the
band holding its southern point, which also holds every point within the radius north of
it. A plane per band is faster than one 3-D tree on the sphere, with the same pairs.
"""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import ArrayLike, NDArray

from interop.geo.distance import (
    EARTH_RADIUS_M,
    MAX_PLANE_STRETCH,
    SearchFrame,
    haversine_m,
    plane_frame,
    search_frame,
)

IntArray = NDArray[np.intp]
FloatArray = NDArray[np.float64]


def _validated(
    lat: ArrayLike, lon: ArrayLike, owner_codes: ArrayLike, radius_m: float
) -> tuple[FloatArray, FloatArray, NDArray[np.generic]]:
    """Inputs as 1-D arrays of one length; ValueError on bad shapes, NaNs or radius."""
    lat_a = np.asarray(lat, dtype=np.float64)
    lon_a = np.asarray(lon, dtype=np.float64)
    owners = np.asarray(owner_codes)
    if lat_a.ndim != 1 or lat_a.shape != lon_a.shape or owners.shape != lat_a.shape:
        raise ValueError("lat, lon and owner_codes must be 1-D arrays of the same length")
    if not (np.isfinite(radius_m) and radius_m >= 0):
        raise ValueError(f"radius_m must be a finite number >= 0, got {radius_m!r}")
    if not (np.isfinite(lat_a).all() and np.isfinite(lon_a).all()):
        raise ValueError("lat and lon must be finite")
    return lat_a, lon_a, owners


def _empty_pairs() -> tuple[IntArray, IntArray]:
    return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)


def _search(frame: SearchFrame) -> tuple[NDArray[np.intp], IntArray]:
    """Candidate pairs (m, 2), i < j, within frame.search_m, and an order of the points
    that lists nearby points close together (used to speed up sites): in a plane by a
    grid (:func:`_grid_search`), on the sphere by a k-d tree (scipy's, imported then)."""
    if frame.coords.shape[1] == 2:
        return _grid_search(frame.coords, frame.search_m)
    from scipy.spatial import cKDTree

    tree = cKDTree(frame.coords, balanced_tree=False, compact_nodes=False)
    cand = tree.query_pairs(frame.search_m, output_type="ndarray")
    return cand.astype(np.intp, copy=False), tree.indices.astype(np.intp, copy=False)


GRID_SLACK = 1e-9
"""How much wider than the search radius a grid cell is (relative, and as many metres):
two points within the radius then stand in one cell or two neighbouring ones whatever
the rounding of their cells' numbers."""


def _grid_search(coords: FloatArray, search_m: float) -> tuple[NDArray[np.intp], IntArray]:
    """The pairs (m, 2), i < j, of 2-D points at most ``search_m`` apart (the pairs a k-d
    tree's ``query_pairs`` gives), and the points in the order of their cells.

    The plane is cut into square cells a little wider than ``search_m``; two points that
    near each other stand in one cell or in two that touch, so each point is compared
    with the points of its own cell and of four of its eight neighbours (north, and the
    three east), each pair of cells once. All in numpy: a million cameras in a fifth of a
    second, where scipy's tree took a quarter of a second after a sixth of a second to
    import ``scipy.spatial`` (in ``interop analyze``'s longest line of work)."""
    n = coords.shape[0]
    x, y = coords[:, 0], coords[:, 1]
    size = search_m * (1.0 + GRID_SLACK) + GRID_SLACK
    column = ((x - x.min()) // size).astype(np.int64)
    row = ((y - y.min()) // size).astype(np.int64)
    height = int(row.max()) + 3  # (a row between columns: no cell's neighbour wraps round)
    key = column * height + row
    order = np.argsort(key, kind="stable").astype(np.intp, copy=False)
    ordered = key[order]
    starts = np.flatnonzero(np.diff(ordered, prepend=ordered[0] - 1))  # each cell's first
    counts = np.diff(starts, append=n)
    cells = ordered[starts]
    within = _within_cells(starts, counts)
    firsts, seconds = [within[0]], [within[1]]
    for step in (1, height - 1, height, height + 1):  # north; south-east, east, north-east
        at = np.searchsorted(cells, cells + step)
        found = at < cells.size
        found[found] = cells[at[found]] == cells[found] + step
        a, b = _across_cells(starts[found], counts[found], starts[at[found]], counts[at[found]])
        firsts.append(a)
        seconds.append(b)
    i, j = order[np.concatenate(firsts)], order[np.concatenate(seconds)]
    dx, dy = x[i] - x[j], y[i] - y[j]
    near = dx * dx + dy * dy <= search_m * search_m
    i, j = i[near], j[near]
    return np.column_stack((np.minimum(i, j), np.maximum(i, j))), order


def _within_cells(starts: IntArray, counts: IntArray) -> tuple[IntArray, IntArray]:
    """Every pair of positions (in the cells' order) within one cell, the first before the
    second: cells of one size at a time, each cell's pairs those of ``triu_indices``."""
    firsts, seconds = [np.empty(0, dtype=np.intp)], [np.empty(0, dtype=np.intp)]
    for size in np.unique(counts[counts >= 2]).tolist():
        p, q = np.triu_indices(size, 1)
        at = starts[counts == size][:, None]
        firsts.append((at + p).ravel())
        seconds.append((at + q).ravel())
    return np.concatenate(firsts), np.concatenate(seconds)


def _across_cells(
    starts_a: IntArray, counts_a: IntArray, starts_b: IntArray, counts_b: IntArray
) -> tuple[IntArray, IntArray]:
    """Every pair of positions (in the cells' order) one in cell A, one in cell B, for
    each pair of cells (A, B) given."""
    total = counts_a * counts_b
    pair = np.repeat(np.arange(total.size), total)  # the pair of cells of each pair
    k = np.arange(int(total.sum())) - np.repeat(np.cumsum(total) - total, total)
    across = counts_b[pair]
    return starts_a[pair] + k // across, starts_b[pair] + k % across


def _within(
    frame: SearchFrame, lat: FloatArray, lon: FloatArray, i: IntArray, j: IntArray, r: float
) -> NDArray[np.bool_]:
    """Exact test haversine_m <= r for candidate pairs; haversine only near the boundary."""
    frame_sq = np.zeros(i.size)
    for axis in range(frame.coords.shape[1]):  # column by column: less temporary memory
        column = frame.coords[:, axis]
        diff = column[i] - column[j]
        frame_sq += diff * diff
    keep = frame_sq <= frame.sure_m * abs(frame.sure_m)  # sure_m < 0: nothing is sure
    unsure = np.flatnonzero(~keep)
    if unsure.size:
        iu, ju = i[unsure], j[unsure]
        keep[unsure] = haversine_m(lat[iu], lon[iu], lat[ju], lon[ju]) <= r
    return keep


def _sorted_pairs(i: IntArray, j: IntArray, n: int) -> tuple[IntArray, IntArray]:
    """Pairs ordered by (i, j), via one int64 sort key."""
    key = i.astype(np.int64)
    key *= n
    key += j
    key.sort(kind="stable")
    first = key // n
    key -= first * n
    return first.astype(np.intp, copy=False), key.astype(np.intp, copy=False)


MIN_BAND_DEG = 0.5
"""Narrowest latitude band worth a plane of its own, degrees (bands shrink towards a pole)."""
MAX_BANDS = 64


def _band_margin_deg(r: float) -> float:
    """Latitude span of r metres, degrees, with a safety margin: two points within r of
    each other differ in latitude by at most r / R radians."""
    return float(np.degrees(r / EARTH_RADIUS_M)) * (1.0 + 1e-6) + 1e-9


def _stretch(a: float, b: float) -> float:
    """max cos(latitude) / min cos(latitude) over latitudes a..b (degrees, a <= b < 90)."""
    abs_min = 0.0 if a <= 0.0 <= b else min(abs(a), abs(b))
    abs_max = max(abs(a), abs(b))
    return float(np.cos(np.radians(abs_min)) / np.cos(np.radians(abs_max)))


def latitude_bands(lat: ArrayLike, radius_m: float) -> list[tuple[float, float]] | None:
    """Latitude bands ``[lo, hi)`` covering every point (the last one open to the north),
    each of which, extended north by the latitude span of the radius, keeps cos(latitude)
    within MAX_PLANE_STRETCH, so its points fit one plane frame (:func:`plane_frame`).

    None when it would take more than MAX_BANDS bands or a band narrower than
    MIN_BAND_DEG (points near a pole): then one sphere frame is used.
    """
    lat_a = np.asarray(lat, dtype=np.float64)
    margin = _band_margin_deg(float(radius_m))
    lo, top = float(lat_a.min()), float(lat_a.max())
    bands: list[tuple[float, float]] = []
    while len(bands) < MAX_BANDS:
        if top + margin >= 90.0:
            return None
        # the largest hi (bisection) with the band lo..hi + margin within the stretch
        low, high = lo, 90.0 - margin
        for _ in range(60):
            mid = (low + high) / 2.0
            if _stretch(lo, mid + margin) <= MAX_PLANE_STRETCH:
                low = mid
            else:
                high = mid
        if low >= top:
            bands.append((lo, np.inf))
            return bands
        if low - lo < MIN_BAND_DEG:
            return None
        bands.append((lo, low))
        lo = low
    return None


def _frame_pairs(
    frame: SearchFrame, lat: FloatArray, lon: FloatArray, owners: NDArray[np.generic], r: float
) -> tuple[IntArray, IntArray, IntArray]:
    """Pairs i < j (unsorted) within r with different owners among the frame's points,
    and the search's point order."""
    cand, order = _search(frame)
    keep = owners[cand[:, 0]] != owners[cand[:, 1]]
    i, j = cand[keep, 0], cand[keep, 1]
    del cand, keep  # free the candidates early: they are the biggest arrays here
    keep = _within(frame, lat, lon, i, j, r)
    return i[keep], j[keep], order


def _banded_pairs(
    lat: FloatArray,
    lon: FloatArray,
    owners: NDArray[np.generic],
    r: float,
    bands: list[tuple[float, float]],
) -> tuple[IntArray, IntArray, IntArray]:
    """:func:`_frame_pairs` band by band: each pair comes from the band of its southern
    point (its *core*), searched among the points from the band's south edge to the
    margin beyond its north edge. The order lists each band's core points in search order."""
    margin = _band_margin_deg(r)
    firsts, seconds, orders = [], [], []
    for lo, hi in bands:
        points = np.flatnonzero((lat >= lo) & (lat < hi + margin))  # ascending indices
        band_lat, band_lon = lat[points], lon[points]
        core = band_lat < hi
        if points.size < 2:
            orders.append(points[core])
            continue
        i, j, order = _frame_pairs(
            search_frame(band_lat, band_lon, r), band_lat, band_lon, owners[points], r
        )
        south = np.minimum(band_lat[i], band_lat[j]) < hi
        firsts.append(points[i[south]])
        seconds.append(points[j[south]])
        orders.append(points[order[core[order]]])
    if not firsts:
        i, j = _empty_pairs()
        return i, j, np.concatenate(orders)
    return np.concatenate(firsts), np.concatenate(seconds), np.concatenate(orders)


def _pairs_and_order(
    lat: ArrayLike, lon: ArrayLike, owner_codes: ArrayLike, radius_m: float
) -> tuple[IntArray, IntArray, IntArray | None]:
    """duplicate_pairs plus a spatial order of the points (None for fewer than 2 points)."""
    lat_a, lon_a, owners = _validated(lat, lon, owner_codes, radius_m)
    n = lat_a.size
    if n < 2:
        i, j = _empty_pairs()
        return i, j, None
    r = float(radius_m)
    frame = plane_frame(lat_a, lon_a, r)
    bands = latitude_bands(lat_a, r) if frame is None else None
    if bands is not None and len(bands) > 1:
        i, j, order = _banded_pairs(lat_a, lon_a, owners, r, bands)
    else:
        i, j, order = _frame_pairs(frame or search_frame(lat_a, lon_a, r), lat_a, lon_a, owners, r)
    i, j = _sorted_pairs(i, j, n)
    return i, j, order


def duplicate_pairs(
    lat: ArrayLike, lon: ArrayLike, owner_codes: ArrayLike, radius_m: float
) -> tuple[IntArray, IntArray]:
    """Every pair i < j of points with owner_codes[i] != owner_codes[j] within radius_m.

    lat, lon: WGS-84 decimal degrees, 1-D, same length n, finite. owner_codes: same
    length, any dtype compared with != (integer codes, e.g. from pandas.factorize, are
    fastest). radius_m: metres, inclusive: the pairs are exactly those a brute-force
    haversine_m(...) <= radius_m over all pairs would give.
    Returns (i, j), two intp arrays of point indices, sorted by i then j.
    Time about O(n log n + candidate pairs); memory O(n + candidate pairs).
    """
    i, j, _ = _pairs_and_order(lat, lon, owner_codes, radius_m)
    return i, j


def duplicate_sites(
    lat: ArrayLike, lon: ArrayLike, owner_codes: ArrayLike, radius_m: float
) -> tuple[IntArray, IntArray, list[IntArray]]:
    """duplicate_pairs and their sites in one call: (i, j, sites(n, i, j)).

    Faster than the two calls apart: the component search reuses the spatial order of the
    neighbour search.
    """
    i, j, order = _pairs_and_order(lat, lon, owner_codes, radius_m)
    return i, j, sites(np.asarray(lat).shape[0], i, j, order=order)


def sites(n: int, i: ArrayLike, j: ArrayLike, order: ArrayLike | None = None) -> list[IntArray]:
    """Connected components (of size >= 2) of the graph on n points with edges (i, j).

    Each site is a sorted intp array of point indices; sites are ordered by their smallest
    index, so the output depends only on n and the edge set. The arrays are views into one
    buffer (copy one before changing it). order: optional permutation of range(n) that
    lists nearby points close together (as duplicate_sites passes); it only speeds up the
    component search (memory locality), the result is the same.
    """
    i_a = np.asarray(i, dtype=np.intp).ravel()
    j_a = np.asarray(j, dtype=np.intp).ravel()
    if i_a.shape != j_a.shape:
        raise ValueError("i and j must have the same length")
    if i_a.size == 0:
        return []
    if min(i_a.min(), j_a.min()) < 0 or max(i_a.max(), j_a.max()) >= n:
        raise ValueError(f"point indices must lie in 0..{n - 1}")
    if order is None:
        return _split_components(_component_labels(n, i_a, j_a))
    rank = _inverse_permutation(order, n)
    return _split_components(_component_labels(n, rank[i_a], rank[j_a])[rank])


def _inverse_permutation(order: ArrayLike, n: int) -> IntArray:
    """rank with rank[order[k]] = k; ValueError unless order is a permutation of range(n)."""
    perm = np.asarray(order, dtype=np.intp)
    if perm.shape != (n,) or (n and (perm.min() < 0 or perm.max() >= n)):
        raise ValueError("order must be a permutation of range(n)")
    rank = np.full(n, -1, dtype=np.intp)
    rank[perm] = np.arange(n, dtype=np.intp)
    if (rank < 0).any():
        raise ValueError("order must be a permutation of range(n)")
    return rank


def _component_labels(n: int, i: IntArray, j: IntArray) -> IntArray:
    """Component label of each of n points in the undirected graph with edges (i, j): the
    smallest point of its component. Labels start as the points themselves; each round,
    the larger label of an edge's two ends is pointed at the smaller (``minimum.at``),
    then every label followed to its end (pointer jumping), until both ends of every edge
    have one label. Labels only fall, so it ends; a camera site is a few points, and a
    handful of rounds settle a city's (numpy alone: no import of scipy's sparse graphs, a
    tenth of a second, on ``interop analyze``'s longest line of work)."""
    labels = np.arange(n, dtype=np.intp)
    while True:
        low, high = labels[i], labels[j]
        apart = low != high
        if not apart.any():
            return labels
        low, high = low[apart], high[apart]
        np.minimum.at(labels, np.maximum(low, high), np.minimum(low, high))
        while True:  # every label to its end
            further = labels[labels]
            if np.array_equal(further, labels):
                break
            labels = further


def _split_components(labels: IntArray) -> list[IntArray]:
    """Group point indices by component label, keeping components of size >= 2."""
    counts = np.bincount(labels)
    members = np.flatnonzero(counts[labels] >= 2)  # ascending point indices
    if members.size == 0:
        return []
    member_labels = labels[members]
    # Order components by their smallest member: where each label first appears.
    uniq, first = np.unique(member_labels, return_index=True)
    by_first = np.argsort(first, kind="stable")
    rank = np.empty(counts.size, dtype=np.intp)
    rank[uniq[by_first]] = np.arange(by_first.size)
    grouped = members[np.argsort(rank[member_labels], kind="stable")]
    bounds = np.concatenate(([0], np.cumsum(counts[uniq[by_first]])))
    return [grouped[a:b] for a, b in itertools.pairwise(bounds.tolist())]
