"""`interop template`: the questionnaire read back with openpyxl and with the loaders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from interop.cli.app import cli
from interop.loaders import load_inventory
from interop.questionnaire.template import DATE_MAX, DATE_MIN, display_width, write_template
from interop.questionnaire.words import INSTRUCTIONS_SHEET
from interop.schema import values
from interop.schema.enums import parse_enum
from interop.schema.kinds import column_kind
from interop.schema.tables import TABLES

LANGS = ("zh", "en")
EXCEL_EPOCH = date(1899, 12, 30)


@pytest.fixture(scope="module", params=LANGS)
def template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    lang = request.param
    path = write_template(tmp_path_factory.mktemp(lang) / f"form-{lang}.xlsx", lang=lang)
    return lang, path, load_workbook(path)


def _validations(ws) -> dict[str, object]:
    """Column letter -> the data validation that covers it from row 2."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        for cell_range in dv.sqref.ranges:
            assert cell_range.min_row == 2, (ws.title, str(cell_range))
            assert cell_range.min_col == cell_range.max_col
            found[cell_range.coord.split(":")[0].rstrip("0123456789")] = dv
    return found


def test_sheets_and_headers_come_from_the_declaration(template) -> None:
    lang, _, wb = template
    assert wb.sheetnames == [
        INSTRUCTIONS_SHEET[lang],
        *((t.zh if lang == "zh" else t.name) for t in TABLES),
    ]
    for table in TABLES:
        ws = wb[table.zh if lang == "zh" else table.name]
        expected = [c.zh if lang == "zh" else n for n, c in table.columns().items()]
        assert [c.value for c in ws[1]] == expected
        assert ws.max_row == 1, "nothing below the header in an untouched template"
        assert ws.freeze_panes == "A2"
        for (name, column), cell in zip(table.columns().items(), ws[1], strict=True):
            assert cell.font.b
            assert (cell.font.color.rgb == "00C00000") is column.required, name
            comment = cell.comment.text
            assert ("必填" if lang == "zh" else "required") in comment.splitlines()[1] or not (
                column.required
            )
            assert comment.splitlines()[1].startswith(
                ("必填", "选填") if lang == "zh" else ("required", "optional")
            )
            width = ws.column_dimensions[cell.column_letter].width
            assert width >= display_width(str(cell.value)) + 2, (name, width)


def test_every_version_2_column_is_there(template) -> None:
    _, path, _ = template
    report = load_inventory(path).report
    for table in TABLES:
        for name, column in table.columns().items():
            if column.since == 2:
                assert report.collected(table.name, name), (table.name, name)


def test_drop_downs_list_every_enum_value_in_the_language(template) -> None:
    lang, _, wb = template
    lists = 0
    for table in TABLES:
        ws = wb[table.zh if lang == "zh" else table.name]
        by_letter = _validations(ws)
        for index, name in enumerate(table.columns()):
            letter = ws.cell(row=1, column=index + 1).column_letter
            kind = column_kind(table, name)
            dv = by_letter.get(letter)
            if kind.kind not in ("enum", "bool", "grade"):
                assert dv is None or dv.type != "list", name
                continue
            lists += 1
            assert dv is not None and dv.type == "list", (table.name, name)
            assert dv.showErrorMessage and dv.allow_blank
            shown = dv.formula1.strip('"').split(",")
            if kind.kind == "enum":
                assert [parse_enum(kind.enum, s) for s in shown] == list(kind.enum)
                if lang == "en":
                    assert shown == [m.value for m in kind.enum]
            elif kind.kind == "bool":
                assert [values.parse_bool(s) for s in shown] == [True, False]
            else:
                assert [values.parse_grade(s) for s in shown] == [None, 1, 2, 3, 4, 5]
            assert len(dv.formula1) <= 255
    assert lists >= 14


