"""The rounds in the outputs: the rectification section (整改情况), accepted risks, sheets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from interop.graph import build_graph
from interop.loaders import load_inventory
from interop.outputs import write_outputs
from interop.rounds import apply_accepted, compare, read_accepted
from rounds.tiny_rounds import EXPECTED, ROUND_1, ROUND_2, analyze_tiny, round_two


@pytest.fixture(scope="module", params=["zh", "en"])
def written(
    request: pytest.FixtureRequest, tiny_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    lang = request.param
    base = tmp_path_factory.mktemp(f"round-outputs-{lang}")
    inventory_2 = round_two(tiny_dir, base / "r2")
    first = analyze_tiny(tiny_dir, ROUND_1)
    second = compare(analyze_tiny(inventory_2, ROUND_2), first)
    accepted = base / "accepted.csv"
    accepted.write_text(
        "规则,对象,理由,批准人,到期日\n"
        "usage.idle,S10,<script>alert(1)</script>,市城管委,2022-06-30\n"
        "usage.idle,S99,无此系统,市城管委,2022-06-30\n",
        encoding="utf-8",
    )
    document = apply_accepted(second, read_accepted(accepted))
    out = base / "out"
    write_outputs(document, build_graph(load_inventory(inventory_2)), out, lang)
    return lang, out


def test_report_has_the_rectification_table(written: tuple[str, Path]) -> None:
    lang, out = written
    html = (out / "report.html").read_text("utf-8")
    md = (out / "report.md").read_text("utf-8")
    title = "整改情况" if lang == "zh" else "Rectification"
    for text in (html, md):
        assert title in text
        assert "rectification" in text  # the anchor
        assert "2020-12-31" in text  # the baseline's as-of date
    assert html.count('id="rectification"') == 1 and 'href="#rectification"' in html
    section = html.split('id="rectification"')[1].split("</section>")[0]
    total = section.split('class="subtotal"')[1].split("</tr>")[0]
    cells = [c.split("<")[0] for c in total.split('<td class="num">')[1:6]]
    states = ("resolved", "persisting", "changed", "new")
    assert [int(c) for c in cells] == [*(len(EXPECTED[k]) for k in states), 0]


def test_accepted_risks_counted_apart_and_escaped(written: tuple[str, Path]) -> None:
    lang, out = written
    html = (out / "report.html").read_text("utf-8")
    assert 'id="accepted"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    open_label = "未整改（未接受）的问题" if lang == "zh" else "Open findings (not accepted)"
    assert open_label in html
    findings = sum(len(v) for k, v in EXPECTED.items() if k != "resolved")
    row = html.split(open_label)[1].split("</tr>")[0]
    assert f">{findings - 1}<" in row


def test_workbook_has_rectification_resolved_and_accepted_sheets(
    written: tuple[str, Path],
) -> None:
    lang, out = written
    book = load_workbook(out / "findings.xlsx")
    names = (
        ("整改情况", "已整改的问题", "已接受的风险")
        if lang == "zh"
        else ("rectification", "resolved findings", "accepted risks")
    )
    assert set(names) <= set(book.sheetnames)
    resolved = list(book[names[1]].iter_rows(min_row=2, values_only=True))
    assert {(r[1], r[4]) for r in resolved} == {
        (rule, ";".join(subjects)) for rule, subjects in EXPECTED["resolved"]
    }
    accepted = list(book[names[2]].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[7]) for r in accepted] == [
        ("usage.idle", "S10", None),
        ("usage.idle", "S99", 3),
    ]


def test_plain_report_has_no_round_sections(tiny_dir: Path, tmp_path: Path) -> None:
    document = analyze_tiny(tiny_dir, date(2020, 12, 31))
    write_outputs(document, build_graph(load_inventory(tiny_dir)), tmp_path, "zh")
    html = (tmp_path / "report.html").read_text("utf-8")
    assert 'id="rectification"' not in html and 'id="accepted"' not in html
    assert "整改情况" not in load_workbook(tmp_path / "findings.xlsx").sheetnames
