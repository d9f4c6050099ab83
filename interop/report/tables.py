"""findings.xlsx and findings.csv: the findings as tables an auditor filters and sorts.

Both guard against spreadsheet formula injection: a text cell starting with ``=``,
``+``, ``-``, ``@`` (or a tab or carriage return) is written as text, never as a formula
(in the workbook a string cell with Excel's quote prefix; in the CSV a leading ``'``).
The CSV is UTF-8 with a BOM so that Excel opens Chinese text correctly.

The workbook is written by xlsxwriter in ``constant_memory`` mode: each row goes to disk
as it is written, so a city with tens of thousands of findings (and evidence of
megabytes) costs no more memory than a small one. Rows must therefore be written in
order, one sheet after the other. openpyxl stays the reader (tests, notebooks).
"""

from __future__ import annotations

import contextlib
import csv
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter.workbook
from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from interop.escape import FORMULA_PREFIXES, csv_row, looks_like_formula
from interop.findings.model import AREAS, EvidenceTexts, FindingsDocument
from interop.i18n import DEFAULT_LANG, Lang, check_lang
from interop.inventory.report import RowIssue
from interop.report import xlsx_splice
from interop.report.catalog import Entry, catalog
from interop.report.context import origin_texts, report_figures
from interop.report.extra_sheets import extra_sheets
from interop.report.scorecard import DepartmentScore
from interop.report.xlsx_rows import (
    UTF8_FITS,
    CellValue,
    PlainText,
    PlainUtf8,
    RowWriter,
    plain,
    plain_json,
    plain_json_utf8,
    read_as_markup,
)
from interop.wording import area_name, rule_name, severity_name, text

FINDINGS_XLSX = "findings.xlsx"
FINDINGS_CSV = "findings.csv"
MAX_CELL = 32_767
"""Excel holds at most 32,767 characters in a cell; longer text is cut there and says that
the whole of it is in findings.json (a camera site's or a network's evidence can be
megabytes)."""

ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010\013\014\016-\037]")
"""Control characters XML 1.0 forbids (openpyxl's pattern, without importing openpyxl)."""
_ILLEGAL_BYTES = bytes(range(0o11)) + b"\013\014" + bytes(range(0o16, 0o40))
"""The same characters as UTF-8 bytes: deleting bytes finds them some ten times faster than
a regular expression scans Chinese text (a finding's evidence is kilobytes of it)."""
_SHEET_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")
_HEADER_FILL = "#DDE5EE"
_WRAP_FROM = 40
"""Text longer than this wraps in its cell (top-aligned)."""
_FORMULA_BYTES = tuple(prefix.encode() for prefix in FORMULA_PREFIXES)


def cell_text(value: str, lang: Lang) -> str:
    """Text a cell can hold: characters XML forbids replaced, at most :data:`MAX_CELL`
    characters, the cut saying where the rest is."""
    raw = value.encode("utf-8", "surrogatepass")
    if len(raw.translate(None, _ILLEGAL_BYTES)) != len(raw):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if len(value) <= MAX_CELL:
        return value
    note = text("sheet.cut", lang, n=f"{len(value):,}")
    return value[: MAX_CELL - len(note)] + note


