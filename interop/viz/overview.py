"""graph.html: the whole inventory at a readable size.

Every department, platform and network is shown, and every system with a finding (the
most severe first) up to :data:`MAX_NODES` nodes in all; the other systems and all the
cameras are aggregated into one node per owning department. The page states the real
totals and what was aggregated. Departments sit in a grid, each with its systems around
it; platforms in a row above, networks in a row below. No physics.
"""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx

from interop.graph import node_frame
from interop.i18n import Lang
from interop.viz.common import (
    all_flows,
    camera_owners,
    flow_edges,
    graph_node,
    is_active,
    nodes_labelled,
    owner_of,
    structural_edge,
    with_camera_nodes,
)
from interop.viz.index import FindingIndex
from interop.viz.layout import circle, ring_radius, row
from interop.viz.model import Page, VizEdge, VizNode
from interop.viz.tooltips import named, safe_title, short
from interop.wording import SEVERITY_ORDER, kind_name, text

FILE = "graph.html"
MAX_NODES = 1500
MEMBER_SPACING = 70.0
NAMES_IN_AGGREGATE = 40


def _severity_rank(index: FindingIndex, node: str) -> int:
    severity = index.severity_of(node)
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def _aggregate_title(
    graph: nx.MultiDiGraph, members: list[str], head: str, index: FindingIndex
) -> str:
    names = [named(graph, m) for m in members[:NAMES_IN_AGGREGATE]]
    if len(members) > NAMES_IN_AGGREGATE:
        names.append(f"… +{len(members) - NAMES_IN_AGGREGATE}")
    flagged = [e.fid for m in members for e in index.entries_of(m)]
    lines = [head, *names]
    if flagged:
        lines.append(", ".join(sorted(set(flagged))[:60]))
    return safe_title("\n".join(lines))


def overview_page(graph: nx.MultiDiGraph, index: FindingIndex, lang: Lang) -> Page:
    depts = nodes_labelled(graph, "Department")
    platforms = nodes_labelled(graph, "Platform")
    networks = nodes_labelled(graph, "Network")
    systems = nodes_labelled(graph, "System")
    frame = node_frame(graph, "Camera")  # cameras are no graph nodes: their frame
    cameras = frame.nodes.tolist()
    owner_of_camera = camera_owners(graph, frame)
    flagged = sorted(
        (s for s in systems if index.entries_of(s)), key=lambda s: (_severity_rank(index, s), s)
    )
    owners_with_systems = {owner_of(graph, s) for s in systems}
    owners_of_cameras = Counter(owner_of_camera)
    budget = MAX_NODES - len(depts) - len(platforms) - len(networks)
    budget -= len(owners_of_cameras) + len(owners_with_systems)
    shown = set(flagged[: max(0, budget)])
    left_out_flagged = len(flagged) - len(shown)

    page = Page(FILE, text("viz.graph.title", lang), text("viz.graph.intro", lang))
    nodes: dict[str, VizNode] = {}
    for node in [*depts, *platforms, *networks, *sorted(shown)]:
        nodes[node] = graph_node(graph, index, node, lang)

    # aggregates: the systems not shown and all cameras, per owning department
    hidden_by_owner: dict[str | None, list[str]] = {}
    for system in systems:
        if system not in shown:
            hidden_by_owner.setdefault(owner_of(graph, system), []).append(system)
    cameras_by_owner: dict[str | None, list[str]] = {}
    for camera, owner in zip(cameras, owner_of_camera, strict=True):
        cameras_by_owner.setdefault(owner, []).append(camera)
    named_cameras = [m for ms in cameras_by_owner.values() for m in ms[:NAMES_IN_AGGREGATE]]
    with_named = with_camera_nodes(graph, named_cameras) if named_cameras else graph
    represent: dict[str, str] = {n: n for n in nodes}
    members_of: dict[str | None, list[str]] = {}
    for owner, members in hidden_by_owner.items():
        agg = f"Aggregate:systems:{owner or '-'}"
        dept = named(graph, owner) if owner else text("unknown", lang)
        head = text("tip.aggregate_systems", lang, dept=dept, n=len(members))
        nodes[agg] = VizNode(
            agg,
            "Aggregate",
            f"+{len(members)} {kind_name('System', lang)}",
            _aggregate_title(graph, members, head, index),
        )
        for member in members:
            represent[member] = agg
        members_of.setdefault(owner, []).append(agg)
    for owner, members in cameras_by_owner.items():
        agg = f"Aggregate:cameras:{owner or '-'}"
        dept = named(graph, owner) if owner else text("unknown", lang)
        head = text("tip.aggregate_cameras", lang, dept=dept, n=len(members))
        nodes[agg] = VizNode(
            agg,
            "Aggregate",
            f"{len(members)} {kind_name('Camera', lang)}",
            _aggregate_title(with_named, members, head, index),
        )
        members_of.setdefault(owner, []).append(agg)
    for system in sorted(shown):
        members_of.setdefault(owner_of(graph, system), []).insert(0, system)

    platforms_set = set(platforms)  # systems' networks are in their tooltips (less clutter)
    edges: list[VizEdge] = []
    for owner, members in members_of.items():
        if owner is None:
            continue
        edges += [structural_edge(owner, m, "OWNS", lang) for m in members]
    for node in [*platforms, *networks]:
        owner = owner_of(graph, node)
        if owner:
            edges.append(structural_edge(owner, node, "OWNS", lang))
    for u, v, kind in graph.edges(data="type"):
        if (
            kind == "SUPERVISES"
            or kind == "LINKED_TO"
            or (kind == "DEPLOYED_ON" and u in platforms_set and v in nodes)
        ) or (kind == "USES" and u in nodes and v in shown):
            edges.append(structural_edge(u, v, kind, lang))
    direct = []
    aggregated: Counter[tuple[str, str]] = Counter()
    active_counts: Counter[tuple[str, str]] = Counter()
    for flow in all_flows(graph):
        a, b = represent.get(flow[0]), represent.get(flow[1])
        if a is None or b is None or a == b:
            continue
        if a == flow[0] and b == flow[1]:
            direct.append(flow)
        else:
            aggregated[(a, b)] += 1
            active_counts[(a, b)] += is_active(flow[3])
    edges += flow_edges(graph, direct, lang)
    for (a, b), count in sorted(aggregated.items()):
        edges.append(
            VizEdge(
                a,
                b,
                "AGGREGATE",
                title=text("tip.flows", lang, n=count) + f" ({active_counts[(a, b)]} active)",
                label=str(count),
                width=min(6.0, 1.0 + math.log2(count)),
            )
        )

    _layout(nodes, members_of, platforms, networks, depts)
    page.nodes = list(nodes.values())
    page.edges = edges
    page.findings = list(index.entries)
    page.findings_open = False
    totals = {
        "departments": len(depts),
        "platforms": len(platforms),
        "networks": len(networks),
        "systems": len(systems),
        "cameras": len(cameras),
        "flows": sum(1 for _ in all_flows(graph)),
    }
    aggregates = sum(1 for n in nodes.values() if n.kind == "Aggregate")
    page.notes = [
        text("viz.graph.totals", lang, **totals),
        text(
            "viz.graph.shown",
            lang,
            shown=len(shown),
            aggregated=len(systems) - len(shown),
            cameras=len(cameras),
            groups=aggregates,
        ),
    ]
    if left_out_flagged:
        page.notes.append(text("viz.graph.flagged_left_out", lang, n=left_out_flagged))
    page.meta = {
        "totals": totals,
        "shown_systems": len(shown),
        "aggregated_systems": len(systems) - len(shown),
        "aggregate_nodes": aggregates,
        "flagged_left_out": left_out_flagged,
    }
    return page


