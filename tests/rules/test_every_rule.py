"""The repository's own inventory (tests/fixtures/every_rule) gives exactly its expected
findings, rule by rule: subjects, the failed checks of the version-2 rules, severities.

The inventory was written for these tests from the rules' contract: a case for every rule
and every check, with near misses beside them (its README says which row is for what).
It needs nothing outside the repository; the shared tiny example is the conformance test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from interop.analysis import analyze, run_rules
from interop.findings.model import FindingsDocument
from interop.graph import build_graph
from interop.inventory.model import Inventory
from interop.parameters import Parameters
from interop.rules import RULES


def _params(expected: dict[str, Any]) -> Parameters:
    return Parameters(
        as_of=date.fromisoformat(expected["as_of"]), camera_radius_m=expected["camera_radius_m"]
    )


def _subjects(by_rule: dict[str, list[list[str]]]) -> dict[str, list[list[str]]]:
    return {rule: sorted(map(sorted, subjects)) for rule, subjects in by_rule.items()}


@pytest.fixture(scope="module")
def document(every_rule: Inventory, every_rule_expected: dict[str, Any]) -> FindingsDocument:
    return analyze(every_rule, _params(every_rule_expected))


def test_it_loads_every_row_without_rejection_or_warning(every_rule: Inventory) -> None:
    report = every_rule.report
    assert report.rejected == [] and report.warnings == []
    assert all(count.read == count.loaded for count in report.tables.values())


def test_every_rule_has_a_case(every_rule_expected: dict[str, Any]) -> None:
    assert {rule.id for rule in RULES} <= {
        rule for rule, subjects in every_rule_expected["findings"].items() if subjects
    }


def test_exactly_the_expected_subjects(
    document: FindingsDocument, every_rule_expected: dict[str, Any]
) -> None:
    assert document.subjects_by_rule() == _subjects(every_rule_expected["findings"])


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_alone(
    rule: Any, every_rule: Inventory, every_rule_expected: dict[str, Any]
) -> None:
    findings = run_rules(build_graph(every_rule), _params(every_rule_expected), rules=(rule,))
    got = sorted(sorted(f.subjects) for f in findings)
    assert got == sorted(map(sorted, every_rule_expected["findings"].get(rule.id, [])))


def test_failed_checks_and_severities_of_the_version_2_rules(
    document: FindingsDocument, every_rule_expected: dict[str, Any]
) -> None:
    for rule, expected in every_rule_expected["checks"].items():
        got = [
            {
                "subjects": f.subjects,
                "checks": sorted(c["check"] for c in f.evidence["checks"]),
                "severity": f.severity.value,
            }
            for f in document.findings
            if f.rule == rule
        ]
        key = lambda item: item["subjects"]  # noqa: E731
        assert sorted(got, key=key) == sorted(expected, key=key), rule


def test_other_severities(document: FindingsDocument, every_rule_expected: dict[str, Any]) -> None:
    for rule, by_subject in every_rule_expected["severities"].items():
        got = {f.subjects[0]: f.severity.value for f in document.findings if f.rule == rule}
        assert got == by_subject, rule


def test_nothing_is_left_unchecked(
    document: FindingsDocument, every_rule_expected: dict[str, Any]
) -> None:
    assert [item.model_dump() for item in document.not_checked] == every_rule_expected[
        "not_checked"
    ]


def test_thresholds_move_the_boundaries(
    every_rule: Inventory, every_rule_expected: dict[str, Any]
) -> None:
    """Each threshold moved just past one of the inventory's cases (README: the distances,
    days and shares named there) removes exactly that case."""
    base = _params(every_rule_expected)

    def subjects(**overrides: Any) -> dict[str, list[list[str]]]:
        return analyze(every_rule, base.model_copy(update=overrides)).subjects_by_rule()

    found = subjects()
    assert found["camera.duplicate_site"] == [["K01", "K02", "K03"]]
    # K02-K03 are 45 m apart, K01-K02 20 m: at 40 m the site is K01 and K02.
    assert subjects(camera_radius_m=40)["camera.duplicate_site"] == [["K01", "K02"]]
    # X20 was last used 241 days before the as-of date.
    assert subjects(idle_days=241)["usage.idle"] == [["X13"], ["X21"]]
    # X22 uses 2 of 10 modules: 0.2 is not below 0.2.
    assert "usage.low_utilization" not in subjects(low_utilization=0.2)
    # X25 went live 882 days after X26: the gap must be below the threshold.
    assert "usage.rebuilt_while_underused" not in subjects(rebuilt_within_days=882)
    assert "duplicate.homogeneous_systems" not in subjects(homogeneous_min_owners=4)
    # X34 has 5 monthly users: not fewer than 5.
    assert subjects(zombie_min_users=5)["usage.zombie_candidate"] == [["X29"], ["X31"]]
    # X42 was assessed 425 days before: at 425 it is not overdue, only without 密评 (medium).
    lapse = analyze(every_rule, base.model_copy(update={"assessment_days": 425}))
    x42 = next(f for f in lapse.findings if f.subjects == ["X42"])
    assert [c["check"] for c in x42.evidence["checks"]] == ["no_crypto_evaluation"]
    assert x42.severity.value == "medium"
    # X50 went live 546 days before, X51 394: at 546 only X49 (911 days) is checked.
    assert subjects(acceptance_days=546)["project.lifecycle_gap"] == [["X49"]]


def test_readme_names_every_rule_and_subject(every_rule_dir: Path) -> None:
    text = (every_rule_dir / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule.id}`" in text, rule.id
