"""Read-only views over the embedded graph, shared by the rule checks.

The terms of findings-format.md live here once: *live*, *active flow*, *crossing flow*,
*utilization*, plus the small evidence builders every rule uses (a node as
``{id, name, label}``, an owner, the networks of a node, a flow, the money of systems).
Nothing here changes the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from interop.graph.frames import Codes, NodeFrame
from interop.schema.graph import node_id

LIVE_STATUS = "in_use"
ACTIVE_STATUS = "active"
REALTIME = "realtime"
MONEY_UNIT = "万元 (10,000 CNY)"

FREQUENCY_ORDER = ("realtime", "hourly", "daily", "weekly", "monthly", "adhoc")
"""Frequencies from best to worst; an unknown frequency ranks after all of them."""


class FlowEdge(NamedTuple):
    """One FLOWS_TO relationship: graph node ids of its ends, its edge key, its properties."""

    source: str
    target: str
    key: str
    data: Mapping[str, Any]

    @property
    def status(self) -> str:
        return str(self.data.get("status", ACTIVE_STATUS))

    @property
    def frequency(self) -> str | None:
        value = self.data.get("frequency")
        return None if value is None else str(value)

    @property
    def is_active(self) -> bool:
        return self.status == ACTIVE_STATUS

    @property
    def is_realtime(self) -> bool:
        return self.frequency == REALTIME


# -- nodes ---------------------------------------------------------------------------------


def nodes_of(graph: nx.MultiDiGraph, label: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every node of one kind (``System``, ``Platform``…), in load order."""
    for node, data in graph._node.items():
        if data.get("label") == label:
            yield node, data


def is_live(data: Mapping[str, Any]) -> bool:
    """Live: status ``in_use`` (empty is ``in_use``). Platforms have no status: always live."""
    return data.get("status", LIVE_STATUS) == LIVE_STATUS


def live_rows(frame: NodeFrame) -> NDArray[np.intp]:
    """The rows of a node frame (:func:`interop.graph.node_frame`) whose node is live, as
    :func:`is_live` says: status ``in_use``, or none (empty is ``in_use``)."""
    return live_of(frame.codes("status"))


def live_of(status: Codes) -> NDArray[np.intp]:
    """The rows whose status, dictionary-encoded (:meth:`NodeFrame.codes`), is ``in_use``
    or none: :func:`live_rows` of a frame's status column."""
    codes, statuses = status
    live = [-1, *(k for k, value in enumerate(statuses) if value == LIVE_STATUS)]
    return np.flatnonzero(np.isin(codes, live))


def live_systems(graph: nx.MultiDiGraph) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every system whose status is ``in_use``."""
    return ((n, d) for n, d in nodes_of(graph, "System") if is_live(d))


def live_system_list(graph: nx.MultiDiGraph) -> list[tuple[str, Mapping[str, Any]]]:
    """:func:`live_systems` as a list: what most rules walk, worked out once per run
    (``ctx.shared(live_system_list)``, :meth:`AuditContext.shared`)."""
    return list(live_systems(graph))


def gov_platforms(graph: nx.MultiDiGraph, level: str) -> list[str]:
    """Platforms of kind ``gov_service`` at ``level`` (``provincial``, ``municipal``…)."""
    return [
        n
        for n, d in nodes_of(graph, "Platform")
        if d.get("kind") == "gov_service" and d.get("level") == level
    ]


def key_of(graph: nx.MultiDiGraph, node: str) -> str:
    """The inventory id of a graph node (``Endpoint:S01`` -> ``S01``)."""
    return str(graph._node[node]["id"])


def ref(graph: nx.MultiDiGraph, node: str) -> dict[str, str]:
    """A node for evidence: ``{id, name, label}``."""
    data = graph._node[node]
    return {"id": str(data["id"]), "name": str(data.get("name", "")), "label": data["label"]}


def named(graph: nx.MultiDiGraph, node: str) -> str:
    """A node for prose: ``name (id)``."""
    data = graph._node[node]
    name = data.get("name")
    return f"{name} ({data['id']})" if name else str(data["id"])


def neighbours(
    graph: nx.MultiDiGraph, node: str, rel_type: str, *, incoming: bool = False
) -> list[str]:
    """Nodes at the other end of ``rel_type`` relationships (out of ``node``, or into it),
    in adjacency order. Read from the adjacency's own dicts (see :func:`adjacency`)."""
    found = []
    for other, by_key in adjacency(graph, node, incoming=incoming).items():
        for data in by_key.values():
            if data.get("type") == rel_type:
                found.append(other)
                break
    return found


