"""Camera nodes on demand: the embedded graph keeps cameras in a frame, not as nodes.

:func:`interop.graph.build_graph` holds a city's cameras (hundreds of thousands) only in
their columnar frame (``node_frame(graph, "Camera")``). A notebook that wants to walk them
as nodes — a camera's network, its owner — asks :func:`with_cameras` for a copy of the graph
with every camera as a node and its OWNS / DEPLOYED_ON / PART_OF edges, exactly as
``build_graph`` added them before cameras left the graph.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from interop.graph.frames import (
    FRAMES_KEY,
    NOT_PROPERTIES,
    GraphFrames,
    NodeFrame,
    any_node_labelled,
    frame_from_nodes,
    node_frame,
)
from interop.inventory.vectors import COUNT, field_specs
from interop.schema.graph import (
    NODE_KIND_BY_LABEL,
    NODE_KINDS,
    REL_KINDS,
    SELF,
    NodeKind,
    RelKind,
    node_id,
)


def _value(value: Any, whole: bool) -> Any:
    """A frame entry as a node attribute: None for unknown (NaN, NaT, empty tuple)."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if whole else value
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        return value.astype(datetime.date)
    if isinstance(value, tuple):
        return list(value) if value else None
    return value


def _row_relationships(table: str) -> Iterator[tuple[RelKind, str, str, bool]]:
    """The relationships a row of ``table`` declares, each with the column naming the other
    end, that end's key space, and whether the row's own node is the start (DEPLOYED_ON)."""
    for rel in REL_KINDS:
        if rel.table != table:
            continue
        outgoing = rel.start == SELF
        field, space = (rel.end, rel.end_space) if outgoing else (rel.start, rel.start_space)
        yield rel, field, space, outgoing


def with_cameras(graph: nx.MultiDiGraph, only: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """A copy of ``graph`` with every node of a kind kept off the graph (cameras) added as
    nodes, with the relationships their rows declare. ``graph`` itself is not changed.

    ``only``: add just these nodes (camera node ids, ``Camera:<id>``), e.g. the cameras of
    a finding. A million cameras make a million nodes and three million edges, a few GB of
    networkx objects: filter the frame first (``node_frame(graph, "Camera").to_pandas()``)
    when only some are wanted.
    """
    out = graph.copy()
    wanted = None if only is None else pd.Index(list(only))
    for kind in NODE_KINDS:
        if kind.in_graph or any_node_labelled(graph, kind.label):
            continue
        frame = node_frame(graph, kind.label)
        if wanted is None:
            rows = np.arange(frame.rows)
        else:
            at = frame.index.get_indexer(wanted)
            rows = np.unique(at[at >= 0])  # in load order
        for node, attrs in zip(
            frame.nodes[rows].tolist(), _records(kind, frame, rows), strict=True
        ):
            out.add_node(node, **attrs)
        own = [node_id(kind.key_space, key) for key in frame[kind.key][rows].tolist()]
        for rel, field, space, outgoing in _row_relationships(kind.table):
            for mine, other in zip(own, frame[field][rows].tolist(), strict=True):
                if other is None:
                    continue
                theirs = node_id(space, other)
                start, end = (mine, theirs) if outgoing else (theirs, mine)
                out.add_edge(start, end, key=rel.type, type=rel.type)
    return out


def _records(kind: NodeKind, frame: NodeFrame, rows: np.ndarray) -> list[dict[str, Any]]:
    """The node attributes of the frame's ``rows``: label, labels, every known property."""
    whole = {s.name for s in field_specs(kind.source.model) if s.kind == COUNT}
    names = [n for n in frame if n not in NOT_PROPERTIES]
    columns = [frame[n][rows].tolist() if frame[n].dtype != "datetime64[D]"
               else list(frame[n][rows]) for n in names]  # fmt: skip
    wholes = [name in whole for name in names]
    out = []
    for k in range(len(rows)):
        attrs = {"label": kind.label, "labels": kind.labels}
        for name, column, counts in zip(names, columns, wholes, strict=True):
            value = _value(column[k], counts)
            if value is not None:
                attrs[name] = value
        out.append(attrs)
    return out


def node_records(graph: nx.MultiDiGraph, label: str, rows: np.ndarray) -> list[dict[str, Any]]:
    """The attributes :func:`with_cameras` gives the nodes at ``rows`` of the frame of
    ``label`` (a kind kept off the graph: ``Camera``), without a copy of the graph to put
    them in (a page words a few thousand cameras' tooltips from these)."""
    return _records(NODE_KIND_BY_LABEL[label], node_frame(graph, label), rows)


def cameras_around(graph: nx.MultiDiGraph, cameras: Iterable[str]) -> nx.MultiDiGraph:
    """A small graph: the cameras ``cameras`` (node ids) as nodes, with their edges and the
    nodes their rows point to (owner, network, video system) as ``graph`` holds them, and
    nothing else. For pages and notebooks that need a few cameras as nodes: copying a
    national city's graph (220,000 nodes) to add 40 cameras took seconds each time.
    ``graph`` itself is not changed."""
    wanted = pd.Index(list(cameras))
    ends: set[str] = set()
    for kind in NODE_KINDS:
        if kind.in_graph or any_node_labelled(graph, kind.label):
            continue
        frame = node_frame(graph, kind.label)
        at = frame.index.get_indexer(wanted)
        rows = np.unique(at[at >= 0])
        for _, field, space, _ in _row_relationships(kind.table):
            ends.update(node_id(space, v) for v in frame[field][rows].tolist() if v is not None)
    around = graph.subgraph(node for node in ends if node in graph).copy()
    return with_cameras(around, only=wanted)


def off_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``graph`` (built by hand or read back from Neo4j, with camera nodes) in the embedded
    graph's shape: the nodes of every kind kept off the graph moved into their frame, with
    the edges they had. Changes ``graph`` in place and returns it."""
    frames = {}
    for kind in NODE_KINDS:
        if kind.in_graph or not any_node_labelled(graph, kind.label):
            continue
        frames[kind.label] = frame_from_nodes(graph, kind.label)
        graph.remove_nodes_from(frames[kind.label].nodes.tolist())
    if frames:
        graph.graph[FRAMES_KEY] = GraphFrames(None, frames)
    return graph
