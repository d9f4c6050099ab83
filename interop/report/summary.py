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
from interop.report.catalog import Entry

VERTICAL_LEVELS = frozenset({"provincial_vertical", "national_vertical"})

MONEY_CATEGORIES: dict[str, tuple[str, ...]] = {
    "idle": ("usage.idle",),
    "underused": ("usage.low_utilization", "usage.rebuilt_while_underused"),
    "duplicate": ("duplicate.homogeneous_systems",),
}
"""Headline money categories -> the rules whose subject systems they sum."""


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _money_of_systems(graph: nx.MultiDiGraph, ids: Iterable[str]) -> dict[str, Any]:
    nodes = []
    for ident in sorted(set(ids)):
        node = f"Endpoint:{ident}"
        if node in graph and graph.nodes[node].get("label") == "System":
            nodes.append(node)
    out: dict[str, Any] = {"systems": len(nodes)}
    unknown: set[str] = set()
    for field in ("build_cost", "annual_om_cost"):
        values = [graph.nodes[n].get(field) for n in nodes]
        known = [float(v) for v in values if v is not None]
        out[field] = _round(sum(known)) if known else None
        unknown |= {
            str(graph.nodes[n]["id"]) for n, v in zip(nodes, values, strict=True) if v is None
        }
    out["unknown"] = sorted(unknown)
    return out


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
    flows = sum(1 for _, _, kind in graph.edges(data="type") if kind == "FLOWS_TO")
    by_rule: dict[str, set[str]] = {}
    for finding in document.findings:
        by_rule.setdefault(finding.rule, set()).update(finding.subjects)
    money: dict[str, Any] = {}
    everything: set[str] = set()
    for category, rules in MONEY_CATEGORIES.items():
        ids = set().union(*(by_rule.get(rule, set()) for rule in rules))
        everything |= ids
        money[category] = _money_of_systems(graph, ids)
    money["total"] = _money_of_systems(graph, everything)
    return {
        "municipal_departments": municipal,
        "departments": counts["Department"],
        "systems": counts["System"],
        "vertical_systems_used": vertical_used,
        "platforms": counts["Platform"],
        "networks": counts["Network"],
        "cameras": counts["Camera"],
        "flows": flows,
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
        def plus(a: float | None, b: float | None) -> float | None:
            if b is None:
                return a
            return _round((a or 0.0) + b)

        return MoneySum(
            self.findings + 1,
            plus(self.build_cost, entry.money.build_cost),
            plus(self.annual_om_cost, entry.money.annual_om_cost),
            plus(self.camera_cost, entry.money.camera_cost),
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
    """Per rule, the sums of its findings' money."""
    out: dict[str, MoneySum] = {}
    for entry in entries:
        out[entry.finding.rule] = out.get(entry.finding.rule, MoneySum()).add(entry)
    return out


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
