"""The returned questionnaires: which files are returns, and each one read as an inventory.

A *return* is an ``.xlsx`` workbook or a sub-folder of CSV files in the RETURNS folder
(audit-cycle.md, ``interop collect``), named by its file stem or folder name. It is read by
the same loaders as an inventory (:func:`loaders.read_raw_tables`) and validated alone once
(:func:`interop.inventory.validate.validate`), so that everything that makes an inventory
unreadable (a header written twice, a table whose header names none of its required
columns, a file in neither UTF-8 nor GBK) stops the collection with the return named,
and so that the load report says which columns the return collected. Its rows are then
numbered across all returns (a *serial*) and keyed by English field names, ready to be
validated together with every other return's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interop.inventory.errors import InventoryError
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate
from interop.schema.tables import TABLE_BY_NAME, TABLES, Table

_JUNK_PREFIXES = ("~$", "._", ".")
"""Office lock files, macOS resource forks and hidden files: never returns."""


@dataclass(frozen=True)
class Return:
    """One returned questionnaire."""

    name: str
    """The return's name: the workbook's file stem or the folder's name."""
    path: Path

    def where(self, source: str) -> str:
        """A loader's source name (``x.xlsx#信息系统``, ``systems.csv``) with the return in it."""
        if self.path.is_dir():
            return f"{self.path.name}/{source}"
        return source


@dataclass(frozen=True)
class Origin:
    """Where a row of a return is: the return, its sheet or file, the row a spreadsheet shows."""

    ret: str
    file: str
    row: int

    def __str__(self) -> str:
        return f"{self.ret}:{self.row}"


@dataclass
class Row:
    """One non-empty row of one return, its cells keyed by field name (extras as written)."""

    serial: int
    table: str
    origin: Origin
    cells: dict[str, Any]


@dataclass
class ReadReturn:
    """A return as read: its rows per table and the declared columns each table had."""

    ret: Return
    rows: list[Row] = field(default_factory=list)
    columns: dict[str, list[str]] = field(default_factory=dict)
    extra_tables: list[RawTable] = field(default_factory=list)


def find_returns(folder: Path, exclude: Iterable[Path] = ()) -> tuple[list[Return], list[str]]:
    """The returns in ``folder`` in name order, and the names of the other entries
    (ignored, but listed so that nothing is left out silently). ``exclude``: paths that are
    not returns even if they look like one (collect's own output and feedback folder). Two
    returns with the same name (``a.xlsx`` and a folder ``a``) are an InventoryError."""
    returns: list[Return] = []
    ignored: list[str] = []
    skip = {p.resolve() for p in exclude}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(_JUNK_PREFIXES):
            continue
        if path.resolve() in skip:
            ignored.append(path.name)
            continue
        if path.is_dir():
            returns.append(Return(path.name, path))
        elif path.suffix.casefold() == ".xlsx":
            returns.append(Return(path.stem, path))
        else:
            ignored.append(path.name)
    seen: dict[str, Return] = {}
    for ret in returns:
        if ret.name in seen:
            raise InventoryError(
                f"{seen[ret.name].path.name} and {ret.path.name} are both the return "
                f"{ret.name!r}; rename one of them"
            )
        seen[ret.name] = ret
    return returns, ignored


def header_field(table: Table, header: str) -> str:
    """The field a header means (English or Chinese, as the validator resolves it), or the
    header itself for an extra column."""
    text = str(header).strip()
    return table.field_by_header().get(text.casefold(), text)


def read_return(ret: Return, first_serial: int) -> ReadReturn:
    """Read and check one return; InventoryError (naming the return) if it is no inventory.

    Tables the format requires but the return lacks are given empty for the check: a unit
    may return only the sheets it filled, as long as the returns together hold them.
    """
    from interop.loaders import read_raw_tables

    try:
        raw_tables = read_raw_tables(ret.path)
        present = {raw.name for raw in raw_tables}
        stubs = [
            RawTable(name=t.name, source=f"{ret.path.name}#{t.zh}", headers=list(t.columns()))
            for t in TABLES
            if t.required and t.name not in present
        ]
        alone = validate([*raw_tables, *stubs], str(ret.path))
    except InventoryError as exc:
        message = str(exc)
        if str(ret.path) not in message:
            message = f"return {ret.path.name}: {message}"
        raise InventoryError(message) from None
    read = ReadReturn(ret)
    read.columns = {
        name: columns for name, columns in alone.report.columns.items() if name in present
    }
    serial = first_serial
    for raw in raw_tables:
        table = TABLE_BY_NAME.get(raw.name)
        if table is None:
            read.extra_tables.append(raw)
            continue
        fields = {str(h): header_field(table, h) for h in raw.headers}
        for number, cells in raw.rows:
            keyed = {fields[str(h)]: v for h, v in cells.items() if str(h) in fields}
            origin = Origin(ret.name, ret.where(raw.source), number)
            read.rows.append(Row(serial, table.name, origin, keyed))
            serial += 1
    return read
