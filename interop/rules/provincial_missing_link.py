"""provincial.missing_link: a vertical service system with no realtime chain to the province."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from interop.findings.model import Finding, Severity
from interop.parameters import Parameters
from interop.rules._chains import best_chains, chain_evidence, flow_digraph, reaching
from interop.rules._finding import finding, named_ref
from interop.rules._views import (
    gov_platforms,
    live_systems,
    money,
    networks_of,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp
from interop.schema.graph import node_id

VERTICAL_LEVELS = frozenset({"provincial_vertical", "national_vertical"})


def _in_scope(data: Mapping[str, Any]) -> bool:
    return (
        data.get("level") in VERTICAL_LEVELS
        and data.get("gov_service") is True
        and bool(data.get("user_ids"))
    )


def _users(graph: nx.MultiDiGraph, data: Mapping[str, Any]) -> list[dict[str, str]]:
    users = []
    for user in data.get("user_ids", []):
        node = node_id("Department", str(user))
        name = graph.nodes[node].get("name", "") if node in graph else ""
        users.append({"id": str(user), "name": str(name)})
    return users


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    targets = gov_platforms(graph, "provincial")
    realtime = flow_digraph(graph, realtime=True)
    active = flow_digraph(graph, realtime=False)
    linked_realtime = reaching(realtime, targets)
    active_chains = best_chains(active, targets, towards=True)
    out: list[Finding] = []
    for node, data in live_systems(graph):
        if not _in_scope(data) or node in linked_realtime:
            continue
        path = active_chains.get(node)
        evidence = {
            "system": ref(graph, node),
            "level": data["level"],
            "owner": owner_ref(graph, node),
            "users": _users(graph, data),
            "networks": networks_of(graph, node),
            "provincial_platforms": [ref(graph, t) for t in targets],
            "chain": chain_evidence(graph, active, path) if path else None,
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
    """The finding about one vertical system, worded from its evidence alone.

    ``evidence["chain"]`` is the best chain of active flows to a provincial gov_service
    platform, or None when there is none: the severity is then high (else medium, unless
    ``severity`` says otherwise) and the chain is recorded as a note. Both engines call it:
    :func:`check` with the evidence it read from the graph, the Neo4j engine with the
    columns of the Cypher twin (``cypher/rules/provincial.missing_link.cypher``).
    """
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    user_words = ", ".join(named_ref(u) for u in evidence["users"])
    chain = evidence.get("chain")
    if chain and chain["path"]:
        severity = severity or Severity.medium
        weak = chain["hops"][chain["weakest_hop"]]
        how = (
            f"Its data reaches {chain['path'][-1]['name']} ({chain['path'][-1]['id']}) only "
            f"through a chain of {len(chain['hops'])} active flow(s) that is not realtime "
            f"throughout: the weakest hop is {weak['source']['id']} → {weak['target']['id']} "
            f"({weak['frequency'] or 'frequency unknown'}, "
            f"{weak['mechanism'] or 'mechanism unknown'})."
        )
    else:
        severity = severity or Severity.high
        chain = {"path": [], "hops": [], "weakest_hop": None, "realtime": False}
        chain["note"] = "no chain of active flows reaches a provincial gov_service platform"
        evidence = {**evidence, "chain": chain}
        how = "Not even a chain of active flows of any frequency reaches such a platform."
    return finding(
        RULE,
        subjects,
        severity=severity,
        title=f"Not docked in real time with the provincial service platform: {system}",
        detail=(
            f"{system}, a {evidence['level']} government-service system built by {owner} and "
            f"used by {user_words}, has no realtime chain of active flows to a provincial "
            f"government-service platform. {how}"
        ),
        evidence=evidence,
        recommendation=(
            f"Agree with {owner} a realtime interface (API or message queue) from {system} to "
            "the provincial government-service platform, so that the city's platform can "
            "receive its data in real time for one-stop online service."
        ),
    )


RULE = Rule(
    id="provincial.missing_link",
    area=3,
    severity=Severity.high,
    title="Vertical service system not docked in real time with the provincial platform",
    parameters=(),
    help=RuleHelp(
        criteria=(
            "Raised for each live system (status in_use; empty counts as in_use) of level "
            "provincial_vertical or national_vertical, with gov_service true and at least one "
            "city department in user_ids, that has no realtime chain to a platform of kind "
            "gov_service and level provincial. A realtime chain is a directed chain of active "
            "flows (status active; empty counts as active), every one of them with frequency "
            "realtime; it may pass through any systems and platforms. Severity is high when "
            "not even a chain of active flows of any frequency reaches such a platform, and "
            "medium otherwise."
        ),
        evidence=(
            "The system, its level, owner and city users (ids and names), its networks, the "
            "provincial government-service platforms, and the best chain found: the shortest "
            "chain of active flows of any frequency to such a platform (fewest non-realtime "
            "hops among equals), as the list of nodes and the hops with their dataset, "
            "frequency, mechanism and status, the weakest hop (the first that is not realtime) "
            "marked; or a note that no chain of active flows exists. Also its build and annual "
            "O&M cost (万元)."
        ),
        recommendation=(
            "The audit found 30+ national and provincial vertical systems used by city "
            "departments that are not deeply docked with the provincial government-service "
            "platform, so the city cannot get their data in real time and one-stop online "
            "service (一网通办) suffers. Build realtime interfaces to the provincial platform, "
            "starting with the systems without any active chain (severity high), then replace "
            "the weakest (non-realtime) hop of the others."
        ),
    ),
    check=check,
)
