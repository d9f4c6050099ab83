"""Great-circle distances and the projections used for neighbour search.

All angles are decimal degrees, all lengths metres. The Earth is a sphere of radius
EARTH_RADIUS_M = 6,371,008.8 m, the IUGG mean radius R1 = (2a + b) / 3 of the WGS-84
ellipsoid. Over tens of metres the spherical distance differs from the ellipsoidal
(geodesic) one by at most about 0.6 % (the ellipsoid's curvature varies with latitude and
bearing); the rule's radius is a policy threshold, so the sphere is what the findings spec
means by "great-circle distance".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

EARTH_RADIUS_M = 6_371_008.8
"""Mean Earth radius (IUGG R1 of WGS-84), metres."""


def haversine_m(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> FloatArray:
    """Great-circle distance in metres between (lat1, lon1) and (lat2, lon2) in degrees.

    Vectorised; the inputs are broadcast together. Accurate for small distances (the
    haversine form does not lose precision near 0 as the law of cosines does).
    """
    phi1 = np.radians(np.asarray(lat1, dtype=np.float64))
    phi2 = np.radians(np.asarray(lat2, dtype=np.float64))
    dphi = phi2 - phi1
    dlmb = np.radians(np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64))
    a = np.sin(dphi / 2.0) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2.0) ** 2
    return 2.0 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def chord_xyz_m(lat: ArrayLike, lon: ArrayLike) -> FloatArray:
    """Points (degrees) as 3-D Cartesian coordinates on the sphere of EARTH_RADIUS_M, metres.

    Returns an (n, 3) float64 array. The straight-line (chord) distance between two such
    points is 2 R sin(d / 2R) for great-circle distance d: strictly increasing in d, so a
    ball search with radius chord_radius_m(r) finds exactly the pairs within d <= r, at any
    latitude, across the antimeridian and in either hemisphere.
    """
    phi = np.radians(np.asarray(lat, dtype=np.float64)).ravel()
    lmb = np.radians(np.asarray(lon, dtype=np.float64)).ravel()
    out = np.empty((phi.size, 3), dtype=np.float64)
    cos_phi = np.cos(phi)
    out[:, 0] = cos_phi * np.cos(lmb)
    out[:, 1] = cos_phi * np.sin(lmb)
    out[:, 2] = np.sin(phi)
    out *= EARTH_RADIUS_M
    return out


def chord_radius_m(distance_m: float) -> float:
    """Chord length in metres that spans a great-circle distance of distance_m metres.

    Distances beyond half the circumference are clamped to it (chord = 2R).
    """
    half_angle = min(max(distance_m, 0.0), np.pi * EARTH_RADIUS_M) / (2.0 * EARTH_RADIUS_M)
    return float(2.0 * EARTH_RADIUS_M * np.sin(half_angle))


def _equirectangular_m(
    lat: FloatArray, lon: FloatArray, lat0: float, lon0: float, cos_scale: float
) -> FloatArray:
    """(n, 2) array of (east, north) metres: east scaled by cos_scale, origin (lat0, lon0)."""
    metres_per_degree = np.pi * EARTH_RADIUS_M / 180.0
    out = np.empty((lat.size, 2), dtype=np.float64)
    np.multiply(lon - lon0, metres_per_degree * cos_scale, out=out[:, 0])
    np.multiply(lat - lat0, metres_per_degree, out=out[:, 1])
    return out


def local_xy_m(
    lat: ArrayLike,
    lon: ArrayLike,
    lat0: float | None = None,
    lon0: float | None = None,
) -> FloatArray:
    """Equirectangular projection of points (degrees) to metres around (lat0, lon0).

    Returns an (n, 2) array of (east, north) metres; the origin defaults to the middle of
    the points' bounding box. Distances are exact along meridians and off by the factor
    cos(lat0) / cos(lat) east-west (about 0.4 % across a 0.4° tall city at 30°N), and it
    breaks across the antimeridian: fine for a city-sized benchmark or a quick look; the
    pair search uses search_frame, which bounds these errors.
    """
    lat_a = np.asarray(lat, dtype=np.float64).ravel()
    lon_a = np.asarray(lon, dtype=np.float64).ravel()
    if lat0 is None:
        lat0 = float((lat_a.min() + lat_a.max()) / 2.0) if lat_a.size else 0.0
    if lon0 is None:
        lon0 = float((lon_a.min() + lon_a.max()) / 2.0) if lon_a.size else 0.0
    return _equirectangular_m(lat_a, lon_a, lat0, lon0, float(np.cos(np.radians(lat0))))


SEARCH_PAD_M = 1e-3
"""Safety margin of the search radii, metres: absorbs rounding (~1e-9 m at city scale)."""
SEARCH_PAD_REL = 1e-9
"""Relative safety margin of the search radii."""
MAX_PLANE_STRETCH = 1.05
"""Use the plane frame only when cos(latitude) varies by at most this factor."""


@dataclass(frozen=True)
class SearchFrame:
    """Points in a Euclidean frame, metres, with radii that bracket a great-circle radius.

    For a great-circle radius r and any two points at great-circle distance d and frame
    distance D: d <= r implies D <= search_m (so a ball search is a superset), and
    D <= sure_m implies d <= r - SEARCH_PAD_M (so those pairs need no exact check).
    kind is "plane" (n, 2) or "sphere" (n, 3).
    """

    coords: FloatArray
    search_m: float
    sure_m: float
    kind: str


def search_frame(lat: ArrayLike, lon: ArrayLike, radius_m: float) -> SearchFrame:
    """The frame for finding all pairs within radius_m metres (great-circle) of points in degrees.

    "plane": equirectangular, east-west scaled by the cosine of the latitude farthest from
    the equator among the points, so no frame distance exceeds its great-circle distance
    (up to the arcsine term, bounded below); used when the points span at most 180° of
    longitude and cos(latitude) varies by at most MAX_PLANE_STRETCH (any city or province
    outside polar regions). Otherwise "sphere": 3-D chord coordinates (chord_xyz_m), exact
    everywhere. The plane is faster to search (a grid of cells); both give the same final pairs.
    """
    lat_a = np.asarray(lat, dtype=np.float64).ravel()
    lon_a = np.asarray(lon, dtype=np.float64).ravel()
    r = max(float(radius_m), 0.0)
    plane = plane_frame(lat_a, lon_a, r) if lat_a.size else None
    if plane is not None:
        return plane
    search_m = chord_radius_m(r) * (1.0 + SEARCH_PAD_REL) + SEARCH_PAD_M
    sure_m = chord_radius_m(r - SEARCH_PAD_M) if r > SEARCH_PAD_M else -1.0
    return SearchFrame(chord_xyz_m(lat_a, lon_a), search_m, sure_m, "sphere")


def plane_frame(lat: FloatArray, lon: FloatArray, r: float) -> SearchFrame | None:
    """The "plane" frame of search_frame, or None where it does not apply (decided before
    any coordinates are computed). ``lat``/``lon``: non-empty float64 arrays; ``r`` >= 0.

    With c0 = min cos(lat), haversine gives sin(d/2R)^2 >= sin(dlat/2)^2 + c0^2
    sin(dlon/2)^2, and the frame distance is D = 2R sqrt((dlat/2)^2 + c0^2 (dlon/2)^2)
    (angles in radians). For d <= r both half-angles have sine <= q = r / (2 R c0), so
    D <= d asin(q)/q. Conversely sin(d/2R) <= stretch D / 2R with stretch = max cos /
    min cos, which gives sure_m.
    """
    abs_lat = np.abs(lat)
    abs_max = float(abs_lat.max())
    abs_min = 0.0 if lat.min() <= 0.0 <= lat.max() else float(abs_lat.min())
    cos_min = float(np.cos(np.radians(abs_max)))
    cos_max = float(np.cos(np.radians(abs_min)))
    lon_lo, lon_hi = float(lon.min()), float(lon.max())
    q = r / (2.0 * EARTH_RADIUS_M * cos_min) if cos_min > 0.0 else np.inf
    if lon_hi - lon_lo > 180.0 or q > 0.5 or cos_max > MAX_PLANE_STRETCH * cos_min:
        return None
    arc_factor = float(np.arcsin(q) / q) if q > 0.0 else 1.0
    search_m = r * arc_factor * (1.0 + SEARCH_PAD_REL) + SEARCH_PAD_M
    stretch = cos_max / cos_min
    sure_m = chord_radius_m(r - SEARCH_PAD_M) / stretch if r > SEARCH_PAD_M else -1.0
    coords = _equirectangular_m(lat, lon, 0.0, (lon_lo + lon_hi) / 2.0, cos_min)
    return SearchFrame(coords, search_m, sure_m, "plane")


HULL_FROM = 64
"""From this many points on, :func:`max_distance_m` searches only the convex hull."""


def max_distance_m(lat: ArrayLike, lon: ArrayLike) -> float:
    """The largest great-circle distance between two of the points (metres); 0 for < 2.

    The farthest pair of a point set lies on its convex hull, so from ``HULL_FROM`` points
    on only the hull's vertices (found in a local plane, :func:`local_xy_m`) are compared:
    linear-logarithmic instead of quadratic, which matters when a site holds thousands of
    cameras. Distances themselves are always haversine. Smaller sets, and sets whose hull
    is degenerate (all points on a line), compare every pair.
    """
    lat_a = np.asarray(lat, dtype=np.float64)
    lon_a = np.asarray(lon, dtype=np.float64)
    if lat_a.size < 2:
        return 0.0
    if lat_a.size >= HULL_FROM:
        from scipy.spatial import ConvexHull, QhullError

        try:
            vertices = ConvexHull(local_xy_m(lat_a, lon_a)).vertices
        except QhullError:
            vertices = None
        if vertices is not None:
            lat_a, lon_a = lat_a[vertices], lon_a[vertices]
    return max(
        float(haversine_m(lat_a[k], lon_a[k], lat_a[k + 1 :], lon_a[k + 1 :]).max())
        for k in range(lat_a.size - 1)
    )


def max_distances_m(lat: ArrayLike, lon: ArrayLike, groups: Sequence[ArrayLike]) -> FloatArray:
    """:func:`max_distance_m` of each group of points (``groups``: index arrays into
    ``lat``/``lon``, each taken in its given order), as one array.

    The same numbers as calling ``max_distance_m(lat[g], lon[g])`` for each group: the same
    haversine of the same operands (each point against the points after it), only
    computed for all groups of one size at once; groups of ``HULL_FROM`` points or more
    are passed to :func:`max_distance_m` one by one.
    """
    lat_a = np.ascontiguousarray(lat, dtype=np.float64)
    lon_a = np.ascontiguousarray(lon, dtype=np.float64)
    index = [np.asarray(g, dtype=np.intp).ravel() for g in groups]
    out = np.zeros(len(index), dtype=np.float64)
    sizes = np.fromiter((g.size for g in index), dtype=np.intp, count=len(index))
    for k in np.flatnonzero(sizes >= HULL_FROM).tolist():
        out[k] = max_distance_m(lat_a[index[k]], lon_a[index[k]])
    small = (sizes >= 2) & (sizes < HULL_FROM)
    for size in np.unique(sizes[small]).tolist():
        which = np.flatnonzero(sizes == size)
        points = np.stack([index[k] for k in which.tolist()])  # (groups, size)
        earlier, later = np.triu_indices(size, 1)
        p, q = points[:, earlier].ravel(), points[:, later].ravel()
        metres = haversine_m(lat_a[p], lon_a[p], lat_a[q], lon_a[q])
        out[which] = metres.reshape(which.size, earlier.size).max(axis=1)
    return out
