"""usage.low_utilization: a live system most of whose modules are not used."""

from __future__ import annotations

from interop.findings.model import Finding, Severity
from interop.rules._finding import finding
from interop.rules._views import (
    live_systems,
    money,
    money_words,
    named,
    owner_named,
    owner_ref,
    ref,
    utilization,
)
from interop.rules.base import AuditContext, Rule, RuleHelp


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    threshold = ctx.parameters.low_utilization
    out: list[Finding] = []
    for node, data in live_systems(graph):
        used = utilization(data)
        if used is None or not used < threshold:
            continue
        cost = money(graph, [node])
        out.append(
            finding(
                RULE,
                [str(data["id"])],
                title=f"Low utilization: {named(graph, node)} uses "
                f"{data['modules_used']} of {data['modules_total']} modules",
                detail=(
                    f"{named(graph, node)}, owned by {owner_named(graph, node)}, is in use but "
                    f"only {data['modules_used']} of its {data['modules_total']} modules are "
                    f"used ({used:.0%}, below {threshold:.0%}). Cost: {money_words(cost)}."
                ),
                evidence={
                    "system": ref(graph, node),
                    "owner": owner_ref(graph, node),
                    "modules_used": data["modules_used"],
                    "modules_total": data["modules_total"],
                    "utilization": round(used, 4),
                    "threshold": threshold,
                    "money": cost,
                },
                recommendation=(
                    f"Review with {owner_named(graph, node)} which modules of "
                    f"{named(graph, node)} are needed; switch off or stop paying O&M for the "
                    "unused ones, and build no new modules before the existing ones are used."
                ),
            )
        )
    return out


RULE = Rule(
    id="usage.low_utilization",
    area=4,
    severity=Severity.medium,
    title="Low module utilization",
    parameters=("low_utilization",),
    help=RuleHelp(
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
    check=check,
)
