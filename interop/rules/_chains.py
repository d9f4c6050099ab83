"""Chains of flows between endpoints: the realtime subgraph, reachability, the best chain.

A *realtime chain* (findings-format.md) is a directed chain of active flows, every one of
them realtime; chains pass through systems and platforms alike. The provincial rules ask
whether one exists, and show the best chain of active flows there is when it does not.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from heapq import heappop, heappush
from itertools import count, pairwise
from typing import Any, NamedTuple

import networkx as nx

from interop.rules._views import FlowEdge, active_flows, flow_ref, frequency_rank, ref


def flow_digraph(graph: nx.MultiDiGraph, *, realtime: bool) -> nx.DiGraph:
    """Endpoints joined by active flows (only realtime ones when ``realtime``).

    Self-loops are left out (a chain goes somewhere). Between two endpoints the edge keeps
    the best of their parallel flows (``flow``: realtime first, then by edge key).
    """
    return _digraph(_ordered(active_flows(graph)), realtime=realtime)


def _ordered(flows: Iterable[FlowEdge]) -> list[FlowEdge]:
    """The flows that are no self-loop, by their ends, then best first (a total order: an
    edge key is unique between two nodes, so a subset keeps its order)."""
    return sorted(
        (f for f in flows if f.source != f.target),
        key=lambda f: (f.source, f.target, frequency_rank(f), f.key),
    )


def _digraph(ordered: list[FlowEdge], *, realtime: bool) -> nx.DiGraph:
    best: dict[tuple[str, str], FlowEdge] = {}
    for flow in ordered:
        if flow.is_realtime or not realtime:
            best.setdefault((flow.source, flow.target), flow)
    digraph = nx.DiGraph()
    digraph.add_edges_from((u, v, {"flow": flow}) for (u, v), flow in best.items())
    return digraph


class FlowDigraphs(NamedTuple):
    """Both digraphs of :func:`flow_digraph`: of realtime flows, of every active flow."""

    realtime: nx.DiGraph
    active: nx.DiGraph


def flow_digraphs(graph: nx.MultiDiGraph) -> FlowDigraphs:
    """Both flow digraphs, from one walk over the flows and one sort: both provincial
    rules read them, so they are built once a run (``ctx.shared(flow_digraphs)``)."""
    ordered = _ordered(active_flows(graph))
    return FlowDigraphs(_digraph(ordered, realtime=True), _digraph(ordered, realtime=False))


def _walk(digraph: nx.DiGraph, starts: Iterable[str], *, backwards: bool) -> set[str]:
    adjacency = digraph._pred if backwards else digraph._succ  # its dicts, not views
    seen: set[str] = set()
    queue = deque(s for s in starts if s in digraph)
    while queue:
        for nxt in adjacency[queue.popleft()]:
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


class Chains:
    """The best chains :func:`best_chains` found, each made when asked for."""

    def __init__(self, previous: dict[str, str], towards: bool) -> None:
        self._previous = previous
        self._towards = towards

    def get(self, node: str) -> list[str] | None:
        """The best chain between ``node`` and the ends (from ``node`` to an end when
        ``towards``, else from an end to ``node``); None when there is none."""
        if node not in self._previous:
            return None
        path = [node]
        while (step := self._previous.get(path[-1])) is not None:
            path.append(step)
        return path if self._towards else path[::-1]


def best_chains(digraph: nx.DiGraph, ends: Iterable[str], *, towards: bool) -> Chains:
    """The best chain between every node and the nearest of ``ends``, in one search.

    ``towards=True``: chains from each node to one of ``ends``; ``False``: chains from one
    of ``ends`` to each node. Nodes without a chain of one or more hops have none. Best:
    fewest hops; among those, fewest non-realtime hops (ties go the same way on every run:
    the digraph is built in a fixed order).

    The search is networkx's multi-source Dijkstra (``_dijkstra_multisource``) step for
    step, so ties fall as they did when it ran it: the same heap entries in the same order,
    the same sums, the first predecessor found at the final distance kept. Written out to
    read the digraph's own dicts with each edge's weight known from its flow (networkx
    calls a weight function per edge on a reversed view), and to keep predecessors rather
    than a path per node reached: a tenth of the time at national scale.
    """
    adjacency = digraph._pred if towards else digraph._succ
    starts = sorted(e for e in set(ends) if e in digraph)
    previous: dict[str, str] = {}
    if not starts:
        return Chains(previous, towards)
    penalty = 1.0 / (digraph.number_of_nodes() + 1)  # all of them never outweigh one hop
    realtime_hop, other_hop = 1.0 + 0.0, 1.0 + penalty
    done: dict[str, float] = {}
    seen: dict[str, float] = {}
    order = count()
    fringe: list[tuple[float, int, str]] = []
    for start in starts:
        seen[start] = 0
        heappush(fringe, (0, next(order), start))
    while fringe:
        distance, _, node = heappop(fringe)
        if node in done:
            continue
        done[node] = distance
        for other, data in adjacency[node].items():
            if other in done:
                continue
            through = distance + (realtime_hop if data["flow"].is_realtime else other_hop)
            if other not in seen or through < seen[other]:
                seen[other] = through
                heappush(fringe, (through, next(order), other))
                previous[other] = node
    return Chains(previous, towards)


def chain_evidence(graph: nx.MultiDiGraph, digraph: nx.DiGraph, path: list[str]) -> dict[str, Any]:
    """A chain for evidence: its nodes, its hops (flow properties), its weakest hop.

    The weakest hop is the first that is not realtime (None for a realtime chain); it is
    also flagged ``weakest: true`` among the hops.
    """
    hops = []
    weakest: int | None = None
    for index, (u, v) in enumerate(pairwise(path)):
        flow: FlowEdge = digraph[u][v]["flow"]
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
