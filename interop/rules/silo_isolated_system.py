"""silo.isolated_system: a live system that exchanges no data across a department boundary."""

from __future__ import annotations

from interop.findings.model import Finding, Severity
from interop.rules._finding import finding
from interop.rules._views import (
    flow_ref,
    flows_of,
    live_systems,
    money,
    named,
    networks_of,
    owner_named,
    owner_ref,
    ref,
    why_not_crossing,
)
from interop.rules.base import AuditContext, Rule, RuleHelp


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    out: list[Finding] = []
    for node, data in live_systems(graph):
        flows = flows_of(graph, node)
        reasons = [why_not_crossing(graph, node, f) for f in flows]
        if any(reason is None for reason in reasons):
            continue
        ignored = [
            {**flow_ref(graph, f), "not_crossing_because": reason}
            for f, reason in zip(flows, reasons, strict=True)
        ]
        if ignored:
            why = (
                f" Its {len(ignored)} recorded flow(s) do not count: each is inactive, a "
                "self-loop, or stays within its own department."
            )
        else:
            why = " No data flow into or out of it is recorded."
        out.append(
            finding(
                RULE,
                [str(data["id"])],
                title=f"Isolated system: {named(graph, node)}",
                detail=(
                    f"{named(graph, node)}, owned by {owner_named(graph, node)}, is in use but "
                    "has no active data flow with a shared platform or with a system of another "
                    f"department.{why}"
                ),
                evidence={
                    "system": ref(graph, node),
                    "owner": owner_ref(graph, node),
                    "networks": networks_of(graph, node),
                    "flows": ignored,
                    "money": money(graph, [node]),
                },
                recommendation=(
                    f"Ask {owner_named(graph, node)} which of the data of {named(graph, node)} "
                    "other departments need and which it needs from them, and connect it to the "
                    "city's data sharing and exchange platform; if nobody needs its data and it "
                    "needs none, record why, or fold it into a shared system."
                ),
            )
        )
    return out


RULE = Rule(
    id="silo.isolated_system",
    area=1,
    severity=Severity.medium,
    title="Isolated system (信息孤岛)",
    parameters=(),
    help=RuleHelp(
        criteria=(
            "Raised for each live system (status in_use; an empty status counts as in_use) "
            "that has no crossing flow. A crossing flow of a system S is an active flow "
            "(status active; empty counts as active) between S and X, in either direction, "
            "where X is a platform or a system owned by another department. Flows that are "
            "planned or broken, flows between two systems of the same owner, and flows from a "
            "system to itself do not count."
        ),
        evidence=(
            "The system and its owning department (id and name), the networks it is deployed "
            "on, every flow recorded for it with the reason it is not a crossing flow, and its "
            "build and annual O&M cost (万元)."
        ),
        recommendation=(
            "Systems built for one department's needs alone are the 'everyone building alone' "
            "problem the audit found. Establish with the owner what data the system holds that "
            "others need (and the reverse), connect it to the city's data sharing and exchange "
            "platform under the city's common standards, and have the cross-department "
            "coordination mechanism review systems that remain isolated."
        ),
    ),
    check=check,
)
