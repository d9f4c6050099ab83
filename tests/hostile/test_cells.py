"""Holes 8, 10 and 12: one hostile cell, through both loaders, gives the contract's result."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.cases import CELL_CASES, CellCase
from hostile.inventories import with_cell, write_csv, write_xlsx
from interop.inventory.model import Inventory
from interop.loaders import load_inventory

RUNS = [(case, fmt) for case in CELL_CASES for fmt in case.formats]


def assert_balanced(inventory: Inventory) -> None:
    """Rows read = rows loaded + rows rejected, for every table."""
    for name, count in inventory.report.tables.items():
        assert count.read == count.loaded + count.rejected, name


def load_case(case: CellCase, fmt: str, tmp_path: Path) -> Inventory:
    tables = with_cell(case.table, case.row, case.column, case.value)
    if fmt == "csv":
        inventory = load_inventory(write_csv(tmp_path / "inventory", tables))
    else:
        inventory = load_inventory(write_xlsx(tmp_path / "inventory.xlsx", tables))
    assert_balanced(inventory)
    return inventory


@pytest.mark.parametrize(("case", "fmt"), RUNS, ids=[f"{c.id}-{f}" for c, f in RUNS])
def test_cell_case(case: CellCase, fmt: str, tmp_path: Path) -> None:
    inventory = load_case(case, fmt, tmp_path)
    report = inventory.report
    row = case.row + 2  # the header is row 1
    on_cell = [i for i in report.warnings if i.column == case.column and i.row == row]
    if case.outcome == "rejected":
        rejected = [i for i in report.rejected if i.table == case.table and i.row == row]
        assert [i.column for i in rejected] == [case.column]
        assert case.reason in rejected[0].reason
        assert report.tables[case.table].rejected == 1
        return
    assert report.rejected == [] or all(i.table != case.table for i in report.rejected)
    record = inventory.records(case.table)[case.row]
    assert getattr(record, case.column) == case.loaded
    if case.outcome == "loaded":
        assert on_cell == []
        return
    assert case.outcome == "warned"
    assert len(on_cell) == 1, report.warnings
    warning = on_cell[0]
    assert case.reason in warning.reason
    assert warning.table == case.table
    assert warning.file.startswith(f"{case.table}.csv" if fmt == "csv" else "inventory.xlsx#")
