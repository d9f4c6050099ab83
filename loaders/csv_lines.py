"""A plain CSV file's columns that another process reads: their cells, read here from the
file's bytes one at a time when asked.

A city's camera file is read by two processes at once
(:mod:`interop.inventory.read_beside`):
the copy reads and parses its number, enum and date columns, this process reads the others
(:func:`loaders.csv_folder.read_csv_table`, given :class:`ColumnsElsewhere`). The raw
table still holds every cell as written: a column read elsewhere is a
:class:`LineCells`, which the validator reads only where it names a cell (a rejected
row's, a warning's). In a plain file (no quote character, no bare carriage return) line
``k`` is row ``k`` and each comma a cell boundary, so a cell is found without a parser.
"""

from __future__ import annotations

import csv
import io
import mmap
import re
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO, Protocol, overload

import numpy as np
from numpy.typing import NDArray

FileData = bytes | mmap.mmap
"""A file's bytes: read into memory, or mapped (read only) where a large file is read by
two processes (:mod:`interop.inventory.read_beside`: its pages are then the page cache's,
shared by both, not a copy this process writes first)."""


BARE_CR = re.compile(rb"\r(?!\n)")
"""A carriage return that does not end a line with its line feed (one search, not two
counts of a hundred megabytes)."""


def is_plain(data: FileData, width: int) -> bool:
    """Whether a CSV file's bytes are plain (no quote character, no bare carriage return,
    no NUL byte) with no line wider than its header, of ``width`` cells: what pandas' C
    parser, had it read every column, would have refused of the file but for a cell that
    is not UTF-8 (which it finds in the columns it reads). The question
    :func:`plain_number_columns` asks in its pass over the lines, with no column to read."""
    return plain_number_columns(data, width, ()) is not None


def plain_bytes(data: FileData) -> bool:
    """Whether a CSV file's bytes hold no quote character, no bare carriage return and no
    NUL byte (:func:`is_plain` but for the lines' widths)."""
    # (find, not ``in``: a mapped file's ``in`` looks byte by byte, 400 times slower; the
    # search for a bare carriage return only where there is one at all)
    return (
        data.find(b'"') < 0
        and data.find(b"\x00") < 0
        and (data.find(b"\r") < 0 or BARE_CR.search(data) is None)
    )


_LINES_AT_ONCE = 1 << 24
"""Bytes of whole lines :func:`number_columns` looks at in one go (its arrays' size)."""


def _whole_lines(data: FileData, start: int) -> Iterator[NDArray[np.uint8]]:
    """The bytes of ``data`` from ``start`` (a line's start), some 16 MB of whole lines at a
    time (:data:`_LINES_AT_ONCE`; a line longer than that whole), without a copy."""
    size = len(data)
    while start < size:
        end = data.find(b"\n", min(start + _LINES_AT_ONCE, size))
        end = size if end < 0 else end + 1
        yield np.frombuffer(data, dtype=np.uint8, count=end - start, offset=start)
        start = end


NUMBER_BYTES = np.zeros(256, dtype=bool)
NUMBER_BYTES[np.frombuffer(b"0123456789.+-eE", dtype=np.uint8)] = True
"""The bytes a number cell read by :func:`number_columns` may hold."""

NUMBER_WIDTH = 32
"""The longest such cell, in bytes: a column with a longer cell is left to the parser."""


NumberColumns = dict[int, tuple[NDArray[np.float64], NDArray[np.bool_]]]
"""Number columns read from a file's bytes, by position: each its values (NaN where
empty) and which cells are not empty (:func:`number_columns`)."""


def plain_number_columns(
    data: FileData, width: int, positions: Sequence[int]
) -> NumberColumns | None:
    """:func:`number_columns` of a file that :func:`is_plain` says is plain (``width``: the
    header's cells), None where it is not: the widths of its lines are looked at in the
    pass that reads the numbers (at a million cameras the commas and line feeds of 160 MB
    were found twice, a sixth of a second of the copy that reads them:
    :mod:`interop.inventory.read_beside`)."""
    if not plain_bytes(data):
        return None
    return _number_columns(data, positions, width)


