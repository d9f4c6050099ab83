"""Read an ``.xlsx`` workbook (one sheet per table) into :class:`RawTable` s, cells as stored.

A sheet named ``systems`` (any case) or ``信息系统`` is a table of the contract; the
questionnaire's 填表说明 (Instructions) sheet is skipped; every other sheet, hidden or not,
is an extra table named by its sheet name. Row 1 is the header; row
numbers are the sheet's own. Cells keep their type: text as ``str``, numbers as ``int`` or
``float``, date cells as ``datetime``, booleans as ``bool``; formulas give their stored
result, and a formula with none (a workbook written by a program that does not calculate)
is an :class:`UnstoredFormula`, never an empty cell. Merged cells are recorded, so that a
message about an empty cell (or a header row) can say that a merge emptied it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from interop.inventory.errors import InventoryError
from interop.inventory.raw import RawTable, UnstoredFormula

from ._common import (
    TableAssignment,
    build_raw_table,
    is_instructions,
    table_name,
    table_names_hint,
)
from .xlsx_cells import scan_sheet


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
    rows: list[Any] = list(sheet.iter_rows(values_only=True))
    formulas, merges = scan_sheet(sheet)
    for (number, index), formula in formulas.items():
        if number > len(rows):
            rows.extend(() for _ in range(number - len(rows)))
        cells = list(rows[number - 1])
        cells.extend(None for _ in range(index + 1 - len(cells)))
        cells[index] = UnstoredFormula(formula)
        rows[number - 1] = cells
    hidden: dict[tuple[int, int], str] = {}
    header_merges: list[str] = []
    for ref in merges:
        bounds = range_boundaries(ref)
        if None in bounds:  # a whole row or column: not a merge of cells
            continue
        min_col, min_row, max_col, max_row = (int(b) for b in bounds)  # type: ignore[arg-type]
        if min_row == 1:
            header_merges.append(ref)
        for number in range(max(min_row, 2), max_row + 1):
            for column in range(min_col, max_col + 1):
                if (number, column) != (min_row, min_col):
                    hidden[(number, column - 1)] = ref
    header = rows[0] if rows else ()
    numbered = ((number, cells) for number, cells in enumerate(rows, start=1) if number > 1)
    table = build_raw_table(name, source, header, numbered, hidden)
    if header_merges:
        table.header_note = f"the merged cells {', '.join(header_merges)} are in row 1"
    return table


def read_xlsx_workbook(path: str | Path) -> list[RawTable]:
    """Every worksheet of the workbook as a raw table; InventoryError if no table is there."""
    path = Path(path)
    workbook = _open(path)
    try:
        assignment = TableAssignment(str(path))
        tables: list[RawTable] = []
        for sheet in workbook.worksheets:
            title = str(sheet.title)
            if is_instructions(title):
                continue
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
