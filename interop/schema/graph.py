"""The graph declaration: every node kind and relationship kind, declared once.

Like Cartography's schema objects, this is data, not code: the networkx builder, the
Neo4j constraints and load statements, and docs/schema.md are all generated from it.

Node identity: systems and platforms share one identifier space (a flow may start or
end at either), so both carry the extra label ``Endpoint`` and are keyed in that space.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Any, NamedTuple

from interop.schema.tables import TABLE_BY_NAME, Record, Table

SELF = "@row"
"""A relationship end that is the row's own node."""


@dataclass(frozen=True)
class NodeKind:
    label: str
    table: str
    key_space: str
    """The label whose ``id`` is unique (``Endpoint`` for systems and platforms)."""
    key: str = "id"
    doc: str = ""
    in_graph: bool = True
    """False for a kind with a node per row too many for networkx (cameras): the embedded
    graph holds it only as a frame (:func:`interop.graph.node_frame`), without nodes or the
    relationships its rows declare; Neo4j holds it as nodes like any other."""

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label,) if self.key_space == self.label else (self.label, self.key_space)

    @property
    def source(self) -> Table:
        return TABLE_BY_NAME[self.table]


@dataclass(frozen=True)
class RelKind:
    """A relationship type and the table field(s) it is read from.

    ``start``/``end`` name a field holding the other node's id, or ``SELF`` for the row's
    own node. A relationship whose two ends are both fields is a *row relationship*: the
    row itself is the relationship, and its remaining columns are its properties.
    """

    type: str
    table: str
    start: str
    end: str
    start_space: str
    end_space: str
    doc: str = ""
    properties: tuple[str, ...] = field(default=())

    @property
    def is_row_relationship(self) -> bool:
        return SELF not in (self.start, self.end)

    @property
    def source(self) -> Table:
        return TABLE_BY_NAME[self.table]


NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind("Department", "departments", "Department", doc="A budget unit or other body."),
    NodeKind("Network", "networks", "Network", doc="A network (extranet, intranet, private…)."),
    NodeKind("Platform", "platforms", "Endpoint", doc="A shared platform."),
    NodeKind("System", "systems", "Endpoint", doc="An information system."),
    NodeKind("Camera", "cameras", "Camera", doc="A video surveillance point.", in_graph=False),
)

REL_KINDS: tuple[RelKind, ...] = (
    RelKind(
        "SUPERVISES",
        "departments",
        "parent_id",
        SELF,
        "Department",
        "Department",
        "The supervising department (a district sub-bureau's city bureau).",
    ),
    RelKind(
        "OWNS",
        "networks",
        "owner_id",
        SELF,
        "Department",
        "Network",
        "The department that built the network.",
    ),
    RelKind(
        "LINKED_TO",
        "network_links",
        "network_a",
        "network_b",
        "Network",
        "Network",
        "A sanctioned interconnection; undirected, stored a → b.",
        ("mechanism",),
    ),
    RelKind(
        "OWNS",
        "platforms",
        "owner_id",
        SELF,
        "Department",
        "Endpoint",
        "The department that built the platform.",
    ),
    RelKind(
        "DEPLOYED_ON",
        "platforms",
        SELF,
        "network_ids",
        "Endpoint",
        "Network",
        "A network the platform is deployed on.",
    ),
    RelKind(
        "OWNS",
        "systems",
        "owner_id",
        SELF,
        "Department",
        "Endpoint",
        "The builder and owner of the system.",
    ),
    RelKind(
        "USES",
        "systems",
        "user_ids",
        SELF,
        "Department",
        "Endpoint",
        "A city department that uses the system.",
    ),
    RelKind(
        "DEPLOYED_ON",
        "systems",
        SELF,
        "network_ids",
        "Endpoint",
        "Network",
        "A network the system is deployed on.",
    ),
    RelKind(
        "REPLACES",
        "systems",
        SELF,
        "replaces_id",
        "Endpoint",
        "Endpoint",
        "The older system this one replaced.",
    ),
    RelKind(
        "FLOWS_TO",
        "flows",
        "source_id",
        "target_id",
        "Endpoint",
        "Endpoint",
        "One data exchange, from provider to receiver.",
        ("dataset", "mechanism", "frequency", "status"),
    ),
    RelKind(
        "OWNS",
        "cameras",
        "owner_id",
        SELF,
        "Department",
        "Camera",
        "The department that built the camera.",
    ),
    RelKind(
        "DEPLOYED_ON",
        "cameras",
        SELF,
        "network_id",
        "Camera",
        "Network",
        "The network the camera is connected to.",
    ),
    RelKind(
        "PART_OF",
        "cameras",
        SELF,
        "system_id",
        "Camera",
        "Endpoint",
        "The video system the camera belongs to.",
    ),
)

