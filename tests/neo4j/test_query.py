"""The specialists' query runner: reads only, parameters stay parameters, three formats."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver

from interop.loaders import load_inventory as read_inventory
from interop.neo4j.load import clear_dataset, load_inventory
from interop.neo4j.query import (
    QueryError,
    QueryRefused,
    format_result,
    parse_param,
    parse_params,
    plain,
    render,
    run_query,
)
from interop.schema.graph import KEY_SPACES

WRITES = [
    "CREATE (n:InteropQueryTest {dataset: $dataset}) RETURN n",
    "MERGE (n:InteropQueryTest {dataset: $dataset}) RETURN n",
    "MATCH (s:System {dataset: $dataset}) SET s.name = 'changed' RETURN s.id",
    "MATCH (s:System {dataset: $dataset}) REMOVE s.name RETURN s.id",
    "MATCH (s:System {dataset: $dataset}) DETACH DELETE s",
    "MATCH (:System {dataset: $dataset})-[f:FLOWS_TO]->() DELETE f",
    "CALL apoc.create.node(['InteropQueryTest'], {dataset: $dataset}) YIELD node RETURN node",
    "MATCH (s:System {dataset: $dataset}) CALL apoc.create.setProperty(s, 'name', 'x') "
    "YIELD node RETURN node",
    "CREATE INDEX interop_query_test IF NOT EXISTS FOR (n:InteropQueryTest) ON (n.dataset)",
    "LOAD CSV FROM 'file:///nothing.csv' AS row CREATE (:InteropQueryTest {dataset: $dataset})",
    "FOREACH (i IN [1] | CREATE (:InteropQueryTest {dataset: $dataset}))",
]


@pytest.fixture(scope="module")
def dataset(driver: Driver, neo4j_database: str, tiny_dir: Path) -> Iterator[str]:
    """The tiny example, loaded under a dataset of its own for this module."""
    name = f"test-query-{uuid.uuid4().hex[:10]}"
    load_inventory(driver, read_inventory(tiny_dir), dataset=name, database=neo4j_database)
    yield name
    clear_dataset(driver, name, database=neo4j_database)


def _snapshot(driver: Driver, database: str, dataset: str) -> tuple[int, int, str, int, int]:
    """What the refused queries could have changed: the test dataset (its nodes and
    relationships, with every property), nodes labelled InteropQueryTest anywhere, and the
    test's index. (Other tests may write other datasets meanwhile.)"""

    def rows(text: str) -> list[dict]:
        records, _, _ = driver.execute_query(text, {"dataset": dataset}, database_=database)
        return [plain(dict(r)) for r in records]

    scoped = " UNION ".join(
        f"MATCH (n:{space}) WHERE n.dataset = $dataset AND n.id IS NOT NULL RETURN n"
        for space in KEY_SPACES
    )
    nodes = rows(f"CALL () {{ {scoped} }} RETURN labels(n) AS l, properties(n) AS p")
    rels = rows(f"CALL () {{ {scoped} }} MATCH (n)-[r]->() RETURN type(r) AS t, properties(r) AS p")
    digest = sorted(json.dumps(x, sort_keys=True, ensure_ascii=False) for x in nodes + rels)
    marked = rows("MATCH (n:InteropQueryTest) RETURN count(n) AS c")[0]["c"]
    index = rows("SHOW INDEXES YIELD name WHERE name = 'interop_query_test' RETURN count(*) AS c")
    return len(nodes), len(rels), "\n".join(digest), marked, index[0]["c"]


def test_the_snapshot_notices_a_write(driver: Driver, neo4j_database: str, dataset: str) -> None:
    """The check the refusal tests rely on sees a one-property change (made, then undone)."""
    before = _snapshot(driver, neo4j_database, dataset)
    change = "MATCH (s:System {dataset: $dataset, id: 'S01'}) SET s.probe = 1"
    driver.execute_query(change, {"dataset": dataset}, database_=neo4j_database)
    try:
        assert _snapshot(driver, neo4j_database, dataset) != before
    finally:
        undo = "MATCH (s:System {dataset: $dataset, id: 'S01'}) REMOVE s.probe"
        driver.execute_query(undo, {"dataset": dataset}, database_=neo4j_database)
    assert _snapshot(driver, neo4j_database, dataset) == before


