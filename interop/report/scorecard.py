"""The department scorecard: where the problems sit, unit by unit, and which units to
look at first.

For every department of the inventory:

- **systems owned** and **systems used** (named in another department's system's
  ``user_ids``), **cameras** owned;
- **findings** that touch it, by problem area and by severity: a finding touches the
  departments that own its subjects (a system, platform, camera or network) or that are
  its subject (``sharing.non_provider``); a camera site of three owners touches all
  three, once each. Accepted risks are counted apart (``accepted``);
- **money** tied up in findings: the build cost and annual O&M of its systems that are
  subjects of any finding, and the cost of its cameras in duplicate sites — each system
  and camera counted once however many findings name it (万元; unknown amounts left out
  and counted in ``unknown``);
- **flows** sent to and received from other departments: active flows between a system
  or platform it owns and one another department owns.

The **score** that ranks departments is stated in the report and kept simple on
purpose: 3 per high, 2 per medium and 1 per low open (not accepted) finding touching the
department. Ties are broken by the build cost tied up, then by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from interop.findings.model import AREAS, FindingsDocument
from interop.graph import node_frame
from interop.graph.frames import any_node_labelled

SEVERITY_POINTS: dict[str, int] = {"high": 3, "medium": 2, "low": 1}
"""The score of one open finding by its severity."""

SUBJECT_SPACES = ("Endpoint", "Camera", "Network", "Department")
"""Where a finding's subject id is looked up (systems and platforms share ids)."""


@dataclass
class DepartmentScore:
    """One department's row of the scorecard (amounts in 万元, None when none is known)."""

    id: str
    name: str
    systems_owned: int = 0
    systems_used: int = 0
    cameras: int = 0
    findings: int = 0
    accepted: int = 0
    by_area: dict[int, int] = field(default_factory=lambda: dict.fromkeys(AREAS, 0))
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITY_POINTS, 0))
    build_cost: float | None = None
    annual_om_cost: float | None = None
    camera_cost: float | None = None
    unknown: int = 0
    """Systems and cameras in findings whose amount is not recorded."""
    flows_sent: int = 0
    flows_received: int = 0
    score: int = 0

    def as_row(self) -> dict[str, Any]:
        """The row as flat data (areas as ``area_1`` …, severities by name)."""
        row: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "findings": self.findings,
            "accepted": self.accepted,
        }
        row.update({severity: n for severity, n in self.by_severity.items()})
        row.update({f"area_{area}": n for area, n in self.by_area.items()})
        row.update(
            {
                "build_cost": self.build_cost,
                "annual_om_cost": self.annual_om_cost,
                "camera_cost": self.camera_cost,
                "unknown_amounts": self.unknown,
                "systems_owned": self.systems_owned,
                "systems_used": self.systems_used,
                "cameras": self.cameras,
                "flows_sent": self.flows_sent,
                "flows_received": self.flows_received,
            }
        )
        return row


