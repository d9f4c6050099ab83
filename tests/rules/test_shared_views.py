"""The pieces the rules share for speed say what the slower forms said: the best chains are
networkx's multi-source Dijkstra's paths (ties included), flows are read from the
adjacency in the edge views' order, and a view asked of the context is worked out once."""

from __future__ import annotations

import random
from datetime import date

import networkx as nx
import pytest

from interop.parameters import Parameters
from interop.rules._chains import _digraph, _ordered, best_chains, flow_digraph, flow_digraphs
from interop.rules._views import (
    Deployments,
    FlowEdge,
    active_flows,
    flows,
    flows_of,
    networks_of,
)
from interop.rules.base import AuditContext

FREQUENCIES = ("realtime", "hourly", "daily", None)


def _random_flow_graph(seed: int, nodes: int = 30, edges: int = 90) -> nx.MultiDiGraph:
    """Endpoints joined by flows of every status and frequency, parallel flows and
    self-loops included, plus a network each endpoint may be deployed on."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for k in range(nodes):
        graph.add_node(f"Endpoint:E{k:02}", id=f"E{k:02}", label="System", owner_id=f"D{k % 4}")
    graph.add_node("Network:N1", id="N1", label="Network", name="n", kind="intranet")
    for k in range(edges):
        u, v = rng.randrange(nodes), rng.randrange(nodes)
        data = {"type": "FLOWS_TO", "dataset": f"d{k % 3}"}
        if (freq := rng.choice(FREQUENCIES)) is not None:
            data["frequency"] = freq
        if rng.random() < 0.2:
            data["status"] = rng.choice(("planned", "broken", "active"))
        graph.add_edge(f"Endpoint:E{u:02}", f"Endpoint:E{v:02}", key=f"F{k}", **data)
        if rng.random() < 0.3:
            graph.add_edge(f"Endpoint:E{u:02}", "Network:N1", key="DEPLOYED_ON", type="DEPLOYED_ON")
    return graph


def _networkx_chains(digraph: nx.DiGraph, ends: list[str], towards: bool) -> dict[str, list[str]]:
    """What ``best_chains`` returned when networkx's search made it."""
    search = digraph.reverse(copy=False) if towards else digraph
    starts = sorted(e for e in set(ends) if e in search)
    if not starts:
        return {}
    penalty = 1.0 / (digraph.number_of_nodes() + 1)

    def weight(_u: str, _v: str, data: dict) -> float:  # type: ignore[type-arg]
        return 1.0 + (0.0 if data["flow"].is_realtime else penalty)

    _, paths = nx.multi_source_dijkstra(search, starts, weight=weight)
    return {n: (p[::-1] if towards else p) for n, p in paths.items() if len(p) > 1}


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("towards", [True, False])
def test_best_chains_are_networkx_dijkstra_paths(seed: int, towards: bool) -> None:
    graph = _random_flow_graph(seed)
    digraph = flow_digraph(graph, realtime=False)
    ends = [f"Endpoint:E{k:02}" for k in random.Random(seed).sample(range(30), 3)]
    chains = best_chains(digraph, ends, towards=towards)
    expected = _networkx_chains(digraph, ends, towards)
    assert {n: chains.get(n) for n in graph if chains.get(n)} == expected


def test_flows_in_edge_view_order_and_flows_of_as_out_then_in_edges() -> None:
    graph = _random_flow_graph(1)
    expected = [
        FlowEdge(u, v, k, d)
        for u, v, k, d in graph.edges(keys=True, data=True)
        if d["type"] == "FLOWS_TO"
    ]
    assert list(flows(graph)) == expected
    for node in graph:
        found: dict[tuple[str, str, str], FlowEdge] = {}
        for edges in (graph.out_edges, graph.in_edges):
            for u, v, key, data in edges(node, keys=True, data=True):
                if data["type"] == "FLOWS_TO":
                    found.setdefault((u, v, key), FlowEdge(u, v, key, data))
        assert flows_of(graph, node) == list(found.values())


def test_both_flow_digraphs_as_built_one_by_one() -> None:
    graph = _random_flow_graph(2)
    both = flow_digraphs(graph)
    for digraph, realtime in ((both.realtime, True), (both.active, False)):
        alone = _digraph(_ordered(active_flows(graph)), realtime=realtime)
        assert list(digraph.edges(data=True)) == list(alone.edges(data=True))
        assert list(digraph.edges(data=True)) == list(
            flow_digraph(graph, realtime=realtime).edges(data=True)
        )
    assert all(d["flow"].is_realtime for *_, d in both.realtime.edges(data=True))


def test_a_shared_view_is_worked_out_once_and_networks_are_fresh_copies() -> None:
    graph = _random_flow_graph(3)
    ctx = AuditContext(graph=graph, parameters=Parameters(as_of=date(2020, 12, 31)))
    calls: list[int] = []

    def view(g: nx.MultiDiGraph) -> int:
        calls.append(1)
        return g.number_of_edges()

    assert ctx.shared(view) == ctx.shared(view) == graph.number_of_edges()
    assert len(calls) == 1
    deployments = ctx.shared(Deployments)
    for node in graph:
        first = deployments.of(node)
        assert first == networks_of(graph, node)
        if first:
            first[0]["id"] = "changed"
            assert deployments.of(node) == networks_of(graph, node)
