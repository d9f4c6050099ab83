"""A dataset read back from Neo4j is the embedded graph: same nodes, properties and edges."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from _load_helpers import inventory_of
from neo4j import Driver

from interop.generate import generate_city
from interop.graph import build_graph, node_frame, with_cameras
from interop.loaders import load_inventory as read_inventory
from interop.neo4j.fetch import graph_from_neo4j
from interop.neo4j.load import clear_dataset, load_inventory


@pytest.fixture
def dataset(driver: Driver, neo4j_database: str) -> Iterator[str]:
    name = f"test-fetch-{uuid.uuid4().hex[:8]}"
    yield name
    clear_dataset(driver, name, database=neo4j_database)


def _edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}


def _same(expected: nx.MultiDiGraph, fetched: nx.MultiDiGraph) -> None:
    assert not any(d["label"] == "Camera" for _, d in fetched.nodes(data=True))
    assert node_frame(fetched, "Camera").rows == node_frame(expected, "Camera").rows > 0
    for graph in (expected, fetched):  # cameras compared as the nodes they would be
        graph.graph["compare"] = with_cameras(graph)
    expected, fetched = expected.graph.pop("compare"), fetched.graph.pop("compare")
    assert dict(fetched.nodes(data=True)) == dict(expected.nodes(data=True))
    assert _edges(fetched) == _edges(expected)


def test_the_every_rule_inventory_comes_back_as_the_embedded_graph(
    driver: Driver, neo4j_database: str, every_rule_dir: Path, dataset: str
) -> None:
    inventory = read_inventory(every_rule_dir)
    load_inventory(driver, inventory, dataset=dataset, database=neo4j_database)
    _same(build_graph(inventory), graph_from_neo4j(driver, dataset, database=neo4j_database))


def test_a_generated_city_comes_back_as_the_embedded_graph(
    driver: Driver, neo4j_database: str, dataset: str
) -> None:
    inventory = inventory_of(generate_city(seed=7, scale=0.2, lang="en"))
    load_inventory(driver, inventory, dataset=dataset, database=neo4j_database)
    fetched = graph_from_neo4j(driver, dataset, database=neo4j_database)
    _same(build_graph(inventory), fetched)


def test_other_datasets_stay_out(
    driver: Driver, neo4j_database: str, every_rule_dir: Path, dataset: str
) -> None:
    inventory = read_inventory(every_rule_dir)
    load_inventory(driver, inventory, dataset=dataset, database=neo4j_database)
    assert graph_from_neo4j(driver, f"{dataset}-absent", database=neo4j_database).order() == 0
