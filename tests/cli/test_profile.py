"""--profile times every step of a command; --report-limit reaches the report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from interop import forked, outputs
from interop.cli.app import cli
from interop.steps import BESIDE

ANALYZE_STEPS = ("read", "validate", "graph", "rules", "findings.json", "finding numbers",
                 "graph.html", "graph-cameras.html", "report context", "report.html", "report.md",
                 "findings.xlsx", "findings.csv")  # fmt: skip


def _profile(output: str) -> dict[str, float]:
    assert "profile:" in output, output
    block = output[output.index("profile:") :]
    return {m[0]: float(m[1]) for m in re.findall(r"^  (\S.*?)\s+(\d+\.\d\d) s", block, re.M)}


@pytest.mark.parametrize("parallel", ["--parallel", "--no-parallel"])
def test_analyze_profile_times_every_step(tiny_dir: Path, tmp_path: Path, parallel: str) -> None:
    """Steps other processes ran (some rules, the spreadsheets and the report's pictures:
    ``--parallel`` where the machine can fork) are marked ``(beside)``, with each process's
    peak memory; the total's wall time is at least the sum of the others."""
    result = CliRunner().invoke(
        cli, ["analyze", str(tiny_dir), "--out", str(tmp_path), "--profile", parallel]
    )
    assert result.exit_code == 0, result.output
    steps = _profile(result.output)
    beside = {k.removesuffix(BESIDE) for k in steps if k.endswith(BESIDE)}
    here = {k: v for k, v in steps.items() if not k.endswith(BESIDE) and k != "total"}
    assert set(ANALYZE_STEPS) <= set(here) | beside, steps
    assert steps["total"] >= sum(here.values()) - 0.05
    assert re.search(r"peak RSS [\d,]+ MiB", result.output)
    if parallel == "--no-parallel" or not forked.can_fork():
        assert not beside
    else:
        # findings.csv and each graph page by whichever process is free first: here or
        # beside, once
        shared = set(outputs.SHARED)
        assert beside - shared == {"findings.xlsx", "report pictures", "rules"}
        assert all((name in beside) != (name in here) for name in shared)
        # each copy's memory, when it lived (from the command's start) and this process's
        # peak then: the rules' copy is joined before the workbook's is forked
        pattern = (
            r"peak RSS [\d,]+ MiB \([\d,]+ MiB its own; (\d+\.\d\d)-(\d+\.\d\d) s, "
            r"this process [\d,]+ MiB then\): (.*) \(beside\)"
        )
        lives = {name: (float(a), float(b)) for a, b, name in re.findall(pattern, result.output)}
        assert sorted(lives) == ["findings.xlsx", "report pictures", "rules"]
        # (the drawer is forked as the command starts: at 0.00 s; times are printed to the
        # hundredth, so on the tiny city a copy's end and the next one's start may print alike)
        assert all(0 <= start <= end <= steps["total"] for start, end in lives.values())
        assert lives["rules"][1] <= lives["findings.xlsx"][0]


def test_no_profile_without_the_option(tiny_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(tiny_dir), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "profile:" not in result.output


def test_export_and_validate_profile(tiny_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["analyze", str(tiny_dir), "--out", str(tmp_path)]).exit_code == 0
    result = runner.invoke(
        cli,
        [
            "export",
            "spreadsheets",
            str(tmp_path / "findings.json"),
            str(tiny_dir),
            "--profile",
        ],
    )
    assert result.exit_code == 0, result.output
    assert {"findings.json", "read", "validate", "graph", "findings.xlsx", "findings.csv"} <= set(
        _profile(result.output)
    )
    result = runner.invoke(cli, ["validate", str(tiny_dir), "--profile"])
    assert {"read", "validate"} <= set(_profile(result.output))
