"""network.noncompliant_deployment: a city system deployed only on private networks."""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._finding import named_ref, zh_enum, zh_list
from interop.rules._views import (
    Deployments,
    live_system_list,
    money,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording
from interop.schema.enums import NetworkKind, SystemLevel

CITY_LEVELS = frozenset({"municipal", "district"})
COMPLIANT_KINDS = frozenset({"extranet", "intranet", "internet"})


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    deployments = ctx.shared(Deployments)
    out: list[Finding] = []
    for node, data in ctx.shared(live_system_list):
        if data.get("level") not in CITY_LEVELS:
            continue
        networks = deployments.of(node)
        if not networks or any(n["kind"] in COMPLIANT_KINDS for n in networks):
            continue
        evidence = {
            "system": ref(graph, node),
            "level": data.get("level"),
            "owner": owner_ref(graph, node),
            "networks": networks,
            "money": money(graph, [node]),
        }
        out.append(RULE.make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system = named_ref(evidence["system"])
    on = ", ".join(f"{n['name']} ({n['id']}, {n['kind']})" for n in evidence["networks"])
    return Wording(
        title=f"Deployed only on private networks: {system}",
        detail=(
            f"{system}, a {evidence['level']} system owned by {named_ref(evidence['owner'])}, "
            f"is deployed on {on}, and on none of the e-government extranet, the e-government "
            "intranet or the internet."
        ),
        recommendation=(
            f"Plan the migration of {system} to the e-government extranet (or the intranet for "
            "classified work), and retire the private network once nothing else depends on it."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system = named_ref(evidence["system"], lang="zh")
    on = zh_list(
        f"{n['name']} ({n['id']}，{zh_enum(NetworkKind, n['kind'])})" for n in evidence["networks"]
    )
    level = zh_enum(SystemLevel, evidence["level"])
    return Wording(
        title=f"仅部署在专网上：{system}",
        detail=(
            f"{system}为{named_ref(evidence['owner'], lang='zh')}的{level}系统，仅部署在{on}上，"
            "未部署在电子政务外网、电子政务内网或互联网上，与国家“外网、内网”两张网的建设要求"
            "不符。"
        ),
        recommendation=(
            f"制定{system}向电子政务外网（涉密业务为电子政务内网）迁移的计划，"
            "待无其他系统依赖后撤销该专网。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The finding's words in each language, from its evidence alone."""


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个市级或区级（层级为空视为市级）的在用系统（状态为在用；为空视为在用），若其部署"
            "网络（network_ids）至少登记一个网络，且其中没有电子政务外网、电子政务内网或互联网，"
            "即判定。未登记部署网络的系统，以及省级、国家垂直管理系统，不作判定。"
        ),
        evidence=(
            "系统、其层级和主管部门（编码和名称）、其部署的每个网络及类型，以及系统的建设投资和"
            "年运维费用（万元）。"
        ),
        recommendation=(
            "国家要求政务应用部署在电子政务外网和电子政务内网“两张网”上；审计发现大量应用系统"
            "部署在电子政务专网和部门自建的业务专网上。应将这些系统迁移至电子政务外网（涉密业务"
            "迁移至电子政务内网），不再审批仅部署在专网上的新建系统。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised for each live system (status in_use; empty counts as in_use) of level "
            "municipal or district (empty counts as municipal) that names at least one network "
            "in network_ids, none of which is of kind extranet, intranet or internet. Systems "
            "that name no network, and provincial or national vertical systems, are not judged."
        ),
        evidence=(
            "The system, its level and its owning department (id and name), every network it "
            "is deployed on with its kind, and its build and annual O&M cost (万元)."
        ),
        recommendation=(
            "The state requires government applications on the two e-government networks (the "
            "extranet 外网 and the intranet 内网); the audit found many on the e-government "
            "dedicated network (专网) and departments' own private networks instead. Migrate "
            "these systems to the extranet (or the intranet where classified), and stop "
            "approving new systems that name only private networks."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="network.noncompliant_deployment",
    area=3,
    severity=Severity.medium,
    title=Text("仅部署在专网上的系统", "System deployed on private networks only"),
    parameters=(),
    help=HELP,
    check=check,
    wording=WORDING,
)
