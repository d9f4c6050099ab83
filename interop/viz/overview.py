"""graph.html: the whole inventory at a readable size.

Every department, platform and network is shown, and every system with a finding (the
most severe first) up to :data:`MAX_NODES` nodes in all; the other systems and all the
cameras are aggregated into one node per owning department. The page states the real
totals and what was aggregated. Departments sit in a grid, each with its systems around
it; platforms in a row above, networks in a row below. No physics.

When the departments, platforms and networks with one aggregate per department would
alone pass :data:`MAX_NODES` (the national inventory: 15,000 departments and 5,000
networks made a 72 MB page no browser draws), the page is coarser and says so: it keeps
the :data:`COARSE_DEPARTMENTS` departments, :data:`COARSE_PLATFORMS` platforms and
:data:`COARSE_NETWORKS` networks whose findings are the most severe (then the most
numerous), and draws the others of each kind as one node (:data:`OTHERS`), which also
owns their systems and cameras; the focused pages and findings.xlsx still hold every
finding.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import compress

import networkx as nx
import numpy as np
import pandas as pd
from numpy.typing import NDArray

from interop.graph import node_frame
from interop.i18n import Lang
from interop.schema.graph import node_id
from interop.viz.common import (
    all_flows,
    camera_owner_codes,
    flow_edges,
    graph_node,
    is_active,
    nodes_labelled,
    owner_of,
    structural_edge,
)
from interop.viz.index import FindingIndex
from interop.viz.layout import circle, ring_radius, row
from interop.viz.model import Page, VizEdge, VizNode
from interop.viz.tooltips import frame_names, named, safe_title, short
from interop.wording import SEVERITY_ORDER, kind_name, text

FILE = "graph.html"
MAX_NODES = 1500
MEMBER_SPACING = 70.0
NAMES_IN_AGGREGATE = 40
COARSE_DEPARTMENTS = 200
COARSE_PLATFORMS = 100
COARSE_NETWORKS = 200
"""How many of each kind the coarse page keeps (see the module docstring)."""
OTHERS = {
    "Department": "Aggregate:departments",
    "Platform": "Aggregate:platforms",
    "Network": "Aggregate:networks",
}
"""The node standing in for the departments, platforms or networks a coarse page leaves out."""
CAMERA_NODE = node_id("Camera", "")
"""How a camera's node id starts."""


def _severity_ranks(index: FindingIndex) -> dict[str, int]:
    """The rank in :data:`SEVERITY_ORDER` of the highest severity of the findings naming
    each node but a camera that any names (``index.severity_of``, one pass over the
    index; the page ranks systems, departments, platforms and networks, not cameras)."""
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    unranked = len(SEVERITY_ORDER)
    return {
        node: min([rank.get(str(e.finding.severity), unranked) for e in entries])
        for node, entries in index.by_node.items()
        if not node.startswith(CAMERA_NODE)
    }


def _aggregate_title(names: list[str], count: int, flagged: Iterable[str], head: str) -> str:
    """``head``, the first members' ``names`` (of ``count``) and the numbers of the
    findings naming any member (``flagged``)."""
    names = names[:NAMES_IN_AGGREGATE]
    if count > NAMES_IN_AGGREGATE:
        names.append(f"… +{count - NAMES_IN_AGGREGATE}")
    numbers = sorted(set(flagged))
    lines = [head, *names]
    if numbers:
        lines.append(", ".join(numbers[:60]))
    return safe_title("\n".join(lines))


def _camera_groups(
    codes: NDArray[np.intp], owners: list[str | None], home: Callable[[str | None], str | None]
) -> tuple[dict[str | None, NDArray[np.intp]], list[str | None], NDArray[np.intp]]:
    """The cameras' rows by the page's owner node (``home`` of the owning department, None
    when unknown), by the owner column's codes rather than a step per camera: the groups
    in order of their first camera, each group's rows in load order; also the owner
    nodes by group number and the group number of every row."""
    numbers: dict[str | None, int] = {}
    lut = np.array([numbers.setdefault(home(o), len(numbers)) for o in (*owners, None)])
    group = lut[codes]  # code -1 (no owner given) takes the last entry: None
    order = np.argsort(group, kind="stable")
    parts = [p for p in np.split(order, np.flatnonzero(np.diff(group[order])) + 1) if p.size]
    parts.sort(key=lambda part: int(part[0]))
    keys = list(numbers)
    return {keys[group[part[0]]]: part for part in parts}, keys, group


