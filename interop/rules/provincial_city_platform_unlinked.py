"""provincial.city_platform_unlinked: a city service platform with no realtime provincial feed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interop.findings.model import Finding, Severity
from interop.parameters import Parameters
from interop.rules._chains import best_chains, chain_evidence, flow_digraph, reached_from
from interop.rules._finding import finding, named_ref
from interop.rules._views import (
    flow_ref,
    flows_of,
    gov_platforms,
    networks_of,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    sources = gov_platforms(graph, "provincial")
    realtime = flow_digraph(graph, realtime=True)
    active = flow_digraph(graph, realtime=False)
    fed = reached_from(realtime, sources)
    active_chains = best_chains(active, sources, towards=False)
    out: list[Finding] = []
    for node in gov_platforms(graph, "municipal"):
        if node in fed:
            continue
        data = graph.nodes[node]
        path = active_chains.get(node)
        inbound = [f for f in flows_of(graph, node) if f.target == node and f.source != node]
        evidence = {
            "platform": ref(graph, node),
            "owner": owner_ref(graph, node),
            "networks": networks_of(graph, node),
            "provincial_platforms": [ref(graph, s) for s in sources],
            "chain": chain_evidence(graph, active, path) if path else None,
            "inbound_flows": [flow_ref(graph, f) for f in inbound],
        }
        out.append(make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def make_finding(
    subjects: Sequence[str],
    evidence: dict[str, Any],
    parameters: Parameters,
    severity: Severity | None = None,
) -> Finding:
    """The finding about one city platform, worded from its evidence alone.

    ``evidence["chain"]`` is the best chain of active flows from a provincial gov_service
    platform, or None when there is none (then recorded as a note). Both engines call it:
    :func:`check` with the evidence it read from the graph, the Neo4j engine with the
    columns of the Cypher twin (``cypher/rules/provincial.city_platform_unlinked.cypher``).
    """
    platform = named_ref(evidence["platform"])
    chain = evidence.get("chain")
    if chain and chain["path"]:
        weak = chain["hops"][chain["weakest_hop"]]
        how = (
            f"The best chain found, from {chain['path'][0]['name']} "
            f"({chain['path'][0]['id']}), has {len(chain['hops'])} active flow(s) and is "
            f"not realtime at {weak['source']['id']} → {weak['target']['id']} "
            f"({weak['frequency'] or 'frequency unknown'})."
        )
    else:
        chain = {"path": [], "hops": [], "weakest_hop": None, "realtime": False}
        chain["note"] = "no chain of active flows from a provincial gov_service platform"
        evidence = {**evidence, "chain": chain}
        how = "No chain of active flows of any frequency reaches it from such a platform."
    if not evidence["provincial_platforms"]:
        how = "The inventory records no provincial government-service platform. " + how
    return finding(
        RULE,
        subjects,
        severity=severity,
        title=f"City service platform without a realtime provincial feed: {platform}",
        detail=(
            f"No realtime chain of active flows reaches {platform}, the municipal "
            "government-service platform, from a provincial government-service platform. "
            f"{how}"
        ),
        evidence=evidence,
        recommendation=(
            f"Connect {platform} to the provincial government-service platform by a realtime "
            "interface (directly or through the city's sharing and exchange platform), so that "
            "services handled at provincial level reach the city at once."
        ),
    )


RULE = Rule(
    id="provincial.city_platform_unlinked",
    area=3,
    severity=Severity.high,
    title="City service platform not linked in real time to the provincial platform",
    parameters=(),
    help=RuleHelp(
        criteria=(
            "Raised for each platform of kind gov_service and level municipal that no realtime "
            "chain reaches from a platform of kind gov_service and level provincial. A realtime "
            "chain is a directed chain of active flows (status active; empty counts as active), "
            "every one of them with frequency realtime, through any systems and platforms."
        ),
        evidence=(
            "The platform, its owner and networks, the provincial government-service platforms, "
            "the best chain of active flows of any frequency from one of them (shortest, then "
            "fewest non-realtime hops) with its hops and the weakest (first non-realtime) hop "
            "marked, or a note that there is none, and every flow into the platform."
        ),
        recommendation=(
            "The audit found the city's platform unable to get provincial and vertical systems' "
            "data in real time, which hurts one-stop online service (一网通办). Build a "
            "city/district sharing and exchange platform connected to the province and a "
            "realtime link from the provincial government-service platform to the city's."
        ),
    ),
    check=check,
)
