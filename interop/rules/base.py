"""What a rule is: data (id, area, severity, title, parameters, help text, wording,
Cypher twin) plus a check.

Modeled on jQAssistant's rules-as-data. Each rule lives in its own module under
:mod:`interop.rules` and defines one module-level ``RULE``. A finding is made in one place,
:meth:`Rule.make_finding`, from its subjects and evidence alone: the Python check calls it
with the evidence it read from the graph, the Neo4j engine with the columns of the rule's
Cypher twin, so both engines word findings the same way. Its title, help and wording are
:class:`~interop.i18n.Bilingual`: Chinese and English, both required.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

import networkx as nx

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters

Evidence = dict[str, Any]
T = TypeVar("T")


class Wording(NamedTuple):
    """The words of one finding, in one language."""

    title: str
    detail: str
    recommendation: str


Word = Callable[[Evidence, Parameters], Wording]
"""Words a finding from its evidence (and the thresholds of ``parameters``)."""


@dataclass(frozen=True)
class RuleHelp:
    """What an auditor reads about a rule, in one language: how it decides, what it shows,
    what to do (a rule declares it in both, ``Bilingual[RuleHelp]``)."""

    criteria: str
    evidence: str
    recommendation: str


@dataclass(frozen=True)
class Check:
    """One named check of a version-2 rule and the version-2 columns it reads.

    A check whose columns the inventory did not collect is not made, for anyone; the
    analysis lists it under ``not_checked`` (findings-format.md, "Rules added in version 2").
    """

    name: str
    columns: tuple[tuple[str, str], ...] = ()
    """``(table, column)`` of every version-2 column the check reads."""

    def missing(self, collected: Mapping[str, Sequence[str]] | None) -> list[str]:
        """The columns the check reads that were not collected (None: all were)."""
        if collected is None:
            return []
        return [column for table, column in self.columns if column not in collected.get(table, ())]


@dataclass(frozen=True)
class AuditContext:
    """What every check receives: the loaded graph (read-only) and the parameters; and,
    through :meth:`shared`, what several rules work out from the graph alike."""

    graph: nx.MultiDiGraph
    parameters: Parameters
    _unmade: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    _shared: dict[Callable[[nx.MultiDiGraph], Any], Any] = field(
        default_factory=dict, compare=False, repr=False
    )

    prepared: Mapping[str, Callable[[], Any]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """What a copy of the process worked out for a check before the rules ran, by name, each
    given by a call that waits for it (:mod:`interop.prepare`): the check
    takes it (:meth:`prepared_value`) where it fits the graph and the parameters, and works
    it out itself otherwise. Empty by default: every check works out what it needs."""

    def prepared_value(self, name: str) -> Any:
        """The value prepared under ``name`` (:attr:`prepared`), or None."""
        supplier = self.prepared.get(name)
        return None if supplier is None else supplier()

    def shared(self, view: Callable[[nx.MultiDiGraph], T]) -> T:
        """``view(graph)``, worked out by the first rule that asks and kept for the others
        of the run (the rules only read the graph, so it cannot change in between): the live
        systems, the active flows, the flow digraphs are each one walk over 100,000 systems
        at national scale. Whatever it returns is shared: no rule may change it."""
        if view not in self._shared:
            self._shared[view] = view(self.graph)
        return self._shared[view]  # type: ignore[no-any-return]

    @property
    def collected(self) -> Mapping[str, Sequence[str]] | None:
        """The columns each table's header had (``graph.graph["collected"]``, set by
        :func:`interop.graph.build_graph`); None for a graph that does not say (then every
        column counts as collected)."""
        return self.graph.graph.get("collected")

    def unmade(self, rule: Rule) -> frozenset[str]:
        """The names of ``rule``'s checks that cannot be made on this inventory (worked out
        once per rule: it is asked for every finding)."""
        if rule.id not in self._unmade:
            self._unmade[rule.id] = unmade_checks(rule, self.collected)
        return self._unmade[rule.id]


def unmade_checks(rule: Rule, collected: Mapping[str, Sequence[str]] | None) -> frozenset[str]:
    """The names of ``rule``'s checks that read a column the inventory did not collect."""
    return frozenset(check.name for check in rule.checks if check.missing(collected))


