"""What a graph page holds before it becomes HTML: nodes, edges, notes, findings shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from interop.report.catalog import Entry


@dataclass
class VizNode:
    """One node as drawn: its kind selects the style; ``title`` is its plain-text tooltip."""

    id: str
    kind: str
    label: str
    title: str
    x: float = 0.0
    y: float = 0.0
    severity: str | None = None
    color: str | None = None
    size: float | None = None


@dataclass
class VizEdge:
    source: str
    target: str
    kind: str
    title: str = ""
    label: str | None = None
    width: float | None = None


@dataclass
class Legend:
    """What the legend explains: node kinds (with colour overrides) and edge kinds."""

    node_kinds: list[str] = field(default_factory=list)
    edge_kinds: list[str] = field(default_factory=list)
    swatches: list[tuple[str, str]] = field(default_factory=list)
    """Extra coloured entries (label, colour), e.g. camera owners."""
    severities: bool = True


@dataclass
class Page:
    """One graph page: file name, title, what it shows and why, and its content."""

    file: str
    title: str
    intro: str
    notes: list[str] = field(default_factory=list)
    nodes: list[VizNode] = field(default_factory=list)
    edges: list[VizEdge] = field(default_factory=list)
    findings: list[Entry] = field(default_factory=list)
    findings_open: bool = True
    """Whether the findings table under the graph starts unfolded."""
    legend: Legend = field(default_factory=Legend)
    meta: dict[str, Any] = field(default_factory=dict)
    """Extra figures written into the page's data island (totals, caps)."""

    def node_ids(self) -> set[str]:
        return {n.id for n in self.nodes}

    def kinds(self) -> list[str]:
        return list(dict.fromkeys(n.kind for n in self.nodes))

    def edge_kinds(self) -> list[str]:
        return list(dict.fromkeys(e.kind for e in self.edges))
