"""findings.xlsx and findings.csv: sheets, layout, and the formula-injection guard."""

from __future__ import annotations

import csv
import io
import json
import zipfile
import zlib
from pathlib import Path

import pytest
import xlsxwriter.workbook
from openpyxl import load_workbook
from xlsxwriter.exceptions import FileCreateError

from interop.escape import FORMULA_PREFIXES
from interop.findings.model import AREAS
from interop.outputs import write_outputs
from interop.report import context as report_context
from interop.report import tables, write_tables
from interop.report.catalog import catalog
from interop.report.tables import MAX_CELL, Book, _sheet
from interop.report.xlsx_rows import PlainUtf8
from interop.viz import index as viz_index
from interop.viz.basemap import Basemap
from interop.wording import area_name, text
from outputs.conftest import Written
from outputs.hostile import AT_FORMULA, FORMULA, hostile_analysis


def test_workbook_sheets(hostile: Written, hostile_en: Written) -> None:
    book = load_workbook(hostile.out / "findings.xlsx")
    areas = [f"{n} {area_name(n, 'zh')}"[:31] for n in sorted(AREAS)]
    assert (
        book.sheetnames
        == [
            "汇总",
            *areas[:2],
            "2 问题涉及资金",  # area 2's money: what the findings of the other areas tie up
            *areas[2:],
            "部门问题排名",  # the department scorecard (written with the graph)
            "被拒绝的行",
            "警告",
        ]
    )
    english = load_workbook(hostile_en.out / "findings.xlsx").sheetnames
    assert english[0] == "summary" and english[-2:] == ["rejected rows", "warnings"]


def test_workbook_layout(hostile: Written) -> None:
    book = load_workbook(hostile.out / "findings.xlsx")
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert sheet.column_dimensions["A"].width > 5, sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title


def test_workbook_holds_every_finding_and_issue(hostile: Written) -> None:
    book = load_workbook(hostile.out / "findings.xlsx")
    ids = set()
    for number in sorted(AREAS):
        sheet = book[f"{number} {area_name(number, 'zh')}"[:31]]
        ids |= {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert ids == {e.fid for e in catalog(hostile.document)}
    rejected = list(book["被拒绝的行"].iter_rows(min_row=2, values_only=True))
    warnings = list(book["警告"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2]) for r in rejected] == [
        (i.file, i.row, i.column) for i in hostile.document.load.rejected
    ]
    assert len(warnings) == len(hostile.document.load.warnings)
    area2 = list(book["2 问题涉及资金"].iter_rows(min_row=2, values_only=True))
    assert area2 and any(isinstance(r[2], float | int) for r in area2)


def test_workbook_never_holds_a_formula(hostile: Written) -> None:
    """Text that looks like a formula is a string cell with Excel's quote prefix."""
    book = load_workbook(hostile.out / "findings.xlsx")
    guarded = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.value)
                    guarded += 1
    assert guarded >= 2  # the rejected latitude and the system named "=1+2" at least
    values = [c.value for s in book.worksheets for r in s.iter_rows() for c in r]
    assert FORMULA in values  # kept as written, not evaluated


def test_csv_bom_rows_and_guard(hostile: Written) -> None:
    raw = (hostile.out / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:5] == ["编号", "规则", "问题领域", "严重程度", "对象"]
    entries = catalog(hostile.document)
    assert len(body) == len(entries)
    for row, entry in zip(body, entries, strict=True):
        assert row[0] == entry.fid and row[1] == entry.finding.rule
        assert row[4] == ";".join(entry.finding.subjects) or row[4].startswith("'")
    for row in body:
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES), cell
    assert any(cell.startswith("'=") for row in body for cell in row)
    assert any(AT_FORMULA in cell for row in body for cell in row)  # kept inside text


