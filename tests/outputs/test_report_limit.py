"""The report lists at most N findings per rule (severity, then money) and counts the rest."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from interop.analysis import analyze
from interop.cli.app import cli
from interop.escape import html_text, md_text
from interop.findings.model import FindingsDocument
from interop.parameters import Parameters
from interop.report import write_report
from interop.report.catalog import Entry, catalog
from interop.report.context import anchor_of_rule, build_context
from interop.report.selection import listing, listing_order, money_rank
from outputs.conftest import Written, generated_analysis
from outputs.test_report import _anchors

LIMIT = 3


@pytest.fixture(scope="module")
def city() -> FindingsDocument:
    return generated_analysis(seed=11, lang="en")


@pytest.fixture(scope="module")
def limited(city: FindingsDocument, tmp_path_factory: pytest.TempPathFactory) -> Written:
    out = tmp_path_factory.mktemp("limited")
    return Written(city, out, write_report(city, out, "zh", limit=LIMIT))


def _by_rule(document: FindingsDocument) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    for entry in catalog(document):
        out.setdefault(entry.finding.rule, []).append(entry)
    return out


def _section(html: str, rule: str) -> str:
    start = html.index(f'id="{anchor_of_rule(rule)}"')
    end = html.find('<section id="rule-', start + 1)
    return html[start : end if end > 0 else html.index('<section id="load"')]


def test_each_rule_lists_at_most_the_limit(limited: Written) -> None:
    html = limited.text("report.html")
    by_rule = _by_rule(limited.document)
    assert sum(len(e) > LIMIT for e in by_rule.values()) >= 3, "the city must exceed the limit"
    for rule, entries in by_rule.items():
        section = _section(html, rule)
        listed = re.findall(r'<article class="finding \w+" id="(F\d+)">', section)
        expected = [e.fid for e in sorted(entries, key=listing_order)[:LIMIT]]
        assert listed == expected, rule
        more = len(entries) - len(listed)
        note = html_text(f"另有 {more} 条问题未在本报告中列出，见 findings.xlsx / findings.csv")
        assert (str(note) in section) == (more > 0), rule
        assert f'<span class="rule-id">{rule}</span> ({len(entries)})</li>' in html  # contents


def test_numbers_do_not_change_and_every_link_resolves(limited: Written) -> None:
    html = limited.text("report.html")
    anchors = _anchors(html)
    assert not set(anchors.links) - anchors.ids, "links to missing anchors"
    entries = catalog(limited.document)
    shown = {e.fid for e in entries if e.fid in anchors.ids}
    assert 0 < len(shown) < len(entries)
    for entry in entries:
        if entry.fid in shown:  # the same number as in the spreadsheets, with its own words
            article = html[html.index(f'id="{entry.fid}"') :]
            article = article[: article.index("</article>")]
            assert str(html_text(entry.finding.title)) in article
    md = limited.text("report.md")
    for entry in entries:
        assert (f'<a id="{entry.fid}"></a>' in md) == (entry.fid in shown)
    for rule, found in _by_rule(limited.document).items():
        if len(found) > LIMIT:
            assert f'<a id="{anchor_of_rule(rule)}-more"></a>' in md
            assert md_text(f"{len(found) - LIMIT} more in findings.xlsx") not in md  # Chinese


def test_a_link_to_a_finding_left_out_says_where_it_is(city: FindingsDocument) -> None:
    for lang, where in (("zh", "见 findings.xlsx / findings.csv"), ("en", "findings.xlsx")):
        context = build_context(city, lang, limit=LIMIT)  # type: ignore[arg-type]
        left_out = [e for e in context.entries if e.fid not in context.listed]
        assert left_out
        for entry in left_out[:20]:
            link = context.link(entry.fid)
            assert not link.listed and where in (link.where or "")
            assert link.href == anchor_of_rule(entry.finding.rule) + "-more"
        shown = next(iter(context.listed))
        assert context.link(shown).listed and context.link(shown).href == shown


def test_listing_order_is_severity_then_money_unknown_last(city: FindingsDocument) -> None:
    for entries in _by_rule(city).values():
        ordered = listing(entries, None).shown
        keys = [
            (("high", "medium", "low").index(str(e.finding.severity)), money_rank(e))
            for e in ordered
        ]
        for (rank_a, money_a), (rank_b, money_b) in pairwise(keys):
            assert rank_a <= rank_b
            if rank_a == rank_b and money_a is None:
                assert money_b is None  # unknown money last
            if rank_a == rank_b and money_a is not None and money_b is not None:
                assert money_a >= money_b
    money = Counter(money_rank(e) is None for e in catalog(city))
    assert money[True] and money[False]  # the city has findings with and without money


def test_no_limit_and_zero(city: FindingsDocument, tmp_path: Path) -> None:
    write_report(city, tmp_path, "en", limit=None)
    everything = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert all(f'id="{e.fid}"' in everything for e in catalog(city))
    assert "more in findings.xlsx" not in everything
    write_report(city, tmp_path, "en", limit=0)
    nothing = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<article class="finding' not in nothing
    for rule, found in _by_rule(city).items():
        assert f"{len(found)} more in findings.xlsx / findings.csv" in _section(nothing, rule)
    assert not set(_anchors(nothing).links) - _anchors(nothing).ids
    with pytest.raises(ValueError, match="limit"):
        write_report(city, tmp_path, "en", limit=-1)


def test_report_limit_option(tiny_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["analyze", str(tiny_dir), "--out", str(tmp_path), "--lang", "en", "--as-of",
            "2020-12-31", "--report-limit", "1"]  # fmt: skip
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count('<article class="finding') <= len(_by_rule_of(tmp_path))
    assert "more in findings.xlsx / findings.csv" in html
    again = tmp_path / "again"
    export = ["export", "report", str(tmp_path / "findings.json"), str(tiny_dir), "--out",
              str(again), "--lang", "en", "--report-limit", "0"]  # fmt: skip
    result = runner.invoke(cli, export)
    assert result.exit_code == 0, result.output
    assert '<article class="finding' not in (again / "report.html").read_text(encoding="utf-8")
    bad = runner.invoke(cli, [*args[:-1], "-2"])
    assert bad.exit_code == 2


def _by_rule_of(out: Path) -> dict[str, list[Entry]]:
    text = (out / "findings.json").read_text(encoding="utf-8")
    return _by_rule(FindingsDocument.from_json(text))


def test_a_finding_with_more_subjects_than_a_list_shows_counts_the_rest(tmp_path: Path) -> None:
    """One finding about 260 systems (one function built by 260 units): the report names the
    first 200 subjects and ``… +60``, in the listing and under the finding, in HTML and
    Markdown; findings.json keeps all 260."""
    from interop.report.evidence import MAX_LIST_ITEMS
    from outputs.hostile import build_inventory

    n = MAX_LIST_ITEMS + 60
    depts = [{"id": f"D{i:03d}", "name": f"部门{i}"} for i in range(n)]
    systems = [
        {"id": f"S{i:03d}", "name": f"系统{i}", "owner_id": f"D{i:03d}", "function": "OA"}
        for i in range(n)
    ]
    inventory = build_inventory({"departments": depts, "systems": systems})
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    (finding,) = [f for f in document.findings if f.rule == "duplicate.homogeneous_systems"]
    assert len(finding.subjects) == n
    write_report(document, tmp_path, "en")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    shown = "; ".join(finding.subjects[:MAX_LIST_ITEMS])
    for page in (html, markdown):
        assert page.count(f"{shown}; … +60") == 2
        assert f"{finding.subjects[MAX_LIST_ITEMS]};" not in page  # nor in evidence tables
    assert f'"{finding.subjects[-1]}"' in document.to_json()
