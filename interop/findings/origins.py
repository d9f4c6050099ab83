"""Where the subjects of findings came from: the ``source`` and ``source_row`` columns.

An inventory written by ``interop collect`` keeps each row's return and row in two extra
columns (audit-cycle.md). Findings name their subjects by id; this looks each id up in
the keyed tables (systems and platforms first, then cameras, networks, departments: the
order in which a subject id is most likely meant) so the report can send an auditor back to
the unit that reported the row.
"""

from __future__ import annotations

from collections.abc import Iterable

from interop.findings.model import Finding, Origin
from interop.inventory.model import Inventory

SOURCE, SOURCE_ROW = "source", "source_row"
LOOKUP_ORDER = ("systems", "platforms", "cameras", "networks", "departments")


def _row(value: object) -> int | None:
    text = str(value).strip() if value is not None else ""
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isdigit() else None


def subject_origins(inventory: Inventory, findings: Iterable[Finding]) -> dict[str, Origin]:
    """Subject id -> its row's origin, for every subject of ``findings`` that has one."""
    wanted = {subject for finding in findings for subject in finding.subjects}
    origins: dict[str, Origin] = {}
    if not wanted:
        return origins
    for table in LOOKUP_ORDER:
        for record in inventory.records(table):
            key = getattr(record, "id", None)
            if key not in wanted or key in origins:
                continue
            extras = record.model_extra or {}
            source = extras.get(SOURCE)
            if source is None or str(source).strip() == "":
                continue
            origins[key] = Origin(table=table, source=str(source), row=_row(extras.get(SOURCE_ROW)))
    return dict(sorted(origins.items()))