class Book:
    """An xlsxwriter workbook in constant-memory mode, with the few cell styles we use."""

    def __init__(self, path: Path, lang: Lang) -> None:
        self.lang = lang
        self.workbook = Workbook(
            str(path),
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        self.taken: set[str] = set()
        self._formats: dict[tuple[bool, bool, bool], Format] = {}

    def format(self, *, header: bool = False, wrap: bool = False, quote: bool = False) -> Format:
        key = (header, wrap, quote)
        made = self._formats.get(key)
        if made is None:
            props: dict[str, Any] = {}
            if header:
                props.update(bold=True, bg_color=_HEADER_FILL, pattern=1)
            if wrap:
                props.update(text_wrap=True, valign="top")
            if quote:
                props["quote_prefix"] = True
            made = self._formats[key] = self.workbook.add_format(props)
        return made

    def cell(self, value: Any, header: bool = False) -> tuple[CellValue, Format] | None:
        """A value as a cell and its style (None: no cell). Text is cut to what a cell holds
        (:func:`cell_text`), wraps when long, and keeps a formula-like start as text."""
        if value is None:
            return None
        if isinstance(value, int | float):  # a bool is an int
            return value, self.format(header=header)
        cell: CellValue
        if type(value) is PlainUtf8:  # looked at already, as bytes (json_cell_utf8)
            data = value.data  # (a formula's first character is ASCII: its byte)
            wrap = len(data) > _WRAP_FROM and (
                len(data) > 4 * _WRAP_FROM or len(data.decode("utf-8")) > _WRAP_FROM
            )
            return value, self.format(
                header=header, wrap=not header and wrap, quote=data.startswith(_FORMULA_BYTES)
            )
        if type(value) is PlainText:  # looked at already (a finding's evidence: json_cell)
            cell, text = value, value.text
        else:
            text = str(value)
            # nothing XML forbids, nothing to cut, nothing xlsxwriter escapes (one look at
            # the text, for both): written as it is (most cells)
            if len(text) <= MAX_CELL and plain(text):
                cell = PlainText(text)
            else:
                cell = text = cell_text(text, self.lang)
        style = self.format(
            header=header,
            wrap=not header and len(text) > _WRAP_FROM,
            quote=looks_like_formula(text),
        )
        return cell, style

    def put(self, ws: Worksheet, row: int, column: int, value: Any, header: bool = False) -> None:
        """Write one cell (0-based) through xlsxwriter; see :meth:`cell`."""
        cell = self.cell(value, header)
        if cell is None:
            if header:
                ws.write_blank(row, column, None, self.format(header=True))
            return
        value, style = cell
        if isinstance(value, PlainText):
            value = value.text
        elif isinstance(value, PlainUtf8):
            value = value.data.decode("utf-8")
        if isinstance(value, bool):
            ws.write_boolean(row, column, value, style)
        elif isinstance(value, int | float):
            ws.write_number(row, column, value, style)
        else:
            ws.write_string(row, column, value, style)

    def close(self) -> None:
        with _deflated_at(DEFLATE_LEVEL):
            self.workbook.close()


_CLOSING = threading.Lock()
"""One workbook closes at a time (threads of a notebook, say): the ``ZipFile`` it closes
with is a name of xlsxwriter's module for that long (:func:`_deflated_at`), and the rows
that ``ZipFile`` sets into the sheets are noted in one place
(:mod:`~interop.report.xlsx_splice`)."""


DEFLATE_LEVEL = 3
"""How hard findings.xlsx's parts are compressed (zlib's levels, 1-9). xlsxwriter leaves
zipfile's default, 6: deflating a million cameras' findings sheet (107 MB of XML) took
1.6 s there, 0.75 s at level 3, for a workbook of 10.0 MB instead of 7.6 MB."""


@contextlib.contextmanager
def _deflated_at(level: int) -> Iterator[None]:
    """xlsxwriter's workbook zipped at ``level`` while it closes. xlsxwriter has no option
    for it: the ``ZipFile`` its ``close`` makes (a name of ``xlsxwriter.workbook``) is,
    for that long, one whose level is ``level`` (``tests/outputs/test_tables.py`` checks
    the parts' compressed sizes, so a release that zips otherwise fails a test), and
    that sets the sheets' rows into their XML (:mod:`interop.report.xlsx_splice`, which
    lasts exactly as long: its notes are for this ``ZipFile``). One workbook at a time
    (:data:`_CLOSING`)."""

    class Leveled(xlsx_splice.SplicingZipFile):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("compresslevel", level)
            super().__init__(*args, **kwargs)

    with _CLOSING:
        original = xlsxwriter.workbook.ZipFile
        xlsxwriter.workbook.ZipFile = Leveled  # type: ignore[misc]
        try:
            with xlsx_splice.splicing():
                yield
        finally:
            xlsxwriter.workbook.ZipFile = original  # type: ignore[misc]


def _sheet(
    book: Book,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int],
) -> Worksheet:
    """One sheet: a bold header row, frozen, filtered, the rows below it in order."""
    ws = book.workbook.add_worksheet(title)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    for col, header in enumerate(headers):
        book.put(ws, 0, col, header, header=True)
    # Every row but the last as one string (RowWriter); the last one cell by cell, which
    # xlsxwriter holds until the workbook closes. A format gets its style number when
    # its first cell goes out, so the numbers (styles.xml) stay those xlsxwriter gives.
    # Not text that xlsxwriter would write as XML (read_as_markup): RowWriter escapes it.
    writer, cell = RowWriter(ws), book.cell
    count, held = 0, None
    for index, row in enumerate(rows, start=1):
        if held is not None:
            writer.write_values(count, held, cell)
        count, held = index, row
    last = [cell(value) for value in held or ()]
    if any(c is not None and isinstance(c[0], str) and read_as_markup(c[0]) for c in last):
        writer.write(count, last)
    else:
        for col, value in enumerate(held or ()):
            book.put(ws, count, col, value)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, count, len(headers) - 1)
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


