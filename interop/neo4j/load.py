"""Idempotent, batched loading of a validated inventory into Neo4j.

A load writes one *dataset* (a name; the same ids may live in several datasets) under a
fresh *run tag*:

1. constraints and indexes (``IF NOT EXISTS``), then wait until they are online;
2. nodes, kind by kind, in ``UNWIND`` batches held in columns
   (:class:`~interop.neo4j.rows.Batch`), each in its own managed transaction
   (``session.execute_write`` retries transient errors; every statement is a MERGE, so a
   retried batch writes the same thing), a few at once on their own sessions
   (:mod:`interop.neo4j.writers`), one kind after another;
3. relationships, kind by kind, the same way (batches are built in a background thread
   while the ones before are written);
4. cleanup, only when 2 and 3 succeeded: whatever in that dataset the run did not write
   (``last_seen`` differs from the run tag) is deleted, in batches; skipped when the
   dataset was empty before the load. A failed load removes nothing.

Loading the same inventory again leaves the same graph (``first_seen`` keeps the first
run's tag, ``last_seen`` takes the new one).
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

import neo4j

from interop.inventory.model import Inventory
from interop.neo4j.collected import delete_collected, write_collected
from interop.neo4j.prefetch import prefetch
from interop.neo4j.rows import (
    Batch,
    node_batches,
    relationship_batches,
    relationship_count,
)
from interop.neo4j.settings import default_database
from interop.neo4j.statements import (
    RELATIONSHIP_STATEMENTS,
    cleanup_statements,
    clear_statements,
    exists_statements,
    node_statement,
    schema_statements,
)
from interop.neo4j.writers import DEFAULT_WRITERS, Writers
from interop.schema.graph import NODE_KINDS, REL_KINDS, NodeKind, RelKind

DELETE_BATCH = 10_000
"""Elements deleted per transaction by cleanup and :func:`clear_dataset`."""
INDEX_TIMEOUT_S = 300


class LoadError(RuntimeError):
    """A load failed; nothing was removed from the dataset."""


Progress = Callable[[int, int], None]
"""Called after every batch with (rows written so far, rows this load writes)."""


@dataclass
class LoadResult:
    """What a load wrote: rows per label and type, what it created and deleted, how long."""

    dataset: str
    run: str
    database: str
    nodes: dict[str, int] = field(default_factory=dict)
    """Node rows written (merged) per label."""
    relationships: dict[str, int] = field(default_factory=dict)
    """Relationship rows written (merged) per type."""
    nodes_created: int = 0
    relationships_created: int = 0
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    retried: int = 0
    """Batches written again after a transient error (a deadlock between two writers)."""
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per phase: ``prepare`` (planning), ``schema``, ``nodes``, ``relationships``
    (rows are built from the records during these two, overlapped with the writes),
    ``cleanup``."""

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_relationships(self) -> int:
        return sum(self.relationships.values())

    @property
    def rows(self) -> int:
        """Node plus relationship rows written."""
        return self.total_nodes + self.total_relationships

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0

    def __str__(self) -> str:
        def listing(counts: dict[str, int]) -> str:
            return ", ".join(f"{name} {count}" for name, count in counts.items())

        again = f"; {self.retried} batches written again after a transient error"
        return (
            f"dataset {self.dataset!r} (database {self.database!r}, run {self.run}): "
            f"{self.total_nodes} nodes ({listing(self.nodes)}), "
            f"{self.total_relationships} relationships ({listing(self.relationships)}); "
            f"created {self.nodes_created} nodes and {self.relationships_created} "
            f"relationships, deleted {self.nodes_deleted} nodes and "
            f"{self.relationships_deleted} relationships no longer in the inventory; "
            f"{self.seconds:.1f} s ({self.rows_per_second:,.0f} rows/s)"
            + (again if self.retried else "")
        )


def new_run_tag() -> str:
    """A unique, sortable run tag: UTC ISO timestamp + 8 hex digits of a uuid4."""
    stamp = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return f"{stamp}~{uuid.uuid4().hex[:8]}"