def number_columns(data: FileData, positions: Sequence[int]) -> NumberColumns:
    """The columns at ``positions`` of a plain file (:func:`is_plain`: no line wider than
    its header) whose every cell is empty or an ASCII number (``0-9 . + - e E`` alone,
    :data:`NUMBER_WIDTH` bytes at most, as ``float`` reads it), read from its bytes without
    a string per cell, a cell per row (each line after the header, as pandas' C parser
    counts rows). Each such column is its values (NaN where empty) and which cells are not
    empty (a short line's missing cell is empty); a column with any other cell is left
    out (its cells are to be read as strings).

    A short decimal is worked out in numpy (:func:`_short_decimals`); any other cell is
    cast by numpy, whose reading of bytes as a float64 is the one ``float`` uses
    (``PyOS_string_to_double``): the same values, the same cells refused (then the column
    is left out); a cell of these bytes holds no space for ``float`` to strip. Some 16 MB
    of whole lines at a time (:data:`_LINES_AT_ONCE`). At a million cameras, three columns
    in 0.6 s, where pandas took 3 s to make a string of every cell, and no such memory."""
    read = _number_columns(data, positions, None)
    assert read is not None  # (no width to refuse a line for)
    return read


def _number_columns(
    data: FileData, positions: Sequence[int], width: int | None
) -> NumberColumns | None:
    """:func:`number_columns`; ``width``: the header's cells, each line then also checked
    to be no wider (the rest of :func:`is_plain`, in the same pass), None where one is."""
    start = data.find(b"\n") + 1  # (0: the header alone, no row)
    wanted = dict.fromkeys(sorted(set(positions)), True)
    parts: dict[int, list[tuple[NDArray[np.float64], NDArray[np.bool_]]]] = {p: [] for p in wanted}
    for part in _whole_lines(data, start) if start else ():
        if width is None and not any(wanted.values()):
            break
        newlines = np.flatnonzero(part == 10)
        line_end = (
            newlines
            if newlines.size and newlines[-1] == part.size - 1
            else np.append(newlines, part.size)
        )
        line_start = np.concatenate(([0], newlines + 1))[: line_end.size]
        ends_cr = line_end > line_start
        ends_cr[ends_cr] = part[line_end[ends_cr] - 1] == 13
        line_end = line_end - ends_cr  # (a carriage return ends a line: is_plain)
        commas = np.flatnonzero(part == 44)
        before = np.searchsorted(commas, line_start)  # each line's first comma
        count = np.searchsorted(commas, line_end) - before  # and how many it has
        if width is not None and int(count.max(initial=0)) >= width:
            return None  # a line wider than the header: not plain
        for position, alive in wanted.items():
            if not alive:
                continue
            column = _number_cells(part, commas, line_start, line_end, before, count, position)
            if column is None:
                wanted[position] = False
            else:
                parts[position].append(column)
    return {
        position: (
            np.concatenate([values for values, _ in parts[position]]),
            np.concatenate([present for _, present in parts[position]]),
        )
        for position, alive in wanted.items()
        if alive and parts[position]
    }


def _number_cells(
    part: NDArray[np.uint8],
    commas: NDArray[np.intp],
    line_start: NDArray[np.intp],
    line_end: NDArray[np.intp],
    before: NDArray[np.intp],
    count: NDArray[np.intp],
    position: int,
) -> tuple[NDArray[np.float64], NDArray[np.bool_]] | None:
    """Cell ``position`` of each line of ``part`` as a number (:func:`number_columns`), or
    None if one is not."""
    has = count >= position  # the lines that reach the cell (the others: empty)
    start = np.zeros(line_start.size, dtype=np.intp)
    end = np.zeros(line_start.size, dtype=np.intp)
    if position == 0:
        start[has] = line_start[has]
    else:
        start[has] = commas[before[has] + position - 1] + 1
    inner = has & (count > position)
    end[inner] = commas[before[inner] + position]
    last = has & (count == position)
    end[last] = line_end[last]
    length = end - start
    width = max(int(length.max(initial=0)), 1)
    if width > NUMBER_WIDTH:
        return None
    present = length > 0
    # each cell's bytes and the next ones (a window on the bytes: one copy, of those
    # alone), the next ones then zeroed, as a fixed-width byte string ends
    padded = np.concatenate((part, np.zeros(width, dtype=np.uint8)))
    cells = np.lib.stride_tricks.sliding_window_view(padded, width)[start[present]]
    cells[np.arange(width) >= length[present, None]] = 0
    if not (NUMBER_BYTES[cells] | (cells == 0)).all():
        return None
    values = np.full(length.size, np.nan)
    numbers, short = _short_decimals(cells)
    rest = np.flatnonzero(~short)
    try:
        with np.errstate(all="ignore"):  # (1e400 is inf, as float says)
            numbers[rest] = cells[rest].view(f"S{width}").ravel().astype(np.float64)
    except ValueError:  # a cell float refuses ("1e", "."): read as a string, it says why
        return None
    values[present] = numbers
    return values, present


