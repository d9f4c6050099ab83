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

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from interop.findings.model import AREAS, FindingsDocument
from interop.graph import node_frame
from interop.graph.frames import any_node_labelled
from interop.report.catalog import add_amount

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


def _departments(graph: nx.MultiDiGraph) -> dict[str, DepartmentScore]:
    cards: dict[str, DepartmentScore] = {}
    for _, data in graph.nodes(data=True):
        if data.get("label") == "Department":
            ident = str(data["id"])
            cards[ident] = DepartmentScore(ident, str(data.get("name", ident)))
    return cards


def _holdings(graph: nx.MultiDiGraph, cards: Mapping[str, DepartmentScore]) -> None:
    # cameras are no graph nodes: their frame (built from the nodes for a graph that has them)
    # counted by the owner column's codes (-1: no owner, counted as str(None) was)
    codes, values = node_frame(graph, "Camera").codes("owner_id")
    counts = np.bincount(codes + 1, minlength=len(values) + 1).tolist()
    for owner_id, count in zip((None, *values), counts, strict=True):
        card = cards.get(str(owner_id))
        if card is not None:
            card.cameras += count
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
    # one pass over the adjacency (not graph.edges' view per edge), owners looked up in a
    # plain dict, counts made by Counter rather than a card update per flow
    owner_of = {n: d["owner_id"] for n, d in graph.nodes(data=True) if "owner_id" in d}
    sent: list[Any] = []
    received: list[Any] = []
    for source, targets in graph.adjacency():
        for target, keyed in targets.items():
            for data in keyed.values():
                if data.get("type") != "FLOWS_TO" or data.get("status", "active") != "active":
                    continue
                a = owner_of.get(source)
                b = owner_of.get(target)
                if a is None or b is None or a == b:
                    continue
                sent.append(a)
                received.append(b)
    for owner, n in Counter(sent).items():
        card = cards.get(str(owner))
        if card is not None:
            card.flows_sent += n
    for owner, n in Counter(received).items():
        card = cards.get(str(owner))
        if card is not None:
            card.flows_received += n


Subject = tuple[str, str | None]
"""A subject's owning department (one of the scorecard's) and its node when that node has
money (a system, platform or camera; None otherwise)."""


def _subjects(
    graph: nx.MultiDiGraph,
    idents: Iterable[str],
    cards: Mapping[str, DepartmentScore],
    money: dict[str, Money],
) -> dict[str, Subject]:
    """Each subject id whose owner has a card: the id is looked up as a system or platform,
    a camera, a network, a department, in that order (systems and platforms share ids), the
    first found owning it (a department owns itself). ``money`` receives what the money
    nodes hold (cameras' from their frame)."""
    nodes = dict(graph.nodes(data=True))
    out: dict[str, Subject] = {}

    def holder(owner: Any) -> str | None:
        """The card id of ``owner`` (an ``owner_id``), when it has a card."""
        return None if owner is None or str(owner) not in cards else str(owner)

    rest: list[str] = []
    for ident in idents:  # systems and platforms first: most subjects are
        data = nodes.get(f"Endpoint:{ident}")
        if data is None:
            rest.append(ident)
        elif (owner := holder(data.get("owner_id"))) is not None:
            node = f"Endpoint:{ident}"
            out[ident] = (owner, node)
            money[node] = _money(data)
    for ident, camera in zip(rest, _cameras_named(graph, rest), strict=True):
        node = f"Camera:{ident}"
        data = nodes.get(node)
        if camera is not None:  # a row of the cameras' frame
            if (owner := holder(camera[0])) is not None:
                out[ident] = (owner, node)
                money[node] = ("Camera", None, None, camera[1])
        elif data is not None:
            if (owner := holder(data.get("owner_id"))) is not None:
                out[ident] = (owner, node)
                money[node] = _money(data)
        elif f"Network:{ident}" in nodes:
            if (owner := holder(nodes[f"Network:{ident}"].get("owner_id"))) is not None:
                out[ident] = (owner, None)
        elif f"Department:{ident}" in nodes and ident in cards:
            out[ident] = (ident, None)
    return out