def adjacency(
    graph: nx.MultiDiGraph, node: str, *, incoming: bool = False
) -> Mapping[str, Mapping[str, Mapping[str, Any]]]:
    """``{other: {edge key: data}}`` of the edges out of ``node`` (or into it), read-only by
    convention: the graph's own dicts, as networkx's algorithms read them. Its views
    (``graph.succ``, ``out_edges``) wrap every level in a Mapping object, and a system's
    out-edges include all its flows: seconds at national scale, walked by a dozen rules."""
    return graph._pred[node] if incoming else graph._succ[node]


# -- owners and networks -------------------------------------------------------------------


def owner_node(graph: nx.MultiDiGraph, node: str) -> str | None:
    """The graph node of the department that owns ``node`` (None when unknown)."""
    owner_id = graph._node[node].get("owner_id")
    if owner_id is None:
        return None
    owner = node_id("Department", str(owner_id))
    return owner if owner in graph else None


def owner_ref(graph: nx.MultiDiGraph, node: str) -> dict[str, str] | None:
    """The owning department for evidence: ``{id, name}`` (None when unknown)."""
    owner = owner_node(graph, node)
    if owner is None:
        return None
    return {"id": key_of(graph, owner), "name": str(graph._node[owner].get("name", ""))}


def owner_named(graph: nx.MultiDiGraph, node: str) -> str:
    """The owning department for prose: ``name (id)``, or ``an unknown department``."""
    owner = owner_node(graph, node)
    return named(graph, owner) if owner is not None else "an unknown department"


def networks_of(graph: nx.MultiDiGraph, node: str) -> list[dict[str, str]]:
    """The networks ``node`` is deployed on, for evidence: ``{id, name, kind}``."""
    out = []
    for net in neighbours(graph, node, "DEPLOYED_ON"):
        data = graph._node[net]
        out.append({"id": str(data["id"]), "name": str(data.get("name", "")), "kind": data["kind"]})
    return sorted(out, key=lambda n: n["id"])


