"""Read one dataset back from Neo4j as the embedded graph (for outputs made from Neo4j).

The result has the shape :func:`interop.graph.build_graph` gives — the same node ids
(``<key space>:<id>``), ``label``/``labels``, properties and edge keys — so the graph
pages and reports work the same whichever store the facts come from. The loader's own
stamps (dataset, run tags, ``location``) are left out.
"""

from __future__ import annotations

from typing import Any

import neo4j
import networkx as nx
from neo4j.time import Date, DateTime

from interop.graph.cameras import off_graph
from interop.neo4j.collected import read_collected
from interop.neo4j.statements import NODE_STAMPS, REL_DATASET, REL_KEY, REL_STAMPS, quote
from interop.schema.graph import KEY_SPACES, NODE_KIND_BY_LABEL, NODE_KINDS, node_id

_NODES = (
    "MATCH (n:{space}) WHERE n.dataset = $dataset "
    "RETURN labels(n) AS labels, properties(n) AS props"
)
_RELS = (
    "MATCH (a:{space})-[r]->(b) WHERE a.dataset = $dataset AND r.{rel_dataset} = $dataset "
    "RETURN type(r) AS type, properties(r) AS props, a.id AS a, labels(b) AS b_labels, "
    "b.id AS b"
)


def _plain(value: Any) -> Any:
    if isinstance(value, Date | DateTime):
        return value.to_native()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _space_of(labels: list[str]) -> str:
    return next(label for label in labels if label in KEY_SPACES)


def _kind_label(labels: list[str]) -> str:
    return next(label for label in labels if label in NODE_KIND_BY_LABEL)


def graph_from_neo4j(
    driver: neo4j.Driver, dataset: str = "default", database: str | None = None
) -> nx.MultiDiGraph:
    """Dataset ``dataset`` as a networkx MultiDiGraph shaped like ``build_graph``'s (with the
    columns its inventory collected, when the dataset remembers them; cameras in their
    frame, not as nodes)."""
    graph = nx.MultiDiGraph(source=f"neo4j dataset {dataset}")
    collected = read_collected(driver, dataset, database)
    if collected is not None:
        graph.graph["collected"] = collected
    read = neo4j.RoutingControl.READ
    nodes: dict[str, tuple[str, dict[str, Any]]] = {}
    for space in KEY_SPACES:
        records, _, _ = driver.execute_query(
            _NODES.format(space=quote(space)), {"dataset": dataset},
            database_=database, routing_=read,
        )  # fmt: skip
        for record in records:
            label = _kind_label(record["labels"])
            props = {k: _plain(v) for k, v in record["props"].items() if k not in NODE_STAMPS}
            nodes[node_id(space, props["id"])] = (label, props)
    order = {kind.label: rank for rank, kind in enumerate(NODE_KINDS)}
    for key in sorted(nodes, key=lambda k: (order[nodes[k][0]], k)):
        label, props = nodes[key]
        graph.add_node(key, label=label, labels=NODE_KIND_BY_LABEL[label].labels, **props)
    for space in KEY_SPACES:
        records, _, _ = driver.execute_query(
            _RELS.format(space=quote(space), rel_dataset=REL_DATASET), {"dataset": dataset},
            database_=database, routing_=read,
        )  # fmt: skip
        for record in records:
            props = {k: _plain(v) for k, v in record["props"].items() if k not in REL_STAMPS}
            row_key = record["props"].get(REL_KEY)
            edge_key = f"{record['type']}:{row_key}" if row_key else record["type"]
            start = node_id(space, record["a"])
            end = node_id(_space_of(record["b_labels"]), record["b"])
            graph.add_edge(start, end, key=edge_key, type=record["type"], **props)
    return off_graph(graph)  # cameras into their frame, as build_graph holds them
