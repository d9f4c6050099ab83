"""Cypher statements generated from the schema declaration (no per-label Cypher by hand).

Every statement here is derived from :data:`~interop.schema.graph.NODE_KINDS` and
:data:`~interop.schema.graph.REL_KINDS`:

- :func:`schema_statements`: a uniqueness constraint on ``(dataset, id)`` for every key
  space, a ``dataset`` index for every other label, and a point index on every located
  label's ``location``;
- :func:`node_statement`: ``UNWIND`` the batch's rows + ``MERGE`` on the key space, for one
  node kind and the batch's column names;
- :func:`relationship_statement`: ``UNWIND`` the rows + ``MATCH`` both ends + ``MERGE``, for
  one relationship kind;
- :func:`cleanup_statements`, :func:`clear_statements`: batched deletes of one dataset.

Stamps. Every node carries ``dataset`` (the load's dataset name, part of its key),
``first_seen`` and ``last_seen`` (run tags); every relationship carries ``in_dataset``,
``first_seen`` and ``last_seen``. (Relationships cannot use ``dataset``: a flow's own
``dataset`` property, what it exchanges, is part of the inventory contract.) Row
relationships (flows, network links) also carry ``key``, their identity.

Batches are parameters held in columns (``$columns``: a list of values per name, and
``$count``; see :class:`interop.neo4j.rows.Batch`), walked by row number. Values never
enter the Cypher text; labels, types and property names (an extra column's, Chinese, with
spaces or backticks) enter it backtick-quoted by :func:`quote`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

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


def cell(name: str) -> str:
    """This row's value of column ``name`` of the batch (``$columns``, row ``i``)."""
    return f"$columns.{quote(name)}[i]"


UNWIND_BATCH = "UNWIND range(0, $count - 1) AS i"
"""Every load statement walks its batch's rows by number: ``$columns`` holds a list per
name (see :class:`interop.neo4j.rows.Batch`), ``$count`` how many rows."""


def node_columns(kind: NodeKind) -> tuple[str, ...]:
    """The columns of a node batch of ``kind`` when its table has no extra column."""
    names = tuple(kind.source.columns())
    if kind.label in LOCATED:
        names += (WGS84_LAT, WGS84_LON)
    return names


def _node_map(kind: NodeKind, names: Sequence[str], first_seen: str) -> str:
    """The properties a node is set to: its row's (names from the batch, backtick-quoted;
    values never enter the text), then the stamps."""
    items = [f"{quote(name)}: {cell(name)}" for name in names]
    items += [f"{DATASET}: $dataset", f"{FIRST_SEEN}: {first_seen}", f"{LAST_SEEN}: $run"]
    if kind.label in LOCATED:
        point = f"point({{latitude: {cell(WGS84_LAT)}, longitude: {cell(WGS84_LON)}}})"
        items.append(f"{LOCATION}: {point}")
    return "{" + ", ".join(items) + "}"


@lru_cache(maxsize=256)
def node_statement(kind: NodeKind, names: tuple[str, ...] | None = None) -> str:
    """MERGE a batch of nodes of one kind: ``$columns`` (the batch's ``names``, ``id``
    among them; default :func:`node_columns`), ``$count``, ``$dataset``, ``$run``.

    A reload replaces the node's properties with the row's (a value that became unknown —
    None in its column — disappears), keeps ``first_seen``, and moves the node to this
    kind's label when its id changed table within the key space (a system that is now
    listed as a platform). The names never collide with the stamps
    (:data:`NODE_STAMPS` are renamed ``extra_<name>`` in a batch). The stamps are set in
    ``ON CREATE``/``ON MATCH`` rather than with ``coalesce`` in a plain ``SET``: the plan
    then needs no ``Eager`` barrier, which makes large batches faster.
    """
    names = node_columns(kind) if names is None else names
    label = f", n:{quote(kind.label)}" if kind.label != kind.key_space else ""
    lines = [
        UNWIND_BATCH,
        f"MERGE (n:{quote(kind.key_space)} {{{DATASET}: $dataset, id: {cell('id')}}})",
        f"ON CREATE SET n = {_node_map(kind, names, '$run')}{label}",
        f"ON MATCH SET n = {_node_map(kind, names, f'n.{FIRST_SEEN}')}{label}",
    ]
    others = [o.label for o in NODE_KINDS if o.key_space == kind.key_space and o != kind]
    if kind.label != kind.key_space and others:
        lines.append("REMOVE " + ", ".join(f"n:{quote(o)}" for o in others))
    return "\n".join(lines)


def relationship_statement(kind: RelKind) -> str:
    """MERGE a batch of relationships of one kind.

    ``$columns`` = ``{start, end}``, or ``{start, end, key, props}`` for row relationships
    (merged on ``key``, their properties replaced by the row's ``props`` map); ``$count``,
    ``$dataset``, ``$run``. Both ends are matched in ``$dataset`` only.
    """
    lines = [
        UNWIND_BATCH,
        f"MATCH (a:{quote(kind.start_space)} {{{DATASET}: $dataset, id: {cell('start')}}})",
        f"MATCH (b:{quote(kind.end_space)} {{{DATASET}: $dataset, id: {cell('end')}}})",
    ]
    rel_type = quote(kind.type)
    if kind.is_row_relationship:

        def stamped(first_seen: str) -> str:
            return (
                f"props {{.*, {REL_KEY}: {cell('key')}, {REL_DATASET}: $dataset, "
                f"{FIRST_SEEN}: {first_seen}, {LAST_SEEN}: $run}}"
            )

        lines[0] = f"{UNWIND_BATCH}\nWITH i, {cell('props')} AS props"
        lines += [
            f"MERGE (a)-[r:{rel_type} {{{REL_KEY}: {cell('key')}}}]->(b)",
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
"""The node statement of every label, for its declared columns (a batch with extra columns
gets its own, :func:`node_statement` of its names)."""
RELATIONSHIP_STATEMENTS: dict[RelKind, str] = {k: relationship_statement(k) for k in REL_KINDS}
"""The relationship statement of every relationship kind."""
