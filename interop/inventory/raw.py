"""What a loader hands to validation: one table's cells exactly as its source holds them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


def is_blank(value: Any) -> bool:
    """An empty cell: None, or a string of whitespace only."""
    return value is None or (isinstance(value, str) and not value.strip())


class RawTable:
    """A table as read from a CSV file or a sheet, before any validation, held in columns.

    ``cells[i]`` is the column under ``headers[i]`` (the header as written: the validator
    resolves English and Chinese headers), aligned with ``numbers`` (the spreadsheet row of
    each row). Cell values are strings, or what openpyxl gives for typed cells (numbers,
    dates, booleans), or an :class:`UnstoredFormula`; empty cells may be ``None`` or ``""``.
    A row whose cells are all empty is no row: it is not kept.

    Columns, not a dict per row: a city's camera table has a million rows, and the column
    validator reads a column at a time (a dict per row cost 2.5 GiB there). :attr:`rows`
    gives the rows as dicts for the few who want them (the row validator, small tables).
    """

    def __init__(
        self,
        name: str,
        source: str,
        headers: list[str],
        rows: Iterable[tuple[int, Mapping[str, Any]]] = (),
        merged: dict[tuple[int, str], str] | None = None,
        header_note: str = "",
    ) -> None:
        self.name = name
        """The table's English name (``systems``), or the file/sheet name of an extra table."""
        self.source = source
        """What to call it in messages: ``systems.csv`` or ``inventory.xlsx#信息系统``."""
        self.headers = list(headers)
        self.numbers: list[int] = []
        self.cells: list[list[Any]] = [[] for _ in self.headers]
        self.merged: dict[tuple[int, str], str] = dict(merged or {})
        """Cells hidden by a merge, ``(row, header) -> "A2:A4"`` (a merge keeps only its
        first cell's value): named in the reason when such a cell is found empty."""
        self.header_note = header_note
        """What the loader noticed about the header row (merged cells), for messages."""
        self.read_elsewhere: frozenset[int] = frozenset()
        """Columns (by position) another process reads and parses: their cells here are
        read from the file one at a time when asked (:class:`loaders.csv_lines.LineCells`);
        :func:`interop.inventory.beside.parse_beside` takes that process's result."""
        for number, row in rows:
            self.append(number, row)

    @classmethod
    def from_columns(
        cls,
        name: str,
        source: str,
        headers: list[str],
        numbers: list[int],
        cells: list[list[Any]],
        merged: dict[tuple[int, str], str] | None = None,
    ) -> RawTable:
        """A table from its columns as a loader read them (no row of them all empty)."""
        if len(cells) != len(headers) or any(len(c) != len(numbers) for c in cells):
            raise ValueError(f"{source}: columns and headers do not line up")
        table = cls(name, source, headers, merged=merged)
        table.numbers, table.cells = numbers, cells
        return table

    def append(self, number: int, row: Mapping[str, Any]) -> None:
        """Add a row given as ``header -> cell`` (unless all its cells are empty)."""
        unknown = set(row) - set(self.headers)
        if unknown:
            raise ValueError(f"{self.source}: cells under no header {sorted(unknown)}")
        if all(map(is_blank, row.values())):
            return
        self.numbers.append(number)
        for header, column in zip(self.headers, self.cells, strict=True):
            column.append(row.get(header))

    def __len__(self) -> int:
        return len(self.numbers)

    @property
    def rows(self) -> list[tuple[int, dict[str, Any]]]:
        """``(spreadsheet row number, cells keyed by header)``, made on each call."""
        return [
            (number, dict(zip(self.headers, values, strict=True)))
            for number, *values in zip(self.numbers, *self.cells, strict=True)
        ]

    def __repr__(self) -> str:
        return f"<RawTable {self.name} from {self.source}: {len(self)} rows, {self.headers}>"


@dataclass(frozen=True)
class UnstoredFormula:
    """A spreadsheet cell holding a formula whose result was never stored (the workbook
    was written by a program that does not calculate, and not saved since by Excel or
    WPS): its value is unknown. The xlsx loader puts one in place of the cell's value."""

    formula: str

    def __str__(self) -> str:
        return self.formula
