"""usage.low_utilization: a live system most of whose modules are not used."""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._finding import named_ref, zh_money
from interop.rules._views import (
    live_system_list,
    money,
    money_words,
    owner_ref,
    ref,
    utilization,
)
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    threshold = ctx.parameters.low_utilization
    out: list[Finding] = []
    for node, data in ctx.shared(live_system_list):
        used = utilization(data)
        if used is None or not used < threshold:
            continue
        evidence = {
            "system": ref(graph, node),
            "owner": owner_ref(graph, node),
            "modules_used": data["modules_used"],
            "modules_total": data["modules_total"],
            "utilization": round(used, 4),
            "threshold": threshold,
            "money": money(graph, [node]),
        }
        out.append(RULE.make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    used_modules, total = evidence["modules_used"], evidence["modules_total"]
    used = used_modules / total
    return Wording(
        title=f"Low utilization: {system} uses {used_modules} of {total} modules",
        detail=(
            f"{system}, owned by {owner}, is in use but only {used_modules} of its {total} "
            f"modules are used ({used:.0%}, below {evidence['threshold']:.0%}). Cost: "
            f"{money_words(evidence['money'])}."
        ),
        recommendation=(
            f"Review with {owner} which modules of {system} are needed; switch off or stop "
            "paying O&M for the unused ones, and build no new modules before the existing ones "
            "are used."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system = named_ref(evidence["system"], lang="zh")
    owner = named_ref(evidence["owner"], lang="zh")
    used_modules, total = evidence["modules_used"], evidence["modules_total"]
    used = used_modules / total
    return Wording(
        title=f"功能模块使用率低：{system}的{total}个模块仅使用{used_modules}个",
        detail=(
            f"{owner}的{system}在用，但{total}个功能模块中仅使用{used_modules}个"
            f"（使用率{used:.0%}，低于{evidence['threshold']:.0%}），建成后运行效果不佳。"
            f"涉及资金：{zh_money(evidence['money'])}。"
        ),
        recommendation=(
            f"请{owner}逐项评估{system}各功能模块的实际需要，对未使用的模块予以关停或停止支付"
            "运维费用；现有模块未充分使用前，不再新建模块。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The finding's words in each language, from its evidence alone."""


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个在用系统（状态为在用；为空视为在用），若其功能模块使用率，即在用模块数/功能"
            "模块数，低于 low_utilization（默认0.3；等于阈值的不算低），即判定。仅当两项数量均已"
            "填报且功能模块数不少于1时才计算使用率，否则不作判定。"
        ),
        evidence=(
            "系统及其主管部门（编码和名称）、在用模块数和功能模块数、使用率和阈值，以及系统的"
            "建设投资和年运维费用（万元）。"
        ),
        recommendation=(
            "审计发现，信息系统“重建设，轻应用”，部分已建成系统使用效率较低。应在安排升级或"
            "运维资金前评估系统的实际使用情况，关停未使用的模块，并将使用情况纳入项目验收和绩效"
            "评估。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised for each live system (status in_use; empty counts as in_use) whose "
            "utilization, modules_used / modules_total, is below low_utilization (default "
            "0.3; a utilization equal to it is not low). Utilization is defined only when both "
            "counts are known and modules_total is at least 1; otherwise the system is not "
            "judged."
        ),
        evidence=(
            "The system and its owner (id and name), modules used and total, the utilization "
            "and the threshold, and its build and annual O&M cost (万元)."
        ),
        recommendation=(
            "The audit found low usage of systems built at great cost (build-heavy, "
            "use-light). Evaluate each system's use before funding upgrades or O&M, switch off "
            "unused modules, and require a usage review in the project's acceptance and "
            "performance evaluation."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="usage.low_utilization",
    area=4,
    severity=Severity.medium,
    title=Text("功能模块使用率低", "Low module utilization"),
    parameters=("low_utilization",),
    help=HELP,
    check=check,
    wording=WORDING,
)
