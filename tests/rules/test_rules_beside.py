"""Rules checked by a forked copy while this process checks the others (``analyze
--parallel``): the same findings, in the same order, as checked here alone."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import date

import pytest
from told_steps import ToldSteps

from interop import analysis, forked
from interop.findings.model import Finding
from interop.graph import build_graph
from interop.inventory.model import Inventory
from interop.parameters import Parameters
from interop.rules import RULES
from interop.rules.base import AuditContext, Rule

FORK = hasattr(os, "fork")
AS_OF = Parameters(as_of=date(2020, 12, 31))


@pytest.fixture
def can_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """As the CLI would between its steps (the test runner may hold threads of its own)."""
    monkeypatch.setattr(forked, "can_fork", lambda: FORK)


def test_rules_beside_give_the_same_findings(every_rule: Inventory, can_fork: None) -> None:
    graph = build_graph(every_rule)
    alone = analysis.run_rules(graph, AS_OF)
    beside = analysis.check_beside(graph, AS_OF)
    if not FORK:
        assert beside is None
        return
    assert beside is not None
    assert {r.id for r in beside.rules} == analysis.RULES_BESIDE
    assert {r.id for r in beside.either} == analysis.RULES_EITHER
    progress: list[tuple[str, int, int]] = []
    told = ToldSteps()
    both = analysis.run_rules(
        graph,
        AS_OF,
        progress=lambda r, d, t: progress.append((r.id, d, t)),
        beside=beside,
        step=told,
    )
    assert [f.model_dump() for f in both] == [f.model_dump() for f in alone]
    # the fixture fires them all
    assert {f.rule for f in both} >= analysis.RULES_BESIDE | analysis.RULES_EITHER
    assert sorted(rule for rule, _, _ in progress) == sorted(r.id for r in RULES)
    assert [done for _, done, _ in progress] == list(range(1, len(RULES) + 1))
    ((name, seconds, cpu, *_),) = told.told
    assert name == "rules" and seconds > 0 and cpu > 0
    with pytest.raises(ChildProcessError):  # reaped
        os.waitpid(beside.running._pid, os.WNOHANG)


def test_an_error_beside_is_raised_here(every_rule: Inventory, can_fork: None) -> None:
    graph = build_graph(every_rule)

    def broken(context: object) -> list[Finding]:
        raise LookupError("a rule that fails")

    rule = next(replace(r, check=broken) for r in RULES if r.id in analysis.RULES_BESIDE)
    beside = analysis.check_beside(graph, AS_OF, [rule])
    if not FORK:  # (no fork on this platform: nothing runs beside)
        assert beside is None
        return
    assert beside is not None
    with pytest.raises(LookupError) as caught:
        analysis.run_rules(graph, AS_OF, [rule], beside=beside)
    assert "in the process for rules" in "".join(caught.value.__notes__)
    with pytest.raises(ChildProcessError):
        os.waitpid(beside.running._pid, os.WNOHANG)


def test_a_failure_here_ends_the_copy(
    every_rule: Inventory, can_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = build_graph(every_rule)
    beside = analysis.check_beside(graph, AS_OF)
    if not FORK:
        assert beside is None
        return
    assert beside is not None

    def failing(*args: object, **kwargs: object) -> list[Finding]:
        raise KeyboardInterrupt

    monkeypatch.setattr(analysis, "_check", failing)
    with pytest.raises(KeyboardInterrupt):
        analysis.run_rules(graph, AS_OF, beside=beside)
    with pytest.raises(ChildProcessError):
        os.waitpid(beside.running._pid, os.WNOHANG)


def test_nothing_beside_where_the_process_may_not_fork(
    every_rule: Inventory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert analysis.check_beside(build_graph(every_rule), AS_OF) is None


def test_nothing_beside_when_no_rule_of_it_is_run(every_rule: Inventory, can_fork: None) -> None:
    away = analysis.RULES_BESIDE | analysis.RULES_EITHER
    here = [r for r in RULES if r.id not in away]
    assert analysis.check_beside(build_graph(every_rule), AS_OF, here) is None


@pytest.mark.parametrize("slow", ["here", "beside"])
def test_the_process_done_first_checks_the_rules_either_may(
    every_rule: Inventory, can_fork: None, slow: str
) -> None:
    """Of :data:`RULES_EITHER`, each is checked once, by whichever process is done with
    its own rules first (here, the progress is told of the copy's rules at the end)."""
    graph = build_graph(every_rule)
    alone = analysis.run_rules(graph, AS_OF)
    late = "silo.isolated_system" if slow == "here" else "camera.gbid_invalid"

    def slowly(rule: Rule) -> Rule:
        def check(context: AuditContext) -> list[Finding]:
            time.sleep(1.0)
            return rule.check(context)

        return replace(rule, check=check)

    rules = [slowly(r) if r.id == late else r for r in RULES]
    beside = analysis.check_beside(graph, AS_OF, rules)
    if not FORK:
        assert beside is None
        return
    assert beside is not None
    progress: list[str] = []
    both = analysis.run_rules(
        graph, AS_OF, rules, progress=lambda r, *_: progress.append(r.id), beside=beside
    )
    assert [f.model_dump() for f in both] == [f.model_dump() for f in alone]
    either = [r.id for r in RULES if r.id in analysis.RULES_EITHER]
    chosen = [r.id for r in RULES if r.id in analysis.RULES_BESIDE]
    own = [r.id for r in RULES if r.id not in {*either, *chosen}]
    # here: its own rules, then those it took; the copy's, told at the end
    taken_here = [] if slow == "here" else either
    assert progress == own + taken_here + chosen + [r for r in either if r not in taken_here]
