"""--profile times every step of a command; --report-limit reaches the report."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from interop.cli.app import cli

ANALYZE_STEPS = ("read", "validate", "graph", "rules", "findings.json", "finding numbers",
                 "graph pages", "report context", "report.html", "report.md",
                 "findings.xlsx/.csv")  # fmt: skip


def _profile(output: str) -> dict[str, float]:
    assert "profile:" in output, output
    block = output[output.index("profile:") :]
    return {m[0]: float(m[1]) for m in re.findall(r"^  (\S.*?)\s+(\d+\.\d\d) s", block, re.M)}


def test_analyze_profile_times_every_step(tiny_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["analyze", str(tiny_dir), "--out", str(tmp_path), "--profile"]
    )
    assert result.exit_code == 0, result.output
    steps = _profile(result.output)
    assert set(ANALYZE_STEPS) <= set(steps), steps
    assert steps["total"] >= sum(v for k, v in steps.items() if k != "total") - 0.05
    assert re.search(r"peak RSS [\d,]+ MiB", result.output)


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
    assert {"findings.json", "read", "validate", "graph", "findings.xlsx/.csv"} <= set(
        _profile(result.output)
    )
    result = runner.invoke(cli, ["validate", str(tiny_dir), "--profile"])
    assert {"read", "validate"} <= set(_profile(result.output))
