"""What the CSV and xlsx readers share: table names, headers as written, ragged rows.

Nothing here validates a value: cells pass through exactly as the source holds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from interop.inventory.errors import InventoryError
from interop.inventory.raw import RawTable
from interop.schema.enums import fold
from interop.schema.tables import TABLES

_TABLE_BY_SPELLING: dict[str, str] = {
    **{fold(t.name): t.name for t in TABLES},
    **{fold(t.zh): t.name for t in TABLES},
}
_TABLE_NAMES = frozenset(t.name for t in TABLES)

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
        return [name for name in self._by_name if name in _TABLE_NAMES]


def is_blank(value: Any) -> bool:
    """An empty cell: None, or a string of whitespace only."""
    return value is None or (isinstance(value, str) and not value.strip())


def _header_text(value: Any) -> str:
    return "" if value is None else str(value)


def _synthetic(position: int, taken: set[str]) -> str:
    name = f"column_{position}"
    suffix = 2
    while name.strip() in taken:
        name = f"column_{position}_{suffix}"
        suffix += 1
    return name


def build_raw_table(
    name: str,
    source: str,
    header_cells: Sequence[Any],
    rows: Iterable[tuple[int, Sequence[Any]]],
    merged: dict[tuple[int, int], str] | None = None,
) -> RawTable:
    """Key each row's cells by the header as written.

    ``rows`` are ``(spreadsheet row number, cells)``. Rows whose cells are all empty are
    skipped. A cell under an empty header cell, or beyond the last header, is kept under a
    synthetic header ``column_<n>`` (``n`` counts columns from 1) when any row has a value
    there, so nothing is lost. The same header written twice is an InventoryError: no one
    could tell which of the two columns is meant. ``merged`` maps ``(row number, column
    index from 0)`` of a cell hidden by a merge to the merged range (``"A2:A4"``).
    """
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

    kept = [(number, list(cells)) for number, cells in rows if not all(map(is_blank, cells))]
    width = max([len(texts), *(len(cells) for _, cells in kept)])
    used_positions = {
        index for _, cells in kept for index, value in enumerate(cells) if not is_blank(value)
    }
    taken = set(seen)
    headers: list[str] = []
    columns: list[tuple[int, str]] = []
    for index in range(width):
        text = texts[index] if index < len(texts) else ""
        if not text.strip():
            if index not in used_positions:
                continue
            text = _synthetic(index + 1, taken)
            taken.add(text)
        headers.append(text)
        columns.append((index, text))

    table = RawTable(name=name, source=source, headers=headers)
    by_index = dict(columns)
    for (number, index), ref in (merged or {}).items():
        if index in by_index:
            table.merged[(number, by_index[index])] = ref
    for number, cells in kept:
        table.rows.append(
            (
                number,
                {text: cells[index] if index < len(cells) else None for index, text in columns},
            )
        )
    return table
