"""Fixtures of the loader tests: fresh copies of the full inventory, and a checked loader."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from loader_cases import (
    EXPECTED,
    FULL,
    LoadTables,
    TableRows,
    assert_balanced,
    non_empty_rows,
    write_csv,
)

from interop.inventory.model import Inventory
from interop.loaders import load_inventory
from interop.schema.tables import TABLE_BY_NAME


@pytest.fixture
def full() -> TableRows:
    """A fresh copy of the full valid inventory, rows keyed by English field names."""
    return copy.deepcopy(FULL)


@pytest.fixture
def expected() -> dict[str, list[dict[str, Any]]]:
    return copy.deepcopy(EXPECTED)


@pytest.fixture
def load_tables(tmp_path: Path) -> LoadTables:
    """Write tables as a CSV folder, load it, and check the read/loaded/rejected counts."""
    counter = iter(range(1_000_000))

    def load(tables: Mapping[str, Sequence[Mapping[str, Any]]], **options: Any) -> Inventory:
        folder = write_csv(tmp_path / f"inventory{next(counter)}", tables, **options)
        inventory = load_inventory(folder)
        assert_balanced(inventory)
        for table, rows in tables.items():
            if table in TABLE_BY_NAME:
                assert inventory.report.tables[table].read == non_empty_rows(rows), table
        return inventory

    return load
