"""The inventories in ../shared load as the contract says: every row read is loaded."""

from __future__ import annotations

import csv
from pathlib import Path

from loader_cases import assert_balanced

from interop.loaders import load_inventory
from interop.schema.tables import TABLES


def _data_rows(path: Path) -> int:
    """Rows with any value below the header, counted with the csv module."""
    if not path.exists():
        return 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    return sum(any(cell.strip() for cell in row) for row in rows)


def test_tiny_example_loads_every_row_without_rejections_or_warnings(shared_dir: Path) -> None:
    folder = shared_dir / "examples" / "tiny"
    inventory = load_inventory(folder)
    assert_balanced(inventory)
    assert inventory.report.rejected == []
    assert inventory.report.warnings == []
    for table in TABLES:
        count = inventory.report.tables[table.name]
        assert count.read == count.loaded == _data_rows(folder / f"{table.name}.csv"), table.name
    assert inventory.report.tables["systems"].loaded > 0


def test_perth_cameras_load(shared_dir: Path) -> None:
    folder = shared_dir / "realdata" / "perth-cameras"
    inventory = load_inventory(folder)
    assert_balanced(inventory)
    assert inventory.report.rejected == []
    assert len(inventory.cameras) == 762
    assert inventory.report.tables["cameras"].read == _data_rows(folder / "cameras.csv") == 762
    assert all(-90 <= c.lat <= 0 and 100 <= c.lon <= 180 for c in inventory.cameras)
