"""findings.xlsx and findings.csv: the findings as tables an auditor filters and sorts.

Both guard against spreadsheet formula injection: a text cell starting with ``=``,
``+``, ``-``, ``@`` (or a tab or carriage return) is written as text, never as a formula
(in the workbook a string cell with Excel's quote prefix; in the CSV a leading ``'``).
The CSV is UTF-8 with a BOM so that Excel opens Chinese text correctly.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from interop.escape import csv_cell, looks_like_formula
from interop.findings.model import AREAS, FindingsDocument
from interop.inventory.report import RowIssue
from interop.report.catalog import Entry, catalog
from interop.report.context import build_context
from interop.wording import (
    DEFAULT_LANG,
    Lang,
    area_name,
    check_lang,
    rule_name,
    severity_name,
    text,
)

FINDINGS_XLSX = "findings.xlsx"
FINDINGS_CSV = "findings.csv"
MAX_CELL = 32_000
"""Excel holds at most 32,767 characters in a cell; longer text is cut (and says so)."""

_SHEET_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")
_HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")


def _clean(value: str) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value if len(value) <= MAX_CELL else value[:MAX_CELL] + " …"


def put(ws: Worksheet, row: int, column: int, value: Any) -> None:
    """Write one cell; text that looks like a formula stays text (quote prefix)."""
    cell = ws.cell(row=row, column=column)
    if value is None:
        return
    if isinstance(value, str):
        value = _clean(value)
        cell.value = value
        if looks_like_formula(value):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value


def _sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int],
) -> Worksheet:
    ws = wb.create_sheet(title=title)
    for col, header in enumerate(headers, start=1):
        put(ws, 1, col, header)
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    count = 0
    for index, row in enumerate(rows, start=2):
        count += 1
        for col, value in enumerate(row, start=1):
            put(ws, index, col, value)
            if isinstance(value, str) and len(value) > 40:
                ws.cell(row=index, column=col).alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    last = get_column_letter(len(headers))
    ws.auto_filter.ref = f"A1:{last}{count + 1}"
    return ws


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (at most 31 characters, no ``\\ / ? * [ ] :``)."""
    title = _SHEET_FORBIDDEN.sub(" ", name).strip()[:31] or "sheet"
    base, n = title, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title.casefold())
    return title


def _finding_headers(lang: Lang) -> list[str]:
    keys = (
        "col.id",
        "col.rule",
        "col.rule_name",
        "col.severity",
        "col.subjects",
        "col.checks",
        "col.title",
        "col.detail",
        "col.build",
        "col.om",
        "col.camera",
        "col.recommendation",
        "col.evidence",
    )
    return [text(k, lang) for k in keys]


def failed_checks(finding: Any) -> str:
    """The names of a version-2 finding's failed checks (empty for the other rules)."""
    return ";".join(str(c["check"]) for c in finding.evidence.get("checks", ()))


def _finding_row(entry: Entry, lang: Lang) -> list[Any]:
    f = entry.finding
    evidence = json.dumps(f.evidence, ensure_ascii=False, default=str)
    return [
        entry.fid,
        f.rule,
        rule_name(f.rule, lang),
        severity_name(str(f.severity), lang),
        ";".join(f.subjects),
        failed_checks(f),
        f.title,
        f.detail,
        entry.money.build_cost,
        entry.money.annual_om_cost,
        entry.money.camera_cost,
        f.recommendation,
        evidence,
    ]


def _issue_rows(issues: Sequence[RowIssue]) -> list[list[Any]]:
    return [[i.file, i.row, i.column, i.value, i.reason, i.table] for i in issues]


def write_xlsx(document: FindingsDocument, path: Path, lang: Lang) -> Path:
    """findings.xlsx: a summary sheet, a sheet per problem area, rejected rows, warnings."""
    context = build_context(document, lang)
    entries = list(context.entries)
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the new workbook's empty default sheet
    taken: set[str] = set()
    summary_rows: list[list[Any]] = [[label, value] for label, value in context.headline]
    summary_rows += [[f"{name} ({rule})", count] for _, rule, name, count, _ in context.per_rule]
    _sheet(
        wb,
        sheet_title(text("sheet.summary", lang), taken),
        [text("head.figure", lang), text("head.value", lang)],
        summary_rows,
        [60, 14],
    )
    widths = [9, 30, 28, 9, 24, 24, 48, 70, 14, 14, 14, 60, 60]
    for number in sorted(AREAS):
        title = sheet_title(f"{number} {area_name(number, lang)}", taken)
        rows = [_finding_row(e, lang) for e in entries if e.finding.area == number]
        _sheet(wb, title, _finding_headers(lang), rows, widths)
        if number == 2:  # and the money tied up in the findings of the other areas
            area = next(a for a in context.areas if a.number == 2)
            _sheet(
                wb,
                sheet_title(f"{number} {text('sheet.money', lang)}", taken),
                [
                    f"{text('money.area', lang)} · {text('money.rule', lang)}",
                    text("money.findings", lang),
                    text("money.build", lang),
                    text("money.om", lang),
                    text("money.camera", lang),
                ],
                [[r.label, r.findings, *r.amounts] for r in area.money_rows],
                [60, 10, 18, 18, 18],
            )
    issue_headers = [
        text(k, lang)
        for k in ("col.file", "col.row", "col.column", "col.value", "col.reason", "col.table")
    ]
    issue_widths = [28, 8, 18, 30, 50, 16]
    load = document.load
    _sheet(
        wb,
        sheet_title(text("sheet.rejected", lang), taken),
        issue_headers,
        _issue_rows(load.rejected),
        issue_widths,
    )
    _sheet(
        wb,
        sheet_title(text("sheet.warnings", lang), taken),
        issue_headers,
        _issue_rows(load.warnings),
        issue_widths,
    )
    wb.save(path)
    return path


def write_csv(document: FindingsDocument, path: Path, lang: Lang) -> Path:
    """findings.csv: one row per finding, UTF-8 with BOM, formula-like text quoted."""
    headers = [
        text(k, lang)
        for k in (
            "col.id",
            "col.rule",
            "col.area",
            "col.severity",
            "col.subjects",
            "col.checks",
            "col.title",
            "col.detail",
            "col.build",
            "col.om",
            "col.camera",
            "col.recommendation",
        )
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for entry in catalog(document):
            f = entry.finding
            row = [
                entry.fid,
                f.rule,
                f"{f.area}. {area_name(f.area, lang)}",
                severity_name(str(f.severity), lang),
                ";".join(f.subjects),
                failed_checks(f),
                f.title,
                f.detail,
                entry.money.build_cost,
                entry.money.annual_om_cost,
                entry.money.camera_cost,
                f.recommendation,
            ]
            writer.writerow([csv_cell(v) for v in row])
    return path


def write_tables(document: FindingsDocument, out_dir: Path, lang: str = DEFAULT_LANG) -> list[Path]:
    """Write ``findings.xlsx`` and ``findings.csv`` into ``out_dir``; return their paths."""
    language = check_lang(lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [
        write_xlsx(document, out_dir / FINDINGS_XLSX, language),
        write_csv(document, out_dir / FINDINGS_CSV, language),
    ]
