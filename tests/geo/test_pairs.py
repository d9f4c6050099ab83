"""Tests of interop.geo.distance and interop.geo.pairs against brute-force definitions."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from interop.geo import (
    EARTH_RADIUS_M,
    chord_radius_m,
    chord_xyz_m,
    duplicate_pairs,
    duplicate_sites,
    haversine_m,
    search_frame,
    sites,
)
from interop.geo.distance import SEARCH_PAD_M

R = 50.0  # the rule's default radius, metres


# ---------------------------------------------------------------- helpers (references)


def destination(lat: float, lon: float, bearing_deg: float, dist_m: float) -> tuple[float, float]:
    """Spherical direct problem: the point dist_m from (lat, lon) along bearing (degrees)."""
    phi, lmb, theta = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    delta = dist_m / EARTH_RADIUS_M
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lmb2 = lmb + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    lon2 = (math.degrees(lmb2) + 540.0) % 360.0 - 180.0
    return math.degrees(phi2), lon2


def brute_pairs(
    lat: np.ndarray, lon: np.ndarray, owners: np.ndarray, radius: float
) -> set[tuple[int, int]]:
    """The definition, O(n²): i < j, owners differ, haversine_m <= radius."""
    d = haversine_m(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    ok = (d <= radius) & (owners[:, None] != owners[None, :])
    i, j = np.nonzero(np.triu(ok, k=1))
    return set(zip(i.tolist(), j.tolist(), strict=True))


def as_set(i: np.ndarray, j: np.ndarray) -> set[tuple[int, int]]:
    return set(zip(i.tolist(), j.tolist(), strict=True))


def union_find_sites(n: int, pairs: set[tuple[int, int]]) -> list[list[int]]:
    """Components of size >= 2 by a plain union-find, ordered by smallest member."""
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for a in range(n):
        groups.setdefault(find(a), []).append(a)
    return sorted((g for g in groups.values() if len(g) >= 2), key=lambda g: g[0])


def clustered_points(
    rng: np.random.Generator, n: int, lat0: float, lon0: float, span_m: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """n points around (lat0, lon0): half spread over span_m, half within 0–60 m of another.

    Owners are drawn from 6 codes, so many close pairs share an owner (near misses).
    """
    lat, lon = np.empty(n), np.empty(n)
    base = n // 2
    for k in range(base):
        lat[k], lon[k] = destination(
            lat0, lon0, rng.uniform(0, 360), span_m * math.sqrt(rng.uniform())
        )
    for k in range(base, n):
        p = int(rng.integers(0, k))
        lat[k], lon[k] = destination(lat[p], lon[p], rng.uniform(0, 360), rng.uniform(0, 60))
    owners = rng.integers(0, 6, n)
    return lat, lon, owners


PLACES = {
    "wuhan": (30.6, 114.3),
    "sydney": (-33.87, 151.21),
    "equator": (0.0, -60.0),
    "tromso": (69.65, 18.96),
    "antimeridian": (-16.5, 179.9995),
    "north_pole": (89.9995, 45.0),
}


# ---------------------------------------------------------------- distance


def test_haversine_known_distances() -> None:
    metres_per_degree = math.pi * EARTH_RADIUS_M / 180.0
    assert haversine_m(30.0, 114.0, 31.0, 114.0) == pytest.approx(metres_per_degree, rel=1e-12)
    assert haversine_m(0.0, 0.0, 0.0, 1.0) == pytest.approx(metres_per_degree, rel=1e-12)
    assert haversine_m(0.0, 0.0, 90.0, 0.0) == pytest.approx(math.pi / 2 * EARTH_RADIUS_M)
    assert haversine_m(10.0, 20.0, -10.0, -160.0) == pytest.approx(math.pi * EARTH_RADIUS_M)
    assert haversine_m(-16.5, 179.9995, -16.5, -179.9995) == pytest.approx(
        0.001 * metres_per_degree * math.cos(math.radians(16.5)), rel=1e-6
    )
    assert haversine_m(30.6, 114.3, 30.6, 114.3) == 0.0


def test_haversine_matches_vector_angle_and_destination() -> None:
    rng = np.random.default_rng(3)
    lat1, lon1 = rng.uniform(-89, 89, 500), rng.uniform(-180, 180, 500)
    lat2, lon2 = rng.uniform(-89, 89, 500), rng.uniform(-180, 180, 500)
    a, b = chord_xyz_m(lat1, lon1), chord_xyz_m(lat2, lon2)
    angle = np.arctan2(np.linalg.norm(np.cross(a, b), axis=1), np.einsum("ij,ij->i", a, b))
    assert np.allclose(haversine_m(lat1, lon1, lat2, lon2), angle * EARTH_RADIUS_M, rtol=1e-9)
    for k in range(100):
        d = float(rng.uniform(0.01, 5000))
        p = destination(lat1[k], lon1[k], rng.uniform(0, 360), d)
        assert haversine_m(lat1[k], lon1[k], *p) == pytest.approx(d, rel=1e-8, abs=1e-6)


def test_chord_radius_is_monotone_and_clamped() -> None:
    assert chord_radius_m(0.0) == 0.0
    assert chord_radius_m(50.0) < 50.0
    assert chord_radius_m(50.0) == pytest.approx(50.0, rel=1e-10)
    assert chord_radius_m(1e9) == pytest.approx(2 * EARTH_RADIUS_M)
    values = [chord_radius_m(d) for d in np.linspace(0, math.pi * EARTH_RADIUS_M, 50)]
    assert all(b > a for a, b in itertools.pairwise(values))


@pytest.mark.parametrize("place", list(PLACES))
def test_search_frame_brackets_great_circle_distance(place: str) -> None:
    rng = np.random.default_rng(11)
    lat0, lon0 = PLACES[place]
    pts = [destination(lat0, lon0, rng.uniform(0, 360), rng.uniform(0, 3000)) for _ in range(400)]
    lat = np.array([p[0] for p in pts])
    lon = np.array([p[1] for p in pts])
    frame = search_frame(lat, lon, R)
    i, j = np.triu_indices(lat.size, k=1)
    d = haversine_m(lat[i], lon[i], lat[j], lon[j])
    big = np.linalg.norm(frame.coords[i] - frame.coords[j], axis=1)
    assert np.all(big[d <= R] <= frame.search_m)  # candidates are a superset
    assert np.all(d[big <= frame.sure_m] <= R - SEARCH_PAD_M)  # sure pairs are inside
    assert frame.sure_m > 0.99 * R  # the band needing haversine is narrow
    expected = "sphere" if place in ("antimeridian", "north_pole") else "plane"
    assert frame.kind == expected


# ---------------------------------------------------------------- duplicate_pairs


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("place", list(PLACES))
def test_pairs_equal_brute_force(seed: int, place: str) -> None:
    rng = np.random.default_rng(seed)
    lat, lon, owners = clustered_points(rng, 600, *PLACES[place], span_m=1500)
    i, j = duplicate_pairs(lat, lon, owners, R)
    expected = brute_pairs(lat, lon, owners, R)
    assert len(expected) > 50  # the data really has pairs
    assert as_set(i, j) == expected
    assert len(i) == len(expected)  # no duplicates
    assert np.all(i < j)
    assert np.all(np.diff(i * lat.size + j) > 0)  # sorted by (i, j)


@pytest.mark.parametrize("place", list(PLACES))
def test_points_at_radius_plus_minus_epsilon(place: str) -> None:
    rng = np.random.default_rng(5)
    lat0, lon0 = PLACES[place]
    lat, lon, inside, outside = [], [], [], []
    for k in range(60):
        c = destination(lat0, lon0, rng.uniform(0, 360), 400.0 * k)
        for factor, bucket in ((1 - 1e-6, inside), (1.0, None), (1 + 1e-6, outside)):
            p = destination(*c, rng.uniform(0, 360), R * factor)
            lat += [c[0], p[0]]
            lon += [c[1], p[1]]
            if bucket is not None:
                bucket.append((len(lat) - 2, len(lat) - 1))
    lat_a, lon_a = np.array(lat), np.array(lon)
    owners = np.arange(lat_a.size)  # all different
    got = as_set(*duplicate_pairs(lat_a, lon_a, owners, R))
    assert got == brute_pairs(lat_a, lon_a, owners, R)
    assert set(inside) <= got  # 50 µm inside: found
    assert not set(outside) & got  # 50 µm outside: not found


def test_same_owner_near_misses_are_not_pairs() -> None:
    rng = np.random.default_rng(2)
    lat, lon, owners = [], [], []
    for k in range(200):
        c = (30.6 + 0.005 * k, 114.3)  # centres ~556 m apart
        p = destination(*c, rng.uniform(0, 360), rng.uniform(0, 10))
        lat += [c[0], p[0]]
        lon += [c[1], p[1]]
        owners += [k, k]  # same owner, a few metres apart
    got = duplicate_pairs(np.array(lat), np.array(lon), np.array(owners), R)
    assert got[0].size == 0
    owners[1] = 10_000  # one pair with different owners
    i, j = duplicate_pairs(np.array(lat), np.array(lon), np.array(owners), R)
    assert as_set(i, j) == {(0, 1)}


def test_globe_wide_points_use_the_sphere_and_match_brute_force() -> None:
    rng = np.random.default_rng(9)
    parts = [clustered_points(rng, 150, *PLACES[p], span_m=800) for p in PLACES]
    lat = np.concatenate([p[0] for p in parts])
    lon = np.concatenate([p[1] for p in parts])
    owners = np.concatenate([p[2] for p in parts])
    assert search_frame(lat, lon, R).kind == "sphere"
    assert as_set(*duplicate_pairs(lat, lon, owners, R)) == brute_pairs(lat, lon, owners, R)


def test_string_owner_codes_and_other_radii() -> None:
    rng = np.random.default_rng(4)
    lat, lon, codes = clustered_points(rng, 500, 30.6, 114.3, span_m=1000)
    owners = np.array([f"D{c:03d}" for c in codes], dtype=object)
    for radius in (0.0, 5.0, 50.0, 250.0):
        got = as_set(*duplicate_pairs(lat, lon, owners, radius))
        assert got == brute_pairs(lat, lon, owners, radius)


def test_identical_points_pair_at_radius_zero() -> None:
    lat = np.array([30.6, 30.6, 30.6, 30.7])
    lon = np.array([114.3, 114.3, 114.3, 114.3])
    i, j = duplicate_pairs(lat, lon, np.array([1, 2, 1, 3]), 0.0)
    assert as_set(i, j) == {(0, 1), (1, 2)}


def test_small_and_invalid_inputs() -> None:
    for n in (0, 1):
        i, j = duplicate_pairs(np.zeros(n), np.zeros(n), np.zeros(n), R)
        assert i.size == 0 and j.size == 0
    with pytest.raises(ValueError):
        duplicate_pairs(np.array([1.0, np.nan]), np.array([1.0, 1.0]), np.array([1, 2]), R)
    with pytest.raises(ValueError):
        duplicate_pairs(np.zeros(2), np.zeros(2), np.array([1, 2]), -1.0)
    with pytest.raises(ValueError):
        duplicate_pairs(np.zeros(2), np.zeros(3), np.array([1, 2]), R)


# ---------------------------------------------------------------- sites


@pytest.mark.parametrize("seed", range(5))
def test_sites_are_the_connected_components(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 400
    m = int(rng.integers(50, 400))
    a, b = rng.integers(0, n, m), rng.integers(0, n, m)
    pairs = {(int(min(x, y)), int(max(x, y))) for x, y in zip(a, b, strict=True) if x != y}
    i = np.array([p[0] for p in pairs])
    j = np.array([p[1] for p in pairs])
    expected = union_find_sites(n, pairs)
    got = sites(n, i, j)
    assert [s.tolist() for s in got] == expected
    # the order hint changes nothing; nor does the order or direction of the edges
    shuffled = rng.permutation(n)
    assert [s.tolist() for s in sites(n, i, j, order=shuffled)] == expected
    flip = rng.permutation(i.size)
    assert [s.tolist() for s in sites(n, j[flip], i[flip])] == expected


def test_sites_of_chains_and_isolated_points() -> None:
    got = sites(10, np.array([7, 3, 1]), np.array([8, 2, 2]))
    assert [s.tolist() for s in got] == [[1, 2, 3], [7, 8]]
    assert sites(5, np.array([], dtype=int), np.array([], dtype=int)) == []


@pytest.mark.parametrize("seed", range(3))
def test_sites_of_long_paths_and_stars_in_any_order(seed: int) -> None:
    """Components found by pointing labels at smaller ones (numpy, no sparse graph): a path
    of thousands of points numbered at random, a star, a cycle, as brute force says."""
    rng = np.random.default_rng(seed)
    n = 6000
    names = rng.permutation(n)
    path = [(int(names[k]), int(names[k + 1])) for k in range(3999)]
    star = [(int(names[4000]), int(names[k])) for k in range(4001, 5000)]
    cycle = [(int(names[k]), int(names[k + 1])) for k in range(5000, 5499)]
    cycle.append((int(names[5499]), int(names[5000])))
    pairs = {(min(a, b), max(a, b)) for a, b in path + star + cycle}
    i = np.array([p[0] for p in pairs])
    j = np.array([p[1] for p in pairs])
    got = [s.tolist() for s in sites(n, i, j)]
    assert got == union_find_sites(n, pairs)
    assert sorted(map(len, got)) == [500, 1000, 4000]


def test_sites_reject_bad_input() -> None:
    with pytest.raises(ValueError):
        sites(3, np.array([0]), np.array([3]))
    with pytest.raises(ValueError):
        sites(3, np.array([0]), np.array([1]), order=np.array([0, 0, 1]))
    with pytest.raises(ValueError):
        sites(3, np.array([0, 1]), np.array([1]))


@pytest.mark.parametrize("place", ["wuhan", "antimeridian"])
def test_duplicate_sites_is_pairs_then_sites(place: str) -> None:
    rng = np.random.default_rng(8)
    lat, lon, owners = clustered_points(rng, 800, *PLACES[place], span_m=1200)
    i, j, got = duplicate_sites(lat, lon, owners, R)
    pi, pj = duplicate_pairs(lat, lon, owners, R)
    assert np.array_equal(i, pi) and np.array_equal(j, pj)
    expected = union_find_sites(lat.size, brute_pairs(lat, lon, owners, R))
    assert [s.tolist() for s in got] == expected
    assert len(expected) > 5


@pytest.mark.parametrize("n", [2, 10, 63, 64, 500])
def test_max_distance_equals_brute_force(n: int) -> None:
    from interop.geo.distance import max_distance_m

    rng = np.random.default_rng(n)
    lat = 30.58 + rng.normal(0, 0.002, n)
    lon = 114.30 + rng.normal(0, 0.002, n)
    brute = max(float(haversine_m(lat[i], lon[i], lat, lon).max()) for i in range(n))
    assert max_distance_m(lat, lon) == pytest.approx(brute, abs=1e-6)


def test_max_distance_of_collinear_points_falls_back_to_every_pair() -> None:
    from interop.geo.distance import max_distance_m

    lat = np.full(100, 30.5)
    lon = np.linspace(114.0, 114.01, 100)
    assert max_distance_m(lat, lon) == pytest.approx(
        float(haversine_m(30.5, 114.0, 30.5, 114.01)), abs=1e-6
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_max_distances_are_max_distance_of_each_group_bit_for_bit(seed: int) -> None:
    from interop.geo.distance import HULL_FROM, max_distance_m, max_distances_m

    rng = np.random.default_rng(seed)
    n = 5000
    lat = rng.uniform(30.4, 30.8, n)
    lon = rng.uniform(114.1, 114.6, n)
    lat[::7] = np.round(lat[::7], 3)  # repeated and aligned points too
    lon[::7] = np.round(lon[::7], 3)
    sizes = [0, 1, 2, 2, 3, 5, 8, 17, HULL_FROM - 1, HULL_FROM, HULL_FROM + 40]
    sizes += rng.integers(2, 12, 400).tolist()
    groups = [rng.choice(n, size, replace=False) for size in sizes]  # unsorted, overlapping
    found = max_distances_m(lat, lon, groups)
    expected = [max_distance_m(lat[g], lon[g]) for g in groups]
    assert found.tolist() == expected
    # A strided view of the coordinates gives the same numbers.
    wide = np.repeat(np.stack([lat, lon], axis=1), 2, axis=0)
    again = max_distances_m(wide[::2, 0], wide[::2, 1], groups)
    assert again.tolist() == expected
    assert max_distances_m(lat, lon, []).shape == (0,)


# ---------------------------------------------------------------- latitude bands


@pytest.mark.parametrize(("south", "north"), [(18.0, 53.0), (-45.0, -10.0), (-20.0, 25.0)])
def test_latitude_bands_cover_the_points_and_each_fits_a_plane(south: float, north: float) -> None:
    from interop.geo.distance import MAX_PLANE_STRETCH
    from interop.geo.pairs import _band_margin_deg, _stretch, latitude_bands

    lat = np.array([south, (south + north) / 2, north])
    bands = latitude_bands(lat, R)
    assert bands is not None and len(bands) > 1
    assert bands[0][0] == south and bands[-1][1] == np.inf
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bands))
    margin = _band_margin_deg(R)
    assert margin > math.degrees(R / EARTH_RADIUS_M)
    for lo, hi in bands:
        assert _stretch(lo, min(hi, north) + margin) <= MAX_PLANE_STRETCH
        assert hi - lo >= 0.5


def test_no_bands_near_a_pole() -> None:
    from interop.geo.pairs import latitude_bands

    assert latitude_bands(np.array([60.0, 89.0]), R) is None
    assert latitude_bands(np.array([-89.5, -60.0]), R) is None


def _national(rng: np.random.Generator, south: float, north: float):  # type: ignore[no-untyped-def]
    """Clusters spread from south to north, and clusters astride the edges of their bands
    (which depend only on the southernmost and northernmost points)."""
    from interop.geo.pairs import latitude_bands

    parts = [
        clustered_points(rng, 120, float(c), float(rng.uniform(80, 125)), span_m=400)
        for c in np.linspace(south, north, 12)
    ]
    bands = latitude_bands(np.concatenate([p[0] for p in parts]), R)
    assert bands is not None
    edges = [lo for lo, _ in bands[1:]]
    parts += [clustered_points(rng, 80, e, 110.0 + k, span_m=60) for k, e in enumerate(edges)]
    lat = np.concatenate([p[0] for p in parts])
    lon = np.concatenate([p[1] for p in parts])
    owners = np.concatenate([p[2] for p in parts])
    assert latitude_bands(lat, R) == bands
    return lat, lon, owners


@pytest.mark.parametrize(("south", "north"), [(18.0, 53.0), (-45.0, -10.0), (-20.0, 25.0)])
def test_country_wide_points_are_searched_in_bands_with_the_same_pairs(
    south: float, north: float
) -> None:
    from interop.geo import pairs as module

    rng = np.random.default_rng(int(north - south))
    lat, lon, owners = _national(rng, south, north)
    assert search_frame(lat, lon, R).kind == "sphere"
    bands = module.latitude_bands(lat, R)
    assert bands is not None and len(bands) > 2
    expected = brute_pairs(lat, lon, owners, R)
    crossing = {
        (a, b)
        for a, b in expected
        if any(min(lat[a], lat[b]) < e <= max(lat[a], lat[b]) for e, _ in bands[1:])
    }
    assert crossing  # pairs astride a band edge are part of the test
    i, j = duplicate_pairs(lat, lon, owners, R)
    assert as_set(i, j) == expected
    assert np.all((i[:-1] < i[1:]) | ((i[:-1] == i[1:]) & (j[:-1] < j[1:])))
    # The same pairs and sites as one sphere frame gives.
    frame = search_frame(lat, lon, R)
    si, sj, _ = module._frame_pairs(frame, lat, lon, owners, R)
    assert as_set(si, sj) == expected
    _, _, found = duplicate_sites(lat, lon, owners, R)
    assert [s.tolist() for s in found] == union_find_sites(lat.size, expected)
    _, _, order = module._pairs_and_order(lat, lon, owners, R)
    assert order is not None and np.array_equal(np.sort(order), np.arange(lat.size))


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("radius", [0.5, 50.0, 3000.0])
def test_the_grid_lists_the_pairs_a_k_d_tree_lists(seed: int, radius: float) -> None:
    """In a plane the candidate pairs come from a grid of cells (no scipy import on the way):
    every pair at most the radius apart, as scipy's k-d tree lists them, whatever the
    points — clustered, repeated, on the cells' edges, exactly the radius apart — and the
    order given is one of every point."""
    from scipy.spatial import cKDTree

    from interop.geo.pairs import _grid_search

    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 600))
    centres = rng.uniform(-20 * radius, 20 * radius, size=(int(rng.integers(1, 8)), 2))
    coords = centres[rng.integers(0, len(centres), n)] + rng.normal(0, radius, (n, 2))
    coords[rng.random(n) < 0.1] = coords[0]  # the same point again
    on_edges = rng.random(n) < 0.2  # multiples of the radius: on the cells' edges
    coords[on_edges] = np.round(coords[on_edges] / radius) * radius
    cand, order = _grid_search(coords, radius)
    expected = cKDTree(coords).query_pairs(radius, output_type="ndarray")
    assert set(map(tuple, cand.tolist())) == set(map(tuple, expected.tolist()))
    assert len(cand) == len(expected) and (cand[:, 0] < cand[:, 1]).all()
    assert sorted(order.tolist()) == list(range(n))
