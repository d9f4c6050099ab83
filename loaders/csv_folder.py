"""Read a folder of CSV files (one per table) into :class:`RawTable` s, cells as written.

``systems.csv`` (English name, any case) or ``信息系统.csv`` (the table's Chinese name) is a
table of the contract; any other ``.csv`` file is an extra table named by its file stem.
Each file is decoded as UTF-8 (with or without BOM), else as GB18030 (a superset of GBK).
Row numbers are those a spreadsheet shows: the header is row 1, a quoted cell spanning
several lines is still one row, and a blank line still takes a row.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from interop.inventory.errors import InventoryError
from interop.inventory.raw import RawTable

from ._common import TableAssignment, build_raw_table, table_name, table_names_hint

ENCODINGS = ("utf-8-sig", "gb18030")
"""Tried in this order, strictly: GB18030 decodes every GBK file."""

_JUNK_PREFIXES = ("._", "~$")
"""macOS resource forks and Office lock files: never tables, often not text."""


def decode(data: bytes, source: str) -> str:
    """The text of a CSV file: UTF-8 (BOM or not), else GB18030/GBK, else InventoryError."""
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break  # UTF-16/32 text or binary data that happens to decode
        return text
    raise InventoryError(
        f"{source} is neither UTF-8 nor GB18030/GBK: save it as CSV UTF-8 (or GBK) and retry"
    )


def _records(text: str, source: str) -> list[list[str]]:
    """Every CSV record, blank lines included (as ``[]``) so that indexes are row numbers.

    Parsed strictly first; a quoted cell left open at the end of the file (which would
    swallow every later row) is an InventoryError. Other quoting slips (``"a"b``) are read
    leniently, as a spreadsheet would.
    """
    strict = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    try:
        records.extend(strict)
        return records
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise InventoryError(
                f'{source}: row {len(records) + 1} opens a quoted cell (") that is never '
                "closed, so every later line would be read into it; close the quote"
            ) from None
    lenient = csv.reader(io.StringIO(text, newline=""))
    records = []
    try:
        records.extend(lenient)
    except csv.Error as exc:
        raise InventoryError(f"{source}: row {len(records) + 1} cannot be read: {exc}") from None
    return records


def read_csv_table(path: Path, name: str) -> RawTable:
    """One CSV file as the raw table ``name`` (its source is the file name)."""
    source = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InventoryError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    records = _records(decode(data, source), source)
    header = records[0] if records else []
    rows = ((index + 1, cells) for index, cells in enumerate(records) if index > 0)
    return build_raw_table(name, source, header, rows)


def csv_files(folder: Path) -> list[Path]:
    """The folder's CSV files (not its subfolders), in name order."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.casefold() == ".csv" and p.is_file() and not p.name.startswith(_JUNK_PREFIXES)
    )


def read_csv_folder(folder: str | Path) -> list[RawTable]:
    """Every CSV file of ``folder`` as a raw table; InventoryError if no table is there."""
    folder = Path(folder)
    assignment = TableAssignment(str(folder))
    named: list[tuple[Path, str]] = []
    for path in csv_files(folder):
        name = table_name(path.stem) or path.stem
        assignment.claim(name, path.name)
        named.append((path, name))
    if not assignment.known:
        hint = ""
        if any(p.suffix.casefold() == ".xlsx" for p in folder.iterdir()):
            hint = " (to read a workbook, give the .xlsx file itself)"
        raise InventoryError(
            f"{folder} is not an inventory: it holds no table file named after "
            f"{table_names_hint()} with .csv{hint}"
        )
    return [read_csv_table(path, name) for path, name in named]