def test_csv_money_columns(hostile: Written) -> None:
    text = (hostile.out / "findings.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    idle = next(r for r in rows if r["规则"] == "usage.idle")
    assert float(idle["建设投资（万元）"]) == 100.0
    assert float(idle["年运维费用（万元）"]) == 10.0


def test_the_evidence_column_is_the_evidence_findings_json_writes(
    hostile: Written, tmp_path: Path
) -> None:
    """Each finding's evidence cell holds its evidence as findings.json has it, character
    for character (compact JSON; controls XML forbids replaced, as in every cell)."""
    document = hostile.document
    document.write_json(tmp_path / "findings.json")
    written = (tmp_path / "findings.json").read_text(encoding="utf-8")
    lines = written[written.index('"findings": [') :].splitlines()[1:-2]  # a finding a line
    assert len(lines) == len(document.findings)
    line_of = {id(f): line for f, line in zip(document.findings, lines, strict=True)}
    entries = {e.fid: e.finding for e in catalog(document)}
    book = load_workbook(hostile.out / "findings.xlsx", read_only=True)
    seen = 0
    for number in sorted(AREAS):
        sheet = book[f"{number} {area_name(number, 'zh')}"[:31]]
        header = next(sheet.iter_rows(max_row=1, values_only=True))
        column = header.index(text("col.evidence", "zh"))
        for row in sheet.iter_rows(min_row=2, values_only=True):
            finding = entries[row[0]]
            cell = row[column]
            assert json.loads(cell) == finding.evidence
            if cell == tables.ILLEGAL_CHARACTERS_RE.sub("\ufffd", cell):  # nothing replaced
                assert f'"evidence":{cell}' in line_of[id(finding)]
                seen += 1
    book.close()
    assert seen > len(document.findings) // 2


def test_evidence_too_long_for_a_cell_is_cut_with_a_pointer(
    hostile: Written, tmp_path: Path
) -> None:
    """A private network hosting 50,000 cameras: findings.json keeps every one, the
    workbook cell stops at Excel's 32,767 characters and says where the rest is."""
    document = hostile.document
    first = document.findings[0]
    cameras = [{"id": f"C{k:06d}", "name": f"=摄像头{k}", "label": "Camera"} for k in range(50_000)]
    big = first.model_copy(update={"evidence": {**first.evidence, "cameras": cameras}})
    huge = document.model_copy(update={"findings": [big, *document.findings[1:]]})
    for lang, pointer in (("zh", "完整内容见 findings.json）"), ("en", "is in findings.json)")):
        write_tables(huge, tmp_path, lang)
        book = load_workbook(tmp_path / "findings.xlsx", read_only=True)
        cells = [
            c
            for sheet in book.worksheets
            for row in sheet.iter_rows(min_row=2, values_only=True)
            for c in row
            if isinstance(c, str)
        ]
        cut = [c for c in cells if "C049999" not in c and "C000001" in c]
        assert len(cut) == 1, lang
        assert len(cut[0]) == MAX_CELL == 32_767 and cut[0].endswith(pointer)
        assert all(len(c) <= MAX_CELL for c in cells)
        book.close()
    path = tmp_path / "findings.json"
    huge.write_json(path)
    assert "C049999" in path.read_text(encoding="utf-8")  # the whole evidence stays there


# Cells that take each of xlsxwriter's ways of writing a cell: text as it is, text it
# escapes (controls, _xHHHH_, & < >, non-characters) or keeps white space of; text cut by
# UTF-16 length; numbers, booleans, empty cells and an empty row.
_AWKWARD: list[list[object]] = [
    ["plain", "", " leading", "trailing ", "\u3000全角空格", "nbsp\u00a0", "end\n"],
    ["two\nlines", "cr\rhere", "_x0041_ stays literal", "a & b < c > d", '"quoted"', None],
    ["\ufffe\uffff", "\x01\x1b[2J", "<r>not rich", "=1+2", "@SUM(1)", "-1", "x" * 41],
    ["AT&T", "x > y", "tab\tkept", "\uffe5100 \u00a5", "_x00zz_ _X0041_", "del\x7f", "\uffff"],
    ["长文本" * 20_000, "😀" * 20_000, "y" * (MAX_CELL + 5)],
    [None, None, None],
    [0, -1, 1.5, 0.1, 1e20, -0.0, 123456789.123456789, 2**53 + 1, True, False, None, 7],
    ["last row", 3.25, True],
]
_FIRST: list[list[object]] = [
    ["plain", 1],
    ["=quote-prefixed and wrapped: a format first met in a sheet's last row"],
]
_REPEATED: list[list[object]] = [
    [f"id {k}", "a rule's name", ("=like a formula", "high", "")[k % 3], k / 7, None, f"t{k % 40}",
     "长" * 600]
    for k in range(2500)
]  # fmt: skip
"""Texts repeated down a column (kept once made), one text per row (given up after the
trial), numbers, no cell, a few dozen texts taking turns, and a long text (never kept)."""
_UTF8: list[list[object]] = [
    [PlainUtf8(b'{"a":1}'), "text after bytes", PlainUtf8("长".encode() * 41)],
    ["a row of text alone between rows of bytes", 2.5],
    [None, PlainUtf8(b"x" * 40), PlainUtf8(b"x" * 41), PlainUtf8("长".encode() * 14)],
    [PlainUtf8(b"=1+2"), "two\nlines", PlainUtf8(("😀" * 30).encode())],
    [PlainUtf8('{"name":"摄像头"}'.encode())],
]
"""Cells as UTF-8 bytes (PlainUtf8: a finding's evidence from EvidenceTexts) beside text,
numbers and rows of text alone, which go into the file of rows through its text layer;
wrapped or not by their characters, not their bytes; a formula's start quoted; the last
row too (written by xlsxwriter)."""
_SHEETS = {"a": _FIRST, "b": _AWKWARD, "c": _REPEATED, "d": _UTF8}


def _sheets_cell_by_cell(book: Book) -> None:
    """What tables._sheet wrote before RowWriter: every cell through xlsxwriter."""
    for title, rows in _SHEETS.items():
        ws = book.workbook.add_worksheet(title)
        ws.set_column(0, 0, 20)
        for col, header in enumerate(["h1", None, "h3"]):
            book.put(ws, 0, col, header, header=True)
        for index, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                book.put(ws, index, col, value)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, len(rows), 2)