class Deployments:
    """:func:`networks_of` remembered per node: five rules show the networks of most live
    systems (``ctx.shared(Deployments)``). Each call returns fresh dicts."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self._graph = graph
        self._known: dict[str, list[dict[str, str]]] = {}

    def of(self, node: str) -> list[dict[str, str]]:
        known = self._known.get(node)
        if known is None:
            known = self._known[node] = networks_of(self._graph, node)
        return [dict(network) for network in known]


# -- flows -------------------------------------------------------------------------------------


def flows(graph: nx.MultiDiGraph) -> Iterator[FlowEdge]:
    """Every flow, whatever its status, in the order of ``graph.edges``."""
    for u, targets in graph._succ.items():
        for v, by_key in targets.items():
            for key, data in by_key.items():
                if data.get("type") == "FLOWS_TO":
                    yield FlowEdge(u, v, key, data)


def active_flows(graph: nx.MultiDiGraph) -> Iterator[FlowEdge]:
    """Every flow whose status is ``active`` (empty is ``active``)."""
    return (f for f in flows(graph) if f.data.get("status", ACTIVE_STATUS) == ACTIVE_STATUS)


def flows_of(graph: nx.MultiDiGraph, node: str) -> list[FlowEdge]:
    """Every flow out of ``node``, then every flow into it (a self-loop once, as out of
    it), whatever its status, in adjacency order."""
    found = [
        FlowEdge(node, other, key, data)
        for other, by_key in graph._succ[node].items()
        for key, data in by_key.items()
        if data.get("type") == "FLOWS_TO"
    ]
    found.extend(
        FlowEdge(other, node, key, data)
        for other, by_key in graph._pred[node].items()
        if other != node
        for key, data in by_key.items()
        if data.get("type") == "FLOWS_TO"
    )
    return found


def why_not_crossing(graph: nx.MultiDiGraph, system: str, flow: FlowEdge) -> str | None:
    """None when ``flow`` is a crossing flow of ``system``; else the reason, in plain words.

    Crossing: an active flow between the system and X, either direction, where X is a
    platform or a system with another owner. A self-loop is never crossing.
    """
    if not flow.is_active:
        return f"flow status is {flow.status}, not active"
    other = flow.target if flow.source == system else flow.source
    if other == system:
        return "flow from the system to itself"
    other_data = graph._node[other]
    if other_data["label"] == "Platform":
        return None
    if other_data.get("owner_id") == graph._node[system].get("owner_id"):
        return f"both ends owned by the same department ({owner_named(graph, system)})"
    return None


def crossing_flows(graph: nx.MultiDiGraph, system: str) -> list[FlowEdge]:
    """The crossing flows of ``system`` (see :func:`why_not_crossing`)."""
    return [f for f in flows_of(graph, system) if why_not_crossing(graph, system, f) is None]


def flow_ref(graph: nx.MultiDiGraph, flow: FlowEdge) -> dict[str, Any]:
    """A flow for evidence: both ends as ``{id, name, label}`` and its properties."""
    out: dict[str, Any] = {"source": ref(graph, flow.source), "target": ref(graph, flow.target)}
    for name in ("dataset", "mechanism", "frequency"):
        out[name] = flow.data.get(name)
    out["status"] = flow.status
    return out


def frequency_rank(flow: FlowEdge) -> int:
    """0 for realtime, growing as the frequency gets worse; unknown is worst."""
    freq = flow.frequency
    return FREQUENCY_ORDER.index(freq) if freq in FREQUENCY_ORDER else len(FREQUENCY_ORDER)


# -- usage and money -------------------------------------------------------------------------


def utilization(data: Mapping[str, Any]) -> float | None:
    """``modules_used / modules_total``; None unless both are known and the total is ≥ 1."""
    used = data.get("modules_used")
    total = data.get("modules_total")
    if used is None or total is None or total < 1:
        return None
    return used / total


def money(graph: nx.MultiDiGraph, systems: Iterable[str]) -> dict[str, Any]:
    """The money of ``systems`` (graph nodes): see :func:`money_of`."""
    nodes = [graph._node[n] for n in dict.fromkeys(systems)]
    return money_of([(str(d["id"]), d.get("build_cost"), d.get("annual_om_cost")) for d in nodes])


def money_of(systems: Sequence[tuple[str, Any, Any]]) -> dict[str, Any]:
    """The money of ``systems``, each ``(id, build_cost, annual_om_cost)`` (None when
    unknown), once each: sums of ``build_cost`` and ``annual_om_cost`` in 万元.

    Unknown amounts are never counted as zero: a sum covers the known amounts only, is
    None when none is known, and the systems without an amount are listed.
    """
    build: list[float] = []
    om: list[float] = []
    build_unknown: list[str] = []
    om_unknown: list[str] = []
    for key, build_cost, om_cost in systems:
        if build_cost is None:
            build_unknown.append(key)
        else:
            build.append(float(build_cost))
        if om_cost is None:
            om_unknown.append(key)
        else:
            om.append(float(om_cost))
    build_unknown.sort()
    om_unknown.sort()
    return {
        "unit": MONEY_UNIT,
        "systems": len(systems),
        "build_cost": round(sum(build), 4) if build else None,
        "annual_om_cost": round(sum(om), 4) if om else None,
        "build_cost_unknown": build_unknown,
        "annual_om_cost_unknown": om_unknown,
    }


def money_words(evidence_money: Mapping[str, Any]) -> str:
    """The money of a finding for prose, e.g. ``build cost 120 万元, O&M 15 万元 a year``."""
    parts = []
    if evidence_money.get("build_cost") is not None:
        parts.append(f"build cost {evidence_money['build_cost']:g} 万元")
    if evidence_money.get("annual_om_cost") is not None:
        parts.append(f"O&M {evidence_money['annual_om_cost']:g} 万元 a year")
    return ", ".join(parts) if parts else "no cost recorded"