def _layout(
    nodes: dict[str, VizNode],
    members_of: dict[str | None, list[str]],
    platforms: list[str],
    networks: list[str],
    depts: list[str],
) -> None:
    """Departments in a grid with their members around them; platforms above, networks below."""
    clusters: list[tuple[str | None, list[str]]] = [(d, members_of.get(d, [])) for d in depts]
    if members_of.get(None):
        clusters.append((None, members_of[None]))
    radius = max(
        (ring_radius(len(m), MEMBER_SPACING, 80.0) for _, m in clusters if m), default=80.0
    )
    cell = 2 * radius + 140
    columns = max(1, math.ceil(math.sqrt(len(clusters))))
    rows = max(1, math.ceil(len(clusters) / columns))
    width = columns * cell
    for i, (dept, members) in enumerate(clusters):
        cx = (i % columns) * cell - width / 2 + cell / 2
        cy = (i // columns) * cell
        if dept is not None:
            nodes[dept].x, nodes[dept].y = cx, cy
        if members:
            own = ring_radius(len(members), MEMBER_SPACING, 80.0)
            for member, (x, y) in zip(members, circle((cx, cy), own, len(members)), strict=True):
                nodes[member].x, nodes[member].y = x, y
    top = -cell / 2 - 220
    for node, (x, y) in zip(platforms, row(len(platforms), top, 170.0), strict=True):
        nodes[node].x, nodes[node].y = x, y
    bottom = rows * cell - cell / 2 + 220
    per_row = max(1, math.ceil(width / 170.0))
    for start in range(0, len(networks), per_row):
        chunk = networks[start : start + per_row]
        y = bottom + (start // per_row) * 120
        for node, (x, yy) in zip(chunk, row(len(chunk), y, 170.0), strict=True):
            nodes[node].x, nodes[node].y = x, yy
    for viz_node in nodes.values():
        viz_node.label = short(viz_node.label, 22)
