"""The Neo4j engine (the Cypher twins) on the repository's own every-rule inventory: the
expected findings, and the same documents as the embedded engine in both languages."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from test_engine import _assert_same_document

from interop.analysis import analyze
from interop.inventory.model import Inventory
from interop.loaders import load_inventory as read_inventory
from interop.neo4j.engine import analyze_in_neo4j
from interop.neo4j.load import clear_dataset
from interop.parameters import Parameters


@pytest.fixture(scope="module")
def expected(every_rule_dir: Path) -> dict[str, Any]:
    return json.loads((every_rule_dir / "expected-findings.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def inventory(every_rule_dir: Path) -> Inventory:
    return read_inventory(every_rule_dir)


@pytest.fixture
def dataset(driver: Driver, neo4j_database: str) -> Iterator[str]:
    name = f"test-every-rule-{uuid.uuid4().hex[:10]}"
    yield name
    clear_dataset(driver, name, database=neo4j_database)


def _params(expected: dict[str, Any], lang: str = "zh") -> Parameters:
    return Parameters(
        as_of=date.fromisoformat(expected["as_of"]),
        camera_radius_m=expected["camera_radius_m"],
        lang=lang,
    )


def test_neo4j_gives_exactly_the_expected_findings(
    driver: Driver,
    neo4j_database: str,
    dataset: str,
    inventory: Inventory,
    expected: dict[str, Any],
) -> None:
    document = analyze_in_neo4j(
        driver, inventory, _params(expected), dataset=dataset, database=neo4j_database
    )
    want = {rule: sorted(map(sorted, s)) for rule, s in expected["findings"].items()}
    assert document.subjects_by_rule() == want
    for rule, items in expected["checks"].items():
        got = sorted(
            (f.subjects, sorted(c["check"] for c in f.evidence["checks"]), f.severity.value)
            for f in document.findings
            if f.rule == rule
        )
        assert got == sorted((i["subjects"], i["checks"], i["severity"]) for i in items), rule


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_parity_with_the_embedded_engine(
    driver: Driver,
    neo4j_database: str,
    dataset: str,
    inventory: Inventory,
    expected: dict[str, Any],
    lang: str,
) -> None:
    parameters = _params(expected, lang)
    embedded = analyze(inventory, parameters)
    neo4j = analyze_in_neo4j(
        driver, inventory, parameters, dataset=dataset, database=neo4j_database
    )
    _assert_same_document(embedded, neo4j)
