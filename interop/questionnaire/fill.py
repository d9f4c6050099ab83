"""Fill the questionnaire with rows, as a unit would (for demos, notebooks and tests).

``fill_template`` writes rows under the template's own headers, after any prefilled rows,
and leaves everything else of the form (drop-downs, comments, 填表说明) as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from interop.loaders._common import table_name
from interop.questionnaire.returns import header_field
from interop.schema.tables import TABLES

Tables = Mapping[str, Sequence[Mapping[str, Any]]]


def fill_template(template: str | Path, tables: Tables, out: str | Path) -> Path:
    """A copy of ``template`` with ``tables``' rows (keyed by English field names) appended
    to their sheets, cells as given (text, numbers, dates), written to ``out``."""
    workbook = load_workbook(template)
    by_table = {table_name(ws.title): ws for ws in workbook.worksheets}
    for table in TABLES:
        rows = tables.get(table.name) or ()
        if not rows:
            continue
        ws = by_table[table.name]
        fields = [header_field(table, str(cell.value)) for cell in ws[1]]
        for row in rows:
            ws.append([_cell(row.get(field)) for field in fields])
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)
    return out


def _cell(value: Any) -> Any:
    return None if value is None or value == "" else value
