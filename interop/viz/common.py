"""Helpers shared by the page builders: graph queries and node/edge construction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from interop.graph import NodeFrame
from interop.i18n import Lang
from interop.viz.index import FindingIndex
from interop.viz.layout import component_layout
from interop.viz.model import Page, VizEdge, VizNode
from interop.viz.tooltips import flow_title, label_of, node_title, safe_title
from interop.wording import text

Flow = tuple[str, str, str, Mapping[str, Any]]
"""(source node, target node, edge key, properties) of a FLOWS_TO relationship."""


def nodes_labelled(graph: nx.MultiDiGraph, label: str) -> list[str]:
    """Graph nodes of one kind, in load order."""
    return [n for n, d in graph.nodes(data=True) if d.get("label") == label]


def camera_owner_codes(
    graph: nx.MultiDiGraph, frame: NodeFrame
) -> tuple[NDArray[np.intp], list[str | None]]:
    """The cameras' owners as :func:`owner_of` says of a node (cameras are no graph nodes:
    their frame holds them), encoded: a code per camera in frame order (-1: no owner
    given) and the owner node of each code (None when the graph has no such department)."""
    codes, owners = frame.codes("owner_id")
    return codes, [f"Department:{o}" if f"Department:{o}" in graph else None for o in owners]


def owner_of(graph: nx.MultiDiGraph, node: str) -> str | None:
    """The graph node of the department owning ``node`` (None when unknown)."""
    return owner_in(graph, graph.nodes[node])


def owner_in(graph: nx.MultiDiGraph, data: Mapping[str, Any]) -> str | None:
    """:func:`owner_of` the node with attributes ``data``."""
    owner = data.get("owner_id")
    if owner is None:
        return None
    dept = f"Department:{owner}"
    return dept if dept in graph else None


def flows_touching(graph: nx.MultiDiGraph, node: str) -> Iterator[Flow]:
    """Every flow into or out of ``node`` (a self-loop once)."""
    seen: set[str] = set()
    for u, v, key, data in graph.out_edges(node, keys=True, data=True):
        if data.get("type") == "FLOWS_TO" and key not in seen:
            seen.add(key)
            yield u, v, key, data
    for u, v, key, data in graph.in_edges(node, keys=True, data=True):
        if data.get("type") == "FLOWS_TO" and key not in seen:
            seen.add(key)
            yield u, v, key, data


def all_flows(graph: nx.MultiDiGraph) -> Iterator[Flow]:
    for u, v, key, data in graph.edges(keys=True, data=True):
        if data.get("type") == "FLOWS_TO":
            yield u, v, key, data


def is_active(data: Mapping[str, Any]) -> bool:
    return data.get("status", "active") == "active"


def flow_edges(
    graph: nx.MultiDiGraph,
    flows: Iterable[Flow],
    lang: Lang,
    rename: Callable[[str], str] = lambda n: n,
) -> list[VizEdge]:
    """One edge per (source, target) pair; parallel flows listed in its tooltip.

    The edge is an active flow when any of its flows is active, else dashed (planned or
    broken); ``rename`` maps graph nodes to page node ids.
    """
    grouped: dict[tuple[str, str], list[Flow]] = {}
    seen: set[str] = set()
    for flow in flows:
        if flow[2] in seen:
            continue
        seen.add(flow[2])
        grouped.setdefault((flow[0], flow[1]), []).append(flow)
    edges = []
    for (u, v), members in grouped.items():
        active = any(is_active(f[3]) for f in members)
        titles = [flow_title(graph, f[0], f[1], f[3], lang) for f in members]
        edges.append(
            VizEdge(
                rename(u),
                rename(v),
                "FLOWS_TO" if active else "FLOWS_INACTIVE",
                title=safe_title("\n\n".join(titles)),
                label=str(len(members)) if len(members) > 1 else None,
            )
        )
    return edges


def graph_node(
    graph: nx.MultiDiGraph,
    index: FindingIndex,
    node: str,
    lang: Lang,
    *,
    page_id: str | None = None,
    rules: Iterable[str] | None = None,
    extra: tuple[str, ...] = (),
    color: str | None = None,
    label: str | None = None,
    data: Mapping[str, Any] | None = None,
) -> VizNode:
    """A page node for a graph node: its kind's style, its findings in the tooltip.

    The border shows the highest severity among ``rules`` (all rules when None). ``data``:
    the node's attributes when it is no node of ``graph`` (a camera, see
    :func:`interop.graph.node_records`; ``label`` must then be given).
    """
    if data is None:
        data = graph.nodes[node]
    return VizNode(
        id=page_id or node,
        kind=str(data["label"]),
        label=label if label is not None else label_of(graph, node),
        title=node_title(
            graph,
            node,
            index.entries_of(node),
            lang,
            extra=extra,
            cache=index.tooltip_cache,
            data=data,
        ),
        severity=index.severity_of(node, rules),
        color=color,
    )


def structural_edge(source: str, target: str, kind: str, lang: Lang) -> VizEdge:
    """An OWNS/USES/DEPLOYED_ON/LINKED_TO/SUPERVISES edge (tooltip: its kind)."""
    return VizEdge(source, target, kind, title=text(f"edge.{kind}", lang))


def place(page: Page) -> None:
    """Fixed positions for a page's nodes (see :func:`interop.viz.layout.component_layout`)."""
    positions = component_layout(
        [n.id for n in page.nodes], [(e.source, e.target) for e in page.edges]
    )
    for node in page.nodes:
        node.x, node.y = positions[node.id]
