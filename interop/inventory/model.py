"""A validated inventory: the records of every table and the report of how they loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from interop.inventory.report import LoadReport
from interop.schema.tables import (
    Camera,
    Department,
    Flow,
    Network,
    NetworkLink,
    Platform,
    Record,
    System,
)


@dataclass
class Inventory:
    """Every loaded record, by table, plus the load report. Loaded facts never change."""

    source: str
    departments: list[Department] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)
    network_links: list[NetworkLink] = field(default_factory=list)
    platforms: list[Platform] = field(default_factory=list)
    systems: list[System] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    cameras: list[Camera] = field(default_factory=list)
    report: LoadReport = field(default_factory=LoadReport)
    extra_tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def records(self, table: str) -> list[Record]:
        return getattr(self, table)

    def counts(self) -> dict[str, int]:
        from interop.schema.tables import TABLES

        return {t.name: len(self.records(t.name)) for t in TABLES}
