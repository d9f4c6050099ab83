"""What a loader hands to validation: one table's cells exactly as its source holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawTable:
    """A table as read from a CSV file or a sheet, before any validation.

    ``rows`` are ``(spreadsheet row number, cells)`` pairs, cells keyed by the header as
    written (the validator resolves English and Chinese headers). Cell values are
    strings, or what openpyxl gives for typed cells (numbers, dates, booleans); empty
    cells may be ``None`` or ``""``.
    """

    name: str
    """The table's English name (``systems``), or the file/sheet name of an extra table."""
    source: str
    """What to call it in messages: ``systems.csv`` or ``inventory.xlsx#信息系统``."""
    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