def without_unmade(evidence: Evidence, unmade: frozenset[str]) -> Evidence | None:
    """``evidence`` with only the failed checks that were made (``evidence["checks"]``); None
    when none is left (then there is no finding)."""
    if not unmade or "checks" not in evidence:
        return evidence
    checks = [c for c in evidence["checks"] if c["check"] not in unmade]
    return {**evidence, "checks": checks} if checks else None


TWIN_COLUMNS = ("subjects", "severity")
"""The columns every Cypher twin returns beside the evidence columns."""

Run = Callable[[AuditContext], list[Finding]]
RowsToFindings = Callable[[Sequence[Mapping[str, Any]], Parameters], list[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    area: int
    severity: Severity
    """Default severity (a finding may say otherwise, e.g. provincial.missing_link)."""
    title: Text
    """The rule's short name, the one place it is held: the report, the spreadsheets, the
    charts and docs/rules.md show it (:func:`interop.wording.rule_name`)."""
    parameters: tuple[str, ...]
    """Names of the :class:`Parameters` fields the rule reads."""
    help: Bilingual[RuleHelp]
    """Criteria, evidence and recommendation, shown by the report in its language."""
    check: Run
    wording: Bilingual[Word] | None = None
    """The finding's words in each language, from its evidence alone (None for a rule that
    words its findings itself, as camera.duplicate_site does for a site)."""
    complete: Callable[[Evidence, Parameters], Evidence] | None = None
    """Completes evidence that a Cypher twin leaves partly unsaid (a missing chain as a
    note, idle reasons in words); the identity for evidence that is already complete."""
    severity_of: Callable[[Evidence], Severity] | None = None
    """The severity a finding's evidence gives it, when not the rule's default."""
    checks: tuple[Check, ...] = ()
    """The named checks of a version-2 rule (empty for the twelve rules of version 1)."""
    from_rows: RowsToFindings | None = None
    """Findings from the twin's rows when a row is not one finding (camera pairs → sites)."""

    @property
    def cypher(self) -> str:
        """The Cypher twin, relative to the cypher/ folder."""
        return f"rules/{self.id}.cypher"

    def make_finding(
        self,
        subjects: Sequence[str],
        evidence: Evidence,
        parameters: Parameters,
        severity: Severity | None = None,
    ) -> Finding:
        """The finding about ``subjects``, worded from ``evidence`` alone in
        ``parameters.lang``; its severity is ``severity`` when given, else what the
        evidence says (:attr:`severity_of`), else the rule's default.

        ``subjects`` are kept in the order given: each rule decides it (sorted for all but
        the ordered rules, whose order the contract fixes).
        """
        if self.complete is not None:
            evidence = self.complete(evidence, parameters)
        if severity is None:
            severity = self.severity_of(evidence) if self.severity_of else self.severity
        if self.wording is None:
            raise TypeError(f"{self.id} declares no wording: it makes its findings itself")
        words = self.wording[parameters.lang](evidence, parameters)
        return Finding(
            rule=self.id,
            area=self.area,
            severity=severity,
            subjects=list(subjects),
            evidence=evidence,
            **words._asdict(),
        )

    def findings_from_rows(
        self,
        rows: Sequence[Mapping[str, Any]],
        parameters: Parameters,
        unmade: frozenset[str] = frozenset(),
    ) -> list[Finding]:
        """The findings of the Cypher twin's ``rows``: one per row (``subjects``,
        ``severity`` and the evidence columns — every other column), unless the rule says
        otherwise (:attr:`from_rows`). Failed checks named in ``unmade`` (checks the
        inventory's columns do not allow) are left out; a row left with no failed check is
        no finding, and a version-2 finding's severity is what its remaining checks say."""
        if self.from_rows is not None:
            return self.from_rows(rows, parameters)
        out = []
        for row in rows:
            evidence = without_unmade(
                {k: v for k, v in row.items() if k not in TWIN_COLUMNS}, unmade
            )
            if evidence is None:
                continue
            severity = None if self.checks and self.severity_of else Severity(row["severity"])
            out.append(self.make_finding(list(row["subjects"]), evidence, parameters, severity))
        return out
