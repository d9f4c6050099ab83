"""The CSV folder reader: extra columns and tables kept, ragged rows, encodings, bad folders."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from loader_cases import LoadTables, TableRows, assert_balanced, record_values, write_csv

from interop.inventory.errors import InventoryError
from interop.loaders import load_inventory, read_raw_tables

# -- extra columns and tables ------------------------------------------------------------


def test_extra_columns_are_kept_as_record_extras(full: TableRows, load_tables: LoadTables) -> None:
    full["systems"][0].update({"备注": "", "联系人": ""})
    full["systems"][1].update({"备注": "二期在建", "联系人": "张三"})
    full["cameras"][0]["杆号"] = "G-017"
    inventory = load_tables(full)
    assert inventory.report.rejected == []
    assert [s.extras() for s in inventory.systems] == [{}, {"备注": "二期在建", "联系人": "张三"}]
    assert inventory.cameras[0].extras() == {"杆号": "G-017"}


def test_extra_tables_are_kept(full: TableRows, load_tables: LoadTables) -> None:
    full["联系人"] = [{"部门": "D1", "姓名": "李四"}, {"部门": "D2", "姓名": "王五"}]
    full["notes"] = [{"text": "抽查于2020年"}]
    inventory = load_tables(full)
    assert inventory.extra_tables == {
        "联系人": [{"部门": "D1", "姓名": "李四"}, {"部门": "D2", "姓名": "王五"}],
        "notes": [{"text": "抽查于2020年"}],
    }
    assert sorted(inventory.report.extra_tables) == ["notes.csv", "联系人.csv"]


def _folder(tmp_path: Path, full: TableRows, systems_text: str) -> Path:
    del full["systems"]
    folder = write_csv(tmp_path / "inventory", full)
    (folder / "systems.csv").write_text(systems_text, encoding="utf-8")
    return folder


def test_ragged_rows_and_blank_headers_lose_nothing(tmp_path: Path, full: TableRows) -> None:
    folder = _folder(
        tmp_path,
        full,
        "id,name,owner_id,,备注,\n"
        "S1,系统一,D1,,,\n"
        "S2,系统二,D1,无表头,说明,,多出来\n"
        ",,,,\n"  # row 4: cells, all empty: not a row of data
        "S3,系统三\n",  # row 5: short
    )
    [systems] = [t for t in read_raw_tables(folder) if t.name == "systems"]
    assert systems.headers == ["id", "name", "owner_id", "column_4", "备注", "column_7"]
    assert [number for number, _ in systems.rows] == [2, 3, 5]
    assert systems.rows[2][1] == {
        "id": "S3",
        "name": "系统三",
        "owner_id": None,
        "column_4": None,
        "备注": None,
        "column_7": None,
    }
    inventory = load_inventory(folder)
    assert_balanced(inventory)
    assert inventory.systems[1].extras() == {
        "column_4": "无表头",
        "备注": "说明",
        "column_7": "多出来",
    }
    [issue] = inventory.report.rejected
    assert (issue.file, issue.row, issue.column, issue.value) == ("systems.csv", 5, "owner_id", "")
    assert inventory.report.tables["systems"].read == 3


def test_the_same_header_twice_is_an_error(tmp_path: Path, full: TableRows) -> None:
    folder = _folder(tmp_path, full, "id,name,owner_id,备注, 备注\nS1,系统一,D1,a,b\n")
    with pytest.raises(InventoryError, match=r"systems\.csv.*'备注'.*twice"):
        load_inventory(folder)


def test_an_unclosed_quote_is_an_error_not_a_silent_merge(tmp_path: Path, full: TableRows) -> None:
    folder = _folder(tmp_path, full, 'id,name,owner_id\nS1,"系统一,D1\nS2,系统二,D1\n')
    with pytest.raises(InventoryError, match=r"systems\.csv: row 2 .*quote"):
        load_inventory(folder)


def test_a_quoting_slip_is_read_leniently(tmp_path: Path, full: TableRows) -> None:
    folder = _folder(tmp_path, full, 'id,name,owner_id\nS1,"系统"一,D1\nS2,系统"二",D1\n')
    inventory = load_inventory(folder)
    assert [s.name for s in inventory.systems] == ["系统一", '系统"二"']


def test_table_file_names_are_case_insensitive(tmp_path: Path, full: TableRows) -> None:
    folder = write_csv(tmp_path / "inventory", full)
    (folder / "systems.csv").rename(folder / "Systems.CSV")
    (folder / "departments.csv").rename(folder / "DEPARTMENTS.csv")
    inventory = load_inventory(folder)
    assert len(inventory.systems) == len(full["systems"])
    assert inventory.report.extra_tables == []


def test_office_lock_files_and_subfolders_are_not_tables(tmp_path: Path, full: TableRows) -> None:
    folder = write_csv(tmp_path / "inventory", full)
    (folder / "~$systems.csv").write_bytes(b"\x00\xff lock")
    (folder / "._systems.csv").write_bytes(b"\x00\x05\x16\x07")
    (folder / "old").mkdir()
    (folder / "old" / "systems.csv").write_text("nonsense", encoding="utf-8")
    inventory = load_inventory(folder)
    assert len(inventory.systems) == len(full["systems"])
    assert inventory.report.extra_tables == []


# -- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_each_accepted_encoding(
    full: TableRows,
    expected: dict[str, list[dict[str, object]]],
    load_tables: LoadTables,
    encoding: str,
) -> None:
    inventory = load_tables(full, encoding=encoding, chinese_names=True)
    assert inventory.report.rejected == []
    for table, rows in expected.items():
        assert record_values(inventory, table) == rows, table


def test_encoding_is_detected_per_file(tmp_path: Path, full: TableRows) -> None:
    folder = write_csv(tmp_path / "inventory", {"departments": full["departments"]}, encoding="gbk")
    write_csv(folder, {"systems": full["systems"]}, encoding="utf-8-sig")
    inventory = load_inventory(folder)
    assert inventory.departments[1].name == "江岸区分局"
    assert inventory.systems[1].name == "视频监控系统"


def test_a_bom_does_not_stick_to_the_first_header(tmp_path: Path, full: TableRows) -> None:
    folder = write_csv(tmp_path / "inventory", full, encoding="utf-8-sig")
    assert (folder / "systems.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    [systems] = [t for t in read_raw_tables(folder) if t.name == "systems"]
    assert systems.headers[0] == "id"


NOT_TEXT = {
    "utf-16": "id,name,owner_id\nS1,系统一,D1\n".encode("utf-16"),
    "utf-16-le without BOM": "id,name,owner_id\nS1,系统一,D1\n".encode("utf-16-le"),
    "random bytes": b"\xff" + random.Random(7).randbytes(4096),
}


@pytest.mark.parametrize("data", NOT_TEXT.values(), ids=NOT_TEXT.keys())
def test_a_file_in_neither_encoding_is_an_error_naming_it(
    tmp_path: Path, full: TableRows, data: bytes
) -> None:
    folder = write_csv(tmp_path / "inventory", full)
    (folder / "systems.csv").write_bytes(data)
    with pytest.raises(InventoryError, match=r"systems\.csv is neither UTF-8 nor GB18030/GBK"):
        load_inventory(folder)


# -- not an inventory --------------------------------------------------------------------


def test_empty_folder_is_not_an_inventory(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    with pytest.raises(InventoryError, match=r"empty is not an inventory"):
        load_inventory(folder)


def test_folder_of_other_csv_files_is_not_an_inventory(tmp_path: Path) -> None:
    (tmp_path / "预算.csv").write_text("项目,金额\n视频,10\n", encoding="utf-8")
    with pytest.raises(InventoryError, match=r"is not an inventory"):
        load_inventory(tmp_path)


def test_text_file_is_not_an_inventory(tmp_path: Path) -> None:
    path = tmp_path / "systems.txt"
    path.write_text("id,name,owner_id\n", encoding="utf-8")
    with pytest.raises(InventoryError, match=r"systems\.txt is not an inventory"):
        load_inventory(path)


def test_missing_path_is_named(tmp_path: Path) -> None:
    with pytest.raises(InventoryError, match=r"no-such-inventory does not exist"):
        load_inventory(tmp_path / "no-such-inventory")


def test_missing_systems_table_is_named(tmp_path: Path, full: TableRows) -> None:
    folder = write_csv(tmp_path / "inventory", {"departments": full["departments"]})
    with pytest.raises(InventoryError, match=r"not an inventory.*systems \(信息系统\)"):
        load_inventory(folder)


def test_missing_departments_table_is_named(tmp_path: Path, full: TableRows) -> None:
    folder = write_csv(tmp_path / "inventory", {"systems": full["systems"]})
    with pytest.raises(InventoryError, match=r"not an inventory.*departments \(部门\)"):
        load_inventory(folder)


def test_a_table_given_twice_names_both_files(tmp_path: Path, full: TableRows) -> None:
    folder = write_csv(tmp_path / "inventory", full)
    write_csv(folder, {"systems": full["systems"]}, chinese_names=True)
    with pytest.raises(
        InventoryError, match=r"信息系统\.csv and systems\.csv|systems\.csv and 信息系统\.csv"
    ):
        load_inventory(folder)


def test_reading_csv_files_does_not_import_openpyxl() -> None:
    """openpyxl is imported for a workbook only (a tenth of a second of every CSV run)."""
    import subprocess
    import sys

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "every_rule"
    probe = (
        "import sys; from interop.loaders import load_inventory; "
        f"inventory = load_inventory({str(fixture)!r}); "
        "print(len(inventory.systems), 'openpyxl' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    count, imported = result.stdout.split()
    assert int(count) > 0 and imported == "False"