Money = tuple[Any, Any, Any, Any]
"""What the scorecard reads of a money node: (label, build_cost, annual_om_cost, cost)."""


def _money(data: Mapping[str, Any]) -> Money:
    get = data.get
    return (get("label"), get("build_cost"), get("annual_om_cost"), get("cost"))


def _findings(
    graph: nx.MultiDiGraph, document: FindingsDocument, cards: Mapping[str, DepartmentScore]
) -> None:
    findings = document.findings
    money: dict[str, Money] = {}
    named = dict.fromkeys(chain.from_iterable(f.subjects for f in findings))
    where = _subjects(graph, named, cards, money)
    # (owner, area, severity) once per open finding touching the owner, counted at the end
    opened: list[tuple[str, int, str]] = []
    accepted: list[str] = []
    money_nodes: defaultdict[str, set[str]] = defaultdict(set)
    for finding in findings:
        subjects = finding.subjects
        if len(subjects) == 1:  # most findings: one subject, one owner at most
            found = where.get(subjects[0])
            if found is None:
                continue
            owner, node = found
            if node is not None:
                money_nodes[owner].add(node)
            if finding.accepted is None:
                opened.append((owner, finding.area, finding.severity))
            else:
                accepted.append(owner)
            continue
        touched: set[str] = set()
        for subject in subjects:
            found = where.get(subject)
            if found is None:
                continue
            owner, node = found
            touched.add(owner)
            if node is not None:
                money_nodes[owner].add(node)
        if not touched:
            continue
        if finding.accepted is not None:
            accepted.extend(touched)
            continue
        area, severity = finding.area, finding.severity
        opened.extend([(owner, area, severity) for owner in touched])
    for owner, n in Counter(accepted).items():
        cards[owner].accepted += n
    # in the findings' order, so that an area outside AREAS joins by_area as it did
    for (owner, area, member), n in Counter(opened).items():
        card = cards[owner]
        level = str(member)
        card.findings += n
        card.by_area[area] = card.by_area.get(area, 0) + n
        card.by_severity[level] = card.by_severity.get(level, 0) + n
        card.score += SEVERITY_POINTS.get(level, 0) * n
    for owner, nodes in money_nodes.items():
        _add_money(cards[owner], nodes, money)


def _add_money(card: DepartmentScore, nodes: set[str], money: Mapping[str, Money]) -> None:
    """The amounts of a department's systems and cameras in findings, each rounded as it is
    added (:func:`add_amount`), in the order of the nodes' ids: a set's order changes from
    one process to the next (string hashing), and so, for amounts of more than four
    decimals, would the rounded sums — an audit's figures must not."""
    for node in sorted(nodes):
        label, build, om, cost = money[node]
        if label == "System":
            if build is None and om is None:
                card.unknown += 1
            card.build_cost = add_amount(card.build_cost, build)
            card.annual_om_cost = add_amount(card.annual_om_cost, om)
        elif label == "Camera":
            if cost is None:
                card.unknown += 1
            card.camera_cost = add_amount(card.camera_cost, cost)


def _cameras_named(
    graph: nx.MultiDiGraph, idents: Sequence[str]
) -> list[tuple[Any, float | None] | None]:
    """(owner, cost) of each of ``idents`` that is a row of the cameras' frame, else None
    (cameras are no graph nodes; a graph that has camera nodes answers itself)."""
    if not idents or any_node_labelled(graph, "Camera"):
        return [None] * len(idents)
    frame = node_frame(graph, "Camera")
    if not frame.rows:
        return [None] * len(idents)
    # pandas infers the str dtype of the frame's index: an object-dtype Index here would
    # have it cast the whole index (a million cameras: ~0.2 s) on every lookup
    at = frame.index.get_indexer(pd.Index([f"Camera:{ident}" for ident in idents]))
    owners = frame["owner_id"][at].tolist()
    costs = frame["cost"][at].astype(np.float64).tolist()
    return [
        (owner, None if cost != cost else cost) if found else None
        for found, owner, cost in zip((at >= 0).tolist(), owners, costs, strict=True)
    ]


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
