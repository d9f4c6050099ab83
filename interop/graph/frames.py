"""Columnar views of the embedded graph's nodes: one table of arrays per node kind.

A rule that looks at every node of a kind (a million cameras) should not walk a million
networkx attribute dicts. :func:`build_graph` therefore also stores, once, a
:class:`NodeFrame` per node kind in ``graph.graph["frames"]``: the same records as the
nodes, column by column, in the same order (load order), typed from the schema
declaration (:mod:`interop.schema.tables`, :mod:`interop.schema.graph`):

=================  =====================================================================
field type         column
=================  =====================================================================
float, int         ``float64``; NaN where the value is unknown (ints are exact: < 2**53)
date               ``datetime64[D]``; NaT where unknown
enum               ``object``: the enum's string (``"in_use"``), None where unknown
text, bool         ``object``: the value, None where unknown
list               ``object``: a tuple of the values (empty tuple for none)
extra columns      ``object``: the value as the graph holds it (lists as tuples), or None
=================  =====================================================================

Defaults of the contract are already in the records (a camera's empty ``coord_system``
is ``"wgs84"``), so they are in the columns as they are on the nodes. Every array is
read-only: the frame is derived from the raw facts, never a second copy to edit.

:func:`node_frame` is the accessor. A graph made without frames (read back from Neo4j,
built by hand, a subgraph, a copy, or with nodes added or removed after it was built) gets
a frame built from its nodes' attributes instead, with the same columns and types.
"""

from __future__ import annotations

import datetime
import types
import typing
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from operator import attrgetter
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from numpy.typing import NDArray

from interop.inventory.columns import TableColumns
from interop.schema.graph import NODE_KIND_BY_LABEL, NodeKind, node_id, plain
from interop.schema.tables import Record

FRAMES_KEY = "frames"
"""The key of the frames in ``graph.graph``."""

NOT_PROPERTIES = frozenset({"label", "labels"})
"""Node attributes that are not properties of the record."""

Column = NDArray[Any]

_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min


# -- column kinds, from the declaration -------------------------------------------------------


def _kind_of(annotation: Any) -> str:
    """The column kind of a declared field type: float, date, enum, text, bool or list."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kind_of(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        kinds = {_kind_of(a) for a in typing.get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else "object"
    if origin in (list, tuple):
        return "list"
    if annotation is bool:
        return "bool"
    if annotation in (int, float):
        return "float"
    if annotation is datetime.date:
        return "date"
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return "enum"
    if annotation is str:
        return "text"
    return "object"


def column_kinds(kind: NodeKind) -> dict[str, str]:
    """The declared fields of a node kind's table and their column kinds, in order."""
    fields = kind.source.model.model_fields
    return {name: _kind_of(info.annotation) for name, info in fields.items()}


def _objects(values: Iterable[Any], n: int) -> Column:
    """``values`` as an object array (one already is: taken as it is, not copied)."""
    if isinstance(values, np.ndarray) and values.dtype == object:
        return values
    return np.fromiter(values, dtype=object, count=n)


Codes = tuple[NDArray[np.intp], tuple[Any, ...]]
"""A column's dictionary encoding: a code per row (-1 where unknown), the distinct values."""


def _encode(values: Column) -> Codes:
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    codes.flags.writeable = False
    return codes, tuple(plain(u) for u in uniques)


def _column(kind: str, values: Sequence[Any] | Column) -> tuple[Column, Codes | None]:
    """One column from ``values`` (None where unknown), as ``kind`` says; for an enum, also
    its dictionary encoding (it comes for free)."""
    n = len(values)
    if kind == "float":
        return (np.array(values, dtype=np.float64) if n else np.empty(0, dtype=np.float64)), None
    if kind == "date":  # via day numbers: numpy's own date parsing is ~50x slower
        days = (_NAT if v is None else v.toordinal() - _EPOCH_ORDINAL for v in values)
        return np.fromiter(days, dtype=np.int64, count=n).view("datetime64[D]"), None
    if kind == "enum":
        # Few distinct values: convert each distinct one (enum member or string) once.
        codes, strings = _encode(_objects(values, n))
        return _objects((*strings, None), len(strings) + 1)[codes], (codes, strings)
    if kind == "list":
        return _objects((tuple(v) if v else () for v in values), n), None
    if kind in ("text", "bool"):
        return _objects(values, n), None
    # extras: as they are (lists as tuples)
    return _objects(((tuple(v) if isinstance(v, list) else v) for v in values), n), None


# -- the frame ------------------------------------------------------------------------------


