"""provincial.city_platform_unlinked: a city service platform with no realtime provincial feed."""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._chains import (
    best_chains,
    chain_evidence,
    flow_digraphs,
    reached_from,
    with_chain_or_note,
)
from interop.rules._finding import named_ref, zh_enum
from interop.rules._views import (
    flow_ref,
    flows_of,
    gov_platforms,
    networks_of,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording
from interop.schema.enums import Frequency


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    sources = gov_platforms(graph, "provincial")
    realtime, active = ctx.shared(flow_digraphs)
    fed = reached_from(realtime, sources)
    active_chains = best_chains(active, sources, towards=False)
    out: list[Finding] = []
    for node in gov_platforms(graph, "municipal"):
        if node in fed:
            continue
        data = graph.nodes[node]
        path = active_chains.get(node)
        inbound = [f for f in flows_of(graph, node) if f.target == node and f.source != node]
        evidence = {
            "platform": ref(graph, node),
            "owner": owner_ref(graph, node),
            "networks": networks_of(graph, node),
            "provincial_platforms": [ref(graph, s) for s in sources],
            "chain": chain_evidence(graph, active, path) if path else None,
            "inbound_flows": [flow_ref(graph, f) for f in inbound],
        }
        out.append(RULE.make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    platform = named_ref(evidence["platform"])
    chain = evidence["chain"]
    if chain["path"]:
        weak = chain["hops"][chain["weakest_hop"]]
        how = (
            f"The best chain found, from {chain['path'][0]['name']} "
            f"({chain['path'][0]['id']}), has {len(chain['hops'])} active flow(s) and is "
            f"not realtime at {weak['source']['id']} → {weak['target']['id']} "
            f"({weak['frequency'] or 'frequency unknown'})."
        )
    else:
        how = "No chain of active flows of any frequency reaches it from such a platform."
    if not evidence["provincial_platforms"]:
        how = "The inventory records no provincial government-service platform. " + how
    return Wording(
        title=f"City service platform without a realtime provincial feed: {platform}",
        detail=(
            f"No realtime chain of active flows reaches {platform}, the municipal "
            "government-service platform, from a provincial government-service platform. "
            f"{how}"
        ),
        recommendation=(
            f"Connect {platform} to the provincial government-service platform by a realtime "
            "interface (directly or through the city's sharing and exchange platform), so that "
            "services handled at provincial level reach the city at once."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    platform = named_ref(evidence["platform"], lang="zh")
    chain = evidence["chain"]
    if chain["path"]:
        weak = chain["hops"][chain["weakest_hop"]]
        start = chain["path"][0]
        how = (
            f"找到的最佳链路始于{start['name']} ({start['id']})，由{len(chain['hops'])}条"
            f"在用数据流组成，在{weak['source']['id']} → {weak['target']['id']}处并非实时"
            f"（交换频率{zh_enum(Frequency, weak['frequency'])}）。"
        )
    else:
        how = "没有任何频率的在用数据流链路从该类平台到达该平台。"
    if not evidence["provincial_platforms"]:
        how = "清单中未登记任何省级政务服务平台。" + how
    return Wording(
        title=f"市政务服务平台未与省级平台实时对接：{platform}",
        detail=(
            f"{platform}是本市的市级政务服务平台，但没有任何全程实时的在用数据流链路从省级"
            f"政务服务平台到达该平台，无法实时获取省级平台的数据。{how}"
        ),
        recommendation=(
            f"通过实时接口（直接对接，或经市数据共享交换平台）将{platform}与省级政务服务平台"
            "实时对接，使在省级平台办理的事项数据即时到达本市。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The finding's words in each language, from its evidence alone (with its chain)."""


NO_CHAIN = "no chain of active flows from a provincial gov_service platform"


def complete(evidence: dict[str, Any], parameters: Parameters) -> dict[str, Any]:
    """The chain, or a note that there is none (:func:`with_chain_or_note`)."""
    return with_chain_or_note(evidence, NO_CHAIN)


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个类型为政务服务平台、层级为市级的平台，若没有任何实时链路从省级政务服务平台"
            "（类型为政务服务平台、层级为省级）到达该平台，即判定。实时链路是指由在用数据流（状态"
            "为在用；为空视为在用）组成、每一条的交换频率均为实时的有向链路，可经过任何系统和平台。"
        ),
        evidence=(
            "平台及其主管部门和部署网络，省级政务服务平台，从其中之一出发的最佳在用数据流链路"
            "（不限频率；最短，其次非实时环节最少）及其各环节，并标出最薄弱环节（第一个非实时"
            "环节），或注明不存在该链路；以及流入该平台的每条数据流。"
        ),
        recommendation=(
            "审计发现，市政务服务平台不能从省级政务服务平台实时获取省级及垂直管理系统的数据，"
            "影响了政务服务“一网通办”。应完善市区两级共享交换平台功能，加强与省级平台之间的"
            "互联互通，建设从省级政务服务平台到市级平台的实时对接。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised for each platform of kind gov_service and level municipal that no realtime "
            "chain reaches from a platform of kind gov_service and level provincial. A realtime "
            "chain is a directed chain of active flows (status active; empty counts as active), "
            "every one of them with frequency realtime, through any systems and platforms."
        ),
        evidence=(
            "The platform, its owner and networks, the provincial government-service platforms, "
            "the best chain of active flows of any frequency from one of them (shortest, then "
            "fewest non-realtime hops) with its hops and the weakest (first non-realtime) hop "
            "marked, or a note that there is none, and every flow into the platform."
        ),
        recommendation=(
            "The audit found the city's platform unable to get provincial and vertical systems' "
            "data in real time, which hurts one-stop online service (一网通办). Build a "
            "city/district sharing and exchange platform connected to the province and a "
            "realtime link from the provincial government-service platform to the city's."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="provincial.city_platform_unlinked",
    area=3,
    severity=Severity.high,
    title=Text(
        "市政务服务平台未与省平台实时对接",
        "City service platform not linked in real time to the provincial platform",
    ),
    parameters=(),
    help=HELP,
    check=check,
    wording=WORDING,
    complete=complete,
)
