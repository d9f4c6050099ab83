"""Findings worded in Chinese (the default) or English (``Parameters.lang``), on the tiny
example: every rule words title, detail and recommendation in both; evidence does not
depend on the language; the English is the rules' English as it always was."""

from __future__ import annotations

import re
from datetime import date

import pytest

from interop.analysis import run_rules
from interop.findings.model import Finding
from interop.graph import build_graph
from interop.inventory.model import Inventory
from interop.parameters import Parameters
from interop.rules import RULES

CJK = re.compile(r"[\u4e00-\u9fff]")
AS_OF = date(2020, 12, 31)


@pytest.fixture(scope="module")
def worded(tiny: Inventory) -> dict[str, list[Finding]]:
    graph = build_graph(tiny)
    return {lang: run_rules(graph, Parameters(as_of=AS_OF, lang=lang)) for lang in ("zh", "en")}


def test_chinese_is_the_default() -> None:
    assert Parameters().lang == "zh"
    assert Parameters(lang="en").as_json("networkx")["lang"] == "en"


def test_every_rule_words_its_findings_in_both_languages(
    worded: dict[str, list[Finding]],
) -> None:
    for rule in RULES:
        for lang in ("zh", "en"):
            found = [f for f in worded[lang] if f.rule == rule.id]
            assert found, (rule.id, lang)  # the tiny example has findings of every rule
            for finding in found:
                for part in (finding.title, finding.detail, finding.recommendation):
                    assert part.strip(), (rule.id, lang)


def test_chinese_words_are_chinese_and_name_their_subjects(
    worded: dict[str, list[Finding]],
) -> None:
    for finding in worded["zh"]:
        for part in (finding.title, finding.detail, finding.recommendation):
            assert CJK.search(part), (finding.rule, part)
        for subject in finding.subjects:
            assert subject in finding.title + finding.detail, (finding.rule, subject)
        assert "：" in finding.title, finding.title  # 问题：对象


def test_language_changes_the_words_only(worded: dict[str, list[Finding]]) -> None:
    assert len(worded["zh"]) == len(worded["en"])
    for zh, en in zip(worded["zh"], worded["en"], strict=True):
        assert (zh.rule, zh.area, zh.severity, zh.subjects) == (
            en.rule,
            en.area,
            en.severity,
            en.subjects,
        )
        assert zh.evidence == en.evidence, zh.rule
        assert zh.title != en.title and zh.detail != en.detail
        assert zh.recommendation != en.recommendation


ENGLISH_TITLES = {
    ("silo.isolated_system", "S03"): "Isolated system: 社保卡服务系统 (S03)",
    ("sharing.non_provider", "D07"): "Receives shared data but provides none: 市第二医院 (D07)",
    ("network.noncompliant_deployment", "S04"): (
        "Deployed only on private networks: 公安综合业务系统 (S04)"
    ),
    ("network.isolated_private", "N4"): "Isolated private network: 水务业务专网 (N4)",
    ("provincial.missing_link", "S02"): (
        "Not docked in real time with the provincial service platform: 就业服务系统 (S02)"
    ),
    ("provincial.city_platform_unlinked", "PC"): (
        "City service platform without a realtime provincial feed: 市政务服务平台 (PC)"
    ),
    ("camera.duplicate_site", "C1"): (
        "Duplicate camera site at 30.58000, 114.30000: 3 cameras of 3 departments"
    ),
    ("usage.idle", "S10"): "Idle system: 城管办公系统 (S10)",
    ("usage.low_utilization", "S13"): ("Low utilization: 卫健统计系统 (S13) uses 2 of 10 modules"),
    ("usage.rebuilt_while_underused", "S11"): (
        "Rebuilt while underused: 城管执法系统二期 (S11) replaced 城管执法系统 (S12)"
    ),
    ("duplicate.homogeneous_systems", "S07"): "Same function built 3 times: 医院信息系统(HIS)",
    ("security.ungraded", "S09"): "Not graded for security protection: 第三医院HIS (S09)",
    ("camera.gbid_invalid", "C11"): "Invalid GB/T 28181 id on camera C11",
    ("camera.gbid_conflict", "C12"): (
        "GB/T 28181 id 42010600081320000010 carried by 2 cameras of 2 departments"
    ),
    ("resources.not_on_gov_cloud", "S04"): "Not on the government cloud: 公安综合业务系统 (S04)",
    ("sharing.point_to_point", "S09"): (
        "Point-to-point sharing: 第三医院HIS (S09) → 第一医院HIS (S07)"
    ),
    ("usage.zombie_candidate", "S21"): "Zombie system candidate: 人社业务统计系统 (S21)",
    ("security.protection_lapse", "S16"): (
        "Security protection duties lapsed for 视频图像解析系统 (S16) (grade 4)"
    ),
    ("project.lifecycle_gap", "S18"): "Project life-cycle gap: 数字城管系统(二期) (S18)",
}
"""One English title per rule on the tiny example, as the rules have always worded them."""


