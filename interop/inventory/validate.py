"""Validation shared by every loader: raw tables in, an :class:`Inventory` out.

Implements the "Rejected rows" section of inventory-format v2. Every row read is either
loaded or rejected with file, row, column, value and reason; an optional reference to an
unknown id is removed from the loaded row and reported as a warning.

Cells are read the same way for every loader, before any parser runs:
- id cells (a table's key and every reference column) are trimmed of white space and of
  invisible format characters (:func:`interop.schema.values.trim_id`, each entry of a
  multi-valued cell), with a warning when an invisible character was removed;
- a cell holding a formula with no stored result (:class:`UnstoredFormula`) rejects the
  row when its column is required, and is otherwise read as empty, with a warning;
- a parser may drop part of a cell it accepts (a date's time of day): the notice declared
  for it in :data:`interop.schema.values.NOTICES` becomes a warning.
A present table whose header names none of its required columns is an InventoryError.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from interop.inventory.cross_checks import replacements_before_their_original
from interop.inventory.errors import InventoryError
from interop.inventory.model import Inventory
from interop.inventory.raw import RawTable, UnstoredFormula
from interop.inventory.report import LoadReport, RowIssue, TableCount
from interop.schema.columns import Column, field_parser
from interop.schema.tables import TABLES, Record, Table
from interop.schema.values import NOTICES, id_notice, ids_notice, trim_id
from interop.steps import StepRunner, untimed

if TYPE_CHECKING:
    from interop.inventory.beside import ColumnsBeside
    from interop.inventory.columnar import Early

Notice = Any  # Callable[[Any], str | None]

RESERVED_PROPERTIES = frozenset(
    {"label", "labels", "key", "dataset", "first_seen", "last_seen", "run", "kind_of"}
    | {"in_dataset", "location", "wgs84_lat", "wgs84_lon"}  # what the Neo4j loader stamps
)

_NOUN = {
    "departments": "department",
    "networks": "network",
    "systems": "system",
    "platforms": "platform",
}


@dataclass(frozen=True)
class _Where:
    source: str
    row: int


def _noun(refs: tuple[str, ...]) -> str:
    return " or ".join(_NOUN.get(r, r) for r in refs)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _show(value: Any) -> str:
    return "" if value is None else str(value)


def _notice_of(table: Table, name: str, column: Column) -> Notice | None:
    """What to warn about in a cell of this column that its parsing silently changes."""
    if _is_id(table, name, column):
        return ids_notice if column.multi else id_notice
    return NOTICES.get(field_parser(table.model.model_fields[name]))


def _is_id(table: Table, name: str, column: Column) -> bool:
    """A table's key and every reference column hold ids (trimmed by ``trim_id``)."""
    return name == table.key or bool(column.refs)