def test_dates_and_numbers_are_validated(template) -> None:
    lang, _, wb = template
    expected = {
        "date": ("date", "between"),
        "amount": ("decimal", "between"),
        "lat": ("decimal", "between"),
        "lon": ("decimal", "between"),
        "count": ("whole", "greaterThanOrEqual"),
        "division": ("textLength", "equal"),
    }
    for table in TABLES:
        ws = wb[table.zh if lang == "zh" else table.name]
        by_letter = _validations(ws)
        for index, name in enumerate(table.columns()):
            letter = ws.cell(row=1, column=index + 1).column_letter
            kind = column_kind(table, name).kind
            if kind in expected:
                dv = by_letter[letter]
                assert (dv.type, dv.operator) == expected[kind], (table.name, name)
            if kind == "date":
                dv = by_letter[letter]
                low, high = (EXCEL_EPOCH.toordinal() + int(f) for f in (dv.formula1, dv.formula2))
                assert (date.fromordinal(low), date.fromordinal(high)) == (DATE_MIN, DATE_MAX)
                assert ws.column_dimensions[letter].number_format == "yyyy-mm-dd"
            if kind in ("text", "multi"):
                assert ws.column_dimensions[letter].number_format == "@", (table.name, name)
            if kind == "lat":
                assert (float(by_letter[letter].formula1), float(by_letter[letter].formula2)) == (
                    -90,
                    90,
                )


def test_untouched_template_is_a_valid_empty_inventory(template) -> None:
    _, path, _ = template
    inventory = load_inventory(path)
    assert inventory.report.ok and not inventory.report.warnings
    assert inventory.report.extra_tables == [], "the instructions sheet is not a table"
    assert all(count == 0 for count in inventory.counts().values())


def test_instructions_sheet_explains_every_column(template) -> None:
    lang, _, wb = template
    ws = wb[INSTRUCTIONS_SHEET[lang]]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for table in TABLES:
        for name, column in table.columns().items():
            assert (column.zh if lang == "zh" else name) in text
    assert ("；" in text or "、" in text) if lang == "zh" else ";" in text


def test_filled_in_template_reads_back_as_an_inventory(tmp_path: Path) -> None:
    path = write_template(tmp_path / "form.xlsx", lang="zh")
    wb = load_workbook(path)
    wb["部门"].append(["D1", "市公安局", "市级", "公安", None, "420100"])
    systems = wb["信息系统"]
    row = {c.value: i for i, c in enumerate(systems[1])}
    cells = [None] * len(row)
    for header, value in {
        "系统编码": "007",
        "系统名称": "警务云",
        "建设部门": "D1",
        "运行状态": "闲置",
        "提供政务服务": "否",
        "等保级别": "第三级",
        "上线日期": date(2019, 5, 1),
        "部署方式": "政务云",
    }.items():
        cells[row[header]] = value
    systems.append(cells)
    wb.save(path)
    inventory = load_inventory(path)
    assert inventory.report.ok, inventory.report.rejected
    (system,) = inventory.systems
    assert (system.id, system.status.value, system.gov_service, system.security_grade) == (
        "007",
        "idle",
        False,
        3,
    )
    assert system.go_live == date(2019, 5, 1) and system.hosting.value == "gov_cloud"


def test_departments_prefilled_from_an_inventory(tmp_path: Path, tiny_dir: Path) -> None:
    out = tmp_path / "form.xlsx"
    result = CliRunner().invoke(
        cli, ["template", str(out), "--departments", str(tiny_dir)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    prefilled = load_inventory(out)
    original = load_inventory(tiny_dir)
    assert [d.model_dump() for d in prefilled.departments] == [
        d.model_dump() for d in original.departments
    ]
    assert prefilled.report.ok


def test_departments_prefilled_from_a_csv_file(tmp_path: Path) -> None:
    csv = tmp_path / "units.csv"
    csv.write_text("部门编码,部门名称,层级\nD1,市公安局,市级\nD2,江岸分局,区级\n", encoding="gbk")
    out = tmp_path / "form.xlsx"
    result = CliRunner().invoke(
        cli, ["template", str(out), "--departments", str(csv), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert [(d.id, d.level.value) for d in load_inventory(out).departments] == [
        ("D1", "municipal"),
        ("D2", "district"),
    ]
    assert load_workbook(out)["departments"]["C3"].value == "district"


def test_template_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["template", str(tmp_path / "form.csv")]).exit_code == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\nD1,\n", encoding="utf-8")
    result = runner.invoke(cli, ["template", str(tmp_path / "f.xlsx"), "--departments", str(bad)])
    assert result.exit_code == 1 and "rejected" in result.output
    assert not (tmp_path / "f.xlsx").exists()
