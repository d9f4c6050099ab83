"""Tests of interop.geo.datum: WGS-84 / GCJ-02 / BD-09 conversions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from interop.geo import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    haversine_m,
    in_china,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)


def textbook_wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """The public GCJ-02 formula transcribed term by term (scalar, math module), as found in
    eviltransform and coordtransform, with Krasovsky a = 6378245, ee = 0.0066934216...;
    an independent reference for the vectorised, trig-reduced implementation."""
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    dlat += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2 / 3
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    dlon += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    dlon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3
    rad = lat / 180.0 * math.pi
    magic = 1 - ee * math.sin(rad) ** 2
    dlat = (dlat * 180.0) / ((a * (1 - ee)) / (magic * math.sqrt(magic)) * math.pi)
    dlon = (dlon * 180.0) / (a / math.sqrt(magic) * math.cos(rad) * math.pi)
    return lat + dlat, lon + dlon


def textbook_gcj02_to_bd09(lat: float, lon: float) -> tuple[float, float]:
    """The public BD-09 formula, scalar."""
    x_pi = math.pi * 3000.0 / 180.0
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * x_pi)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * x_pi)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


def china_grid() -> tuple[np.ndarray, np.ndarray]:
    """WGS-84 points every 0.5° over mainland China's extent (18–53.5°N, 73.5–135°E)."""
    lat, lon = np.meshgrid(np.arange(18.0, 53.6, 0.5), np.arange(73.5, 135.1, 0.5))
    return lat.ravel(), lon.ravel()


# Reference points published by other implementations of the same public formulas.
# wandergis/coordtransform README (Krasovsky constants), example input (39.915, 116.404).
README_INPUT = (39.915, 116.404)
README_WGS84_TO_GCJ02 = (39.91640428150164, 116.41024449916938)
README_GCJ02_TO_BD09 = (39.92133699351021, 116.41036949371029)
# ... and its one-step (approximate) inverses of the same input, good to a few metres.
README_GCJ02_TO_WGS84_ONE_STEP = (39.91359571849836, 116.39775550083061)
README_BD09_TO_GCJ02_ONE_STEP = (39.90865673957631, 116.39762729119315)
# googollee/eviltransform test vectors (wgs lat, wgs lon, gcj lat, gcj lon); its own tests
# require its exact inverse within 0.5 m and its one-step inverse within 5 m.
EVILTRANSFORM_CASES = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # Shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # Shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # Beijing
]


def test_forward_matches_textbook_formula_across_china() -> None:
    rng = np.random.default_rng(7)
    lat = rng.uniform(0.9, 55.8, 3000)
    lon = rng.uniform(72.1, 137.8, 3000)
    g_lat, g_lon = wgs84_to_gcj02(lat, lon)
    b_lat, b_lon = wgs84_to_bd09(lat, lon)
    for k in range(lat.size):
        e_lat, e_lon = textbook_wgs84_to_gcj02(lat[k], lon[k])
        assert g_lat[k] == pytest.approx(e_lat, abs=1e-12)
        assert g_lon[k] == pytest.approx(e_lon, abs=1e-12)
        e_lat, e_lon = textbook_gcj02_to_bd09(e_lat, e_lon)
        assert b_lat[k] == pytest.approx(e_lat, abs=1e-12)
        assert b_lon[k] == pytest.approx(e_lon, abs=1e-12)


def test_published_forward_values() -> None:
    assert wgs84_to_gcj02(*README_INPUT) == pytest.approx(README_WGS84_TO_GCJ02, abs=1e-9)
    assert gcj02_to_bd09(*README_INPUT) == pytest.approx(README_GCJ02_TO_BD09, abs=1e-9)
    for w_lat, w_lon, g_lat, g_lon in EVILTRANSFORM_CASES:
        assert wgs84_to_gcj02(w_lat, w_lon) == pytest.approx((g_lat, g_lon), abs=1e-9)


def test_published_inverse_values() -> None:
    # Our inverse of a published forward value gives the published input back.
    back = gcj02_to_wgs84(*README_WGS84_TO_GCJ02)
    assert haversine_m(*back, *README_INPUT) < 0.01
    back = bd09_to_gcj02(*README_GCJ02_TO_BD09)
    assert haversine_m(*back, *README_INPUT) < 0.01
    for w_lat, w_lon, g_lat, g_lon in EVILTRANSFORM_CASES:
        assert haversine_m(*gcj02_to_wgs84(g_lat, g_lon), w_lat, w_lon) < 0.01
    # The one-step inverses are approximations: within the spec's 5 m of ours.
    gcj = gcj02_to_wgs84(*README_INPUT)
    assert haversine_m(*gcj, *README_GCJ02_TO_WGS84_ONE_STEP) < 5.0
    bd = bd09_to_gcj02(*README_INPUT)
    assert haversine_m(*bd, *README_BD09_TO_GCJ02_ONE_STEP) < 5.0


def test_shift_sizes_in_wuhan() -> None:
    # Field notes: GCJ-02 shifts Wuhan by ~586 m, BD-09 by ~1.0–1.4 km.
    lat, lon = 30.59, 114.30
    assert 500.0 < haversine_m(lat, lon, *wgs84_to_gcj02(lat, lon)) < 700.0
    assert 1000.0 < haversine_m(lat, lon, *wgs84_to_bd09(lat, lon)) < 1400.0