def test_rows_written_whole_are_what_xlsxwriter_writes(tmp_path: Path) -> None:
    """RowWriter writes a row as xlsxwriter would write its cells one by one: the same
    sheets, the same style numbers (a format first met in a sheet's last row, which
    xlsxwriter writes at the end, and again in the next sheet), the same cut text."""
    parts = {}
    for how in ("whole", "cells"):
        book = Book(tmp_path / f"{how}.xlsx", "zh")
        if how == "whole":
            for title, rows in _SHEETS.items():
                _sheet(book, title, ["h1", None, "h3"], rows, [20])
        else:
            _sheets_cell_by_cell(book)
        book.close()
        with zipfile.ZipFile(tmp_path / f"{how}.xlsx") as archive:
            parts[how] = {n: archive.read(n) for n in archive.namelist() if "docProps" not in n}
    assert parts["whole"].keys() == parts["cells"].keys()
    for name, content in parts["cells"].items():
        assert parts["whole"][name] == content, name
    sheet = parts["whole"]["xl/worksheets/sheet2.xml"].decode()
    for escaped in ("_x005F_x0041_", "a &amp; b &lt; c", "_x000D_", 'xml:space="preserve"'):
        assert escaped in sheet  # each of xlsxwriter's escapes met


def test_only_columns_that_repeat_themselves_are_kept() -> None:
    from interop.report.xlsx_rows import _Repeats

    ids, names = _Repeats(), _Repeats()
    for k in range(3 * _Repeats.TRIAL):
        if ids.on:
            ids.keep(f"id {k}", "<cell/>")
        if "a name" in names.tails:
            names.hits += 1
        else:
            names.keep("a name", "<cell/>")
    assert not ids.on and not ids.tails  # given up: most of its texts were new
    assert names.on and names.tails == {"a name": "<cell/>"} and names.made == 1


