"""Read a folder of CSV files (one per table) into :class:`RawTable` s, cells as written.

``systems.csv`` (English name, any case) or ``信息系统.csv`` (the table's Chinese name) is a
table of the contract; any other ``.csv`` file is an extra table named by its file stem.
Each file is decoded as UTF-8 (with or without BOM), else as GB18030 (a superset of GBK);
a file mixing the two, or holding a NUL byte, is an error naming the line.
Row numbers are those a spreadsheet shows: the header is row 1, a quoted cell spanning
several lines is still one row, and a blank line still takes a row.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator, Mapping
from itertools import compress
from pathlib import Path
from typing import Any

from interop.inventory.errors import InventoryError
from interop.inventory.raw import RawTable

from ._common import (
    TABLE_NAMES,
    TableAssignment,
    build_raw_table,
    is_instructions,
    raw_table_from_columns,
    table_name,
    table_names_hint,
)
from .csv_lines import (
    BARE_CR,
    ColumnsElsewhere,
    FileData,
    FileLines,
    LineCells,
    ReadWhole,
    header_line,
    plain_frame,
    read_columns,
)

ENCODINGS = ("utf-8-sig", "gb18030")
"""Tried in this order, strictly: GB18030 decodes every GBK file."""

FIELD_LIMIT = 2**31 - 1
"""The csv module's field size limit while reading (its default, 131,072 characters, would
make one long cell fail the whole inventory); a cell is as long as its file allows."""

_JUNK_PREFIXES = ("._", "~$")
"""macOS resource forks and Office lock files: never tables, often not text."""

_SAVE_AS = "save it from Excel or WPS as CSV UTF-8 (or GBK) and retry"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def encoding_of(data: bytes, source: str) -> str:
    """The encoding a CSV file is in: ``utf-8-sig`` (BOM or not), else ``gb18030`` (GBK),
    else InventoryError.

    A file must be in one encoding: one whose lines are partly UTF-8 and partly not (a
    GBK file with a line pasted from a UTF-8 file, or the reverse) would load one part as
    mojibake, so it is an InventoryError naming the odd line. So is a NUL byte, which no
    cell may hold (its line is named; UTF-16 text, full of them, is named as such).
    """
    if data.startswith(_UTF16_BOMS):
        raise InventoryError(
            f"{source} is neither UTF-8 nor GB18030/GBK: it is UTF-16 text (Excel's "
            f"'Unicode text'); {_SAVE_AS}"
        )
    encoding = ENCODINGS[0]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = ENCODINGS[1], _decode_gbk(data, source)
    nul = text.find("\x00")
    if nul >= 0:
        if text.count("\x00") * 4 > len(text):
            raise InventoryError(
                f"{source} is neither UTF-8 nor GB18030/GBK: it is UTF-16 or UTF-32 text; "
                + _SAVE_AS
            )
        line = text.count("\n", 0, nul) + 1
        raise InventoryError(
            f"{source}: line {line} holds a NUL byte (\\x00), which no cell may hold; "
            "remove it (the file may be damaged) and retry"
        )
    return encoding


_CHINESE = re.compile(
    "[\u00b7\u00d7\u2000-\u206f\u2160-\u217f\u2460-\u24ff\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
)
"""What Chinese text in UTF-8 decodes to: CJK ideographs, CJK and general punctuation,
full-width forms, middle dot, ×, Roman and circled numerals. A GBK line may happen to be
valid UTF-8 (一 is the bytes of the Cyrillic һ), but hardly ever decodes to these alone."""


def _decode_gbk(data: bytes, source: str) -> str:
    """A file that is not all UTF-8: GB18030/GBK, unless some of its lines are UTF-8
    (valid UTF-8 that decodes to ASCII and Chinese characters only)."""
    utf8: list[int] = []
    other: list[int] = []
    for number, line in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(number)
            continue
        if all(c.isascii() or _CHINESE.match(c) for c in text):
            utf8.append(number)
    if utf8 and other:
        if len(other) <= len(utf8):
            odd, kind, rest = other[0], "is not UTF-8 (GBK?)", f"UTF-8 (as line {utf8[0]})"
        else:
            odd, kind, rest = utf8[0], "is UTF-8", f"GBK/GB18030 (as line {other[0]})"
        count = min(len(other), len(utf8))
        more = f" ({count} such lines)" if count > 1 else ""
        raise InventoryError(
            f"{source}: line {odd} {kind} while the rest of the file is {rest}{more}: "
            "the file mixes two encodings, and one part would be read as garbled text; "
            f"{_SAVE_AS}"
        )
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        line_no = data.count(b"\n", 0, exc.start) + 1
        raise InventoryError(
            f"{source} is neither UTF-8 nor GB18030/GBK (line {line_no}, byte "
            f"{data[exc.start]:#04x}): {_SAVE_AS}"
        ) from None


def _records(data: bytes, encoding: str, strict: bool) -> Iterator[tuple[int, list[str]]]:
    """Every CSV record with its row number, blank lines counted (a spreadsheet's rows),
    decoded as it is read: the file's text is never held whole (as UTF-32 in a StringIO,
    it would be four times the size of a Chinese file)."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    return enumerate(csv.reader(text, strict=strict), start=1)


