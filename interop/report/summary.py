"""Headline figures: what was surveyed, what was found, and the money tied up.

The article gives its headline as units surveyed (municipal budget units), systems,
vertical systems used by city departments, cameras, and the problems found. Counts that
need the inventory come from :func:`summarize_graph` (``inventory_summary``); without it
the report falls back on the document's own ``summary``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from interop.findings.model import FindingsDocument
from interop.graph import node_frame
from interop.report.catalog import Entry, add_amount

VERTICAL_LEVELS = frozenset({"provincial_vertical", "national_vertical"})

MONEY_CATEGORIES: dict[str, tuple[str, ...]] = {
    "idle": ("usage.idle",),
    "underused": ("usage.low_utilization", "usage.rebuilt_while_underused"),
    "duplicate": ("duplicate.homogeneous_systems",),
}
"""Headline money categories -> the rules whose subject systems they sum."""


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _money_of_systems(
    systems: Mapping[str, Mapping[str, Any]], ids: Iterable[str]
) -> dict[str, Any]:
    """The systems among ``ids`` counted once each (``systems``: a system's attributes by
    id), their amounts summed in id order."""
    found = [systems[ident] for ident in sorted(set(ids)) if ident in systems]
    out: dict[str, Any] = {"systems": len(found)}
    unknown: set[str] = set()
    for field in ("build_cost", "annual_om_cost"):
        values = [data.get(field) for data in found]
        known = [float(v) for v in values if v is not None]
        out[field] = _round(sum(known)) if known else None
        unknown |= {str(data["id"]) for data, v in zip(found, values, strict=True) if v is None}
    out["unknown"] = sorted(unknown)
    return out


def _flow_count(graph: nx.MultiDiGraph) -> int:
    """The FLOWS_TO edges, in one pass over the adjacency (not an edge view's tuples)."""
    return sum(
        1
        for _, targets in graph.adjacency()
        for keyed in targets.values()
        for data in keyed.values()
        if data.get("type") == "FLOWS_TO"
    )


def summarize_graph(graph: nx.MultiDiGraph, document: FindingsDocument) -> dict[str, Any]:
    """The inventory's headline counts and the distinct money of idle/underused/duplicate systems.

    The result is plain JSON-like data, the ``inventory_summary`` of
    :func:`interop.report.write_report`.
    """
    counts = {"Department": 0, "System": 0, "Platform": 0, "Network": 0, "Camera": 0}
    municipal = 0
    vertical_used = 0
    for _, data in graph.nodes(data=True):
        label = data.get("label")
        if label in counts:
            counts[label] += 1
        if label == "Department" and data.get("level", "municipal") == "municipal":
            municipal += 1
        if label == "System" and data.get("level") in VERTICAL_LEVELS and data.get("user_ids"):
            vertical_used += 1
    counts["Camera"] = node_frame(graph, "Camera").rows  # cameras are no graph nodes
    wanted = {rule for rules in MONEY_CATEGORIES.values() for rule in rules}
    by_rule: dict[str, set[str]] = {rule: set() for rule in wanted}
    for finding in document.findings:  # only the money rules' subjects (not every finding's)
        if finding.rule in wanted:
            by_rule[finding.rule].update(finding.subjects)
    everything: set[str] = set().union(*by_rule.values())
    nodes = dict(graph.nodes(data=True))  # plain lookups, not the node view's
    systems: dict[str, Mapping[str, Any]] = {}
    for ident in everything:
        data = nodes.get(f"Endpoint:{ident}")
        if data is not None and data.get("label") == "System":
            systems[ident] = data
    money: dict[str, Any] = {}
    for category, rules in MONEY_CATEGORIES.items():
        money[category] = _money_of_systems(systems, set().union(*(by_rule[r] for r in rules)))
    money["total"] = _money_of_systems(systems, everything)
    return {
        "municipal_departments": municipal,
        "departments": counts["Department"],
        "systems": counts["System"],
        "vertical_systems_used": vertical_used,
        "platforms": counts["Platform"],
        "networks": counts["Network"],
        "cameras": counts["Camera"],
        "flows": _flow_count(graph),
        "money": money,
    }


@dataclass(frozen=True)
class MoneySum:
    """Sums over findings' money (unknown amounts left out; None when none is known)."""

    findings: int = 0
    build_cost: float | None = None
    annual_om_cost: float | None = None
    camera_cost: float | None = None

    def add(self, entry: Entry) -> MoneySum:
        return MoneySum(
            self.findings + 1,
            add_amount(self.build_cost, entry.money.build_cost),
            add_amount(self.annual_om_cost, entry.money.annual_om_cost),
            add_amount(self.camera_cost, entry.money.camera_cost),
        )

    def merge(self, other: MoneySum) -> MoneySum:
        def plus(a: float | None, b: float | None) -> float | None:
            if a is None:
                return b
            if b is None:
                return a
            return _round(a + b)

        return MoneySum(
            self.findings + other.findings,
            plus(self.build_cost, other.build_cost),
            plus(self.annual_om_cost, other.annual_om_cost),
            plus(self.camera_cost, other.camera_cost),
        )


def money_by_rule(entries: Iterable[Entry]) -> dict[str, MoneySum]:
    """Per rule, the sums of its findings' money: what :meth:`MoneySum.add` sums, in the
    same order and rounded after each addition (:func:`add_amount`), without a MoneySum
    per finding (two hundred thousand findings at the national city)."""
    sums: dict[str, list[Any]] = {}
    for entry in entries:
        rule = entry.finding.rule
        acc = sums.get(rule)
        if acc is None:
            acc = sums[rule] = [0, None, None, None]
        money = entry.money
        acc[0] += 1
        acc[1] = add_amount(acc[1], money.build_cost)
        acc[2] = add_amount(acc[2], money.annual_om_cost)
        acc[3] = add_amount(acc[3], money.camera_cost)
    return {rule: MoneySum(*acc) for rule, acc in sums.items()}


def money_by_category(
    entries: Iterable[Entry], inventory_summary: Mapping[str, Any] | None
) -> tuple[dict[str, dict[str, Any]], bool]:
    """The headline money per category, and whether it counts each system once.

    With an ``inventory_summary`` holding ``money`` (from the graph) each system counts
    once; without it the findings' evidence is summed per category (overlaps counted).
    """
    if inventory_summary and isinstance(inventory_summary.get("money"), Mapping):
        return dict(inventory_summary["money"]), True
    entries = list(entries)
    out: dict[str, dict[str, Any]] = {}
    total = MoneySum()
    for category, rules in MONEY_CATEGORIES.items():
        sums = MoneySum()
        for entry in entries:
            if entry.finding.rule in rules:
                sums = sums.add(entry)
        total = total.merge(sums)
        out[category] = {
            "systems": None,
            "findings": sums.findings,
            "build_cost": sums.build_cost,
            "annual_om_cost": sums.annual_om_cost,
            "unknown": [],
        }
    out["total"] = {
        "systems": None,
        "findings": total.findings,
        "build_cost": total.build_cost,
        "annual_om_cost": total.annual_om_cost,
        "unknown": [],
    }
    return out, False


def headline_counts(
    document: FindingsDocument, inventory_summary: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Units surveyed, departments, systems, vertical systems used, cameras, findings.

    Taken from ``inventory_summary`` when given, else from the document's summary (its
    extra fields, when the analysis recorded them); None when neither knows.
    """
    extra = document.summary.model_dump()
    source: Mapping[str, Any] = inventory_summary or {}

    def pick(key: str, fallback: Any = None) -> Any:
        if source.get(key) is not None:
            return source[key]
        return extra.get(key, fallback)

    return {
        "units": pick("municipal_departments"),
        "departments": pick("departments", document.summary.departments),
        "systems": pick("systems", document.summary.systems),
        "vertical": pick("vertical_systems_used"),
        "cameras": pick("cameras"),
        "findings": len(document.findings),
    }
