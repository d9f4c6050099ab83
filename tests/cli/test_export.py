"""``interop export`` rebuilds the outputs from a findings.json and its inventory."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from interop.cli.app import cli


@pytest.fixture(scope="module")
def analysed(every_rule_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("analysed")
    result = CliRunner().invoke(
        cli,
        ["analyze", str(every_rule_dir), "--out", str(out), "--as-of", "2020-12-31", "--json-only"],
    )
    assert result.exit_code == 0, result.output
    return out / "findings.json"


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("graph", {"graph.html", "graph-cameras.html"}),
        ("report", {"report.html", "report.md"}),
        ("spreadsheets", {"findings.xlsx", "findings.csv"}),
    ],
)
def test_export_writes_what_was_asked(
    analysed: Path, every_rule_dir: Path, tmp_path: Path, what: str, expected: set[str]
) -> None:
    result = CliRunner().invoke(
        cli, ["export", what, str(analysed), str(every_rule_dir), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    written = {p.name for p in tmp_path.iterdir()}
    assert expected <= written
    others = {"report.html", "findings.xlsx", "graph.html"} - expected
    assert not (others & written)


def test_export_needs_inventory_or_neo4j(analysed: Path) -> None:
    assert CliRunner().invoke(cli, ["export", "all", str(analysed)]).exit_code == 2


def test_export_refuses_a_file_that_is_not_findings(every_rule_dir: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "findings.json"
    bogus.write_text('{"hello": 1}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "all", str(bogus), str(every_rule_dir)])
    assert result.exit_code == 1
    assert "not a findings.json" in result.output


@pytest.mark.parametrize("what", ["all", "report"])
def test_export_beside_writes_what_one_process_writes(
    analysed: Path,
    every_rule_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    what: str,
) -> None:
    """``--parallel`` (the default, as for ``analyze``): the workbook (with ``all``) and
    the report's pictures are made by processes of their own; the files are those that
    ``--no-parallel`` writes."""
    import os
    import zipfile

    from interop import forked

    monkeypatch.setattr(forked, "can_fork", lambda: hasattr(os, "fork"))
    outputs = {}
    for option in ("--parallel", "--no-parallel"):
        out = tmp_path / option
        result = CliRunner().invoke(
            cli,
            ["export", what, str(analysed), str(every_rule_dir), "--out", str(out), "--profile",
             option],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        beside = "(beside)" in result.output
        assert beside == (option == "--parallel" and hasattr(os, "fork")), result.output
        files: dict[str, bytes] = {}
        for path in sorted(out.iterdir()):
            if path.suffix == ".xlsx":
                with zipfile.ZipFile(path) as book:
                    files |= {n: book.read(n) for n in book.namelist() if "docProps" not in n}
            else:
                files[path.name] = path.read_bytes()
        outputs[option] = files
    assert outputs["--parallel"] == outputs["--no-parallel"]
    assert "report.html" in outputs["--parallel"]
