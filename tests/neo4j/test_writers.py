"""Batches written by several sessions at once, and held in columns: the same graph as one
writer leaves, values that became unknown removed, deadlock retries counted, not shown."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _load_helpers import Tables, edited, inventory_of, read_tables
from neo4j import Driver
from neo4j.exceptions import TransientError

from interop.neo4j.load import load_inventory
from interop.neo4j.rows import Batch, _runs, relationship_batches, relationship_rows_for
from interop.neo4j.statements import FIRST_SEEN, LAST_SEEN, REL_DATASET, node_statement
from interop.neo4j.writers import DEADLOCK, Writers, _QuietDeadlocks
from interop.schema.graph import NODE_KIND_BY_LABEL, REL_KINDS, SELF

STAMPS = {"dataset", FIRST_SEEN, LAST_SEEN, REL_DATASET}


def _graph(driver: Driver, dataset: str, database: str) -> tuple[dict[Any, Any], list[Any]]:
    """Every node's labels and properties by id, every relationship, stamps left out."""
    records, _, _ = driver.execute_query(
        "MATCH (n {dataset: $d}) RETURN n.id AS id, labels(n) AS labels, properties(n) AS p",
        d=dataset,
        database_=database,
    )
    nodes = {
        r["id"]: (sorted(r["labels"]), {k: v for k, v in r["p"].items() if k not in STAMPS})
        for r in records
    }
    records, _, _ = driver.execute_query(
        "MATCH (a {dataset: $d})-[r]->(b {dataset: $d}) "
        "RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p",
        d=dataset,
        database_=database,
    )
    rels = sorted(
        (r["a"], r["t"], r["b"], sorted((k, str(v)) for k, v in r["p"].items() if k not in STAMPS))
        for r in records
    )
    return nodes, rels


@pytest.mark.neo4j
def test_several_writers_leave_the_graph_one_writer_leaves(
    driver: Driver, neo4j_database: str, tiny: Tables, new_dataset: Callable[[], str]
) -> None:
    tables = edited(tiny)
    for row in tables["cameras"]:
        row["杆 `号`"] = f"G-{row['id']}"
    inventory = inventory_of(tables)
    one, four = new_dataset(), new_dataset()
    load_inventory(driver, inventory, one, batch_size=2, database=neo4j_database, writers=1)
    result = load_inventory(
        driver, inventory, four, batch_size=2, database=neo4j_database, writers=4
    )
    assert _graph(driver, one, neo4j_database) == _graph(driver, four, neo4j_database)
    nodes, _ = _graph(driver, four, neo4j_database)
    assert nodes["C1"][1]["杆 `号`"] == "G-C1"  # a name with a backtick and a space
    assert result.retried == 0 or "written again after a transient error" in str(result)


@pytest.mark.neo4j
def test_a_value_that_became_unknown_disappears_on_reload(
    driver: Driver, neo4j_database: str, tiny: Tables, new_dataset: Callable[[], str]
) -> None:
    tables = edited(tiny)
    tables["cameras"][0]["address"] = "江汉路 1 号"
    for row in tables["systems"]:
        row["备注"] = "note"
    dataset = new_dataset()
    load_inventory(driver, inventory_of(tables), dataset, database=neo4j_database)
    nodes, _ = _graph(driver, dataset, neo4j_database)
    camera, system = tables["cameras"][0]["id"], tables["systems"][0]["id"]
    assert nodes[camera][1]["address"] == "江汉路 1 号" and nodes[system][1]["备注"] == "note"

    tables["cameras"][0]["address"] = ""
    tables["systems"][0]["备注"] = ""
    load_inventory(driver, inventory_of(tables), dataset, database=neo4j_database)
    nodes, _ = _graph(driver, dataset, neo4j_database)
    assert "address" not in nodes[camera][1]  # a camera, loaded from its columns
    assert "备注" not in nodes[system][1]  # a system, loaded from its record
    assert nodes[tables["systems"][1]["id"]][1]["备注"] == "note"


@pytest.mark.neo4j
def test_an_error_in_one_writer_is_raised(driver: Driver, neo4j_database: str) -> None:
    finished: list[int] = []

    def work(tx: Any, n: int) -> int:
        tx.run("RETURN 1 / $n AS x", n=n).consume()
        return n

    with pytest.raises(Exception, match="/ by zero"), Writers(driver, neo4j_database, 2) as w:
        for n in (1, 2, 0, 3, 4, 5):
            w.submit(work, n, then=finished.append)
        w.settle()
    assert finished and 0 not in finished  # results before the error were handed on


def test_the_drivers_deadlock_warnings_are_dropped_and_others_kept() -> None:
    quiet = _QuietDeadlocks()
    deadlock = TransientError._hydrate_neo4j(code=DEADLOCK, message="deadlock")
    other = TransientError._hydrate_neo4j(
        code="Neo.TransientError.Transaction.LockClientStopped", message="stopped"
    )

    def record(error: Exception) -> logging.LogRecord:
        return logging.LogRecord(
            "neo4j.session", logging.WARNING, __file__, 1,
            "Transaction failed and will be retried in %ss (%s)", (1.0, error), None,
        )  # fmt: skip

    assert not quiet.filter(record(deadlock))
    assert quiet.filter(record(other))


def test_writers_and_batches_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Writers(None, "neo4j", 0)  # type: ignore[arg-type]
    batch = Batch.of_rows([{"id": "a", "x": 1}, {"id": "b", "y": [2]}])
    assert batch.columns == {"id": ["a", "b"], "x": [1, None], "y": [None, [2]]}
    assert batch.rows() == [{"id": "a", "x": 1}, {"id": "b", "y": [2]}]
    camera = NODE_KIND_BY_LABEL["Camera"]
    text = node_statement(camera, ("id", "a`b c"))
    assert "`a``b c`: $columns.`a``b c`[i]" in text


@pytest.mark.parametrize(
    "rows, size, stripes", [(0, 3, 2), (10, 3, 1), (10, 3, 2), (7, 2, 3), (1, 5, 4), (5000, 7, 2)]
)
def test_runs_cover_every_row_once_in_batches_no_larger_than_asked(
    rows: int, size: int, stripes: int
) -> None:
    runs = _runs(rows, size, stripes)
    covered = sorted(i for first, last in runs for i in range(first, last))
    assert covered == list(range(rows))
    assert all(0 < last - first <= size for first, last in runs)
    if stripes == 2 and rows > 2 * size:  # the first two batches come from both halves
        assert runs[1][0] >= rows // 2


def test_relationship_batches_are_its_rows_ordered_by_hub(tiny_dir: Path) -> None:
    tables = read_tables(tiny_dir)
    tables["systems"][0]["user_ids"] = "D01;D02;D03"
    inventory = inventory_of(tables)
    for rel in REL_KINDS:
        rows = list(relationship_rows_for(rel, inventory))
        if rel.table == "cameras":
            hub = "end" if rel.start == SELF else "start"
        else:
            hub = min(("start", "end"), key=lambda end: len({row[end] for row in rows}))
        for stripes in (1, 2, 3):
            batches = list(relationship_batches(rel, inventory, 2, stripes=stripes))
            batched = [row for batch in batches for row in batch.rows()]
            assert sorted(map(str, batched)) == sorted(map(str, rows))
            if stripes == 1:
                assert [row[hub] for row in batched] == sorted(row[hub] for row in rows)
