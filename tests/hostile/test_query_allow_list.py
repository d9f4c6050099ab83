"""Hole 1: the query runner reads only what its allow-list calls a read (real Neo4j)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from hostile.cases import NOT_READS, READS
from interop.loaders import load_inventory as read_inventory
from interop.neo4j.load import clear_dataset, load_inventory
from interop.neo4j.query import QueryRefused, run_query
from interop.neo4j.read_only import called_names


@pytest.fixture(scope="module")
def dataset(driver: Driver, neo4j_database: str, tiny_dir: Path) -> Iterator[str]:
    name = f"test-hostile-query-{uuid.uuid4().hex[:10]}"
    load_inventory(driver, read_inventory(tiny_dir), dataset=name, database=neo4j_database)
    yield name
    clear_dataset(driver, name, database=neo4j_database)


@pytest.mark.parametrize(("text", "named"), NOT_READS)
def test_what_is_not_a_plain_read_is_refused(
    driver: Driver, neo4j_database: str, text: str, named: str
) -> None:
    with pytest.raises(QueryRefused, match=r"^refused: this query writes") as refused:
        run_query(driver, text, {}, database=neo4j_database)
    assert named.casefold() in str(refused.value).casefold()


@pytest.mark.parametrize("text", READS)
def test_plain_reads_still_run(
    driver: Driver, neo4j_database: str, dataset: str, text: str
) -> None:
    columns, _ = run_query(driver, text, {"dataset": dataset}, database=neo4j_database)
    assert columns


def test_terminate_transactions_cannot_kill_a_running_transaction(
    driver: Driver, neo4j_database: str
) -> None:
    """The reproduction: a transaction is running; the runner refuses to terminate it, and
    it goes on to commit."""
    marker = f"interop-hostile-{uuid.uuid4().hex}"
    attack = (
        "SHOW TRANSACTIONS YIELD transactionId AS t, currentQuery AS q "
        f"WHERE q CONTAINS '{marker}' TERMINATE TRANSACTIONS t YIELD message RETURN message"
    )
    with driver.session(database=neo4j_database, fetch_size=1) as session:
        tx = session.begin_transaction()
        result = tx.run(f"UNWIND range(1, 100000) AS x RETURN x, '{marker}' AS m")
        first = next(iter(result))
        assert first["x"] == 1
        shown, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $m "
            "AND NOT currentQuery STARTS WITH 'SHOW' RETURN count(*) AS n",
            {"m": marker},
            database_=neo4j_database,
        )
        assert shown[0]["n"] == 1  # the victim is running and visible
        with pytest.raises(QueryRefused, match="ShowTransactions"):
            run_query(driver, attack, {}, database=neo4j_database)
        assert sum(1 for _ in result) == 99999  # still alive: the rest of its rows come
        tx.commit()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("RETURN apoc.cypher.run('x')", {"apoc.cypher.run"}),
        ("RETURN `apoc`.`cypher`.`run`('x')", {"apoc.cypher.run"}),
        ("RETURN `apoc.cypher.run`('x')", {"apoc.cypher.run"}),
        ("RETURN apoc/**/.cypher\n.run  ('x')", {"apoc.cypher.run"}),
        ("RETURN 'apoc.cypher.run(' AS s", set()),
        ('RETURN "it\\"s apoc.cypher.run(" AS s', set()),
        ("// apoc.cypher.run(\nRETURN 1", set()),
        ("MATCH (n) RETURN count(n)", {"count"}),
    ],
)
def test_called_names_see_through_quotes_comments_and_spacing(text: str, names: set[str]) -> None:
    assert called_names(text) - {"match"} == names
