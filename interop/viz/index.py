"""Findings looked up by graph node: which findings name a node, and how severe they are."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx
import pandas as pd

from interop.findings.model import FindingsDocument
from interop.graph import node_frame
from interop.report.catalog import Entry, catalog
from interop.schema.graph import node_id
from interop.wording import SEVERITY_ORDER

SUBJECT_SPACES: dict[str, tuple[str, ...]] = {
    "sharing": ("Department",),
    "network": ("Endpoint", "Network"),
    "camera": ("Camera",),
}
"""Key spaces a rule family's subjects live in (others: systems and platforms)."""

ALL_SPACES = ("Endpoint", "Department", "Network", "Camera")


def worst(severities: Iterable[str]) -> str | None:
    """The highest of ``severities`` (None when there is none)."""
    present = set(severities)
    ranked = [s for s in SEVERITY_ORDER if s in present]
    return ranked[0] if ranked else None


class FindingIndex:
    """The document's findings, numbered (as in the report), by the graph nodes they name."""

    def __init__(
        self,
        document: FindingsDocument,
        graph: nx.MultiDiGraph,
        entries: Sequence[Entry] | None = None,
    ) -> None:
        """``entries``: the document's :func:`~interop.report.catalog.catalog`, when the
        caller has it already (one numbering serves every output)."""
        self.graph = graph
        self.entries: list[Entry] = catalog(document) if entries is None else list(entries)
        self.by_node: dict[str, list[Entry]] = {}
        self.tooltip_cache: dict[tuple[str, bool], list[str]] = {}
        """Worded findings for tooltips, by number (one index serves one language)."""
        self.nodes_of: dict[str, list[str]] = {}
        self._cameras: pd.Index | None = None
        self._spaces: dict[str, tuple[str, ...]] = {}
        self._by_rule: dict[str, list[int]] | None = None
        for entry in self.entries:
            nodes = [
                n for s in entry.finding.subjects if (n := self.resolve(entry.finding.rule, s))
            ]
            self.nodes_of[entry.fid] = nodes
            for node in nodes:
                self.by_node.setdefault(node, []).append(entry)

    def resolve(self, rule: str, subject: str) -> str | None:
        """The graph node a subject id names (None when the graph has no such node)."""
        spaces = self._spaces.get(rule)
        if spaces is None:  # the key spaces to try, in order, worked out once per rule
            family = SUBJECT_SPACES.get(rule.split(".", 1)[0], ("Endpoint",))
            spaces = self._spaces[rule] = tuple(dict.fromkeys((*family, *ALL_SPACES)))
        for space in spaces:
            node = node_id(space, subject)
            if node in self.graph or (space == "Camera" and node in self.cameras):
                return node
        return None

    @property
    def cameras(self) -> pd.Index:
        """The camera nodes (cameras are no graph nodes: their frame's), hashed once."""
        if self._cameras is None:
            self._cameras = node_frame(self.graph, "Camera").index
        return self._cameras

    def of_rule(self, *rules: str) -> list[Entry]:
        """The entries of ``rules``, in catalog order (positions by rule, found once: the
        pages ask a dozen times, and a national catalog has 200,000 entries)."""
        if self._by_rule is None:
            self._by_rule = {}
            for at, entry in enumerate(self.entries):
                self._by_rule.setdefault(entry.finding.rule, []).append(at)
        found = sorted(at for rule in set(rules) for at in self._by_rule.get(rule, ()))
        return [self.entries[at] for at in found]

    def entries_of(self, node: str) -> list[Entry]:
        return self.by_node.get(node, [])

    def severity_of(self, node: str, rules: Iterable[str] | None = None) -> str | None:
        """The highest severity of the findings naming ``node`` (only ``rules`` if given)."""
        wanted = set(rules) if rules is not None else None
        return worst(
            str(e.finding.severity)
            for e in self.entries_of(node)
            if wanted is None or e.finding.rule in wanted
        )
