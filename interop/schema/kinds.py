"""What kind of value each declared column holds, read from its parser in the declaration.

A column is declared once as ``Annotated[type, parser, Column(...)]``; its parser (the
``BeforeValidator`` of ``values.py`` or ``enum_parser``) says what a cell must look like.
The questionnaire template turns that into drop-downs and validation, so a new column gets
them without anyone keeping a list: :func:`column_kind` finds the parser, and a test fails
when a column's parser is one this module does not know.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from pydantic.functional_validators import BeforeValidator

from interop.schema import values as v
from interop.schema.tables import Table

Kind = Literal[
    "text", "enum", "date", "amount", "count", "bool", "grade", "lat", "lon", "division", "multi"
]

_BY_PARSER: dict[Any, Kind] = {
    v.parse_text: "text",
    v.parse_date: "date",
    v.parse_amount: "amount",
    v.parse_count: "count",
    v.parse_bool: "bool",
    v.parse_grade: "grade",
    v.parse_latitude: "lat",
    v.parse_longitude: "lon",
    v.parse_division_code: "division",
    v.parse_multi: "multi",
}


@dataclass(frozen=True)
class ColumnKind:
    """The kind of a column's values; ``enum`` is set for enumerated columns."""

    kind: Kind
    enum: type[StrEnum] | None = None


def _parsers(annotation: object) -> list[Any]:
    """Every BeforeValidator function inside an annotation (through unions and Annotated)."""
    found: list[Any] = []
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, BeforeValidator):
            found.append(meta.func)
    for arg in typing.get_args(annotation):
        found += _parsers(arg)
    return found


def enum_of(annotation: object) -> type[StrEnum] | None:
    """The StrEnum a field's annotation holds (``Status``, ``Hosting | None``), or None."""
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return annotation
    for arg in typing.get_args(annotation):
        found = enum_of(arg)
        if found is not None:
            return found
    return None


def column_kind(table: Table, name: str) -> ColumnKind:
    """The kind of ``table.name``'s values; LookupError for a parser this module lacks."""
    field = table.model.model_fields[name]
    enum = enum_of(field.annotation)
    if enum is not None:
        return ColumnKind("enum", enum)
    parsers = [m.func for m in field.metadata if isinstance(m, BeforeValidator)]
    parsers += _parsers(field.annotation)
    for parser in parsers:
        kind = _BY_PARSER.get(parser)
        if kind is not None:
            return ColumnKind(kind)
    raise LookupError(f"{table.name}.{name}: no known parser in the declaration")
