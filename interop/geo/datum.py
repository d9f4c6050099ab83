"""Conversions between WGS-84, GCJ-02 and BD-09 coordinates (all in decimal degrees).

GCJ-02 ("Mars coordinates", 国测局坐标) is WGS-84 plus a deliberate, smooth, non-linear
offset of about 200–700 m, mandated for maps published in China. BD-09 (百度坐标) is
GCJ-02 plus a further offset of Baidu's (together about 1.0–1.4 km). The formulas used
here are the standard public ones (as in eviltransform and coordtransform): the GCJ-02
offset polynomial on the Krasovsky 1940 ellipsoid (a = 6,378,245 m,
e² = 0.00669342162296594323), and the BD-09 polar perturbation with x_pi = pi*3000/180.

Conventions:

* Every function takes ``(lat, lon)`` in decimal degrees and returns ``(lat, lon)`` in
  decimal degrees. Note the order: latitude first (the public libraries differ).
* Inputs are numpy arrays (any shape; ``lat`` and ``lon`` are broadcast together) and
  the outputs are new float64 arrays. Plain Python floats are accepted too and give
  plain floats back (the scalar path).
* **Outside China no GCJ-02 offset is applied**: a point outside the usual bounding box
  (latitude 0.8293…55.8271, longitude 72.004…137.8347, see :func:`in_china`) is left
  unchanged by ``wgs84_to_gcj02`` and ``gcj02_to_wgs84``. The box is coarse: it also
  contains parts of neighbouring countries, as every public implementation does. For the
  inverse the box is tested on the given GCJ-02 point.
* The BD-09 step (GCJ-02 ↔ BD-09) is a pure formula and is applied everywhere; only the
  GCJ-02 part of ``wgs84_to_bd09`` / ``bd09_to_wgs84`` stops at the box.
* The inverses are iterative (fixed-point on the forward formula, until the estimated
  error is below 1e-9 degrees, about 0.1 mm, at most 10 iterations; 3 evaluations of the
  formula in practice), so a round trip is exact to far below a millimetre, not the 1–2 m
  of the usual one-step inverse.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Protocol, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
LatLon = tuple[FloatArray, FloatArray]

KRASOVSKY_A_M = 6378245.0
"""Semi-major axis of the Krasovsky 1940 ellipsoid used by the GCJ-02 formula, metres."""
KRASOVSKY_EE = 0.00669342162296594323
"""First eccentricity squared of the Krasovsky 1940 ellipsoid."""
BD_X_PI = np.pi * 3000.0 / 180.0
"""Angular factor of the BD-09 perturbation."""
BD_DLAT_DEG = 0.006
BD_DLON_DEG = 0.0065

CHINA_LAT_MIN, CHINA_LAT_MAX = 0.8293, 55.8271
CHINA_LON_MIN, CHINA_LON_MAX = 72.004, 137.8347

INVERSE_TOL_DEG = 1e-9
"""Stop the inverse iterations once the estimated error of the result is below this, degrees."""
INVERSE_MAX_ITER = 10

COORD_SYSTEMS = ("wgs84", "gcj02", "bd09")


class _LatLonFunction(Protocol):
    @overload
    def __call__(self, lat: float, lon: float) -> tuple[float, float]: ...
    @overload
    def __call__(self, lat: ArrayLike, lon: ArrayLike) -> LatLon: ...


def _as_float_arrays(lat: ArrayLike, lon: ArrayLike) -> LatLon:
    """Both coordinates as float64 arrays of one broadcast shape (always copies)."""
    lat_a, lon_a = np.broadcast_arrays(
        np.asarray(lat, dtype=np.float64), np.asarray(lon, dtype=np.float64)
    )
    return lat_a.copy(), lon_a.copy()


def _scalar_friendly(fn: Callable[[FloatArray, FloatArray], LatLon]) -> _LatLonFunction:
    """Wrap an array function so it also accepts and returns plain floats."""

    @functools.wraps(fn)
    def wrapper(lat: ArrayLike, lon: ArrayLike) -> LatLon | tuple[float, float]:
        lat_a, lon_a = _as_float_arrays(lat, lon)
        out_lat, out_lon = fn(lat_a, lon_a)
        if out_lat.ndim == 0:
            return float(out_lat), float(out_lon)
        return out_lat, out_lon

    return wrapper  # type: ignore[return-value]


def in_china(lat: ArrayLike, lon: ArrayLike) -> NDArray[np.bool_]:
    """True where (lat, lon) in degrees lies in the box where GCJ-02 applies (inclusive)."""
    lat_a = np.asarray(lat, dtype=np.float64)
    lon_a = np.asarray(lon, dtype=np.float64)
    return (
        (lon_a >= CHINA_LON_MIN)
        & (lon_a <= CHINA_LON_MAX)
        & (lat_a >= CHINA_LAT_MIN)
        & (lat_a <= CHINA_LAT_MAX)
    )


def _double_angle(s: FloatArray, c: FloatArray) -> LatLon:
    """(sin 2a, cos 2a) from (sin a, cos a)."""
    return 2.0 * s * c, (c - s) * (c + s)


def _triple_angle(s: FloatArray, c: FloatArray) -> LatLon:
    """(sin 3a, cos 3a) from (sin a, cos a)."""
    return s * (3.0 - 4.0 * s * s), c * (4.0 * c * c - 3.0)


def _gcj02_terms_x(x: FloatArray) -> LatLon:
    """The periodic terms of the GCJ-02 offset in x = lon − 105 (metres): (common, lon-only).

    common = 20 sin 6πx + 20 sin 2πx, lon-only = 20 sin πx + 40 sin πx/3 + 150 sin πx/12
    + 300 sin πx/30. The multiples of πx/12 come from one sin/cos pair by the double and
    triple angle formulas (3 trig calls instead of 6; the rounding stays ~1e-13 m).
    """
    a = x * (np.pi / 12.0)
    s12, c12 = np.sin(a), np.cos(a)  # πx/12
    s3, c3 = _double_angle(*_double_angle(s12, c12))  # πx/3
    s1, c1 = _triple_angle(s3, c3)  # πx
    s_half, _ = _double_angle(s1, c1)  # 2πx
    s_sixth = s_half * (3.0 - 4.0 * s_half * s_half)  # 6πx
    common = 20.0 * s_sixth + 20.0 * s_half
    lon_only = 20.0 * s1 + 40.0 * s3 + 150.0 * s12 + 300.0 * np.sin(x * (np.pi / 30.0))
    return common, lon_only


def _gcj02_terms_y(y: FloatArray) -> FloatArray:
    """The lat-only periodic terms in y = lat − 35 (metres):
    20 sin πy + 40 sin πy/3 + 160 sin πy/12 + 320 sin πy/30."""
    a = y * (np.pi / 12.0)
    s12, c12 = np.sin(a), np.cos(a)  # πy/12
    s3, _ = _double_angle(*_double_angle(s12, c12))  # πy/3
    s1 = s3 * (3.0 - 4.0 * s3 * s3)  # πy
    return 20.0 * s1 + 40.0 * s3 + 160.0 * s12 + 320.0 * np.sin(y * (np.pi / 30.0))


def _gcj02_offset(lat: FloatArray, lon: FloatArray) -> LatLon:
    """The GCJ-02 offset (dlat, dlon) in degrees at WGS-84 (lat, lon), without the box test.

    The public formula: two polynomials plus sine series in x = lon − 105, y = lat − 35
    give an offset in metres on the Krasovsky ellipsoid, turned into degrees.
    """
    x = lon - 105.0
    y = lat - 35.0
    common, lon_only = _gcj02_terms_x(x)
    sqrt_abs_x = np.sqrt(np.abs(x))
    xy = x * y
    dlat = (common + _gcj02_terms_y(y)) * (2.0 / 3.0)
    dlat += -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * xy + 0.2 * sqrt_abs_x
    dlon = (common + lon_only) * (2.0 / 3.0)
    dlon += 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * xy + 0.1 * sqrt_abs_x
    rad_lat = lat * (np.pi / 180.0)
    sin_lat = np.sin(rad_lat)
    magic = 1.0 - KRASOVSKY_EE * sin_lat * sin_lat
    sqrt_magic = np.sqrt(magic)
    dlat *= magic * sqrt_magic * (180.0 / (KRASOVSKY_A_M * (1.0 - KRASOVSKY_EE) * np.pi))
    dlon *= sqrt_magic / np.cos(rad_lat) * (180.0 / (KRASOVSKY_A_M * np.pi))
    return dlat, dlon


def _gcj02_forward_raw(lat: FloatArray, lon: FloatArray) -> LatLon:
    """WGS-84 → GCJ-02 without the box test (degrees)."""
    dlat, dlon = _gcj02_offset(lat, lon)
    return lat + dlat, lon + dlon


def _bd09_forward_raw(lat: FloatArray, lon: FloatArray) -> LatLon:
    """GCJ-02 → BD-09 (degrees); the BD-09 step has no box."""
    z = np.hypot(lon, lat) + 0.00002 * np.sin(lat * BD_X_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * BD_X_PI)
    return z * np.sin(theta) + BD_DLAT_DEG, z * np.cos(theta) + BD_DLON_DEG


def _bd09_inverse_first_guess(lat: FloatArray, lon: FloatArray) -> LatLon:
    """The usual one-step approximation of BD-09 → GCJ-02 (degrees)."""
    x = lon - BD_DLON_DEG
    y = lat - BD_DLAT_DEG
    z = np.hypot(x, y) - 0.00002 * np.sin(y * BD_X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * BD_X_PI)
    return z * np.sin(theta), z * np.cos(theta)


def _invert(
    forward: Callable[[FloatArray, FloatArray], LatLon],
    lat: FloatArray,
    lon: FloatArray,
    guess_lat: FloatArray,
    guess_lon: FloatArray,
) -> LatLon:
    """Solve forward(w) = (lat, lon) by fixed-point iteration w ← w − (forward(w) − target).

    Converges linearly and fast because both offsets vary slowly (each step shrinks the
    error about 300-fold for GCJ-02). Stops once the error left after the step, estimated
    as residual × (residual / previous residual), or the residual itself, is below
    INVERSE_TOL_DEG (degrees, worst point), or after INVERSE_MAX_ITER steps.
    """
    w_lat, w_lon = guess_lat, guess_lon
    if lat.size == 0:
        return w_lat, w_lon
    previous = 0.0  # no estimate before the second step
    for _ in range(INVERSE_MAX_ITER):
        f_lat, f_lon = forward(w_lat, w_lon)
        f_lat -= lat
        f_lon -= lon
        w_lat = w_lat - f_lat
        w_lon = w_lon - f_lon
        residual = max(float(np.abs(f_lat).max()), float(np.abs(f_lon).max()))
        if residual < INVERSE_TOL_DEG or residual * residual < INVERSE_TOL_DEG * previous:
            break
        previous = residual
    return w_lat, w_lon


def _apply_in_china(
    fn: Callable[[FloatArray, FloatArray], LatLon], lat: FloatArray, lon: FloatArray
) -> LatLon:
    """Apply fn to the points inside the China box; leave the others unchanged."""
    inside = in_china(lat, lon)
    if inside.all():
        return fn(lat, lon)
    out_lat, out_lon = lat.copy(), lon.copy()
    if inside.any():
        out_lat[inside], out_lon[inside] = fn(lat[inside], lon[inside])
    return out_lat, out_lon


def _gcj02_inverse_raw(lat: FloatArray, lon: FloatArray) -> LatLon:
    """GCJ-02 → WGS-84 without the box test: iterate from the one-step inverse."""
    dlat, dlon = _gcj02_offset(lat, lon)
    return _invert(_gcj02_forward_raw, lat, lon, lat - dlat, lon - dlon)


def _bd09_inverse_raw(lat: FloatArray, lon: FloatArray) -> LatLon:
    """BD-09 → GCJ-02: iterate from the usual one-step inverse."""
    guess_lat, guess_lon = _bd09_inverse_first_guess(lat, lon)
    return _invert(_bd09_forward_raw, lat, lon, guess_lat, guess_lon)


@_scalar_friendly
def wgs84_to_gcj02(lat: FloatArray, lon: FloatArray) -> LatLon:
    """WGS-84 (lat, lon) degrees → GCJ-02 (lat, lon) degrees; unchanged outside China."""
    return _apply_in_china(_gcj02_forward_raw, lat, lon)


@_scalar_friendly
def gcj02_to_wgs84(lat: FloatArray, lon: FloatArray) -> LatLon:
    """GCJ-02 (lat, lon) degrees → WGS-84 (lat, lon) degrees, iterative inverse.

    Round-trip error far below 1 mm inside China; unchanged outside China.
    """
    return _apply_in_china(_gcj02_inverse_raw, lat, lon)


@_scalar_friendly
def gcj02_to_bd09(lat: FloatArray, lon: FloatArray) -> LatLon:
    """GCJ-02 (lat, lon) degrees → BD-09 (lat, lon) degrees (applied everywhere)."""
    return _bd09_forward_raw(lat, lon)


@_scalar_friendly
def bd09_to_gcj02(lat: FloatArray, lon: FloatArray) -> LatLon:
    """BD-09 (lat, lon) degrees → GCJ-02 (lat, lon) degrees, iterative inverse."""
    return _bd09_inverse_raw(lat, lon)


@_scalar_friendly
def wgs84_to_bd09(lat: FloatArray, lon: FloatArray) -> LatLon:
    """WGS-84 (lat, lon) degrees → BD-09 (lat, lon) degrees (GCJ-02 step only inside China)."""
    return _bd09_forward_raw(*_apply_in_china(_gcj02_forward_raw, lat, lon))


@_scalar_friendly
def bd09_to_wgs84(lat: FloatArray, lon: FloatArray) -> LatLon:
    """BD-09 (lat, lon) degrees → WGS-84 (lat, lon) degrees (GCJ-02 step only inside China)."""
    return _apply_in_china(_gcj02_inverse_raw, *_bd09_inverse_raw(lat, lon))


def _coord_system_masks(
    coord_system: ArrayLike, shape: tuple[int, ...]
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Masks (gcj02, bd09) of coord_system broadcast to shape; reject unknown names.

    Names must already be normalised (lower case, "wgs84"/"gcj02"/"bd09"); an empty
    string means "wgs84", the inventory's default.
    """
    cs = np.broadcast_to(np.asarray(coord_system), shape)
    is_gcj = cs == "gcj02"
    is_bd = cs == "bd09"
    known = is_gcj | is_bd | (cs == "wgs84") | (cs == "")
    if not known.all():
        bad = sorted({str(v) for v in cs[~known].ravel()[:1000]})
        raise ValueError(f"unknown coord_system value(s): {bad[:10]}; expected {COORD_SYSTEMS}")
    return np.asarray(is_gcj, dtype=bool), np.asarray(is_bd, dtype=bool)


@overload
def to_wgs84(lat: float, lon: float, coord_system: str) -> tuple[float, float]: ...
@overload
def to_wgs84(lat: ArrayLike, lon: ArrayLike, coord_system: ArrayLike) -> LatLon: ...
def to_wgs84(
    lat: ArrayLike, lon: ArrayLike, coord_system: ArrayLike
) -> LatLon | tuple[float, float]:
    """Convert each point (degrees) from its coord_system ("wgs84", "gcj02", "bd09") to WGS-84.

    coord_system is an array of names parallel to lat/lon, or one name for all points.
    Returns new float64 arrays (floats for scalar input). Raises ValueError on an unknown
    name.
    """
    lat_a, lon_a = _as_float_arrays(lat, lon)
    is_gcj, is_bd = _coord_system_masks(coord_system, lat_a.shape)
    for mask, convert in ((is_gcj, gcj02_to_wgs84), (is_bd, bd09_to_wgs84)):
        if mask.any():
            lat_a[mask], lon_a[mask] = convert(lat_a[mask], lon_a[mask])
    if lat_a.ndim == 0:
        return float(lat_a), float(lon_a)
    return lat_a, lon_a
