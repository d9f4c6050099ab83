"""findings.xlsx and findings.csv: sheets, layout, and the formula-injection guard."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from interop.escape import FORMULA_PREFIXES
from interop.findings.model import AREAS
from interop.report import write_tables
from interop.report.catalog import catalog
from interop.report.tables import MAX_CELL
from interop.wording import area_name
from outputs.conftest import Written
from outputs.hostile import AT_FORMULA, FORMULA


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