_TENS = 10.0 ** np.arange(16)
"""The powers of ten a short decimal is divided by, each exact in a float64."""


def _short_decimals(cells: NDArray[np.uint8]) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """The cells (a row of bytes each, zeros after the cell) that are short decimals, an
    optional sign, 15 digits at most and one point at most (no exponent), as numbers, and
    which they are (the others' numbers are to be read otherwise). Such a cell's digits
    make an integer below 2**53 and its point a power of ten up to 10**15, both exact in
    a float64, whose quotient, one rounding, is the float nearest the decimal: what
    ``float`` gives (the fast path of the C library's own reading, W. D. Clinger, "How to
    read floating point numbers accurately", 1990). Column by column over a million
    cells: a fifth of the time of numpy's cast."""
    count = cells.shape[0]
    mantissa = np.zeros(count, dtype=np.int64)
    digits = np.zeros(count, dtype=np.intp)
    after = np.zeros(count, dtype=np.intp)  # digits after the point
    points = np.zeros(count, dtype=np.intp)
    short = np.ones(count, dtype=bool)
    negative = cells[:, 0] == 45
    for j, byte in enumerate(np.ascontiguousarray(cells.T)):  # (a position's bytes each)
        digit = (byte >= 48) & (byte <= 57)
        mantissa = np.where(digit, mantissa * 10 + (byte.astype(np.int64) - 48), mantissa)
        digits += digit
        after += digit & (points > 0)
        points += byte == 46
        short &= (byte != 101) & (byte != 69)
        if j:  # (a sign first only)
            short &= (byte != 43) & (byte != 45)
    short &= (digits > 0) & (digits <= 15) & (points <= 1)
    numbers = mantissa / _TENS[np.minimum(after, 15)]
    return np.where(negative, -numbers, numbers), short


def header_line(data: FileData) -> bytes:
    """A CSV file's first line, without its line ending or a UTF-8 BOM (no copy of the
    rest of the file made)."""
    end = data.find(b"\n")
    line = data[: len(data) if end < 0 else end]
    return line.removesuffix(b"\r").removeprefix(b"\xef\xbb\xbf")


class ColumnsElsewhere(Protocol):
    """Columns of one CSV file another process reads (by their position, from 0), and
    what that process says of the whole file."""

    data: FileData
    """The file's bytes, as that process has them."""
    positions: frozenset[int]

    def confirm(self) -> bool:
        """Whether the whole file is plain (:func:`is_plain`: what reading some columns
        alone would not notice); False: this process reads it all. (A cell of the other
        process's columns that is not UTF-8 it says later, when its columns are taken.)"""
        ...

    def drop(self) -> None:
        """This process reads the file whole after all: the other may stop."""
        ...


class ReadWhole(Exception):
    """A cell of columns read elsewhere is not UTF-8 (which reading the other columns could
    not notice): the inventory is to be read again, the file whole (then read as GBK, or
    refused as mixing two encodings, as any other file)."""


_NOT_UTF8 = "a cell of the columns read elsewhere is not UTF-8"


