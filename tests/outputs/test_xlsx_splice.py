"""A sheet's rows read into the zip as its XML is deflated (interop.report.xlsx_splice):
the same zip as the whole file's, the rows file deleted either way."""

from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from interop.report import xlsx_splice
from interop.report.tables import Book, _sheet

STAMP = 315_532_800  # 1980-01-01, the time xlsxwriter gives its parts


def _files(tmp_path: Path, head: bytes, rows: bytes, tail: bytes) -> tuple[Path, Path, Path]:
    """The sheet without its rows, the rows, and the sheet as one file (what the copy wrote)."""
    sheet, rows_file, whole = tmp_path / "sheet.xml", tmp_path / "rows", tmp_path / "whole.xml"
    sheet.write_bytes(head + tail)
    rows_file.write_bytes(rows)
    whole.write_bytes(head + rows + tail)
    for path in (sheet, whole):
        os.utime(path, (STAMP, STAMP))
    return sheet, rows_file, whole


def _zip(path: Path, entry: Path, zip_class: type[zipfile.ZipFile]) -> bytes:
    with zip_class(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=3) as archive:
        archive.write(entry, "xl/worksheets/sheet1.xml")
    return path.read_bytes()


@pytest.mark.parametrize(
    ("head_size", "zip64_from"),
    [
        (100, None),  # the rows' place in the first chunk zipfile reads
        (8192, None),  # at the end of that chunk, exactly
        (20_000, None),  # in a later chunk
        (20_000, 30_000),  # an entry that needs ZIP64 with its rows, not without them
    ],
)
def test_a_spliced_sheet_zips_as_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, head_size: int, zip64_from: int | None
) -> None:
    if zip64_from is not None:
        monkeypatch.setattr(zipfile, "ZIP64_LIMIT", zip64_from)
    head = b"<worksheet><sheetData>".ljust(head_size, b" ")
    rows = b"".join(b'<row r="%d"><c><v>%d</v></c></row>' % (k, k) for k in range(3000))
    tail = b"</sheetData></worksheet>"
    sheet, rows_file, whole = _files(tmp_path, head, rows, tail)
    expected = _zip(tmp_path / "whole.zip", whole, zipfile.ZipFile)
    with xlsx_splice.splicing():
        assert xlsx_splice.defer(str(sheet), len(head), str(rows_file))
        spliced = _zip(tmp_path / "spliced.zip", sheet, xlsx_splice.SplicingZipFile)
    assert spliced == expected
    with zipfile.ZipFile(tmp_path / "spliced.zip") as archive:
        assert archive.read("xl/worksheets/sheet1.xml") == head + rows + tail
        if zip64_from is not None:
            assert archive.infolist()[0].file_size > zip64_from
    assert not rows_file.exists()


def test_a_file_not_noted_zips_as_it_is(tmp_path: Path) -> None:
    sheet, rows_file, _ = _files(tmp_path, b"<a>", b"<r/>", b"</a>")
    with xlsx_splice.splicing():
        _zip(tmp_path / "plain.zip", sheet, xlsx_splice.SplicingZipFile)
    with zipfile.ZipFile(tmp_path / "plain.zip") as archive:
        assert archive.read("xl/worksheets/sheet1.xml") == b"<a></a>"
    assert rows_file.exists()  # (nobody's to delete)


def test_rows_not_zipped_are_deleted_when_the_workbook_fails(tmp_path: Path) -> None:
    sheet, rows_file, _ = _files(tmp_path, b"<a>", b"<r/>", b"</a>")
    with pytest.raises(OSError), xlsx_splice.splicing():
        assert xlsx_splice.defer(str(sheet), 3, str(rows_file))
        raise OSError("the disk is full")
    assert not rows_file.exists()
    assert not xlsx_splice.defer(str(sheet), 3, str(rows_file))  # (over: nothing noted)


def test_a_sheet_shorter_than_its_rows_place_is_an_error(tmp_path: Path) -> None:
    sheet, rows_file, _ = _files(tmp_path, b"<a>", b"<r/>", b"</a>")
    with xlsx_splice.splicing():
        xlsx_splice.defer(str(sheet), 100, str(rows_file))
        with pytest.raises(RuntimeError, match="before its rows"):
            _zip(tmp_path / "short.zip", sheet, xlsx_splice.SplicingZipFile)


def test_one_workbook_is_spliced_at_a_time() -> None:
    with xlsx_splice.splicing(), pytest.raises(RuntimeError), xlsx_splice.splicing():
        pass
    with xlsx_splice.splicing():  # (and over once it is)
        pass


def test_rows_left_unzipped_by_a_close_that_succeeded_are_an_error(tmp_path: Path) -> None:
    sheet, rows_file, _ = _files(tmp_path, b"<a>", b"<r/>", b"</a>")
    with pytest.raises(RuntimeError, match="without their rows"), xlsx_splice.splicing():
        xlsx_splice.defer(str(sheet), 3, str(rows_file))  # (and zipped by no SplicingZipFile)
    assert not rows_file.exists()


def test_workbooks_closed_by_threads_at_once_hold_their_rows(tmp_path: Path) -> None:
    """Book.close lets one workbook close at a time: each keeps its own rows."""

    def write(k: int) -> None:
        book = Book(tmp_path / f"{k}.xlsx", "zh")
        _sheet(book, "a", ["n"], [[f"{k}-{row}"] for row in range(2000)], [10])
        book.close()

    threads = [threading.Thread(target=write, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for k in range(4):
        rows = list(load_workbook(tmp_path / f"{k}.xlsx", read_only=True)["a"].values)
        assert rows == [("n",), *((f"{k}-{row}",) for row in range(2000))]
