"""usage.zombie_candidate: a system in use that meets a criterion of a 僵尸信息系统.

国办发〔2017〕39号 (整合共享工作方案) asks departments to clear out zombie systems: systems
replaced by another, no longer maintained, or used by almost no one. A candidate is a live
municipal system that ``usage.idle`` does not already raise.
"""

from __future__ import annotations

from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Text
from interop.parameters import Parameters
from interop.rules._checks import (
    check_finding,
    days_before,
    iso,
    live_municipal_system_list,
    system_evidence,
)
from interop.rules._finding import named_ref, zh_list, zh_money
from interop.rules._views import is_live, key_of, money_words, neighbours
from interop.rules.base import AuditContext, Check, Rule, RuleHelp, Wording
from interop.rules.usage_idle import idle_reasons

CHECKS = (
    Check("replaced"),
    Check("unmaintained", (("systems", "last_update"),)),
    Check("narrow_and_rare"),
)


def check(ctx: AuditContext) -> list[Finding]:
    graph, parameters = ctx.graph, ctx.parameters
    as_of = parameters.as_of
    out: list[Finding] = []
    for node, data in ctx.shared(live_municipal_system_list):
        if idle_reasons(data, as_of, parameters.idle_days):
            continue  # usage.idle raises it
        failed: list[dict[str, Any]] = []
        replacers = sorted(
            key_of(graph, n)
            for n in neighbours(graph, node, "REPLACES", incoming=True)
            if is_live(graph.nodes[n])
        )
        if replacers:
            failed.append({"check": "replaced", "replaced_by": replacers})
        updated = data.get("last_update")
        since = days_before(as_of, updated)
        if data.get("annual_om_cost") == 0 and (
            since is None or since > parameters.zombie_update_days
        ):
            failed.append(
                {
                    "check": "unmaintained",
                    "annual_om_cost": 0,
                    "last_update": iso(updated),
                    "days_since_update": since,
                }
            )
        departments = sorted({str(data["owner_id"]), *map(str, data.get("user_ids", ()))})
        users = data.get("monthly_active_users")
        if len(departments) == 1 and users is not None and 1 <= users < parameters.zombie_min_users:
            failed.append(
                {
                    "check": "narrow_and_rare",
                    "departments": departments,
                    "monthly_active_users": users,
                }
            )
        if not failed:
            continue  # passed every check: no evidence to gather
        evidence = system_evidence(graph, node)
        finding = check_finding(RULE, ctx, [str(data["id"])], evidence, failed, [node])
        if finding is not None:
            out.append(finding)
    return out


def _en_check(check: dict[str, Any], parameters: Parameters) -> str:
    name = check["check"]
    if name == "replaced":
        return f"it was replaced by {', '.join(check['replaced_by'])}, which is in use"
    if name == "unmaintained":
        updated = check["last_update"]
        when = f"last updated on {updated}" if updated else "never updated"
        return f"it has no O&M budget and was {when}"
    return (
        f"only its own department uses it, with {check['monthly_active_users']} monthly "
        f"active users (fewer than {parameters.zombie_min_users})"
    )


def _zh_check(check: dict[str, Any], parameters: Parameters) -> str:
    name = check["check"]
    if name == "replaced":
        return f"已被在用系统{zh_list(check['replaced_by'])}替代"
    if name == "unmaintained":
        updated = check["last_update"]
        when = f"最近一次更新为{updated}" if updated else "从未更新"
        return f"年运维费用为0且{when}"
    return (
        f"仅本部门使用，月活跃用户{check['monthly_active_users']}人"
        f"（少于{parameters.zombie_min_users}人）"
    )


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    why = "; ".join(_en_check(c, parameters) for c in evidence["checks"])
    return Wording(
        title=f"Zombie system candidate: {system}",
        detail=f"{system}, owned by {owner}, is in use but {why}. Cost: "
        f"{money_words(evidence['money'])}.",
        recommendation=(
            f"Have {owner} confirm whether {system} is still needed; retire it and move its "
            "data to the system that replaced it, or integrate it into a shared platform, as "
            "国办发〔2017〕39号 asks of zombie systems."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system = named_ref(evidence["system"], lang="zh")
    owner = named_ref(evidence["owner"], lang="zh")
    why = "；".join(_zh_check(c, parameters) for c in evidence["checks"])
    return Wording(
        title=f"疑似僵尸信息系统：{system}",
        detail=f"{owner}的{system}在用，但{why}。涉及资金：{zh_money(evidence['money'])}。",
        recommendation=(
            f"请{owner}按照国办发〔2017〕39号关于清理僵尸信息系统的要求，确认{system}是否仍有"
            "保留必要：不再需要的应予停用，数据迁移至替代系统或整合至共享平台。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对每个未被 usage.idle 判定（参数相同）的在用市级或区级系统：replaced——有在用系统"
            "在替代系统（replaces_id）中填报了该系统；unmaintained——年运维费用为0（已填报，"
            "非空）且最近更新日期为空或早于审计基准日超过 zombie_update_days 天（默认730天）；"
            "narrow_and_rare——主管部门与使用部门合计只有一个部门，且月活跃用户数为1至 "
            "zombie_min_users − 1（默认10）。依据：国办发〔2017〕39号关于僵尸信息系统的认定。"
        ),
        evidence=(
            "系统及其主管部门和层级；每项未通过的检查及其取值（替代它的在用系统；运维费用和最近"
            "更新日期；使用部门和月活跃用户数）；系统的建设投资和年运维费用（万元）。"
        ),
        recommendation=(
            "审计发现部分系统闲置、使用率低或重复建设。已被替代、不再维护或几乎无人使用的系统"
            "应在数据迁移至替代系统或共享平台后予以清理停用。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "For each live municipal or district system that usage.idle does not raise (same "
            "parameters). replaced: a live system names it in replaces_id. unmaintained: "
            "annual_om_cost is 0 (known, not empty) and last_update is empty or more than "
            "zombie_update_days (default 730) before the as-of date. narrow_and_rare: its "
            "owner and its user_ids together name exactly one department, and "
            "monthly_active_users is from 1 to zombie_min_users − 1 (default 10). Source: "
            "国办发〔2017〕39号 (the criteria for 僵尸信息系统)."
        ),
        evidence=(
            "The system, its owner and level; each failed check with its values (the live "
            "systems that replaced it; O&M and last update; the departments and monthly "
            "active users); the system's build and annual O&M cost (万元)."
        ),
        recommendation=(
            "The audit found idle, underused and rebuilt systems. Retire systems that were "
            "replaced, are no longer maintained or serve almost no one, after moving their data "
            "to the systems that replaced them or to shared platforms."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="usage.zombie_candidate",
    area=4,
    severity=Severity.medium,
    title=Text("疑似僵尸信息系统", "Zombie system candidate"),
    parameters=("as_of", "idle_days", "zombie_update_days", "zombie_min_users"),
    help=HELP,
    check=check,
    wording=WORDING,
    checks=CHECKS,
)