def test_rows_written_whole_refuse_what_xlsxwriter_refuses(tmp_path: Path) -> None:
    book = Book(tmp_path / "nan.xlsx", "zh")
    with pytest.raises(TypeError):
        _sheet(book, "a", ["h"], [[float("nan")], ["after"]], [10])
    book.workbook.close()


def test_one_catalog_numbers_every_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """write_outputs numbers the findings once and hands the numbers to the report, the
    sheets and the graph pages (and the camera map): none of them numbers them again."""

    def again(document: object) -> None:
        raise AssertionError("the findings were numbered twice")

    for module in (report_context, tables, viz_index):
        monkeypatch.setattr(module, "catalog", again)
    document, graph = hostile_analysis()
    basemap = Basemap("http://tiles.example.gov/{z}/{x}/{y}.png", "wgs84", "tiles")
    written = write_outputs(document, graph, tmp_path, "en", basemap)
    assert {p.name for p in written} >= {"findings.xlsx", "report.html", "map-cameras.html"}


MARKUP = (
    '<r><t>x</t></r></is></c><c r="B2"><f>HYPERLINK("http://evil.example/","x")</f></c>'
    '<c r="C2" t="inlineStr"><is><r><t>y</t></r>'
)
"""Text xlsxwriter takes for rich-text runs (``<r>`` … ``</r>``) and writes into the XML."""


def test_text_shaped_like_rich_text_stays_text(tmp_path: Path) -> None:
    """A rejected inventory value from ``<r>`` to ``</r>`` would close its cell and add a
    formula to the sheet, were it written as xlsxwriter writes it; in any row it is text."""
    book = Book(tmp_path / "markup.xlsx", "zh")
    _sheet(book, "a", ["h1", "h2"], [[MARKUP, 1], ["plain", MARKUP]], [10])
    book.close()
    cells = [c for row in load_workbook(tmp_path / "markup.xlsx")["a"].iter_rows() for c in row]
    assert [c.value for c in cells] == ["h1", "h2", MARKUP, 1, "plain", MARKUP]
    assert all(c.data_type != "f" for c in cells)


def test_the_workbook_is_deflated_at_its_level(hostile: Written) -> None:
    """Every part of findings.xlsx is deflated at ``DEFLATE_LEVEL`` (zlib's output is fixed
    for a level: the same sizes), and xlsxwriter's ``ZipFile`` is its own again after."""
    with zipfile.ZipFile(hostile.out / "findings.xlsx") as book:
        parts = [(info, book.read(info)) for info in book.infolist()]
    assert len(parts) > 5
    for info, data in parts:
        assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename
        deflate = zlib.compressobj(tables.DEFLATE_LEVEL, zlib.DEFLATED, -15)
        assert info.compress_size == len(deflate.compress(data) + deflate.flush()), info.filename
    assert tables.DEFLATE_LEVEL != 6  # (zipfile's own, which the sizes would then not tell)
    assert xlsxwriter.workbook.ZipFile is zipfile.ZipFile


def test_the_zip_level_is_put_back_after_a_failure(tmp_path: Path) -> None:
    book = Book(tmp_path / "missing" / "findings.xlsx", "zh")  # no such folder
    book.workbook.add_worksheet("one")
    with pytest.raises(FileCreateError):
        book.close()
    assert xlsxwriter.workbook.ZipFile is zipfile.ZipFile


def test_text_needing_nothing_is_looked_at_once(tmp_path: Path) -> None:
    """Book.cell hands the writer plain text as PlainText (written with no second look);
    text xlsxwriter escapes, XML forbids or a cell cannot hold stays text, looked at again."""
    from interop.report.xlsx_rows import PlainText

    book = Book(tmp_path / "cells.xlsx", "zh")
    kinds = {
        value: type(cell[0]).__name__
        for value in ("平常的文字", "a & b", " lead", "tab\there", "\x01", "_x0041_", "x" * 40_000)
        if (cell := book.cell(value)) is not None
    }
    assert kinds == {
        "平常的文字": "PlainText", "a & b": "str", " lead": "str", "tab\there": "PlainText",
        "\x01": "str", "_x0041_": "str", "x" * 40_000: "str",
    }  # fmt: skip
    plain = book.cell("=1+2")
    assert plain is not None and plain[0] == PlainText("=1+2")  # quoted by its format
    book.workbook.close()


