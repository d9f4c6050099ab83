"""Optional references to unknown ids: left out of the loaded row, reported as warnings."""

from __future__ import annotations

from typing import Any

import pytest
from loader_cases import LoadTables, TableRows, record_values

# (case id, table, row index in FULL, column, cell, unknown id, loaded value)
CASES: list[tuple[str, str, int, str, str, str, Any]] = [
    ("parent_id", "departments", 1, "parent_id", "D404", "D404", None),
    ("replaces_id", "systems", 1, "replaces_id", "S404", "S404", None),
    ("camera network_id", "cameras", 0, "network_id", "N404", "N404", None),
    ("camera system_id", "cameras", 0, "system_id", "S404", "S404", None),
    ("one user_ids entry", "systems", 1, "user_ids", "D1；D404、D2", "D404", ["D1", "D2"]),
    ("one system network_ids entry", "systems", 1, "network_ids", "N404,N2", "N404", ["N2"]),
    ("one platform network_ids entry", "platforms", 0, "network_ids", "N1;N404", "N404", ["N1"]),
    ("only user_ids entry", "systems", 1, "user_ids", "D404", "D404", []),
]


@pytest.mark.parametrize(
    ("table", "index", "column", "cell", "unknown", "loaded"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_unknown_optional_reference_is_left_out_and_warned(
    full: TableRows,
    expected: dict[str, list[dict[str, Any]]],
    load_tables: LoadTables,
    table: str,
    index: int,
    column: str,
    cell: str,
    unknown: str,
    loaded: Any,
) -> None:
    full[table][index][column] = cell
    inventory = load_tables(full)
    assert inventory.report.rejected == []
    [warning] = inventory.report.warnings
    assert (warning.table, warning.file, warning.row, warning.column, warning.value) == (
        table,
        f"{table}.csv",
        index + 2,
        column,
        unknown,
    )
    assert "unknown" in warning.reason and "left out" in warning.reason
    expected[table][index][column] = loaded  # the entry is left out, the rest is kept
    assert record_values(inventory, table) == expected[table]


def test_every_unknown_entry_of_a_row_is_warned_once(
    full: TableRows, load_tables: LoadTables
) -> None:
    full["systems"][1].update(user_ids="D1,D404,D405", network_ids="N404", replaces_id="S404")
    inventory = load_tables(full)
    assert sorted((w.row, w.column, w.value) for w in inventory.report.warnings) == [
        (3, "network_ids", "N404"),
        (3, "replaces_id", "S404"),
        (3, "user_ids", "D404"),
        (3, "user_ids", "D405"),
    ]
    [system] = [s for s in inventory.systems if s.id == "S1"]
    assert (system.user_ids, system.network_ids, system.replaces_id) == (["D1"], [], None)


def test_reference_to_a_rejected_row_is_warned_with_that_row(
    full: TableRows, load_tables: LoadTables
) -> None:
    full["networks"].append({"id": "N9", "name": "卫星网", "kind": "satellite"})
    network_row = len(full["networks"]) + 1
    full["cameras"][0]["network_id"] = "N9"
    inventory = load_tables(full)
    [warning] = inventory.report.warnings
    assert (warning.file, warning.row, warning.column, warning.value) == (
        "cameras.csv",
        2,
        "network_id",
        "N9",
    )
    assert f"rejected: networks.csv row {network_row}" in warning.reason
    assert inventory.cameras[0].network_id is None
