"""The embedded store: the validated inventory as a networkx MultiDiGraph, plus a columnar
view of its nodes' properties (:func:`node_frame`)."""

from interop.graph.build import build_graph
from interop.graph.frames import NodeFrame, node_frame

__all__ = ["NodeFrame", "build_graph", "node_frame"]
