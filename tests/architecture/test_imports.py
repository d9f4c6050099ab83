"""interop's parts import each other in one direction: no cycle between subpackages.

The graph is read from the source (every ``import``, also those inside functions), at the
level of interop's top-level modules and subpackages (``report``, ``viz``, ``rules``…).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[2] / "interop"


def _part(module: str) -> str:
    """``interop.report.render`` -> ``report``; ``interop.outputs`` -> ``outputs``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "interop"


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def _part_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(("interop", *path.relative_to(PACKAGE).with_suffix("").parts))
        here = _part(module.removesuffix(".__init__"))
        for name in _imports(path):
            if name.startswith("interop.") and _part(name) != here:
                graph.add_edge(here, _part(name), where=path.relative_to(PACKAGE.parent))
    return graph


def test_no_cycle_between_interop_parts() -> None:
    graph = _part_graph()
    cycles = [
        " -> ".join(
            f"{a} ({graph.edges[a, b]['where']})" for a, b in zip(c, [*c[1:], c[0]], strict=True)
        )
        for c in nx.simple_cycles(graph)
    ]
    assert cycles == []


def test_report_and_pages_do_not_write_each_other() -> None:
    graph = _part_graph()
    assert not graph.has_edge("report", "viz")
    assert not graph.has_edge("report", "outputs") and not graph.has_edge("viz", "outputs")
    assert graph.has_edge("outputs", "report") and graph.has_edge("outputs", "viz")


def test_the_graph_sees_the_known_parts() -> None:
    """The test would pass vacuously if the source were not read."""
    graph = _part_graph()
    assert {"report", "viz", "rules", "graph", "wording", "escape"} <= set(graph.nodes)
