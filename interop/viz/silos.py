"""graph-silos.html: isolated systems and departments that receive data but provide none.

For each ``silo.isolated_system`` finding: the system, its owner, and every flow it has
(none of which crosses a department boundary, or it would not be a silo). For each
``sharing.non_provider`` finding: the department, its systems, and every flow of those
systems with the node at the other end, so the one-way traffic shows.
"""

from __future__ import annotations

import networkx as nx

from interop.i18n import Lang
from interop.viz.common import (
    flow_edges,
    flows_touching,
    graph_node,
    owner_of,
    place,
    structural_edge,
)
from interop.viz.index import FindingIndex
from interop.viz.model import Page
from interop.wording import text

FILE = "graph-silos.html"
RULES = ("silo.isolated_system", "sharing.non_provider")
MAX_NODES = 1500


def silos_page(graph: nx.MultiDiGraph, index: FindingIndex, lang: Lang) -> Page:
    page = Page(FILE, text("viz.silos.title", lang), text("viz.silos.intro", lang))
    wanted: dict[str, None] = {}
    structural: list[tuple[str, str, str]] = []
    flows = []
    shown = []
    entries = index.of_rule(*RULES)
    for entry in entries:
        add: dict[str, None] = {}
        add_structural: list[tuple[str, str, str]] = []
        add_flows = []
        for subject in index.nodes_of[entry.fid]:
            if entry.finding.rule == "sharing.non_provider":
                systems = [
                    v
                    for _, v, kind in graph.out_edges(subject, data="type")
                    if kind == "OWNS" and graph.nodes[v].get("label") == "System"
                ]
                add[subject] = None
                for system in systems:
                    add[system] = None
                    add_structural.append((subject, system, "OWNS"))
            else:
                systems = [subject]
                add[subject] = None
                owner = owner_of(graph, subject)
                if owner:
                    add[owner] = None
                    add_structural.append((owner, subject, "OWNS"))
            for system in systems:
                for flow in flows_touching(graph, system):
                    add[flow[0]] = None
                    add[flow[1]] = None
                    add_flows.append(flow)
        if len(wanted) + len([n for n in add if n not in wanted]) > MAX_NODES:
            break
        wanted.update(add)
        structural += add_structural
        flows += add_flows
        shown.append(entry)
    page.nodes = [graph_node(graph, index, n, lang, rules=RULES) for n in wanted]
    page.edges = [structural_edge(u, v, k, lang) for u, v, k in dict.fromkeys(structural)]
    page.edges += flow_edges(graph, flows, lang)
    place(page)
    page.findings = shown
    if len(shown) < len(entries):
        page.notes.append(
            text("viz.capped", lang, shown=len(shown), rest=len(entries) - len(shown))
        )
    if not page.nodes:
        page.notes.append(text("viz.empty", lang))
    page.meta = {"findings_total": len(entries), "findings_shown": len(shown)}
    return page
