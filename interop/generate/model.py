"""What the generator builds before it writes anything: departments, systems and the rows
of every table, as canonical Python values (enums, dates, booleans, numbers, lists).

:mod:`interop.generate.render` turns the canonical rows into cells as an auditor types
them, in Chinese or English.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from interop.schema.enums import DeptLevel, Status

AS_OF = date(2020, 12, 31)
"""The audit's reference date: every date of the sample city is relative to it."""

TABLE_ORDER = (
    "departments",
    "networks",
    "network_links",
    "platforms",
    "systems",
    "flows",
    "cameras",
)

Row = dict[str, Any]


def stream(seed: int, *parts: object) -> random.Random:
    """A random stream of its own for one part of the city (stable across runs and hosts)."""
    return random.Random("interop-generate:" + ":".join(str(p) for p in (seed, *parts)))


@dataclass
class Dept:
    """One department (budget unit or other body) of the sample country."""

    id: str
    key: str
    """Its template key (``police``, ``hospital:第一医院``, ``sub_bureau``…)."""
    name: str
    level: DeptLevel
    sector: str
    parent_id: str | None = None
    city: str | None = None
    """Code of its city (None for provincial and national bodies)."""
    maturity: float = 0.5
    """How well run it is (0–1): drives usage, grading, deployment and sharing."""
    sharing: str = "open"
    """``open`` (provides and receives data), ``reluctant`` (receives only) or ``closed``."""
    write_level: bool = True
    """Whether the questionnaire's level cell was filled in (empty means municipal)."""
    division_code: str | None = None
    """The GB/T 2260 code of the area it serves (version-2 column; None: left empty)."""

    @property
    def is_hospital(self) -> bool:
        return self.key.startswith("hospital")

    def row(self) -> Row:
        municipal = self.level is DeptLevel.municipal
        return {
            "id": self.id,
            "name": self.name,
            "level": None if municipal and not self.write_level else self.level,
            "sector": self.sector,
            "parent_id": self.parent_id,
            "division_code": self.division_code,
        }


@dataclass
class Sys:
    """One information system: its canonical row plus what flows and cameras need."""

    row: Row
    dept: Dept
    kind: str
    function: str
    networks: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def live(self) -> bool:
        return self.row["status"] in (None, Status.in_use)

    @property
    def gov_service(self) -> bool:
        return bool(self.row.get("gov_service"))


@dataclass
class Tables:
    """The rows of every table, in the order they will be written."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLE_ORDER})

    def add(self, table: str, row: Row) -> None:
        self.rows[table].append(row)

    def extend(self, table: str, rows: list[Row]) -> None:
        self.rows[table].extend(rows)