def _plus(total: float | None, value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return total
    return round((total or 0.0) + float(value), 4)


NodeAttrs = Mapping[str, Mapping[str, Any]]
"""A node's attributes by node id: the graph's nodes, or the named cameras' frame rows."""


def _owner_of(
    graph: nx.MultiDiGraph, cameras: NodeAttrs, ident: str
) -> tuple[str | None, str | None]:
    """(owning department, node) of a subject id; a department owns itself."""
    for space in SUBJECT_SPACES:
        node = f"{space}:{ident}"
        data = cameras.get(node) if space == "Camera" else None
        if data is None and node in graph:
            data = graph.nodes[node]
        if data is None:
            continue
        if space == "Department":
            return ident, node
        owner = data.get("owner_id")
        return (str(owner) if owner is not None else None), node
    return None, None


def _departments(graph: nx.MultiDiGraph) -> dict[str, DepartmentScore]:
    cards: dict[str, DepartmentScore] = {}
    for _, data in graph.nodes(data=True):
        if data.get("label") == "Department":
            ident = str(data["id"])
            cards[ident] = DepartmentScore(ident, str(data.get("name", ident)))
    return cards


def _holdings(graph: nx.MultiDiGraph, cards: Mapping[str, DepartmentScore]) -> None:
    # cameras are no graph nodes: their frame (built from the nodes for a graph that has them)
    owners = pd.Series(node_frame(graph, "Camera")["owner_id"], dtype=object)
    for owner_id, count in owners.astype(str).value_counts(sort=False).items():
        card = cards.get(str(owner_id))
        if card is not None:
            card.cameras += int(count)
    for _, data in graph.nodes(data=True):
        if data.get("label") != "System":
            continue
        owner = cards.get(str(data.get("owner_id")))
        if owner is not None:
            owner.systems_owned += 1
        for user in set(data.get("user_ids") or ()):
            card = cards.get(str(user))
            if card is not None and card is not owner:
                card.systems_used += 1


def _flows(graph: nx.MultiDiGraph, cards: Mapping[str, DepartmentScore]) -> None:
    for source, target, data in graph.edges(data=True):
        if data.get("type") != "FLOWS_TO" or data.get("status", "active") != "active":
            continue
        a = graph.nodes[source].get("owner_id")
        b = graph.nodes[target].get("owner_id")
        if a is None or b is None or a == b:
            continue
        if str(a) in cards:
            cards[str(a)].flows_sent += 1
        if str(b) in cards:
            cards[str(b)].flows_received += 1


def _findings(
    graph: nx.MultiDiGraph, document: FindingsDocument, cards: Mapping[str, DepartmentScore]
) -> None:
    cameras = _subject_cameras(graph, document)
    owners: dict[str, tuple[str | None, str | None]] = {}
    money_nodes: dict[str, set[str]] = {}
    for finding in document.findings:
        touched: set[str] = set()
        for subject in finding.subjects:
            if subject not in owners:
                owners[subject] = _owner_of(graph, cameras, subject)
            owner, node = owners[subject]
            if owner is None or owner not in cards:
                continue
            touched.add(owner)
            if node is not None and node.split(":", 1)[0] in ("Endpoint", "Camera"):
                money_nodes.setdefault(owner, set()).add(node)
        for owner in touched:
            card = cards[owner]
            if finding.accepted is not None:
                card.accepted += 1
                continue
            severity = str(finding.severity)
            card.findings += 1
            card.by_area[finding.area] = card.by_area.get(finding.area, 0) + 1
            card.by_severity[severity] = card.by_severity.get(severity, 0) + 1
            card.score += SEVERITY_POINTS.get(severity, 0)
    for owner, nodes in money_nodes.items():
        card = cards[owner]
        for node in nodes:
            data = cameras.get(node) or graph.nodes[node]
            if data.get("label") == "System":
                if data.get("build_cost") is None and data.get("annual_om_cost") is None:
                    card.unknown += 1
                card.build_cost = _plus(card.build_cost, data.get("build_cost"))
                card.annual_om_cost = _plus(card.annual_om_cost, data.get("annual_om_cost"))
            elif data.get("label") == "Camera":
                if data.get("cost") is None:
                    card.unknown += 1
                card.camera_cost = _plus(card.camera_cost, data.get("cost"))


def _subject_cameras(graph: nx.MultiDiGraph, document: FindingsDocument) -> NodeAttrs:
    """The owner and cost of every camera the findings name, read from the cameras' frame
    (cameras are no graph nodes; a graph that has camera nodes answers itself)."""
    named = sorted({f"Camera:{s}" for finding in document.findings for s in finding.subjects})
    if not named or any_node_labelled(graph, "Camera"):
        return {}
    frame = node_frame(graph, "Camera")
    at = frame.index.get_indexer(pd.Index(named))
    found = at >= 0
    rows = at[found]
    owners = frame["owner_id"][rows].tolist()
    costs = frame["cost"][rows].astype(np.float64)
    return {
        node: {"label": "Camera", "owner_id": owner, "cost": None if np.isnan(cost) else cost}
        for node, owner, cost in zip(
            np.asarray(named, dtype=object)[found].tolist(), owners, costs.tolist(), strict=True
        )
    }


def rank_key(card: DepartmentScore) -> tuple[float, float, str]:
    """Score first, then the build cost tied up, then the id."""
    return (-card.score, -(card.build_cost or 0.0), card.id)


def scorecard(graph: nx.MultiDiGraph, document: FindingsDocument) -> list[DepartmentScore]:
    """Every department's scorecard row, ranked (see :func:`rank_key`)."""
    cards = _departments(graph)
    _holdings(graph, cards)
    _flows(graph, cards)
    _findings(graph, document, cards)
    return sorted(cards.values(), key=rank_key)


def with_findings(cards: Iterable[DepartmentScore]) -> list[DepartmentScore]:
    """The departments that anything touches: a finding, an accepted risk, or money."""
    return [c for c in cards if c.findings or c.accepted or c.build_cost or c.camera_cost]


SORT_KEYS: dict[str, Any] = {
    "score": rank_key,
    "findings": lambda c: (-c.findings, c.id),
    "high": lambda c: (-c.by_severity.get("high", 0), -c.score, c.id),
    "build": lambda c: (-(c.build_cost or 0.0), c.id),
    "om": lambda c: (-(c.annual_om_cost or 0.0), c.id),
    "cameras": lambda c: (-c.cameras, c.id),
    "systems": lambda c: (-c.systems_owned, c.id),
    "received": lambda c: (-c.flows_received, c.id),
}
"""The orders the report offers (each its own pre-sorted table), the first the default."""


def top(cards: Sequence[DepartmentScore], key: str, limit: int) -> list[DepartmentScore]:
    """The first ``limit`` departments in the order ``key`` of :data:`SORT_KEYS`."""
    return sorted(cards, key=SORT_KEYS[key])[:limit]
