"""What a loaded dataset remembers of its inventory: the columns each table's header had.

The version-2 checks are made only on columns the inventory collected (inventory-format.md,
"Columns collected"). The embedded engine reads that from the load report; a dataset in
Neo4j keeps it on one node of its own, ``(:InteropDataset {name, collected})``, written
after every successful load, so the Cypher twins run later (``interop query``, a notebook,
``analyze --neo4j``) leave out the same checks. ``collected`` is a JSON object (Neo4j has no
map properties): ``{"systems": ["id", "name", …], …}``. The node is keyed by ``name``, not
``dataset``, so that it is no node *of* the dataset (``n.dataset = $dataset`` finds the
inventory's nodes only).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import neo4j
from neo4j import RoutingControl

LABEL = "InteropDataset"

_WRITE = (
    f"MERGE (d:{LABEL} {{name: $dataset}}) "
    "ON CREATE SET d.first_seen = $run "
    "SET d.collected = $collected, d.last_seen = $run"
)
_READ = f"MATCH (d:{LABEL} {{name: $dataset}}) RETURN d.collected AS collected"
_DELETE = f"MATCH (d:{LABEL} {{name: $dataset}}) DELETE d"


def write_collected(
    session: neo4j.Session, dataset: str, run: str, collected: Mapping[str, Sequence[str]]
) -> None:
    """Record the columns ``dataset``'s inventory collected (after a successful load)."""
    text = json.dumps({table: list(columns) for table, columns in collected.items()})
    session.run(_WRITE, {"dataset": dataset, "run": run, "collected": text}).consume()


def read_collected(
    driver: neo4j.Driver, dataset: str, database: str | None = None
) -> dict[str, list[str]] | None:
    """The columns ``dataset``'s inventory collected; None when the dataset does not say
    (loaded by an older interop: then every column counts as collected)."""
    records, _, _ = driver.execute_query(
        _READ, {"dataset": dataset}, database_=database, routing_=RoutingControl.READ
    )
    if not records or records[0]["collected"] is None:
        return None
    value = json.loads(records[0]["collected"])
    return {str(table): [str(c) for c in columns] for table, columns in value.items()}


def delete_collected(session: neo4j.Session, dataset: str) -> None:
    """Forget what ``dataset`` collected (the dataset is being cleared)."""
    session.run(_DELETE, {"dataset": dataset}).consume()
