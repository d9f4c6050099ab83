"""Accepted risks: findings the city decided to live with, for a reason and until a date
(audit-cycle.md, "Accepted risks").

The file is a CSV (UTF-8 or GBK) or an ``.xlsx`` workbook (its first sheet) with the
columns ``rule`` 规则, ``subjects`` 对象 (ids separated as in multi-valued cells, in the
finding's order for ordered rules), ``reason`` 理由, ``approved_by`` 批准人 and
``expires`` 到期日 (a date, required). An entry is in force while the as-of date is on
or before ``expires``. A finding with the same identity as an entry in force (rule and
subjects, see :func:`interop.rounds.compare.identity`: a camera site that grew is not the
same finding) keeps its place in findings.json and gains ``accepted``; the report counts
it apart from the open findings. Expired entries, entries that match no finding and
rows that cannot be read are *warnings*, each with the file's row number; a file that
cannot be read at all is an :class:`AcceptedError`.

The file is read by the inventory loaders' readers (:mod:`loaders`), so encodings,
typed cells and row numbers are those of an inventory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from interop.findings.model import Acceptance, AcceptedWarning, FindingsDocument
from interop.inventory.errors import InventoryError
from interop.inventory.raw import RawTable
from interop.rounds.compare import Identity, finding_identity, identity
from interop.schema.values import parse_date, parse_multi

COLUMNS: dict[str, tuple[str, str]] = {
    "rule": ("rule", "规则"),
    "subjects": ("subjects", "对象"),
    "reason": ("reason", "理由"),
    "approved_by": ("approved_by", "批准人"),
    "expires": ("expires", "到期日"),
}
"""Each column's English and Chinese header."""

REQUIRED = ("rule", "subjects", "expires")


class AcceptedError(ValueError):
    """The accepted-risks file cannot be read at all; the message names it."""


@dataclass(frozen=True)
class AcceptedEntry:
    """One readable row of the file."""

    row: int
    rule: str
    subjects: tuple[str, ...]
    reason: str
    approved_by: str
    expires: date

    @property
    def identity(self) -> Identity:
        return identity(self.rule, self.subjects)


@dataclass(frozen=True)
class AcceptedRisks:
    """What the file holds: its name, the readable entries, and the unreadable rows."""

    file: str
    entries: tuple[AcceptedEntry, ...]
    unreadable: tuple[AcceptedWarning, ...]


def _raw_table(path: Path) -> RawTable:
    from interop.loaders.csv_folder import read_csv_table
    from interop.loaders.xlsx_workbook import _open, _read_sheet

    if path.suffix.casefold() == ".xlsx":
        workbook = _open(path)
        try:
            if not workbook.worksheets:
                raise InventoryError(f"{path} has no sheet")
            return _read_sheet(workbook.worksheets[0], "accepted", path.name)
        finally:
            workbook.close()
    if path.suffix.casefold() == ".csv":
        return read_csv_table(path, "accepted")
    raise InventoryError(f"{path} is neither a .csv file nor an .xlsx workbook")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _headers(table: RawTable, source: str) -> dict[str, str]:
    """Each column of COLUMNS -> the header the file writes it with."""
    found: dict[str, str] = {}
    for header in table.headers:
        key = header.strip().casefold()
        for column, names in COLUMNS.items():
            if key in (names[0], names[1]) and column not in found:
                found[column] = header
    missing = [f"{COLUMNS[c][0]} ({COLUMNS[c][1]})" for c in REQUIRED if c not in found]
    if missing:
        raise AcceptedError(
            f"{source} lacks the column(s) {', '.join(missing)}: an accepted-risks file has "
            "the columns rule 规则, subjects 对象, reason 理由, approved_by 批准人, expires 到期日"
        )
    return found


