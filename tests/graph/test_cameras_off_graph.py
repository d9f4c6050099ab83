"""Cameras live in their frame, not as graph nodes (issue 7); with_cameras puts them back."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from interop.generate import generate_city
from interop.graph import build_graph, node_frame, with_cameras
from interop.graph.frames import frame_from_records
from interop.inventory.model import Inventory
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate, validate_rows
from interop.schema.graph import NODE_KIND_BY_LABEL, REL_KINDS, node_id, properties
from interop.schema.graph import relationship_rows as declared_rows


def _raws(seed: int) -> list[RawTable]:
    tables = generate_city(seed=seed, scale=0.3, lang="en")
    for k, row in enumerate(tables["cameras"]):  # some unknowns, an extra column
        if k % 4 == 0:
            row.update(cost="", install_date="", network_id="")
        row["杆号"] = f"G{k}" if k % 3 else ""
    return [
        RawTable(
            name,
            f"{name}.csv",
            list(dict.fromkeys(h for r in rows for h in r)),
            [(k + 2, r) for k, r in enumerate(rows)],
        )
        for name, rows in tables.items()
    ]


@pytest.fixture(scope="module", params=[1, 2])
def inventories(request: pytest.FixtureRequest) -> tuple[Inventory, Inventory]:
    """The same city validated in columns (cameras held as columns) and by rows (records)."""
    raws = _raws(request.param)
    columns, rows = validate(raws, "city"), validate_rows(raws, "city")
    assert "cameras" in columns.columns and "cameras" not in rows.columns
    return columns, rows


def _old_graph(inventory: Inventory) -> nx.MultiDiGraph:
    """The camera nodes and edges as build_graph made them before cameras left the graph."""
    graph = nx.MultiDiGraph()
    kind = NODE_KIND_BY_LABEL["Camera"]
    for record in inventory.cameras:
        graph.add_node(
            node_id("Camera", record.id), label="Camera", labels=kind.labels, **properties(record)
        )
    for rel in REL_KINDS:
        if rel.table == "cameras":
            for row in declared_rows(rel, inventory.cameras):
                graph.add_edge(
                    node_id(rel.start_space, row.start),
                    node_id(rel.end_space, row.end),
                    key=rel.type,
                    type=rel.type,
                )
    return graph


def test_the_graph_has_no_camera_node_and_no_edge_from_a_camera(inventories) -> None:  # type: ignore[no-untyped-def]
    graph = build_graph(inventories[0])
    assert not any(d["label"] == "Camera" for _, d in graph.nodes(data=True))
    assert not any(
        str(u).startswith("Camera:") or str(v).startswith("Camera:") for u, v in graph.edges()
    )
    assert node_frame(graph, "Camera").rows == inventories[0].count("cameras") > 1000


def test_the_frame_from_columns_is_the_frame_from_records(inventories) -> None:  # type: ignore[no-untyped-def]
    columns, rows = inventories
    kind = NODE_KIND_BY_LABEL["Camera"]
    for inventory in (columns, rows):  # columns held, or records held
        mine = node_frame(build_graph(inventory), "Camera")
        old = frame_from_records(kind, rows.cameras)
        assert list(mine) == list(old) and dict(mine.kinds) == dict(old.kinds)
        assert mine.nodes.tolist() == old.nodes.tolist()
        for name in old:
            assert mine[name].dtype == old[name].dtype, name
            if old[name].dtype.kind in "fM":
                np.testing.assert_array_equal(mine[name], old[name])
            else:
                assert mine[name].tolist() == old[name].tolist(), name
            assert mine.codes(name)[1] == old.codes(name)[1], name


def test_with_cameras_gives_back_the_camera_nodes_and_edges(inventories) -> None:  # type: ignore[no-untyped-def]
    columns, rows = inventories
    graph = build_graph(columns)
    full = with_cameras(graph)
    old = _old_graph(rows)
    cams = [n for n, d in full.nodes(data=True) if d["label"] == "Camera"]
    assert cams == [n for n, d in old.nodes(data=True) if d.get("label") == "Camera"]
    for node in cams:
        assert full.nodes[node] == old.nodes[node], node
    mine = [(u, v, k) for u, v, k in full.edges(keys=True) if "Camera:" in u + v]
    assert sorted(mine) == sorted(old.edges(keys=True))
    assert graph.number_of_nodes() + len(cams) == full.number_of_nodes()  # graph unchanged
    assert with_cameras(full).number_of_nodes() == full.number_of_nodes()  # nothing twice


def test_cameras_around_is_the_part_of_with_cameras_about_those_cameras(inventories) -> None:  # type: ignore[no-untyped-def]
    """``cameras_around``: the chosen cameras, the nodes their rows point to and the edges
    between them, each as the whole graph with every camera (``with_cameras``) holds it."""
    from interop.graph import cameras_around

    columns, _ = inventories
    graph = build_graph(columns)
    frame = node_frame(graph, "Camera")
    chosen = [*frame.nodes[::7].tolist()[:60], "Camera:no-such-camera"]
    small = cameras_around(graph, chosen)
    whole = with_cameras(graph)
    cameras = [c for c in chosen if c in whole]
    ends = {n for c in cameras for n in (*whole.successors(c), *whole.predecessors(c))}
    assert set(small) == set(cameras) | ends
    assert any(n.startswith("Network:") for n in ends)
    assert any(n.startswith("Department:") for n in ends)
    for node in small:
        assert small.nodes[node] == whole.nodes[node]
    assert sorted(small.edges(keys=True, data=True)) == sorted(
        whole.subgraph(small.nodes).edges(keys=True, data=True)
    )
    assert graph.number_of_nodes() == build_graph(columns).number_of_nodes()  # unchanged
