"""Holes 3 and 11: workbook formulas with no stored result, and tables with no header."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from hostile.inventories import base, csv_text, write_csv, write_xlsx
from interop.cli.app import cli
from interop.inventory.errors import InventoryError
from interop.inventory.model import Inventory
from interop.loaders import load_inventory


def balanced(inventory: Inventory) -> Inventory:
    for name, count in inventory.report.tables.items():
        assert count.read == count.loaded + count.rejected, name
    return inventory


# -- hole 3: formulas with no stored result ------------------------------------------------


def test_a_required_cell_with_an_unstored_formula_rejects_the_row(tmp_path: Path) -> None:
    tables = base()
    tables["systems"][1]["name"] = '=CONCAT("医院", "信息系统")'
    inventory = balanced(load_inventory(write_xlsx(tmp_path / "inv.xlsx", tables)))
    [issue] = [i for i in inventory.report.rejected if i.table == "systems"]
    assert (issue.file, issue.row, issue.column) == ("inv.xlsx#systems", 3, "name")
    assert issue.value == '=CONCAT("医院", "信息系统")'
    assert "formula with no stored result" in issue.reason


def test_an_optional_cell_with_an_unstored_formula_is_empty_with_a_warning(
    tmp_path: Path,
) -> None:
    tables = base()
    tables["systems"][0]["function"] = '=IF(A2="", "", "视频监控")'
    inventory = balanced(load_inventory(write_xlsx(tmp_path / "inv.xlsx", tables)))
    assert inventory.report.rejected == []
    assert inventory.systems[0].function is None
    [warning] = [w for w in inventory.report.warnings if w.column == "function"]
    assert (warning.file, warning.row) == ("inv.xlsx#systems", 2)
    assert "formula with no stored result" in warning.reason


def test_a_row_made_only_of_unstored_formulas_is_read_and_rejected(tmp_path: Path) -> None:
    """The reproduction: such a row used to vanish (read 14 of 15 rows)."""
    tables = base()
    tables["systems"].append({"id": "=B9", "name": "=B10", "owner_id": "=C9", "function": "=D9"})
    inventory = balanced(load_inventory(write_xlsx(tmp_path / "inv.xlsx", tables)))
    count = inventory.report.tables["systems"]
    assert (count.read, count.loaded, count.rejected) == (3, 2, 1)
    [issue] = [i for i in inventory.report.rejected if i.table == "systems"]
    assert issue.row == 4 and "formula with no stored result" in issue.reason


def test_a_formula_with_a_stored_result_gives_the_result(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "inv.xlsx", base())
    workbook = load_workbook(path)
    workbook["systems"]["D2"] = "=1+1"
    workbook.save(path)
    # store a result, as Excel does when it saves: <f>1+1</f><v>2</v>
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/") and b"1+1" in parts[n])
    assert b"<f>1+1</f><v /></c>" in parts[sheet]  # how openpyxl writes it: no result
    parts[sheet] = parts[sheet].replace(b"<f>1+1</f><v /></c>", b"<f>1+1</f><v>2</v></c>")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    inventory = balanced(load_inventory(path))
    assert inventory.systems[0].function == "2"
    assert not [w for w in inventory.report.warnings if w.column == "function"]


# -- hole 11: a present table with no recognisable header ----------------------------------


def _csv_with(tmp_path: Path, table: str, text: str) -> Path:
    folder = write_csv(tmp_path / "inventory", base())
    (folder / f"{table}.csv").write_text(text, encoding="utf-8")
    return folder


def test_a_title_row_above_the_header_is_an_error_naming_table_and_headers(
    tmp_path: Path,
) -> None:
    folder = _csv_with(tmp_path, "systems", "某市信息系统清单,,\n" + csv_text(base()["systems"]))
    with pytest.raises(InventoryError) as error:
        load_inventory(folder)
    message = str(error.value)
    assert message.startswith("systems.csv: no header row of the table systems (信息系统)")
    assert "headers found: '某市信息系统清单'" in message


def test_an_optional_table_with_a_title_row_is_an_error_too(tmp_path: Path) -> None:
    folder = _csv_with(tmp_path, "cameras", "视频监控点位表\n" + csv_text(base()["cameras"]))
    with pytest.raises(InventoryError, match=r"^cameras\.csv: no header row of the table cameras"):
        load_inventory(folder)


def test_two_byte_order_marks_are_trimmed_from_the_header_with_a_warning(
    tmp_path: Path,
) -> None:
    folder = write_csv(tmp_path / "inventory", base())
    text = csv_text(base()["departments"])
    (folder / "departments.csv").write_bytes(("\ufeff\ufeff" + text).encode("utf-8"))
    inventory = balanced(load_inventory(folder))
    assert [d.id for d in inventory.departments] == ["D1", "D2"]
    [warning] = inventory.report.warnings
    assert (warning.file, warning.row, warning.column) == ("departments.csv", 1, "id")
    assert "U+FEFF" in warning.reason


def test_an_empty_departments_sheet_is_an_error(tmp_path: Path) -> None:
    tables = base()
    tables["departments"] = []
    with pytest.raises(InventoryError, match=r"table departments .*headers found: none"):
        load_inventory(write_xlsx(tmp_path / "inv.xlsx", tables))


def test_a_merged_title_row_is_named_as_merged(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "inv.xlsx", base())
    workbook = load_workbook(path)
    sheet = workbook["systems"]
    sheet.insert_rows(1)
    sheet["A1"] = "某市信息系统清单"
    sheet.merge_cells("A1:D1")
    workbook.save(path)
    with pytest.raises(InventoryError) as error:
        load_inventory(path)
    assert "inv.xlsx#systems: no header row of the table systems" in str(error.value)
    assert "the merged cells A1:D1 are in row 1" in str(error.value)


def test_an_empty_cell_of_a_merge_is_named_as_merged(tmp_path: Path) -> None:
    tables = base()
    tables["systems"][1]["owner_id"] = None
    path = write_xlsx(tmp_path / "inv.xlsx", tables)
    workbook = load_workbook(path)
    workbook["systems"].merge_cells("C2:C3")  # owner_id of S01 and S02 merged
    workbook.save(path)
    inventory = balanced(load_inventory(path))
    [issue] = [i for i in inventory.report.rejected if i.table == "systems"]
    assert (issue.row, issue.column) == (3, "owner_id")
    assert "merged cells C2:C3" in issue.reason


def test_the_cli_exits_1_with_one_error_line(tmp_path: Path) -> None:
    folder = _csv_with(tmp_path, "systems", "某市信息系统清单,,\n" + csv_text(base()["systems"]))
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: systems.csv: no header row")
    assert "Traceback" not in result.output
