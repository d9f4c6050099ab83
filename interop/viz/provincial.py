"""graph-provincial.html: how vertical systems dock with the provincial service platform.

One row per chain, left to right. For each ``provincial.missing_link`` finding the row is
the best chain of active flows its evidence gives (``evidence["chain"]``: ``path``,
``hops``, ``weakest_hop``) with the weakest hop drawn thick and red; when there is no
chain at all, a dashed red line to a placeholder. ``provincial.city_platform_unlinked``
findings get the chain from the provincial platform to the city platform the same way.
Then, for contrast, the vertical service systems that do have a realtime chain. Each
row has its own copies of the nodes (ids ``r<row>:<node>``), so shared platforms repeat.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import networkx as nx

from interop.i18n import Lang
from interop.report.catalog import Entry
from interop.report.evidence import ref_text
from interop.viz.common import all_flows, graph_node, is_active, nodes_labelled
from interop.viz.index import FindingIndex
from interop.viz.model import Page, VizEdge, VizNode
from interop.viz.tooltips import flow_title, safe_title, short
from interop.wording import kind_name, text

FILE = "graph-provincial.html"
RULES = ("provincial.missing_link", "provincial.city_platform_unlinked")
VERTICAL_LEVELS = frozenset({"provincial_vertical", "national_vertical"})
MAX_ROWS = 400
MAX_DOCKED_ROWS = 200
STEP_X = 240.0
STEP_Y = 110.0


@dataclass
class Row:
    """One chain: graph nodes (or evidence refs), the hops between them, the weakest hop."""

    steps: list[str | Mapping[str, Any]]
    hops: list[Mapping[str, Any]] = field(default_factory=list)
    weakest: int | None = None
    missing_after: str | None = None
    """Label of a placeholder the chain fails to reach (None: the chain is complete)."""
    missing_before: str | None = None
    entry: Entry | None = None


def _chain_row(index: FindingIndex, entry: Entry, chain: Mapping[str, Any]) -> Row | None:
    path = [p for p in chain.get("path") or [] if isinstance(p, Mapping) and "id" in p]
    if len(path) < 2:
        return None
    steps: list[str | Mapping[str, Any]] = []
    for ref in path:
        node = index.resolve(entry.finding.rule, str(ref["id"]))
        steps.append(node if node is not None else ref)
    hops = [h for h in chain.get("hops") or [] if isinstance(h, Mapping)]
    weakest = chain.get("weakest_hop")
    if not isinstance(weakest, int):
        weakest = next((i for i, h in enumerate(hops) if h.get("weakest")), None)
    return Row(steps, hops, weakest, entry=entry)


def _finding_rows(index: FindingIndex, lang: Lang) -> list[Row]:
    rows = []
    placeholder = f"{kind_name('Platform', lang)}: gov_service / provincial"
    for entry in index.of_rule("provincial.missing_link"):
        chain = entry.finding.evidence.get("chain")
        row = _chain_row(index, entry, chain) if isinstance(chain, Mapping) else None
        if row is None:
            subjects = index.nodes_of[entry.fid]
            row = Row(list(subjects[:1]), missing_after=placeholder, entry=entry)
        rows.append(row)
    for entry in index.of_rule("provincial.city_platform_unlinked"):
        chain = entry.finding.evidence.get("chain")
        row = _chain_row(index, entry, chain) if isinstance(chain, Mapping) else None
        if row is None:
            subjects = index.nodes_of[entry.fid]
            sources = entry.finding.evidence.get("provincial_platforms") or []
            start = next(
                (
                    n
                    for s in sources
                    if isinstance(s, Mapping)
                    and (n := index.resolve(entry.finding.rule, str(s.get("id"))))
                ),
                None,
            )
            if start is not None:
                row = Row([start, *subjects[:1]], hops=[{"no_chain": True}], entry=entry)
            else:
                row = Row(list(subjects[:1]), missing_before=placeholder, entry=entry)
        rows.append(row)
    return [r for r in rows if r.steps]


def _docked_rows(graph: nx.MultiDiGraph, index: FindingIndex) -> list[Row]:
    """Vertical service systems with a realtime chain to a provincial service platform."""
    targets = {
        p
        for p in nodes_labelled(graph, "Platform")
        if graph.nodes[p].get("kind") == "gov_service"
        and graph.nodes[p].get("level") == "provincial"
    }
    realtime = nx.DiGraph()
    for u, v, key, data in all_flows(graph):
        wanted = u != v and is_active(data) and data.get("frequency") == "realtime"
        if wanted and (not realtime.has_edge(u, v) or key < realtime.edges[u, v]["key"]):
            realtime.add_edge(u, v, key=key, data=data)
    flagged = {n for e in index.of_rule(*RULES) for n in index.nodes_of[e.fid]}
    # hops from each node to the nearest target, found once backwards from the targets: a
    # system that reaches none is skipped, and the search from one that does stops at the
    # depth where the targets are (the same paths: a breadth-first search finds each node's
    # path when it first reaches the node's depth). A search to the end from every
    # vertical system took ten seconds at national scale.
    present = [t for t in targets if t in realtime]
    hops_to_target = (
        nx.multi_source_dijkstra_path_length(realtime.reverse(copy=False), present)
        if present
        else {}
    )
    rows = []
    for system in nodes_labelled(graph, "System"):
        data = graph.nodes[system]
        if (
            system in flagged
            or system not in hops_to_target
            or data.get("level") not in VERTICAL_LEVELS
            or data.get("gov_service") is not True
            or not data.get("user_ids")
            or data.get("status", "in_use") != "in_use"
        ):
            continue
        depth = int(hops_to_target[system])
        paths = nx.single_source_shortest_path(realtime, system, cutoff=depth)
        reached = sorted((len(paths[t]), t) for t in targets if t in paths and t != system)
        if not reached:
            continue
        path = paths[reached[0][1]]
        hops: list[Mapping[str, Any]] = [
            dict(realtime.edges[u, v]["data"]) for u, v in pairwise(path)
        ]
        rows.append(Row(list(path), hops=hops))
        if len(rows) >= MAX_DOCKED_ROWS:
            break
    return rows


def _ref_node(page_id: str, ref: Mapping[str, Any], lang: Lang) -> VizNode:
    kind = str(ref.get("label")) if ref.get("label") in ("System", "Platform") else "System"
    shown = ref_text(ref)
    return VizNode(page_id, kind, short(str(ref.get("name") or ref.get("id"))), safe_title(shown))


def _hop_edge(
    graph: nx.MultiDiGraph, a: str, b: str, steps: Sequence[Any], i: int, row: Row, lang: Lang
) -> VizEdge:
    hop = row.hops[i] if i < len(row.hops) else {}
    if hop.get("no_chain"):
        return VizEdge(
            a,
            b,
            "NO_CHAIN",
            title=text("viz.provincial.no_chain", lang),
            label=text("chain.none", lang),
        )
    weakest = row.weakest == i
    frequency = str(hop.get("frequency") or "?")
    src, dst = steps[i], steps[i + 1]
    if isinstance(src, str) and isinstance(dst, str):
        title = flow_title(graph, src, dst, hop, lang)
    else:
        title = safe_title(f"{a} → {b}\n{frequency}")
    if weakest:
        title = safe_title(f"⚠ {text('chain.weakest', lang)}\n{title}")
    return VizEdge(
        a,
        b,
        "WEAKEST" if weakest else "FLOWS_TO",
        title=title,
        label=f"⚠ {frequency}" if weakest else frequency,
    )


def provincial_page(graph: nx.MultiDiGraph, index: FindingIndex, lang: Lang) -> Page:
    page = Page(FILE, text("viz.provincial.title", lang), text("viz.provincial.intro", lang))
    finding_rows = _finding_rows(index, lang)
    rows = finding_rows[:MAX_ROWS]
    docked = _docked_rows(graph, index)
    for number, row in enumerate([*rows, *docked]):
        ids: list[str] = []
        y = number * STEP_Y
        column = 0
        if row.missing_before:
            ghost = f"r{number}:missing"
            page.nodes.append(
                VizNode(
                    ghost,
                    "Missing",
                    short(row.missing_before, 24),
                    safe_title(text("viz.provincial.no_chain", lang)),
                    0.0,
                    y,
                )
            )
            ids.append(ghost)
            column = 1
        for step in row.steps:
            if isinstance(step, str):
                node_id = f"r{number}:{step}"
                extra = () if row.entry else (text("viz.provincial.docked", lang),)
                node = graph_node(
                    graph, index, step, lang, page_id=node_id, rules=RULES, extra=extra
                )
            else:
                node_id = f"r{number}:ref:{step.get('id')}"
                node = _ref_node(node_id, step, lang)
            node.x, node.y = column * STEP_X, y
            column += 1
            page.nodes.append(node)
            ids.append(node_id)
        if row.missing_before:
            page.edges.append(
                VizEdge(
                    ids[0],
                    ids[1],
                    "NO_CHAIN",
                    title=text("viz.provincial.no_chain", lang),
                    label=text("chain.none", lang),
                )
            )
        offset = 1 if row.missing_before else 0
        for i in range(len(row.steps) - 1):
            page.edges.append(
                _hop_edge(graph, ids[offset + i], ids[offset + i + 1], row.steps, i, row, lang)
            )
        if row.missing_after:
            ghost = f"r{number}:missing"
            page.nodes.append(
                VizNode(
                    ghost,
                    "Missing",
                    short(row.missing_after, 24),
                    safe_title(text("viz.provincial.no_chain", lang)),
                    column * STEP_X,
                    y,
                )
            )
            page.edges.append(
                VizEdge(
                    ids[-1],
                    ghost,
                    "NO_CHAIN",
                    title=text("viz.provincial.no_chain", lang),
                    label=text("chain.none", lang),
                )
            )
    page.findings = [r.entry for r in rows if r.entry is not None]
    if len(finding_rows) > len(rows):
        page.notes.append(
            text("viz.capped", lang, shown=len(rows), rest=len(finding_rows) - len(rows))
        )
    if not page.nodes:
        page.notes.append(text("viz.empty", lang))
    page.legend.edge_kinds = ["FLOWS_TO", "WEAKEST", "NO_CHAIN"]
    page.meta = {
        "rows": len(rows) + len(docked),
        "finding_rows": len(rows),
        "docked_rows": len(docked),
    }
    return page
