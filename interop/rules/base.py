"""What a rule is: data (id, area, severity, parameters, help text, Cypher twin) plus a check.

Modeled on jQAssistant's rules-as-data. Each rule lives in its own module under
:mod:`interop.rules` and defines one module-level ``RULE``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from interop.findings.model import Finding, Severity
from interop.parameters import Parameters


@dataclass(frozen=True)
class RuleHelp:
    """What an auditor reads about a rule: how it decides, what it shows, what to do."""

    criteria: str
    evidence: str
    recommendation: str


@dataclass(frozen=True)
class AuditContext:
    """What every check receives: the loaded graph (read-only) and the parameters."""

    graph: nx.MultiDiGraph
    parameters: Parameters


Check = Callable[[AuditContext], list[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    area: int
    severity: Severity
    """Default severity (a finding may say otherwise, e.g. provincial.missing_link)."""
    title: str
    parameters: tuple[str, ...]
    """Names of the :class:`Parameters` fields the rule reads."""
    help: RuleHelp
    check: Check
    help_zh: RuleHelp | None = None
    """The help text in Chinese (the report shows it in a Chinese report)."""

    def help_in(self, lang: str) -> RuleHelp:
        """The help text in ``lang`` (``zh`` or ``en``; English when no Chinese is given)."""
        return self.help_zh if lang == "zh" and self.help_zh is not None else self.help

    @property
    def cypher(self) -> str:
        """The Cypher twin, relative to the cypher/ folder."""
        return f"rules/{self.id}.cypher"
