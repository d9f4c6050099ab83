"""The inventory as batches of parameters for the generated statements, held in columns.

A :class:`Batch` is one statement's rows as columns (a list of values per name, None where
a row has no value), sent as ``$columns`` with ``$count``: a batch of 5,000 cameras is a
dozen lists rather than 5,000 maps, which the server decodes in a fraction of the time.
Node batches hold property values; relationship batches ``start`` and ``end``, plus ``key``
and ``props`` (a map per row) for row relationships. Values are what the embedded graph
holds (:func:`interop.schema.graph.properties`): enums as strings, dates as dates (Neo4j
``Date``), lists as lists. Located nodes (cameras) also get ``wgs84_lat``/``wgs84_lon``,
converted from their datum with :func:`interop.geo.datum.to_wgs84`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any, TypeVar

import numpy as np

from interop.geo.datum import to_wgs84
from interop.inventory.columns import TableColumns
from interop.inventory.model import Inventory
from interop.neo4j.statements import (
    LOCATED,
    NODE_STAMPS,
    REL_STAMPS,
    WGS84_LAT,
    WGS84_LON,
    Located,
)
from interop.schema.graph import (
    OFF_GRAPH_TABLES,
    SELF,
    NodeKind,
    RelKind,
    plain,
    properties,
    relationship_rows,
)
from interop.schema.tables import Record

Row = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True)
class Batch:
    """Rows of one statement as columns: each name's values, one per row (None: none)."""

    columns: dict[str, list[Any]]
    size: int

    def __len__(self) -> int:
        return self.size

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.columns)

    def rows(self) -> list[Row]:
        """One map per row, with the names it has a value for (what a row's properties are)."""
        names = self.names
        return [
            {name: value for name, value in zip(names, values, strict=True) if value is not None}
            for values in zip(*self.columns.values(), strict=True)
        ]

    @classmethod
    def of_rows(cls, rows: Sequence[Row]) -> Batch:
        """The columns of row maps (where a row lacks a name: None)."""
        names = dict.fromkeys(name for row in rows for name in row)
        return cls({name: [row.get(name) for row in rows] for name in names}, len(rows))


def _safe(props: dict[str, T], stamps: frozenset[str]) -> dict[str, T]:
    """Props (or a batch's columns) with any name the loader stamps itself renamed to
    ``extra_<name>``."""
    if stamps.isdisjoint(props):
        return props
    return {(f"extra_{k}" if k in stamps else k): v for k, v in props.items()}


def _located(records: Sequence[Record], where: Located, rows: list[Row]) -> None:
    """Add WGS-84 coordinates to the rows of located records (vectorised conversion)."""
    if not records:
        return
    lats = [getattr(r, where.lat) for r in records]
    lons = [getattr(r, where.lon) for r in records]
    datums = [str(plain(getattr(r, where.datum))) for r in records]
    wlat, wlon = to_wgs84(lats, lons, datums)
    for row, lat, lon in zip(rows, wlat.tolist(), wlon.tolist(), strict=True):
        row[WGS84_LAT] = lat
        row[WGS84_LON] = lon


def node_rows(kind: NodeKind, records: Sequence[Record]) -> list[Row]:
    """One property map per record (rows of ``kind``'s table)."""
    rows = [_safe(properties(record), NODE_STAMPS) for record in records]
    where = LOCATED.get(kind.label)
    if where is not None:
        _located(records, where, rows)
    return rows


def _column_batch(kind: NodeKind, table: TableColumns, start: int, stop: int) -> Batch:
    """:func:`node_rows` of rows ``start:stop`` of a table held in columns (cameras), as
    columns: read from the arrays the embedded graph's frame shares, no map per row."""
    columns = _safe(table.property_columns(start, stop), NODE_STAMPS)
    where = LOCATED.get(kind.label)
    if where is not None and stop > start:
        lats = table.columns[where.lat][start:stop]
        lons = table.columns[where.lon][start:stop]
        datums = [str(plain(d)) for d in table.values(where.datum, start, stop)]
        wlat, wlon = to_wgs84(lats, lons, datums)
        columns[WGS84_LAT] = wlat.tolist()
        columns[WGS84_LON] = wlon.tolist()
    return Batch(columns, stop - start)


def node_batches(kind: NodeKind, inventory: Inventory, size: int) -> Iterator[Batch]:
    """The node rows of ``kind``, built ``size`` records at a time (as they are needed)."""
    if not kind.in_graph:  # cameras: from their columns, no record per row
        table = inventory.table_columns(kind.table)
        for start in range(0, len(table), size):
            yield _column_batch(kind, table, start, min(start + size, len(table)))
        return
    records = inventory.records(kind.table)
    for start in range(0, len(records), size):
        yield Batch.of_rows(node_rows(kind, records[start : start + size]))


