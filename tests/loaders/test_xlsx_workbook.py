"""The .xlsx reader: typed cells load like their CSV text, sheet row numbers, bad workbooks."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from loader_cases import TableRows, assert_balanced, columns_of, record_values, write_csv
from openpyxl import Workbook, load_workbook

from interop.inventory.errors import InventoryError
from interop.loaders import load_inventory, read_raw_tables
from interop.schema.tables import TABLE_BY_NAME, TABLES


def write_workbook(
    path: Path,
    tables: Mapping[str, Sequence[Mapping[str, Any] | None]],
    *,
    chinese: bool = False,
    hidden: Iterable[str] = (),
) -> Path:
    """One sheet per table with openpyxl; a ``None`` row leaves a blank sheet row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table, rows in tables.items():
        known = TABLE_BY_NAME.get(table)
        sheet = workbook.create_sheet(known.zh if chinese and known else table)
        if table in hidden:
            sheet.sheet_state = "hidden"
        headers = columns_of([r for r in rows if r is not None])
        titles = [known.columns()[h].zh if chinese and known else h for h in headers]
        sheet.append(titles)
        for row in rows:
            if row is None:
                sheet.append([])
                continue
            sheet.append([None if row.get(h) == "" else row.get(h) for h in headers])
    workbook.save(path)
    return path


TYPED = {
    ("systems", 1): {
        "go_live": date(2019, 6, 1),
        "last_used": datetime(2020, 11, 30),
        "gov_service": False,
        "build_cost": 120.5,
        "annual_om_cost": 12,
        "modules_total": 10,
        "modules_used": 7,
        "monthly_active_users": 350,
        "security_grade": 3,
    },
    ("cameras", 0): {"lat": 30.58, "lon": 114.3, "install_date": date(2018, 3, 5), "cost": 1.2},
}


def _with_leading_zero_ids(full: TableRows) -> TableRows:
    full["departments"].append({"id": "007", "name": "市档案局", "level": "市级"})
    full["systems"].append({"id": "0042", "name": "档案管理系统", "owner_id": "007"})
    return full


def _typed(full: TableRows) -> TableRows:
    typed = {table: [dict(row) for row in rows] for table, rows in full.items()}
    for (table, index), values in TYPED.items():
        typed[table][index].update(values)
    return typed


def test_typed_cells_load_the_same_records_as_the_csv_text(
    tmp_path: Path, full: TableRows, expected: dict[str, list[dict[str, Any]]]
) -> None:
    full = _with_leading_zero_ids(full)
    csv_inventory = load_inventory(write_csv(tmp_path / "inventory", full))
    xlsx_inventory = load_inventory(write_workbook(tmp_path / "inventory.xlsx", _typed(full)))
    for inventory in (csv_inventory, xlsx_inventory):
        assert_balanced(inventory)
        assert inventory.report.rejected == [] and inventory.report.warnings == []
    for table in TABLES:
        assert record_values(xlsx_inventory, table.name) == record_values(
            csv_inventory, table.name
        ), table.name
    assert record_values(xlsx_inventory, "systems")[:2] == expected["systems"]
    assert [s.owner_id for s in xlsx_inventory.systems][-1] == "007"


def test_cells_keep_their_type(tmp_path: Path, full: TableRows) -> None:
    path = write_workbook(tmp_path / "inventory.xlsx", _typed(_with_leading_zero_ids(full)))
    tables = {t.name: t for t in read_raw_tables(path)}
    systems = tables["systems"]
    assert systems.source == "inventory.xlsx#systems"
    cells = systems.rows[1][1]
    assert isinstance(cells["go_live"], datetime) and cells["go_live"].date() == date(2019, 6, 1)
    assert cells["modules_total"] == 10 and isinstance(cells["modules_total"], int)
    assert cells["build_cost"] == 120.5 and cells["gov_service"] is False
    assert systems.rows[-1][1]["owner_id"] == "007"
    assert [number for number, _ in tables["departments"].rows] == [2, 3, 4]


