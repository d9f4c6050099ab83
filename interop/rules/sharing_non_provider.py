"""sharing.non_provider: a department that takes data across its boundary and gives none."""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._finding import named_ref, zh_list
from interop.rules._views import (
    crossing_flows,
    flow_ref,
    is_live,
    neighbours,
    nodes_of,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    out: list[Finding] = []
    for dept, data in nodes_of(graph, "Department"):
        systems = [
            n for n in neighbours(graph, dept, "OWNS") if graph.nodes[n]["label"] == "System"
        ]
        live = [s for s in systems if is_live(graph.nodes[s])]
        if not live:
            continue
        received = []
        sent = False
        for system in systems:
            for flow in crossing_flows(graph, system):
                if flow.source == system:
                    sent = True
                    break
                received.append(flow)
            if sent:
                break
        if sent or not received:
            continue
        evidence = {
            "department": ref(graph, dept),
            "systems": [
                {**ref(graph, s), "status": graph.nodes[s].get("status", "in_use")} for s in systems
            ],
            "received": [flow_ref(graph, f) for f in received],
            "sent": [],
        }
        out.append(RULE.make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    dept = named_ref(evidence["department"])
    received = evidence["received"]
    sources = sorted({named_ref(f["source"]) for f in received})
    return Wording(
        title=f"Receives shared data but provides none: {dept}",
        detail=(
            f"{dept} receives {len(received)} active data flow(s) from platforms or other "
            f"departments' systems ({', '.join(sources)}) into its systems, but none of its "
            f"{len(evidence['systems'])} system(s) sends any data to a platform or to another "
            "department's system."
        ),
        recommendation=(
            f"Have {dept} list the data its systems hold that other departments need, assign "
            "who collects and updates it, and publish it through the city's data sharing and "
            "exchange platform; record a reason for any data it declines to share."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    dept = named_ref(evidence["department"], lang="zh")
    received = evidence["received"]
    sources = sorted({named_ref(f["source"], lang="zh") for f in received})
    return Wording(
        title=f"只接收共享数据、不提供数据：{dept}",
        detail=(
            f"{dept}的系统从平台或其他部门的系统（{zh_list(sources)}）接收{len(received)}条"
            f"在用数据流，但其名下系统（共{len(evidence['systems'])}个）均未向平台或其他部门的"
            "系统提供任何数据。"
        ),
        recommendation=(
            f"请{dept}梳理其系统中为其他部门所需的数据，明确数据采集与更新职责，通过市数据共享"
            "交换平台主动提供；对不予共享的数据，应书面说明理由。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The finding's words in each language, from its evidence alone."""


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个部门，同时满足以下条件即判定：（1）拥有至少一个在用系统（状态为在用；为空视为"
            "在用）；（2）其系统至少接收一条跨部门数据流，即来自平台或其他部门系统的在用数据流；"
            "（3）其任何系统均未向外发出跨部门数据流，即没有流向平台或其他部门系统的在用数据流。"
            "其所有系统的数据流均计入，不论系统状态；计划中或已中断的数据流、自身回环以及本部门"
            "系统之间的数据流不计入。"
        ),
        evidence=(
            "部门（编码和名称）、其每个系统及状态、其接收的每条跨部门数据流（两端、数据资源、"
            "交换方式、频率）。关于部门的问题不列资金（见问题格式约定中的资金规则）。"
        ),
        recommendation=(
            "审计发现，很多部门出于权力本位的考虑，不愿主动提供数据，部分基础信息没有实现真正"
            "共享。应建立健全政务数据采集与更新机制，明确各部门数据采集与更新职责，由该部门通过"
            "市数据共享交换平台主动提供所掌握的数据，拒不共享的由跨部门统筹协调机制协调解决。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised for each department that (1) owns at least one live system (status in_use; "
            "empty counts as in_use), (2) receives at least one crossing flow into one of its "
            "systems, i.e. an active flow from a platform or from a system owned by another "
            "department, and (3) sends no crossing flow out of any of its systems, i.e. no "
            "active flow to a platform or to another department's system. Flows of every one "
            "of its systems count, whatever the system's status; planned or broken flows, "
            "self-loops and flows between its own systems do not."
        ),
        evidence=(
            "The department (id and name), each of its systems with its status, every crossing "
            "flow it receives (both ends, dataset, mechanism, frequency). No money: a finding "
            "about a department carries none (findings-format.md, Money)."
        ),
        recommendation=(
            "The audit found departments that, to protect their turf, take data but will not "
            "provide it, so basic data is not truly shared. Set clear duties for collecting "
            "and updating government data, have the department publish what it holds through "
            "the city's sharing and exchange platform, and let the cross-department "
            "coordination mechanism settle refusals."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="sharing.non_provider",
    area=1,
    severity=Severity.high,
    title=Text("只接收、不提供数据的部门", "Department receives data but provides none"),
    parameters=(),
    help=HELP,
    check=check,
    wording=WORDING,
)