def _column_pairs(kind: RelKind, inventory: Inventory, by_hub: bool) -> tuple[list[Any], ...]:
    """``(starts, ends)`` of a relationship declared by a table held in columns (a camera's
    owner, network, system: one end is the row itself, the other, the hub, a single-valued
    column); in the table's order, or ordered by hub."""
    table = inventory.table_columns(kind.table)
    outgoing = kind.start == SELF
    field = kind.end if outgoing else kind.start
    if field not in table.given:
        return [], []
    known = table.given[field]  # as relationship_count counts them
    own, hubs = table.columns["id"][known], table.columns[field][known]
    if by_hub:
        order = np.argsort(hubs, kind="stable")
        own, hubs = own[order], hubs[order]
    pair = (own.tolist(), hubs.tolist())
    return pair if outgoing else pair[::-1]


def _column_relationships(
    kind: RelKind, inventory: Inventory, size: int, stripes: int
) -> Iterator[Batch]:
    """The batches of a relationship declared by a table held in columns.

    The rows are ordered by hub, then cut into ``stripes`` runs which the batches take
    turns from (with two writers: a batch from the first half of the hubs, then one from
    the second half): batches written at once then lock different hubs, rather than each
    waiting for the other's commit to add relationships to the same departments.
    """
    starts, ends = _column_pairs(kind, inventory, by_hub=True)
    for first, last in _runs(len(starts), size, stripes):
        yield Batch({"start": starts[first:last], "end": ends[first:last]}, last - first)


def _runs(rows: int, size: int, stripes: int) -> list[tuple[int, int]]:
    """``(first, last)`` of every batch of ``size`` rows, ``stripes`` runs taking turns."""
    if rows == 0:
        return []
    length = -(-rows // max(stripes, 1))
    turns = [
        [(first, min(first + size, end)) for first in range(begin, end, size)]
        for begin, end in ((b, min(b + length, rows)) for b in range(0, rows, length))
    ]
    return [run for turn in zip_longest(*turns) for run in turn if run is not None]


def relationship_rows_for(kind: RelKind, inventory: Inventory) -> Iterator[Row]:
    """One row per relationship of ``kind`` that the inventory declares."""
    if kind.table in OFF_GRAPH_TABLES:
        starts, ends = _column_pairs(kind, inventory, by_hub=False)
        for start, end in zip(starts, ends, strict=True):
            yield {"start": start, "end": end}
        return
    records = inventory.records(kind.table)
    if kind.is_row_relationship:
        for rel in relationship_rows(kind, records):
            props = _safe(rel.properties, REL_STAMPS)
            yield {"start": rel.start, "end": rel.end, "key": rel.key, "props": props}
    else:
        for rel in relationship_rows(kind, records):
            yield {"start": rel.start, "end": rel.end}


def relationship_batches(
    kind: RelKind, inventory: Inventory, size: int, stripes: int = 1
) -> Iterator[Batch]:
    """The relationship rows of ``kind``, ``size`` at a time, ordered by hub (the end with
    fewer distinct ids) and cut into ``stripes`` runs that take turns (see
    :func:`_column_relationships`)."""
    if kind.table in OFF_GRAPH_TABLES:
        yield from _column_relationships(kind, inventory, size, stripes)
        return
    rows = list(relationship_rows_for(kind, inventory))
    hub = min(("start", "end"), key=lambda end: len({row[end] for row in rows}))
    rows.sort(key=lambda row: row[hub])
    for first, last in _runs(len(rows), size, stripes):
        yield Batch.of_rows(rows[first:last])


def _end_count(record: Record, name: str) -> int:
    if name == SELF:
        return 1
    value = getattr(record, name)
    if value is None:
        return 0
    return len(value) if isinstance(value, list) else 1


def relationship_count(kind: RelKind, inventory: Inventory) -> int:
    """How many rows :func:`relationship_rows_for` yields, without building them."""
    if kind.table in OFF_GRAPH_TABLES:
        table = inventory.table_columns(kind.table)
        field = kind.end if kind.start == SELF else kind.start
        return int(table.given[field].sum()) if field in table.given else 0
    return sum(
        _end_count(r, kind.start) * _end_count(r, kind.end) for r in inventory.records(kind.table)
    )