@pytest.mark.parametrize("text", WRITES)
def test_a_query_that_writes_is_refused_and_changes_nothing(
    driver: Driver, neo4j_database: str, dataset: str, text: str
) -> None:
    before = _snapshot(driver, neo4j_database, dataset)
    with pytest.raises(QueryRefused, match=r"^refused: this query writes"):
        run_query(driver, text, {"dataset": dataset}, database=neo4j_database)
    assert _snapshot(driver, neo4j_database, dataset) == before


def test_refusal_names_the_query_type(driver: Driver, neo4j_database: str, dataset: str) -> None:
    with pytest.raises(QueryRefused) as refused:
        run_query(driver, "CREATE (n:InteropQueryTest) RETURN n", {}, database=neo4j_database)
    assert str(refused.value) == (
        "refused: this query writes (query type 'rw'); interop query only reads"
    )


def test_a_write_hidden_from_the_planner_is_refused_by_the_server(
    driver: Driver, neo4j_database: str, dataset: str
) -> None:
    """apoc.cypher.run is a read-mode procedure: EXPLAIN says 'r', the READ transaction
    stops the CREATE inside it."""
    before = _snapshot(driver, neo4j_database, dataset)
    text = (
        "CALL apoc.cypher.run('CREATE (n:InteropQueryTest {dataset: $d}) RETURN n', "
        "{d: $dataset}) YIELD value RETURN value"
    )
    with pytest.raises(QueryRefused, match=r"^refused: this query writes"):
        run_query(driver, text, {"dataset": dataset}, database=neo4j_database)
    assert _snapshot(driver, neo4j_database, dataset) == before


def test_reads_return_columns_and_rows(driver: Driver, neo4j_database: str, dataset: str) -> None:
    columns, rows = run_query(
        driver,
        "MATCH (s:System {dataset: $dataset}) WHERE s.id IN $ids RETURN s.id AS id, s.name "
        "ORDER BY id",
        {"dataset": dataset, "ids": ["S01", "S02"]},
        database=neo4j_database,
    )
    assert columns == ["id", "s.name"]
    assert rows == [["S01", "社会保险业务系统"], ["S02", "就业服务系统"]]


def test_every_rule_twin_passes_the_runner(
    driver: Driver, neo4j_database: str, dataset: str
) -> None:
    from interop.neo4j.twins import twin_parameters, twin_text
    from interop.parameters import Parameters
    from interop.rules import RULES

    params = twin_parameters(Parameters(as_of=date(2020, 12, 31)), dataset)
    for rule in RULES:
        columns, _ = run_query(driver, twin_text(rule), params, database=neo4j_database)
        assert columns[:2] == ["subjects", "severity"], rule.id


INJECTIONS = [
    "S01' OR 1=1 //",
    "x'}) DETACH DELETE n //",
    '"; MATCH (n) DETACH DELETE n; //',
    "$dataset",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_parameter_stays_a_value(
    driver: Driver, neo4j_database: str, dataset: str, value: str
) -> None:
    before = _snapshot(driver, neo4j_database, dataset)
    name, parsed = parse_param(f"id={value}")
    _, rows = run_query(
        driver,
        "MATCH (s:System {dataset: $dataset}) WHERE s.id = $id RETURN s.id AS id, $id AS given",
        {"dataset": dataset, name: parsed},
        database=neo4j_database,
    )
    assert rows == []
    _, rows = run_query(driver, "RETURN $id AS given", {"id": parsed})
    assert rows == [[value]]
    assert _snapshot(driver, neo4j_database, dataset) == before


def test_a_syntax_error_is_one_clear_error(driver: Driver, neo4j_database: str) -> None:
    with pytest.raises(QueryError, match="the server rejected the query"):
        run_query(driver, "MATCH (n RETURN n", {}, database=neo4j_database)
    with pytest.raises(QueryError, match="empty"):
        run_query(driver, "   ", {}, database=neo4j_database)


def test_a_missing_parameter_is_an_error(driver: Driver, neo4j_database: str) -> None:
    with pytest.raises(QueryError, match="dataset"):
        run_query(driver, "MATCH (s:System {dataset: $dataset}) RETURN s", {})


def test_explain_and_profile_prefixes_are_accepted(driver: Driver, neo4j_database: str) -> None:
    columns, rows = run_query(driver, "PROFILE RETURN 1 AS one", {}, database=neo4j_database)
    assert (columns, rows) == (["one"], [[1]])
    with pytest.raises(QueryRefused):
        run_query(driver, "PROFILE CREATE (n:InteropQueryTest)", {}, database=neo4j_database)


# -- parameters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("n=3", ("n", 3)),
        ("x=0.5", ("x", 0.5)),
        ("ok=true", ("ok", True)),
        ("none=null", ("none", None)),
        ('ids=["S01","S02"]', ("ids", ["S01", "S02"])),
        ('s="3"', ("s", "3")),
        ("name=市公安局", ("name", "市公安局")),
        ("as_of=2020-12-31", ("as_of", "2020-12-31")),
        ("eq=a=b", ("eq", "a=b")),
        ("empty=", ("empty", "")),
        (" dataset =tiny", ("dataset", "tiny")),
    ],
)
def test_parse_param(item: str, expected: tuple[str, object]) -> None:
    assert parse_param(item) == expected


