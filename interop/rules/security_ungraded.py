"""security.ungraded: a live system never graded under classified security protection."""

from __future__ import annotations

from interop.findings.model import Finding, Severity
from interop.rules._finding import finding
from interop.rules._views import (
    live_systems,
    money,
    named,
    networks_of,
    owner_named,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    out: list[Finding] = []
    for node, data in live_systems(graph):
        if data.get("security_grade") is not None:
            continue
        networks = networks_of(graph, node)
        out.append(
            finding(
                RULE,
                [str(data["id"])],
                title=f"Not graded for security protection: {named(graph, node)}",
                detail=(
                    f"{named(graph, node)}, owned by {owner_named(graph, node)}, is in use but "
                    "has no classified security protection grade (等级保护)"
                    + (
                        f"; it is deployed on {', '.join(n['name'] for n in networks)}."
                        if networks
                        else "."
                    )
                ),
                evidence={
                    "system": ref(graph, node),
                    "owner": owner_ref(graph, node),
                    "level": data.get("level"),
                    "gov_service": data.get("gov_service"),
                    "networks": networks,
                    "money": money(graph, [node]),
                },
                recommendation=(
                    f"Have {owner_named(graph, node)} grade {named(graph, node)} under the "
                    "classified security protection scheme, file the grade with the public "
                    "security authority, and carry out the assessment and protection its grade "
                    "requires."
                ),
            )
        )
    return out


RULE = Rule(
    id="security.ungraded",
    area=5,
    severity=Severity.high,
    title="System not graded for classified security protection",
    parameters=(),
    help=RuleHelp(
        criteria=(
            "Raised for each live system (status in_use; empty counts as in_use) with no "
            "security_grade: the cell is empty or says 未定级 (not graded). A grade of 1 to 5 "
            "in any accepted spelling counts as graded."
        ),
        evidence=(
            "The system, its owner (id and name), level, whether it delivers government "
            "services, its networks, and its build and annual O&M cost (万元)."
        ),
        recommendation=(
            "The audit found systems not graded under classified security protection (等级保护) "
            "and data-security duties not carried out. Grade and file every system in use, "
            "assess it at its grade, set IT and cybersecurity rules in every department, and "
            "include security in the life-cycle evaluation of each department's IT."
        ),
    ),
    check=check,
)
