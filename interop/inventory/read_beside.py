"""A city's camera file read by two processes at once: a forked copy reads and parses its
number, enum and date columns while this process reads the others.

Reading a million-row CSV file is most of what pandas' C parser spends making a string
object per cell; the columns :func:`~interop.inventory.beside.parsed_beside` picks (a
camera's latitude, longitude, coordinate system, standard, status, install date, cost)
are half of them, and are what the copy of :func:`~interop.inventory.beside.parse_beside` would
parse anyway. :func:`read_beside` forks that copy before the ``read`` step (where no
progress display's thread runs), with the file's bytes; this process reads the other
columns (:func:`loaders.csv_folder.read_csv_table` given the :class:`FileBeside`), and
the raw table holds the copy's columns as cells read from the file when asked
(:class:`loaders.csv_lines.LineCells`). Reading some columns alone would not notice a
line wider than the header (or a quote, a bare carriage return) in the others: the copy
checks the whole file first (:func:`loaders.csv_lines.is_plain`, in its pass over the
lines that reads the number columns) and says so through a pipe before it reads the
others; where it says no, this process reads the file whole, as always. A cell of the
copy's columns that is not UTF-8 (a GBK status in a file whose other cells
are ASCII) only the copy's reading finds: it raises :class:`~loaders.csv_lines.ReadWhole`,
and the command reads and validates the inventory again, every file whole (which is then
read as GBK, or refused as mixing two encodings, as always).
"""

from __future__ import annotations

import functools
import mmap
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from interop import forked
from interop.inventory import large

if TYPE_CHECKING:
    from interop.inventory.beside import Parsed
    from interop.inventory.vectors import FieldSpec
    from interop.loaders.csv_lines import FileData

SAMPLE_BYTES = 1 << 20
"""How much of a file is looked at to guess its number of lines (a threshold, not a count:
counting a camera file's lines would cost a tenth of a second)."""


@dataclass
class FileBeside:
    """One CSV file whose :attr:`positions` a forked copy reads and parses
    (:class:`loaders.csv_lines.ColumnsElsewhere`)."""

    name: str
    source: str
    data: FileData
    running: forked.Running[dict[int, Parsed]]
    _ready: int | None = field(default=None, repr=False)
    dropped: bool = False

    @cached_property
    def positions(self) -> frozenset[int]:
        """The columns the copy reads (worked out here as the copy does, from the header
        line: none where the file is not to be read so)."""
        return frozenset(_specs_in(self.name, self.source, self.data))

    def confirm(self) -> bool:
        """Wait for the copy's word on the whole file (a byte: it checks before it reads)."""
        fd, self._ready = self._ready, None
        if fd is None:
            return False
        try:
            return os.read(fd, 1) == b"1"  # b"": the copy ended without a word
        finally:
            os.close(fd)

    def drop(self) -> None:
        """End the copy: this process reads the file whole."""
        if self._ready is not None:
            os.close(self._ready)
            self._ready = None
        self.dropped = True
        self.running.stop()


def read_beside(path: Path) -> dict[str, FileBeside]:
    """Fork now, for each CSV file of the folder ``path`` that holds a table of the
    contract with about :data:`~interop.inventory.large.COLUMNS_BESIDE_FROM` rows or more
    and no quote character, a copy that checks the file and reads and parses its number
    and enum columns (:func:`_read_columns`); by table name. Nothing for a workbook, or
    where this process may not fork (call it before the ``read`` step, and before
    importing what the copy does not need: it is forked with what is imported so far,
    and imports the validator's modules itself while this process does)."""
    if not forked.can_fork():
        return {}
    out: dict[str, FileBeside] = {}
    for name, file in _large_files(path).items():
        data = _plain(file)
        if data is None:
            continue
        ready, told = os.pipe()
        job = functools.partial(_read_columns, name, file.name, data, told)
        running = forked.start(f"the {name}' columns", job)
        os.close(told)
        out[name] = FileBeside(name, file.name, data, running, ready)
    return out


def stop(reading: Iterable[FileBeside]) -> None:
    """End every copy not yet handed on (this process is failing)."""
    for file in reading:
        file.drop()


def _large_files(path: Path) -> dict[str, Path]:
    """The CSV files of the folder ``path`` that hold a table of the contract (once) with
    about :data:`~interop.inventory.large.COLUMNS_BESIDE_FROM` lines or more, by table."""
    from interop.loaders._common import TABLE_NAMES
    from interop.loaders.csv_folder import table_files

    if not path.is_dir():
        return {}
    found: dict[str, list[Path]] = {}
    for file, name in table_files(path):
        if name in TABLE_NAMES:
            found.setdefault(name, []).append(file)
    # (a table given twice is no inventory: the reader says so)
    return {name: files[0] for name, files in found.items() if len(files) == 1 and _long(files[0])}