def test_gcj02_round_trip_across_china_is_far_below_a_metre() -> None:
    lat, lon = china_grid()
    assert in_china(lat, lon).all()
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lat, lon))
    err = haversine_m(lat, lon, *back)
    assert err.max() < 1e-3  # spec: < 5 m; brief: < 1 m
    # and the other way round: a GCJ-02 point maps to a WGS-84 point that maps back to it
    again = wgs84_to_gcj02(*gcj02_to_wgs84(lat, lon))
    assert haversine_m(lat, lon, *again).max() < 1e-3


def test_bd09_round_trip_across_china_is_far_below_a_metre() -> None:
    lat, lon = china_grid()
    back = bd09_to_wgs84(*wgs84_to_bd09(lat, lon))
    assert haversine_m(lat, lon, *back).max() < 1e-3
    again = gcj02_to_bd09(*bd09_to_gcj02(lat, lon))
    assert haversine_m(lat, lon, *again).max() < 1e-3


def test_inverse_beats_one_step_inverse() -> None:
    lat, lon = china_grid()
    g_lat, g_lon = wgs84_to_gcj02(lat, lon)
    one_step = (
        2 * g_lat - wgs84_to_gcj02(g_lat, g_lon)[0],
        2 * g_lon - wgs84_to_gcj02(g_lat, g_lon)[1],
    )
    assert haversine_m(lat, lon, *one_step).max() > 0.1  # the naive inverse is off
    assert haversine_m(lat, lon, *gcj02_to_wgs84(g_lat, g_lon)).max() < 1e-3


OUTSIDE = [(51.5074, -0.1278), (40.7128, -74.0060), (-33.8688, 151.2093), (35.68, 139.69),
           (0.5, 100.0), (60.0, 100.0), (-45.0, 170.0), (30.0, 70.0)]  # fmt: skip


@pytest.mark.parametrize(("lat", "lon"), OUTSIDE)
def test_gcj02_leaves_points_outside_china_unchanged(lat: float, lon: float) -> None:
    assert not in_china(lat, lon)
    assert wgs84_to_gcj02(lat, lon) == (lat, lon)
    assert gcj02_to_wgs84(lat, lon) == (lat, lon)
    assert to_wgs84(lat, lon, "gcj02") == (lat, lon)
    # BD-09 keeps its own offset outside China; the round trip still holds.
    assert haversine_m(lat, lon, *bd09_to_wgs84(*wgs84_to_bd09(lat, lon))) < 1e-3


def test_arrays_mixing_inside_and_outside_china() -> None:
    lat = np.array([30.59, 51.5074, 22.54, -33.8688])
    lon = np.array([114.30, -0.1278, 113.91, 151.2093])
    g_lat, g_lon = wgs84_to_gcj02(lat, lon)
    assert np.array_equal(g_lat[[1, 3]], lat[[1, 3]])
    assert np.all(g_lat[[0, 2]] != lat[[0, 2]])
    back = gcj02_to_wgs84(g_lat, g_lon)
    assert haversine_m(lat, lon, *back).max() < 1e-3


def test_scalar_path_returns_floats_equal_to_array_path() -> None:
    for fn in (wgs84_to_gcj02, gcj02_to_wgs84, wgs84_to_bd09, bd09_to_wgs84, gcj02_to_bd09,
               bd09_to_gcj02):  # fmt: skip
        s_lat, s_lon = fn(30.59, 114.30)
        assert type(s_lat) is float and type(s_lon) is float
        a_lat, a_lon = fn(np.array([30.59]), np.array([114.30]))
        assert (s_lat, s_lon) == (a_lat[0], a_lon[0])


def test_shape_is_kept_and_inputs_are_not_modified() -> None:
    lat = np.full((3, 4), 30.5)
    lon = np.full((3, 4), 114.3)
    out_lat, out_lon = gcj02_to_wgs84(lat, lon)
    assert out_lat.shape == (3, 4) and out_lon.shape == (3, 4)
    assert np.all(lat == 30.5) and np.all(lon == 114.3)
    empty = gcj02_to_wgs84(np.array([]), np.array([]))
    assert empty[0].shape == (0,) and empty[1].shape == (0,)


def test_to_wgs84_dispatches_per_point() -> None:
    w_lat = np.array([30.50, 30.60, 30.70, 30.55, 30.65])
    w_lon = np.array([114.20, 114.30, 114.40, 114.25, 114.35])
    systems = np.array(["wgs84", "gcj02", "bd09", "", "gcj02"], dtype=object)
    g = wgs84_to_gcj02(w_lat, w_lon)
    b = wgs84_to_bd09(w_lat, w_lon)
    in_lat = np.where(systems == "gcj02", g[0], np.where(systems == "bd09", b[0], w_lat))
    in_lon = np.where(systems == "gcj02", g[1], np.where(systems == "bd09", b[1], w_lon))
    out_lat, out_lon = to_wgs84(in_lat, in_lon, systems)
    assert haversine_m(out_lat, out_lon, w_lat, w_lon).max() < 1e-3
    assert out_lat[0] == w_lat[0] and out_lat[3] == w_lat[3]  # untouched exactly
    # a single name applies to all; a fixed-width string array works too
    one = to_wgs84(g[0], g[1], "gcj02")
    assert haversine_m(*one, w_lat, w_lon).max() < 1e-3
    two = to_wgs84(in_lat, in_lon, systems.astype(str))
    assert np.array_equal(two[0], out_lat) and np.array_equal(two[1], out_lon)
    assert type(to_wgs84(30.5, 114.2, "bd09")[0]) is float


def test_to_wgs84_rejects_unknown_names() -> None:
    with pytest.raises(ValueError, match="GCJ-02"):
        to_wgs84(np.array([30.5, 30.6]), np.array([114.2, 114.3]), ["wgs84", "GCJ-02"])
