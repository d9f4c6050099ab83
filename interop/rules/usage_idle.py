"""usage.idle: a system declared idle, or in use but not used for months or by anyone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from interop.findings.model import Finding, Severity
from interop.parameters import Parameters
from interop.rules._finding import finding, named_ref
from interop.rules._views import (
    LIVE_STATUS,
    money,
    money_words,
    nodes_of,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp


def idle_reasons(data: Mapping[str, Any], as_of: date, idle_days: int) -> list[str]:
    """Why a system is idle in the rule's sense, in plain words (empty: it is not)."""
    status = data.get("status", LIVE_STATUS)
    if status == "idle":
        return ["its status is idle"]
    if status != LIVE_STATUS:
        return []
    reasons = []
    last_used = data.get("last_used")
    if last_used is not None and (as_of - last_used).days > idle_days:
        reasons.append(
            f"last used on {last_used.isoformat()}, {(as_of - last_used).days} days before "
            f"{as_of.isoformat()} (more than {idle_days})"
        )
    if data.get("monthly_active_users") == 0:
        reasons.append("it has no monthly active users")
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
        out.append(make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def make_finding(
    subjects: Sequence[str],
    evidence: dict[str, Any],
    parameters: Parameters,
    severity: Severity | None = None,
) -> Finding:
    """The finding about one idle system, worded from its evidence alone.

    Both engines call it: :func:`check` with the evidence it read from the graph, the Neo4j
    engine with the columns of the Cypher twin (``cypher/rules/usage.idle.cypher``), which
    carry no ``reasons``: they are then worded here by :func:`idle_reasons` and added after
    ``status``, where :func:`check` puts them.
    """
    if "reasons" not in evidence:
        last_used = evidence.get("last_used")
        data = {
            "status": evidence.get("status", LIVE_STATUS),
            "last_used": date.fromisoformat(last_used) if last_used else None,
            "monthly_active_users": evidence.get("monthly_active_users"),
        }
        reasons = idle_reasons(data, parameters.as_of, parameters.idle_days)
        items = list(evidence.items())
        at = next((i + 1 for i, (k, _) in enumerate(items) if k == "status"), len(items))
        evidence = dict([*items[:at], ("reasons", reasons), *items[at:]])
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    return finding(
        RULE,
        subjects,
        severity=severity,
        title=f"Idle system: {system}",
        detail=(
            f"{system}, owned by {owner}, is idle: {'; '.join(evidence['reasons'])}. Cost: "
            f"{money_words(evidence['money'])}."
        ),
        evidence=evidence,
        recommendation=(
            f"Establish with {owner} whether {system} is still needed; if not, retire it and "
            "stop its O&M payments, and redeploy its equipment; if so, find out why it goes "
            "unused."
        ),
    )


RULE = Rule(
    id="usage.idle",
    area=4,
    severity=Severity.medium,
    title="Idle system",
    parameters=("as_of", "idle_days"),
    help=RuleHelp(
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
    check=check,
)
