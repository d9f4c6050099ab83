"""Holes 3 and 11 at the RawTable seam: the cases any validator of RawTables must agree on."""

from __future__ import annotations

import pytest

from hostile.cases import RAW_CASES, RawCase
from hostile.inventories import base
from interop.inventory.errors import InventoryError
from interop.inventory.model import Inventory
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate


def raw_tables(case: RawCase) -> list[RawTable]:
    """BASE as RawTables (header row 1, rows from 2), ``case.table`` replaced."""
    tables = []
    for name, rows in base().items():
        headers = list(dict.fromkeys(h for r in rows for h in r))
        raw = RawTable(name, f"{name}.csv", headers, enumerate(rows, start=2))
        if name == case.table:
            raw = RawTable(name, f"{name}.csv", list(case.headers), list(case.rows))
            raw.merged = dict(case.merged or {})
        tables.append(raw)
    return tables


def issues(found: list, expected: tuple[tuple[str, int, str, str], ...]) -> None:
    assert len(found) == len(expected), found
    for issue, (table, row, column, reason) in zip(found, expected, strict=True):
        assert (issue.table, issue.row, issue.column) == (table, row, column)
        assert reason in issue.reason


@pytest.mark.parametrize("case", RAW_CASES, ids=[c.name for c in RAW_CASES])
def test_raw_case(case: RawCase) -> None:
    if case.error is not None:
        with pytest.raises(InventoryError, match=case.error):
            validate(raw_tables(case), "inventory")
        return
    inventory: Inventory = validate(raw_tables(case), "inventory")
    report = inventory.report
    for name, count in report.tables.items():
        assert count.read == count.loaded + count.rejected, name
    for name, (read, loaded, rejected) in (case.counts or {}).items():
        count = report.tables[name]
        assert (count.read, count.loaded, count.rejected) == (read, loaded, rejected)
    issues(report.rejected, case.rejected)
    issues(report.warnings, case.warnings)
