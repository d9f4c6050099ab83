"""Write an inventory as a CSV folder or an .xlsx workbook (inventory-format v1).

Tables are given as ``{table: [row, …]}`` with rows keyed by English field names (extra
columns keep their own names). Files, sheets and headers are named in English or Chinese
from the schema declaration; values are written as given, except that ``None`` is an
empty cell, a list or tuple is joined with ``;`` and an enum is its English value.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook

from interop.schema.tables import TABLE_BY_NAME, TABLES

Lang = Literal["en", "zh"]
Tables = Mapping[str, Sequence[Mapping[str, Any]]]

LIST_SEPARATOR = ";"


def table_title(table: str, lang: Lang = "en") -> str:
    """The file stem or sheet name of ``table``: its English or Chinese name."""
    known = TABLE_BY_NAME.get(table)
    if known is None or lang == "en":
        return table
    return known.zh


def columns(table: str, rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The columns to write, as field names: declared ones first, then extras as first seen.

    A declared column is written when any row has it (every declared column when there
    are no rows, so that an empty table still has its header).
    """
    present: dict[str, None] = {}
    for row in rows:
        present.update(dict.fromkeys(row))
    known = TABLE_BY_NAME.get(table)
    if known is None:
        return list(present)
    declared = list(known.columns())
    chosen = [c for c in declared if c in present] if rows else declared
    return chosen + [c for c in present if c not in known.columns()]


def header(table: str, column: str, lang: Lang = "en") -> str:
    """The header of ``column``: its field name or its Chinese alias (extras as given)."""
    known = TABLE_BY_NAME.get(table)
    if lang == "en" or known is None or column not in known.columns():
        return column
    return known.columns()[column].zh


def _ordered(tables: Tables) -> list[str]:
    names = [t.name for t in TABLES if t.name in tables]
    return names + [name for name in tables if name not in TABLE_BY_NAME]


def _cell(value: Any) -> Any:
    """A value as a spreadsheet cell: None stays empty, lists are joined, enums plain."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(_cell(v)) for v in value)
    return value


def _text(value: Any) -> str:
    value = _cell(value)
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv_folder(
    tables: Tables, folder: str | Path, lang: Lang = "en", encoding: str = "utf-8"
) -> list[Path]:
    """Write one CSV file per table into ``folder`` (created if missing); return the files.

    ``encoding`` is ``utf-8`` (``utf-8-sig`` adds the BOM Excel likes) or ``gbk``; a value
    GBK cannot hold raises :class:`UnicodeEncodeError`.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for table in _ordered(tables):
        rows = tables[table]
        names = columns(table, rows)
        path = folder / f"{table_title(table, lang)}.csv"
        with path.open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([header(table, c, lang) for c in names])
            for row in rows:
                writer.writerow([_text(row.get(c)) for c in names])
        written.append(path)
    return written


def write_xlsx(tables: Tables, path: str | Path, lang: Lang = "en") -> Path:
    """Write one sheet per table into the workbook ``path``; values keep their type.

    Dates are date cells, numbers number cells and text text cells (a leading-zero id
    given as ``"007"`` stays text).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the new workbook's empty default sheet
    for table in _ordered(tables):
        rows = tables[table]
        names = columns(table, rows)
        sheet = workbook.create_sheet(title=table_title(table, lang))
        sheet.append([header(table, c, lang) for c in names])
        for row in rows:
            sheet.append([_cell(row.get(c)) for c in names])
    workbook.save(path)
    return path
