"""When the same id comes back in several returns: agree, merge or conflict (audit-cycle.md).

Rows are compared on their values *after validation* (在用 and in_use agree; 2020/1/1 and
2020-01-01 agree), and only where both rows know a value: an empty cell is unknown and
agrees with anything. Multi-valued columns (``user_ids``, ``network_ids``) never conflict:
two units each reporting the system they both use name different users, and the written
row unites them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from interop.questionnaire.returns import Row
from interop.schema.tables import TABLE_BY_NAME, Record
from interop.schema.values import parse_multi

SERIAL = "__collect_serial__"
"""The column that carries each row's serial through validation (never written out)."""
NOT_COMPARED = frozenset({SERIAL, "source", "source_row"})
"""Columns that say where a row came from, not what it says (a re-collected inventory
has them): they never make two rows differ, and collect writes its own."""


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@cache
def multi_fields(table: str) -> frozenset[str]:
    return frozenset(n for n, c in TABLE_BY_NAME[table].columns().items() if c.multi)


@cache
def _declared(table: str) -> frozenset[str]:
    return frozenset(TABLE_BY_NAME[table].columns())


def agree(rows: Sequence[Row], values: Sequence[Mapping[str, Any]]) -> bool:
    """Whether rows of one id agree: one table, and at most one known value per column
    (multi-valued columns aside). Linear in the rows, unlike comparing every pair."""
    if len({row.table for row in rows}) > 1:
        return False
    skip = multi_fields(rows[0].table)
    seen: dict[str, Any] = {}
    for known_values in values:
        for name, value in known_values.items():
            if name in skip:
                continue
            if name in seen:
                if seen[name] != value:
                    return False
            else:
                seen[name] = value
    return True


def known(row: Row, record: Record) -> dict[str, Any]:
    """The values a row knows besides its id: its cell was not empty and the value survived
    validation (an unknown optional reference left out is not known). Extras count."""
    values: dict[str, Any] = {}
    key = TABLE_BY_NAME[row.table].key
    declared = _declared(row.table)
    for name, cell in row.cells.items():
        if name in NOT_COMPARED or name == key or _blank(cell):
            continue
        value = getattr(record, name) if name in declared else record.extras().get(name)
        if value is None or value == [] or value == "":
            continue
        values[name] = value
    return values


@dataclass(frozen=True)
class Difference:
    column: str
    mine: Any
    theirs: Any


def differences(
    a: Row, a_known: Mapping[str, Any], b: Row, b_known: Mapping[str, Any]
) -> list[Difference]:
    """Where two rows of the same id know different values (multi-valued columns aside);
    rows of two tables (a system and a platform) always differ."""
    if a.table != b.table:
        return [Difference("(table)", a.table, b.table)]
    skip = multi_fields(a.table)
    return [
        Difference(name, value, b_known[name])
        for name, value in a_known.items()
        if name in b_known and name not in skip and value != b_known[name]
    ]


def show(value: Any) -> str:
    """A validated value as a message shows it (enums by their English value)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def merged_cells(
    winner: Row, others: Sequence[Row], others_known: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The written row: the winner's cells, each empty one filled from the first other row
    that knows it (its cell as written, which validated), and multi-valued cells united
    (the winner's entries, then the entries the others kept, in return order)."""
    cells = dict(winner.cells)
    lists = multi_fields(winner.table)
    for other, values in zip(others, others_known, strict=True):
        for name in values:
            if name in lists:
                continue
            if _blank(cells.get(name)):
                cells[name] = other.cells[name]
    for name in lists:
        united = [] if _blank(cells.get(name)) else parse_multi(cells[name])
        for values in others_known:
            for item in values.get(name, ()):
                if item not in united:
                    united.append(item)
        if united:
            cells[name] = ";".join(united)
    return cells
