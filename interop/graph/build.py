"""Build the embedded graph from the schema declaration (no ad-hoc dicts).

Nodes are keyed ``"<key space>:<id>"`` (see :func:`interop.schema.graph.node_id`) and
carry ``label`` (their kind), ``labels`` and every property of their record. Edges are
keyed by relationship type (plus the row key for row relationships such as flows) and
carry ``type`` and their properties.
"""

from __future__ import annotations

import networkx as nx

from interop.inventory.model import Inventory
from interop.schema.graph import NODE_KINDS, REL_KINDS, node_id, properties, relationship_rows


def build_graph(inventory: Inventory) -> nx.MultiDiGraph:
    """The inventory as a graph. The graph is a copy: analysis never changes the inventory."""
    graph = nx.MultiDiGraph(source=inventory.source)
    for kind in NODE_KINDS:
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
    return graph