def _long(file: Path) -> bool:
    """Whether the file has about :data:`COLUMNS_BESIDE_FROM` lines or more (its size and
    how many lines its first megabyte holds)."""
    try:
        size = file.stat().st_size
        if size < large.COLUMNS_BESIDE_FROM:  # a line is a byte at least
            return False
        with file.open("rb") as f:
            sample = f.read(SAMPLE_BYTES)
    except OSError:
        return False  # the reader says what it is
    return sample.count(b"\n") * size >= large.COLUMNS_BESIDE_FROM * len(sample)


def _plain(file: Path) -> mmap.mmap | None:
    """The file mapped, read only, if it holds no quote character; else None. Mapped, not
    read: its pages are the page cache's, which this process and the copy both read, where
    reading it would have this process write a copy of the file (160 MB at a million
    cameras) into memory of its own first, before the copy can start. On the virtual
    machines these figures were taken on, memory a process touches for the first time
    costs it up to 3 ms a megabyte (the host backs the page then): half a second here."""
    try:
        with file.open("rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # (ValueError: an empty file) the reader says what it is
        return None
    if data.find(b'"') >= 0:  # (not ``in``: a map's looks byte by byte)
        data.close()
        return None
    return data


def _specs_in(name: str, source: str, data: FileData) -> dict[int, FieldSpec]:
    """The columns the copy parses, by position, from the file's header line (UTF-8,
    every header written: a blank one would move the raw table's columns)."""
    from interop.inventory.beside import specs_beside
    from interop.inventory.errors import InventoryError
    from interop.inventory.raw import RawTable
    from interop.inventory.validate import _Validator
    from interop.loaders.csv_lines import header_line
    from interop.schema.tables import TABLE_BY_NAME

    table = TABLE_BY_NAME[name]
    try:
        header = header_line(data).decode("utf-8").split(",")
    except UnicodeDecodeError:
        return {}
    if not all(h.strip() for h in header):
        return {}
    raw = RawTable(table.name, source, header)
    try:
        mapping = _Validator(source)._resolve_headers(table, raw)
    except InventoryError:
        return {}  # the validator says why
    return specs_beside(table, raw, mapping)


def _read_columns(name: str, source: str, data: FileData, told: int) -> dict[int, Parsed]:
    """In the copy: say whether the file is plain and has columns to read here (a byte down
    ``told``), then read them (:class:`~loaders.csv_lines.ReadWhole` if a cell is not
    UTF-8) and trim, notice and parse them, every line's cell (the caller keeps the rows
    its table kept: :meth:`Parsed.rows`)."""
    from interop.inventory.beside import parse_coded, parse_numbers, reads_numbers
    from interop.loaders.csv_lines import (
        FileLines,
        LineCells,
        header_line,
        plain_number_columns,
        read_columns,
    )

    specs = _specs_in(name, source, data)
    width = len(header_line(data).split(b","))
    # number columns from the bytes where every cell allows (pandas would make a string
    # of each cell first: most of this copy's time), the others by pandas, one at least
    # (its rows are the table's, which the columns from the bytes are checked against);
    # whether the file is plain is found in the same pass over its lines, before this
    # process asks (once it has read its own columns)
    numeric = [p for p, spec in specs.items() if reads_numbers(spec)]
    if len(numeric) == len(specs):
        numeric = numeric[1:]
    numbers = plain_number_columns(data, width, numeric) if specs else None
    os.write(told, b"0" if numbers is None else b"1")
    os.close(told)
    if numbers is None:
        return {}
    # the others as codes into their distinct cells (ReadWhole: a cell is not UTF-8)
    frame = read_columns(data, sorted(set(specs) - set(numbers)), coded=True)
    if any(len(values) != len(frame) - 1 for values, _ in numbers.values()):  # (rows counted
        frame, numbers = read_columns(data, sorted(specs), coded=True), {}  # otherwise)
    lines = FileLines(data)
    every = range(2, len(frame) + 1)  # (every line's cell: LineCells' row numbers)
    out: dict[int, Parsed] = {}
    for position, spec in specs.items():
        parsed: Parsed | None
        if position in numbers:
            values, present = numbers[position]
            parsed = parse_numbers(spec, values, present, LineCells(lines, position, every))
        else:
            cells = frame[position].cat  # (the header its first row)
            parsed = parse_coded(spec, cells.codes.to_numpy()[1:], list(cells.categories))
        if parsed is not None:
            out[position] = parsed
    return out
