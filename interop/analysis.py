"""Run the rules over the embedded graph and assemble findings.json.

``run_rules`` checks a graph; ``analyze`` goes from a validated inventory to the whole
:class:`FindingsDocument`. ``build_document`` is the assembly step alone, for an engine that
produces its findings elsewhere (the Cypher twins in Neo4j).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import networkx as nx

from interop.bulk import no_cycle_collection
from interop.findings.model import Finding, FindingsDocument, LoadSection, NotChecked, Summary
from interop.findings.origins import subject_origins
from interop.graph import build_graph
from interop.inventory.model import Inventory
from interop.parameters import Parameters
from interop.rules import RULES
from interop.rules.base import AuditContext, Rule

ENGINE = "networkx"

Progress = Callable[[Rule, int, int], None]
"""Called after each rule: ``progress(rule, rules_done, rules_total)``."""

SUMMARY_TABLES = ("departments", "systems", "platforms", "networks", "cameras", "flows")

_CONTRACT_ORDER = {rule.id: index for index, rule in enumerate(RULES)}


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the contract's rule order, then by their subjects (as given)."""
    return sorted(
        findings,
        key=lambda f: (_CONTRACT_ORDER.get(f.rule, len(_CONTRACT_ORDER)), f.rule, f.subjects),
    )


def run_rules(
    graph: nx.MultiDiGraph,
    parameters: Parameters,
    rules: Sequence[Rule] = RULES,
    progress: Progress | None = None,
) -> list[Finding]:
    """Every finding of ``rules`` on ``graph``, sorted (see :func:`sort_findings`).

    The rules only read the graph. They share one :class:`AuditContext`, so what several
    of them work out from the graph is worked out once (:meth:`AuditContext.shared`). They
    run without the cyclic garbage collector (:func:`no_cycle_collection`): they make
    findings by the hundred thousand and no cycles, and each of its full passes walked the
    whole inventory and graph again (seconds of the national city's rules).
    """
    context = AuditContext(graph=graph, parameters=parameters)
    findings: list[Finding] = []
    with no_cycle_collection():
        for done, rule in enumerate(rules, start=1):
            findings.extend(rule.check(context))
            if progress is not None:
                progress(rule, done, len(rules))
        return sort_findings(findings)


def summarize(
    inventory: Inventory, findings: Sequence[Finding], rules: Sequence[Rule] = RULES
) -> Summary:
    """Loaded rows per table, and the number of findings of every rule run (0 included)."""
    counts = inventory.counts()
    by_rule = {rule.id: 0 for rule in rules}
    for finding in findings:
        by_rule[finding.rule] = by_rule.get(finding.rule, 0) + 1
    return Summary(**{table: counts[table] for table in SUMMARY_TABLES}, findings_by_rule=by_rule)


def not_checked(
    rules: Sequence[Rule], collected: Mapping[str, Sequence[str]] | None
) -> list[NotChecked]:
    """The checks of ``rules`` that read a column the inventory did not collect, with the
    columns missing (findings-format.md, ``not_checked``), in rule and check order."""
    return [
        NotChecked(rule=rule.id, check=check.name, missing_columns=missing)
        for rule in rules
        for check in rule.checks
        if (missing := check.missing(collected))
    ]


def build_document(
    inventory: Inventory,
    parameters: Parameters,
    findings: Sequence[Finding],
    engine: str,
    rules: Sequence[Rule] = RULES,
) -> FindingsDocument:
    """findings.json for ``findings`` of ``rules`` on ``inventory``, found by ``engine``."""
    ordered = sort_findings(findings)
    return FindingsDocument(
        as_of=parameters.as_of,
        parameters=parameters.as_json(engine),
        load=LoadSection.from_report(inventory.report),
        not_checked=not_checked(rules, inventory.report.columns),
        summary=summarize(inventory, ordered, rules),
        findings=ordered,
        origins=subject_origins(inventory, ordered),
    )


def analyze(
    inventory: Inventory,
    parameters: Parameters,
    engine: str = ENGINE,
    *,
    rules: Sequence[Rule] = RULES,
    progress: Progress | None = None,
    graph: nx.MultiDiGraph | None = None,
) -> FindingsDocument:
    """Build the embedded graph of ``inventory``, run ``rules`` on it, and return findings.json.

    ``graph``: the graph :func:`build_graph` already made of ``inventory`` (a command that
    also writes outputs from it builds it once). Only the ``networkx`` engine runs here; a
    ValueError names any other.
    """
    if engine != ENGINE:
        raise ValueError(f"unknown engine {engine!r}: analyze() runs the {ENGINE!r} engine")
    if graph is None:
        graph = build_graph(inventory)
    findings = run_rules(graph, parameters, rules, progress)
    return build_document(inventory, parameters, findings, engine, rules)
