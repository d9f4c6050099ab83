"""The version-2 rules in the outputs: each rule section counts its checks, a check not made
says so in one line, and the spreadsheets carry the failed checks."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from interop.analysis import analyze
from interop.graph import build_graph
from interop.loaders import load_inventory
from interop.outputs import write_outputs
from interop.parameters import Parameters
from outputs.conftest import Written

V2_COLUMNS = {"systems": ("grade_filing_date", "hosting")}


@pytest.fixture(scope="module")
def partly_collected(tiny_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Written:
    """Tiny without two version-2 columns of systems (their headers removed)."""
    folder = tmp_path_factory.mktemp("partly") / "inventory"
    shutil.copytree(tiny_dir, folder)
    path = folder / "systems.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kept = [h for h in rows[0] if h not in V2_COLUMNS["systems"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, kept, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    inventory = load_inventory(folder)
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    out = tmp_path_factory.mktemp("partly-out")
    return Written(document, out, write_outputs(document, build_graph(inventory), out, "zh"))


def test_rule_sections_count_their_checks(tiny_written: Written) -> None:
    html = tiny_written.text("report.html")
    section = html[html.index('id="rule-security-protection-lapse"') :]
    section = section[: section.index("</section>")]
    # tiny: S06 not_filed; S07 overdue + crypto; S08 crypto; S16 overdue
    assert "<code>not_filed</code> 1" in section
    assert "<code>assessment_overdue</code> 2" in section
    assert "<code>no_crypto_evaluation</code> 2" in section
    assert "未采集相关字段" not in html  # tiny collected every column
    assert "assessment\\_overdue 2" in tiny_written.text("report.md")  # markdown-escaped


def test_a_check_not_made_says_so_once_per_check(partly_collected: Written) -> None:
    got = [(n.rule, n.check) for n in partly_collected.document.not_checked]
    assert got == [
        ("resources.not_on_gov_cloud", "hosting"),
        ("security.protection_lapse", "not_filed"),
    ]
    rules = {f.rule for f in partly_collected.document.findings}
    assert "resources.not_on_gov_cloud" not in rules
    lapses = [
        f for f in partly_collected.document.findings if f.rule == "security.protection_lapse"
    ]
    assert all(c["check"] != "not_filed" for f in lapses for c in f.evidence["checks"])
    # S06 failed not_filed only: it is no finding now; S07's severity stays high (overdue)
    assert sorted(f.subjects[0] for f in lapses) == ["S07", "S08", "S16"]
    html = partly_collected.text("report.html")
    assert html.count("未采集相关字段，未检查") == 2
    assert "hosting：未采集相关字段，未检查（hosting）" in html
    md = partly_collected.text("report.md")
    assert "not\\_filed：未采集相关字段，未检查（grade\\_filing\\_date）" in md
    section = html[html.index('id="rule-security-protection-lapse"') :]
    section = section[: section.index("</section>")]
    assert "<code>not_filed</code>" not in section  # not made: no count


def test_spreadsheets_carry_the_failed_checks(tiny_written: Written) -> None:
    raw = (tiny_written.out / "findings.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    by_subject = {(r["规则"], r["对象"]): r["未通过的检查"] for r in rows}
    assert (
        by_subject["security.protection_lapse", "S07"] == "assessment_overdue;no_crypto_evaluation"
    )
    assert by_subject["silo.isolated_system", "S03"] == ""
    book = load_workbook(tiny_written.out / "findings.xlsx")
    sheet = book["5 内控制度与网络安全"]
    header = [c.value for c in sheet[1]]
    column = header.index("未通过的检查")
    checks = {
        row[header.index("对象")]: row[column]
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert checks["S18"] == "no_approval;no_acceptance"
