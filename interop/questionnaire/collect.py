"""``interop collect``: many returned questionnaires in, one inventory out (audit-cycle.md).

Every return is read by the loaders and checked alone (:mod:`.returns`); then all returns
are validated *together*, by the one validation every inventory goes through
(:func:`interop.inventory.validate.validate`), so that a system in one return may name an
owner that another return defines. Rows travel through validation in combined tables, one
per inventory table, each row carrying its serial in an extra column (``SERIAL``) and as its
row number, so that every rejected row, warning and loaded record is traced back to its
return, sheet and row.

The same id in several returns (a shared or vertical system reported by each unit that
uses it) needs the rows' validated values before it can be judged, so validation runs in
passes:

1. *compare*: the first row of each id keeps it, the others are validated under a private
   id (``<id>@@<serial>``) so that nothing is rejected as taken. If the first row is
   rejected on its own, the first row that is not takes the id and the pass runs again.
2. *judge* (:mod:`.merge`): rows whose known values agree are merged into the first (lists
   of users and networks united), the others counted as merged with a warning
   ``duplicate of <return>:<row>``; rows that differ are all rejected, each naming the
   others.
3. *write*: the rows that remain, the merged ones as merged, validated once more; this
   pass decides what is written (a reference to an id whose rows conflicted is now
   unknown) and its load report is the inventory's.

Rows read = rows written + rows merged + rows rejected, for every return and table.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from interop.inventory.errors import InventoryError
from interop.inventory.model import Inventory
from interop.inventory.raw import RawTable
from interop.inventory.report import RowIssue
from interop.inventory.validate import validate
from interop.questionnaire.merge import (
    SERIAL,
    agree,
    differences,
    known,
    merged_cells,
    show,
)
from interop.questionnaire.returns import (
    ReadReturn,
    Return,
    Row,
    find_returns,
    read_return,
)
from interop.schema.tables import TABLE_BY_NAME, TABLES
from interop.schema.values import trim_id

COMBINED = "returns:"
"""Source name prefix of the combined tables (``returns:systems``); never shown to users."""
SOURCE, SOURCE_ROW = "source", "source_row"
"""The written inventory's extra columns: each row's return and row in it."""

Fate = Literal["written", "merged", "rejected"]
Kind = Literal["rejected", "warning"]
Progress = Callable[[Return], None]

_COMBINED_ROW = re.compile(re.escape(COMBINED) + r"(\w+) row (\d+)")


@dataclass
class Tally:
    """Rows of one table of one return: read = written + merged + rejected."""

    read: int = 0
    written: int = 0
    merged: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class Issue:
    """A rejected row or a warning, with the return it belongs to."""

    ret: str
    kind: Kind
    issue: RowIssue


@dataclass
class Collected:
    """What ``collect`` found: the rows to write, the accounting, every issue."""

    returns: list[Return]
    ignored: list[str]
    tables: dict[str, list[dict[str, Any]]]
    """Rows to write per table, keyed by English field names, with source and source_row."""
    counts: dict[str, dict[str, Tally]]
    """Per return, per table."""
    issues: list[Issue] = field(default_factory=list)
    left_out: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Version-2 columns left out: table -> column -> the returns that lack it."""

    def issues_of(self, ret: str) -> list[Issue]:
        return [i for i in self.issues if i.ret == ret]

    def count(self, ret: str) -> Tally:
        """One return's rows over all its tables."""
        total = Tally()
        for tally in self.counts.get(ret, {}).values():
            total.read += tally.read
            total.written += tally.written
            total.merged += tally.merged
            total.rejected += tally.rejected
        return total


def _key_column(row: Row) -> str:
    key = TABLE_BY_NAME[row.table].key
    assert key is not None, f"{row.table} has no id column"
    return key


def _id_of(row: Row) -> str:
    """A keyed row's id as the inventory format compares it."""
    return trim_id(row.cells[_key_column(row)])


def _space(table: str) -> str:
    return "endpoints" if table in ("systems", "platforms") else table