def _write(tx: neo4j.ManagedTransaction, statement: str, params: dict[str, Any]) -> Counter[str]:
    counters = tx.run(statement, params).consume().counters
    return Counter(
        nodes=counters.nodes_created,
        relationships=counters.relationships_created,
    )


def _delete(tx: neo4j.ManagedTransaction, statement: str, params: dict[str, Any]) -> int:
    record = tx.run(statement, params).single(strict=True)
    return int(record["deleted"])


def ensure_schema(driver: neo4j.Driver, database: str | None = None) -> None:
    """Create every constraint and index the load needs (idempotent) and wait for them."""
    database = database or default_database()
    for statement in schema_statements():
        driver.execute_query(statement, database_=database)
    driver.execute_query(
        "CALL db.awaitIndexes($timeout)", {"timeout": INDEX_TIMEOUT_S}, database_=database
    )


@dataclass(frozen=True)
class _Step:
    """One statement of a load and the rows it writes, built in batches when needed."""

    phase: str
    """``"nodes"`` or ``"relationships"``."""
    name: str
    """Label or relationship type."""
    statement: Callable[[Batch], str]
    """The statement that writes a batch (a node statement names the batch's columns)."""
    rows: int
    batches: Callable[[int], Iterator[Batch]]


def _node_statement(kind: NodeKind) -> Callable[[Batch], str]:
    def statement(batch: Batch) -> str:
        return node_statement(kind, batch.names)

    return statement


def _relationship_statement(kind: RelKind) -> Callable[[Batch], str]:
    def statement(batch: Batch) -> str:
        return RELATIONSHIP_STATEMENTS[kind]

    return statement


def _plan(inventory: Inventory, writers: int) -> list[_Step]:
    """Every step of a load, in order: nodes kind by kind, then relationships (each one's
    batches in as many runs by hub as there are writers)."""
    steps: list[_Step] = []
    for kind in NODE_KINDS:
        count = inventory.count(kind.table)
        if count:
            batches = partial(node_batches, kind, inventory)
            steps.append(_Step("nodes", kind.label, _node_statement(kind), count, batches))
    for rel in REL_KINDS:
        count = relationship_count(rel, inventory)
        if count:
            batches = partial(relationship_batches, rel, inventory, stripes=writers)
            statement = _relationship_statement(rel)
            steps.append(_Step("relationships", rel.type, statement, count, batches))
    return steps


def _write_steps(
    writers: Writers,
    steps: Iterable[_Step],
    params: dict[str, Any],
    batch_size: int,
    result: LoadResult,
    tick: Callable[[int], None],
) -> None:
    """Write every batch of ``steps`` (built one batch ahead in a background thread), as
    many at once as there are writers; a step ends before the next begins (relationships
    need both ends; a node kind may move the nodes of one before it to its own label)."""

    def done(step: _Step, rows: int) -> Callable[[Counter[str]], None]:
        def then(created: Counter[str]) -> None:
            result.nodes_created += created["nodes"]
            result.relationships_created += created["relationships"]
            counts = result.nodes if step.phase == "nodes" else result.relationships
            counts[step.name] = counts.get(step.name, 0) + rows
            tick(rows)

        return then

    batches = ((step, batch) for step in steps for batch in step.batches(batch_size))
    current: _Step | None = None
    with closing(prefetch(batches)) as ready:
        for step, batch in ready:
            if step is not current:
                writers.settle()
                current = step
            values = {**params, "count": len(batch), "columns": batch.columns}
            writers.submit(_write, step.statement(batch), values, then=done(step, len(batch)))
        writers.settle()


def _write_nodes(
    writers: Writers,
    plan: list[_Step],
    params: dict[str, Any],
    batch_size: int,
    result: LoadResult,
    tick: Callable[[int], None],
) -> None:
    steps = [s for s in plan if s.phase == "nodes"]
    _write_steps(writers, steps, params, batch_size, result, tick)


def _write_relationships(
    writers: Writers,
    plan: list[_Step],
    params: dict[str, Any],
    batch_size: int,
    result: LoadResult,
    tick: Callable[[int], None],
) -> None:
    steps = [s for s in plan if s.phase == "relationships"]
    _write_steps(writers, steps, params, batch_size, result, tick)


