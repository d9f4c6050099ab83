"""provincial.city_platform_unlinked: a city service platform with no realtime provincial feed."""

from __future__ import annotations

from interop.findings.model import Finding, Severity
from interop.rules._chains import best_chains, chain_evidence, flow_digraph, reached_from
from interop.rules._finding import finding
from interop.rules._views import (
    flow_ref,
    flows_of,
    gov_platforms,
    named,
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
        if path:
            chain = chain_evidence(graph, active, path)
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
            how = "No chain of active flows of any frequency reaches it from such a platform."
        if not sources:
            how = "The inventory records no provincial government-service platform. " + how
        inbound = [f for f in flows_of(graph, node) if f.target == node and f.source != node]
        out.append(
            finding(
                RULE,
                [str(data["id"])],
                title=f"City service platform without a realtime provincial feed: "
                f"{named(graph, node)}",
                detail=(
                    f"No realtime chain of active flows reaches {named(graph, node)}, the "
                    "municipal government-service platform, from a provincial "
                    f"government-service platform. {how}"
                ),
                evidence={
                    "platform": ref(graph, node),
                    "owner": owner_ref(graph, node),
                    "networks": networks_of(graph, node),
                    "provincial_platforms": [ref(graph, s) for s in sources],
                    "chain": chain,
                    "inbound_flows": [flow_ref(graph, f) for f in inbound],
                },
                recommendation=(
                    f"Connect {named(graph, node)} to the provincial government-service platform "
                    "by a realtime interface (directly or through the city's sharing and "
                    "exchange platform), so that services handled at provincial level reach the "
                    "city at once."
                ),
            )
        )
    return out


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
