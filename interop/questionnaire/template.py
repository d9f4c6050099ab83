"""The questionnaire: an .xlsx form generated from the schema declaration (audit-cycle.md).

One sheet per table of the inventory format, named and headed in Chinese or English, the
header in row 1 and nothing above or below it, so that a filled form read by any loader is
an inventory and an untouched one is a valid, empty inventory. Everything a unit needs to
fill it is generated from the declaration (:mod:`interop.schema.tables`, the kinds of
:mod:`interop.schema.kinds`), never from a list kept here: header comments (meaning,
required or not, format, referenced sheet), drop-down lists of every enumerated column in
the form's language, date and number validation, text format on text columns (ids keep
their leading zeros), a frozen, styled header (required columns in red), widths that fit
Chinese, and a 填表说明 sheet that loaders ignore.

Only features that Excel, WPS, LibreOffice and openpyxl all read back are used: inline
list validations (no hidden list sheet, which a loader would read as an extra table),
plain comments, column styles.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from interop.i18n import Lang, check_lang
from interop.questionnaire.words import INSTRUCTIONS_SHEET, word
from interop.schema.columns import Column
from interop.schema.enums import spelling
from interop.schema.kinds import ColumnKind, column_kind
from interop.schema.tables import TABLE_BY_NAME, TABLES, Department, Table

LAST_ROW = 1_048_576
"""Validations cover every row Excel has (LibreOffice keeps them for the rows it uses + 1000)."""

DATE_MIN, DATE_MAX = date(1949, 10, 1), date(2099, 12, 31)
MONEY_MAX = 100_000_000
"""万元: more is implausible and rejected (inventory-format.md)."""

_EXCEL_EPOCH = date(1899, 12, 30)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="9BB0C8")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_REQUIRED_FONT = Font(bold=True, color="C00000")
_OPTIONAL_FONT = Font(bold=True, color="1F3864")
_TEXT_KINDS = frozenset({"text", "multi", "division"})


def sheet_title(table: Table, lang: Lang) -> str:
    """The sheet of ``table``: its Chinese or English name (loaders accept both)."""
    return table.zh if lang == "zh" else table.name


def header_text(name: str, column: Column, lang: Lang) -> str:
    """A column's header: its Chinese alias or its English name (loaders accept both)."""
    return column.zh if lang == "zh" else name


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a Chinese (wide) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def choices(kind: ColumnKind, lang: Lang) -> list[str] | None:
    """The drop-down values of a column in ``lang`` (None for a column without a list).

    Every value parses back to what it means: enums by :func:`spelling`, booleans as
    是/否 or yes/no, grades as 未定级/第一级… or ungraded/1….
    """
    if kind.kind == "enum":
        assert kind.enum is not None
        return [spelling(member, lang) for member in kind.enum]
    if kind.kind == "bool":
        return [word("yes", lang), word("no", lang)]
    if kind.kind == "grade":
        grades = ["第一级", "第二级", "第三级", "第四级", "第五级"] if lang == "zh" else "12345"
        return [word("ungraded", lang), *grades]
    return None


def _default_text(table: Table, name: str, lang: Lang) -> str | None:
    field = table.model.model_fields[name]
    default = field.get_default()
    if field.is_required() or default in (None, []):
        return None
    shown = spelling(default, lang) if isinstance(default, StrEnum) else str(default)
    return word("default", lang, value=shown)


def column_notes(table: Table, name: str, lang: Lang) -> list[str]:
    """What a unit must know of one column, one line each (the header comment and the
    instructions sheet say the same): required or not, format, referenced sheet, default,
    what it means."""
    column = table.columns()[name]
    kind = column_kind(table, name)
    need = word("required" if column.required else "optional", lang)
    if column.since > 1:
        need += word("since2", lang)
    lines = [need]
    values = choices(kind, lang)
    if kind.kind == "enum" and values is not None:
        separator = "、" if lang == "zh" else ", "
        lines.append(word("kind.enum", lang, values=separator.join(values)))
    else:
        lines.append(word(f"kind.{kind.kind}", lang))
    if column.refs:
        separator = "或" if lang == "zh" else " or "
        sheets = separator.join(sheet_title(TABLE_BY_NAME[r], lang) for r in column.refs)
        lines.append(word("refers", lang, sheets=sheets))
    if name == table.key:
        lines.append(word("unique", lang))
    default = _default_text(table, name, lang)
    if default:
        lines.append(default)
    if column.doc:
        lines.append(column.doc)
    return lines


def _serial(day: date) -> int:
    return (day - _EXCEL_EPOCH).days


def validation(kind: ColumnKind, lang: Lang) -> DataValidation | None:
    """The data validation of a column of ``kind`` (None for free text)."""
    common: dict[str, Any] = {
        "allow_blank": True,
        "showErrorMessage": True,
        "errorStyle": "stop",
        "errorTitle": word("error.title", lang),
    }
    values = choices(kind, lang)
    if values is not None:
        formula = '"' + ",".join(values) + '"'
        return DataValidation(
            type="list", formula1=formula, error=word("error.list", lang), **common
        )
    bounds: dict[str, tuple[Literal["decimal"], int, int]] = {
        "amount": ("decimal", 0, MONEY_MAX),
        "lat": ("decimal", -90, 90),
        "lon": ("decimal", -180, 180),
    }
    if kind.kind == "date":
        return DataValidation(
            type="date",
            operator="between",
            formula1=str(_serial(DATE_MIN)),
            formula2=str(_serial(DATE_MAX)),
            error=word("error.date", lang),
            **common,
        )
    if kind.kind in bounds:
        type_, low, high = bounds[kind.kind]
        return DataValidation(
            type=type_,
            operator="between",
            formula1=str(low),
            formula2=str(high),
            error=word("error.number", lang),
            **common,
        )
    if kind.kind == "count":
        return DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            error=word("error.number", lang),
            **common,
        )
    if kind.kind == "division":
        return DataValidation(
            type="textLength",
            operator="equal",
            formula1="6",
            error=word("error.division", lang),
            **common,
        )
    return None


