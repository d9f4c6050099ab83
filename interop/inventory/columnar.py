"""Validation in columns: raw tables in, an :class:`Inventory` out, a column at a time.

The same contract as the row validator (:mod:`interop.inventory.validate`, the "Rejected
rows" section of inventory-format): every row read is loaded or rejected with file, row,
column, value and reason; an optional reference to an unknown id is left out of the loaded
row with a warning. Instead of one pydantic ``model_validate`` per row, each column is
parsed whole (:mod:`interop.inventory.vectors`, derived from the same declaration), ids and
references are checked with hash joins, and the loaded rows stay columns
(:class:`TableColumns`) until someone asks for records.

Decisions are made in the order the row validator makes them, so the outcome is the same:
a row is rejected for the first declared required column it lacks, else for the cells that
do not parse (the first one named, the others listed after "also", in declaration order),
else because its id is already taken by a row loaded earlier (in the same key space), else
for the first required reference to an unknown id. ``tests/loaders/test_columnar.py``
compares the two validators on every loader test case and on generated cities with
planted bad rows. A column's cells are read by :mod:`interop.inventory.cells`; a large
table's number, enum and date columns may come parsed from a copy of the process
(:mod:`interop.inventory.beside`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from interop.inventory.beside import ColumnsBeside, Parsed, parsed_beside
from interop.inventory.cells import column_cells, noticeable
from interop.inventory.columns import TableColumns
from interop.inventory.cross_checks import replacements_before_their_original
from interop.inventory.model import COLUMNAR_TABLES, Inventory
from interop.inventory.raw import RawTable, UnstoredFormula
from interop.inventory.report import LoadReport, RowIssue, TableCount
from interop.inventory.validate import _RESAVE, _noun, _Validator, route_tables
from interop.inventory.vectors import FieldSpec, field_specs, parse_column
from interop.schema.tables import TABLES, Record, Table
from interop.schema.values import NOTICES, id_notice, ids_notice, trim_id
from interop.steps import StepRunner, untimed

Array = NDArray[Any]


def _show(value: Any) -> str:
    return "" if value is None else str(value)


class _Info:
    """What a pydantic ``after`` field validator reads of the row: the fields before it."""

    __slots__ = ("data", "field_name")

    def __init__(self, data: Mapping[str, Any], field_name: str) -> None:
        self.data = data
        self.field_name = field_name


class _RowData(Mapping[str, Any]):
    """``info.data`` of one row, as pydantic gives it to an ``after`` validator — the
    fields declared before it that validated, a default where the cell was empty — made
    only for the field the validator reads (one validator, a hundred thousand systems)."""

    __slots__ = ("_before", "_by_name", "_failed", "_given", "_k", "_parsed")

    def __init__(
        self,
        k: int,
        before: list[str],
        failed: dict[str, str],
        by_name: dict[str, FieldSpec],
        parsed: dict[str, Array],
        given: dict[str, NDArray[np.bool_]],
    ) -> None:
        self._k, self._before, self._failed = k, before, failed
        self._by_name, self._parsed, self._given = by_name, parsed, given

    def __getitem__(self, name: str) -> Any:
        if name not in self._before or name in self._failed:
            raise KeyError(name)
        spec, k = self._by_name[name], self._k
        return spec.python(self._parsed[name][k]) if self._given[name][k] else spec.default

    def __iter__(self) -> Iterator[str]:
        return (name for name in self._before if name not in self._failed)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _field_validators(model: type[Record]) -> list[tuple[str, Any]]:
    """The model's ``after`` field validators as (field, function); anything else the column
    validator cannot reproduce is refused here, so it is never silently skipped."""
    decorators = model.__pydantic_decorators__
    for kind in ("model_validators", "root_validators", "validators"):
        if getattr(decorators, kind, None):
            raise NotImplementedError(f"{model.__name__}: {kind} are not supported in columns")
    out: list[tuple[str, Any]] = []
    for dec in decorators.field_validators.values():
        if dec.info.mode != "after":
            raise NotImplementedError(f"{model.__name__}: only 'after' field validators")
        out.extend((name, dec.func) for name in dec.info.fields)
    return out


@dataclass
class _Loaded:
    """The ids a table loaded: a hash index over them, and where each was."""

    source: str
    keys: pd.Index
    rows: NDArray[np.int64]


Early = Mapping[str, tuple[Sequence[str], Callable[[TableColumns], object]]]
"""By table name: columns, and what to tell them to as soon as the table's rows are known
but for the checks of ids and references (:func:`validate_columns`'s ``early``)."""


class _ColumnValidator:
    def __init__(self, source: str, early: Early | None = None) -> None:
        self.source = source
        self.early = early or {}
        self.report = LoadReport()
        self.tables: dict[str, TableColumns] = {}
        self.loaded: dict[str, list[_Loaded]] = {}  # key space -> its tables' loaded ids
        self.rejected_ids: dict[str, dict[str, tuple[str, int]]] = {}
        self._headers = _Validator(source)
        self._headers.report = self.report  # header warnings land in this report

    @staticmethod
    def _space(table: str) -> str:
        return "endpoints" if table in ("systems", "platforms") else table

    def _ids(self, table: str) -> pd.Index:
        loaded = self.tables.get(table)
        if loaded is None or table not in {t.name for t in TABLES if t.key}:
            return pd.Index([], dtype=object)
        assert loaded.table.key is not None
        return pd.Index(loaded.columns[loaded.table.key])

    def _unknown(self, refs: tuple[str, ...], key: str) -> str:
        reason = f"unknown {_noun(refs)}"
        for ref in refs:
            where = self.rejected_ids.get(ref, {}).get(key)
            if where is not None:
                return f"{reason} (its row was rejected: {where[0]} row {where[1]})"
        return reason

    # -- one table ------------------------------------------------------------------------
    def load_table(
        self,
        table: Table,
        raw: RawTable | None,
        beside: Callable[[], dict[int, Parsed]] | None = None,
    ) -> None:
        """Validate one table into :attr:`tables` and the report. ``beside``: what gives
        the columns a forked copy trimmed, noticed and parsed (:func:`_columns_beside`),
        asked once this process has done the table's other columns."""
        counts = self.report.tables.setdefault(table.name, TableCount())
        if raw is None:
            return
        mapping = self._headers._resolve_headers(table, raw)  # its warnings: our report
        self._headers._check_header(table, raw, mapping)
        specs = field_specs(table.model)
        named = set(mapping.values())
        self.report.columns[table.name] = [s.name for s in specs if s.name in named]
        declared = {s.name: s for s in specs}
        n = len(raw)
        counts.read += n
        numbers = np.asarray(raw.numbers, dtype=np.int64)
        cells: dict[str, Array] = {}
        given: dict[str, NDArray[np.bool_]] = {}
        extras: list[str] = []
        text: set[str] = set()  # columns whose given cells are all strings
        # warnings a loaded row gives, in the row validator's order within the row:
        # (position, phase, index, column, value, reason); phase 0 notices, 1 formulas,
        # 2 lenient columns
        pending: list[tuple[int, int, int, str, Any, str]] = []
        raw_keys: list[Any] = [None] * n  # the id cells as written
        formulas: dict[int, list[tuple[int, str, UnstoredFormula]]] = {}
        planned = (  # the columns a copy parses, taken once this process is done with its own
            set()
            if beside is None
            else set(raw.read_elsewhere)  # (the copy read them: read_beside)
            if raw.read_elsewhere
            else {
                index
                for index, header in enumerate(raw.headers)
                if (spec := declared.get(mapping.get(str(header), ""))) is not None
                and parsed_beside(table, spec)
            }
        )
        early: dict[int, Parsed] = {}
        # every given cell of a column parsed (the errors of rows that stay alive count)
        parsed_whole: dict[str, tuple[Array, dict[int, str]]] = {}

        def take(index: int, header: str) -> None:
            name = mapping.get(str(header))
            if name is None:
                return
            spec = declared.get(name)
            is_id = spec is not None and (name == table.key or bool(spec.column.refs))
            done = early.get(index)
            if done is not None:  # trimmed, noticed and parsed by the copy
                assert spec is not None
                cells[name], given[name] = done.cells(raw.cells[index]), done.present  # type: ignore[assignment]
                for k, said in done.notices:
                    pending.append((k, 0, index, name, raw.cells[index][k], said))
                parsed_whole[name] = (done.parsed, done.found)
                text.add(name)
                return
            column, present, raws, typed, invisible = column_cells(raw.cells[index], is_id)
            if name == table.key:
                raw_keys[:] = raws
            notice = None
            if spec is not None:
                notice = (
                    (ids_notice if spec.column.multi else id_notice)
                    if is_id
                    else NOTICES.get(spec.parse)
                )
            for k in typed:  # cells that are not text: a formula with no stored result?
                if isinstance(raws[k], UnstoredFormula):
                    formulas.setdefault(k, []).append((index, name, raws[k]))
                    column[k], present[k] = None, False
            if notice is not None:
                for k in noticeable(spec, is_id, raws, column, present, typed, invisible):
                    reason = notice(raws[k])
                    if reason is not None:
                        pending.append((k, 0, index, name, raws[k], reason))
            cells[name], given[name] = column, present
            if not typed:
                text.add(name)
            if spec is None:
                extras.append(name)
            else:  # parsed now, while the copy (if any) parses its columns
                parsed_whole[name] = parse_column(spec, column, present, not typed)

        for index, header in enumerate(raw.headers):
            if index not in planned:
                take(index, header)
        if beside is not None:  # (joined even with nothing planned: the copy ends)
            # a copy that read the file's every line (read_beside): the rows kept here
            early = {
                index: done if len(done.present) == n else done.rows(numbers - 2)
                for index, done in beside().items()
            }
            for index in sorted(planned):
                take(index, raw.headers[index])
        for in_row in formulas.values():
            in_row.sort(key=lambda f: f[0])  # in the order of the columns
        absent = np.zeros(n, dtype=bool)
        nothing = np.full(n, None, dtype=object)
        for spec in specs:
            if spec.name not in cells:
                cells[spec.name], given[spec.name] = nothing, absent
                text.add(spec.name)  # (no cell given)

        rejected: list[tuple[int, str, str, str]] = []  # (position, column, value, reason)
        alive = np.ones(n, dtype=bool)
        # 0. a formula with no stored result: in a required cell it rejects the row, else
        #    the cell is read as empty, with a warning
        for k, in_row in formulas.items():
            required = [(name, f) for _, name, f in in_row if _required(declared, name)]
            if required:
                name, formula = required[0]
                rejected.append(
                    (k, name, _show(formula), "formula with no stored result " + _RESAVE)
                )
                alive[k] = False
                continue
            for index, name, formula in in_row:
                pending.append(
                    (k, 1, index, name, formula, "formula with no stored result, read as empty")
                )
        # 1. the first required column (declaration order) a row leaves empty
        for spec in specs:
            if not spec.column.required:
                continue
            missing = alive & ~given[spec.name]
            if not missing.any():
                continue
            present_in_file = spec.name in mapping.values()
            reason = (
                "required value missing"
                if present_in_file
                else f"required column missing from the file ({spec.name} / {spec.column.zh})"
            )
            headers = [h for h, mapped in mapping.items() if mapped == spec.name]
            for k in np.flatnonzero(missing).tolist():
                merge = next(
                    (raw.merged[(int(numbers[k]), h)] for h in headers
                     if (int(numbers[k]), h) in raw.merged),
                    None,
                ) if raw.merged else None  # fmt: skip
                hint = (
                    f" (the cell is inside the merged cells {merge}: unmerge them)"
                    if merge is not None
                    else ""
                )
                rejected.append((k, spec.name, "", reason + hint))
            alive &= ~missing

        # 2. every cell that does not parse, and the after-validators of the model
        parsed: dict[str, Array] = {}
        errors: dict[int, dict[str, str]] = {}
        for index, spec in enumerate(specs):
            if spec.name in parsed_whole:  # every given cell parsed: the live rows' errors
                parsed[spec.name], every = parsed_whole[spec.name]
                found = {k: reason for k, reason in every.items() if alive[k]}
            else:
                parsed[spec.name], found = parse_column(
                    spec, cells[spec.name], given[spec.name] & alive, spec.name in text
                )
            if spec.column.lenient and found:
                # a bad value in a lenient column is left out of the row with a warning
                given[spec.name] = given[spec.name].copy()
                for k, reason in found.items():
                    value = cells[spec.name][k]
                    pending.append((k, 2, index, spec.name, value, f"{reason}; left out"))
                    given[spec.name][k] = False
                continue
            for k, reason in found.items():
                errors.setdefault(k, {})[spec.name] = reason
        self._run_field_validators(table, specs, parsed, given, alive, errors)
        order = {s.name: i for i, s in enumerate(specs)}
        for k, by_field in errors.items():
            failed = sorted(by_field, key=order.__getitem__)
            first = failed[0]
            reason = by_field[first]
            if len(failed) > 1:
                others = "; ".join(f"{name}: {by_field[name]}" for name in failed[1:])
                reason = f"{reason} (also {others})"
            rejected.append((k, first, _show(cells[first][k]), reason))
            alive[k] = False

        wanted = self.early.get(table.name)
        if wanted is not None:
            names, tell = wanted
            tell(_alive_columns(table, raw.source, specs, numbers, parsed, given, alive, names))

        # 3. ids taken by a row loaded earlier, 4. required references to unknown ids
        rejected_early = {r[0] for r in rejected}
        loaded = self._keys_and_refs(
            table, specs, parsed, cells, given, alive, numbers, rejected, raw.source
        )

        # the warnings of the rows that loaded, row by row
        for k, _, _, name, value, reason in sorted(pending, key=lambda w: w[:3]):
            if loaded[k]:
                self.report.warnings.append(
                    RowIssue(
                        table=table.name,
                        file=raw.source,
                        row=int(numbers[k]),
                        column=name,
                        value=_show(value),
                        reason=reason,
                    )
                )
        rejected.sort(key=lambda r: r[0])
        for k, name, value, reason in rejected:
            self.report.rejected.append(
                RowIssue(
                    table=table.name,
                    file=raw.source,
                    row=int(numbers[k]),
                    column=name,
                    value=value,
                    reason=reason,
                )
            )
        counts.rejected += len(rejected)
        if table.key is not None:
            mine = self.rejected_ids.setdefault(table.name, {})
            for k, _, _, _ in rejected:
                # a row that parsed is known by its parsed id, any other by the cell as written
                if k in rejected_early:
                    cell = raw_keys[k]
                    empty = cell is None or (isinstance(cell, str) and not cell.strip())
                    key = None if empty else (trim_id(cell) or None)
                else:
                    key = parsed[table.key][k]
                if key is not None:
                    mine.setdefault(str(key), (raw.source, int(numbers[k])))

        keep = np.flatnonzero(loaded)
        whole = keep.size == n  # every row loads: the arrays as they are (all made here)
        columns = {name: parsed[name] if whole else parsed[name][keep] for name in parsed}
        columns.update({name: cells[name] if whole else cells[name][keep] for name in extras})
        self.tables[table.name] = TableColumns(
            table=table,
            source=raw.source,
            specs=specs,
            rows=numbers if whole else numbers[keep],
            columns=columns,
            given={
                name: given[name] if whole else given[name][keep] for name in (*parsed, *extras)
            },
            extras=extras,
        )
        if table.key is not None:
            self.loaded.setdefault(self._space(table.name), []).append(
                _Loaded(raw.source, pd.Index(columns[table.key]), numbers[keep])
            )
        counts.loaded += int(keep.size)

    def _run_field_validators(
        self,
        table: Table,
        specs: Sequence[FieldSpec],
        parsed: dict[str, Array],
        given: dict[str, NDArray[np.bool_]],
        alive: NDArray[np.bool_],
        errors: dict[int, dict[str, str]],
    ) -> None:
        validators = _field_validators(table.model)
        if not validators:
            return
        names = [s.name for s in specs]
        by_name = {s.name: s for s in specs}
        for name, func in validators:
            before = names[: names.index(name)]
            rows = np.flatnonzero(alive & given[name]).tolist()
            for k in rows:
                failed = errors.get(k, {})
                if name in failed:
                    continue
                data = _RowData(k, before, failed, by_name, parsed, given)
                try:
                    func(by_name[name].python(parsed[name][k]), _Info(data, name))
                except (ValueError, AssertionError) as exc:
                    errors.setdefault(k, {})[name] = str(exc)

    def _keys_and_refs(
        self,
        table: Table,
        specs: Sequence[FieldSpec],
        parsed: dict[str, Array],
        cells: dict[str, Array],
        given: dict[str, NDArray[np.bool_]],
        alive: NDArray[np.bool_],
        numbers: NDArray[np.int64],
        rejected: list[tuple[int, str, str, str]],
        source_name: str,
    ) -> NDArray[np.bool_]:
        """Which live rows load; the others are added to ``rejected``."""
        n = alive.size
        ref_bad = np.zeros(n, dtype=bool)
        ref_reason: dict[int, tuple[str, str, str]] = {}
        for spec in specs:
            if not spec.column.rejects_unknown:
                continue
            check = alive & given[spec.name] & ~ref_bad
            if not check.any():
                continue
            values = parsed[spec.name]
            known = np.zeros(n, dtype=bool)
            for ref in spec.column.refs:
                known |= pd.Series(values, dtype=object).isin(self._ids(ref)).to_numpy()
            bad = check & ~known
            for k in np.flatnonzero(bad).tolist():
                key = values[k]
                ref_reason[k] = (spec.name, key, self._unknown(spec.column.refs, key))
            ref_bad |= bad

        if table.key is None:
            for k, (column, value, reason) in ref_reason.items():
                rejected.append((k, column, value, reason))
            return alive & ~ref_bad

        keys = parsed[table.key]
        live = np.flatnonzero(alive)
        live_keys = pd.Index(keys[live])
        prior_where: dict[int, tuple[str, int]] = {}
        in_prior = np.zeros(live.size, dtype=bool)
        for earlier in self.loaded.get(self._space(table.name), []):
            at = earlier.keys.get_indexer(live_keys) if earlier.keys.is_unique else None
            if at is None:  # never: a table's loaded ids are unique
                raise AssertionError("loaded ids repeat")
            hit = (at >= 0) & ~in_prior
            for j in np.flatnonzero(hit).tolist():
                prior_where[int(live[j])] = (earlier.source, int(earlier.rows[at[j]]))
            in_prior |= hit
        loadable = ~in_prior & ~ref_bad[live]
        # the first loadable row of each id loads; any other live row with that id after it
        # is rejected for the id (even one that would also fail a reference); where no id
        # is given twice (most tables: one pass over a million cameras' ids), none is
        if live_keys.is_unique:
            first_pos = np.full(live.size, -1, dtype=np.int64)
        else:
            first = pd.Series(live[loadable], index=live_keys[loadable])
            first = first[~first.index.duplicated(keep="first")]
            at = first.index.get_indexer(live_keys)
            first_pos = np.where(at >= 0, first.to_numpy()[at] if first.size else -1, -1)
        dup_of_loaded = (first_pos >= 0) & (first_pos < live)
        taken = in_prior | dup_of_loaded
        loaded = np.zeros(n, dtype=bool)
        loaded[live[~taken & ~ref_bad[live]]] = True
        for k in live[~taken & ref_bad[live]].tolist():
            rejected.append((k, *ref_reason[k]))
        for j in np.flatnonzero(taken).tolist():
            k = int(live[j])
            if in_prior[j]:
                source, row = prior_where[k]
            else:
                source, row = source_name, int(numbers[first_pos[j]])
            rejected.append(
                (k, table.key, _show(keys[k]), f"id already taken ({source} row {row})")
            )
        return loaded

    # -- optional references, once every table is loaded ------------------------------------
    def drop_unknown_optional_refs(self) -> None:
        ids: dict[str, set[Any]] = {}  # only the tables referred to (not the cameras)

        def ids_of(ref: str) -> set[Any]:
            if ref not in ids:
                ids[ref] = set(self._ids(ref))
            return ids[ref]

        for table in TABLES:
            loaded = self.tables.get(table.name)
            if loaded is None:
                continue
            optional = [s for s in loaded.specs if s.column.refs and not s.column.rejects_unknown]
            found: list[tuple[int, int, int, str, str]] = []  # row pos, col, item, name, key
            for c, spec in enumerate(optional):
                column = loaded.columns[spec.name]
                known = set().union(*(ids_of(ref) for ref in spec.column.refs))
                if spec.column.multi:
                    bad_rows = [
                        k
                        for k, items in enumerate(column.tolist())
                        if items and not known.issuperset(items)
                    ]
                    for k in bad_rows:
                        items = column[k]
                        kept = [key for key in items if key in known]
                        for i, key in enumerate(items):
                            if key not in known:
                                found.append((k, c, i, spec.name, key))
                        _set(column, k, kept)
                else:
                    # (an id column: None or a string; a million cameras' network or system
                    # is one of a few dozen: those are looked up, and each row only where
                    # one of them is unknown)
                    distinct = pd.unique(column)
                    if all(key is None or key in known for key in distinct.tolist()):
                        continue
                    mask = pd.notna(column)
                    unknown = mask & ~pd.Series(column, dtype=object).isin(known).to_numpy()
                    for k in np.flatnonzero(unknown).tolist():
                        found.append((k, c, 0, spec.name, column[k]))
                        _set(column, k, None)
            found.sort(key=lambda f: (f[0], f[1], f[2]))
            for k, _, _, name, key in found:
                spec = next(s for s in optional if s.name == name)
                self.report.warnings.append(
                    RowIssue(
                        table=table.name,
                        file=loaded.source,
                        row=int(loaded.rows[k]),
                        column=name,
                        value=_show(key),
                        reason=f"{self._unknown(spec.column.refs, key)}; left out",
                    )
                )


def _alive_columns(
    table: Table,
    source: str,
    specs: Sequence[FieldSpec],
    numbers: NDArray[np.int64],
    parsed: dict[str, Array],
    given: dict[str, NDArray[np.bool_]],
    alive: NDArray[np.bool_],
    names: Sequence[str],
) -> TableColumns:
    """The columns ``names`` of the rows still alive before ids and references are checked:
    the rows that load, but for those these checks reject (each row that loads is one of
    them, in the same order; a table that loads as many rows loads these)."""
    keep = np.flatnonzero(alive)
    whole = keep.size == alive.size
    wanted = [spec for spec in specs if spec.name in names]
    return TableColumns(
        table=table,
        source=source,
        specs=wanted,
        rows=numbers if whole else numbers[keep],
        columns={s.name: parsed[s.name] if whole else parsed[s.name][keep] for s in wanted},
        given={s.name: given[s.name] if whole else given[s.name][keep] for s in wanted},
    )


def _set(column: Array, k: int, value: Any) -> None:
    """Change one entry of a column this validator owns (it made every array itself)."""
    column.flags.writeable = True
    column[k] = value


def _required(declared: dict[str, FieldSpec], name: str) -> bool:
    spec = declared.get(name)
    return spec is not None and spec.column.required


def validate_columns(
    raw_tables: Iterable[RawTable],
    source: str,
    *,
    beside: ColumnsBeside | None = None,
    step: StepRunner = untimed,
    early: Early | None = None,
) -> Inventory:
    """Validate what a loader read, in columns; raise :class:`InventoryError` if it is no
    inventory (the same errors, rejected rows and warnings as :func:`validate`).

    ``beside``: the columns being parsed by copies of this process (:func:`parse_beside`),
    taken when their table's turn comes (and every copy ended, whatever happens);
    ``step`` is told what each copy cost (``validate``, beside). ``early``: by table, the
    columns to tell a caller of as soon as the table's rows are known but for the checks
    of ids and references (``analyze`` has a copy of the process work on a city's cameras
    meanwhile: :func:`interop.prepare.prepare_early`); a table that loads as many rows as
    it was told of loads those.
    """
    copies = {} if beside is None else beside.copies
    try:
        by_name, extras = route_tables(raw_tables, source)
        validator = _ColumnValidator(source, early)
        for table in TABLES:
            running = copies.get(table.name)
            validator.load_table(
                table,
                by_name.get(table.name),
                None
                if running is None or beside is None
                else functools.partial(beside.join, table.name, step),
            )
    finally:
        if beside is not None:
            beside.stop()
    validator.drop_unknown_optional_refs()
    inventory = Inventory(source=source, report=validator.report)
    where: dict[int, tuple[str, int]] = {}  # id(record) -> its file and row
    for name, loaded in validator.tables.items():
        if name in COLUMNAR_TABLES:
            inventory.columns[name] = loaded
            continue
        records = loaded.records()
        inventory.records(name).extend(records)
        for record, row in zip(records, loaded.rows.tolist(), strict=True):
            where[id(record)] = (loaded.source, row)

    def warn_on(table: str, record: Record, column: str, value: Any, reason: str) -> None:
        source, row = where[id(record)]
        validator.report.warnings.append(
            RowIssue(
                table=table, file=source, row=row, column=column, value=_show(value), reason=reason
            )
        )

    replacements_before_their_original(inventory, warn_on)
    for raw in extras:
        inventory.extra_tables[raw.name] = [cells for _, cells in raw.rows]
        inventory.report.extra_tables.append(raw.source)
    return inventory
