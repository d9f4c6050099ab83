"""Build the embedded graph from the schema declaration (no ad-hoc dicts).

Nodes are keyed ``"<key space>:<id>"`` (see :func:`interop.schema.graph.node_id`) and
carry ``label`` (their kind), ``labels`` and every property of their record. Edges are
keyed by relationship type (plus the row key for row relationships such as flows) and
carry ``type`` and their properties.

The graph also holds, in ``graph.graph["frames"]``, a columnar view of every node kind's
properties built from the same records (:mod:`interop.graph.frames`; read it with
:func:`interop.graph.frames.node_frame`). Cameras (a kind with ``in_graph=False``) are
only there: no camera nodes and no OWNS / DEPLOYED_ON / PART_OF edges from cameras; their
owner, network and system are columns of their frame. :func:`interop.graph.with_cameras`
gives a copy of the graph with them as nodes and edges, for whoever wants to walk them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from interop.bulk import no_cycle_collection
from interop.graph.frames import (
    FRAMES_KEY,
    GraphFrames,
    NodeFrame,
    frame_from_columns,
    frame_from_records,
)
from interop.inventory.model import Inventory
from interop.schema.graph import (
    NODE_KINDS,
    OFF_GRAPH_TABLES,
    REL_KINDS,
    node_id,
    properties,
    relationship_rows,
)


def build_graph(inventory: Inventory) -> nx.MultiDiGraph:
    """The inventory as a graph. The graph is a copy: analysis never changes the inventory.

    Built without the cyclic garbage collector (:func:`no_cycle_collection`): a node and
    an edge are a few dicts each, in no cycle, and its passes walked every one already
    made (a third of the national city's graph step)."""
    with no_cycle_collection():
        return _build(inventory)


def _build(inventory: Inventory) -> nx.MultiDiGraph:
    # ``collected``: the declared columns each present table's header had (the load
    # report's), so the rules know which version-2 checks they can make from the graph alone.
    graph = nx.MultiDiGraph(source=inventory.source, collected=dict(inventory.report.columns))
    frames: dict[str, NodeFrame] = {}
    in_graph = 0
    for kind in NODE_KINDS:
        if not kind.in_graph:  # cameras: a frame, no node per row
            frames[kind.label] = frame_from_columns(kind, inventory.table_columns(kind.table))
            continue
        frames[kind.label] = frame_from_records(kind, inventory.records(kind.table))
        in_graph += frames[kind.label].rows
        label, labels, space, key = kind.label, kind.labels, kind.key_space, kind.key
        add_nodes(
            graph,
            (
                (
                    node_id(space, getattr(record, key)),
                    {"label": label, "labels": labels, **properties(record)},
                )
                for record in inventory.records(kind.table)
            ),
        )
    for rel in REL_KINDS:
        if rel.table in OFF_GRAPH_TABLES:  # a camera's owner, network, system: in its frame
            continue
        kind_type, start_space, end_space = rel.type, rel.start_space, rel.end_space
        add_edges(
            graph,
            (
                (
                    node_id(start_space, row.start),
                    node_id(end_space, row.end),
                    f"{kind_type}:{row.key}" if row.key else kind_type,
                    {"type": kind_type, **row.properties},
                )
                for row in relationship_rows(rel, inventory.records(rel.table))
            ),
        )
    # If ids collided or an edge reached an unknown node, the frames of the graph's own
    # kinds are not its nodes: node_frame reads the nodes then (the cameras' frame stays).
    consistent = in_graph == graph.number_of_nodes()
    graph.graph[FRAMES_KEY] = GraphFrames(graph if consistent else None, frames)
    return graph


def add_nodes(graph: nx.MultiDiGraph, nodes: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """``graph.add_node(node, **attributes)`` for each of ``nodes``, in order, with the same
    result (a node already there has its attributes updated), without networkx's work per
    call (its cache cleared once, not per node): each ``attributes`` dict becomes the
    node's own, so it must be a new dict."""
    node, succ, pred = graph._node, graph._succ, graph._pred
    for name, attributes in nodes:
        if name in succ:
            node[name].update(attributes)
        else:
            succ[name], pred[name], node[name] = {}, {}, attributes
    nx._clear_cache(graph)


def add_edges(
    graph: nx.MultiDiGraph, edges: Iterable[tuple[str, str, str, dict[str, Any]]]
) -> None:
    """``graph.add_edge(u, v, key=key, **attributes)`` for each ``(u, v, key, attributes)``
    of ``edges``, in order, with the same result (missing end nodes added bare, an edge
    already there updated), without networkx's work per call: each ``attributes`` dict
    becomes the edge's own, so it must be a new dict. A national city's 384,509 edges in
    0.8 s instead of 1.5 s (``tests/graph/test_build.py`` holds both to the same graph)."""
    node, succ, pred = graph._node, graph._succ, graph._pred
    for u, v, key, attributes in edges:
        for end in (u, v):
            if end not in succ:
                succ[end], pred[end], node[end] = {}, {}, {}
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        if key in keys:
            keys[key].update(attributes)
        else:
            keys[key] = attributes
    nx._clear_cache(graph)
