"""report.html and report.md: structure, anchors, rejected rows, both languages."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from interop.escape import html_text, md_text
from interop.findings.model import AREAS, Finding, FindingsDocument, LoadSection, Summary
from interop.inventory.report import RowIssue, TableCount
from interop.report import write_report
from interop.report.catalog import catalog
from interop.report.evidence import ChainValue, TableValue, fields
from interop.rules import RULES
from interop.wording import EVIDENCE_KEYS, MESSAGES, RULE_NAMES
from outputs.conftest import Written

CJK = re.compile(r"[\u4e00-\u9fff]")


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        href = values.get("href")
        if tag == "a" and href and href.startswith("#"):
            self.links.append(href[1:])


def _anchors(html: str) -> _Anchors:
    parser = _Anchors()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("which", ["hostile", "tiny_written"])
def test_every_finding_has_an_anchor_and_the_toc_resolves(
    which: str, request: pytest.FixtureRequest
) -> None:
    written: Written = request.getfixturevalue(which)
    html = written.text("report.html")
    anchors = _anchors(html)
    entries = catalog(written.document)
    assert len(entries) == len(written.document.findings) > 0
    for entry in entries:
        assert entry.fid in anchors.ids, entry.fid
        assert f'href="#{entry.fid}"' in html  # reachable from its rule's index
    assert not set(anchors.links) - anchors.ids, "links to missing anchors"
    for area in AREAS:
        assert f"area-{area}" in anchors.ids
    md = written.text("report.md")
    for entry in entries:
        assert f'<a id="{entry.fid}"></a>' in md
        assert f"](#{entry.fid})" in md


def test_every_rule_is_listed_with_its_help(tiny_written: Written) -> None:
    html = tiny_written.text("report.html")
    for rule in RULES:
        assert rule.id in html
        help_ = rule.help.zh  # a Chinese report shows the Chinese help
        assert str(html_text(help_.criteria)) in html, rule.id
        assert str(html_text(help_.recommendation)) in html, rule.id


def test_an_english_report_shows_the_english_help(hostile_en: Written) -> None:
    html = hostile_en.text("report.html")
    for rule in RULES:
        assert str(html_text(rule.help.en.criteria)) in html, rule.id
        assert str(html_text(rule.help.en.recommendation)) in html, rule.id


def test_each_finding_shows_its_parts(tiny_written: Written) -> None:
    html = tiny_written.text("report.html")
    for finding in tiny_written.document.findings:
        for part in (finding.title, finding.detail, finding.recommendation):
            assert str(html_text(part)) in html


def test_rejected_rows_and_warnings_are_all_listed(hostile: Written) -> None:
    load = hostile.document.load
    assert load.rejected and load.warnings
    html = hostile.text("report.html")
    md = hostile.text("report.md")
    for issue in [*load.rejected, *load.warnings]:
        row = f'<td>{html_text(issue.file)}</td><td class="num">{issue.row}</td>'
        assert row in html, issue
        assert str(html_text(issue.value)) in html
        assert str(html_text(issue.reason)) in html
        assert f"| {md_text(issue.file)} | {issue.row} | {md_text(issue.column)} |" in md


def test_headline_figures(tiny_written: Written) -> None:
    html = tiny_written.text("report.html")
    section = html[html.index('id="headline"') : html.index('id="findings"')]
    cells = re.findall(r"<td>([^<]+)</td><td class=\"num\">([^<]+)</td>", section)
    figures = dict(cells)
    assert figures["被调查单位（市直部门）"] == "9"  # D02 is a district sub-bureau
    assert figures["信息系统"] == "21"
    assert figures["市直部门使用的国家和省级垂直管理系统"] == "3"
    assert figures["视频监控点位"] == "13"
    assert figures["发现问题"] == str(len(tiny_written.document.findings))
    assert "闲置、低效和重复建设系统占用的资金" in section


def test_money_is_counted_once_per_system(hostile: Written) -> None:
    """S3 (idle, 100/10 万元), S4 (underused, 50/5), S7+S8 (duplicate, 300+200)."""
    html = hostile.text("report.html")
    section = html[html.index('id="headline"') : html.index('id="findings"')]
    assert re.search(
        r"<td>合计（去重）</td><td class=\"num\">\d+</td>"
        r"<td class=\"num\">650</td><td class=\"num\">15</td>",
        section,
    )


def test_area_two_sums_the_money_of_the_other_areas(hostile: Written) -> None:
    html = hostile.text("report.html")
    area2 = html[html.index('id="area-2"') : html.index('id="area-3"')]
    assert "闲置系统" in area2 and "小计" in area2
    assert '<td class="num">100</td>' in area2


def test_english_report(hostile_en: Written) -> None:
    html = hostile_en.text("report.html")
    md = hostile_en.text("report.md")
    assert "<h2>Contents</h2>" in html and "## Contents" in md
    assert 'lang="en"' in html
    headings = re.findall(r"<h[1-4][^>]*>([^<]*)", html)
    fixed = [h for h in headings if h.strip() and "(" not in h]
    assert fixed and not any(CJK.search(h) for h in fixed[:6]), fixed[:6]
    assert "Units surveyed (municipal departments)" in html


def test_chinese_is_the_default(hostile: Written) -> None:
    html = hostile.text("report.html")
    assert 'lang="zh-CN"' in html and "<h2>目录</h2>" in html


def test_message_table_is_complete() -> None:
    for table in (MESSAGES, RULE_NAMES, EVIDENCE_KEYS):
        for key, words in table.items():
            zh, en = words.zh, words.en
            assert zh.strip() and en.strip(), key
            assert re.findall(r"{(\w+)}", zh) == re.findall(r"{(\w+)}", en) or sorted(
                re.findall(r"{(\w+)}", zh)
            ) == sorted(re.findall(r"{(\w+)}", en)), key
    assert set(RULE_NAMES) == {rule.id for rule in RULES}


def test_unknown_language_is_refused(tmp_path: Path, hostile: Written) -> None:
    with pytest.raises(ValueError, match="language"):
        write_report(hostile.document, tmp_path, lang="fr")


# -- evidence rendering, on a document built by hand -------------------------------------------


def _document() -> FindingsDocument:
    chain = {
        "path": [
            {"id": "S1", "name": "甲系统", "label": "System"},
            {"id": "PX", "name": "交换平台", "label": "Platform"},
            {"id": "PG", "name": "省平台", "label": "Platform"},
        ],
        "hops": [
            {
                "source": {"id": "S1"},
                "target": {"id": "PX"},
                "frequency": "daily",
                "mechanism": "file",
                "weakest": True,
            },
            {
                "source": {"id": "PX"},
                "target": {"id": "PG"},
                "frequency": "realtime",
                "mechanism": "api",
                "weakest": False,
            },
        ],
        "weakest_hop": 0,
        "realtime": False,
    }
    finding = Finding(
        rule="provincial.missing_link",
        area=3,
        severity="medium",
        subjects=["S1"],
        title="标题 <b>",
        detail="说明",
        evidence={
            "system": {"id": "S1", "name": "甲系统", "label": "System"},
            "chain": chain,
            "flows": [
                {
                    "source": {"id": "S1", "name": "甲"},
                    "target": {"id": "PX", "name": "乙"},
                    "dataset": "人口",
                    "frequency": "daily",
                },
            ],
            "nested": {"a": 1, "b": [1, 2], "c": None, "d": True},
            "money": {
                "build_cost": 12.5,
                "annual_om_cost": None,
                "build_cost_unknown": [],
                "annual_om_cost_unknown": ["S1"],
            },
        },
        recommendation="建议",
    )
    return FindingsDocument(
        as_of=date(2020, 12, 31),
        parameters={"camera_radius_m": 50},
        load=LoadSection(
            tables={"systems": TableCount(read=2, loaded=1, rejected=1)},
            rejected=[
                RowIssue(
                    table="systems",
                    file="systems.csv",
                    row=3,
                    column="owner_id",
                    value="=cmd",
                    reason="unknown department",
                )
            ],
            warnings=[],
        ),
        summary=Summary(departments=1, systems=1, findings_by_rule={"provincial.missing_link": 1}),
        findings=[finding],
    )


def test_evidence_tree_kinds() -> None:
    evidence = _document().findings[0].evidence
    tree = dict(fields(evidence, "en").rows)
    chain = tree["chain"]
    assert isinstance(chain, ChainValue)
    assert [s.node for s in chain.steps] == ["甲系统 (S1)", "交换平台 (PX)", "省平台 (PG)"]
    assert [s.weakest for s in chain.steps] == [True, False, False]
    assert isinstance(tree["flows"], TableValue)
    assert tree["system"].text == "甲系统 (S1)"
    assert "12.5" in tree["money"].text and "S1" in tree["money"].text


def test_hand_built_document_renders(tmp_path: Path) -> None:
    paths = write_report(_document(), tmp_path, lang="en")
    html = paths[0].read_text(encoding="utf-8")
    assert "weakest hop" in html and 'class="hop weakest"' in html
    assert "标题 &lt;b&gt;" in html
    assert "<td>=cmd</td>" in html
    md = paths[1].read_text(encoding="utf-8")
    assert "⚠ weakest hop" in md and "| 提供方" not in md  # English labels in en
    assert "| source | target |" in md
