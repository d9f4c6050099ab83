"""Helpers shared by several commands: reading an inventory, connecting to Neo4j."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from interop.cli.console import Failure
from interop.cli.steps import Steps
from interop.inventory.errors import InventoryError

if TYPE_CHECKING:
    import neo4j

    from interop.inventory.columnar import Early
    from interop.inventory.model import Inventory


def read_inventory(
    path: Path,
    steps: Steps | None = None,
    *,
    parallel: bool = True,
    meanwhile: Callable[[], object] | None = None,
    alone: Callable[[], object] | None = None,
    early: Early | None = None,
) -> Inventory:
    """Read and validate an inventory, as two steps (``read``: the cells as written, with
    rows/s; ``validate``); an unreadable inventory is a Failure (exit 1). ``parallel``: a
    table of a city's size has some columns read (from a CSV file) or parsed by a forked
    copy of the process (where it may fork: :mod:`interop.inventory.read_beside`,
    :mod:`interop.inventory.beside`); ``meanwhile``: what the command does later and may
    do instead of waiting for such a copy
    (:attr:`~interop.inventory.beside.ColumnsBeside.meanwhile`); ``alone``: called when no
    copy reads a file (the other core stays free while this process reads: ``analyze``
    has the report's drawer get ready); ``early``: what validation tells of a table as soon
    as it can (:func:`interop.inventory.columnar.validate_columns`)."""
    from interop.loaders.csv_lines import ReadWhole

    steps = steps or Steps()
    try:
        try:
            return _read_and_validate(path, steps, parallel, parallel, meanwhile, alone, early)
        except ReadWhole:  # a cell the copy read is not UTF-8: every file read whole
            return _read_and_validate(path, steps, parallel, False, meanwhile, alone, early)
    except InventoryError as exc:
        raise Failure(str(exc)) from None


def _read_and_validate(
    path: Path,
    steps: Steps,
    parallel: bool,
    read_beside: bool,
    meanwhile: Callable[[], object] | None,
    alone: Callable[[], object] | None,
    early: Early | None = None,
) -> Inventory:
    from interop.inventory import read_beside as reading_beside

    # before the read step's display, and before the validator's modules: the copy
    # imports its own while this process does
    reading = reading_beside.read_beside(path) if read_beside else {}
    if not reading and alone is not None:
        alone()
    from interop.inventory.beside import parse_beside
    from interop.inventory.validate import validate
    from interop.loaders import read_raw_tables

    try:
        with steps("read") as step:
            raws = read_raw_tables(path, reading)
            step.counted(sum(len(raw) for raw in raws))
        taken = {name: f.running for name, f in reading.items() if not f.dropped}
        beside = parse_beside(raws, str(path), taken) if parallel else None  # between steps
        if beside is not None:
            beside.meanwhile = meanwhile
    except BaseException:
        reading_beside.stop(reading.values())
        raise
    with steps("validate") as step:
        inventory = validate(raws, str(path), beside=beside, step=steps, early=early)
        step.counted(sum(len(raw) for raw in raws))
    return inventory


def open_driver(uri: str | None) -> neo4j.Driver:
    """Connect to Neo4j (``--neo4j`` or NEO4J_URI); an unreachable server is a Failure
    (exit 1), a URI that is none a usage error (exit 2)."""
    from neo4j.exceptions import AuthError, ConfigurationError, DriverError, Neo4jError

    from interop.neo4j.settings import connect

    try:
        driver = connect(uri)
    except (ConfigurationError, ValueError) as exc:  # a usage error: exit 2
        raise click.UsageError(f"{uri or 'NEO4J_URI'} is not a Neo4j URI: {exc}") from None
    try:
        driver.verify_connectivity()
    except (DriverError, Neo4jError, AuthError, OSError, ValueError) as exc:
        driver.close()
        where = uri or "NEO4J_URI"
        raise Failure(
            f"cannot reach Neo4j at {where}: {exc}. Start the local server with "
            "`make neo4j-up` (or `interop neo4j up`), or set NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD."
        ) from None
    return driver


@contextmanager
def neo4j_failures(uri: str | None, doing: str) -> Iterator[None]:
    """Turn what Neo4j can do to a running command (the server goes away, a transaction is
    terminated, a load fails) into one ``error:`` line (exit 1) saying what was being done."""
    from neo4j.exceptions import DriverError, Neo4jError

    from interop.neo4j.load import LoadError

    try:
        yield
    except LoadError as exc:
        raise Failure(f"{doing} at {uri or 'NEO4J_URI'}: {_one_line(str(exc))}") from None
    except (DriverError, Neo4jError, OSError) as exc:
        detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        raise Failure(
            f"{doing} at {uri or 'NEO4J_URI'} failed: {_one_line(detail)} "
            "(did the server stop, or was the transaction terminated?)"
        ) from None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def dataset_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``--dataset``: a non-empty name (a usage error otherwise, exit 2)."""
    if not value or not value.strip():
        raise click.BadParameter("a dataset needs a name (not empty)")
    return value
