"""cypher/README.md describes the graph the loader writes, and its example query works."""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from interop.geo.distance import haversine_m
from interop.loaders import load_inventory as read_inventory
from interop.neo4j.load import clear_dataset, load_inventory
from interop.neo4j.statements import NODE_STAMPS, REL_STAMPS
from interop.paths import cypher_dir
from interop.rules import RULES
from interop.schema.graph import KEY_SPACES, NODE_KINDS, REL_KINDS

README = cypher_dir() / "README.md"


def _text() -> str:
    return README.read_text(encoding="utf-8")


def test_readme_names_every_label_type_column_and_stamp() -> None:
    text = _text()
    for kind in NODE_KINDS:
        assert f"`{kind.label}`" in text
        row = next(line for line in text.splitlines() if line.startswith(f"| `{kind.label}"))
        for column in kind.source.columns():
            assert f"`{column}`" in row, (kind.label, column)
    for space in KEY_SPACES:
        assert f"`{space}`" in text
    for rel in REL_KINDS:
        assert f"| `{rel.type}` |" in text
    for stamp in NODE_STAMPS | REL_STAMPS:
        assert f"`{stamp}`" in text


def _proximity_query() -> str:
    blocks = re.findall(r"```cypher\n(.*?)```", _text(), flags=re.DOTALL)
    (query,) = [b for b in blocks if "point.distance" in b]
    return "\n".join(line.strip() for line in query.splitlines())


@pytest.fixture
def tiny_dataset(driver: Driver, neo4j_database: str, every_rule_dir: Path) -> Iterator[str]:
    """The repository's every-rule inventory, loaded into a dataset of its own."""
    dataset = f"test-{uuid.uuid4().hex[:10]}"
    inventory = read_inventory(every_rule_dir)
    load_inventory(driver, inventory, dataset, database=neo4j_database)
    yield dataset
    clear_dataset(driver, dataset, database=neo4j_database)


def test_readme_proximity_query_uses_the_point_index_and_matches_python(
    driver: Driver, neo4j_database: str, tiny_dataset: str
) -> None:
    query = _proximity_query()
    params = {"dataset": tiny_dataset, "camera_radius_m": 50.0}
    _, summary, _ = driver.execute_query("EXPLAIN " + query, params, database_=neo4j_database)
    assert "POINT INDEX" in str(summary.plan)
    records, _, _ = driver.execute_query(query, params, database_=neo4j_database)
    found = {(r["a.id"], r["b.id"]): r["metres"] for r in records}

    cams, _, _ = driver.execute_query(
        "MATCH (c:Camera) WHERE c.dataset = $d RETURN c.id AS id, c.wgs84_lat AS lat, "
        "c.wgs84_lon AS lon",
        d=tiny_dataset,
        database_=neo4j_database,
    )
    expected = {}
    for a, b in itertools.combinations(sorted(cams, key=lambda c: c["id"]), 2):
        metres = float(haversine_m(a["lat"], a["lon"], b["lat"], b["lon"]))
        if metres < 50.0:
            expected[(a["id"], b["id"])] = metres
    assert expected
    assert found.keys() == expected.keys()
    for pair, metres in expected.items():
        assert found[pair] == pytest.approx(metres, abs=1e-6)


def test_scaled_point_distance_is_the_python_distance_far_apart(
    driver: Driver, neo4j_database: str, tiny_dataset: str
) -> None:
    records, _, _ = driver.execute_query(
        "MATCH (a:Camera {dataset: $d, id: 'K01'}), (b:Camera {dataset: $d, id: 'K08'}) "
        "RETURN point.distance(a.location, b.location) AS raw, a.wgs84_lat AS lat1, "
        "a.wgs84_lon AS lon1, b.wgs84_lat AS lat2, b.wgs84_lon AS lon2",
        d=tiny_dataset,
        database_=neo4j_database,
    )
    (r,) = records
    metres = float(haversine_m(r["lat1"], r["lon1"], r["lat2"], r["lon2"]))
    assert metres > 500
    assert r["raw"] * 6371008.8 / 6378140.0 == pytest.approx(metres, abs=1e-6)
    assert r["raw"] != pytest.approx(metres, abs=0.5)  # unscaled, 0.11 % too long


def test_readme_lists_every_twin_with_its_parameters() -> None:
    """The Rule twins table names every twin and exactly the parameters it takes, and the
    Parameters table every one of them."""
    rows = {
        line.split("|")[1].strip(): line.split("|")[2]
        for line in _text().splitlines()
        if line.startswith("| `") and line.count("|") == 4
    }
    for rule in RULES:
        assert f"`{rule.id}`" in rows, rule.id
        named = set(re.findall(r"`\$([a-z_]+)`", rows[f"`{rule.id}`"]))
        assert named == set(rule.parameters), rule.id
    parameters = set(re.findall(r"^\| `\$([a-z_]+)` \|", _text(), flags=re.MULTILINE))
    assert {p for rule in RULES for p in rule.parameters} <= parameters
