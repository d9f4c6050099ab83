"""Rounds with --neo4j: the comparison is made on documents, so both engines agree."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from neo4j import Driver

from interop.cli.app import cli
from interop.neo4j.load import clear_dataset


@pytest.fixture
def dataset(driver: Driver, neo4j_database: str) -> Iterator[str]:
    name = f"test-rounds-{uuid.uuid4().hex[:8]}"
    yield name
    clear_dataset(driver, name, database=neo4j_database)


def _rounds(path: Path) -> tuple[list[tuple[str, tuple[str, ...], str]], list[Any], int]:
    data = json.loads(path.read_text("utf-8"))
    findings = sorted(
        (f["rule"], tuple(sorted(f["subjects"])), f["round"]) for f in data["findings"]
    )
    resolved = sorted((f["rule"], sorted(f["subjects"])) for f in data["resolved"])
    accepted = sum("accepted" in f for f in data["findings"])
    return findings, resolved, accepted


def test_baseline_and_accepted_in_both_engines(
    neo4j_server: Any, tiny_dir: Path, dataset: str, tmp_path: Path
) -> None:
    from rounds.tiny_rounds import round_two

    runner = CliRunner()
    first = tmp_path / "r1"
    result = runner.invoke(cli, ["analyze", str(tiny_dir), "--out", str(first),
                                 "--as-of", "2020-12-31", "--json-only"])  # fmt: skip
    assert result.exit_code == 0, result.output
    second = round_two(tiny_dir, tmp_path / "inv2")
    accepted = tmp_path / "accepted.csv"
    accepted.write_text("rule,subjects,reason,approved_by,expires\n"
                        "usage.idle,S10,r,a,2022-06-30\n", "utf-8")  # fmt: skip
    common = ["--as-of", "2021-12-31", "--json-only", "--baseline",
              str(first / "findings.json"), "--accepted", str(accepted)]  # fmt: skip
    embedded = tmp_path / "embedded"
    result = runner.invoke(cli, ["analyze", str(second), "--out", str(embedded), *common])
    assert result.exit_code == 0, result.output
    in_neo4j = tmp_path / "neo4j"
    result = runner.invoke(cli, ["analyze", str(second), "--out", str(in_neo4j), *common,
                                 "--neo4j", neo4j_server.uri, "--dataset", dataset])  # fmt: skip
    assert result.exit_code == 0, result.output
    ours = _rounds(in_neo4j / "findings.json")
    assert ours == _rounds(embedded / "findings.json")
    findings, resolved, accepted_count = ours
    assert {r for _, _, r in findings} == {"new", "persisting", "changed"}
    assert ("security.ungraded", ["S09"]) in resolved
    assert accepted_count == 1
