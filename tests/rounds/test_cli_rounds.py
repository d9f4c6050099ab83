"""``analyze --baseline`` and ``interop diff`` from the command line: fields and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from interop.cli.app import cli
from rounds.tiny_rounds import round_two


@pytest.fixture(scope="module")
def two_rounds(tiny_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """findings.json of tiny as of 2020-12-31, and of its round 2 as of 2021-12-31 compared
    with it."""
    base = tmp_path_factory.mktemp("cli-rounds")
    runner = CliRunner()
    first = base / "r1"
    result = runner.invoke(cli, ["analyze", str(tiny_dir), "--out", str(first),
                                 "--as-of", "2020-12-31", "--json-only"])  # fmt: skip
    assert result.exit_code == 0, result.output
    second = base / "r2"
    result = runner.invoke(cli, ["analyze", str(round_two(tiny_dir, base / "inv2")),
                                 "--out", str(second), "--as-of", "2021-12-31", "--json-only",
                                 "--baseline", str(first / "findings.json")])  # fmt: skip
    assert result.exit_code == 0, result.output
    return first / "findings.json", second / "findings.json"


def test_analyze_with_baseline_writes_round_resolved_unverified(
    two_rounds: tuple[Path, Path],
) -> None:
    data = json.loads(two_rounds[1].read_text("utf-8"))
    assert {f["round"] for f in data["findings"]} == {"new", "persisting", "changed"}
    resolved = {(f["rule"], tuple(f["subjects"])) for f in data["resolved"]}
    assert ("security.ungraded", ("S09",)) in resolved
    assert data["unverified"] == []
    assert data["baseline"]["as_of"] == "2020-12-31"


def test_baseline_not_earlier_is_a_usage_error(
    two_rounds: tuple[Path, Path], tiny_dir: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(tiny_dir), "--out", str(tmp_path),
                                      "--as-of", "2021-12-31", "--json-only",
                                      "--baseline", str(two_rounds[1])])  # fmt: skip
    assert result.exit_code == 2
    assert "not earlier" in result.output
    assert not (tmp_path / "findings.json").exists()


def test_unreadable_baseline_exits_1(tiny_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "findings.json"
    bad.write_text('{"schema": "something/else"}', "utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(tiny_dir), "--out", str(tmp_path / "o"),
                                      "--baseline", str(bad)])  # fmt: skip
    assert result.exit_code == 1
    assert "findings.json" in result.output


def test_diff_json_matches_analyze_with_baseline(two_rounds: tuple[Path, Path]) -> None:
    first, second = two_rounds
    result = CliRunner().invoke(cli, ["diff", str(first), str(second), "--format", "json"])
    assert result.exit_code == 0, result.output
    diff = json.loads(result.output)
    analyzed = json.loads(second.read_text("utf-8"))
    assert [(f["rule"], f["subjects"], f["round"]) for f in diff["findings"]] == [
        (f["rule"], f["subjects"], f["round"]) for f in analyzed["findings"]
    ]
    assert diff["resolved"] == analyzed["resolved"]
    assert diff["unverified"] == analyzed["unverified"]
    total = diff["total"]
    assert total["resolved"] == len(analyzed["resolved"])
    assert total["new"] + total["persisting"] + total["changed"] == len(analyzed["findings"])


def test_diff_table_and_reversed_rounds(two_rounds: tuple[Path, Path]) -> None:
    first, second = two_rounds
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", str(first), str(second)])
    assert result.exit_code == 0, result.output
    assert "security.ungraded" in result.output and "total" in result.output
    assert runner.invoke(cli, ["diff", str(second), str(first)]).exit_code == 2
