"""network.noncompliant_deployment: a city system deployed only on private networks."""

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

CITY_LEVELS = frozenset({"municipal", "district"})
COMPLIANT_KINDS = frozenset({"extranet", "intranet", "internet"})


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    out: list[Finding] = []
    for node, data in live_systems(graph):
        if data.get("level") not in CITY_LEVELS:
            continue
        networks = networks_of(graph, node)
        if not networks or any(n["kind"] in COMPLIANT_KINDS for n in networks):
            continue
        evidence = {
            "system": ref(graph, node),
            "level": data.get("level"),
            "owner": owner_ref(graph, node),
            "networks": networks,
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
    """The finding about one system, worded from its evidence alone.

    Both engines call it: :func:`check` with the evidence it read from the graph, the Neo4j
    engine with the columns of the Cypher twin
    (``cypher/rules/network.noncompliant_deployment.cypher``).
    """
    system = named_ref(evidence["system"])
    on = ", ".join(f"{n['name']} ({n['id']}, {n['kind']})" for n in evidence["networks"])
    return finding(
        RULE,
        subjects,
        severity=severity,
        title=f"Deployed only on private networks: {system}",
        detail=(
            f"{system}, a {evidence['level']} system owned by {named_ref(evidence['owner'])}, "
            f"is deployed on {on}, and on none of the e-government extranet, the e-government "
            "intranet or the internet."
        ),
        evidence=evidence,
        recommendation=(
            f"Plan the migration of {system} to the e-government extranet (or the intranet for "
            "classified work), and retire the private network once nothing else depends on it."
        ),
    )


RULE = Rule(
    id="network.noncompliant_deployment",
    area=3,
    severity=Severity.medium,
    title="System not on the e-government extranet or intranet",
    parameters=(),
    help=RuleHelp(
        criteria=(
            "Raised for each live system (status in_use; empty counts as in_use) of level "
            "municipal or district (empty counts as municipal) that names at least one network "
            "in network_ids, none of which is of kind extranet, intranet or internet. Systems "
            "that name no network, and provincial or national vertical systems, are not judged."
        ),
        evidence=(
            "The system, its level and its owning department (id and name), every network it "
            "is deployed on with its kind, and its build and annual O&M cost (万元)."
        ),
        recommendation=(
            "The state requires government applications on the two e-government networks (the "
            "extranet 外网 and the intranet 内网); the audit found many on the e-government "
            "dedicated network (专网) and departments' own private networks instead. Migrate "
            "these systems to the extranet (or the intranet where classified), and stop "
            "approving new systems that name only private networks."
        ),
    ),
    check=check,
)
