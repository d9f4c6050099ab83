"""silo.isolated_system: a live system that exchanges no data across a department boundary."""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._finding import named_ref
from interop.rules._views import (
    Deployments,
    flow_ref,
    flows_of,
    live_system_list,
    money,
    owner_ref,
    ref,
    why_not_crossing,
)
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    deployments = ctx.shared(Deployments)
    out: list[Finding] = []
    for node, data in ctx.shared(live_system_list):
        flows = flows_of(graph, node)
        if any(why_not_crossing(graph, node, f) is None for f in flows):
            continue  # stops at its first crossing flow
        ignored = [
            {**flow_ref(graph, f), "not_crossing_because": why_not_crossing(graph, node, f)}
            for f in flows
        ]
        evidence = {
            "system": ref(graph, node),
            "owner": owner_ref(graph, node),
            "networks": deployments.of(node),
            "flows": ignored,
            "money": money(graph, [node]),
        }
        out.append(RULE.make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    ignored = evidence["flows"]
    if ignored:
        why = (
            f" Its {len(ignored)} recorded flow(s) do not count: each is inactive, a "
            "self-loop, or stays within its own department."
        )
    else:
        why = " No data flow into or out of it is recorded."
    return Wording(
        title=f"Isolated system: {system}",
        detail=(
            f"{system}, owned by {owner}, is in use but has no active data flow with a shared "
            f"platform or with a system of another department.{why}"
        ),
        recommendation=(
            f"Ask {owner} which of the data of {system} other departments need and which it "
            "needs from them, and connect it to the city's data sharing and exchange platform; "
            "if nobody needs its data and it needs none, record why, or fold it into a shared "
            "system."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system = named_ref(evidence["system"], lang="zh")
    owner = named_ref(evidence["owner"], lang="zh")
    ignored = evidence["flows"]
    if ignored:
        why = (
            f"其登记的{len(ignored)}条数据流均不计入：或未在用，或为自身回环，"
            "或仅在本部门系统之间流转。"
        )
    else:
        why = "清单中未登记任何流入或流出该系统的数据流。"
    return Wording(
        title=f"信息孤岛：{system}",
        detail=(
            f"{owner}的{system}在用，但与共享平台及其他部门的系统之间均无在用的数据交换，"
            f"形成信息孤岛。{why}"
        ),
        recommendation=(
            f"请{owner}梳理{system}中哪些数据为其他部门所需、又需要其他部门提供哪些数据，"
            "将其接入市数据共享交换平台；确无共享需求的，应书面说明理由，或将其整合到共享系统中。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The finding's words in each language, from its evidence alone."""


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个在用系统（状态为在用；状态为空视为在用），若不存在任何跨部门数据流，即判定为信息"
            "孤岛。系统S的跨部门数据流，是指S与X之间任一方向的在用数据流（状态为在用；为空视为在用），"
            "其中X为平台，或为其他部门所属的系统。计划中或已中断的数据流、同一部门两个系统之间的"
            "数据流以及系统指向自身的数据流均不计入。"
        ),
        evidence=(
            "系统及其主管部门（编码和名称）、系统部署的网络、为其登记的每条数据流及其不计为"
            "跨部门数据流的原因，以及系统的建设投资和年运维费用（万元）。"
        ),
        recommendation=(
            "系统仅为满足本部门需求而建，正是审计发现的建设“各自为政”问题。应与主管部门"
            "明确该系统有哪些数据为其他部门所需（以及反之），按全市统一标准接入市数据共享交换"
            "平台，并由跨部门统筹协调机制（信息化工作联席会议）审查仍处于孤立状态的系统。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised for each live system (status in_use; an empty status counts as in_use) "
            "that has no crossing flow. A crossing flow of a system S is an active flow "
            "(status active; empty counts as active) between S and X, in either direction, "
            "where X is a platform or a system owned by another department. Flows that are "
            "planned or broken, flows between two systems of the same owner, and flows from a "
            "system to itself do not count."
        ),
        evidence=(
            "The system and its owning department (id and name), the networks it is deployed "
            "on, every flow recorded for it with the reason it is not a crossing flow, and its "
            "build and annual O&M cost (万元)."
        ),
        recommendation=(
            "Systems built for one department's needs alone are the 'everyone building alone' "
            "problem the audit found. Establish with the owner what data the system holds that "
            "others need (and the reverse), connect it to the city's data sharing and exchange "
            "platform under the city's common standards, and have the cross-department "
            "coordination mechanism review systems that remain isolated."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="silo.isolated_system",
    area=1,
    severity=Severity.medium,
    title=Text("信息孤岛系统", "Isolated system"),
    parameters=(),
    help=HELP,
    check=check,
    wording=WORDING,
)
