"""The Neo4j commands of the CLI against the real server: load, analyze, query, export."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from neo4j import Driver
from tests_expected import expected_subjects

from interop.cli.app import cli
from interop.neo4j.load import clear_dataset


@pytest.fixture
def dataset(driver: Driver, neo4j_database: str) -> Iterator[str]:
    name = f"test-cli-{uuid.uuid4().hex[:8]}"
    yield name
    clear_dataset(driver, name, database=neo4j_database)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def ids_in(page: Path) -> set[str]:
    """The node and edge ids a graph page carries (Neo4j returns nodes in another order)."""
    return set(re.findall(r'"id": "([^"]+)"', page.read_text(encoding="utf-8")))


def count(driver: Driver, dataset: str) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE n.dataset = $d RETURN count(n) AS n", {"d": dataset}
    )
    return int(records[0]["n"])


def test_load_twice_is_idempotent(
    neo4j_server: Any, driver: Driver, every_rule_dir: Path, dataset: str
) -> None:
    first = invoke("load", str(every_rule_dir), "--neo4j", neo4j_server.uri, "--dataset", dataset)
    assert first.exit_code == 0, first.output
    nodes = count(driver, dataset)
    assert nodes > 0
    second = invoke("load", str(every_rule_dir), "--neo4j", neo4j_server.uri, "--dataset", dataset,
                    "--writers", "3", "--batch-size", "2")  # fmt: skip
    assert second.exit_code == 0, second.output
    assert count(driver, dataset) == nodes
    assert "created 0 nodes and 0 relationships" in second.output


def test_writers_must_be_at_least_one(every_rule_dir: Path) -> None:
    result = invoke("load", str(every_rule_dir), "--writers", "0")
    assert result.exit_code == 2 and "--writers" in result.output


def test_analyze_in_neo4j_gives_the_expected_findings(
    neo4j_server: Any, every_rule_dir: Path, dataset: str, tmp_path: Path
) -> None:
    result = invoke("analyze", str(every_rule_dir), "--neo4j", neo4j_server.uri,
                    "--dataset", dataset, "--out", str(tmp_path),
                    "--as-of", "2021-06-30")  # fmt: skip
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert document["parameters"]["engine"] == "neo4j"
    got: dict[str, list[list[str]]] = {}
    for finding in document["findings"]:
        got.setdefault(finding["rule"], []).append(sorted(finding["subjects"]))
    assert {k: sorted(v) for k, v in got.items()} == expected_subjects(every_rule_dir)
    assert (tmp_path / "report.html").is_file() and (tmp_path / "graph.html").is_file()

    # and the outputs can be rebuilt from Neo4j alone
    again = tmp_path / "again"
    exported = invoke("export", "graph", str(tmp_path / "findings.json"), "--neo4j",
                      neo4j_server.uri, "--dataset", dataset, "--out", str(again))  # fmt: skip
    assert exported.exit_code == 0, exported.output
    for page in ("graph.html", "graph-cameras.html", "graph-provincial.html"):
        assert ids_in(again / page) == ids_in(tmp_path / page), page
    assert "Endpoint:X03" in ids_in(again / "graph.html")  # a silo: shown on its own


def test_query_reads_and_refuses_writes(
    neo4j_server: Any, driver: Driver, every_rule_dir: Path, dataset: str
) -> None:
    assert invoke("load", str(every_rule_dir), "--neo4j", neo4j_server.uri,
                  "--dataset", dataset).exit_code == 0  # fmt: skip
    rule = Path(__file__).resolve().parents[2] / "cypher" / "rules" / "security.ungraded.cypher"
    read = invoke("query", str(rule), "--neo4j", neo4j_server.uri, "--param",
                  f"dataset={dataset}", "--format", "json")  # fmt: skip
    assert read.exit_code == 0, read.output
    rows = json.loads(read.output)
    assert [row["subjects"] for row in rows] == [["X48"]]
    before = count(driver, dataset)
    write = invoke("query", "MATCH (n {dataset: $d}) DETACH DELETE n", "--neo4j",
                   neo4j_server.uri, "--param", f"d={dataset}")  # fmt: skip
    assert write.exit_code == 1
    assert "refused" in write.output
    assert count(driver, dataset) == before


def test_unreachable_server_is_one_clear_error(every_rule_dir: Path) -> None:
    result = invoke("load", str(every_rule_dir), "--neo4j", "bolt://127.0.0.1:1")
    assert result.exit_code == 1
    assert "cannot reach Neo4j" in result.output
    assert "Traceback" not in result.output
