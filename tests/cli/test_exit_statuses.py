"""The CLI's exit statuses and messages (findings-format: 0 ran, 1 unreadable/strict, 2 usage)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from interop.cli.app import cli
from interop.cli.options import option_name
from interop.parameters import Parameters


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def broken_tiny(every_rule_dir: Path, tmp_path: Path) -> Path:
    """The repository's inventory with one system row pointing at an unknown department."""
    folder = tmp_path / "broken"
    shutil.copytree(every_rule_dir, folder)
    systems = folder / "systems.csv"
    text = systems.read_text(encoding="utf-8")
    systems.write_text(text.replace("X22,水务巡检系统,G11", "X22,水务巡检系统,G99"), "utf-8")
    return folder


def test_analyze_writes_findings_and_exits_0(
    runner: CliRunner, every_rule_dir: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        cli,
        [
            "analyze",
            str(every_rule_dir),
            "--out",
            str(tmp_path),
            "--as-of",
            "2020-12-31",
            "--json-only",
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert document["schema"] == "interop-findings/2"
    assert document["as_of"] == "2020-12-31"
    assert document["parameters"]["engine"] == "networkx"
    assert document["parameters"]["camera_radius_m"] == 50


def test_every_parameter_has_an_option(runner: CliRunner) -> None:
    help_text = runner.invoke(cli, ["analyze", "--help"]).output
    for field in Parameters.model_fields:
        assert option_name(field) in help_text


def test_options_reach_the_parameters(
    runner: CliRunner, every_rule_dir: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        cli,
        [
            "analyze",
            str(every_rule_dir),
            "--out",
            str(tmp_path),
            "--as-of",
            "2020-12-31",
            "--camera-radius",
            "5",
            "--idle-days",
            "30",
            "--json-only",
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert document["parameters"]["camera_radius_m"] == 5
    assert document["parameters"]["idle_days"] == 30
    assert document["summary"]["findings_by_rule"]["camera.duplicate_site"] == 0


@pytest.mark.parametrize("lang", ["zh", "en", None])
def test_one_lang_words_the_findings_and_the_report(
    runner: CliRunner, every_rule_dir: Path, tmp_path: Path, lang: str | None
) -> None:
    args = ["analyze", str(every_rule_dir), "--out", str(tmp_path), "--as-of", "2020-12-31"]
    result = runner.invoke(cli, [*args, "--lang", lang] if lang else args)
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    expected = lang or "zh"  # Chinese by default
    assert document["parameters"]["lang"] == expected
    titles = {f["rule"]: f["title"] for f in document["findings"]}
    english = titles["usage.low_utilization"].startswith("Low utilization: ")
    assert english == (expected == "en"), titles["usage.low_utilization"]
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f'<html lang="{"zh-CN" if expected == "zh" else "en"}">' in html


def test_rejected_rows_exit_0_but_1_with_strict(
    runner: CliRunner, broken_tiny: Path, tmp_path: Path
) -> None:
    args = ["analyze", str(broken_tiny), "--out", str(tmp_path), "--json-only"]
    assert runner.invoke(cli, args).exit_code == 0
    strict = runner.invoke(cli, [*args, "--strict"])
    assert strict.exit_code == 1
    assert "rejected" in strict.output
    document = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    system, flow = document["load"]["rejected"]
    assert (system["file"], system["row"], system["column"], system["value"]) == (
        "systems.csv", 19, "owner_id", "G99"
    )  # fmt: skip
    # the flow from the rejected system goes too, and says why
    assert (flow["file"], flow["row"], flow["column"], flow["value"]) == (
        "flows.csv", 18, "source_id", "X22"
    )  # fmt: skip
    assert "systems.csv row 19" in flow["reason"]


def test_validate_lists_rejections_and_exits_1(runner: CliRunner, broken_tiny: Path) -> None:
    result = runner.invoke(cli, ["validate", str(broken_tiny)])
    assert result.exit_code == 1
    assert "systems.csv row 19, column owner_id = 'G99': unknown department" in result.output


def test_validate_clean_inventory_exits_0(runner: CliRunner, every_rule_dir: Path) -> None:
    result = runner.invoke(cli, ["validate", str(every_rule_dir)])
    assert result.exit_code == 0, result.output
    assert "no row rejected" in result.output


@pytest.mark.parametrize("make", ["missing", "empty", "text_file"])
def test_unreadable_inventory_exits_1_with_one_clear_line(
    runner: CliRunner, tmp_path: Path, make: str
) -> None:
    target = tmp_path / "input"
    if make == "empty":
        target.mkdir()
    elif make == "text_file":
        target = tmp_path / "notes.txt"
        target.write_text("hello", encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(target), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert str(target.name) in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["analyze"],
        ["analyze", ".", "--camera-radius", "abc"],
        ["analyze", ".", "--camera-radius", "-5"],
        ["analyze", ".", "--as-of", "31/12/2020"],
        ["generate", "x", "--format", "pdf"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    assert runner.invoke(cli, args).exit_code == 2


def test_installed_entry_point_runs() -> None:
    """The console script `interop` is installed beside the interpreter running the tests."""
    exe = Path(sys.executable).with_name("interop")
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "interop" in result.stdout