def _most_flagged(
    graph: nx.MultiDiGraph,
    index: FindingIndex,
    ranks: dict[str, int],
    depts: list[str],
    platforms: list[str],
    networks: list[str],
) -> tuple[list[str], list[str], list[str]]:
    """The departments, platforms and networks a coarse page keeps, in load order: those
    whose findings are the most severe, then the most numerous (a department counts the
    findings naming it or what it owns in the graph: systems, platforms, networks)."""
    found: dict[str, set[str]] = {}
    worst: dict[str, int] = {}
    for node, entries in index.by_node.items():
        if node not in ranks or node not in graph:
            continue  # a camera (cameras are no graph nodes, and not counted when they are)
        label = graph.nodes[node].get("label")
        holders = [node] if label in ("Department", "Platform", "Network") else []
        if label != "Department" and (owner := owner_of(graph, node)) is not None:
            holders.append(owner)
        for holder in holders:
            found.setdefault(holder, set()).update(e.fid for e in entries)
            worst[holder] = min(worst.get(holder, len(SEVERITY_ORDER)), ranks[node])

    def kept(nodes: list[str], limit: int) -> list[str]:
        order = {n: i for i, n in enumerate(nodes)}
        ranked = sorted(
            nodes,
            key=lambda n: (worst.get(n, len(SEVERITY_ORDER)), -len(found.get(n, ())), order[n]),
        )
        chosen = set(ranked[:limit])
        return [n for n in nodes if n in chosen]

    return (
        kept(depts, COARSE_DEPARTMENTS),
        kept(platforms, COARSE_PLATFORMS),
        kept(networks, COARSE_NETWORKS),
    )


def _others_node(graph: nx.MultiDiGraph, kind: str, members: list[str], lang: Lang) -> VizNode:
    """The node standing in for the ``members`` of ``kind`` a coarse page leaves out."""
    names = [named(graph, m) for m in members[:NAMES_IN_AGGREGATE]]
    head = text("tip.aggregate_others", lang, n=len(members), kind=kind_name(kind, lang))
    return VizNode(
        OTHERS[kind],
        "Aggregate",
        f"+{len(members)} {kind_name(kind, lang)}",
        _aggregate_title(names, len(members), (), head),
    )