def _table(data: bytes, encoding: str, source: str, name: str, strict: bool) -> RawTable:
    records = _records(data, encoding, strict)
    header = next(records, (1, []))[1]
    return build_raw_table(name, source, header, records)


def _plain_table(data: bytes, encoding: str, source: str, name: str) -> RawTable | None:
    """The table read by pandas' C parser, when the file is plain: no quote character at
    all (so each line is one row and each comma a cell boundary), no bare carriage
    return, no line wider than the header, and a table of the contract; None otherwise
    (the csv module reads it, row by row). A million-camera file reads in a third of the
    time. A cell that is not in ``encoding`` raises UnicodeDecodeError (the parser decodes
    each cell strictly, as ``bytes.decode`` does).

    What the parser gives is what the csv module gives, but that a short row's missing
    cells are ``""`` rather than None (both an empty cell to the validator); blank lines
    are rows too (``skip_blank_lines=False``), so line ``k`` is row ``k``.
    """
    if name not in TABLE_NAMES or b'"' in data:
        return None
    if BARE_CR.search(data):
        return None
    import pandas as pd

    try:  # (the parser drops a leading BOM itself, a third faster than utf-8-sig)
        frame = plain_frame(data, "utf-8" if encoding == "utf-8-sig" else encoding)
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        return None  # a row wider than the first, or no line at all
    columns = [frame[c].to_numpy().tolist() for c in frame.columns]
    del frame
    header = [column[0] for column in columns]
    columns = [column[1:] for column in columns]
    rows = len(columns[0]) if columns else 0
    numbers = list(range(2, rows + 2))
    filled = _filled_rows(columns)
    if filled is not None:
        numbers = list(compress(numbers, filled))
        columns = [list(compress(column, filled)) for column in columns]
    return raw_table_from_columns(name, source, header, numbers, columns)


def _split_table(
    data: FileData, source: str, name: str, elsewhere: ColumnsElsewhere
) -> RawTable | None:
    """The table read by pandas' C parser as :func:`_plain_table` reads it, but for the
    columns another process reads (``elsewhere``): those are :class:`LineCells`, read from
    the file when asked. None where the file is not plain UTF-8 after all (a cell this
    process reads is not UTF-8, or the other process says the file is not plain: a quote,
    a bare carriage return, a line wider than the header): then the file is read whole,
    as any other. (A cell of the other process's columns that is not UTF-8 it says when
    its columns are taken: :class:`~loaders.csv_lines.ReadWhole`.)"""
    if name not in TABLE_NAMES or not elsewhere.positions:
        return None
    header = header_line(data)
    try:
        header_cells = header.decode("utf-8").split(",")
        mine = [p for p in range(len(header_cells)) if p not in elsewhere.positions]
        frame = read_columns(data, mine)
    except (UnicodeDecodeError, ReadWhole, ValueError):  # (pandas' errors are ValueErrors)
        return None
    if not elsewhere.confirm():
        return None
    rows = len(frame) - 1
    lines = FileLines(data)
    numbers = list(range(2, rows + 2))
    columns: list[Any] = [
        LineCells(lines, p, numbers)
        if p in elsewhere.positions
        else frame[p].to_numpy()[1:].tolist()
        for p in range(len(header_cells))
    ]
    del frame
    filled = _filled_rows(columns)
    if filled is not None:
        numbers = list(compress(numbers, filled))
        columns = [
            LineCells(lines, p, numbers) if p in elsewhere.positions else list(compress(c, filled))
            for p, c in enumerate(columns)
        ]
    table = raw_table_from_columns(name, source, header_cells, numbers, columns)
    table.read_elsewhere = frozenset(elsewhere.positions)
    return table