def _is_empty(session: neo4j.Session, dataset: str) -> bool:
    """True when ``dataset`` has no node yet (then a load leaves nothing stale behind)."""

    def probe(tx: neo4j.ManagedTransaction) -> bool:
        return all(
            tx.run(statement, dataset=dataset).single() is None for statement in exists_statements()
        )

    return bool(session.execute_read(probe))


def _run_deletes(
    session: neo4j.Session, statements: Sequence[str], params: dict[str, Any]
) -> tuple[int, int]:
    """Run batched delete statements until each deletes nothing more; (nodes, rels) deleted."""
    nodes = rels = 0
    for statement in statements:
        is_node = "DETACH DELETE" in statement
        while True:
            deleted = session.execute_write(_delete, statement, {**params, "limit": DELETE_BATCH})
            if is_node:
                nodes += deleted
            else:
                rels += deleted
            if deleted < DELETE_BATCH:
                break
    return nodes, rels


def load_inventory(
    driver: neo4j.Driver,
    inventory: Inventory,
    dataset: str = "default",
    batch_size: int = 5000,
    database: str | None = None,
    progress: Progress | None = None,
    writers: int = DEFAULT_WRITERS,
) -> LoadResult:
    """Load ``inventory`` into ``dataset``: MERGE every node and relationship, then delete
    what this run did not write (only in ``dataset``, only after everything loaded).

    ``database`` defaults to ``NEO4J_DATABASE`` (``neo4j``). ``progress(done, total)`` is
    called after every batch with the rows written so far and the rows of the whole load.
    ``writers`` batches are written at once, each on its own session
    (:mod:`interop.neo4j.writers`).
    Raises :class:`LoadError` (from the original error) when a batch fails; then nothing
    has been deleted.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    database = database or default_database()
    pool = Writers(driver, database, writers)  # (sessions opened when the writes begin)
    if not dataset:
        raise ValueError("dataset must be a non-empty name")
    started = time.perf_counter()
    run = new_run_tag()
    result = LoadResult(dataset=dataset, run=run, database=database)
    params = {"dataset": dataset, "run": run}

    plan = _plan(inventory, pool.count)
    total = sum(step.rows for step in plan)
    mark = time.perf_counter()
    result.timings["prepare"] = mark - started
    ensure_schema(driver, database)
    result.timings["schema"] = time.perf_counter() - mark
    mark = time.perf_counter()
    done = 0

    def tick(rows: int) -> None:
        nonlocal done
        done += rows
        if progress is not None:
            progress(done, total)

    with driver.session(database=database) as session:
        fresh = _is_empty(session, dataset)
    try:
        with pool:
            _write_nodes(pool, plan, params, batch_size, result, tick)
            result.timings["nodes"] = time.perf_counter() - mark
            mark = time.perf_counter()
            _write_relationships(pool, plan, params, batch_size, result, tick)
            result.timings["relationships"] = time.perf_counter() - mark
    except Exception as exc:
        raise LoadError(
            f"loading dataset {dataset!r} failed after {done} of {total} rows: {exc}; "
            "nothing was removed"
        ) from exc
    finally:
        result.retried = pool.retried
    with driver.session(database=database) as session:
        mark = time.perf_counter()
        if not fresh:  # a dataset that was empty has nothing stale
            result.nodes_deleted, result.relationships_deleted = _run_deletes(
                session, cleanup_statements(), params
            )
        result.timings["cleanup"] = time.perf_counter() - mark
        write_collected(session, dataset, run, inventory.report.columns)
    result.seconds = time.perf_counter() - started
    return result


def clear_dataset(driver: neo4j.Driver, dataset: str, database: str | None = None) -> int:
    """Delete every node of ``dataset`` and its relationships; return the nodes deleted.

    Other datasets, and anything not written by interop, are left alone. Runs in batched
    auto-commit transactions; if it is interrupted, run it again.
    """
    database = database or default_database()
    nodes = 0
    with driver.session(database=database) as session:
        for statement in clear_statements():
            summary = session.run(statement, {"dataset": dataset, "limit": DELETE_BATCH}).consume()
            nodes += summary.counters.nodes_deleted
        delete_collected(session, dataset)
    return nodes
