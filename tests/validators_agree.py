"""The row validator and the column validator must agree on every inventory (issue 7).

:func:`both` validates raw tables twice — by rows (:func:`validate_rows`, one pydantic
``model_validate`` per row) and in columns (the real :func:`validate_columns`) — and fails
unless they give the same error, or the same load report (counts, rejected rows, warnings,
in order) and the same records (values, which fields the file set, extras in order, and
equal as pydantic compares them).
``tests/conftest.py`` puts it in place of ``validate_columns`` for the whole test session, so
every inventory any test loads is checked; ``tests/loaders/test_columnar.py`` adds
generated cities with planted bad rows of every kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from interop.inventory.errors import InventoryError
from interop.inventory.model import Inventory
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate_rows
from interop.schema.tables import TABLES

CHECKED = {"inventories": 0}
"""How many inventories were validated both ways in this session."""


def _record(record: Any) -> tuple[Any, ...]:
    return (
        type(record).__name__,
        record.model_dump(),
        sorted(record.model_fields_set),
        list(record.extras().items()),
    )


def assert_same(rows: Inventory, columns: Inventory) -> None:
    """The two validators' inventories hold the same report and the same records."""
    assert columns.report.tables == rows.report.tables
    assert [str(i) for i in columns.report.rejected] == [str(i) for i in rows.report.rejected]
    assert columns.report.rejected == rows.report.rejected
    assert columns.report.warnings == rows.report.warnings
    assert columns.report.extra_tables == rows.report.extra_tables
    assert columns.extra_tables == rows.extra_tables
    for table in TABLES:
        mine, theirs = columns.records(table.name), rows.records(table.name)
        got = [_record(r) for r in mine]
        want = [_record(r) for r in theirs]
        assert got == want, table.name
        # records made without model_construct (TableColumns.records) are the same objects
        # in every slot pydantic compares, with their fields in the same order
        assert mine == theirs, table.name
        assert [list(vars(r)) for r in mine] == [list(vars(r)) for r in theirs], table.name


def checked(validate_columns: Callable[..., Inventory]) -> Any:
    """``validate_columns`` that also validates by rows and asserts the two agree (its
    options, columns parsed beside say, go to the column validator)."""

    def both(raw_tables: Iterable[RawTable], source: str, **options: Any) -> Inventory:
        raws = list(raw_tables)
        try:
            rows = validate_rows(raws, source)
        except InventoryError as exc:
            try:
                validate_columns(raws, source, **options)
            except InventoryError as mine:
                assert str(mine) == str(exc)
                raise
            raise AssertionError(f"only the row validator refused {source}: {exc}") from None
        columns = validate_columns(raws, source, **options)
        assert_same(rows, columns)
        CHECKED["inventories"] += 1
        return columns

    return both