def read_accepted(path: Path) -> AcceptedRisks:
    """The entries of an accepted-risks file, and a warning for each row that cannot be read.

    Raises AcceptedError when the file cannot be read at all (missing, not CSV/xlsx, not
    decodable, or without the required columns).
    """
    try:
        table = _raw_table(path)
    except InventoryError as exc:
        raise AcceptedError(str(exc)) from None
    except OSError as exc:
        raise AcceptedError(f"{path} cannot be read ({exc.strerror or exc})") from None
    headers = _headers(table, path.name)
    entries: list[AcceptedEntry] = []
    unreadable: list[AcceptedWarning] = []
    for number, cells in table.rows:
        values = {column: cells.get(header) for column, header in headers.items()}
        rule = _cell(values.get("rule"))
        subjects = parse_multi(_cell(values.get("subjects")))
        problems = [f"{COLUMNS[c][0]} ({COLUMNS[c][1]}) is empty" for c in ("rule",) if not rule]
        if not subjects:
            problems.append("subjects (对象) is empty")
        expires: date | None = None
        raw_expiry = values.get("expires")
        if raw_expiry is None or _cell(raw_expiry) == "":
            problems.append("expires (到期日) is empty: an accepted risk needs an expiry date")
        else:
            try:
                expires = parse_date(raw_expiry)
            except ValueError as exc:
                problems.append(f"expires (到期日) {_cell(raw_expiry)!r}: {exc}")
        if problems or expires is None:
            unreadable.append(
                AcceptedWarning(
                    file=path.name,
                    row=number,
                    rule=rule or None,
                    subjects=subjects,
                    reason="cannot be read: " + "; ".join(problems),
                )
            )
            continue
        entries.append(
            AcceptedEntry(
                row=number,
                rule=rule,
                subjects=tuple(subjects),
                reason=_cell(values.get("reason")),
                approved_by=_cell(values.get("approved_by")),
                expires=expires,
            )
        )
    return AcceptedRisks(path.name, tuple(entries), tuple(unreadable))


def _warning(risks: AcceptedRisks, entry: AcceptedEntry, reason: str) -> AcceptedWarning:
    return AcceptedWarning(
        file=risks.file,
        row=entry.row,
        rule=entry.rule,
        subjects=list(entry.subjects),
        reason=reason,
    )


def apply_accepted(document: FindingsDocument, risks: AcceptedRisks) -> FindingsDocument:
    """``document`` with ``accepted`` on the findings that an entry in force matches, and
    ``accepted_warnings`` listing expired, unmatched and unreadable rows (in row order).

    When several entries in force match one finding, the first row wins.
    """
    in_force: dict[Identity, AcceptedEntry] = {}
    warnings: list[AcceptedWarning] = list(risks.unreadable)
    for entry in risks.entries:
        if document.as_of > entry.expires:
            warnings.append(
                _warning(
                    risks,
                    entry,
                    f"expired on {entry.expires.isoformat()} (as-of date "
                    f"{document.as_of.isoformat()}): the finding counts as open",
                )
            )
            continue
        in_force.setdefault(entry.identity, entry)
    matched: set[Identity] = set()
    findings = []
    for finding in document.findings:
        key = finding_identity(finding)
        match = in_force.get(key)
        if match is None:
            findings.append(finding.model_copy(update={"accepted": None}))
            continue
        matched.add(key)
        acceptance = Acceptance(
            reason=match.reason, approved_by=match.approved_by, expires=match.expires
        )
        findings.append(finding.model_copy(update={"accepted": acceptance}))
    for entry in risks.entries:
        if document.as_of <= entry.expires and entry.identity not in matched:
            warnings.append(
                _warning(
                    risks,
                    entry,
                    "matches no finding of this run (rule and subjects must be those of one "
                    "finding, in its order for ordered rules)",
                )
            )
    warnings.sort(key=lambda w: w.row)
    return document.model_copy(update={"findings": findings, "accepted_warnings": warnings})


def accepted_findings(document: FindingsDocument) -> int:
    """How many findings of ``document`` are accepted risks."""
    return sum(1 for f in document.findings if f.accepted is not None)


__all__ = [
    "COLUMNS",
    "AcceptedEntry",
    "AcceptedError",
    "AcceptedRisks",
    "accepted_findings",
    "apply_accepted",
    "read_accepted",
]
