"""The inventory as parameter rows for the generated statements (plain lists of maps).

Node rows are property maps (with ``id``); relationship rows are ``{start, end}``, plus
``key`` and ``props`` for row relationships. Values are what the embedded graph holds
(:func:`interop.schema.graph.properties`): enums as strings, dates as dates (Neo4j
``Date``), lists as lists. Located nodes (cameras) also get ``wgs84_lat``/``wgs84_lon``,
converted from their datum with :func:`interop.geo.datum.to_wgs84`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

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


def _safe(props: dict[str, Any], stamps: frozenset[str]) -> dict[str, Any]:
    """Props with any name the loader stamps itself renamed to ``extra_<name>``."""
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


def _column_rows(kind: NodeKind, table: TableColumns, start: int, stop: int) -> list[Row]:
    """:func:`node_rows` of rows ``start:stop`` of a table held in columns (cameras): the
    same maps, read from the arrays the embedded graph's frame shares."""
    rows = [_safe(props, NODE_STAMPS) for props in table.properties(start, stop)]
    where = LOCATED.get(kind.label)
    if where is not None and rows:
        lats = table.columns[where.lat][start:stop]
        lons = table.columns[where.lon][start:stop]
        datums = [str(plain(d)) for d in table.values(where.datum, start, stop)]
        wlat, wlon = to_wgs84(lats, lons, datums)
        for row, lat, lon in zip(rows, wlat.tolist(), wlon.tolist(), strict=True):
            row[WGS84_LAT] = lat
            row[WGS84_LON] = lon
    return rows


def node_batches(kind: NodeKind, inventory: Inventory, size: int) -> Iterator[list[Row]]:
    """The node rows of ``kind``, built ``size`` records at a time (as they are needed)."""
    if not kind.in_graph:  # cameras: from their columns, no record per row
        table = inventory.table_columns(kind.table)
        for start in range(0, len(table), size):
            yield _column_rows(kind, table, start, min(start + size, len(table)))
        return
    records = inventory.records(kind.table)
    for start in range(0, len(records), size):
        yield node_rows(kind, records[start : start + size])


def _column_relationships(kind: RelKind, inventory: Inventory) -> Iterator[Row]:
    """The rows of a relationship declared by a table held in columns (a camera's owner,
    network, system: one end is the row itself, the other a single-valued column)."""
    table = inventory.table_columns(kind.table)
    own = table.columns["id"].tolist()
    outgoing = kind.start == SELF
    other = table.columns[kind.end if outgoing else kind.start].tolist()
    for mine, theirs in zip(own, other, strict=True):
        if theirs is not None:
            yield {"start": mine, "end": theirs} if outgoing else {"start": theirs, "end": mine}


def relationship_rows_for(kind: RelKind, inventory: Inventory) -> Iterator[Row]:
    """One row per relationship of ``kind`` that the inventory declares."""
    if kind.table in OFF_GRAPH_TABLES:
        yield from _column_relationships(kind, inventory)
        return
    records = inventory.records(kind.table)
    if kind.is_row_relationship:
        for rel in relationship_rows(kind, records):
            props = _safe(rel.properties, REL_STAMPS)
            yield {"start": rel.start, "end": rel.end, "key": rel.key, "props": props}
    else:
        for rel in relationship_rows(kind, records):
            yield {"start": rel.start, "end": rel.end}


def relationship_batches(kind: RelKind, inventory: Inventory, size: int) -> Iterator[list[Row]]:
    """The relationship rows of ``kind``, ``size`` at a time (as they are needed)."""
    rows = relationship_rows_for(kind, inventory)
    while batch := list(islice(rows, size)):
        yield batch


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
