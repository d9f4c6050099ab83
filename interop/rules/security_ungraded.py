"""security.ungraded: a live system never graded under classified security protection."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interop.findings.model import Finding, Severity
from interop.parameters import Parameters
from interop.rules._finding import finding, named_ref
from interop.rules._views import (
    live_systems,
    money,
    networks_of,
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
        evidence = {
            "system": ref(graph, node),
            "owner": owner_ref(graph, node),
            "level": data.get("level"),
            "gov_service": data.get("gov_service"),
            "networks": networks_of(graph, node),
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
    """The finding about one ungraded system, worded from its evidence alone.

    Both engines call it: :func:`check` with the evidence it read from the graph, the Neo4j
    engine with the columns of the Cypher twin (``cypher/rules/security.ungraded.cypher``).
    """
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    networks = evidence["networks"]
    where = f"; it is deployed on {', '.join(n['name'] for n in networks)}." if networks else "."
    return finding(
        RULE,
        subjects,
        severity=severity,
        title=f"Not graded for security protection: {system}",
        detail=(
            f"{system}, owned by {owner}, is in use but has no classified security protection "
            f"grade (等级保护){where}"
        ),
        evidence=evidence,
        recommendation=(
            f"Have {owner} grade {system} under the classified security protection scheme, file "
            "the grade with the public security authority, and carry out the assessment and "
            "protection its grade requires."
        ),
    )


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
