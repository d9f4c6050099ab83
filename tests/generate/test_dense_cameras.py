"""A city can hold more cameras than its box has street cells: the city grows outward."""

from __future__ import annotations

import numpy as np

from interop.generate.cameras import CELL_M, CELL_SLACK, _lattice, _street_cells
from interop.generate.plan import plan_cities


def test_the_city_grows_only_when_the_points_do_not_fit() -> None:
    wuhan = plan_cities(2020, 1.0, None)[0]
    box = _lattice(wuhan)
    (lat, lon, dlat, _), weight = _street_cells(wuhan, 10_000)
    assert np.array_equal(lat, box[0]) and np.array_equal(lon, box[1])  # as before
    assert np.count_nonzero(weight) < 700_000  # a million cameras (~715,000 points) did not fit
    (lat, lon, dlat, _), weight = _street_cells(wuhan, 715_170)
    assert np.count_nonzero(weight) >= 715_170 * CELL_SLACK
    assert np.isclose(dlat * 111_320.0, CELL_M)  # the same street spacing, a wider city
    assert lat.min() < box[0].min() and lat.max() > box[0].max()
    assert abs((lat.min() + lat.max()) / 2 - (box[0].min() + box[0].max()) / 2) < 1e-3
