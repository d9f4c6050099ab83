"""A loaded table held as columns: no Python object per row.

The column validator (:mod:`interop.inventory.columnar`) loads every table this way; the
inventory keeps the large ones so (:data:`interop.inventory.model.COLUMNAR_TABLES`:
cameras), and the embedded graph's frame of them (:mod:`interop.graph.frames`) and the
Neo4j loader's rows (:mod:`interop.neo4j.rows`) are made from these arrays directly.
Records (:meth:`TableColumns.records`) are made only when someone asks.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import NDArray

from interop.inventory.vectors import COUNT, DATE, FLOAT, FieldSpec, field_specs
from interop.schema.graph import plain
from interop.schema.tables import Record, Table

Array = NDArray[Any]

_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()


@dataclass
class TableColumns:
    """The loaded rows of one table, column by column, in load order.

    ``columns`` holds every declared field (typed as :attr:`FieldSpec.kind` says: numbers
    ``float64`` with NaN, dates ``datetime64[D]`` with NaT, the rest objects with None:
    enums as their members, lists as lists) and every extra column (objects, None where
    empty); ``given`` says which cells the file filled (an empty cell takes the field's
    default); ``rows`` are spreadsheet row numbers (0 when not known).
    """

    table: Table
    source: str
    specs: list[FieldSpec]
    rows: NDArray[np.int64]
    columns: dict[str, Array]
    given: dict[str, NDArray[np.bool_]]
    extras: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return int(self.rows.size)

    def values(self, name: str, start: int = 0, stop: int | None = None) -> list[Any]:
        """Column ``name`` as record values (defaults where the cell was empty, None for an
        extra column's empty cell), rows ``start:stop``."""
        column = self.columns[name][start:stop]
        spec = next((s for s in self.specs if s.name == name), None)
        if spec is None:
            return column.tolist()
        flags = self.given[name][start:stop]
        if spec.kind != COUNT and not spec.column.multi and flags.all():
            # every cell given, no list to copy: the values as they are (numpy gives a
            # datetime64[D] entry as a date, a float64 one as a float)
            return column.tolist()
        given = flags.tolist()
        if spec.kind == DATE:
            days = column.astype(np.int64).tolist()
            return [
                datetime.date.fromordinal(d + _EPOCH_ORDINAL) if g else spec.default
                for d, g in zip(days, given, strict=True)
            ]
        out = column.tolist()
        if spec.kind == COUNT:
            return [int(x) if g else spec.default for x, g in zip(out, given, strict=True)]
        if spec.kind == FLOAT:
            return [x if g else spec.default for x, g in zip(out, given, strict=True)]
        return [
            (list(x) if isinstance(x, list) else x) if g else _default(spec)
            for x, g in zip(out, given, strict=True)
        ]

    def records(self) -> list[Record]:
        """One pydantic record per row, as the row validator makes them (``model_construct``:
        the values are already validated). A million of them is slow and large: the graph
        and the Neo4j loader read the columns instead."""
        model = self.table.model
        names = [s.name for s in self.specs]
        if not _constructible(model, names):
            return self._constructed()
        columns = [self.values(name) for name in names]
        patterns, which = self._given_patterns(names)
        extras = self._extras_by_row()
        allow_extra = model.model_config.get("extra") == "allow"
        new, put = model.__new__, object.__setattr__
        out: list[Record] = []
        for k, (row, pattern) in enumerate(zip(zip(*columns, strict=True), which, strict=True)):
            record = new(model)
            put(record, "__dict__", dict(zip(names, row, strict=True)))
            fields_set = set(patterns[pattern])
            extra = {} if extras is None else extras[k]
            fields_set.update(extra)
            put(record, "__pydantic_fields_set__", fields_set)
            put(record, "__pydantic_extra__", extra if allow_extra else None)
            put(record, "__pydantic_private__", None)
            out.append(record)
        return out

    def _extras_by_row(self) -> list[dict[str, Any]] | None:
        """Each row's extra cells that are not empty, by column name (None: no extra column,
        as in most tables)."""
        if not self.extras:
            return None
        values = [self.columns[name].tolist() for name in self.extras]
        return [
            {name: value for name, value in zip(self.extras, row, strict=True) if value is not None}
            for row in zip(*values, strict=True)
        ]

    def _given_patterns(self, names: list[str]) -> tuple[list[frozenset[str]], list[int]]:
        """The distinct sets of given fields, and which one each row has (rows share a
        handful of patterns: one set each instead of a loop over every field per row)."""
        n = len(self)
        if not names or n == 0:
            return [frozenset()], [0] * n
        matrix = np.stack([self.given[name] for name in names], axis=1)
        packed = np.packbits(matrix, axis=1)  # a row of flags as a few bytes: one key a row
        keys = packed.view(np.dtype((np.void, packed.shape[1]))).reshape(n)
        _, first, which = np.unique(keys, return_index=True, return_inverse=True)
        patterns = [
            frozenset(name for name, given in zip(names, row, strict=True) if given)
            for row in matrix[first].tolist()
        ]
        return patterns, np.asarray(which).reshape(n).tolist()

    def _constructed(self) -> list[Record]:
        """Records through pydantic's ``model_construct``, one by one (the reference)."""
        model = self.table.model
        cols = [(s.name, self.values(s.name), self.given[s.name].tolist()) for s in self.specs]
        extra_cols = [(name, self.columns[name].tolist()) for name in self.extras]
        out: list[Record] = []
        for k in range(len(self)):
            data = {name: values[k] for name, values, given in cols if given[k]}
            for name, values in extra_cols:
                if values[k] is not None:
                    data[name] = values[k]
            out.append(model.model_construct(_fields_set=set(data), **data))
        return out

    def property_columns(self, start: int = 0, stop: int | None = None) -> dict[str, list[Any]]:
        """Rows ``start:stop`` as columns of property values, every declared column then the
        extras: what :func:`interop.schema.graph.properties` gives for records, with None
        where it leaves a value out (unknown, an empty list); enums as strings."""
        names = [s.name for s in self.specs] + self.extras
        return {name: _as_properties(self.values(name, start, stop)) for name in names}

    @classmethod
    def from_records(
        cls, table: Table, records: Sequence[Record], source: str = ""
    ) -> TableColumns:
        """The columns of records made elsewhere (the row validator, a test)."""
        specs = field_specs(table.model)
        n = len(records)
        columns: dict[str, Array] = {}
        given: dict[str, NDArray[np.bool_]] = {}
        for spec in specs:
            values = [getattr(r, spec.name) for r in records]
            fields_set = [spec.name in r.model_fields_set for r in records]
            given[spec.name] = np.array(fields_set, dtype=bool).reshape(n)
            columns[spec.name] = _typed(spec, values)
        extras: dict[str, None] = {}
        for record in records:
            extras.update(dict.fromkeys(record.extras()))
        for name in extras:
            column = np.empty(n, dtype=object)
            for k, record in enumerate(records):
                column[k] = (record.model_extra or {}).get(name)
            columns[name] = column
            given[name] = np.array([v is not None for v in column], dtype=bool).reshape(n)
        rows = np.zeros(n, dtype=np.int64)
        return cls(table, source, specs, rows, columns, given, list(extras))


def _constructible(model: type[Record], names: list[str]) -> bool:
    """Whether records of ``model`` can be made as ``model_construct`` makes them, without
    calling it per row: the columns are exactly its fields, in order, and it has no
    post-init hook or root (then :meth:`TableColumns.records` fills the same four slots
    ``model_construct`` fills; ``tests/loaders/test_columnar.py`` holds the two equal)."""
    return (
        list(model.__pydantic_fields__) == names
        and not model.__pydantic_post_init__
        and not model.__pydantic_root_model__
    )


def _default(spec: FieldSpec) -> Any:
    return list(spec.default) if isinstance(spec.default, list) else spec.default


def _typed(spec: FieldSpec, values: list[Any]) -> Array:
    n = len(values)
    if spec.kind in (FLOAT, COUNT):
        return np.array([np.nan if v is None else v for v in values], dtype=np.float64).reshape(n)
    if spec.kind == DATE:
        days = [np.iinfo(np.int64).min if v is None else v.toordinal() - _EPOCH_ORDINAL
                for v in values]  # fmt: skip
        return np.array(days, dtype=np.int64).reshape(n).view("datetime64[D]")
    column = np.empty(n, dtype=object)
    for k, value in enumerate(values):
        column[k] = value
    return column


_PLAIN = frozenset({str, int, float, bool, datetime.date, type(None)})
"""Types whose values a property holds as they are."""


def _as_properties(values: list[Any]) -> list[Any]:
    """A column's values as :meth:`TableColumns.property_columns` gives them (None: no
    property): dates and the common types as they are, enums as their strings, lists
    plain (an empty one left out) — a column at a time, each distinct enum member looked
    at once (a million cameras' rows for Neo4j: 12 million cells)."""
    kinds = set(map(type, values))
    if kinds <= _PLAIN:
        return values
    if all(issubclass(kind, StrEnum) or kind is type(None) for kind in kinds):
        strings = {member: member.value for member in set(values) if member is not None}
        return [strings.get(value) for value in values]
    return [
        None
        if value is None or value == []
        else value
        if isinstance(value, datetime.date)
        else plain(value)
        for value in values
    ]
