"""Inventories for the Neo4j tests: the tiny example as editable rows, validated in code."""

from __future__ import annotations

import copy
import csv
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import Driver

from interop.graph import with_cameras
from interop.inventory.model import Inventory
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate
from interop.schema.graph import NODE_KINDS

Tables = dict[str, list[dict[str, Any]]]


def read_tables(folder: Path) -> Tables:
    """Every ``<table>.csv`` of a folder as ``{table: [row, ...]}`` (cells as written)."""
    tables: Tables = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            tables[path.stem] = [dict(row) for row in csv.DictReader(handle)]
    return tables


def inventory_of(tables: Tables, source: str = "test") -> Inventory:
    """Validate ``tables`` as a loader would; fail when a row is rejected."""
    raws = []
    for name, rows in tables.items():
        headers = list(dict.fromkeys(h for row in rows for h in row))
        numbered = [(i, dict(row)) for i, row in enumerate(rows, start=2)]
        raws.append(RawTable(name=name, source=f"{name}.csv", headers=headers, rows=numbered))
    inventory = validate(raws, source)
    assert not inventory.report.rejected, [str(r) for r in inventory.report.rejected]
    return inventory


def edited(tables: Tables) -> Tables:
    """A deep copy to change."""
    return copy.deepcopy(tables)


def graph_counts(graph: nx.MultiDiGraph) -> tuple[Counter[str], Counter[str]]:
    """Nodes per label and relationships per type of an embedded graph (cameras counted
    as the nodes and relationships Neo4j holds of them)."""
    graph = with_cameras(graph)
    nodes = Counter(data["label"] for _, data in graph.nodes(data=True))
    rels = Counter(data["type"] for _, _, data in graph.edges(data=True))
    return nodes, rels


def db_counts(
    driver: Driver, dataset: str, database: str = "neo4j"
) -> tuple[Counter[str], Counter[str]]:
    """Nodes per label and relationships per type of one dataset in Neo4j."""
    nodes: Counter[str] = Counter()
    for kind in NODE_KINDS:
        records, _, _ = driver.execute_query(
            f"MATCH (n:`{kind.label}`) WHERE n.dataset = $dataset RETURN count(n) AS c",
            dataset=dataset,
            database_=database,
        )
        if records[0]["c"]:
            nodes[kind.label] = records[0]["c"]
    records, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE a.dataset = $dataset AND b.dataset = $dataset "
        "RETURN type(r) AS t, count(r) AS c",
        dataset=dataset,
        database_=database,
    )
    rels = Counter({r["t"]: r["c"] for r in records})
    return nodes, rels