@pytest.mark.parametrize("item", ["novalue", "=3", "bad name=1", "1x=2"])
def test_parse_param_rejects_what_is_not_a_parameter(item: str) -> None:
    with pytest.raises(QueryError):
        parse_param(item)


def test_parse_params_later_wins() -> None:
    assert parse_params(["a=1", "b=x", "a=2"]) == {"a": 2, "b": "x"}


# -- formats ---------------------------------------------------------------------------------

FORMAT_QUERY = """
MATCH (c:Camera {dataset: $dataset, id: 'C1'})-[r:DEPLOYED_ON]->(n:Network)
MATCH p = (c)-[:DEPLOYED_ON]->(n)
RETURN c.id AS id, c, r, p, c.location AS location, date('2020-12-31') AS day,
       duration({days: 3}) AS span, [1, 2.5, 'x'] AS list, {k: 'v'} AS map, null AS nothing,
       '市公安局' AS name
"""


@pytest.fixture(scope="module")
def result(driver: Driver, neo4j_database: str, dataset: str) -> tuple[list[str], list[list]]:
    return run_query(driver, FORMAT_QUERY, {"dataset": dataset}, database=neo4j_database)


def test_json_output(result: tuple[list[str], list[list]], dataset: str) -> None:
    data = json.loads(render(*result, "json"))
    assert len(data) == 1
    row = data[0]
    assert row["id"] == "C1"
    assert row["c"]["labels"] == ["Camera"]
    assert row["c"]["properties"]["id"] == "C1"
    assert row["c"]["properties"]["dataset"] == dataset
    assert row["r"]["type"] == "DEPLOYED_ON"
    assert row["r"]["start"] == row["c"]["element_id"]
    assert [n["properties"]["id"] for n in row["p"]["nodes"]] == ["C1", "N5"]
    assert [r["type"] for r in row["p"]["relationships"]] == ["DEPLOYED_ON"]
    assert row["location"] == {"crs": "wgs-84", "longitude": 114.3, "latitude": 30.58}
    assert row["day"] == "2020-12-31"
    assert row["span"] == "P3D"
    assert row["list"] == [1, 2.5, "x"]
    assert row["map"] == {"k": "v"}
    assert row["nothing"] is None
    assert row["name"] == "市公安局"


def test_csv_output(result: tuple[list[str], list[list]]) -> None:
    text = format_result(result, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "id", "c", "r", "p", "location", "day", "span", "list", "map", "nothing", "name"
    ]  # fmt: skip
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["id"] == "C1"
    assert json.loads(cells["c"])["properties"]["id"] == "C1"
    assert json.loads(cells["location"])["latitude"] == 30.58
    assert cells["day"] == "2020-12-31"
    assert json.loads(cells["list"]) == [1, 2.5, "x"]
    assert cells["nothing"] == ""
    assert cells["name"] == "市公安局"


def test_table_output(result: tuple[list[str], list[list]]) -> None:
    text = render(*result, "table", width=400)
    assert "id" in text.splitlines()[1]
    assert "C1" in text and "2020-12-31" in text and "市公安局" in text
    assert "1 row(s)" in text


def test_unknown_format(result: tuple[list[str], list[list]]) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(*result, "yaml")