def plain_frame(
    data: FileData,
    encoding: str = "utf-8",
    usecols: list[int] | None = None,
    *,
    coded: bool = False,
) -> Any:
    """A plain CSV file (no quote character, no bare carriage return) as pandas' C parser
    reads it, the header its first row, every cell a string as written (a DataFrame,
    columns named by position; ``usecols``: those columns only; ``coded``: each column
    categorical, its codes into its distinct cells, a string made of each of those
    alone). Both readers of a plain file call it (:func:`loaders.csv_folder._plain_table`,
    :func:`read_columns`), so that a column read alone holds what it holds in the file
    read whole. A cell that is not in ``encoding`` raises UnicodeDecodeError (the parser
    decodes each cell strictly)."""
    import pandas as pd

    return pd.read_csv(
        _reader(data),
        header=None,
        usecols=usecols,
        dtype="category" if coded else object,
        na_filter=False,
        skip_blank_lines=False,
        quoting=csv.QUOTE_NONE,
        encoding=encoding,
        engine="c",
    )


def read_columns(data: FileData, positions: list[int], *, coded: bool = False) -> Any:
    """The columns at ``positions`` of a plain UTF-8 CSV file (:func:`plain_frame`, and its
    ``coded``); :class:`ReadWhole` if a cell of them is not UTF-8."""
    try:
        return plain_frame(data, usecols=positions, coded=coded)
    except UnicodeDecodeError:
        raise ReadWhole(_NOT_UTF8) from None


def _reader(data: FileData) -> BinaryIO:
    """A reader of ``data`` from its start, of its own (a mapped file's position is not
    moved: each reading of it has its own)."""
    if isinstance(data, bytes):
        return io.BytesIO(data)  # (which copies nothing)
    return io.BufferedReader(_MappedReader(data))


class _MappedReader(io.RawIOBase):
    """A mapped file read from its start, into the caller's buffer."""

    def __init__(self, data: mmap.mmap) -> None:
        self._view, self._at = memoryview(data), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        part = self._view[self._at : self._at + len(buffer)]
        buffer[: len(part)] = part
        self._at += len(part)
        return len(part)

    def close(self) -> None:
        self._view.release()  # (the map may be closed once no view of it is left)
        super().close()


class FileLines:
    """A plain UTF-8 CSV file's bytes and where each line ends (found when first asked)."""

    def __init__(self, data: FileData) -> None:
        self.data = data
        self._ends: NDArray[np.intp] | None = None

    def line(self, index: int) -> bytes:
        """Line ``index`` (from 0: the header), without its line ending."""
        if self._ends is None:
            self._ends = np.flatnonzero(np.frombuffer(self.data, dtype=np.uint8) == 10)
        ends = self._ends
        start = int(ends[index - 1]) + 1 if index > 0 else 0
        end = int(ends[index]) if index < len(ends) else len(self.data)
        return self.data[start:end].removesuffix(b"\r")

    def column(self, position: int, lines: Sequence[int]) -> list[str]:
        """Column ``position`` of the given lines, every cell, as pandas' C parser reads it
        (a short line's missing cell is ``""``)."""
        cells = read_columns(self.data, [position])[position].to_numpy()
        return cells[np.asarray(lines, dtype=np.intp)].tolist()  # type: ignore[no-any-return]


class LineCells(Sequence[str]):
    """The cells of one column of a plain CSV file, row ``k`` being file row
    ``numbers[k]``: a cell is read from the file's line when asked; the whole column (an
    iteration) is read by pandas' C parser."""

    __slots__ = ("_lines", "_numbers", "_position")

    def __init__(self, lines: FileLines, position: int, numbers: Sequence[int]) -> None:
        self._lines, self._position, self._numbers = lines, position, numbers

    @overload
    def __getitem__(self, k: int) -> str: ...
    @overload
    def __getitem__(self, k: slice) -> list[str]: ...
    def __getitem__(self, k: int | slice) -> str | list[str]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        cells = self._lines.line(self._numbers[k] - 1).split(b",")
        if self._position >= len(cells):
            return ""
        try:
            return cells[self._position].decode("utf-8")
        except UnicodeDecodeError:
            raise ReadWhole(_NOT_UTF8) from None

    def __len__(self) -> int:
        return len(self._numbers)

    def __iter__(self) -> Iterator[str]:
        lines = [number - 1 for number in self._numbers]
        return iter(self._lines.column(self._position, lines))

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<LineCells: column {self._position + 1} of {len(self)} rows, read when asked>"
