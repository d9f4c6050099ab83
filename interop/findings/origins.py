"""Where the subjects of findings came from: the ``source`` and ``source_row`` columns.

An inventory written by ``interop collect`` keeps each row's return and row in two extra
columns (audit-cycle.md). Findings name their subjects by id; this looks each id up in
the keyed tables (systems and platforms first, then cameras, networks, departments: the
order in which a subject id is most likely meant) so the report can send an auditor back to
the unit that reported the row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from interop.findings.model import Finding, Origin
from interop.inventory.model import COLUMNAR_TABLES, Inventory

SOURCE, SOURCE_ROW = "source", "source_row"
LOOKUP_ORDER = ("systems", "platforms", "cameras", "networks", "departments")


def _row(value: object) -> int | None:
    text = str(value).strip() if value is not None else ""
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isdigit() else None


def _rows_with_source(inventory: Inventory, table: str) -> Iterator[tuple[Any, Any, Any]]:
    """``(id, source, source_row)`` of the table's rows, in order. A columnar table (a
    million cameras) is read in columns, and only when it has a ``source`` column."""
    if table not in COLUMNAR_TABLES:
        for record in inventory.records(table):
            extras = record.model_extra or {}
            yield getattr(record, "id", None), extras.get(SOURCE), extras.get(SOURCE_ROW)
        return
    columns = inventory.table_columns(table)
    if SOURCE not in columns.extras:
        return
    ids = columns.columns["id"]
    sources = columns.columns[SOURCE]
    rows = columns.columns.get(SOURCE_ROW)
    for k in np.flatnonzero(pd.notna(sources)).tolist():
        yield ids[k], sources[k], None if rows is None else rows[k]


def subject_origins(inventory: Inventory, findings: Iterable[Finding]) -> dict[str, Origin]:
    """Subject id -> its row's origin, for every subject of ``findings`` that has one."""
    wanted = {subject for finding in findings for subject in finding.subjects}
    origins: dict[str, Origin] = {}
    if not wanted:
        return origins
    for table in LOOKUP_ORDER:
        for key, source, row in _rows_with_source(inventory, table):
            if key not in wanted or key in origins:
                continue
            if source is None or str(source).strip() == "":
                continue
            origins[key] = Origin(table=table, source=str(source), row=_row(row))
    return dict(sorted(origins.items()))
