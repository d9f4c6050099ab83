"""provincial.missing_link: a vertical service system with no realtime chain to the province."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._chains import (
    best_chains,
    chain_evidence,
    flow_digraphs,
    reaching,
    with_chain_or_note,
)
from interop.rules._finding import named_ref, zh_enum, zh_list
from interop.rules._views import (
    Deployments,
    gov_platforms,
    live_system_list,
    money,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording
from interop.schema.enums import FlowMechanism, Frequency, SystemLevel
from interop.schema.graph import node_id

VERTICAL_LEVELS = frozenset({"provincial_vertical", "national_vertical"})


def _in_scope(data: Mapping[str, Any]) -> bool:
    return (
        data.get("level") in VERTICAL_LEVELS
        and data.get("gov_service") is True
        and bool(data.get("user_ids"))
    )


def _users(graph: nx.MultiDiGraph, data: Mapping[str, Any]) -> list[dict[str, str]]:
    users = []
    for user in data.get("user_ids", []):
        node = node_id("Department", str(user))
        name = graph.nodes[node].get("name", "") if node in graph else ""
        users.append({"id": str(user), "name": str(name)})
    return users


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    deployments = ctx.shared(Deployments)
    targets = gov_platforms(graph, "provincial")
    realtime, active = ctx.shared(flow_digraphs)
    linked_realtime = reaching(realtime, targets)
    active_chains = best_chains(active, targets, towards=True)
    out: list[Finding] = []
    for node, data in ctx.shared(live_system_list):
        if not _in_scope(data) or node in linked_realtime:
            continue
        path = active_chains.get(node)
        evidence = {
            "system": ref(graph, node),
            "level": data["level"],
            "owner": owner_ref(graph, node),
            "users": _users(graph, data),
            "networks": deployments.of(node),
            "provincial_platforms": [ref(graph, t) for t in targets],
            "chain": chain_evidence(graph, active, path) if path else None,
            "money": money(graph, [node]),
        }
        out.append(RULE.make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    user_words = ", ".join(named_ref(u) for u in evidence["users"])
    chain = evidence["chain"]
    if chain["path"]:
        weak = chain["hops"][chain["weakest_hop"]]
        how = (
            f"Its data reaches {chain['path'][-1]['name']} ({chain['path'][-1]['id']}) only "
            f"through a chain of {len(chain['hops'])} active flow(s) that is not realtime "
            f"throughout: the weakest hop is {weak['source']['id']} → {weak['target']['id']} "
            f"({weak['frequency'] or 'frequency unknown'}, "
            f"{weak['mechanism'] or 'mechanism unknown'})."
        )
    else:
        how = "Not even a chain of active flows of any frequency reaches such a platform."
    return Wording(
        title=f"Not docked in real time with the provincial service platform: {system}",
        detail=(
            f"{system}, a {evidence['level']} government-service system built by {owner} and "
            f"used by {user_words}, has no realtime chain of active flows to a provincial "
            f"government-service platform. {how}"
        ),
        recommendation=(
            f"Agree with {owner} a realtime interface (API or message queue) from {system} to "
            "the provincial government-service platform, so that the city's platform can "
            "receive its data in real time for one-stop online service."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system = named_ref(evidence["system"], lang="zh")
    owner = named_ref(evidence["owner"], lang="zh")
    user_words = zh_list(named_ref(u, lang="zh") for u in evidence["users"])
    chain = evidence["chain"]
    if chain["path"]:
        weak = chain["hops"][chain["weakest_hop"]]
        end = chain["path"][-1]
        how = (
            f"其数据仅经由{len(chain['hops'])}条在用数据流组成的链路到达{end['name']} "
            f"({end['id']})，且并非全程实时：最薄弱环节为{weak['source']['id']} → "
            f"{weak['target']['id']}（交换频率{zh_enum(Frequency, weak['frequency'])}，"
            f"交换方式{zh_enum(FlowMechanism, weak['mechanism'])}）。"
        )
    else:
        how = "连任何频率的在用数据流链路也无法到达该类平台。"
    return Wording(
        title=f"未与省级政务服务平台实时对接：{system}",
        detail=(
            f"{system}为{zh_enum(SystemLevel, evidence['level'])}管理的政务服务系统，由{owner}"
            f"建设，{user_words}使用，但没有全程实时的在用数据流链路通往省级政务服务平台。{how}"
        ),
        recommendation=(
            f"与{owner}协商建设{system}至省级政务服务平台的实时接口（API接口或消息队列），"
            "使本市政务服务平台能够实时获取其数据，支撑政务服务“一网通办”。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The finding's words in each language, from its evidence alone (with its chain)."""