class _Validator:
    def __init__(self, source: str) -> None:
        self.source = source
        self.report = LoadReport()
        self.inventory = Inventory(source=source, report=self.report)
        # (key space table group, id) -> where it was loaded
        self.loaded: dict[str, dict[str, _Where]] = {}
        # table -> id -> where a row with that id was rejected
        self.rejected_ids: dict[str, dict[str, _Where]] = {}
        self.where: dict[int, _Where] = {}
        # table name -> its declared columns (Table.columns() rebuilds them on every call)
        self._columns: dict[str, dict[str, Column]] = {}
        self._notices: dict[str, dict[str, Notice]] = {}
        self._id_columns: dict[str, frozenset[str]] = {}

    def _columns_of(self, table: Table) -> dict[str, Column]:
        columns = self._columns.get(table.name)
        if columns is None:
            columns = self._columns[table.name] = table.columns()
            self._notices[table.name] = {
                name: notice
                for name, column in columns.items()
                if (notice := _notice_of(table, name, column)) is not None
            }
            self._id_columns[table.name] = frozenset(
                name for name, column in columns.items() if _is_id(table, name, column)
            )
        return columns

    # -- headers -----------------------------------------------------------------------
    def _resolve_headers(self, table: Table, raw: RawTable) -> dict[str, str]:
        """Map each header as written to a field name, or to an extra property name."""
        by_header = table.field_by_header()
        mapping: dict[str, str] = {}
        used: dict[str, str] = {}
        for header in raw.headers:
            text = trim_id(header)  # a second BOM or a zero-width space is no part of it
            if not text:
                continue
            notice = id_notice(str(header))
            if notice is not None:
                self._warn(
                    table.name,
                    _Where(raw.source, 1),
                    text,
                    header,
                    notice.replace("the id", "the header"),
                )
            name = by_header.get(text.casefold())
            if name is None:
                name = f"extra_{text}" if text in RESERVED_PROPERTIES else text
            if name in used:
                raise InventoryError(
                    f"{raw.source}: columns {used[name]!r} and {text!r} both mean "
                    f"{name!r}; keep one of them"
                )
            used[name] = text
            mapping[str(header)] = name
        return mapping

    # -- rows --------------------------------------------------------------------------
    def _reject(
        self, table: Table, raw: RawTable, row: int, column: str, value: Any, reason: str
    ) -> None:
        self.report.rejected.append(
            RowIssue(
                table=table.name,
                file=raw.source,
                row=row,
                column=column,
                value=_show(value),
                reason=reason,
            )
        )
        self.report.tables[table.name].rejected += 1

    def _warn(self, table: str, where: _Where, column: str, value: Any, reason: str) -> None:
        self.report.warnings.append(
            RowIssue(
                table=table,
                file=where.source,
                row=where.row,
                column=column,
                value=_show(value),
                reason=reason,
            )
        )

    def _parse_row(
        self, table: Table, raw: RawTable, row: int, cells: dict[str, Any], mapping: dict[str, str]
    ) -> tuple[Record | None, list[tuple[str, Any, str]]]:
        """The row's record (None when rejected) and the warnings its cells give."""
        columns = self._columns_of(table)
        ids, notices = self._id_columns[table.name], self._notices[table.name]
        data: dict[str, Any] = {}
        warnings: list[tuple[str, Any, str]] = []
        formulas: dict[str, UnstoredFormula] = {}
        for header, value in cells.items():
            name = mapping.get(str(header))
            if name is None or _is_empty(value):
                continue
            if isinstance(value, UnstoredFormula):
                formulas[name] = value
                continue
            if name in ids and isinstance(value, str):
                if not (trimmed := trim_id(value)):
                    continue
            else:
                trimmed = value.strip() if isinstance(value, str) else value
            notice = notices.get(name)
            reason = notice(value) if notice is not None else None
            if reason is not None:
                warnings.append((name, value, reason))
            data[name] = trimmed
        for name, formula in formulas.items():
            column = columns.get(name)
            if column is not None and column.required:
                self._reject(
                    table, raw, row, name, formula, "formula with no stored result " + _RESAVE
                )
                return None, []
            warnings.append((name, formula, "formula with no stored result, read as empty"))
        for name, column in columns.items():
            if column.required and name not in data:
                present = any(mapping.get(str(h)) == name for h in raw.headers)
                reason = (
                    "required value missing"
                    if present
                    else f"required column missing from the file ({name} / {column.zh})"
                )
                merge = next(
                    (raw.merged[(row, h)] for h, n in mapping.items() if n == name
                     and (row, h) in raw.merged),
                    None,
                )  # fmt: skip
                if merge is not None:
                    reason += f" (the cell is inside the merged cells {merge}: unmerge them)"
                self._reject(table, raw, row, name, "", reason)
                return None, []
        return self._validated(table, raw, row, data, warnings)

    def _validated(
        self,
        table: Table,
        raw: RawTable,
        row: int,
        data: dict[str, Any],
        warnings: list[tuple[str, Any, str]],
    ) -> tuple[Record | None, list[tuple[str, Any, str]]]:
        """The row's record and its warnings, or (None, []) when it is rejected (the first
        error names the column, the others follow in the reason). A bad value in a lenient
        column is left out with a warning and the row validated again without it."""
        try:
            return table.model.model_validate(data), warnings
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        columns = self._columns_of(table)
        lenient = [
            e
            for e in errors
            if e["loc"] and getattr(columns.get(str(e["loc"][0])), "lenient", False)
        ]
        if lenient:
            for error in lenient:
                name = str(error["loc"][0])
                warnings.append((name, data.pop(name), f"{_reason(error)}; left out"))
            return self._validated(table, raw, row, data, warnings)
        first = errors[0]
        column = str(first["loc"][0]) if first["loc"] else "(row)"
        reasons = [_reason(e) for e in errors]
        reason = reasons[0]
        if len(errors) > 1:
            others = "; ".join(
                f"{e['loc'][0] if e['loc'] else '(row)'}: {r}"
                for e, r in zip(errors[1:], reasons[1:], strict=True)
            )
            reason = f"{reason} (also {others})"
        self._reject(table, raw, row, column, data.get(column), reason)
        return None, []

    def _space(self, table: str) -> str:
        return "endpoints" if table in ("systems", "platforms") else table

    def _check_key(self, table: Table, raw: RawTable, row: int, record: Record) -> bool:
        if table.key is None:
            return True
        key = getattr(record, table.key)
        space = self.loaded.setdefault(self._space(table.name), {})
        if key in space:
            earlier = space[key]
            self._reject(
                table,
                raw,
                row,
                table.key,
                key,
                f"id already taken ({earlier.source} row {earlier.row})",
            )
            return False
        return True

    def _unknown(self, refs: tuple[str, ...], key: str) -> str:
        reason = f"unknown {_noun(refs)}"
        for ref in refs:
            where = self.rejected_ids.get(ref, {}).get(key)
            if where is not None:
                return f"{reason} (its row was rejected: {where.source} row {where.row})"
        return reason

    def _ids(self, table: str) -> set[str]:
        return {key for r in self.inventory.records(table) if (key := getattr(r, "id", None))}

    def load_table(self, table: Table, raw: RawTable | None) -> None:
        counts = self.report.tables.setdefault(table.name, TableCount())
        if raw is None:
            return
        mapping = self._resolve_headers(table, raw)
        self._check_header(table, raw, mapping)
        named = set(mapping.values())
        self.report.columns[table.name] = [c for c in self._columns_of(table) if c in named]
        records = self.inventory.records(table.name)
        id_cache: dict[str, set[str]] = {}
        for row, cells in raw.rows:
            if all(_is_empty(v) for v in cells.values()):
                continue
            counts.read += 1
            record, warnings = self._parse_row(table, raw, row, cells, mapping)
            ok = (
                record is not None
                and self._check_key(table, raw, row, record)
                and self._check_required_refs_cached(table, raw, row, record, id_cache)
            )
            if not ok:
                key = self._rejected_key(table, record, cells, mapping)
                if key is not None:
                    self.rejected_ids.setdefault(table.name, {}).setdefault(
                        key, _Where(raw.source, row)
                    )
                continue
            assert record is not None
            records.append(record)
            where = _Where(raw.source, row)
            for name, value, reason in warnings:
                self._warn(table.name, where, name, value, reason)
            self.where[id(record)] = where
            if table.key is not None:
                self.loaded[self._space(table.name)][getattr(record, table.key)] = where
            counts.loaded += 1

    @staticmethod
    def _rejected_key(
        table: Table, record: Record | None, cells: dict[str, Any], mapping: dict[str, str]
    ) -> str | None:
        """The id of a rejected row, also when the row did not parse (for later messages)."""
        if table.key is None:
            return None
        if record is not None:
            return getattr(record, table.key)
        for header, value in cells.items():
            if mapping.get(str(header)) == table.key and not _is_empty(value):
                return trim_id(value) or None
        return None

    def _check_header(self, table: Table, raw: RawTable, mapping: dict[str, str]) -> None:
        """InventoryError when the header names none of the table's required columns."""
        required = [n for n, c in self._columns_of(table).items() if c.required]
        if not required or set(required) & set(mapping.values()):
            return
        found = ", ".join(repr(str(h)) for h in raw.headers if str(h).strip()) or "none"
        hint = f" ({raw.header_note})" if raw.header_note else ""
        names = ", ".join(f"{n} / {self._columns_of(table)[n].zh}" for n in required)
        raise InventoryError(
            f"{raw.source}: no header row of the table {table.name} ({table.zh}) found: "
            f"row 1 names none of its required columns ({names}); headers found: "
            f"{found}{hint}. Put the header in row 1 (remove any title row above it)"
        )

    def _check_required_refs_cached(
        self, table: Table, raw: RawTable, row: int, record: Record, cache: dict[str, set[str]]
    ) -> bool:
        for name, column in self._columns_of(table).items():
            if not column.rejects_unknown:
                continue
            key = getattr(record, name)
            if key is None:
                continue
            for ref in column.refs:
                if ref not in cache:  # setdefault would rebuild the id set on every row
                    cache[ref] = self._ids(ref)
            if not any(key in cache[ref] for ref in column.refs):
                self._reject(table, raw, row, name, key, self._unknown(column.refs, key))
                return False
        return True

    def warn_on(self, table: str, record: Record, column: str, value: Any, reason: str) -> None:
        """A warning on the row ``record`` was loaded from."""
        self._warn(table, self.where[id(record)], column, value, reason)

    def drop_unknown_optional_refs(self) -> None:
        ids = {t.name: self._ids(t.name) for t in TABLES if t.key is not None}
        for table in TABLES:
            optional = {
                name: col
                for name, col in table.columns().items()
                if col.refs and not col.rejects_unknown
            }
            if not optional:
                continue
            records = self.inventory.records(table.name)
            for index, record in enumerate(records):
                update: dict[str, Any] = {}
                for name, column in optional.items():
                    value = getattr(record, name)
                    values = value if isinstance(value, list) else [value]
                    kept = []
                    for key in values:
                        if key is None:
                            continue
                        if any(key in ids[ref] for ref in column.refs):
                            kept.append(key)
                        else:
                            self._warn(
                                table.name,
                                self.where[id(record)],
                                name,
                                key,
                                f"{self._unknown(column.refs, key)}; left out",
                            )
                    if len(kept) != len([k for k in values if k is not None]):
                        update[name] = kept if column.multi else None
                if update:
                    fresh = record.model_copy(update=update)
                    self.where[id(fresh)] = self.where[id(record)]
                    records[index] = fresh