def _filled_rows(columns: list[list[str]]) -> list[bool] | None:
    """Which rows have a cell that is not blank (the first column answers most); None when
    every row has (its first cell, mostly: one pass in C finds that out)."""
    if not columns or all(map(str.strip, columns[0])):
        return None
    filled = list(map(bool, map(str.strip, columns[0])))
    for k in [k for k, full in enumerate(filled) if not full]:
        filled[k] = any(column[k].strip() for column in columns)
    return filled


def read_csv_table(path: Path, name: str, elsewhere: ColumnsElsewhere | None = None) -> RawTable:
    """One CSV file as the raw table ``name`` (its source is the file name).

    Parsed strictly first; a quoted cell left open at the end of the file (which would
    swallow every later row) is an InventoryError. Other quoting slips (``"a"b``) are read
    leniently, as a spreadsheet would. ``elsewhere``: columns another process reads from
    the file's bytes it holds (:func:`_split_table`), when the file is plain UTF-8.
    """
    source = path.name
    if elsewhere is not None:  # (the other process checks for quotes, NUL bytes, widths)
        split = _split_table(elsewhere.data, source, name, elsewhere)
        if split is not None:
            return split
        elsewhere.drop()  # then read whole, as any other file
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InventoryError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    tried = None
    if b"\x00" not in data and not data.startswith(_UTF16_BOMS):
        # a plain UTF-8 file, the usual one, is decoded once, by the parser: what it reads
        # whole is valid UTF-8, which is all encoding_of would say of it
        with contextlib.suppress(UnicodeDecodeError):
            plain = _plain_table(data, ENCODINGS[0], source, name)
            if plain is not None:
                return plain
            tried = ENCODINGS[0]
    encoding = encoding_of(data, source)
    if encoding != tried:
        plain = _plain_table(data, encoding, source, name)
        if plain is not None:
            return plain
    try:
        return _table(data, encoding, source, name, strict=True)
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            row = _failed_row(data, encoding, strict=True)
            raise InventoryError(
                f'{source}: row {row} opens a quoted cell (") that is never closed, so every '
                "later line would be read into it; close the quote"
            ) from None
    try:
        return _table(data, encoding, source, name, strict=False)
    except csv.Error as exc:
        raise InventoryError(
            f"{source}: row {_failed_row(data, encoding, strict=False)} cannot be read: {exc}"
        ) from None


def _failed_row(data: bytes, encoding: str, strict: bool) -> int:
    """The row a reading fails on (the records read before it, plus one)."""
    read = 0
    try:
        for number, _ in _records(data, encoding, strict):
            read = number
    except csv.Error:
        pass
    return read + 1


def csv_files(folder: Path) -> list[Path]:
    """The folder's CSV files (not its subfolders), in name order."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.casefold() == ".csv" and p.is_file() and not p.name.startswith(_JUNK_PREFIXES)
    )


def table_files(folder: Path) -> list[tuple[Path, str]]:
    """The folder's CSV files but the questionnaire's instructions, each with the table it
    holds: a contract table's English name, else the file's stem (an extra table)."""
    return [
        (path, table_name(path.stem) or path.stem)
        for path in csv_files(folder)
        if not is_instructions(path.stem)
    ]


def read_csv_folder(
    folder: str | Path, elsewhere: Mapping[str, ColumnsElsewhere] | None = None
) -> list[RawTable]:
    """Every CSV file of ``folder`` as a raw table; InventoryError if no table is there.
    ``elsewhere``: by table name, columns another process reads (:func:`read_csv_table`)."""
    folder = Path(folder)
    assignment = TableAssignment(str(folder))
    named = table_files(folder)
    for path, name in named:
        assignment.claim(name, path.name)
    if not assignment.known:
        hint = ""
        if any(p.suffix.casefold() == ".xlsx" for p in folder.iterdir()):
            hint = " (to read a workbook, give the .xlsx file itself)"
        raise InventoryError(
            f"{folder} is not an inventory: it holds no table file named after "
            f"{table_names_hint()} with .csv{hint}"
        )
    elsewhere = elsewhere or {}
    return [read_csv_table(path, name, elsewhere.get(name)) for path, name in named]