NODE_KIND_BY_TABLE: dict[str, NodeKind] = {k.table: k for k in NODE_KINDS}
NODE_KIND_BY_LABEL: dict[str, NodeKind] = {k.label: k for k in NODE_KINDS}
OFF_GRAPH_TABLES: frozenset[str] = frozenset(k.table for k in NODE_KINDS if not k.in_graph)
"""Tables whose rows the embedded graph holds only as a frame (cameras), with the
relationships those rows declare."""
KEY_SPACES: tuple[str, ...] = tuple(dict.fromkeys(k.key_space for k in NODE_KINDS))


def node_id(key_space: str, key: str) -> str:
    """The embedded graph's node id: ``"<key space>:<id>"``, e.g. ``"Endpoint:S01"``."""
    return f"{key_space}:{key}"


def plain(value: Any) -> Any:
    """A property value as stores hold it: enums as their strings, lists as lists."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


_AS_IS = frozenset({str, int, float, bool, date})
"""Types whose values a store holds as they are (:func:`plain` would return them)."""


def properties(record: Record, only: Sequence[str] | None = None) -> dict[str, Any]:
    """A record's properties for a store: unknown (None) values and empty lists left out.

    Read from the record's own dicts (its fields, then its extras: what ``dict(record)``
    and :meth:`Record.extras` give), the common types passed as they are: the graph and
    the Neo4j loader ask it of every row (100,000 systems, 300,000 flows)."""
    data = record.__dict__
    extra = record.__pydantic_extra__
    if extra:
        data = {**data, **extra}
    if only is None:
        out = {name: value for name, value in data.items() if value is not None}
    else:
        out = {name: data[name] for name in only if data.get(name) is not None}
    # values of the common types are kept as they are (none of them equals []); the others
    # (enums, lists, dates' subclasses) looked at once more
    for name in [name for name, value in out.items() if type(value) not in _AS_IS]:
        value = out[name]
        if value == []:
            del out[name]
        elif not isinstance(value, date):
            out[name] = plain(value)
    return out


class RelRow(NamedTuple):
    """One relationship instance, ready for a store (a named tuple: the national city's
    flows make 400,000 of them, and a frozen dataclass is three times as long to make)."""

    start: str
    end: str
    key: str
    """Identity among relationships of the same type between the same two nodes."""
    properties: dict[str, Any]


def _ends(value: Any) -> Sequence[str]:
    """A relationship end field's value as a list of ids (a list field, one id, or none)."""
    if value is None:
        return ()
    return value if isinstance(value, list) else (value,)


def relationship_rows(kind: RelKind, records: Sequence[Record]) -> Iterator[RelRow]:
    """Every relationship of ``kind`` that ``records`` (rows of its table) declare.

    Row relationships (flows, network links) get a key made of their end points and
    their first property (dataset, mechanism), numbered when identical rows repeat, so a
    reload merges onto the same relationships and no row is lost.
    """
    start_of = attrgetter("id" if kind.start == SELF else kind.start)
    end_of = attrgetter("id" if kind.end == SELF else kind.end)
    seen: Counter[tuple[str, str, str]] = Counter()
    for record in records:
        starts, ends = _ends(start_of(record)), _ends(end_of(record))
        if kind.is_row_relationship:
            props = properties(record, [*kind.properties, *(record.__pydantic_extra__ or ())])
            label = str(props.get(kind.properties[0], "")) if kind.properties else ""
            for start in starts:
                for end in ends:
                    seen[(start, end, label)] += 1
                    key = f"{start}>{end}#{label}#{seen[(start, end, label)]}"
                    yield RelRow(start, end, key, props)
        else:
            for start in starts:
                for end in ends:
                    yield RelRow(start, end, "", {})