_RESAVE = "in a required cell (open and save the workbook in Excel or WPS to store the results)"


def _reason(error: Any) -> str:
    ctx = error.get("ctx") or {}
    if "error" in ctx:
        return str(ctx["error"])
    message = str(error.get("msg", "invalid value"))
    return message.removeprefix("Value error, ")


def route_tables(
    raw_tables: Iterable[RawTable], source: str
) -> tuple[dict[str, RawTable], list[RawTable]]:
    """The contract's tables by name, and the extra ones; InventoryError if a table is given
    twice or a required one is missing."""
    by_name: dict[str, RawTable] = {}
    extras: list[RawTable] = []
    known = {t.name for t in TABLES}
    for raw in raw_tables:
        if raw.name in known:
            if raw.name in by_name:
                raise InventoryError(
                    f"{source}: table {raw.name!r} given twice "
                    f"({by_name[raw.name].source} and {raw.source})"
                )
            by_name[raw.name] = raw
        else:
            extras.append(raw)
    missing = [t for t in TABLES if t.required and t.name not in by_name]
    if missing:
        names = ", ".join(f"{t.name} ({t.zh})" for t in missing)
        raise InventoryError(f"{source}: not an inventory: required table missing: {names}")
    return by_name, extras


def validate(
    raw_tables: Iterable[RawTable],
    source: str,
    *,
    beside: ColumnsBeside | None = None,
    step: StepRunner = untimed,
    early: Early | None = None,
) -> Inventory:
    """Validate what a loader read; raise :class:`InventoryError` if it is no inventory.

    Validation runs in columns (:func:`interop.inventory.columnar.validate_columns`, whose
    ``beside``, ``step`` and ``early`` these are); :func:`validate_rows` is the same
    contract row by row, kept as the reference the column validator is tested against.
    """
    from interop.inventory import columnar  # (columnar imports this module)

    return columnar.validate_columns(raw_tables, source, beside=beside, step=step, early=early)


def validate_rows(raw_tables: Iterable[RawTable], source: str) -> Inventory:
    """:func:`validate`, one pydantic ``model_validate`` per row."""
    by_name, extras = route_tables(raw_tables, source)
    validator = _Validator(source)
    for table in TABLES:
        validator.load_table(table, by_name.get(table.name))
    validator.drop_unknown_optional_refs()
    replacements_before_their_original(validator.inventory, validator.warn_on)
    inventory = validator.inventory
    for raw in extras:
        inventory.extra_tables[raw.name] = [cells for _, cells in raw.rows]
        inventory.report.extra_tables.append(raw.source)
    return inventory
