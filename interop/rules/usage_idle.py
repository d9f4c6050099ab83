"""usage.idle: a system declared idle, or in use but not used for months or by anyone."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Bilingual, Lang, Text
from interop.parameters import Parameters
from interop.rules._finding import named_ref, zh_money
from interop.rules._views import (
    LIVE_STATUS,
    money,
    money_words,
    nodes_of,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording


def idle_reasons(
    data: Mapping[str, Any], as_of: date, idle_days: int, lang: Lang = "en"
) -> list[str]:
    """Why a system is idle in the rule's sense, in plain words (empty: it is not).

    English words go into the evidence (``reasons``); Chinese ones into a Chinese detail.
    """
    zh = lang == "zh"
    status = data.get("status", LIVE_STATUS)
    if status == "idle":
        return ["系统状态为闲置" if zh else "its status is idle"]
    if status != LIVE_STATUS:
        return []
    reasons = []
    last_used = data.get("last_used")
    if last_used is not None and (as_of - last_used).days > idle_days:
        days = (as_of - last_used).days
        reasons.append(
            f"最近一次使用为{last_used.isoformat()}，距审计基准日{as_of.isoformat()}已{days}天"
            f"（超过{idle_days}天）"
            if zh
            else f"last used on {last_used.isoformat()}, {days} days before "
            f"{as_of.isoformat()} (more than {idle_days})"
        )
    if data.get("monthly_active_users") == 0:
        reasons.append("月活跃用户数为0" if zh else "it has no monthly active users")
    return reasons


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    as_of, idle_days = ctx.parameters.as_of, ctx.parameters.idle_days
    out: list[Finding] = []
    for node, data in nodes_of(graph, "System"):
        reasons = idle_reasons(data, as_of, idle_days)
        if not reasons:
            continue
        last_used = data.get("last_used")
        evidence = {
            "system": ref(graph, node),
            "owner": owner_ref(graph, node),
            "status": data.get("status", LIVE_STATUS),
            "reasons": reasons,
            "as_of": as_of.isoformat(),
            "last_used": last_used.isoformat() if last_used else None,
            "days_since_last_used": (as_of - last_used).days if last_used else None,
            "monthly_active_users": data.get("monthly_active_users"),
            "money": money(graph, [node]),
        }
        out.append(RULE.make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def _en(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    return Wording(
        title=f"Idle system: {system}",
        detail=(
            f"{system}, owned by {owner}, is idle: {'; '.join(evidence['reasons'])}. Cost: "
            f"{money_words(evidence['money'])}."
        ),
        recommendation=(
            f"Establish with {owner} whether {system} is still needed; if not, retire it and "
            "stop its O&M payments, and redeploy its equipment; if so, find out why it goes "
            "unused."
        ),
    )


def _zh(evidence: dict[str, Any], parameters: Parameters) -> Wording:
    system = named_ref(evidence["system"], lang="zh")
    owner = named_ref(evidence["owner"], lang="zh")
    reasons = idle_reasons(_data_of(evidence), parameters.as_of, parameters.idle_days, "zh")
    return Wording(
        title=f"闲置系统：{system}",
        detail=(
            f"{owner}的{system}处于闲置状态：{'；'.join(reasons)}。"
            f"涉及资金：{zh_money(evidence['money'])}。"
        ),
        recommendation=(
            f"请{owner}确认{system}是否仍有保留必要：不再需要的，应予停用，停止支付运维费用，"
            "相关设备调剂使用；仍需保留的，应查明长期闲置、无人使用的原因。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The finding's words in each language, from its evidence (and the idle threshold)."""


def complete(evidence: dict[str, Any], parameters: Parameters) -> dict[str, Any]:
    """The Cypher twin's columns carry no ``reasons``: they are then worded here by
    :func:`idle_reasons` and added after ``status``, where :func:`check` puts them."""
    if "reasons" in evidence:
        return evidence
    reasons = idle_reasons(_data_of(evidence), parameters.as_of, parameters.idle_days)
    items = list(evidence.items())
    at = next((i + 1 for i, (k, _) in enumerate(items) if k == "status"), len(items))
    return dict([*items[:at], ("reasons", reasons), *items[at:]])


def _data_of(evidence: Mapping[str, Any]) -> dict[str, Any]:
    """What :func:`idle_reasons` reads, from a finding's evidence."""
    last_used = evidence.get("last_used")
    return {
        "status": evidence.get("status", LIVE_STATUS),
        "last_used": date.fromisoformat(last_used) if last_used else None,
        "monthly_active_users": evidence.get("monthly_active_users"),
    }


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "对状态为闲置的系统，以及最近使用日期（last_used）早于审计基准日超过 idle_days 天"
            "（默认180天，即审计基准日与最近使用日期相差的天数大于 idle_days）或月活跃用户数为0"
            "的在用系统（状态为在用；为空视为在用），即判定。最近使用日期或月活跃用户数未填报的，"
            "不视为闲置。"
        ),
        evidence=(
            "系统及其主管部门（编码和名称）、系统状态、判定闲置的原因、审计基准日、最近使用日期"
            "及距今天数、月活跃用户数，以及系统的建设投资和年运维费用（万元）。"
        ),
        recommendation=(
            "审计发现，个别单位存在信息系统建成后长期闲置和信息化设备购置后长期闲置的情况，"
            "仍在持续支出费用。应停用无人使用的系统并终止运维合同，调剂使用闲置设备，并将实际"
            "使用情况纳入各部门信息化全生命周期的绩效评估。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Raised for each system whose status is idle, and for each live system (status "
            "in_use; empty counts as in_use) whose last_used date is more than idle_days "
            "(default 180) days before the as-of date, i.e. (as-of − last_used) in days > "
            "idle_days, or whose monthly_active_users is 0. An unknown last_used or "
            "monthly_active_users is never taken as idle."
        ),
        evidence=(
            "The system and its owner (id and name), its status, the reasons it is idle, the "
            "as-of date, last_used and the days since, monthly_active_users, and its build "
            "and annual O&M cost (万元)."
        ),
        recommendation=(
            "The audit found systems and equipment left idle for long periods while still "
            "costing money. Retire systems nobody uses and stop their O&M contracts, redeploy "
            "their equipment, and include actual use in the performance evaluation of every "
            "department's IT over the whole life cycle."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="usage.idle",
    area=4,
    severity=Severity.medium,
    title=Text("闲置系统", "Idle system"),
    parameters=("as_of", "idle_days"),
    help=HELP,
    check=check,
    wording=WORDING,
    complete=complete,
)
