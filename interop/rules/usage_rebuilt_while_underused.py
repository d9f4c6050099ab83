"""usage.rebuilt_while_underused: a system replaced soon after going live, while barely used."""

from __future__ import annotations

from interop.findings.model import Finding, Severity
from interop.rules._finding import finding
from interop.rules._views import (
    key_of,
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
    within = ctx.parameters.rebuilt_within_days
    threshold = ctx.parameters.rebuilt_utilization
    out: list[Finding] = []
    for new, old, kind in graph.edges(data="type"):
        if kind != "REPLACES":
            continue
        new_data, old_data = graph.nodes[new], graph.nodes[old]
        new_live, old_live = new_data.get("go_live"), old_data.get("go_live")
        if new_live is None or old_live is None:
            continue
        gap = (new_live - old_live).days
        used = utilization(old_data)
        if not gap < within or used is None or not used < threshold:
            continue
        cost = money(graph, [new, old])
        out.append(
            finding(
                RULE,
                [key_of(graph, new), key_of(graph, old)],
                title=f"Rebuilt while underused: {named(graph, new)} replaced {named(graph, old)}",
                detail=(
                    f"{named(graph, new)}, built by {owner_named(graph, new)}, went live on "
                    f"{new_live.isoformat()}, {gap} days after {named(graph, old)} "
                    f"({old_live.isoformat()}), which it replaced while only "
                    f"{old_data['modules_used']} of {old_data['modules_total']} modules of the old "
                    f"system were used ({used:.0%}). Together: {money_words(cost)}."
                ),
                evidence={
                    "new": {**ref(graph, new), "go_live": new_live.isoformat()},
                    "old": {
                        **ref(graph, old),
                        "go_live": old_live.isoformat(),
                        "modules_used": old_data["modules_used"],
                        "modules_total": old_data["modules_total"],
                        "utilization": round(used, 4),
                        "status": old_data.get("status", "in_use"),
                    },
                    "owners": {"new": owner_ref(graph, new), "old": owner_ref(graph, old)},
                    "days_between_go_live": gap,
                    "money": cost,
                    "money_new": money(graph, [new]),
                    "money_old": money(graph, [old]),
                },
                recommendation=(
                    f"Ask {owner_named(graph, new)} why {named(graph, old)} was rebuilt while most "
                    "of its modules were unused; require that a replacement's business case show "
                    "the old system's use, and evaluate the new one's use before further funding."
                ),
            )
        )
    return out


RULE = Rule(
    id="usage.rebuilt_while_underused",
    area=4,
    severity=Severity.high,
    title="System rebuilt while the old one was underused",
    parameters=("rebuilt_within_days", "rebuilt_utilization"),
    help=RuleHelp(
        criteria=(
            "Raised for each system N whose replaces_id names a system O, when both go_live "
            "dates are known, N went live less than rebuilt_within_days (default 1,095, i.e. 3 "
            "years) after O (go_live of N − go_live of O, in days, < rebuilt_within_days), and "
            "O's utilization (modules_used / modules_total, defined only when both are known "
            "and modules_total ≥ 1) is below rebuilt_utilization (default 0.5). Neither "
            "system needs to be live. The subjects are N, then O."
        ),
        evidence=(
            "The new and the old system (ids, names, go-live dates), the old system's modules "
            "used and total and its utilization and status, both owners, the days between the "
            "go-live dates, and the build and annual O&M cost (万元) of both, together and each."
        ),
        recommendation=(
            "The audit found a system rebuilt to add features while most modules of the old "
            "one were never used. Set city rules for IT projects (filing, approval, acceptance, "
            "evaluation) that require evidence of the old system's use before a rebuild is "
            "approved."
        ),
    ),
    check=check,
)
