"""A validated inventory: the records of every table and the report of how they loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from interop.inventory.report import LoadReport
from interop.schema.tables import (
    TABLE_BY_NAME,
    Camera,
    Department,
    Flow,
    Network,
    NetworkLink,
    Platform,
    Record,
    System,
)

if TYPE_CHECKING:
    from interop.inventory.columns import TableColumns

COLUMNAR_TABLES = ("cameras",)
"""Tables an inventory holds as columns, never as one object per row (a city registers
hundreds of thousands of cameras): :attr:`Inventory.columns`."""


@dataclass
class Inventory:
    """Every loaded record, by table, plus the load report. Loaded facts never change.

    The tables of :data:`COLUMNAR_TABLES` (cameras) are held in :attr:`columns` when the
    column validator loaded them; :meth:`records` (and ``inventory.cameras``) then makes
    their records on each call — fine for a test or a notebook, not for a million rows:
    the graph and the Neo4j loader read :meth:`table_columns` instead.
    """

    source: str
    departments: list[Department] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)
    network_links: list[NetworkLink] = field(default_factory=list)
    platforms: list[Platform] = field(default_factory=list)
    systems: list[System] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    report: LoadReport = field(default_factory=LoadReport)
    extra_tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    columns: dict[str, TableColumns] = field(default_factory=dict)
    """Columnar tables as the column validator loaded them (no object per row)."""
    held: dict[str, list[Record]] = field(default_factory=dict, repr=False)
    """Records of columnar tables made elsewhere (the row validator, a test)."""

    @property
    def cameras(self) -> list[Camera]:
        return self.records("cameras")  # type: ignore[return-value]

    def records(self, table: str) -> list[Record]:
        if table in COLUMNAR_TABLES:
            loaded = self.columns.get(table)
            return loaded.records() if loaded is not None else self.held.setdefault(table, [])
        return getattr(self, table)

    def table_columns(self, table: str) -> TableColumns:
        """Table ``table`` as columns (made from its records when it holds records)."""
        from interop.inventory.columns import TableColumns

        loaded = self.columns.get(table)
        if loaded is None:
            loaded = TableColumns.from_records(TABLE_BY_NAME[table], self.records(table))
        return loaded

    def count(self, table: str) -> int:
        loaded = self.columns.get(table)
        return len(loaded) if loaded is not None else len(self.records(table))

    def counts(self) -> dict[str, int]:
        from interop.schema.tables import TABLES

        return {t.name: self.count(t.name) for t in TABLES}
