"""silo.isolated_system: a live system that exchanges no data across a department boundary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interop.findings.model import Finding, Severity
from interop.parameters import Parameters
from interop.rules._finding import finding, named_ref
from interop.rules._views import (
    flow_ref,
    flows_of,
    live_systems,
    money,
    networks_of,
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
        evidence = {
            "system": ref(graph, node),
            "owner": owner_ref(graph, node),
            "networks": networks_of(graph, node),
            "flows": ignored,
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
    """The finding about one isolated system, worded from its evidence alone.

    Both engines call it: :func:`check` with the evidence it read from the graph, the Neo4j
    engine with the columns of the Cypher twin (``cypher/rules/silo.isolated_system.cypher``).
    """
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    ignored = evidence["flows"]
    if ignored:
        why = (
            f" Its {len(ignored)} recorded flow(s) do not count: each is inactive, a "
            "self-loop, or stays within its own department."
        )
    else:
        why = " No data flow into or out of it is recorded."
    return finding(
        RULE,
        subjects,
        severity=severity,
        title=f"Isolated system: {system}",
        detail=(
            f"{system}, owned by {owner}, is in use but has no active data flow with a shared "
            f"platform or with a system of another department.{why}"
        ),
        evidence=evidence,
        recommendation=(
            f"Ask {owner} which of the data of {system} other departments need and which it "
            "needs from them, and connect it to the city's data sharing and exchange platform; "
            "if nobody needs its data and it needs none, record why, or fold it into a shared "
            "system."
        ),
    )


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
