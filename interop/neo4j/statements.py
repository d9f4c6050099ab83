"""Cypher statements generated from the schema declaration (no per-label Cypher by hand).

Every statement here is derived from :data:`~interop.schema.graph.NODE_KINDS` and
:data:`~interop.schema.graph.REL_KINDS`:

- :func:`schema_statements`: a uniqueness constraint on ``(dataset, id)`` for every key
  space, a ``dataset`` index for every other label, and a point index on every located
  label's ``location``;
- :func:`node_statement`: ``UNWIND $rows`` + ``MERGE`` on the key space, for one node kind;
- :func:`relationship_statement`: ``UNWIND $rows`` + ``MATCH`` both ends + ``MERGE``, for
  one relationship kind;
- :func:`cleanup_statements`, :func:`clear_statements`: batched deletes of one dataset.

Stamps. Every node carries ``dataset`` (the load's dataset name, part of its key),
``first_seen`` and ``last_seen`` (run tags); every relationship carries ``in_dataset``,
``first_seen`` and ``last_seen``. (Relationships cannot use ``dataset``: a flow's own
``dataset`` property, what it exchanges, is part of the inventory contract.) Row
relationships (flows, network links) also carry ``key``, their identity.

Values never enter the Cypher text: rows and their property maps are parameters, so
property names from extra columns (Chinese, with spaces) are safe. Labels and types are
backtick-quoted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from interop.schema.graph import KEY_SPACES, NODE_KINDS, REL_KINDS, NodeKind, RelKind

DATASET = "dataset"
"""Node property: the dataset a node belongs to (with ``id``, its key)."""
REL_DATASET = "in_dataset"
"""Relationship property: the dataset a relationship belongs to."""
FIRST_SEEN = "first_seen"
LAST_SEEN = "last_seen"
REL_KEY = "key"
LOCATION = "location"
WGS84_LAT = "wgs84_lat"
WGS84_LON = "wgs84_lon"

NODE_STAMPS = frozenset({DATASET, FIRST_SEEN, LAST_SEEN, LOCATION, WGS84_LAT, WGS84_LON})
"""Node property names the loader writes itself; an extra column of one of these names is
stored as ``extra_<name>`` (as the validator does for its reserved names)."""
REL_STAMPS = frozenset({REL_DATASET, FIRST_SEEN, LAST_SEEN, REL_KEY})
"""Relationship property names the loader writes itself (renamed likewise)."""

CONSTRAINT_PREFIX = "interop_"


@dataclass(frozen=True)
class Located:
    """A node kind with a position: which fields hold latitude, longitude and their datum."""

    lat: str = "lat"
    lon: str = "lon"
    datum: str = "coord_system"


LOCATED: dict[str, Located] = {"Camera": Located()}
"""Labels whose nodes get ``location`` (a WGS-84 point), ``wgs84_lat`` and ``wgs84_lon``."""


def quote(name: str) -> str:
    """A label, type or property name as a Cypher identifier (backtick-quoted)."""
    return "`" + name.replace("`", "``") + "`"


# -- schema ------------------------------------------------------------------------------


def key_constraint(key_space: str) -> str:
    """The uniqueness constraint that makes ``(dataset, id)`` a key of ``key_space``."""
    name = f"{CONSTRAINT_PREFIX}{key_space}_key"
    return (
        f"CREATE CONSTRAINT {quote(name)} IF NOT EXISTS "
        f"FOR (n:{quote(key_space)}) REQUIRE (n.{DATASET}, n.id) IS UNIQUE"
    )


def dataset_index(label: str) -> str:
    """A range index on ``dataset`` for a label that is not a key space itself."""
    name = f"{CONSTRAINT_PREFIX}{label}_dataset"
    return f"CREATE INDEX {quote(name)} IF NOT EXISTS FOR (n:{quote(label)}) ON (n.{DATASET})"


def point_index(label: str) -> str:
    """A point index on a located label's ``location``."""
    name = f"{CONSTRAINT_PREFIX}{label}_location"
    return (
        f"CREATE POINT INDEX {quote(name)} IF NOT EXISTS FOR (n:{quote(label)}) ON (n.{LOCATION})"
    )


def schema_statements() -> list[str]:
    """Every constraint and index, idempotent (``IF NOT EXISTS``), in a stable order.

    Relationship MERGEs need no index of their own: both ends are found through the key
    constraints, and Neo4j then checks the relationships of the end with fewer of them.
    """
    out = [key_constraint(space) for space in KEY_SPACES]
    out += [dataset_index(k.label) for k in NODE_KINDS if k.label != k.key_space]
    out += [point_index(label) for label in LOCATED]
    return out


# -- loading -----------------------------------------------------------------------------


def _node_map(kind: NodeKind, first_seen: str) -> str:
    """The properties a node is set to: its row's, then the stamps (which win)."""
    items = [f"{DATASET}: $dataset", f"{FIRST_SEEN}: {first_seen}", f"{LAST_SEEN}: $run"]
    if kind.label in LOCATED:
        items.append(
            f"{LOCATION}: point({{latitude: row.{WGS84_LAT}, longitude: row.{WGS84_LON}}})"
        )
    return "row {.*, " + ", ".join(items) + "}"


