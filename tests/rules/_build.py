"""Small inventories built in code, through the same validation every loader uses.

``build_inventory`` turns ``{table: [row, ...]}`` into an :class:`Inventory` through
:func:`interop.inventory.validate.validate`; ``check`` runs one rule on such tables. The
row constructors (``dept``, ``system``…) fill the required columns so a test names only
what its case is about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import networkx as nx

from interop.findings.model import Finding
from interop.graph import build_graph
from interop.inventory.model import Inventory
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate
from interop.parameters import Parameters
from interop.rules import RULE_BY_ID
from interop.rules.base import AuditContext
from interop.schema.tables import TABLE_BY_NAME

Row = dict[str, Any]
Rows = Mapping[str, Sequence[Mapping[str, Any]]]

AS_OF = date(2020, 12, 31)


def build_inventory(tables: Rows, source: str = "test") -> Inventory:
    """An Inventory from ``{table: [row, ...]}`` (cells as a loader would pass them).

    Tables ``departments`` and ``systems`` are added empty when missing. Rows are numbered
    as a spreadsheet shows them (the header is row 1).
    """
    raws = []
    for name in dict.fromkeys(["departments", "systems", *tables]):
        rows = tables.get(name, [])
        headers = list(dict.fromkeys(h for row in rows for h in row))
        if not headers:  # an empty table still has its header (a headerless one is an error)
            headers = [n for n, c in TABLE_BY_NAME[name].columns().items() if c.required]
        numbered = [(index, dict(row)) for index, row in enumerate(rows, start=2)]
        raws.append(RawTable(name=name, source=f"{name}.csv", headers=headers, rows=numbered))
    return validate(raws, source)


def build(tables: Rows) -> nx.MultiDiGraph:
    """The graph of ``tables``; fails when any row is rejected or warned about."""
    inventory = build_inventory(tables)
    assert not inventory.report.rejected, [str(r) for r in inventory.report.rejected]
    assert not inventory.report.warnings, [str(w) for w in inventory.report.warnings]
    return build_graph(inventory)


def params(**overrides: Any) -> Parameters:
    """Default parameters at the tiny example's as-of date, with ``overrides``."""
    return Parameters(**{"as_of": AS_OF, **overrides})


def check(rule_id: str, tables: Rows, **overrides: Any) -> list[Finding]:
    """The findings of one rule on ``tables``, sorted by subjects."""
    context = AuditContext(graph=build(tables), parameters=params(**overrides))
    return sorted(RULE_BY_ID[rule_id].check(context), key=lambda f: f.subjects)


def subjects(findings: Sequence[Finding]) -> list[list[str]]:
    """The subjects of each finding, in order."""
    return [list(f.subjects) for f in findings]


# -- row constructors --------------------------------------------------------------------------


def dept(id: str, **cells: Any) -> Row:
    return {"id": id, "name": f"部门{id}", **cells}


def depts(*ids: str) -> list[Row]:
    return [dept(i) for i in ids]


def system(id: str, owner: str, **cells: Any) -> Row:
    return {"id": id, "name": f"系统{id}", "owner_id": owner, **cells}


def platform(id: str, kind: str, level: str, **cells: Any) -> Row:
    return {"id": id, "name": f"平台{id}", "kind": kind, "level": level, **cells}


def network(id: str, kind: str, **cells: Any) -> Row:
    return {"id": id, "name": f"网络{id}", "kind": kind, **cells}


def link(a: str, b: str) -> Row:
    return {"network_a": a, "network_b": b}


def flow(source: str, target: str, **cells: Any) -> Row:
    return {"source_id": source, "target_id": target, **cells}


def camera(id: str, owner: str, lat: float, lon: float, **cells: Any) -> Row:
    return {"id": id, "owner_id": owner, "lat": repr(float(lat)), "lon": repr(float(lon)), **cells}