class _Collector:
    def __init__(self, reads: list[ReadReturn]) -> None:
        self.reads = reads
        self.rows: list[Row] = [row for read in reads for row in read.rows]
        self.by_serial: dict[int, Row] = {row.serial: row for row in self.rows}
        self.fate: dict[int, Fate] = {}
        self.issues: list[Issue] = []
        self.left_out = self._left_out()

    # -- columns ---------------------------------------------------------------------
    def _left_out(self) -> dict[str, dict[str, list[str]]]:
        """Version-2 columns that some return holding rows of their table did not collect."""
        holding: dict[str, list[ReadReturn]] = defaultdict(list)
        for read in self.reads:
            for name in {row.table for row in read.rows}:
                holding[name].append(read)
        left: dict[str, dict[str, list[str]]] = {}
        for table in TABLES:
            for name, column in table.columns().items():
                if column.since < 2:
                    continue
                lacking = [
                    r.ret.name
                    for r in holding.get(table.name, [])
                    if name not in r.columns.get(table.name, ())
                ]
                if lacking:
                    left.setdefault(table.name, {})[name] = lacking
        return left

    def _headers(self, table: str, rows: Iterable[Row]) -> list[str]:
        declared = list(TABLE_BY_NAME[table].columns())
        left = self.left_out.get(table, {})
        extras: dict[str, None] = {}
        for row in rows:
            extras.update(dict.fromkeys(row.cells))
        known = set(declared)
        return [
            *(c for c in declared if c not in left),
            *(e for e in extras if e not in known),
            SERIAL,
        ]

    # -- validation passes -------------------------------------------------------------
    def _validate(
        self, rows: list[Row], renamed: dict[int, str], cells: dict[int, dict[str, Any]]
    ) -> Inventory:
        by_table: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            by_table[row.table].append(row)
        raws = []
        for table in TABLES:
            of_table = by_table.get(table.name, [])
            headers = self._headers(table.name, of_table)
            raw = RawTable(name=table.name, source=COMBINED + table.name, headers=headers)
            for row in of_table:
                given = cells.get(row.serial, row.cells)
                values = {h: given.get(h) for h in headers if h != SERIAL}
                values[SERIAL] = row.serial
                if row.serial in renamed and table.key is not None:
                    values[table.key] = renamed[row.serial]
                raw.append(row.serial, values)
            raws.append(raw)
        return validate(raws, "returns")

    def _issue(self, kind: Kind, issue: RowIssue, note: str = "") -> Issue:
        """An issue of a combined table, placed back in its return, sheet and row."""
        row = self.by_serial[issue.row]

        def place(match: re.Match[str]) -> str:
            other = self.by_serial.get(int(match.group(2)))
            return (
                match.group(0) if other is None else f"{other.origin.file} row {other.origin.row}"
            )

        reason = _COMBINED_ROW.sub(place, issue.reason) + note
        value = issue.value
        if issue.column == TABLE_BY_NAME[row.table].key and "@@" in value:
            value = value.rsplit("@@", 1)[0]
        placed = issue.model_copy(
            update={
                "file": row.origin.file,
                "row": row.origin.row,
                "reason": reason,
                "value": value,
            }
        )
        return Issue(row.origin.ret, kind, placed)

    @staticmethod
    def _by_serial(
        inventory: Inventory,
    ) -> tuple[dict[int, Any], dict[int, list[tuple[Kind, RowIssue]]]]:
        loaded: dict[int, Any] = {}
        for table in TABLES:
            for record in inventory.records(table.name):
                loaded[int(record.extras()[SERIAL])] = record
        issues: dict[int, list[tuple[Kind, RowIssue]]] = defaultdict(list)
        report = inventory.report
        for kind, found in (("rejected", report.rejected), ("warning", report.warnings)):
            for issue in found:
                if issue.file.startswith(COMBINED):
                    issues[issue.row].append((kind, issue))  # type: ignore[arg-type]
        return loaded, issues

    # -- the collection ------------------------------------------------------------------
    def run(self) -> tuple[Inventory, dict[int, Any]]:
        groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
        active: list[Row] = []
        for row in self.rows:
            key = TABLE_BY_NAME[row.table].key
            value = row.cells.get(key) if key else None
            if key is None or value is None or not trim_id(value):
                active.append(row)
                continue
            group = groups[(_space(row.table), trim_id(value))]
            same = next((r for r in group if r.origin.ret == row.origin.ret), None)
            if same is not None:  # twice within one return: as the inventory format says
                self._reject(
                    row,
                    key,
                    trim_id(value),
                    f"id already taken ({same.origin.file} row {same.origin.row})",
                )
                continue
            group.append(row)
            active.append(row)
        shared = {k: g for k, g in groups.items() if len(g) > 1}

        # pass 1: compare
        holder = {k: g[0] for k, g in shared.items()}
        for _ in range(len(self.rows) + 1):
            renamed = {
                r.serial: f"{_id_of(r)}@@{r.serial}"
                for k, g in shared.items()
                for r in g
                if r is not holder[k]
            }
            loaded, issues = self._by_serial(self._validate(active, renamed, {}))
            changed = False
            for k, g in shared.items():
                if holder[k].serial not in loaded:
                    first = next((r for r in g if r.serial in loaded), None)
                    if first is not None:
                        holder[k] = first
                        changed = True
            if not changed:
                break

        # judge
        leaving: set[int] = set()
        merged: dict[int, dict[str, Any]] = {}
        conflicted: dict[str, list[Row]] = {}
        for k, g in shared.items():
            valid = [r for r in g if r.serial in loaded]
            for row in g:
                if row.serial not in loaded and row is not holder[k]:
                    leaving.add(row.serial)
                    self._keep_issues(row, issues, kinds=("rejected", "warning"))
                    self.fate[row.serial] = "rejected"
            if len(valid) < 2:
                continue
            values = [known(r, loaded[r.serial]) for r in valid]
            if not agree(valid, values):
                conflicted[k[1]] = valid
                for i, row in enumerate(valid):
                    leaving.add(row.serial)
                    self._keep_issues(row, issues, kinds=("warning",))
                    compared = [
                        (valid[j], differences(row, values[i], valid[j], values[j]))
                        for j in range(len(valid))
                        if j != i
                    ]
                    self._conflict(row, compared)
                continue
            winner, others = valid[0], valid[1:]
            merged[winner.serial] = merged_cells(winner, others, values[1:])
            key = _key_column(winner)
            for other in others:
                leaving.add(other.serial)
                self._keep_issues(other, issues, kinds=("warning",))
                self._warn(other, key, _id_of(other), f"duplicate of {winner.origin}; merged")
                self.fate[other.serial] = "merged"

        # pass 2: write
        final_rows = [r for r in active if r.serial not in leaving]
        inventory = self._validate(final_rows, {}, merged)
        loaded, issues = self._by_serial(inventory)
        for row in final_rows:
            self.fate[row.serial] = "written" if row.serial in loaded else "rejected"
            for kind, issue in issues.get(row.serial, []):
                note = ""
                ids = conflicted.get(issue.value)
                if ids and issue.reason.startswith("unknown"):
                    note = " (its rows conflict: " + ", ".join(str(r.origin) for r in ids) + ")"
                self.issues.append(self._issue(kind, issue, note))
        return inventory, loaded

    def _keep_issues(
        self, row: Row, issues: dict[int, list[tuple[Kind, RowIssue]]], kinds: tuple[str, ...]
    ) -> None:
        for kind, issue in issues.get(row.serial, []):
            if kind in kinds:
                self.issues.append(self._issue(kind, issue))

    def _row_issue(self, row: Row, column: str, value: Any, reason: str) -> RowIssue:
        return RowIssue(
            table=row.table,
            file=row.origin.file,
            row=row.origin.row,
            column=column,
            value="" if value is None else str(value),
            reason=reason,
        )

    def _reject(self, row: Row, column: str, value: Any, reason: str) -> None:
        self.issues.append(
            Issue(row.origin.ret, "rejected", self._row_issue(row, column, value, reason))
        )
        self.fate[row.serial] = "rejected"

    def _warn(self, row: Row, column: str, value: Any, reason: str) -> None:
        self.issues.append(
            Issue(row.origin.ret, "warning", self._row_issue(row, column, value, reason))
        )

    def _conflict(self, row: Row, others: list[tuple[Row, list[Any]]]) -> None:
        parts = []
        column = TABLE_BY_NAME[row.table].key
        value: Any = trim_id(row.cells[column]) if column else ""
        for other, diffs in others:
            if not diffs:
                parts.append(f"{other.origin} (agrees)")
                continue
            if column == TABLE_BY_NAME[row.table].key and diffs[0].column != "(table)":
                column, value = diffs[0].column, show(diffs[0].mine)
            said = ", ".join(
                f"{d.column} {show(d.theirs)!r} there, {show(d.mine)!r} here" for d in diffs
            )
            parts.append(f"{other.origin} ({said})")
        reason = (
            "the same id comes back with different values: "
            + "; ".join(parts)
            + "; every row of it is rejected until the units agree"
        )
        assert column is not None
        self._reject(row, column, value, reason)

    def tally(self) -> dict[str, dict[str, Tally]]:
        counts: dict[str, dict[str, Tally]] = {
            read.ret.name: {t.name: Tally() for t in TABLES} for read in self.reads
        }
        for row in self.rows:
            tally = counts[row.origin.ret][row.table]
            tally.read += 1
            fate = self.fate[row.serial]
            setattr(tally, fate, getattr(tally, fate) + 1)
        return counts