def node_statement(kind: NodeKind) -> str:
    """MERGE a batch of nodes of one kind: ``$rows`` (property maps, each with ``id``),
    ``$dataset``, ``$run``.

    A reload replaces the node's properties with the row's (a value that became unknown
    disappears), keeps ``first_seen``, and moves the node to this kind's label when its id
    changed table within the key space (a system that is now listed as a platform). The
    stamps are set in ``ON CREATE``/``ON MATCH`` rather than with ``coalesce`` in a plain
    ``SET``: the plan then needs no ``Eager`` barrier, which makes large batches faster.
    """
    label = f", n:{quote(kind.label)}" if kind.label != kind.key_space else ""
    lines = [
        "UNWIND $rows AS row",
        f"MERGE (n:{quote(kind.key_space)} {{{DATASET}: $dataset, id: row.id}})",
        f"ON CREATE SET n = {_node_map(kind, '$run')}{label}",
        f"ON MATCH SET n = {_node_map(kind, f'n.{FIRST_SEEN}')}{label}",
    ]
    others = [o.label for o in NODE_KINDS if o.key_space == kind.key_space and o != kind]
    if kind.label != kind.key_space and others:
        lines.append("REMOVE " + ", ".join(f"n:{quote(o)}" for o in others))
    return "\n".join(lines)


def relationship_statement(kind: RelKind) -> str:
    """MERGE a batch of relationships of one kind.

    ``$rows`` = ``[{start, end}]``, or ``[{start, end, key, props}]`` for row relationships
    (merged on ``key``, their properties replaced by the row's); ``$dataset``, ``$run``.
    Both ends are matched in ``$dataset`` only.
    """
    lines = [
        "UNWIND $rows AS row",
        f"MATCH (a:{quote(kind.start_space)} {{{DATASET}: $dataset, id: row.start}})",
        f"MATCH (b:{quote(kind.end_space)} {{{DATASET}: $dataset, id: row.end}})",
    ]
    rel_type = quote(kind.type)
    if kind.is_row_relationship:

        def stamped(first_seen: str) -> str:
            return (
                f"props {{.*, {REL_KEY}: row.key, {REL_DATASET}: $dataset, "
                f"{FIRST_SEEN}: {first_seen}, {LAST_SEEN}: $run}}"
            )

        lines[0] = "UNWIND $rows AS row\nWITH row, row.props AS props"
        lines += [
            f"MERGE (a)-[r:{rel_type} {{{REL_KEY}: row.key}}]->(b)",
            f"ON CREATE SET r = {stamped('$run')}",
            f"ON MATCH SET r = {stamped(f'r.{FIRST_SEEN}')}",
        ]
    else:
        lines += [
            f"MERGE (a)-[r:{rel_type}]->(b)",
            f"ON CREATE SET r.{REL_DATASET} = $dataset, r.{FIRST_SEEN} = $run, "
            f"r.{LAST_SEEN} = $run",
            f"ON MATCH SET r.{REL_DATASET} = $dataset, r.{LAST_SEEN} = $run",
        ]
    return "\n".join(lines)


# -- cleanup -----------------------------------------------------------------------------


def _rel_patterns() -> Iterator[tuple[str, str]]:
    """Each (start key space, relationship type) pair the declaration has, once."""
    yield from dict.fromkeys((k.start_space, k.type) for k in REL_KINDS)


def cleanup_statements() -> list[str]:
    """Delete, in batches of ``$limit``, what a finished run ``$run`` did not write.

    Relationships first (one statement per start key space and type), then nodes (one per
    key space, ``DETACH DELETE``). Only ``$dataset`` is touched; an element without stamps
    (written by something else) is left alone. Each statement returns ``deleted``; run it
    until that is below ``$limit``.
    """
    out = [
        f"MATCH (a:{quote(space)})-[r:{quote(rel_type)}]->()\n"
        f"WHERE a.{DATASET} = $dataset AND a.id IS NOT NULL AND r.{LAST_SEEN} <> $run\n"
        "WITH r LIMIT $limit\n"
        "DELETE r\n"
        "RETURN count(*) AS deleted"
        for space, rel_type in _rel_patterns()
    ]
    out += [
        f"MATCH (n:{quote(space)})\n"
        f"WHERE n.{DATASET} = $dataset AND n.id IS NOT NULL AND n.{LAST_SEEN} <> $run\n"
        "WITH n LIMIT $limit\n"
        "DETACH DELETE n\n"
        "RETURN count(*) AS deleted"
        for space in KEY_SPACES
    ]
    return out


def exists_statements() -> list[str]:
    """One per key space: returns a row when ``$dataset`` has a node there."""
    return [
        f"MATCH (n:{quote(space)}) WHERE n.{DATASET} = $dataset AND n.id IS NOT NULL "
        "RETURN n.id LIMIT 1"
        for space in KEY_SPACES
    ]


def clear_statements() -> list[str]:
    """Delete everything of ``$dataset``: relationships, then nodes, ``$limit`` per transaction.

    Run each in an auto-commit transaction (``CALL … IN TRANSACTIONS``): one pass over the
    dataset, and no transaction grows with a node's degree (a department that owns 100,000
    cameras).
    """
    rels = [
        f"MATCH (a:{quote(space)})-[r]->()\n"
        f"WHERE a.{DATASET} = $dataset AND a.id IS NOT NULL\n"
        "CALL (r) { DELETE r } IN TRANSACTIONS OF $limit ROWS"
        for space in KEY_SPACES
    ]
    nodes = [
        f"MATCH (n:{quote(space)})\n"
        f"WHERE n.{DATASET} = $dataset AND n.id IS NOT NULL\n"
        "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $limit ROWS"
        for space in KEY_SPACES
    ]
    return rels + nodes


NODE_STATEMENTS: dict[str, str] = {k.label: node_statement(k) for k in NODE_KINDS}
"""The node statement of every label."""
RELATIONSHIP_STATEMENTS: dict[RelKind, str] = {k: relationship_statement(k) for k in REL_KINDS}
"""The relationship statement of every relationship kind."""
