"""What the CSV and xlsx readers share: table names, headers as written, ragged rows.

Nothing here validates a value: cells pass through exactly as the source holds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from interop.bulk import no_cycle_collection
from interop.inventory.errors import InventoryError
from interop.inventory.raw import RawTable, is_blank
from interop.schema.enums import fold
from interop.schema.tables import TABLES

_TABLE_BY_SPELLING: dict[str, str] = {
    **{fold(t.name): t.name for t in TABLES},
    **{fold(t.zh): t.name for t in TABLES},
}
TABLE_NAMES = frozenset(t.name for t in TABLES)

INSTRUCTIONS = frozenset(fold(name) for name in ("填表说明", "instructions"))
"""The questionnaire's explanations sheet (``interop template``): not a table, never read."""


def is_instructions(stem: str) -> bool:
    """Whether a sheet name or file stem is the questionnaire's 填表说明 (Instructions) sheet."""
    return fold(stem) in INSTRUCTIONS


def table_name(stem: str) -> str | None:
    """The English table a file stem or sheet name means (``Systems``, ``信息系统``), or None."""
    return _TABLE_BY_SPELLING.get(fold(stem))


def table_names_hint() -> str:
    """``departments (部门), systems (信息系统), …`` for messages."""
    return ", ".join(f"{t.name} ({t.zh})" for t in TABLES)


class TableAssignment:
    """Collects which file or sheet holds which table, refusing a table given twice."""

    def __init__(self, container: str) -> None:
        self.container = container
        self._by_name: dict[str, str] = {}

    def claim(self, name: str, source: str) -> None:
        """Record that ``source`` holds table ``name``; InventoryError if one already does."""
        earlier = self._by_name.get(name)
        if earlier is not None:
            raise InventoryError(
                f"{self.container}: {earlier} and {source} both hold the table {name!r}; "
                "keep one of them"
            )
        self._by_name[name] = source

    @property
    def known(self) -> list[str]:
        """The contract's tables found so far (English names)."""
        return [name for name in self._by_name if name in TABLE_NAMES]


def _header_text(value: Any) -> str:
    return "" if value is None else str(value)


def _synthetic(position: int, taken: set[str]) -> str:
    name = f"column_{position}"
    suffix = 2
    while name.strip() in taken:
        name = f"column_{position}_{suffix}"
        suffix += 1
    return name


CHUNK = 16_384
"""Rows turned into columns at a time: few enough that the chunk's row lists stay small,
many enough that ``zip(*rows)`` (in C) does the work."""


def _columns(rows: Iterable[tuple[int, Sequence[Any]]]) -> tuple[list[int], list[list[Any]]]:
    """Row numbers and cells by position, from ``(row number, cells)`` rows, rows of empty
    cells left out; a short row's missing cells are None (as if beyond the file's width)."""
    numbers: list[int] = []
    columns: list[list[Any]] = []
    source = iter(rows)
    with no_cycle_collection():
        _fill(source, numbers, columns)
    return numbers, columns


def _fill(
    source: Iterator[tuple[int, Sequence[Any]]], numbers: list[int], columns: list[list[Any]]
) -> None:
    while chunk := list(islice(source, CHUNK)):
        kept = [(n, cells) for n, cells in chunk if _filled(cells)]
        if not kept:
            continue
        width = max(len(cells) for _, cells in kept)
        if width > len(columns):
            columns.extend([None] * len(numbers) for _ in range(width - len(columns)))
        width = len(columns)
        numbers.extend(n for n, _ in kept)
        rows_ = [
            cells if len(cells) == width else [*cells, *[None] * (width - len(cells))]
            for _, cells in kept
        ]
        for column, values in zip(columns, zip(*rows_, strict=True), strict=True):
            column.extend(values)


def _filled(cells: Sequence[Any]) -> bool:
    """Whether a row has a cell that is not empty (its first text cell answers most)."""
    if not cells:
        return False
    first = cells[0]
    return bool(type(first) is str and first.strip()) or not all(map(is_blank, cells))


def build_raw_table(
    name: str,
    source: str,
    header_cells: Sequence[Any],
    rows: Iterable[tuple[int, Sequence[Any]]],
    merged: dict[tuple[int, int], str] | None = None,
) -> RawTable:
    """Key each column by the header as written.

    ``rows`` are ``(spreadsheet row number, cells)``, read a chunk at a time straight into
    columns (no object per row is kept). Rows whose cells are all empty are skipped. A
    cell under an empty header cell, or beyond the last header, is kept under a synthetic
    header ``column_<n>`` (``n`` counts columns from 1) when any row has a value there, so
    nothing is lost. The same header written twice is an InventoryError: no one could tell
    which of the two columns is meant. ``merged`` maps ``(row number, column index from
    0)`` of a cell hidden by a merge to the merged range (``"A2:A4"``).
    """
    _header_texts(header_cells, source)  # a header written twice: before any row is read
    numbers, by_position = _columns(rows)
    return raw_table_from_columns(name, source, header_cells, numbers, by_position, merged)


def _header_texts(header_cells: Sequence[Any], source: str) -> tuple[list[str], set[str]]:
    """The header row's texts, and the set of those not empty; InventoryError if one is
    written twice."""
    texts = [_header_text(cell) for cell in header_cells]
    seen: dict[str, int] = {}
    for position, text in enumerate(texts, start=1):
        key = text.strip()
        if not key:
            continue
        if key in seen:
            raise InventoryError(
                f"{source}: the header {key!r} is written twice (columns {seen[key]} and "
                f"{position}); keep one of them"
            )
        seen[key] = position
    return texts, set(seen)


def raw_table_from_columns(
    name: str,
    source: str,
    header_cells: Sequence[Any],
    numbers: list[int],
    by_position: list[list[Any]],
    merged: dict[tuple[int, int], str] | None = None,
) -> RawTable:
    """:func:`build_raw_table` of rows already in columns: ``by_position[i]`` is the
    column at position ``i`` (from 0), one cell per entry of ``numbers``, rows of empty
    cells already left out."""
    texts, seen = _header_texts(header_cells, source)
    width = max(len(texts), len(by_position))
    taken = seen
    headers: list[str] = []
    cells: list[list[Any]] = []
    by_index: dict[int, str] = {}
    for index in range(width):
        text = texts[index] if index < len(texts) else ""
        column = by_position[index] if index < len(by_position) else [None] * len(numbers)
        if not text.strip():
            if all(map(is_blank, column)):
                continue
            text = _synthetic(index + 1, taken)
            taken.add(text)
        headers.append(text)
        cells.append(column)
        by_index[index] = text

    named_merges = {
        (number, by_index[index]): ref
        for (number, index), ref in (merged or {}).items()
        if index in by_index
    }
    return RawTable.from_columns(name, source, headers, numbers, cells, named_merges)
