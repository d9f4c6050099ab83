"""Plain CSV files are read by pandas' C parser, any other by the csv module (issue 7).

Every CSV file any test reads through the C parser is also read by the csv module and the
two compared (``tests/readers_agree.py``, in place for the whole session); here files made
to be odd: blank lines, lines of spaces, short rows, CRLF endings, a BOM, GBK, tabs and
control characters, a header alone — and the files the C parser must leave to the csv
module (a quote, a bare carriage return, a row wider than the header, a table that is not
the contract's).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from readers_agree import assert_same_table

from interop.inventory.errors import InventoryError
from interop.inventory.raw import RawTable
from interop.loaders import csv_folder
from interop.loaders.csv_folder import encoding_of, read_csv_table

PLAIN = {
    "blank lines and lines of spaces": "id,name\nS1,一\n\n   \nS2,二\n\n",
    "short rows": "id,name,owner_id,status\nS1,一\nS2\nS3,三,D1,在用\n",
    "trailing empty cells": "id,name,owner_id\nS1,一,,\n".replace(",,\n", ",\n"),
    "CRLF": "id,name\r\nS1,一\r\n\r\nS2,二\r\n",
    "no newline at the end": "id,name\nS1,一\nS2,二",
    "spaces, tabs and control characters kept": "id,name\n S1 ,\t一\x0b\nS2,二\x1c\x1a\n",
    "a header alone": "id,name,owner_id\n",
    "backslashes and apostrophes": "id,name\nS1,'一'\\\nS2,it's\n",
    "a line separator inside a cell": "id,name\nS1,一\u2028二\n",
    "an empty header cell with cells under it": "id,,name\nS1,x,一\nS2,,二\n",
    "a second BOM in the text": "id,name\n\ufeffS1,一\n",
}

NOT_PLAIN = {
    "a quoted cell": 'id,name\nS1,"一,二"\n',
    "a quote inside a cell": 'id,name\nS1,一"二\n',
    "a bare carriage return": "id,name\rS1,一\r",
    "a row wider than the header": "id,name\nS1,一,多出来\n",
}


def _both(path: Path, name: str) -> tuple[RawTable | None, RawTable]:
    data = path.read_bytes()
    encoding = encoding_of(data, path.name)
    plain = csv_folder._plain_table(data, encoding, path.name, name)
    by_rows = csv_folder._table(data, encoding, path.name, name, False)
    return plain, by_rows


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("case", sorted(PLAIN))
def test_a_plain_file_reads_the_same_by_both_readers(
    tmp_path: Path, case: str, encoding: str
) -> None:
    text = PLAIN[case]
    if encoding == "gb18030":
        text = text.replace("\u2028", "").replace("\ufeff", "")  # not in GBK's repertoire
    path = tmp_path / "systems.csv"
    path.write_bytes(text.encode(encoding))
    plain, by_rows = _both(path, "systems")
    assert plain is not None, "the C parser should take a plain file"
    assert_same_table(plain, by_rows)
    assert read_csv_table(path, "systems").numbers == by_rows.numbers


def test_blank_lines_still_take_a_row_number(tmp_path: Path) -> None:
    path = tmp_path / "systems.csv"
    path.write_text(PLAIN["blank lines and lines of spaces"], encoding="utf-8")
    table = read_csv_table(path, "systems")
    assert table.numbers == [2, 5]
    assert table.cells[0] == ["S1", "S2"]


@pytest.mark.parametrize("case", sorted(NOT_PLAIN))
def test_files_that_are_not_plain_are_left_to_the_csv_module(tmp_path: Path, case: str) -> None:
    path = tmp_path / "systems.csv"
    path.write_bytes(NOT_PLAIN[case].encode("utf-8"))
    plain, by_rows = _both(path, "systems")
    assert plain is None
    table = read_csv_table(path, "systems")
    assert (table.headers, table.numbers, table.cells) == (
        by_rows.headers,
        by_rows.numbers,
        by_rows.cells,
    )


def test_a_table_outside_the_contract_is_read_by_the_csv_module(tmp_path: Path) -> None:
    """Extra tables keep None for a short row's missing cells, as they always did."""
    path = tmp_path / "联系人.csv"
    path.write_text("部门,姓名,电话\nD1,李四\n", encoding="utf-8")
    plain, _ = _both(path, "联系人")
    assert plain is None
    want = [(2, {"部门": "D1", "姓名": "李四", "电话": None})]
    assert read_csv_table(path, "联系人").rows == want


def test_the_session_compares_every_plain_file_it_reads(tmp_path: Path) -> None:
    """The comparison of ``tests/readers_agree.py`` is in place (tests/conftest.py)."""
    import readers_agree

    path = tmp_path / "systems.csv"
    path.write_text("id,name\nS1,一\n", encoding="utf-8")
    before = readers_agree.CHECKED["tables"]
    read_csv_table(path, "systems")
    assert readers_agree.CHECKED["tables"] == before + 1


def test_a_plain_utf8_file_is_decoded_once_by_the_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the parser reads whole is valid UTF-8: the file is not decoded a second time
    to find its encoding. Any other file still is (GBK, a NUL byte, two encodings)."""
    asked: list[str] = []

    def encoding(data: bytes, source: str) -> str:
        asked.append(source)
        return encoding_of(data, source)

    monkeypatch.setattr(csv_folder, "encoding_of", encoding)
    plain = tmp_path / "systems.csv"
    plain.write_bytes(PLAIN["CRLF"].encode("utf-8-sig"))
    assert read_csv_table(plain, "systems").cells[0]
    assert asked == []
    gbk = tmp_path / "networks.csv"
    gbk.write_bytes("id,name\nN1,政务外网\n".encode("gb18030"))
    assert read_csv_table(gbk, "networks").cells[1] == ["政务外网"]
    mixed = tmp_path / "departments.csv"
    mixed.write_bytes(b"id,name\n" + "D1,财政局\n".encode("gbk") + "D2,公安局\n".encode())
    with pytest.raises(InventoryError, match="mixes two encodings"):
        read_csv_table(mixed, "departments")
    nul = tmp_path / "platforms.csv"
    nul.write_bytes(b"id,name\nP1,a\x00b\n")
    with pytest.raises(InventoryError, match="line 2 holds a NUL byte"):
        read_csv_table(nul, "platforms")
    assert asked == ["networks.csv", "departments.csv", "platforms.csv"]
