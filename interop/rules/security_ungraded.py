"""security.ungraded: a live system never graded under classified security protection."""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._finding import named_ref, zh_list
from interop.rules._views import (
    Deployments,
    live_system_list,
    money,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    deployments = ctx.shared(Deployments)
    out: list[Finding] = []
    for node, data in ctx.shared(live_system_list):
        if data.get("security_grade") is not None:
            continue
        evidence = {
            "system": ref(graph, node),
            "owner": owner_ref(graph, node),
            "level": data.get("level"),
            "gov_service": data.get("gov_service"),
            "networks": deployments.of(node),
            "money": money(graph, [node]),
        }
        out.append(RULE.make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    networks = evidence["networks"]
    where = f"; it is deployed on {', '.join(n['name'] for n in networks)}." if networks else "."
    return Wording(
        title=f"Not graded for security protection: {system}",
        detail=(
            f"{system}, owned by {owner}, is in use but has no classified security protection "
            f"grade (等级保护){where}"
        ),
        recommendation=(
            f"Have {owner} grade {system} under the classified security protection scheme, file "
            "the grade with the public security authority, and carry out the assessment and "
            "protection its grade requires."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system = named_ref(evidence["system"], lang="zh")
    owner = named_ref(evidence["owner"], lang="zh")
    networks = evidence["networks"]
    where = f"；该系统部署在{zh_list(n['name'] for n in networks)}上。" if networks else "。"
    return Wording(
        title=f"未进行等级保护定级：{system}",
        detail=f"{owner}的{system}在用，但未按规定进行网络安全等级保护定级{where}",
        recommendation=(
            f"请{owner}按照网络安全等级保护制度对{system}开展等级保护定级，向公安机关备案，"
            "并按所定等级开展等级测评和安全保护，落实数据安全保护责任。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The finding's words in each language, from its evidence alone."""


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个未填报等级保护级别（security_grade）的在用系统（状态为在用；为空视为在用），"
            "即单元格为空或填写“未定级”的，即判定。以任何可接受写法填报的第一至第五级均视为已定级。"
        ),
        evidence=(
            "系统及其主管部门（编码和名称）、层级、是否提供政务服务、部署网络，以及系统的建设投资"
            "和年运维费用（万元）。"
        ),
        recommendation=(
            "审计发现，部分单位未按规定对本单位信息系统实行安全等级定级保护，未有效落实数据安全"
            "保护责任。应对所有在用系统完成等级保护定级和备案，按等级开展测评；各部门应制定"
            "信息化建设和网络安全管理制度，并将安全评估纳入各部门信息化全生命周期评估。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised for each live system (status in_use; empty counts as in_use) with no "
            "security_grade: the cell is empty or says 未定级 (not graded). A grade of 1 to 5 "
            "in any accepted spelling counts as graded."
        ),
        evidence=(
            "The system, its owner (id and name), level, whether it delivers government "
            "services, its networks, and its build and annual O&M cost (万元)."
        ),
        recommendation=(
            "The audit found systems not graded under classified security protection (等级保护) "
            "and data-security duties not carried out. Grade and file every system in use, "
            "assess it at its grade, set IT and cybersecurity rules in every department, and "
            "include security in the life-cycle evaluation of each department's IT."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="security.ungraded",
    area=5,
    severity=Severity.high,
    title=Text("未进行等级保护定级", "Not graded for classified protection"),
    parameters=(),
    help=HELP,
    check=check,
    wording=WORDING,
)
