"""Column metadata attached to the fields of the table models.

A field is declared once, as ``Annotated[type, parser, Column(...)]``; loaders read the
``Column`` to resolve headers and references, docs/schema.md is written from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BeforeValidator

from interop.schema.enums import parse_enum


@dataclass(frozen=True)
class Column:
    """What the inventory contract says of one column."""

    zh: str
    """The Chinese header alias."""
    required: bool = False
    refs: tuple[str, ...] = ()
    """Tables whose ``id`` this column references (empty: not a reference)."""
    multi: bool = False
    """A multi-valued cell (split on ; ； , ， 、)."""
    doc: str = ""

    @property
    def is_reference(self) -> bool:
        return bool(self.refs)


def enum_parser(enum: type[StrEnum]) -> BeforeValidator:
    """A pydantic before-validator accepting every spelling of ``enum``."""

    def parse(value: Any) -> Any:
        if isinstance(value, enum):
            return value
        return parse_enum(enum, str(value))

    return BeforeValidator(parse)
