"""Feedback workbooks: what the bureau sends back to each unit after ``interop collect``.

One workbook per return that has at least one rejected row or warning, named
``<return>-问题反馈.xlsx`` (``<return>-feedback.xlsx`` in English), holding that return's
issues only: kind, table, sheet or file, row, column, value, reason — rejected rows first,
in the order of the return's rows, so a unit can walk down its own workbook. Tables and
columns are named in the chosen language; the reasons are the validation's own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from interop.escape import looks_like_formula
from interop.i18n import Lang, check_lang
from interop.questionnaire.collect import Collected, Issue
from interop.questionnaire.template import display_width
from interop.questionnaire.words import word
from interop.schema.tables import TABLE_BY_NAME

COLUMNS = ("kind", "table", "file", "row", "column", "value", "reason")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REJECTED_FILL = PatternFill("solid", fgColor="FCE4E4")


def put(ws: Worksheet, row: int, column: int, value: Any) -> None:
    """Write one cell; text that looks like a formula (a unit's ``=1+1``) stays text."""
    if value is None:
        return
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        if looks_like_formula(value):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value


def feedback_name(ret: str, lang: Lang) -> str:
    return f"{ret}{word('feedback.suffix', lang)}"


def _table(name: str, lang: Lang) -> str:
    table = TABLE_BY_NAME.get(name)
    return name if table is None or lang == "en" else table.zh


def _column(table: str, name: str, lang: Lang) -> str:
    known = TABLE_BY_NAME.get(table)
    if known is None or lang == "en" or name not in known.columns():
        return name
    return known.columns()[name].zh


def _sorted(issues: list[Issue]) -> list[Issue]:
    return sorted(
        issues,
        key=lambda i: (i.kind != "rejected", i.issue.file, i.issue.row, i.issue.column),
    )


def write_feedback(collected: Collected, folder: str | Path, lang: str = "zh") -> list[Path]:
    """Write the feedback workbooks into ``folder`` (created if missing); return them."""
    language = check_lang(lang)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for ret in collected.returns:
        issues = collected.issues_of(ret.name)
        if not issues:
            continue
        wb = Workbook()
        wb.remove(wb.worksheets[0])
        ws = wb.create_sheet(word("feedback.sheet", language))
        headers = [word(f"feedback.{c}", language) for c in COLUMNS]
        for index, text in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=index, value=text)
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
        widths = [display_width(h) for h in headers]
        for row, item in enumerate(_sorted(issues), start=2):
            issue = item.issue
            values = [
                word(f"feedback.{item.kind}", language),
                _table(issue.table, language),
                issue.file,
                issue.row,
                _column(issue.table, issue.column, language),
                issue.value,
                issue.reason,
            ]
            for column, value in enumerate(values, start=1):
                put(ws, row, column, value)
                widths[column - 1] = max(widths[column - 1], display_width(str(value)))
                if item.kind == "rejected":
                    ws.cell(row=row, column=column).fill = _REJECTED_FILL
            ws.cell(row=row, column=7).alignment = Alignment(wrap_text=True, vertical="top")
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = min(width + 2, 80)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:G{len(issues) + 1}"
        intro = wb.create_sheet(word("feedback.about", language))
        intro.column_dimensions["A"].width = 100
        text = word("feedback.intro", language, source=ret.path.name)
        cell = intro.cell(row=1, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        path = folder / feedback_name(ret.name, language)
        wb.save(path)
        written.append(path)
    return written
