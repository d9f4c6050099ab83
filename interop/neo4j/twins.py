"""The Cypher twins of the rules: ``cypher/rules/<rule id>.cypher``, read and run in Neo4j.

A twin answers its rule's question inside Neo4j and returns one row per finding (for
``camera.duplicate_site``, one row per duplicate pair): the columns ``subjects`` and
``severity``, then evidence columns named like the keys of the Python rule's evidence.
Its parameters are ``$dataset`` and the fields of :class:`~interop.parameters.Parameters`
it needs, under the same names. Twins only read; they run in read transactions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neo4j import Driver, RoutingControl

from interop.neo4j.query import plain
from interop.neo4j.settings import default_database
from interop.parameters import Parameters
from interop.paths import cypher_dir
from interop.rules.base import TWIN_COLUMNS, Rule

RESERVED_COLUMNS = TWIN_COLUMNS
"""Columns every twin returns first; all its other columns are evidence."""

Row = dict[str, Any]


class TwinError(RuntimeError):
    """A twin is missing or returned something the engine cannot turn into findings."""


def twin_path(rule: Rule) -> Path:
    """The Cypher twin of ``rule``: ``cypher/rules/<rule id>.cypher``."""
    return cypher_dir() / rule.cypher


def twin_text(rule: Rule) -> str:
    """The text of ``rule``'s twin (TwinError when the file is missing)."""
    path = twin_path(rule)
    if not path.is_file():
        raise TwinError(f"rule {rule.id} has no Cypher twin at {path}")
    return path.read_text(encoding="utf-8")


def twin_parameters(parameters: Parameters, dataset: str) -> dict[str, Any]:
    """The query parameters of every twin: ``$dataset`` and every field of Parameters
    (``$as_of`` as a date). A twin ignores those it does not use."""
    return {"dataset": dataset, **parameters.model_dump()}


def run_twin(
    driver: Driver,
    rule: Rule,
    parameters: Parameters,
    dataset: str,
    database: str | None = None,
) -> list[Row]:
    """The rows of ``rule``'s twin on ``dataset``, run in a read transaction, as plain data
    (:func:`interop.neo4j.query.plain`). ``database`` defaults to ``NEO4J_DATABASE``
    (``neo4j``), where the loader writes."""
    records, _, keys = driver.execute_query(
        twin_text(rule),
        twin_parameters(parameters, dataset),
        database_=database or default_database(),
        routing_=RoutingControl.READ,
    )
    missing = [c for c in RESERVED_COLUMNS if c not in keys]
    if missing:
        raise TwinError(f"the twin of {rule.id} returns no {' or '.join(missing)} column")
    return [{key: plain(value) for key, value in record.items()} for record in records]
