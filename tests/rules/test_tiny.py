"""The tiny example gives exactly the subjects of expected-findings.json, rule by rule."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from interop.analysis import analyze, run_rules
from interop.findings.model import FindingsDocument, Severity
from interop.graph import build_graph
from interop.inventory.model import Inventory
from interop.parameters import Parameters
from interop.rules import RULE_BY_ID, RULES


def _params(expected: dict[str, Any]) -> Parameters:
    return Parameters(
        as_of=date.fromisoformat(expected["as_of"]), camera_radius_m=expected["camera_radius_m"]
    )


@pytest.fixture(scope="module")
def document(tiny: Inventory, tiny_expected: dict[str, Any]) -> FindingsDocument:
    return analyze(tiny, _params(tiny_expected))


def test_every_rule_gives_exactly_the_expected_subjects(
    document: FindingsDocument, tiny_expected: dict[str, Any]
) -> None:
    expected = {rule: sorted(map(sorted, s)) for rule, s in tiny_expected["findings"].items()}
    assert document.subjects_by_rule() == expected


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_alone(rule, tiny: Inventory, tiny_expected: dict[str, Any]) -> None:
    findings = run_rules(build_graph(tiny), _params(tiny_expected), rules=(rule,))
    got = sorted(sorted(f.subjects) for f in findings)
    assert got == sorted(map(sorted, tiny_expected["findings"].get(rule.id, [])))


def test_the_rule_set_of_the_expectation_is_the_contracts(
    tiny: Inventory, tiny_expected: dict[str, Any]
) -> None:
    named = [RULE_BY_ID[rule_id] for rule_id in tiny_expected["findings"]]
    assert {r.id for r in named} == set(RULE_BY_ID)
    findings = run_rules(build_graph(tiny), _params(tiny_expected), rules=named)
    assert {f.rule for f in findings} <= set(tiny_expected["findings"])


def test_severity_of_missing_links(document: FindingsDocument) -> None:
    severity = {
        f.subjects[0]: f.severity for f in document.findings if f.rule == "provincial.missing_link"
    }
    # S02 reaches PG through PX by daily flows; S03 has no flow at all.
    assert severity == {"S02": Severity.medium, "S03": Severity.high}


def test_rebuilt_subjects_keep_new_then_old_in_json(document: FindingsDocument) -> None:
    data = json.loads(document.to_json())
    rebuilt = [
        f["subjects"] for f in data["findings"] if f["rule"] == "usage.rebuilt_while_underused"
    ]
    assert rebuilt == [["S11", "S12"]]


ORDERED_RULES = {"usage.rebuilt_while_underused", "sharing.point_to_point"}
"""Rules whose subjects are in the contract's order (new then old; source then target)."""


def test_point_to_point_subjects_are_source_then_target(document: FindingsDocument) -> None:
    pairs = [f.subjects for f in document.findings if f.rule == "sharing.point_to_point"]
    assert pairs == [["S09", "S07"], ["S13", "S14"]]


def test_other_rules_sort_their_subjects(document: FindingsDocument) -> None:
    for finding in document.findings:
        if finding.rule not in ORDERED_RULES:
            assert finding.subjects == sorted(finding.subjects), finding.rule


def test_document_round_trips_and_summarises(
    document: FindingsDocument, tiny_expected: dict[str, Any]
) -> None:
    again = FindingsDocument.from_json(document.to_json())
    assert again == document
    assert again.as_of.isoformat() == tiny_expected["as_of"]
    summary = document.summary.model_dump()
    assert summary["departments"] == 11
    assert summary["systems"] == 21
    assert (summary["platforms"], summary["networks"]) == (3, 6)
    assert (summary["cameras"], summary["flows"]) == (13, 19)
    counts = {rule: len(s) for rule, s in tiny_expected["findings"].items()}
    assert document.summary.findings_by_rule == counts


def test_every_finding_names_its_subjects(document: FindingsDocument) -> None:
    for finding in document.findings:
        text = finding.title + " " + finding.detail
        for subject in finding.subjects:
            assert subject in text, (finding.rule, subject)
        assert finding.recommendation.strip()
        assert finding.area == RULE_BY_ID[finding.rule].area
