"""Geographic helpers for the camera rule: datum conversion, distances, duplicate pairs.

Angles are decimal degrees (latitude first), lengths are metres. Everything is
vectorised over numpy arrays; the datum conversions also accept plain floats.
"""

from interop.geo.datum import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    in_china,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)
from interop.geo.distance import (
    EARTH_RADIUS_M,
    chord_radius_m,
    chord_xyz_m,
    haversine_m,
    local_xy_m,
    search_frame,
)
from interop.geo.pairs import duplicate_pairs, duplicate_sites, sites

__all__ = [
    "EARTH_RADIUS_M",
    "bd09_to_gcj02",
    "bd09_to_wgs84",
    "chord_radius_m",
    "chord_xyz_m",
    "duplicate_pairs",
    "duplicate_sites",
    "gcj02_to_bd09",
    "gcj02_to_wgs84",
    "haversine_m",
    "in_china",
    "local_xy_m",
    "search_frame",
    "sites",
    "to_wgs84",
    "wgs84_to_bd09",
    "wgs84_to_gcj02",
]
