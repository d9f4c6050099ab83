"""duplicate.homogeneous_systems: several departments each running a system of one function."""

from __future__ import annotations

from collections import Counter
from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._finding import named_ref, zh_list, zh_money
from interop.rules._views import (
    Deployments,
    key_of,
    live_system_list,
    money,
    money_words,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording
from interop.schema.enums import fold

CITY_LEVELS = frozenset({"municipal", "district"})


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    deployments = ctx.shared(Deployments)
    min_owners = ctx.parameters.homogeneous_min_owners
    groups: dict[str, list[str]] = {}
    for node, data in ctx.shared(live_system_list):
        function = data.get("function")
        if data.get("level") not in CITY_LEVELS or function is None or not fold(function):
            continue
        groups.setdefault(fold(function), []).append(node)
    out: list[Finding] = []
    for key, nodes in groups.items():
        owners = {str(graph.nodes[n]["owner_id"]) for n in nodes}
        if len(owners) < min_owners:
            continue
        nodes = sorted(nodes, key=lambda n: key_of(graph, n))
        spellings = Counter(str(graph.nodes[n]["function"]) for n in nodes)
        evidence = {
            "function": spellings.most_common(1)[0][0],
            "function_key": key,
            "spellings": sorted(spellings),
            "owners": list({o["id"]: o for n in nodes if (o := owner_ref(graph, n))}.values()),
            "systems": [
                {
                    **ref(graph, n),
                    "owner_id": graph.nodes[n]["owner_id"],
                    "function": graph.nodes[n]["function"],
                    "level": graph.nodes[n].get("level"),
                    "networks": deployments.of(n),
                }
                for n in nodes
            ],
            "money": money(graph, nodes),
        }
        out.append(RULE.make_finding([key_of(graph, n) for n in nodes], evidence, ctx.parameters))
    return out


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    shown = evidence["function"]
    systems = evidence["systems"]
    owner_count = len({str(s["owner_id"]) for s in systems})
    who = ", ".join(f"{o['name']} ({o['id']})" for o in evidence["owners"])
    return Wording(
        title=f"Same function built {owner_count} times: {shown}",
        detail=(
            f"{owner_count} departments ({who}) each run their own live '{shown}' system: "
            f"{', '.join(named_ref(s) for s in systems)}. Together: "
            f"{money_words(evidence['money'])}."
        ),
        recommendation=(
            f"Have the city plan one shared '{shown}' system (or a common platform with common "
            f"standards) for {who}, and approve no further separate builds of it."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    shown = evidence["function"]
    systems = evidence["systems"]
    owner_count = len({str(s["owner_id"]) for s in systems})
    who = zh_list(f"{o['name']} ({o['id']})" for o in evidence["owners"])
    return Wording(
        title=f"同一功能重复建设{owner_count}套：{shown}",
        detail=(
            f"{owner_count}个部门（{who}）各自建设并运行功能为“{shown}”的系统："
            f"{zh_list(named_ref(s, lang='zh') for s in systems)}，存在同质化重复建设。"
            f"合计：{zh_money(evidence['money'])}。"
        ),
        recommendation=(
            f"由市级层面统筹规划“{shown}”功能，为{who}建设一套共享系统（或统一标准的公共"
            "平台），不再审批同类系统的分散建设。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The finding's words in each language, from its evidence alone."""


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "按系统功能（function）分组，比较前先去除首尾空格、将全角字符转为半角（Unicode NFKC）"
            "并忽略大小写，因此“医院信息系统（HIS）”与“医院信息系统(his)”视为同一功能。对每一功能，"
            "市级或区级（层级为空视为市级）的在用系统（状态为在用；为空视为在用）分属至少"
            " homogeneous_min_owners 个（默认3个）不同部门时，判定为一项问题。未填报功能的系统"
            "不参与分组。"
        ),
        evidence=(
            "功能（最常见的写法、归一化后的键和出现过的全部写法），各建设部门（编码和名称），"
            "每个系统及其主管部门、层级和部署网络，以及该组系统的建设投资和年运维费用（万元）。"
        ),
        recommendation=(
            "审计发现，全市医疗机构的信息系统建设未从市级层面统筹规划，医疗机构间在诊疗、用药等"
            "方面存在信息系统的同质化重复建设。应由跨部门统筹协调机制对此类功能进行全市统一规划，"
            "制定行业标准，集中建设共享系统，不再由各部门分别建设。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Systems are grouped by function, compared after trimming, folding full-width "
            "characters to half-width (Unicode NFKC) and case-folding, so that "
            "'医院信息系统（HIS）' and '医院信息系统(his)' are one function. For each function, "
            "the live systems (status in_use; empty counts as in_use) of level municipal or "
            "district (empty counts as municipal) with that function form one finding when "
            "their owners are at least homogeneous_min_owners (default 3) distinct "
            "departments. Systems with no function are not grouped."
        ),
        evidence=(
            "The function (its most common spelling, the folded key and every spelling seen), "
            "the owning departments (ids and names), each system with its owner, level and "
            "networks, and the build and annual O&M cost (万元) of the group."
        ),
        recommendation=(
            "The audit found hospitals and other departments building the same systems again "
            "and again with no city-level plan. Have the cross-department coordination "
            "mechanism plan such functions city-wide, set sector standards, and fund shared "
            "systems instead of one per department."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="duplicate.homogeneous_systems",
    area=1,
    severity=Severity.high,
    title=Text("同质化系统重复建设", "Homogeneous systems built repeatedly"),
    parameters=("homogeneous_min_owners",),
    help=HELP,
    check=check,
    wording=WORDING,
)
