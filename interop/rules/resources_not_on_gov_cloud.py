"""resources.not_on_gov_cloud: a municipal system kept in its own or a rented machine room.

The city's rule (and 国发〔2016〕51号's principle of shared infrastructure): government
systems are deployed on the government cloud unless they are classified.
"""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._checks import (
    check_finding,
    is_classified,
    live_municipal_system_list,
    system_evidence,
)
from interop.rules._finding import named_ref, zh_enum, zh_money
from interop.rules._views import money_words
from interop.rules.base import AuditContext, Check, Rule, RuleHelp, Wording
from interop.schema.enums import Hosting

CHECKS = (Check("hosting", (("systems", "hosting"), ("systems", "classified"))),)
OFF_CLOUD = {"own_room": Severity.medium, "hosted": Severity.low}
"""Hostings that are not the government cloud, with the severity each gives."""


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    out: list[Finding] = []
    for node, data in ctx.shared(live_municipal_system_list):
        hosting = data.get("hosting")
        if hosting not in OFF_CLOUD or is_classified(data):
            continue
        failed = [{"check": "hosting", "hosting": str(hosting)}]
        evidence = system_evidence(graph, node)
        finding = check_finding(RULE, ctx, [str(data["id"])], evidence, failed, [node])
        if finding is not None:
            out.append(finding)
    return out


def severity_of(evidence: dict[str, Any]) -> Severity:
    """Medium for a system in its owner's own machine room, low for a hosted one."""
    return OFF_CLOUD[evidence["checks"][0]["hosting"]]


_EN_HOSTING = {"own_room": "its owner's own machine room", "hosted": "a hosted machine room"}


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    where = _EN_HOSTING[evidence["checks"][0]["hosting"]]
    return Wording(
        title=f"Not on the government cloud: {system}",
        detail=(
            f"{system}, owned by {owner}, runs in {where}, not on the government cloud, "
            f"though it is not classified. Cost: {money_words(evidence['money'])}."
        ),
        recommendation=(
            f"Have {owner} plan the move of {system} to the government cloud when its "
            "equipment or contract is due for renewal, and fund no new machine room for it."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system = named_ref(evidence["system"], lang="zh")
    owner = named_ref(evidence["owner"], lang="zh")
    where = zh_enum(Hosting, evidence["checks"][0]["hosting"])
    return Wording(
        title=f"未部署在政务云：{system}",
        detail=(
            f"{owner}的{system}为非涉密系统，但部署在{where}，未部署在政务云上。"
            f"涉及资金：{zh_money(evidence['money'])}。"
        ),
        recommendation=(
            f"请{owner}结合设备更新或合同到期，制定{system}向政务云迁移的计划，不再为其新建或"
            "扩建机房。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个在用的市级或区级非涉密系统（是否涉密为空视为非涉密），部署方式为自建机房"
            "（中风险）或托管机房（低风险）的，判定未通过 hosting 检查。部署方式为空视为未知，"
            "不判定；政务云和上级部署视为合规。依据：本市政务系统上云要求及国发〔2016〕51号"
            "关于集约建设基础设施的原则。"
        ),
        evidence="系统及其主管部门和层级、未通过的检查及填报的部署方式，以及系统的建设投资和年运维费用（万元）。",
        recommendation=(
            "审计发现信息化资源分散在各部门机房和网络中。非涉密系统应结合设备更新或合同到期"
            "逐步迁移至政务云，不再为各部门新建机房。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised (check hosting) for each live municipal or district system, not "
            "classified (an empty classified is not classified), whose hosting is own_room "
            "(severity medium) or hosted (low). An empty hosting is unknown and not raised; "
            "gov_cloud and superior are compliant. Source: the city's rule that government "
            "systems use the government cloud, after 国发〔2016〕51号's shared infrastructure."
        ),
        evidence=(
            "The system, its owner and level, the failed check with the hosting recorded, and "
            "the system's build and annual O&M cost (万元)."
        ),
        recommendation=(
            "The audit found resources spread over departmental rooms and networks. Move "
            "unclassified systems to the government cloud as their equipment or contracts come "
            "up for renewal, and fund no new departmental machine rooms."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="resources.not_on_gov_cloud",
    area=2,
    severity=Severity.medium,
    title=Text("未部署在政务云的系统", "System not on the government cloud"),
    parameters=(),
    help=HELP,
    check=check,
    wording=WORDING,
    severity_of=severity_of,
    checks=CHECKS,
)
