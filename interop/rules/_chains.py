"""Chains of flows between endpoints: the realtime subgraph, reachability, the best chain.

A *realtime chain* (findings-format.md) is a directed chain of active flows, every one of
them realtime; chains pass through systems and platforms alike. The provincial rules ask
whether one exists, and show the best chain of active flows there is when it does not.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

import networkx as nx

from interop.rules._views import FlowEdge, active_flows, flow_ref, frequency_rank, ref


def flow_digraph(graph: nx.MultiDiGraph, *, realtime: bool) -> nx.DiGraph:
    """Endpoints joined by active flows (only realtime ones when ``realtime``).

    Self-loops are left out (a chain goes somewhere). Between two endpoints the edge keeps
    the best of their parallel flows (``flow``: realtime first, then by edge key).
    """
    chosen = sorted(
        (
            f
            for f in active_flows(graph)
            if f.source != f.target and (f.is_realtime or not realtime)
        ),
        key=lambda f: (f.source, f.target, frequency_rank(f), f.key),
    )
    digraph = nx.DiGraph()
    for flow in chosen:
        if not digraph.has_edge(flow.source, flow.target):
            digraph.add_edge(flow.source, flow.target, flow=flow)
    return digraph


def _walk(digraph: nx.DiGraph, starts: Iterable[str], *, backwards: bool) -> set[str]:
    step = digraph.predecessors if backwards else digraph.successors
    seen: set[str] = set()
    queue = deque(s for s in starts if s in digraph)
    while queue:
        for nxt in step(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def reaching(digraph: nx.DiGraph, targets: Iterable[str]) -> set[str]:
    """Every node with a chain of one or more hops to one of ``targets``."""
    return _walk(digraph, targets, backwards=True)


def reached_from(digraph: nx.DiGraph, sources: Iterable[str]) -> set[str]:
    """Every node that a chain of one or more hops reaches from one of ``sources``."""
    return _walk(digraph, sources, backwards=False)


def best_chains(digraph: nx.DiGraph, ends: Iterable[str], *, towards: bool) -> dict[str, list[str]]:
    """The best chain between every node and the nearest of ``ends``, in one search.

    ``towards=True``: chains from each node to one of ``ends``; ``False``: chains from one
    of ``ends`` to each node. Nodes without a chain of one or more hops are absent. Best:
    fewest hops; among those, fewest non-realtime hops (ties go the same way on every run:
    the digraph is built in a fixed order).
    """
    search = digraph.reverse(copy=False) if towards else digraph
    starts = sorted(e for e in set(ends) if e in search)
    if not starts:
        return {}
    penalty = 1.0 / (digraph.number_of_nodes() + 1)  # all of them never outweigh one hop

    def weight(_u: str, _v: str, data: dict[str, Any]) -> float:
        return 1.0 + (0.0 if data["flow"].is_realtime else penalty)

    _, paths = nx.multi_source_dijkstra(search, starts, weight=weight)
    return {
        node: (path[::-1] if towards else path) for node, path in paths.items() if len(path) > 1
    }


def chain_evidence(graph: nx.MultiDiGraph, digraph: nx.DiGraph, path: list[str]) -> dict[str, Any]:
    """A chain for evidence: its nodes, its hops (flow properties), its weakest hop.

    The weakest hop is the first that is not realtime (None for a realtime chain); it is
    also flagged ``weakest: true`` among the hops.
    """
    hops = []
    weakest: int | None = None
    for index, (u, v) in enumerate(pairwise(path)):
        flow: FlowEdge = digraph.edges[u, v]["flow"]
        hop = flow_ref(graph, flow)
        if weakest is None and not flow.is_realtime:
            weakest = index
        hop["weakest"] = weakest == index
        hops.append(hop)
    return {
        "path": [ref(graph, n) for n in path],
        "hops": hops,
        "weakest_hop": weakest,
        "realtime": weakest is None and bool(hops),
    }


def with_chain_or_note(evidence: dict[str, Any], note: str) -> dict[str, Any]:
    """``evidence`` whose ``chain`` (the best chain, or None when there is none, as a Cypher
    twin returns it) is complete: a missing or empty chain is recorded as an empty chain
    with ``note``, as the Python checks record it."""
    chain = evidence.get("chain")
    if chain and chain["path"]:
        return evidence
    empty: dict[str, Any] = {
        "path": [],
        "hops": [],
        "weakest_hop": None,
        "realtime": False,
        "note": note,
    }
    return {**evidence, "chain": empty}