def overview_page(
    graph: nx.MultiDiGraph, index: FindingIndex, lang: Lang, max_nodes: int = MAX_NODES
) -> Page:
    depts = nodes_labelled(graph, "Department")
    platforms = nodes_labelled(graph, "Platform")
    networks = nodes_labelled(graph, "Network")
    systems = nodes_labelled(graph, "System")
    frame = node_frame(graph, "Camera")  # cameras are no graph nodes: their frame
    camera_codes, camera_owners = camera_owner_codes(graph, frame)
    ranks = _severity_ranks(index)
    flagged = sorted((s for s in systems if s in ranks), key=lambda s: (ranks[s], s))
    owners_with_systems = {owner_of(graph, s) for s in systems}
    owners_of_cameras = set(camera_owners) | ({None} if (camera_codes < 0).any() else set())
    budget = max_nodes - len(depts) - len(platforms) - len(networks)
    budget -= len(owners_of_cameras) + len(owners_with_systems)
    coarse = budget < 0
    all_depts, all_platforms, all_networks = depts, platforms, networks
    left: dict[str, list[str]] = {}
    other_depts: str | None = None
    if coarse:
        depts, platforms, networks = _most_flagged(graph, index, ranks, depts, platforms, networks)
        for kind, every, kept in (
            ("Department", all_depts, depts),
            ("Platform", all_platforms, platforms),
            ("Network", all_networks, networks),
        ):
            chosen = set(kept)
            if len(kept) < len(every):
                left[kind] = [n for n in every if n not in chosen]
        kept_depts = set(depts)
        other_depts = OTHERS["Department"] if "Department" in left else None

        def home(owner: str | None) -> str | None:
            return owner if owner is None or owner in kept_depts else other_depts

        owners_with_systems = {home(o) for o in owners_with_systems}
        owners_of_cameras = {home(o) for o in owners_of_cameras}
        budget = max_nodes - len(depts) - len(platforms) - len(networks) - len(left)
        budget -= len(owners_of_cameras) + len(owners_with_systems)
    else:

        def home(owner: str | None) -> str | None:
            return owner

    shown = set(flagged[: max(0, budget)])
    left_out_flagged = len(flagged) - len(shown)

    page = Page(FILE, text("viz.graph.title", lang), text("viz.graph.intro", lang))
    nodes: dict[str, VizNode] = {}
    for node in [*depts, *platforms, *networks, *sorted(shown)]:
        nodes[node] = graph_node(graph, index, node, lang)
    for kind, members in left.items():
        nodes[OTHERS[kind]] = _others_node(graph, kind, members, lang)

    # aggregates: the systems not shown and all cameras, per owning department
    hidden_by_owner: dict[str | None, list[str]] = {}
    for system in systems:
        if system not in shown:
            hidden_by_owner.setdefault(home(owner_of(graph, system)), []).append(system)
    camera_rows, group_owners, camera_group = _camera_groups(camera_codes, camera_owners, home)
    flagged_cameras: dict[str | None, set[str]] = {}  # findings' numbers, by group
    named_cameras = [n for n in index.by_node if n.startswith(CAMERA_NODE)]
    if named_cameras:
        at = index.cameras.get_indexer(pd.Index(named_cameras))
        known = at >= 0
        groups = camera_group[at[known]].tolist()
        for camera, number in zip(compress(named_cameras, known), groups, strict=True):
            numbers = flagged_cameras.setdefault(group_owners[number], set())
            numbers.update(e.fid for e in index.by_node[camera])
    represent: dict[str, str] = {n: n for n in nodes}
    if "Platform" in left:  # flows run between systems and platforms
        represent.update(dict.fromkeys(left["Platform"], OTHERS["Platform"]))

    def dept_name(owner: str | None) -> str:
        if owner is None:
            return text("unknown", lang)
        if owner is not None and owner == other_depts:
            return text("tip.other_departments", lang, n=len(left["Department"]))
        return named(graph, owner)

    members_of: dict[str | None, list[str]] = {}
    for owner, members in hidden_by_owner.items():
        agg = f"Aggregate:systems:{owner or '-'}"
        dept = dept_name(owner)
        head = text("tip.aggregate_systems", lang, dept=dept, n=len(members))
        nodes[agg] = VizNode(
            agg,
            "Aggregate",
            f"+{len(members)} {kind_name('System', lang)}",
            _aggregate_title(
                [named(graph, m) for m in members[:NAMES_IN_AGGREGATE]],
                len(members),
                [e.fid for m in members if (found := index.by_node.get(m)) for e in found],
                head,
            ),
        )
        for member in members:
            represent[member] = agg
        members_of.setdefault(owner, []).append(agg)
    for owner, rows in camera_rows.items():
        agg = f"Aggregate:cameras:{owner or '-'}"
        dept = dept_name(owner)
        head = text("tip.aggregate_cameras", lang, dept=dept, n=len(rows))
        nodes[agg] = VizNode(
            agg,
            "Aggregate",
            f"{len(rows)} {kind_name('Camera', lang)}",
            _aggregate_title(
                frame_names(frame, rows[:NAMES_IN_AGGREGATE]),
                len(rows),
                flagged_cameras.get(owner, ()),
                head,
            ),
        )
        members_of.setdefault(owner, []).append(agg)
    for system in sorted(shown):
        members_of.setdefault(home(owner_of(graph, system)), []).insert(0, system)

    platforms_set = set(platforms)  # systems' networks are in their tooltips (less clutter)
    edges: list[VizEdge] = []
    for owner, members in members_of.items():
        if owner is None:
            continue
        edges += [structural_edge(owner, m, "OWNS", lang) for m in members]
    for node in [*platforms, *networks]:
        owner = home(owner_of(graph, node))
        if owner:
            edges.append(structural_edge(owner, node, "OWNS", lang))
    for u in graph:  # in graph order, as graph.edges gives them: from the page's nodes
        if u not in nodes:  # (an edge from elsewhere could not be drawn: build_network)
            continue
        for _, v, kind in graph.out_edges(u, data="type"):
            if (
                ((kind == "SUPERVISES" or kind == "LINKED_TO") and (not coarse or v in nodes))
                or (kind == "DEPLOYED_ON" and u in platforms_set and v in nodes)
                or (kind == "USES" and v in shown)
            ):
                edges.append(structural_edge(u, v, kind, lang))
    flows = 0
    direct = []
    aggregated: Counter[tuple[str, str]] = Counter()
    active_counts: Counter[tuple[str, str]] = Counter()
    for flow in all_flows(graph):
        flows += 1
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

    lines = [[*platforms], [*networks]]  # the rows above and below the grid
    for row_nodes, kind in ((lines[0], "Platform"), (lines[1], "Network")):
        if kind in left:
            row_nodes.append(OTHERS[kind])
    heads = [*depts, *([other_depts] if other_depts is not None else [])]
    _layout(nodes, members_of, lines[0], lines[1], heads)
    page.nodes = list(nodes.values())
    page.edges = edges
    page.findings = list(index.entries)
    page.findings_open = False
    totals = {
        "departments": len(all_depts),
        "platforms": len(all_platforms),
        "networks": len(all_networks),
        "systems": len(systems),
        "cameras": frame.rows,
        "flows": flows,
    }
    aggregates = sum(1 for n in nodes.values() if n.kind == "Aggregate")
    page.notes = [
        text("viz.graph.totals", lang, **totals),
        text(
            "viz.graph.shown",
            lang,
            shown=len(shown),
            aggregated=len(systems) - len(shown),
            cameras=frame.rows,
            groups=aggregates,
        ),
    ]
    if left_out_flagged:
        page.notes.append(text("viz.graph.flagged_left_out", lang, n=left_out_flagged))
    if coarse:
        page.notes.append(
            text(
                "viz.graph.coarse",
                lang,
                max=max_nodes,
                departments=len(depts),
                platforms=len(platforms),
                networks=len(networks),
                rest_departments=len(left.get("Department", ())),
                rest_platforms=len(left.get("Platform", ())),
                rest_networks=len(left.get("Network", ())),
            )
        )
    page.meta = {
        "totals": totals,
        "shown_systems": len(shown),
        "aggregated_systems": len(systems) - len(shown),
        "aggregate_nodes": aggregates,
        "flagged_left_out": left_out_flagged,
    }
    if coarse:
        page.meta["coarse"] = {
            "departments_shown": len(depts),
            "platforms_shown": len(platforms),
            "networks_shown": len(networks),
            **{f"{kind.lower()}s_left_out": len(members) for kind, members in left.items()},
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