def test_chinese_sheet_names_and_headers(
    tmp_path: Path, full: TableRows, expected: dict[str, list[dict[str, Any]]]
) -> None:
    inventory = load_inventory(write_workbook(tmp_path / "清单.xlsx", _typed(full), chinese=True))
    assert inventory.report.rejected == [] and inventory.report.extra_tables == []
    for table in TABLES:
        assert record_values(inventory, table.name) == expected[table.name], table.name


def test_rejected_rows_name_the_sheet_and_its_real_row_number(
    tmp_path: Path, full: TableRows
) -> None:
    tables: dict[str, list[dict[str, Any] | None]] = {k: list(v) for k, v in full.items()}
    tables["systems"] += [None, None, {"id": "S9", "name": "", "owner_id": "D1"}]
    tables["cameras"] += [{"id": "C9", "owner_id": "D1", "lat": 95.5, "lon": 114.0}]
    inventory = load_inventory(write_workbook(tmp_path / "inventory.xlsx", tables))
    assert_balanced(inventory)
    issues = [(i.file, i.row, i.column, i.value) for i in inventory.report.rejected]
    assert issues == [
        ("inventory.xlsx#systems", 6, "name", ""),
        ("inventory.xlsx#cameras", 3, "lat", "95.5"),
    ]


def test_extra_and_hidden_sheets_are_extra_tables(tmp_path: Path, full: TableRows) -> None:
    tables: dict[str, list[dict[str, Any] | None]] = {k: list(v) for k, v in full.items()}
    tables["说明"] = [{"项目": "填报口径", "内容": "截至2020年底"}]
    tables["lookup"] = [{"code": "01", "meaning": "市级"}]
    path = write_workbook(tmp_path / "inventory.xlsx", tables, hidden=["lookup"])
    inventory = load_inventory(path)
    assert inventory.extra_tables == {
        "说明": [{"项目": "填报口径", "内容": "截至2020年底"}],
        "lookup": [{"code": "01", "meaning": "市级"}],
    }
    assert sorted(inventory.report.extra_tables) == ["inventory.xlsx#lookup", "inventory.xlsx#说明"]


def test_extra_columns_are_kept(tmp_path: Path, full: TableRows) -> None:
    full["systems"][1]["备注"] = "二期"
    inventory = load_inventory(write_workbook(tmp_path / "inventory.xlsx", full))
    assert inventory.systems[1].extras() == {"备注": "二期"}


def test_a_table_given_twice_names_both_sheets(tmp_path: Path, full: TableRows) -> None:
    path = write_workbook(tmp_path / "inventory.xlsx", full)
    workbook = load_workbook(path)
    workbook.copy_worksheet(workbook["systems"]).title = "信息系统"
    workbook.save(path)
    with pytest.raises(
        InventoryError, match=r"inventory\.xlsx#systems and inventory\.xlsx#信息系统"
    ):
        load_inventory(path)


def _zip_without_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")


@pytest.mark.parametrize("kind", ["text", "zip", "empty"])
def test_a_broken_workbook_is_an_error_naming_it(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "broken.xlsx"
    if kind == "text":
        path.write_text("id,name\nS1,系统\n", encoding="utf-8")
    elif kind == "zip":
        _zip_without_workbook(path)
    else:
        path.write_bytes(b"")
    with pytest.raises(InventoryError, match=r"broken\.xlsx cannot be read as an \.xlsx workbook"):
        load_inventory(path)


def test_a_workbook_without_table_sheets_is_not_an_inventory(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    workbook = Workbook()
    workbook.active.append(["项目", "金额"])
    workbook.save(path)
    with pytest.raises(InventoryError, match=r"budget\.xlsx is not an inventory"):
        load_inventory(path)


def test_a_workbook_without_systems_is_named(tmp_path: Path, full: TableRows) -> None:
    path = write_workbook(tmp_path / "inventory.xlsx", {"departments": full["departments"]})
    with pytest.raises(InventoryError, match=r"not an inventory.*systems \(信息系统\)"):
        load_inventory(path)