def _origin_cell(entry: Entry, document: FindingsDocument) -> str:
    """Where the finding's subjects came from (``S01 ← return:row``; collected inventories)."""
    return "; ".join(origin_texts(entry.finding.subjects, document.origins))


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


def json_cell(text: str) -> PlainText | str:
    """A cell of compact JSON (a finding's evidence): PlainText when it needs nothing
    escaped and fits a cell (:func:`~interop.report.xlsx_rows.plain_json`), else the
    text, which :meth:`Book.cell` looks at whole (either way it guards a formula-like
    start)."""
    if len(text) <= MAX_CELL and plain_json(text):
        return PlainText(text)
    return text


def json_cell_utf8(data: bytes) -> PlainUtf8 | PlainText | str:
    """:func:`json_cell` of compact JSON as UTF-8 bytes: PlainUtf8 when it needs nothing
    escaped and fits a cell whatever its characters (written as its bytes), else
    :func:`json_cell` of its text."""
    if len(data) <= UTF8_FITS and plain_json_utf8(data):
        return PlainUtf8(data)
    return json_cell(data.decode("utf-8"))


def _finding_row(entry: Entry, lang: Lang, texts: EvidenceTexts | None) -> list[Any]:
    f = entry.finding
    if texts is None or entry.position is None:
        evidence: Any = json_cell(f.evidence_json())
    else:
        evidence = json_cell_utf8(texts[entry.position])
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


def _issue_rows(issues: Sequence[RowIssue]) -> Iterable[list[Any]]:
    return ([i.file, i.row, i.column, i.value, i.reason, i.table] for i in issues)


