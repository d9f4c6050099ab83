"""Rounds: a round-2 inventory derived from round 1 gives exactly the expected states."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from interop.findings.model import SCHEMA_ID, Finding, FindingsDocument, NotChecked
from interop.rounds import (
    BaselineDateError,
    BaselineError,
    compare,
    identity,
    read_findings,
)
from interop.rounds.compare import could_not_check
from rounds.tiny_rounds import EXPECTED, ROUND_1, ROUND_2, analyze_tiny, round_two, states


@pytest.fixture(scope="module")
def rounds(tiny_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> FindingsDocument:
    first = analyze_tiny(tiny_dir, ROUND_1)
    second = analyze_tiny(round_two(tiny_dir, tmp_path_factory.mktemp("r") / "r2"), ROUND_2)
    return compare(second, first)


def test_round_two_gives_exactly_the_expected_states(rounds: FindingsDocument) -> None:
    assert states(rounds) == EXPECTED
    assert rounds.unverified == []
    assert rounds.baseline is not None and rounds.baseline.as_of == ROUND_1


def test_resolved_findings_are_as_they_were_in_the_baseline(
    rounds: FindingsDocument, tiny_dir: Path
) -> None:
    first = analyze_tiny(tiny_dir, ROUND_1)
    before = {(f.rule, tuple(f.subjects)): f for f in first.findings}
    for finding in rounds.resolved or []:
        assert finding == before[(finding.rule, tuple(finding.subjects))]


def test_round_is_written_to_findings_json_and_read_back(rounds: FindingsDocument) -> None:
    data = json.loads(rounds.to_json())
    assert {f["round"] for f in data["findings"]} == {"new", "persisting", "changed"}
    assert data["baseline"] == {"schema": SCHEMA_ID, "as_of": "2020-12-31",
                                "findings": data["baseline"]["findings"]}  # fmt: skip
    assert all("round" not in f for f in data["resolved"])
    assert FindingsDocument.from_json(rounds.to_json()) == rounds


def test_a_plain_analysis_has_no_round_fields(tiny_dir: Path) -> None:
    data = json.loads(analyze_tiny(tiny_dir, ROUND_1).to_json())
    assert not {"baseline", "resolved", "unverified", "accepted_warnings"} & set(data)
    assert all("round" not in f and "accepted" not in f for f in data["findings"])


def _finding(rule: str, *subjects: str, **evidence: object) -> Finding:
    return Finding(rule=rule, area=1, severity="low", subjects=list(subjects), title="t",
                   detail="d", evidence=dict(evidence), recommendation="r")  # fmt: skip


def _document(as_of: date, *findings: Finding, ran: tuple[str, ...] = ()) -> FindingsDocument:
    """A findings document of ``findings``, whose run ran their rules and ``ran``."""
    by_rule: dict[str, int] = dict.fromkeys(ran, 0)
    for f in findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    return FindingsDocument(
        as_of=as_of,
        parameters={},
        load={"tables": {}, "rejected": [], "warnings": []},
        summary={"departments": 0, "systems": 0, "findings_by_rule": by_rule},
        findings=list(findings),
    )


def test_identity_is_ordered_only_for_ordered_rules() -> None:
    assert identity("usage.rebuilt_while_underused", ["N", "O"]) != identity(
        "usage.rebuilt_while_underused", ["O", "N"]
    )
    assert identity("sharing.point_to_point", ["S", "T"]) != identity(
        "sharing.point_to_point", ["T", "S"]
    )
    assert identity("camera.duplicate_site", ["C2", "C1"]) == identity(
        "camera.duplicate_site", ["C1", "C2"]
    )


def test_reversed_pair_is_new_and_the_old_pair_resolved() -> None:
    old = _document(ROUND_1, _finding("usage.rebuilt_while_underused", "S2", "S1"))
    new = _document(ROUND_2, _finding("usage.rebuilt_while_underused", "S1", "S2"))
    result = compare(new, old)
    assert [f.round for f in result.findings] == ["new"]
    assert [f.subjects for f in result.resolved or []] == [["S2", "S1"]]


def test_changed_only_for_group_rules() -> None:
    """A shared subject makes a group finding changed; other rules have no changed."""
    old = _document(
        ROUND_1,
        _finding("camera.gbid_conflict", "C1", "C2"),
        _finding("silo.isolated_system", "S1"),
    )
    new = _document(
        ROUND_2,
        _finding("camera.gbid_conflict", "C2", "C3"),
        _finding("camera.gbid_conflict", "C8", "C9"),
        _finding("security.ungraded", "S1"),
        ran=("silo.isolated_system",),
    )
    result = compare(new, old)
    assert [f.round for f in result.findings] == ["changed", "new", "new"]
    assert [f.rule for f in result.resolved or []] == ["silo.isolated_system"]


def test_severity_and_wording_do_not_change_identity() -> None:
    old = _document(ROUND_1, _finding("silo.isolated_system", "S1"))
    moved = _finding("silo.isolated_system", "S1").model_copy(
        update={"severity": "high", "title": "other", "evidence": {"money": {"build_cost": 9}}}
    )
    assert [f.round for f in compare(_document(ROUND_2, moved), old).findings] == ["persisting"]


def test_baseline_not_earlier_is_refused() -> None:
    old = _document(ROUND_2, _finding("silo.isolated_system", "S1"))
    with pytest.raises(BaselineDateError):
        compare(_document(ROUND_2), old)


def test_findings_of_a_check_not_made_are_unverified_not_resolved() -> None:
    """Resolved needs this run to have made the check: a rule that did not run, or a
    check listed under not_checked, leaves its baseline findings unverified."""
    lapse = _finding("security.protection_lapse", "S1", checks=[{"check": "not_filed"}])
    other = _finding("security.protection_lapse", "S2", checks=[{"check": "no_crypto_evaluation"}])
    current = _document(ROUND_2, ran=("security.protection_lapse",)).model_copy(
        update={"not_checked": [NotChecked(rule="security.protection_lapse", check="not_filed",
                                           missing_columns=["grade_filing_date"])]}
    )  # fmt: skip
    assert could_not_check(lapse, current)
    assert not could_not_check(other, current)
    result = compare(current, _document(ROUND_1, lapse, other))
    assert [f.subjects for f in result.unverified or []] == [["S1"]]
    assert [f.subjects for f in result.resolved or []] == [["S2"]]
    old = _document(ROUND_1, lapse, _finding("silo.isolated_system", "S3"))
    result = compare(_document(ROUND_2), old)  # a run of no rule at all
    assert [f.subjects for f in result.unverified or []] == [["S1"], ["S3"]]
    assert result.resolved == []


def test_baselines_of_schema_1_and_2_are_read_others_refused(
    rounds: FindingsDocument, tmp_path: Path
) -> None:
    data = json.loads(rounds.to_json())
    for schema in ("interop-findings/1", "interop-findings/2"):
        path = tmp_path / "b.json"
        path.write_text(json.dumps({**data, "schema": schema, "not_checked": []}), "utf-8")
        assert read_findings(path).as_of == ROUND_2
    path.write_text(json.dumps({**data, "schema": "sarif/2.1"}), "utf-8")
    with pytest.raises(BaselineError, match=r"b\.json"):
        read_findings(path)
    path.write_text("{", "utf-8")
    with pytest.raises(BaselineError, match="not JSON"):
        read_findings(path)


def test_rounds_frame_counts_per_rule(rounds: FindingsDocument) -> None:
    from interop.notebook import rounds_frame

    frame = rounds_frame(rounds)
    assert frame.loc["total", "resolved"] == len(EXPECTED["resolved"])
    assert frame.loc["camera.duplicate_site", "changed"] == 1
    assert frame.loc["camera.duplicate_site", "new"] == 1
    assert frame.loc["security.ungraded", ["resolved", "new"]].tolist() == [1, 1]


def test_findings_json_streams_with_the_round_fields(rounds: FindingsDocument) -> None:
    """The round fields come before the findings, which stay last and stream."""
    import io

    buffer = io.StringIO()
    rounds.write_json(buffer)
    assert buffer.getvalue() == rounds.to_json()
    keys = list(json.loads(buffer.getvalue()))
    assert keys[-1] == "findings" and "resolved" in keys and "baseline" in keys
