"""A city can hold more cameras than its street cells of 160 m: the cells shrink to fit."""

from __future__ import annotations

import numpy as np

from interop.generate.cameras import CELL_M, CELL_SLACK, _street_cells
from interop.generate.plan import plan_cities


def test_cells_shrink_only_when_the_points_do_not_fit() -> None:
    wuhan = plan_cities(2020, 1.0, None)[0]
    cell, _, weight = _street_cells(wuhan, 10_000)
    assert cell == CELL_M  # the usual city: the lattice of before, unchanged
    usable = int(np.count_nonzero(weight))
    assert usable < 700_000  # a million cameras (~715,000 points) did not fit in it
    cell, (lat, lon, dlat, _), weight = _street_cells(wuhan, 715_170)
    assert cell < CELL_M
    assert np.count_nonzero(weight) >= 715_170 * CELL_SLACK
    assert lat.size == lon.size == weight.size
    assert np.isclose(dlat * 111_320.0, cell)
