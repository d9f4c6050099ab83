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
    reject_unknown: bool = False
    """An unknown id rejects the row even though the cell may be empty (``owner_id``)."""
    doc: str = ""
    since: int = 1
    """The inventory-format version that added the column. A version-2 column without a
    header was not collected (inventory-format.md, "Columns collected"): the checks that
    read it are not made, rather than made as if every cell were empty."""
    lenient: bool = False
    """A value that does not parse is left out of the row with a warning, instead of
    rejecting the row (``division_code``)."""

    @property
    def is_reference(self) -> bool:
        return bool(self.refs)

    @property
    def rejects_unknown(self) -> bool:
        """An unknown id here rejects the row (a required reference); else it is a warning."""
        return bool(self.refs) and (self.required or self.reject_unknown)


def enum_parser(enum: type[StrEnum]) -> BeforeValidator:
    """A pydantic before-validator accepting every spelling of ``enum``."""

    def parse(value: Any) -> Any:
        if isinstance(value, enum):
            return value
        return parse_enum(enum, str(value))

    return BeforeValidator(parse)


def field_parser(info: Any) -> Any:
    """The cell parser (a BeforeValidator's function) declared for a pydantic field (its
    ``FieldInfo``), looking inside ``Optional``/``Annotated``; None when it declares none."""
    from typing import get_args

    def search(parts: Any) -> Any:
        for part in parts:
            if isinstance(part, BeforeValidator):
                return part.func
            found = search((*getattr(part, "__metadata__", ()), *get_args(part)))
            if found is not None:
                return found
        return None

    return search((*info.metadata, info.annotation))
