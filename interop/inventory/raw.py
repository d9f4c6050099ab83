"""What a loader hands to validation: one table's cells exactly as its source holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawTable:
    """A table as read from a CSV file or a sheet, before any validation.

    ``rows`` are ``(spreadsheet row number, cells)`` pairs, cells keyed by the header as
    written (the validator resolves English and Chinese headers). Cell values are
    strings, or what openpyxl gives for typed cells (numbers, dates, booleans), or an
    :class:`UnstoredFormula`; empty cells may be ``None`` or ``""``.
    """

    name: str
    """The table's English name (``systems``), or the file/sheet name of an extra table."""
    source: str
    """What to call it in messages: ``systems.csv`` or ``inventory.xlsx#信息系统``."""
    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    merged: dict[tuple[int, str], str] = field(default_factory=dict)
    """Cells hidden by a merge, ``(row, header) -> "A2:A4"`` (a merge keeps only its first
    cell's value): named in the reason when such a cell is found empty."""
    header_note: str = ""
    """What the loader noticed about the header row (merged cells), for messages."""


@dataclass(frozen=True)
class UnstoredFormula:
    """A spreadsheet cell holding a formula whose result was never stored (the workbook
    was written by a program that does not calculate, and not saved since by Excel or
    WPS): its value is unknown. The xlsx loader puts one in place of the cell's value."""

    formula: str

    def __str__(self) -> str:
        return self.formula
