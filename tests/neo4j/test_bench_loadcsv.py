"""The benchmark's LOAD CSV baseline writes the same graph as interop (on the tiny example)."""

from __future__ import annotations

import importlib.util
import uuid
from pathlib import Path
from types import ModuleType

import pytest
from _load_helpers import db_counts, inventory_of, read_tables
from neo4j import Driver

from interop.neo4j.load import clear_dataset, load_inventory

BENCH = Path(__file__).resolve().parents[2] / "bench" / "load.py"
STAMPS = {"first_seen", "last_seen"}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_load", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("concurrent", [0, 2])  # (2: nodes IN 2 CONCURRENT TRANSACTIONS)
def test_loadcsv_baseline_writes_the_same_graph(
    driver: Driver,
    neo4j_server,
    neo4j_database: str,
    tiny_dir: Path,  # type: ignore[no-untyped-def]
    concurrent: int,
) -> None:
    if not neo4j_server.local:
        pytest.skip("LOAD CSV needs the local server's import directory")
    bench = _bench()
    ours, theirs = (f"test-{uuid.uuid4().hex[:10]}" for _ in range(2))
    try:
        load_inventory(driver, inventory_of(read_tables(tiny_dir)), ours, database=neo4j_database)
        bench.load_with_loadcsv(driver, tiny_dir, theirs, neo4j_database, concurrent)
        assert db_counts(driver, theirs, neo4j_database) == db_counts(driver, ours, neo4j_database)
        query = (
            "MATCH (n) WHERE n.dataset = $d AND NOT n:Camera "
            "RETURN labels(n) AS labels, properties(n) AS p ORDER BY n.id"
        )
        rows = {}
        for name in (ours, theirs):
            records, _, _ = driver.execute_query(query, d=name, database_=neo4j_database)
            rows[name] = [
                (sorted(r["labels"]), {k: v for k, v in r["p"].items() if k not in STAMPS})
                for r in records
            ]
            for _, props in rows[name]:
                props.pop("dataset")
        assert rows[ours] == rows[theirs]
    finally:
        for name in (ours, theirs):
            clear_dataset(driver, name, database=neo4j_database)