def write_xlsx(
    document: FindingsDocument,
    path: Path,
    lang: Lang,
    entries: Sequence[Entry] | None = None,
    scorecard: Sequence[DepartmentScore] | Callable[[], Sequence[DepartmentScore]] | None = None,
    evidence: EvidenceTexts | None = None,
) -> Path:
    """findings.xlsx: a summary sheet, a sheet per problem area, rejected rows, warnings.

    ``entries``: the document's :func:`~interop.report.catalog.catalog`, when the caller
    has it already. ``scorecard`` adds the department scorecard sheet; a function giving
    it is called when that sheet's turn comes, after the finding sheets (the workbook's
    copy takes the scorecard this process makes meanwhile: :class:`interop.forked.Later`).
    ``evidence``: the :class:`~interop.findings.model.EvidenceTexts` of ``document``'s
    findings, when the caller made them (an entry's ``position`` picks its text; the
    same cells).
    """
    entries = catalog(document) if entries is None else entries
    figures = report_figures(document, entries, lang)
    book = Book(path, lang)
    taken = book.taken
    summary_rows: list[list[Any]] = [[label, value] for label, value in figures.headline]
    summary_rows += [[f"{name} ({rule})", count] for _, rule, name, count, _ in figures.per_rule]
    _sheet(
        book,
        sheet_title(text("sheet.summary", lang), taken),
        [text("head.figure", lang), text("head.value", lang)],
        summary_rows,
        [60, 14],
    )
    widths = [9, 30, 28, 9, 24, 24, 48, 70, 14, 14, 14, 60, 60]
    for number in sorted(AREAS):
        title = sheet_title(f"{number} {area_name(number, lang)}", taken)
        of_area = (e for e in entries if e.finding.area == number)
        headers, column_widths = _finding_headers(lang), widths
        if document.origins:  # a collected inventory: the subjects' return and row, last
            headers, column_widths = [*headers, text("report.origin", lang)], [*widths, 40]
            rows = ([*_finding_row(e, lang, evidence), _origin_cell(e, document)] for e in of_area)
        else:
            rows = (_finding_row(e, lang, evidence) for e in of_area)
        _sheet(book, title, headers, rows, column_widths)
        if number == 2:  # and the money tied up in the findings of the other areas
            _sheet(
                book,
                sheet_title(f"{number} {text('sheet.money', lang)}", taken),
                [
                    f"{text('money.area', lang)} · {text('money.rule', lang)}",
                    text("money.findings", lang),
                    text("money.build", lang),
                    text("money.om", lang),
                    text("money.camera", lang),
                ],
                [[r.label, r.findings, *r.amounts] for r in figures.area2],
                [60, 10, 18, 18, 18],
            )
    if callable(scorecard):
        scorecard = scorecard()
    for extra in extra_sheets(document, lang, scorecard):
        _sheet(book, sheet_title(extra.title, taken), extra.headers, extra.rows, extra.widths)
    issue_headers = [
        text(k, lang)
        for k in ("col.file", "col.row", "col.column", "col.value", "col.reason", "col.table")
    ]
    issue_widths = [28, 8, 18, 30, 50, 16]
    load = document.load
    _sheet(
        book,
        sheet_title(text("sheet.rejected", lang), taken),
        issue_headers,
        _issue_rows(load.rejected),
        issue_widths,
    )
    _sheet(
        book,
        sheet_title(text("sheet.warnings", lang), taken),
        issue_headers,
        _issue_rows(load.warnings),
        issue_widths,
    )
    book.close()
    return path


def write_csv(
    document: FindingsDocument, path: Path, lang: Lang, entries: Sequence[Entry] | None = None
) -> Path:
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
    if document.origins:  # a collected inventory: the subjects' return and row, last
        headers.append(text("report.origin", lang))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for entry in catalog(document) if entries is None else entries:
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
            if document.origins:
                row.append(_origin_cell(entry, document))
            writer.writerow(csv_row(row))
    return path


def write_tables(
    document: FindingsDocument,
    out_dir: Path,
    lang: str = DEFAULT_LANG,
    *,
    scorecard: Sequence[DepartmentScore] | None = None,
    entries: Sequence[Entry] | None = None,
) -> list[Path]:
    """Write ``findings.xlsx`` and ``findings.csv`` into ``out_dir``; return their paths.

    ``scorecard`` (:func:`interop.report.scorecard.scorecard`, which needs the graph) adds
    the department scorecard sheet. ``entries``: the document's
    :func:`~interop.report.catalog.catalog`, when the caller has it already.
    """
    language = check_lang(lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = catalog(document) if entries is None else entries
    return [
        write_xlsx(document, out_dir / FINDINGS_XLSX, language, entries, scorecard),
        write_csv(document, out_dir / FINDINGS_CSV, language, entries),
    ]
