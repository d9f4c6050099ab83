"""The embedded store: the validated inventory as a networkx MultiDiGraph, plus a columnar
view of its nodes' properties (:func:`node_frame`). Cameras are only in their frame;
:func:`with_cameras` gives a copy of the graph with them as nodes, :func:`cameras_around`
a small graph of some cameras and the nodes they point to."""

from interop.graph.build import build_graph
from interop.graph.cameras import cameras_around, node_records, with_cameras
from interop.graph.frames import NodeFrame, node_frame

__all__ = [
    "NodeFrame",
    "build_graph",
    "cameras_around",
    "node_frame",
    "node_records",
    "with_cameras",
]
