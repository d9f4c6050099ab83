"""Batches built ahead in a thread, and relationship counts without building rows."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from _load_helpers import inventory_of, read_tables

from interop.neo4j.prefetch import prefetch
from interop.neo4j.rows import (
    node_batches,
    node_rows,
    relationship_batches,
    relationship_count,
    relationship_rows_for,
)
from interop.schema.graph import NODE_KINDS, REL_KINDS, relationship_rows


def test_prefetch_yields_everything_in_order() -> None:
    assert list(prefetch(iter(range(1000)), depth=2)) == list(range(1000))


def test_prefetch_raises_the_producers_error_in_place() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("bad row")

    seen = []
    with pytest.raises(ValueError, match="bad row"):
        for item in prefetch(items()):
            seen.append(item)
    assert seen == [1, 2]


def test_closing_prefetch_early_stops_the_producer() -> None:
    produced = []

    def endless() -> Iterator[int]:
        n = 0
        while True:
            produced.append(n)
            yield n
            n += 1

    before = threading.active_count()
    with closing(prefetch(endless(), depth=2)) as ready:
        assert next(ready) == 0
    time.sleep(0.3)
    assert threading.active_count() == before
    assert len(produced) <= 5


def test_batches_and_counts_agree_with_the_rows(tiny_dir: Path) -> None:
    tables = read_tables(tiny_dir)
    tables["systems"][0]["user_ids"] = "D01;D02;D03"
    inventory = inventory_of(tables)
    for kind in NODE_KINDS:
        records = inventory.records(kind.table)
        batched = [row for batch in node_batches(kind, inventory, 3) for row in batch.rows()]
        assert batched == node_rows(kind, records)
    for rel in REL_KINDS:
        rows = list(relationship_rows_for(rel, inventory))
        assert relationship_count(rel, inventory) == len(rows)
        batches = list(relationship_batches(rel, inventory, 2))
        batched = [row for batch in batches for row in batch.rows()]
        assert sorted(map(str, batched)) == sorted(map(str, rows))  # ordered by hub
        assert all(0 < len(batch) <= 2 for batch in batches)


def test_camera_rows_from_columns_are_the_rows_of_their_records(tiny_dir: Path) -> None:
    """Cameras are held in columns (issue 7): their node and relationship rows are made from
    the arrays, and are exactly what their records would give."""
    tables = read_tables(tiny_dir)
    tables["cameras"][0]["network_id"] = ""
    tables["cameras"][1]["杆号"] = "G-1"
    inventory = inventory_of(tables)
    assert "cameras" in inventory.columns
    cameras = inventory.cameras  # records made from the columns
    for kind in NODE_KINDS:
        if kind.table == "cameras":
            batched = [row for batch in node_batches(kind, inventory, 4) for row in batch.rows()]
            assert batched == node_rows(kind, cameras)
            assert any(row.get("杆号") == "G-1" for row in batched)
    for rel in REL_KINDS:
        if rel.table == "cameras":
            rows = list(relationship_rows_for(rel, inventory))
            declared = [{"start": r.start, "end": r.end} for r in relationship_rows(rel, cameras)]
            assert rows == declared and relationship_count(rel, inventory) == len(rows)


@pytest.mark.parametrize("seed", [3, 11])
def test_camera_rows_of_a_generated_city_are_the_rows_of_their_records(seed: int) -> None:
    """Every kind of camera cell (each coordinate system, standard and status, empty or
    not, dates, costs, extras): the rows made a column at a time are the records' rows."""
    from raw_tables import raw_tables

    from interop.generate import generate_city
    from interop.inventory.validate import validate

    tables = generate_city(seed=seed, scale=0.3, lang="en")
    for k, camera in enumerate(tables["cameras"]):
        if k % 7 == 0:
            camera["status"] = camera["standard"] = ""
        if k % 11 == 0:
            camera["杆号"] = f"G-{k}"
    inventory = validate(raw_tables(tables), f"generated seed={seed}")
    cameras = inventory.cameras
    for kind in NODE_KINDS:
        if kind.table == "cameras":
            batched = [row for batch in node_batches(kind, inventory, 500) for row in batch.rows()]
            assert batched == node_rows(kind, cameras)
