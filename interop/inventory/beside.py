"""Columns of a city's large tables parsed by a forked copy of the process while the
column validator (:mod:`interop.inventory.columnar`) does the rest.

:func:`parse_beside` forks, between the ``read`` and ``validate`` steps (where no progress
display's thread runs), a copy per table of
:data:`~interop.inventory.large.COLUMNS_BESIDE_FROM` rows or more; the copy trims,
notices and parses the table's number, enum and date columns
(:func:`columns_beside`, every given cell) and sends back what is small
(:class:`Parsed`); :func:`~interop.inventory.columnar.validate_columns` takes it when the
table's turn comes (:func:`joined`) and decides as it always does.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from interop import forked
from interop.inventory import large
from interop.inventory.cells import column_cells, noticeable
from interop.inventory.errors import InventoryError
from interop.inventory.raw import RawTable
from interop.inventory.validate import _Validator
from interop.inventory.vectors import (
    COUNT,
    DATE,
    ENUM,
    FLOAT,
    FieldSpec,
    checked_floats,
    field_specs,
    float_check,
    parse_column,
)
from interop.schema.tables import TABLES, Table
from interop.schema.values import NOTICES
from interop.steps import StepRunner, record_beside, untimed

Array = NDArray[Any]


def parsed_beside(table: Table, spec: FieldSpec) -> bool:
    """Whether the copy parses this column: a number, an enum or a date, no id or
    reference."""
    return (
        spec.kind in (FLOAT, COUNT, ENUM, DATE) and not spec.column.refs and spec.name != table.key
    )


@dataclass
class Parsed:
    """One column as the copy trimmed, noticed and parsed it (every given cell), in what
    is small to send: the trimmed cells are the cells as written, but where trimming
    changed them (``changed``, ``trimmed``) or left nothing (``present``)."""

    present: NDArray[np.bool_]
    changed: NDArray[np.intp]
    trimmed: list[str]
    notices: list[tuple[int, str]]
    parsed: Array
    found: dict[int, str]

    def rows(self, keep: NDArray[np.intp]) -> Parsed:
        """The column at positions ``keep`` (ascending) only: a copy that read a file's
        every line (:func:`~interop.inventory.read_beside.read_beside`) for a table that
        left out rows of empty cells."""
        where = np.full(len(self.present), -1, dtype=np.intp)
        where[keep] = np.arange(len(keep))
        moved = where[self.changed]
        kept = moved >= 0
        return Parsed(
            self.present[keep],
            moved[kept],
            [cell for cell, k in zip(self.trimmed, kept.tolist(), strict=True) if k],
            [(int(where[k]), said) for k, said in self.notices if where[k] >= 0],
            self.parsed[keep],
            {int(where[k]): reason for k, reason in self.found.items() if where[k] >= 0},
        )

    def cells(self, values: list[Any]) -> TrimmedCells:
        """The trimmed cells (:func:`~interop.inventory.cells.column_cells`'s column) from
        ``values``, the cells as written, one at a time: the validator reads a parsed
        column's cells only where a row is rejected for one or a lenient column leaves one
        out."""
        return TrimmedCells(
            values, self.present, dict(zip(self.changed.tolist(), self.trimmed, strict=True))
        )


class TrimmedCells:
    """A column's trimmed cells, each made when it is read (``column[k]``)."""

    __slots__ = ("_changed", "_present", "_values")

    def __init__(
        self, values: list[Any], present: NDArray[np.bool_], changed: dict[int, str]
    ) -> None:
        self._values, self._present, self._changed = values, present, changed

    def __getitem__(self, k: int) -> Any:
        if not self._present[k]:
            return None
        return self._changed.get(k, self._values[k])

    def __len__(self) -> int:
        return len(self._values)


def columns_beside(table: Table, raw: RawTable, source: str) -> dict[int, Parsed]:
    """The columns :func:`parsed_beside` picks, by header position, as the column validator
    would trim, notice and parse them (run in a forked copy). A column with typed cells,
    or a header the table refuses, is left to this process (it raises the header's error
    itself)."""
    try:
        mapping = _Validator(source)._resolve_headers(table, raw)
    except InventoryError:
        return {}
    out: dict[int, Parsed] = {}
    for index, spec in specs_beside(table, raw, mapping).items():
        parsed = parse_one(spec, raw.cells[index])
        if parsed is not None:
            out[index] = parsed
    return out


def specs_beside(table: Table, raw: RawTable, mapping: dict[str, str]) -> dict[int, FieldSpec]:
    """The columns :func:`parsed_beside` picks, by header position."""
    declared = {s.name: s for s in field_specs(table.model)}
    out: dict[int, FieldSpec] = {}
    for index, header in enumerate(raw.headers):
        spec = declared.get(mapping.get(str(header), ""))
        if spec is not None and parsed_beside(table, spec):
            out[index] = spec
    return out


def parse_one(spec: FieldSpec, values: list[Any]) -> Parsed | None:
    """One column trimmed, noticed and parsed as the column validator would; None if a
    cell is typed (a spreadsheet's number or date: left to this process)."""
    if spec.kind == ENUM and NOTICES.get(spec.parse) is None:
        by_distinct = _enum_by_distinct(spec, values)
        if by_distinct is not None:
            return by_distinct
    column, present, raws, typed, _ = column_cells(values, False)
    if typed:
        return None
    same = np.fromiter(map(operator.is_, column, values), dtype=bool, count=len(values))
    changed = np.flatnonzero(present & ~same)
    notice = NOTICES.get(spec.parse)
    notices: list[tuple[int, str]] = []
    if notice is not None:
        for k in noticeable(spec, False, raws, column, present, [], False):
            reason = notice(raws[k])
            if reason is not None:
                notices.append((k, reason))
    parsed, found = parse_column(spec, column, present, True)
    return Parsed(present, changed, column[changed].tolist(), notices, parsed, found)


def parse_coded(spec: FieldSpec, codes: NDArray[np.intp], distinct: list[str]) -> Parsed | None:
    """:func:`parse_one` of a column of text cells read as ``codes`` into its ``distinct``
    cells (pandas' C parser reading it as categories: no string made per cell): each
    distinct cell trimmed, noticed and parsed once, as :func:`parse_one` would each of its
    cells (every step of it looks at one cell alone), then spread to the rows that hold
    it. A million cameras' status, standard, coordinate system and install date (3,982
    days) are a few thousand cells: a third of a second of the copy that reads them
    (:mod:`interop.inventory.read_beside`) was making, trimming and counting a string per
    cell."""
    once = parse_one(spec, distinct)
    if once is None:  # (text cells are never typed)
        return None
    changed_d = np.zeros(len(distinct), dtype=bool)
    changed_d[once.changed] = True
    trimmed_d = dict(zip(once.changed.tolist(), once.trimmed, strict=True))
    changed = np.flatnonzero(changed_d[codes])
    return Parsed(
        once.present[codes],
        changed,
        [trimmed_d[code] for code in codes[changed].tolist()],
        _spread(codes, dict(once.notices)),
        once.parsed[codes],
        dict(_spread(codes, once.found)),
    )


def _spread(codes: NDArray[np.intp], by_code: Mapping[int, str]) -> list[tuple[int, str]]:
    """What ``by_code`` says of a distinct cell, for each row that holds it, in row order."""
    if not by_code:
        return []
    rows = np.flatnonzero(np.isin(codes, np.fromiter(by_code, dtype=np.intp)))
    return [(k, by_code[code]) for k, code in zip(rows.tolist(), codes[rows].tolist(), strict=True)]


def reads_numbers(spec: FieldSpec) -> bool:
    """Whether :func:`parse_numbers` can give the column of ``spec``: a number column whose
    parser accepts a float as it is or refuses it (:func:`~interop.inventory.vectors.float_check`),
    with nothing to notice."""
    return (
        spec.kind in (FLOAT, COUNT)
        and float_check(spec.parse) is not None
        and NOTICES.get(spec.parse) is None
    )


def parse_numbers(
    spec: FieldSpec, values: NDArray[np.float64], present: NDArray[np.bool_], cells: Sequence[str]
) -> Parsed:
    """A number column read from a file's bytes (:func:`loaders.csv_lines.number_columns`:
    every cell empty or an ASCII number, ``values`` as ``float`` reads them) as
    :func:`parse_one` gives it (:func:`reads_numbers`): nothing trimmed (no cell holds a
    space) or noticed, the values the parser accepts as they are kept, the others parsed
    one by one from ``cells`` (the cells as written, read when asked) for their errors."""
    at = np.flatnonzero(present)
    out, found = checked_floats(spec, cells, present, at, values[at])
    return Parsed(present, np.empty(0, dtype=np.intp), [], [], out, found)


@dataclass
class ColumnsBeside:
    """Columns of a city's large tables being trimmed, noticed and parsed by forked copies
    of this process (:func:`parse_beside`), for
    :func:`~interop.inventory.columnar.validate_columns`."""

    copies: dict[str, forked.Running[dict[int, Parsed]]]
    """Each copy, by the table it parses."""
    read: frozenset[str] = frozenset()
    """The tables whose copy also read its columns from the file (:func:`parse_beside`'s
    ``reading``)."""
    meanwhile: Callable[[], object] | None = None
    """What this process would do later and may do instead of waiting for a copy (the
    ``analyze`` command's imports of the graph, the rules and the outputs): done once, when
    a copy's columns are wanted before the copy is done (:meth:`join`)."""

    def step_of(self, table: str) -> str:
        """What the copy for ``table`` did, as the profile names it."""
        return "read and validate" if table in self.read else "validate"

    def join(self, table: str, step: StepRunner = untimed) -> dict[int, Parsed]:
        """The columns of ``table``'s copy, once it is done (:func:`joined`); while it is not
        yet, :attr:`meanwhile` first."""
        running = self.copies[table]
        if self.meanwhile is not None and not running.finished():
            meanwhile, self.meanwhile = self.meanwhile, None
            meanwhile()
        return joined(running, step, self.step_of(table))

    def stop(self) -> None:
        """End and reap every copy not yet joined."""
        for running in self.copies.values():
            running.stop()


def parse_beside(
    raw_tables: Sequence[RawTable],
    source: str,
    reading: Mapping[str, forked.Running[dict[int, Parsed]]] | None = None,
) -> ColumnsBeside | None:
    """Fork now a copy of this process for each table of
    :data:`~interop.inventory.large.COLUMNS_BESIDE_FROM` rows or more, which trims,
    notices and parses the table's number, enum and date columns
    (:func:`columns_beside`) while :func:`~interop.inventory.columnar.validate_columns` does
    the rest; None where this process may not fork (:func:`interop.forked.can_fork`: call
    it between steps, when no progress display is drawing) or no table is that large.

    ``reading``: by table name, the copies that have been reading such columns since before
    the ``read`` step (:func:`interop.inventory.read_beside.read_beside`): a table whose
    raw table left them to one (:attr:`RawTable.read_elsewhere`) takes it."""
    reading = reading or {}
    copies: dict[str, forked.Running[dict[int, Parsed]]] = {}
    big: dict[str, tuple[Table, RawTable]] = {}
    for table in TABLES:
        # (a table given twice is no inventory: validate_columns says so; one copy)
        raw = next((r for r in raw_tables if r.name == table.name), None)
        if raw is not None and raw.read_elsewhere and table.name in reading:
            copies[table.name] = reading[table.name]
        elif raw is not None and len(raw) >= large.COLUMNS_BESIDE_FROM:
            big[table.name] = (table, raw)
    if big and forked.can_fork():
        for name, (table, raw) in big.items():
            job = functools.partial(columns_beside, table, raw, source)
            copies[name] = forked.start(f"the {name}' columns", job)
    return ColumnsBeside(copies, frozenset(copies) & frozenset(reading)) if copies else None


def joined(
    running: forked.Running[dict[int, Parsed]], step: StepRunner, what: str = "validate"
) -> dict[int, Parsed]:
    """The copy's columns, once it is done; ``step`` is told what it cost (``what``)."""
    done = running.join()
    record_beside(step, what, done)
    return done.value


def _enum_by_distinct(spec: FieldSpec, values: list[Any]) -> Parsed | None:
    """:func:`parse_one` of an enum column of text cells, a distinct cell at a time: a
    million cells hold a few statuses, each trimmed and parsed once (as
    :func:`~interop.inventory.vectors.parse_column` parses each distinct trimmed cell
    once; equal cells share one value). None if a cell is not text."""
    codes, distinct = pd.factorize(np.asarray(values, dtype=object))
    if (codes < 0).any() or not all(type(cell) is str for cell in distinct):
        return None
    trimmed = [cell.strip() for cell in distinct]
    given = np.array([cell != "" for cell in trimmed], dtype=bool)
    moved = np.array([t != cell for t, cell in zip(trimmed, distinct, strict=True)], dtype=bool)
    value: dict[str, Any] = {}
    failed: dict[str, str] = {}
    for cell in dict.fromkeys(t for t in trimmed if t):
        try:
            value[cell] = spec.parse(cell)
        except (ValueError, AssertionError) as exc:
            value[cell], failed[cell] = None, str(exc)
    table = np.empty(len(trimmed), dtype=object)
    for code, cell in enumerate(trimmed):  # item by item: numpy would unpack lists
        table[code] = value.get(cell)
    present = given[codes]
    changed = np.flatnonzero(moved[codes] & present)
    bad = [code for code, cell in enumerate(trimmed) if cell in failed]
    found = {
        k: failed[trimmed[codes[k]]]
        for k in np.flatnonzero(np.isin(codes, np.asarray(bad, dtype=np.intp))).tolist()
    }
    return Parsed(
        present,
        changed,
        [trimmed[code] for code in codes[changed].tolist()],
        [],
        table[codes],
        found,
    )