def test_english_titles_are_unchanged(worded: dict[str, list[Finding]]) -> None:
    titles = {(f.rule, f.subjects[0]): f.title for f in worded["en"]}
    for key, title in ENGLISH_TITLES.items():
        assert titles[key] == title, key
    assert {rule for rule, _ in ENGLISH_TITLES} == {rule.id for rule in RULES}


def test_english_details_and_recommendations_are_unchanged(
    worded: dict[str, list[Finding]],
) -> None:
    by_key = {(f.rule, f.subjects[0]): f for f in worded["en"]}
    low = by_key["usage.low_utilization", "S13"]
    assert low.detail == (
        "卫健统计系统 (S13), owned by 市卫生健康委员会 (D05), is in use but only 2 of its 10 "
        "modules are used (20%, below 30%). Cost: no cost recorded."
    )
    idle = by_key["usage.idle", "S13"]
    assert idle.detail == (
        "卫健统计系统 (S13), owned by 市卫生健康委员会 (D05), is idle: last used on 2020-01-01, "
        "365 days before 2020-12-31 (more than 180). Cost: no cost recorded."
    )
    assert idle.recommendation == (
        "Establish with 市卫生健康委员会 (D05) whether 卫健统计系统 (S13) is still needed; if "
        "not, retire it and stop its O&M payments, and redeploy its equipment; if so, find out "
        "why it goes unused."
    )
    linked = by_key["provincial.missing_link", "S02"]
    assert linked.detail.endswith(
        "Its data reaches 省政务服务平台 (PG) only through a chain of 2 active flow(s) that is "
        "not realtime throughout: the weakest hop is S02 → PX (daily, file)."
    )


def test_chinese_words_carry_the_evidence(worded: dict[str, list[Finding]]) -> None:
    by_key = {(f.rule, f.subjects[0]): f for f in worded["zh"]}
    idle = by_key["usage.idle", "S13"]
    assert "2020-01-01" in idle.detail and "365天" in idle.detail and "180天" in idle.detail
    assert idle.evidence["reasons"] == [
        "last used on 2020-01-01, 365 days before 2020-12-31 (more than 180)"
    ]  # evidence stays as it was, whatever the language
    low = by_key["usage.low_utilization", "S13"]
    assert "10个功能模块中仅使用2个" in low.detail and "20%" in low.detail
    linked = by_key["provincial.missing_link", "S02"]
    assert "S02 → PX" in linked.detail and "每日" in linked.detail and "文件" in linked.detail
    network = by_key["network.isolated_private", "N4"]
    assert "业务专网" in network.detail


def test_every_rule_has_chinese_help() -> None:
    for rule in RULES:
        assert rule.help.zh is not None, rule.id
        assert rule.help["zh"] is rule.help.zh and rule.help["en"] is rule.help.en
        for part in (rule.help.zh.criteria, rule.help.zh.evidence, rule.help.zh.recommendation):
            assert CJK.search(part), rule.id
