"""Build the embedded graph from the schema declaration (no ad-hoc dicts).

Nodes are keyed ``"<key space>:<id>"`` (see :func:`interop.schema.graph.node_id`) and
carry ``label`` (their kind), ``labels`` and every property of their record. Edges are
keyed by relationship type (plus the row key for row relationships such as flows) and
carry ``type`` and their properties.

The graph also holds, in ``graph.graph["frames"]``, a columnar view of every node kind's
properties built from the same records (:mod:`interop.graph.frames`; read it with
:func:`interop.graph.frames.node_frame`).
"""

from __future__ import annotations

import networkx as nx

from interop.graph.frames import FRAMES_KEY, GraphFrames, NodeFrame, frame_from_records
from interop.inventory.model import Inventory
from interop.schema.graph import NODE_KINDS, REL_KINDS, node_id, properties, relationship_rows


def build_graph(inventory: Inventory) -> nx.MultiDiGraph:
    """The inventory as a graph. The graph is a copy: analysis never changes the inventory."""
    # ``collected``: the declared columns each present table's header had (the load
    # report's), so the rules know which version-2 checks they can make from the graph alone.
    graph = nx.MultiDiGraph(source=inventory.source, collected=dict(inventory.report.columns))
    frames: dict[str, NodeFrame] = {}
    for kind in NODE_KINDS:
        frames[kind.label] = frame_from_records(kind, inventory.records(kind.table))
        for record in inventory.records(kind.table):
            key = getattr(record, kind.key)
            graph.add_node(
                node_id(kind.key_space, key),
                label=kind.label,
                labels=kind.labels,
                **properties(record),
            )
    for rel in REL_KINDS:
        for row in relationship_rows(rel, inventory.records(rel.table)):
            start = node_id(rel.start_space, row.start)
            end = node_id(rel.end_space, row.end)
            edge_key = f"{rel.type}:{row.key}" if row.key else rel.type
            graph.add_edge(start, end, key=edge_key, type=rel.type, **row.properties)
    if sum(frame.rows for frame in frames.values()) == graph.number_of_nodes():
        # else ids collided or an edge reached an unknown node: node_frame reads the nodes
        graph.graph[FRAMES_KEY] = GraphFrames(graph, frames)
    return graph
