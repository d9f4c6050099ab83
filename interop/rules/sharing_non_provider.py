"""sharing.non_provider: a department that takes data across its boundary and gives none."""

from __future__ import annotations

from interop.findings.model import Finding, Severity
from interop.rules._finding import finding
from interop.rules._views import (
    crossing_flows,
    flow_ref,
    is_live,
    money,
    money_words,
    named,
    neighbours,
    nodes_of,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    out: list[Finding] = []
    for dept, data in nodes_of(graph, "Department"):
        systems = [
            n for n in neighbours(graph, dept, "OWNS") if graph.nodes[n]["label"] == "System"
        ]
        live = [s for s in systems if is_live(graph.nodes[s])]
        if not live:
            continue
        received = []
        sent = False
        for system in systems:
            for flow in crossing_flows(graph, system):
                if flow.source == system:
                    sent = True
                    break
                received.append(flow)
            if sent:
                break
        if sent or not received:
            continue
        cost = money(graph, systems)
        sources = sorted({named(graph, f.source) for f in received})
        out.append(
            finding(
                RULE,
                [str(data["id"])],
                title=f"Receives shared data but provides none: {named(graph, dept)}",
                detail=(
                    f"{named(graph, dept)} receives {len(received)} active data flow(s) from "
                    f"platforms or other departments' systems ({', '.join(sources)}) into its "
                    f"systems, but none of its {len(systems)} system(s) sends any data to a "
                    f"platform or to another department's system. Its systems: {money_words(cost)}."
                ),
                evidence={
                    "department": ref(graph, dept),
                    "systems": [
                        {**ref(graph, s), "status": graph.nodes[s].get("status", "in_use")}
                        for s in systems
                    ],
                    "received": [flow_ref(graph, f) for f in received],
                    "sent": [],
                    "money": cost,
                },
                recommendation=(
                    f"Have {named(graph, dept)} list the data its systems hold that other "
                    "departments need, assign who collects and updates it, and publish it "
                    "through the city's data sharing and exchange platform; record a reason "
                    "for any data it declines to share."
                ),
            )
        )
    return out


RULE = Rule(
    id="sharing.non_provider",
    area=1,
    severity=Severity.high,
    title="Department receives shared data but provides none",
    parameters=(),
    help=RuleHelp(
        criteria=(
            "Raised for each department that (1) owns at least one live system (status in_use; "
            "empty counts as in_use), (2) receives at least one crossing flow into one of its "
            "systems, i.e. an active flow from a platform or from a system owned by another "
            "department, and (3) sends no crossing flow out of any of its systems, i.e. no "
            "active flow to a platform or to another department's system. Flows of every one "
            "of its systems count, whatever the system's status; planned or broken flows, "
            "self-loops and flows between its own systems do not."
        ),
        evidence=(
            "The department (id and name), each of its systems with its status, every crossing "
            "flow it receives (both ends, dataset, mechanism, frequency), and the build and "
            "annual O&M cost (万元) of its systems."
        ),
        recommendation=(
            "The audit found departments that, to protect their turf, take data but will not "
            "provide it, so basic data is not truly shared. Set clear duties for collecting "
            "and updating government data, have the department publish what it holds through "
            "the city's sharing and exchange platform, and let the cross-department "
            "coordination mechanism settle refusals."
        ),
    ),
    check=check,
)
