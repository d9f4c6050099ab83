"""Run the rules over the embedded graph and assemble findings.json.

``run_rules`` checks a graph; ``analyze`` goes from a validated inventory to the whole
:class:`FindingsDocument`. ``build_document`` is the assembly step alone, for an engine that
produces its findings elsewhere (the Cypher twins in Neo4j).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

import networkx as nx

from interop import forked
from interop.bulk import no_cycle_collection
from interop.findings.model import Finding, FindingsDocument, LoadSection, NotChecked, Summary
from interop.findings.origins import subject_origins
from interop.graph import build_graph
from interop.inventory.model import Inventory
from interop.parameters import Parameters
from interop.prepare import Prepared
from interop.rules import RULES
from interop.rules.base import AuditContext, Rule
from interop.steps import StepRunner, record_beside, untimed

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
    *,
    beside: RulesBeside | None = None,
    prepared: Prepared | None = None,
    step: StepRunner = untimed,
) -> list[Finding]:
    """Every finding of ``rules`` on ``graph``, sorted (see :func:`sort_findings`).

    The rules only read the graph. They share one :class:`AuditContext`, so what several
    of them work out from the graph is worked out once (:meth:`AuditContext.shared`). They
    run without the cyclic garbage collector (:func:`no_cycle_collection`): they make
    findings by the hundred thousand and no cycles, and each of its full passes walked the
    whole inventory and graph again (seconds of the national city's rules).

    ``beside``: a copy of this process checking some of ``rules`` at the same time
    (:func:`check_beside`); their findings are taken from it at the end (its time and
    memory told to ``step``, as ``rules (beside)``). ``prepared``: what a copy worked out
    for the checks here meanwhile (:mod:`interop.prepare`), each taken by the check that
    needs it, the copy ended here in any case. The same findings either way.
    """
    if beside is None:
        here: Iterable[Rule] = rules
    else:
        away = {*beside.rules, *beside.either}
        here = itertools.chain((r for r in rules if r not in away), beside.taken())
    values = {} if prepared is None else prepared.suppliers(step)
    checked: list[Rule] = []
    try:
        findings = _check(graph, parameters, here, progress, len(rules), values, checked)
        if beside is not None:
            done = beside.running.join()
            taken, theirs = done.value
            findings.extend(theirs)
            record_beside(step, "rules", done)
            by_id = {rule.id: rule for rule in beside.either}
            there = [*beside.rules, *(by_id[name] for name in taken)]
            for count, rule in enumerate(there, start=len(checked) + 1):
                if progress is not None:
                    progress(rule, count, len(rules))
    finally:
        if beside is not None:
            beside.close()
        if prepared is not None:
            prepared.stop()
    with no_cycle_collection():
        return sort_findings(findings)


def _check(
    graph: nx.MultiDiGraph,
    parameters: Parameters,
    rules: Iterable[Rule],
    progress: Progress | None = None,
    total: int = 0,
    prepared: Mapping[str, Callable[[], object]] | None = None,
    checked: list[Rule] | None = None,
) -> list[Finding]:
    """The findings of ``rules`` in their order, unsorted (see :func:`run_rules`); each
    rule appended to ``checked`` once checked."""
    context = AuditContext(graph=graph, parameters=parameters, prepared=prepared or {})
    findings: list[Finding] = []
    with no_cycle_collection():
        for done, rule in enumerate(rules, start=1):
            findings.extend(rule.check(context))
            if checked is not None:
                checked.append(rule)
            if progress is not None:
                progress(rule, done, total)
    return findings


RULES_BESIDE = frozenset({"camera.gbid_invalid", "camera.gbid_conflict"})
"""The rules :func:`check_beside` gives a copy of this process, first: both GB/T 28181 id
rules, which take long and find little (the digits of every camera's id are then worked
out there alone; 0.7 s at a million cameras). Not the isolated private networks (their
evidence lists every camera they host: 36 MB, 1.5 s to send and read against 1.3 s to
check) nor the duplicate camera sites (21,000 sites, 34 MB, whose numeric core another
copy works out beforehand: :mod:`interop.prepare`)."""

RULES_EITHER = frozenset(
    {
        "provincial.missing_link",
        "provincial.city_platform_unlinked",
        "duplicate.homogeneous_systems",
        "sharing.non_provider",
        "sharing.point_to_point",
        "usage.idle",
        "usage.zombie_candidate",
        "usage.rebuilt_while_underused",
        "usage.low_utilization",
    }
)
"""The rules checked by whichever of this process and the copy of :func:`check_beside`
is done with its own rules first (:class:`interop.forked.Jobs`, one at a time in contract
order): rules whose findings are few or small to send back, and whose time, like which
process is done first, changes with the city (the provincial rules take 1.9 s at the
national city, 0.05 s at a million cameras). The flow digraphs
(:meth:`AuditContext.shared`), which only the provincial rules read, are worked out by the
process that takes them; the live systems and their deployments by each that needs
them."""


class RulesBeside(NamedTuple):
    """A forked copy of this process checking ``rules`` (:func:`check_beside`), then those
    of ``either`` it takes from ``jobs`` before this process does."""

    rules: tuple[Rule, ...]
    either: tuple[Rule, ...]
    jobs: forked.Jobs | None
    running: forked.Running[tuple[list[str], list[Finding]]]

    def taken(self) -> Iterator[Rule]:
        """The rules of :attr:`either` this process takes, one by one (the copy takes the
        others)."""
        by_id = {rule.id: rule for rule in self.either}
        return (by_id[name] for name in self.jobs.taken()) if self.jobs else iter(())

    def close(self) -> None:
        """The copy ended (if it still runs) and the jobs closed, here."""
        self.running.stop()
        if self.jobs is not None:
            self.jobs.close()


def check_beside(
    graph: nx.MultiDiGraph,
    parameters: Parameters,
    rules: Sequence[Rule] = RULES,
    *,
    then: Callable[[], object] | None = None,
) -> RulesBeside | None:
    """Start a copy of this process checking those of ``rules`` named in
    :data:`RULES_BESIDE` on ``graph``, then those of :data:`RULES_EITHER` it takes first,
    for :func:`run_rules` to take their findings from; None where this process may not
    fork (:func:`interop.forked.can_fork`: call it between steps, when no progress display
    is drawing) or no such rule is among ``rules``. ``then``: called in the copy once it
    has checked its rules, a core being free from then on while this process checks the
    others (``analyze`` has the report's drawer get ready)."""
    chosen = tuple(rule for rule in rules if rule.id in RULES_BESIDE)
    either = tuple(rule for rule in rules if rule.id in RULES_EITHER)
    if not (chosen or either) or not forked.can_fork():
        return None
    jobs = forked.Jobs([rule.id for rule in either]) if either else None
    by_id = {rule.id: rule for rule in either}

    def job() -> tuple[list[str], list[Finding]]:
        taken: list[str] = []

        def own_then_taken() -> Iterator[Rule]:
            yield from chosen
            for name in jobs.taken() if jobs is not None else ():
                taken.append(name)
                yield by_id[name]

        findings = _check(graph, parameters, own_then_taken())
        if then is not None:
            then()
        return taken, findings

    try:
        return RulesBeside(chosen, either, jobs, forked.start("rules", job))
    except BaseException:
        if jobs is not None:
            jobs.close()
        raise


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