def _written_rows(inventory: Inventory, collector: _Collector) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        left = collector.left_out.get(table.name, {})
        names = [c for c in table.columns() if c not in left]
        rows = []
        for record in inventory.records(table.name):
            extras = record.extras()
            origin = collector.by_serial[int(extras.pop(SERIAL))].origin
            row = {name: getattr(record, name) for name in names}
            row.update(extras)
            row[SOURCE], row[SOURCE_ROW] = origin.ret, origin.row
            rows.append(row)
        tables[table.name] = rows
    return tables


def _extra_tables(reads: list[ReadReturn]) -> dict[str, list[dict[str, Any]]]:
    """Sheets and files the format does not name, same-named ones of all returns together."""
    extras: dict[str, list[dict[str, Any]]] = {}
    for read in reads:
        for raw in read.extra_tables:
            rows = extras.setdefault(raw.name, [])
            for number, cells in raw.rows:
                rows.append({**cells, SOURCE: read.ret.name, SOURCE_ROW: number})
    return extras


def collect(
    folder: str | Path, progress: Progress | None = None, exclude: Iterable[Path] = ()
) -> Collected:
    """Collect the returns in ``folder``; InventoryError if one cannot be read at all (it is
    named) or there is none. ``progress`` is called after each return is read; ``exclude``
    names paths inside ``folder`` that are not returns (the output, the feedback folder)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InventoryError(f"{folder} is not a folder of returned questionnaires")
    returns, ignored = find_returns(folder, exclude)
    if not returns:
        raise InventoryError(
            f"{folder} holds no return: put the returned .xlsx workbooks (or folders of CSV "
            "files) in it"
        )
    reads: list[ReadReturn] = []
    serial = 2
    for ret in returns:
        read = read_return(ret, serial)
        serial += len(read.rows) + 1
        reads.append(read)
        if progress is not None:
            progress(ret)
    collector = _Collector(reads)
    inventory, _ = collector.run()
    for table, columns in collector.left_out.items():
        for column, lacking in columns.items():
            for name in lacking:
                read = next(r for r in reads if r.ret.name == name)
                collector.issues.append(
                    Issue(
                        name,
                        "warning",
                        RowIssue(
                            table=table,
                            file=read.ret.path.name,
                            row=1,
                            column=column,
                            value="",
                            reason="column not collected by this return (an older questionnaire?); "
                            f"left out of the inventory for every return ({len(lacking)} lack it: "
                            + ", ".join(lacking)
                            + ")",
                        ),
                    )
                )
    tables = _written_rows(inventory, collector)
    tables.update(_extra_tables(reads))
    return Collected(
        returns=returns,
        ignored=ignored,
        tables=tables,
        counts=collector.tally(),
        issues=collector.issues,
        left_out=collector.left_out,
    )


def write_collected(collected: Collected, out: str | Path) -> Path:
    """Write the collected inventory: a folder of UTF-8 CSV files with English headers, or
    an .xlsx workbook when ``out`` ends in ``.xlsx``."""
    from interop.loaders.write import write_csv_folder, write_xlsx

    out = Path(out)
    if out.suffix.casefold() == ".xlsx":
        return write_xlsx(collected.tables, out, "en")
    write_csv_folder(collected.tables, out, "en", "utf-8")
    return out