def test_json_needing_nothing_is_found_so_without_encoding_it() -> None:
    """plain_json, the look at a finding's evidence (compact JSON), answers as plain does
    for every JSON text: whatever the values hold, JSON has escaped the control
    characters and brackets the text."""
    from pydantic_core import to_json

    from interop.report.tables import json_cell
    from interop.report.xlsx_rows import PlainText, plain, plain_json

    awkward = [v for row in _AWKWARD for v in row if isinstance(v, str)]
    awkward += [chr(c) for c in range(0x20)] + ["\x7f", "\u2028", "_x00Af_", "_x41_", "a_x0041"]
    texts = [to_json({"v": v}).decode() for v in awkward]
    texts += [to_json({"k": awkward[i : i + 3], "n": i}).decode() for i in range(len(awkward))]
    texts += [to_json({v: [v]}).decode() for v in awkward]
    for value in texts:
        assert plain_json(value) == plain(value), value
        cell = json_cell(value)
        fits = len(value) <= MAX_CELL
        assert isinstance(cell, PlainText) == (fits and plain(value)), value
    assert any(plain(t) for t in texts) and any(not plain(t) for t in texts)


def test_evidence_looked_at_already_is_written_as_it_is(tmp_path: Path) -> None:
    """Book.cell takes the PlainText json_cell made as it is, wrapped when long: the
    same cell the text itself makes."""
    from interop.report.tables import json_cell
    from interop.report.xlsx_rows import PlainText

    book = Book(tmp_path / "cells.xlsx", "zh")
    for value in ('{"a":1}', '{"cameras":["C1","C2"],"note":"' + "长" * 50 + '"}'):
        assert book.cell(json_cell(value)) == book.cell(value)
    quoted = book.cell(PlainText("=1+2"))  # a PlainText keeps the guard against formulas
    assert quoted is not None and quoted == book.cell("=1+2")
    assert quoted[1] is book.format(quote=True)
    book.workbook.close()


def test_json_as_bytes_is_looked_at_as_its_text_is(tmp_path: Path) -> None:
    """plain_json_utf8 answers as plain_json does on the text, without decoding; a cell
    of JSON bytes (json_cell_utf8) is PlainUtf8 where the text would be PlainText and
    fits whatever its characters, else the cell of its text; and Book.cell gives it the
    format its text gets."""
    from pydantic_core import to_json

    from interop.report.tables import json_cell, json_cell_utf8
    from interop.report.xlsx_rows import PlainText, plain_json, plain_json_utf8

    awkward = [v for row in _AWKWARD for v in row if isinstance(v, str)]
    awkward += [chr(c) for c in range(0x20)] + ["\ufffe", "\uffff", "\ufffd", "\u2028"]
    awkward += ["_x00Af_", "_X0041_", "a_x0041", "=1", "长" * 13, "长" * 14, "x" * 30]
    texts = [to_json({"v": v}) for v in awkward] + [to_json(v) for v in awkward]
    texts += [to_json({v: [v]}) for v in awkward] + [to_json("x" * (MAX_CELL - 2))]
    book = Book(tmp_path / "cells.xlsx", "zh")
    for data in texts:
        value = data.decode()
        assert plain_json_utf8(data) == plain_json(value), value
        cell = json_cell_utf8(data)
        if isinstance(cell, PlainUtf8):
            assert cell.data == data and json_cell(value) == PlainText(value)
            made, as_text = book.cell(cell), book.cell(value)
            assert made is not None and as_text is not None and made[1] is as_text[1], value
        else:
            assert cell == json_cell(value)
    book.workbook.close()
    kinds = {type(json_cell_utf8(data)).__name__ for data in texts}
    assert kinds == {"PlainUtf8", "PlainText", "str"}  # PlainText: more bytes than fit
