"""build_graph adds its nodes and edges in bulk (``add_nodes``, ``add_edges``): the same
graph as networkx's ``add_node`` and ``add_edge`` one call at a time — the same nodes,
edges, keys and attributes, in the same order, with the same shared key dicts."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from interop.graph import build_graph
from interop.graph.build import add_edges, add_nodes
from interop.loaders import load_inventory

NODES: list[tuple[str, dict[str, Any]]] = [
    ("a", {"label": "System", "x": 1}),
    ("b", {"label": "System"}),
    ("a", {"x": 2, "y": [1]}),  # a node again: its attributes updated
    ("c", {}),
]
EDGES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("a", "b", "OWNS", {"type": "OWNS"}),
    ("b", "a", "FLOW:1", {"type": "FLOW", "n": 1}),
    ("a", "b", "FLOW:1", {"type": "FLOW", "n": 2}),  # a second key between the same ends
    ("a", "b", "OWNS", {"weight": 3}),  # an edge again: its attributes updated
    ("a", "a", "LOOP", {"type": "LOOP"}),  # a self-loop
    ("z", "y", "FLOW:9", {"type": "FLOW"}),  # ends not yet nodes: added bare
    ("c", "z", "LINK", {}),
]


def _one_by_one() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node, attributes in NODES:
        graph.add_node(node, **attributes)
    for u, v, key, attributes in EDGES:
        graph.add_edge(u, v, key=key, **attributes)
    return graph


def _shape(graph: nx.MultiDiGraph) -> Any:
    """Everything a reader can see, in order: nodes, successors and predecessors."""
    return (
        list(graph.nodes(data=True)),
        [(u, list(graph._succ[u].items())) for u in graph],
        [(v, list(graph._pred[v].items())) for v in graph],
    )


def test_bulk_adds_make_the_graph_networkx_makes() -> None:
    graph = nx.MultiDiGraph()
    add_nodes(graph, ((node, dict(attributes)) for node, attributes in NODES))
    add_edges(graph, ((u, v, key, dict(attributes)) for u, v, key, attributes in EDGES))
    expected = _one_by_one()
    assert _shape(graph) == _shape(expected)
    assert pickle.dumps(graph) == pickle.dumps(expected)
    for u, v in graph.edges():  # one key dict for both directions, as networkx keeps it
        assert graph._succ[u][v] is graph._pred[v][u]
    assert graph.number_of_edges() == expected.number_of_edges() == 6


def test_the_cache_of_views_is_cleared() -> None:
    graph = nx.MultiDiGraph()
    add_nodes(graph, [("a", {})])
    assert list(graph.nodes) == ["a"]  # networkx caches this view
    add_nodes(graph, [("b", {})])
    add_edges(graph, [("a", "b", "K", {})])
    assert list(graph.nodes) == ["a", "b"] and list(graph.edges(keys=True)) == [("a", "b", "K")]


@pytest.mark.parametrize("fixture", ["every_rule_dir", "tiny_dir"])
def test_build_graph_is_the_graph_of_add_node_and_add_edge(
    fixture: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole graph of an inventory, against the same build through networkx's calls."""
    inventory = load_inventory(Path(request.getfixturevalue(fixture)))
    bulk = build_graph(inventory)

    def one_node_at_a_time(graph: nx.MultiDiGraph, nodes: Any) -> None:
        for node, attributes in nodes:
            graph.add_node(node, **attributes)

    def one_edge_at_a_time(graph: nx.MultiDiGraph, edges: Any) -> None:
        for u, v, key, attributes in edges:
            graph.add_edge(u, v, key=key, **attributes)

    monkeypatch.setattr("interop.graph.build.add_nodes", one_node_at_a_time)
    monkeypatch.setattr("interop.graph.build.add_edges", one_edge_at_a_time)
    calls = build_graph(inventory)
    assert bulk.number_of_nodes() and bulk.number_of_edges()
    assert _shape(bulk) == _shape(calls)
