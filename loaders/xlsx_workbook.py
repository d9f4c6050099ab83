"""Read an ``.xlsx`` workbook (one sheet per table) into :class:`RawTable` s, cells as stored.

A sheet named ``systems`` (any case) or ``信息系统`` is a table of the contract; every other
sheet, hidden or not, is an extra table named by its sheet name. Row 1 is the header; row
numbers are the sheet's own. Cells keep their type: text as ``str``, numbers as ``int`` or
``float``, date cells as ``datetime``, booleans as ``bool``; formulas give their cached
value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from interop.inventory.errors import InventoryError
from interop.inventory.raw import RawTable

from ._common import TableAssignment, build_raw_table, table_name, table_names_hint


def _open(path: Path) -> Any:
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        detail = str(exc) or type(exc).__name__
        raise InventoryError(
            f"{path} cannot be read as an .xlsx workbook ({detail}); save it from Excel or "
            "WPS as .xlsx and retry"
        ) from None


def _read_sheet(sheet: Any, name: str, source: str) -> RawTable:
    sheet.reset_dimensions()  # stored dimensions may be wrong; read every row present
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0] if rows else ()
    numbered = ((number, cells) for number, cells in enumerate(rows, start=1) if number > 1)
    return build_raw_table(name, source, header, numbered)


def read_xlsx_workbook(path: str | Path) -> list[RawTable]:
    """Every worksheet of the workbook as a raw table; InventoryError if no table is there."""
    path = Path(path)
    workbook = _open(path)
    try:
        assignment = TableAssignment(str(path))
        tables: list[RawTable] = []
        for sheet in workbook.worksheets:
            title = str(sheet.title)
            name = table_name(title) or title
            source = f"{path.name}#{title}"
            assignment.claim(name, source)
            try:
                tables.append(_read_sheet(sheet, name, source))
            except InventoryError:
                raise
            except Exception as exc:
                raise InventoryError(f"{source} cannot be read ({exc})") from None
        if not assignment.known:
            raise InventoryError(
                f"{path} is not an inventory: it has no sheet named after {table_names_hint()}"
            )
        return tables
    finally:
        workbook.close()
