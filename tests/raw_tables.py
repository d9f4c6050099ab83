"""A generated city's tables (``interop.generate``: rows of cells by header) as the raw
tables a loader gives, each row numbered as in its file (the header row 1)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from interop.inventory.raw import RawTable


def raw_tables(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[RawTable]:
    """Each table as a raw table named after it (source ``<name>.csv``), its headers every
    cell's header in order of appearance."""
    raws = []
    for name, rows in tables.items():
        headers = list(dict.fromkeys(h for row in rows for h in row))
        numbered = [(k + 2, row) for k, row in enumerate(rows)]
        raws.append(RawTable(name, f"{name}.csv", headers, numbered))
    return raws