NO_CHAIN = "no chain of active flows reaches a provincial gov_service platform"


def complete(evidence: dict[str, Any], parameters: Parameters) -> dict[str, Any]:
    """The chain, or a note that there is none (:func:`with_chain_or_note`)."""
    return with_chain_or_note(evidence, NO_CHAIN)


def severity_of(evidence: dict[str, Any]) -> Severity:
    """High when not even a chain of active flows reaches the platform, else medium."""
    return Severity.medium if evidence["chain"]["path"] else Severity.high


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个层级为省级垂直或国家垂直、提供政务服务（gov_service 为是）且使用部门"
            "（user_ids）至少登记一个市直部门的在用系统（状态为在用；为空视为在用），若没有通往"
            "省级政务服务平台（类型为政务服务平台、层级为省级）的实时链路，即判定。实时链路是指"
            "由在用数据流（状态为在用；为空视为在用）组成、每一条的交换频率均为实时的有向链路，"
            "可经过任何系统和平台。若连任何频率的在用数据流链路都无法到达该类平台，严重程度为高，"
            "否则为中。"
        ),
        evidence=(
            "系统及其层级、主管部门和本市使用部门（编码和名称），其部署网络，省级政务服务平台，"
            "以及找到的最佳链路：通往该类平台的最短在用数据流链路（不限频率；同等长度下非实时"
            "环节最少），列出经过的节点和每一环节的数据资源、频率、交换方式和状态，并标出最薄弱"
            "环节（第一个非实时环节）；或注明不存在在用数据流链路。另列系统的建设投资和年运维"
            "费用（万元）。"
        ),
        recommendation=(
            "审计发现，市直部门使用的30余套国家、省级垂直系统未能与省级政务服务平台实现深度对接，"
            "致使市政务服务平台不能从省级政务服务平台实时获取其数据，影响了政务服务“一网通办”"
            "的效率。应建设通往省级平台的实时接口，先解决没有任何在用链路的系统（严重程度高），"
            "再改造其他系统链路中最薄弱的非实时环节。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised for each live system (status in_use; empty counts as in_use) of level "
            "provincial_vertical or national_vertical, with gov_service true and at least one "
            "city department in user_ids, that has no realtime chain to a platform of kind "
            "gov_service and level provincial. A realtime chain is a directed chain of active "
            "flows (status active; empty counts as active), every one of them with frequency "
            "realtime; it may pass through any systems and platforms. Severity is high when "
            "not even a chain of active flows of any frequency reaches such a platform, and "
            "medium otherwise."
        ),
        evidence=(
            "The system, its level, owner and city users (ids and names), its networks, the "
            "provincial government-service platforms, and the best chain found: the shortest "
            "chain of active flows of any frequency to such a platform (fewest non-realtime "
            "hops among equals), as the list of nodes and the hops with their dataset, "
            "frequency, mechanism and status, the weakest hop (the first that is not realtime) "
            "marked; or a note that no chain of active flows exists. Also its build and annual "
            "O&M cost (万元)."
        ),
        recommendation=(
            "The audit found 30+ national and provincial vertical systems used by city "
            "departments that are not deeply docked with the provincial government-service "
            "platform, so the city cannot get their data in real time and one-stop online "
            "service (一网通办) suffers. Build realtime interfaces to the provincial platform, "
            "starting with the systems without any active chain (severity high), then replace "
            "the weakest (non-realtime) hop of the others."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="provincial.missing_link",
    area=3,
    severity=Severity.high,
    title=Text(
        "垂直系统未与省政务服务平台实时对接",
        "Vertical system not docked in real time with the provincial service platform",
    ),
    parameters=(),
    help=HELP,
    check=check,
    wording=WORDING,
    complete=complete,
    severity_of=severity_of,
)
