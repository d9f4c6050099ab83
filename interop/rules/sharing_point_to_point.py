"""sharing.point_to_point: two departments' systems exchanging data directly, not through
the sharing platform.

国发〔2016〕51号 (政务信息资源共享管理暂行办法): departments share data through the unified
sharing and exchange platform in principle; a direct interface between two departments'
systems is the point-to-point sharing it replaces.
"""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._checks import MUNICIPAL_LEVELS, check_finding
from interop.rules._finding import named_ref, zh_list, zh_money
from interop.rules._views import active_flows, is_live, key_of, money_words, owner_ref, ref
from interop.rules.base import AuditContext, Check, Rule, RuleHelp, Wording

CHECKS = (Check("direct_flow"),)


def _municipal_live_system(data: Any) -> bool:
    return (
        data.get("label") == "System"
        and is_live(data)
        and data.get("level", "municipal") in MUNICIPAL_LEVELS
    )


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    nodes = graph.nodes
    exchanges = {
        n
        for n, d in nodes(data=True)
        if d.get("label") == "Platform" and d.get("kind") == "data_exchange"
    }
    direct: dict[tuple[str, str], list[dict[str, Any]]] = {}
    sends_to: dict[str, set[str]] = {}  # endpoint -> exchange platforms it has a flow into
    hears_from: dict[str, set[str]] = {}  # endpoint -> exchange platforms that send to it
    for flow in active_flows(graph):
        source, target = nodes[flow.source], nodes[flow.target]
        if flow.target in exchanges:
            sends_to.setdefault(flow.source, set()).add(flow.target)
        if flow.source in exchanges:
            hears_from.setdefault(flow.target, set()).add(flow.source)
        if (
            _municipal_live_system(source)
            and _municipal_live_system(target)
            and source.get("owner_id") != target.get("owner_id")
        ):
            item = {name: flow.data.get(name) for name in ("dataset", "mechanism", "frequency")}
            direct.setdefault((flow.source, flow.target), []).append(item)
    out: list[Finding] = []
    for (s, t), items in sorted(
        direct.items(), key=lambda p: (key_of(graph, p[0][0]), key_of(graph, p[0][1]))
    ):
        if not sends_to.get(s, set()).isdisjoint(hears_from.get(t, ())):
            continue  # it also goes through a sharing platform
        flows = sorted(items, key=_flow_order)
        evidence = {
            "source": ref(graph, s),
            "source_owner": owner_ref(graph, s),
            "target": ref(graph, t),
            "target_owner": owner_ref(graph, t),
        }
        failed = [{"check": "direct_flow", "flows": flows}]
        finding = check_finding(
            RULE, ctx, [key_of(graph, s), key_of(graph, t)], evidence, failed, [s, t]
        )
        if finding is not None:
            out.append(finding)
    return out


def _flow_order(flow: dict[str, Any]) -> tuple[str, str, str]:
    return tuple(flow[name] or "" for name in ("dataset", "mechanism", "frequency"))  # type: ignore[return-value]


def _datasets(evidence: dict[str, Any]) -> list[str]:
    flows = evidence["checks"][0]["flows"]
    return list(dict.fromkeys(f["dataset"] for f in flows if f["dataset"]))


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    source, target = named_ref(evidence["source"]), named_ref(evidence["target"])
    giver, taker = named_ref(evidence["source_owner"]), named_ref(evidence["target_owner"])
    datasets = _datasets(evidence)
    what = f" ({', '.join(datasets)})" if datasets else ""
    return Wording(
        title=f"Point-to-point sharing: {source} → {target}",
        detail=(
            f"{source} of {giver} sends data{what} directly to {target} of {taker}, not "
            f"through a data sharing and exchange platform. Systems: "
            f"{money_words(evidence['money'])}."
        ),
        recommendation=(
            f"Have {giver} publish the data in the city's resource catalogue and serve it to "
            f"{taker} through the sharing and exchange platform, then retire the direct interface."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    source = named_ref(evidence["source"], lang="zh")
    target = named_ref(evidence["target"], lang="zh")
    giver = named_ref(evidence["source_owner"], lang="zh")
    taker = named_ref(evidence["target_owner"], lang="zh")
    datasets = _datasets(evidence)
    what = f"（{zh_list(datasets)}）" if datasets else ""
    return Wording(
        title=f"点对点共享：{source} → {target}",
        detail=(
            f"{giver}的{source}直接向{taker}的{target}提供数据{what}，未经共享交换平台。"
            f"涉及系统资金：{zh_money(evidence['money'])}。"
        ),
        recommendation=(
            f"请{giver}将相关数据纳入政务信息资源目录，通过共享交换平台向{taker}提供，"
            "逐步停用点对点接口。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每一对有序的在用市级或区级系统 (S, T)：两者主管部门不同、存在至少一条 S → T 的"
            "在用数据流，且不存在类型为共享交换平台（任意层级）的平台 P 同时有 S → P 和 P → T "
            "的在用数据流（数据资源不限）时，判定未通过 direct_flow 检查。每对一项问题，对象依次"
            "为 S、T。依据：国发〔2016〕51号（原则上通过统一的共享平台共享）。"
        ),
        evidence="数据提供方和接收方系统及其主管部门；未通过的检查及直接数据流（数据资源、交换方式、频率）；两个系统的建设投资和年运维费用（万元）。",
        recommendation=(
            "审计发现部分部门不愿提供数据、数据按需逐个对接。应将共享数据纳入目录，通过共享"
            "交换平台提供，逐步停用部门间的点对点接口。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised (check direct_flow) for each ordered pair (S, T) of live municipal or "
            "district systems with different owners and at least one active flow S → T, "
            "unless some platform P of kind data_exchange (any level) has active flows S → P "
            "and P → T (any datasets). One finding per pair; subjects S, then T. Source: "
            "国发〔2016〕51号 (sharing through the unified platform in principle)."
        ),
        evidence=(
            "The source and target systems and their owners; the failed check with the direct "
            "flows (dataset, mechanism, frequency); both systems' build and annual O&M cost "
            "(万元)."
        ),
        recommendation=(
            "The audit found departments unwilling to share and data exchanged case by case. "
            "Catalogue shared data and serve it through the sharing and exchange platform, "
            "retiring direct interfaces between departments."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="sharing.point_to_point",
    area=3,
    severity=Severity.low,
    title=Text("部门间点对点共享", "Point-to-point sharing between departments"),
    parameters=(),
    help=HELP,
    check=check,
    wording=WORDING,
    checks=CHECKS,
)