def _number_format(kind: ColumnKind) -> str | None:
    if kind.kind in _TEXT_KINDS:
        return "@"  # text: an id typed as 007 or a 20-digit gb_id stays exactly as typed
    if kind.kind == "date":
        return "yyyy-mm-dd"
    return None


def _write_header(ws: Worksheet, table: Table, lang: Lang) -> None:
    for index, (name, column) in enumerate(table.columns().items(), start=1):
        letter = get_column_letter(index)
        kind = column_kind(table, name)
        text = header_text(name, column, lang)
        cell = ws.cell(row=1, column=index, value=text)
        cell.font = _REQUIRED_FONT if column.required else _OPTIONAL_FONT
        cell.fill = _HEADER_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
        notes = column_notes(table, name, lang)
        body = f"{text}\n" + "\n".join(notes)
        longest = max(display_width(line) for line in body.splitlines())
        lines = sum(1 + display_width(line) // 40 for line in body.splitlines())
        cell.comment = Comment(
            body,
            "interop",
            width=min(max(longest, 20), 40) * 7 + 20,
            height=lines * 16 + 14,
        )
        values = choices(kind, lang) or []
        width = max(display_width(text), *(display_width(v) for v in values), 8)
        ws.column_dimensions[letter].width = min(width + 4, 48)
        number_format = _number_format(kind)
        if number_format is not None:
            ws.column_dimensions[letter].number_format = number_format
        check = validation(kind, lang)
        if check is not None:
            check.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(check)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 22


def _cell(value: Any, lang: Lang) -> Any:
    """A prefilled value as a unit would type it in ``lang``."""
    if value is None or value == []:
        return None
    if isinstance(value, StrEnum):
        return spelling(value, lang)
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if isinstance(value, list | tuple):
        return ("、" if lang == "zh" else ";").join(str(v) for v in value)
    return value


def _prefill(ws: Worksheet, table: Table, records: Sequence[Any], lang: Lang) -> None:
    names = list(table.columns())
    for row, record in enumerate(records, start=2):
        for index, name in enumerate(names, start=1):
            value = _cell(getattr(record, name, None), lang)
            if value is not None:
                cell = ws.cell(row=row, column=index, value=value)
                if isinstance(value, str):
                    cell.number_format = "@"


def _instructions(ws: Worksheet, lang: Lang) -> None:
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 10
    ws.column_dimensions["D"].width = 90
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.cell(row=1, column=1, value=word("howto.title", lang)).font = Font(bold=True, size=14)
    row = 3
    for key in ("howto.intro", "howto.what", "howto.formats", "howto.required", "howto.ask"):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        paragraph = word(key, lang)
        cell = ws.cell(row=row, column=1, value=paragraph)
        cell.alignment = wrap
        ws.row_dimensions[row].height = 15 * (2 + display_width(paragraph) // 130)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value=word("howto.columns", lang)).font = Font(bold=True, size=12)
    row += 1
    for index, key in enumerate(("howto.sheet", "howto.column", "howto.need", "howto.meaning"), 1):
        cell = ws.cell(row=row, column=index, value=word(key, lang))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for table in TABLES:
        for name, column in table.columns().items():
            row += 1
            notes = column_notes(table, name, lang)
            ws.cell(row=row, column=1, value=sheet_title(table, lang))
            ws.cell(row=row, column=2, value=header_text(name, column, lang))
            ws.cell(row=row, column=3, value=notes[0])
            separator = "；" if lang == "zh" else "; "
            cell = ws.cell(row=row, column=4, value=separator.join(notes[1:]))
            cell.alignment = wrap
    ws.freeze_panes = None


def read_departments(path: str | Path) -> list[Department]:
    """The departments to prefill: from an inventory (folder or .xlsx) or one CSV file of
    departments. Rejected rows are an InventoryError (prefilling must not drop any)."""
    from interop.inventory.errors import InventoryError
    from interop.inventory.raw import RawTable
    from interop.inventory.validate import validate
    from interop.loaders import read_raw_tables
    from interop.loaders.csv_folder import read_csv_table

    path = Path(path)
    if path.is_file() and path.suffix.casefold() == ".csv":
        raw = [
            read_csv_table(path, "departments"),
            RawTable(
                name="systems", source="(none)", headers=list(TABLE_BY_NAME["systems"].columns())
            ),
        ]
        inventory = validate(raw, str(path))
    else:
        inventory = validate(read_raw_tables(path), str(path))
    rejected = [i for i in inventory.report.rejected if i.table == "departments"]
    if rejected:
        raise InventoryError(
            f"{path}: {len(rejected)} department row(s) rejected, first: {rejected[0]}; "
            "correct them before prefilling the questionnaire"
        )
    return list(inventory.departments)


def write_template(
    path: str | Path, lang: str = "zh", departments: Sequence[Department] = ()
) -> Path:
    """Write the questionnaire to ``path`` (.xlsx); ``departments`` prefill their sheet."""
    language = check_lang(lang)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    _instructions(workbook.create_sheet(INSTRUCTIONS_SHEET[language]), language)
    for table in TABLES:
        ws = workbook.create_sheet(sheet_title(table, language))
        _write_header(ws, table, language)
        if table.name == "departments" and departments:
            _prefill(ws, table, departments, language)
    workbook.active = 0
    workbook.save(path)
    return path
