"""graph-networks.html: private network islands and systems deployed off the sanctioned networks.

Every network with its links; for each ``network.isolated_private`` finding, what the
island hosts (systems and platforms one by one up to :data:`HOSTED_SHOWN`, the rest and
the cameras aggregated); for each ``network.noncompliant_deployment`` finding, the system
and the networks it sits on.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from interop.graph import NodeFrame, node_frame
from interop.i18n import Lang
from interop.rules._views import live_rows
from interop.schema.graph import node_id
from interop.viz.common import (
    graph_node,
    nodes_labelled,
    place,
    structural_edge,
)
from interop.viz.index import FindingIndex
from interop.viz.model import Page, VizEdge, VizNode
from interop.viz.tooltips import frame_names, named, safe_title
from interop.wording import kind_name, text

FILE = "graph-networks.html"
RULES = ("network.isolated_private", "network.noncompliant_deployment")
HOSTED_SHOWN = 25
MAX_NETWORKS = 800
MAX_SYSTEMS = 1000
NAMES_SHOWN = 40
"""Members an aggregate's tooltip names (the rest are counted)."""


def _hosted(
    graph: nx.MultiDiGraph, network: str, cameras: dict[str, list[str]]
) -> dict[str, list[str]]:
    """Live systems, platforms and cameras deployed on ``network``, by kind (``cameras``:
    the live cameras by network, from their frame; cameras are no graph nodes)."""
    out: dict[str, list[str]] = {"System": [], "Platform": [], "Camera": cameras.get(network, [])}
    for u, _, kind in graph.in_edges(network, data="type"):
        data = graph.nodes[u]
        label = data.get("label")
        if (
            kind == "DEPLOYED_ON"
            and label in ("System", "Platform")
            and data.get("status", "in_use") == "in_use"
        ):
            out[label].append(u)
    return out


def _live_cameras(frame: NodeFrame, networks: list[str]) -> dict[str, list[int]]:
    """:func:`~interop.rules.network_isolated_private.live_cameras_by_network` for the
    graph nodes ``networks`` only, by their column's codes (a million cameras, a few
    hundred networks on the page): the rows of their live cameras, in load order."""
    rows = live_rows(frame)
    codes, values = frame.codes("network_id")
    code_of = {node_id("Network", str(value)): k for k, value in enumerate(values)}
    wanted = [code_of[n] for n in dict.fromkeys(networks) if n in code_of]
    chosen = rows[np.isin(codes[rows], wanted)]
    order = np.argsort(codes[chosen], kind="stable")  # by network, load order within one
    chosen = chosen[order]
    starts = np.flatnonzero(np.diff(codes[chosen])) + 1
    return {
        node_id("Network", str(values[codes[part[0]]])): part.tolist()
        for part in np.split(chosen, starts)
        if part.size
    }


def networks_page(graph: nx.MultiDiGraph, index: FindingIndex, lang: Lang) -> Page:
    page = Page(FILE, text("viz.networks.title", lang), text("viz.networks.intro", lang))
    all_networks = nodes_labelled(graph, "Network")
    islands = index.of_rule("network.isolated_private")
    island_nodes = [n for e in islands for n in index.nodes_of[e.fid]]
    networks = list(dict.fromkeys([*island_nodes, *all_networks]))[:MAX_NETWORKS]
    nodes: dict[str, VizNode] = {
        n: graph_node(graph, index, n, lang, rules=RULES) for n in networks
    }
    edges = [  # in graph order, as graph.edges gives them; from the page's networks only
        structural_edge(u, v, "LINKED_TO", lang)
        for u in graph
        if u in nodes
        for _, v, kind in graph.out_edges(u, data="type")
        if kind == "LINKED_TO" and v in nodes
    ]
    frame = node_frame(graph, "Camera")
    on_page = [island for island in island_nodes if island in nodes]
    camera_rows = _live_cameras(frame, on_page)
    cameras = {net: frame.nodes[rows].tolist() for net, rows in camera_rows.items()}
    hosted_by_island = {island: _hosted(graph, island, cameras) for island in on_page}
    for island, hosted in hosted_by_island.items():
        for label in ("System", "Platform"):
            members = hosted[label]
            for member in members[:HOSTED_SHOWN]:
                if member not in nodes:
                    nodes[member] = graph_node(graph, index, member, lang, rules=RULES)
                edges.append(structural_edge(member, island, "DEPLOYED_ON", lang))
            rest = members[HOSTED_SHOWN:]
            if rest:
                names = [named(graph, m) for m in rest[:NAMES_SHOWN]]
                _aggregate(nodes, edges, graph, island, label, rest, names, lang)
        if hosted["Camera"]:  # their names from their frame (cameras are no graph nodes)
            names = frame_names(frame, camera_rows[island][:NAMES_SHOWN])
            _aggregate(nodes, edges, graph, island, "Camera", hosted["Camera"], names, lang)
    deployments = index.of_rule("network.noncompliant_deployment")
    shown_deployments = []
    systems = 0
    for entry in deployments:
        if systems >= MAX_SYSTEMS:
            break
        shown_deployments.append(entry)
        for system in index.nodes_of[entry.fid]:
            if system not in nodes:
                nodes[system] = graph_node(graph, index, system, lang, rules=RULES)
                systems += 1
            for _, net, kind in graph.out_edges(system, data="type"):
                if kind == "DEPLOYED_ON" and net in nodes:
                    edges.append(structural_edge(system, net, "DEPLOYED_ON", lang))
    page.nodes = list(nodes.values())
    page.edges = list({(e.source, e.target, e.kind): e for e in edges}.values())
    place(page)
    page.findings = [*islands, *shown_deployments]
    left = len(deployments) - len(shown_deployments)
    if left:
        page.notes.append(text("viz.capped", lang, shown=len(shown_deployments), rest=left))
    if len(all_networks) > len(networks):
        page.notes.append(
            text("viz.capped", lang, shown=len(networks), rest=len(all_networks) - len(networks))
        )
    if not page.nodes:
        page.notes.append(text("viz.empty", lang))
    page.meta = {
        "networks_total": len(all_networks),
        "networks_shown": len(networks),
        "islands": len(islands),
        "deployments": len(deployments),
    }
    return page


def _aggregate(
    nodes: dict[str, VizNode],
    edges: list[VizEdge],
    graph: nx.MultiDiGraph,
    network: str,
    label: str,
    members: list[str],
    names: list[str],
    lang: Lang,
) -> None:
    """One node for the ``members`` (``names``: the first ones') hosted on ``network``."""
    agg = f"Aggregate:{label}:{network}"
    names = names[:NAMES_SHOWN] + (
        [f"… +{len(members) - NAMES_SHOWN}"] if len(members) > NAMES_SHOWN else []
    )
    head = text(
        "tip.aggregate_hosted",
        lang,
        net=named(graph, network),
        n=len(members),
        kind=kind_name(label, lang),
    )
    nodes[agg] = VizNode(
        agg,
        "Aggregate",
        f"{len(members)} {kind_name(label, lang)}",
        safe_title("\n".join([head, *names])),
    )
    edges.append(structural_edge(agg, network, "DEPLOYED_ON", lang))
