"""How big each city is at a given ``--scale``, and where it lies.

Scale 1 is the audited city alone: Wuhan, 90 municipal budget units, 637 systems. Below 1
Wuhan shrinks. Above 1 Wuhan keeps its audited size and further cities (other provinces'
capitals first, then more cities) share the rest, each in its own bounding box, so that
national scale is many plausible cities and not one impossibly dense Wuhan.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from interop.generate.names import (
    CITIES,
    CITY_HALF_LAT,
    CITY_HALF_LON,
    GENERIC_STREETS,
    PROVINCES,
    WUHAN_BOX,
    WUHAN_DISTRICTS,
    CityInfo,
    District,
)

SYSTEMS_AT_SCALE_1 = 637
CAMERAS_PER_SYSTEM = 10
"""Cameras grow with systems: 6,370 in the audited city, about 1,000,000 at scale 157."""

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class CityPlan:
    """One city of the sample: who it is, how big, where, and how many cameras it has."""

    index: int
    info: CityInfo
    size: float
    """Its share of --scale (1.0 is the audited city)."""
    box: Box
    """lat min, lat max, lon min, lon max (WGS-84)."""
    districts: tuple[District, ...]
    cameras: int
    excluded: tuple[Box, ...] = ()
    """Boxes of earlier cities that overlap this one: no camera stands there."""

    @property
    def code(self) -> str:
        return self.info.code

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def province(self) -> str:
        return self.info.province

    @property
    def province_name(self) -> str:
        return PROVINCES[self.info.province]

    @property
    def is_wuhan(self) -> bool:
        return self.index == 0


def city_sizes(scale: float) -> list[float]:
    """The size of each city: Wuhan first (``scale`` itself up to 1), then the others."""
    if not (scale > 0 and math.isfinite(scale)):
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    if scale <= 1:
        return [scale]
    rest = scale - 1
    others = min(len(CITIES) - 1, max(1, round(rest)))
    return [1.0] + [rest / others] * others


def _other_districts(info: CityInfo, rnd: random.Random) -> tuple[District, ...]:
    out = []
    for i, name in enumerate(info.districts):
        if i == 0:
            lat, lon, weight = info.lat, info.lon, 1.0
        else:
            angle = rnd.uniform(0, 2 * math.pi)
            reach = rnd.uniform(0.15, 0.6)
            lat = info.lat + reach * CITY_HALF_LAT * math.sin(angle)
            lon = info.lon + reach * CITY_HALF_LON * math.cos(angle)
            weight = round(rnd.uniform(0.3, 0.9), 2)
        streets = tuple(rnd.sample(GENERIC_STREETS, 7))
        out.append(District(name, round(lat, 4), round(lon, 4), weight, streets))
    return tuple(out)


def _box(info: CityInfo) -> Box:
    return (
        info.lat - CITY_HALF_LAT,
        info.lat + CITY_HALF_LAT,
        info.lon - CITY_HALF_LON,
        info.lon + CITY_HALF_LON,
    )


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def largest_remainder(total: int, weights: list[float]) -> list[int]:
    """Whole parts of ``total`` proportional to ``weights`` that add up to ``total``."""
    weight = sum(weights)
    if not weights or weight <= 0:
        return [0] * len(weights)
    exact = [total * w / weight for w in weights]
    counts = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def plan_cities(seed: int, scale: float, cameras: int | None = None) -> list[CityPlan]:
    """Every city of the sample at ``scale``; ``cameras`` overrides the total camera count."""
    sizes = city_sizes(scale)
    if cameras is None:
        counts = [round(SYSTEMS_AT_SCALE_1 * CAMERAS_PER_SYSTEM * s) for s in sizes]
    else:
        if cameras < 0:
            raise ValueError(f"cameras must be ≥ 0, got {cameras}")
        counts = largest_remainder(cameras, sizes)
    plans: list[CityPlan] = []
    for index, (size, count) in enumerate(zip(sizes, counts, strict=True)):
        info = CITIES[index]
        if index == 0:
            box, districts = WUHAN_BOX, WUHAN_DISTRICTS
        else:
            rnd = random.Random(f"interop-generate:{seed}:districts:{info.code}")
            box, districts = _box(info), _other_districts(info, rnd)
        excluded = tuple(p.box for p in plans if _overlaps(p.box, box))
        plans.append(CityPlan(index, info, size, box, districts, count, excluded))
    return plans