class NodeFrame(Mapping[str, Column]):
    """The nodes of one kind as columns: ``frame["lat"]`` is a read-only array, one entry
    per node, in the graph's node order; ``frame.nodes`` are their graph node ids.

    Immutable: copying or deep-copying a frame gives the frame itself.
    """

    __slots__ = ("_codes", "_columns", "_index", "kinds", "label", "nodes")

    def __init__(
        self,
        label: str,
        nodes: Column,
        columns: Mapping[str, Column],
        kinds: Mapping[str, str],
        codes: Mapping[str, Codes] | None = None,
    ) -> None:
        for array in (nodes, *columns.values()):
            array.flags.writeable = False
        self.label = label
        self.nodes = nodes
        self._columns = types.MappingProxyType(dict(columns))
        self.kinds = types.MappingProxyType(dict(kinds))
        if codes is None:
            codes = {k: _encode(columns[k]) for k, kind in kinds.items() if kind == "enum"}
        self._codes = types.MappingProxyType(dict(codes))
        self._index: pd.Index | None = None

    @property
    def index(self) -> pd.Index:
        """``nodes`` as a pandas Index, made once: its hash table (half a second for a
        million cameras) is built on the first lookup and kept for every later one (the
        scorecard, the graph pages and the camera subgraphs all look rows up by node id)."""
        if self._index is None:
            self._index = pd.Index(self.nodes, copy=False)
        return self._index

    def __getitem__(self, name: str) -> Column:
        return self._columns[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        """The number of columns (as for any mapping); ``len(frame.nodes)`` counts rows."""
        return len(self._columns)

    @property
    def rows(self) -> int:
        return int(self.nodes.size)

    def codes(self, name: str) -> Codes:
        """Column ``name`` dictionary-encoded: ``(codes, values)``, ``values[codes[k]]`` the
        value of row k, code -1 where it is unknown; values in order of first appearance.

        Kept from the build for enum columns (their strings come from that encoding, so it is
        free; comparing codes is much faster than comparing strings); computed on each call
        (``pandas.factorize``) for the others.
        """
        found = self._codes.get(name)
        return found if found is not None else _encode(self._columns[name])

    def __repr__(self) -> str:
        return f"<NodeFrame {self.label}: {self.rows} rows, columns {list(self._columns)}>"

    def __copy__(self) -> NodeFrame:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> NodeFrame:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (NodeFrame, (self.label, self.nodes, dict(self._columns), dict(self.kinds)))

    def to_pandas(self) -> pd.DataFrame:
        """The frame as a pandas DataFrame indexed by graph node id (for notebooks)."""
        return pd.DataFrame(dict(self._columns), index=pd.Index(self.nodes, name="node"))


def _frame(
    kind: NodeKind,
    nodes: Sequence[str],
    column_values: Callable[[str], Sequence[Any]],
    extras: Iterable[str],
) -> NodeFrame:
    kinds = column_kinds(kind)
    kinds.update((name, "object") for name in extras if name not in kinds)
    built = {name: _column(k, column_values(name)) for name, k in kinds.items()}
    columns = {name: column for name, (column, _) in built.items()}
    codes = {name: found for name, (_, found) in built.items() if found is not None}
    return NodeFrame(kind.label, _objects(nodes, len(nodes)), columns, kinds, codes)


def frame_from_records(kind: NodeKind, records: Sequence[Record]) -> NodeFrame:
    """The frame of ``records`` (rows of ``kind``'s table), as :func:`build_graph` adds them."""
    extra_names: dict[str, None] = {}
    for extra in map(attrgetter("__pydantic_extra__"), records):
        if extra:
            extra_names.update(dict.fromkeys(extra))
    keys = map(attrgetter(kind.key), records)
    nodes = [node_id(kind.key_space, key) for key in keys]

    def values(name: str) -> list[Any]:
        if name in kind.source.model.model_fields:
            return list(map(attrgetter(name), records))
        return [_extra(r.__pydantic_extra__, name) for r in records]

    return _frame(kind, nodes, values, extra_names)


def frame_from_columns(kind: NodeKind, table: TableColumns) -> NodeFrame:
    """The frame of a table held in columns (:class:`TableColumns`), as
    :func:`frame_from_records` would make it from the same table's records: the arrays are
    shared, not copied, where they already have the frame's type (numbers, dates, text)."""
    kinds = column_kinds(kind)
    extras = [name for name in table.extras if any(v is not None for v in table.columns[name])]
    kinds.update((name, "object") for name in extras if name not in kinds)
    columns, codes = frame_columns(kind, table, [spec.name for spec in table.specs])
    for name in extras:
        columns[name] = _objects((plain(v) if isinstance(v, list) else v for v in
                                  table.columns[name]), len(table))  # fmt: skip
    # every node id at once: numpy adds the prefix to each key object (str + str)
    nodes = np.add(node_id(kind.key_space, ""), table.columns[kind.key], dtype=object)
    return NodeFrame(kind.label, nodes, columns, kinds, codes)


def frame_columns(
    kind: NodeKind, table: TableColumns, names: Iterable[str]
) -> tuple[dict[str, Column], dict[str, Codes]]:
    """The declared columns ``names`` of the frame :func:`frame_from_columns` makes of
    ``table``, and the dictionary encoding of those that are enums (:meth:`NodeFrame.codes`),
    without the rest of the frame: what a copy of the process needs of a million cameras
    before the graph is built (:mod:`interop.rules._camera_sites`)."""
    kinds = column_kinds(kind)
    specs = {spec.name: spec for spec in table.specs}
    columns: dict[str, Column] = {}
    codes: dict[str, Codes] = {}
    for name in names:
        spec = specs[name]
        array = table.columns[spec.name]
        given = table.given[spec.name]
        shared = spec.kind in ("float", "count", "date", "text") and kinds[spec.name] in (
            "float",
            "date",
            "text",
        )
        if shared and (given.all() or spec.default is None):
            columns[spec.name] = array
            continue
        if kinds[spec.name] == "enum" and not spec.column.multi:
            # a member where given, the default elsewhere: what ``values`` gives, in one
            # assignment instead of a list of a million
            if not given.all():
                array = array.copy()
                array[~given] = spec.default
            columns[spec.name], found = _column("enum", array)
        else:
            columns[spec.name], found = _column(kinds[spec.name], table.values(spec.name))
        if found is not None:
            codes[spec.name] = found
    return columns, codes


def _extra(extra: Mapping[str, Any] | None, name: str) -> Any:
    """An extra column's value as the graph holds it (:func:`properties`), None if absent."""
    value = extra.get(name) if extra else None
    return None if value is None or value == [] else plain(value)


def frame_from_nodes(graph: nx.MultiDiGraph, label: str) -> NodeFrame:
    """The frame of ``label`` built from the graph's node attributes (for a graph made
    without frames)."""
    kind = NODE_KIND_BY_LABEL[label]
    found = [(n, d) for n, d in graph.nodes(data=True) if d.get("label") == label]
    declared = column_kinds(kind)
    extra_names: dict[str, None] = {}
    for _, data in found:
        extra_names.update(dict.fromkeys(k for k in data if k not in declared))
    for name in NOT_PROPERTIES:
        extra_names.pop(name, None)

    def values(name: str) -> list[Any]:
        return [data.get(name) for _, data in found]

    return _frame(kind, [n for n, _ in found], values, extra_names)


# -- frames on the graph ----------------------------------------------------------------------


class GraphFrames(Mapping[str, NodeFrame]):
    """The frames :func:`build_graph` stores in ``graph.graph["frames"]``, by node label.

    They belong to one graph as it was built: :func:`node_frame` uses them only for that
    graph object with that number of nodes (a subgraph view shares ``graph.graph``; a copy
    or an unpickled graph gets no live reference back), else it builds a frame afresh.
    """

    __slots__ = ("_frames", "_graph", "_nodes")

    def __init__(self, graph: nx.MultiDiGraph | None, frames: Mapping[str, NodeFrame]) -> None:
        self._graph = weakref.ref(graph) if graph is not None else None
        self._nodes = graph.number_of_nodes() if graph is not None else -1
        self._frames = types.MappingProxyType(dict(frames))

    def off_graph(self, label: str) -> bool:
        """Whether ``label``'s frame holds nodes the graph does not (cameras): it is not a
        view of the graph's nodes but the only copy of those facts."""
        return not NODE_KIND_BY_LABEL[label].in_graph if label in NODE_KIND_BY_LABEL else False

    def belongs_to(self, graph: nx.MultiDiGraph) -> bool:
        return (
            self._graph is not None
            and graph.number_of_nodes() == self._nodes
            and self._graph() is graph
        )

    def __getitem__(self, label: str) -> NodeFrame:
        return self._frames[label]

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)

    def __repr__(self) -> str:
        return f"<GraphFrames {', '.join(f'{k}: {v.rows}' for k, v in self._frames.items())}>"

    def __copy__(self) -> GraphFrames:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> GraphFrames:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (GraphFrames, (None, dict(self._frames)))


def node_frame(graph: nx.MultiDiGraph, label: str) -> NodeFrame:
    """The columns of every node labelled ``label`` (``Camera``, ``System``…), in node order.

    The frame :func:`build_graph` stored when it belongs to ``graph``. A kind kept off the
    graph (``Camera``: :attr:`NodeKind.in_graph`) has only that frame, which copies and
    subgraphs carry along (unless camera nodes were added to them, see
    :func:`interop.graph.with_cameras`). Otherwise the frame is built from the graph's nodes
    now (:func:`frame_from_nodes`, a walk over every node).
    """
    frames = graph.graph.get(FRAMES_KEY)
    if isinstance(frames, GraphFrames) and label in frames:
        if frames.belongs_to(graph):
            return frames[label]
        if frames.off_graph(label) and not any_node_labelled(graph, label):
            return frames[label]  # a copy or subgraph of a graph built without these nodes
    return frame_from_nodes(graph, label)


def any_node_labelled(graph: nx.MultiDiGraph, label: str) -> bool:
    return any(d.get("label") == label for _, d in graph.nodes(data=True))
