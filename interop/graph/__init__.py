"""The embedded store: the validated inventory as a networkx MultiDiGraph."""

from interop.graph.build import build_graph

__all__ = ["build_graph"]
