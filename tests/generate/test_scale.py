"""Smaller and larger samples, and the camera override."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from interop.generate import generate_city, write_city
from interop.generate.plan import plan_cities
from interop.geo import to_wgs84
from interop.loaders import load_inventory


def test_a_tenth_of_the_city(tmp_path: Path) -> None:
    inventory = load_inventory(write_city(tmp_path / "tenth", scale=0.1, lang="en"))
    assert inventory.report.rejected == [] and inventory.report.warnings == []
    assert len(inventory.systems) == 64
    assert len(inventory.cameras) == 637
    municipal = [d for d in inventory.departments if d.level.value == "municipal"]
    assert 9 <= len(municipal) <= 20


def test_camera_override() -> None:
    assert len(generate_city(scale=0.1, cameras=1234)["cameras"]) == 1234
    assert generate_city(scale=0.1, cameras=0)["cameras"] == []
    big = generate_city(scale=0.1, cameras=20_000)["cameras"]
    assert len({row["id"] for row in big}) == 20_000


def test_bigger_scales_add_cities_in_other_provinces(tmp_path: Path) -> None:
    inventory = load_inventory(write_city(tmp_path / "bigger", scale=2.5, lang="zh"))
    assert inventory.report.rejected == [] and inventory.report.warnings == []
    assert abs(len(inventory.systems) - 637 * 2.5) <= 0.03 * 637 * 2.5
    provincial = [p for p in inventory.platforms if p.level.value == "provincial"]
    assert len([p for p in provincial if p.kind.value == "gov_service"]) == 3
    plans = plan_cities(2020, 2.5)
    by_city = Counter(c.id.split("-")[0] for c in inventory.cameras)
    assert [by_city[p.code] for p in plans] == [p.cameras for p in plans]
    for plan in plans:
        cams = [c for c in inventory.cameras if c.id.startswith(plan.code + "-")]
        lat, lon = to_wgs84(
            np.array([c.lat for c in cams]),
            np.array([c.lon for c in cams]),
            np.array([c.coord_system.value for c in cams]),
        )
        lat_min, lat_max, lon_min, lon_max = plan.box
        assert lat_min <= lat.min() and lat.max() <= lat_max
        assert lon_min <= lon.min() and lon.max() <= lon_max


def test_national_scale_plan() -> None:
    plans = plan_cities(2020, 157, cameras=1_000_000)
    assert sum(p.cameras for p in plans) == 1_000_000
    assert abs(sum(p.size for p in plans) - 157) < 1e-6
    assert len({p.province for p in plans}) >= 25
    assert round(637 * sum(p.size for p in plans)) >= 100_000 - 100
