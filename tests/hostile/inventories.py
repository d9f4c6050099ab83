"""A minimal valid inventory, and writers that put tables on disk as CSV or xlsx.

Hostile cases change one cell (or one file) of :data:`BASE`; the writers take bytes-level
control where a case needs it (encodings, BOMs, NUL bytes, formulas, merged cells).
"""

from __future__ import annotations

import copy
import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

Rows = list[dict[str, Any]]
Tables = dict[str, Rows]

BASE: Tables = {
    "departments": [
        {"id": "D1", "name": "市公安局"},
        {"id": "D2", "name": "市卫健委"},
    ],
    "systems": [
        {"id": "S01", "name": "视频监控系统", "owner_id": "D1", "function": "视频监控"},
        {"id": "S02", "name": "医院信息系统", "owner_id": "D2", "function": "医院信息系统(HIS)"},
    ],
    "flows": [{"source_id": "S01", "target_id": "S02"}],
    "cameras": [{"id": "C1", "owner_id": "D1", "lat": "30.58", "lon": "114.3"}],
}


def base() -> Tables:
    """A fresh copy of :data:`BASE`."""
    return copy.deepcopy(BASE)


def with_cell(table: str, row: int, column: str, value: Any) -> Tables:
    """:data:`BASE` with one cell set (rows counted from 0; the file row is ``row + 2``)."""
    tables = base()
    tables[table][row][column] = value
    return tables


def csv_text(rows: Sequence[Mapping[str, Any]]) -> str:
    """Rows as CSV text, the header being the union of their keys in first-seen order."""
    header: dict[str, None] = {}
    for row in rows:
        header.update(dict.fromkeys(row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else row.get(h) for h in header])
    return buffer.getvalue()


def write_csv(folder: Path, tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> Path:
    """Each table as ``<name>.csv`` (UTF-8) in ``folder``; the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        (folder / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")
    return folder


def write_xlsx(path: Path, tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> Path:
    """Each table as a sheet; a string starting with ``=`` is written as a formula with no
    stored result (as openpyxl and many tools save them)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in tables.items():
        sheet = workbook.create_sheet(name)
        header: dict[str, None] = {}
        for row in rows:
            header.update(dict.fromkeys(row))
        sheet.append(list(header))
        for row in rows:
            sheet.append([row.get(h) for h in header])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
