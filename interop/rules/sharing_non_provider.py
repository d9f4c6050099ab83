"""sharing.non_provider: a department that takes data across its boundary and gives none."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interop.findings.model import Finding, Severity
from interop.parameters import Parameters
from interop.rules._finding import finding, named_ref
from interop.rules._views import (
    crossing_flows,
    flow_ref,
    is_live,
    money,
    money_words,
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
        evidence = {
            "department": ref(graph, dept),
            "systems": [
                {**ref(graph, s), "status": graph.nodes[s].get("status", "in_use")} for s in systems
            ],
            "received": [flow_ref(graph, f) for f in received],
            "sent": [],
            "money": money(graph, systems),
        }
        out.append(make_finding([str(data["id"])], evidence, ctx.parameters))
    return out


def make_finding(
    subjects: Sequence[str],
    evidence: dict[str, Any],
    parameters: Parameters,
    severity: Severity | None = None,
) -> Finding:
    """The finding about one department, worded from its evidence alone.

    Both engines call it: :func:`check` with the evidence it read from the graph, the Neo4j
    engine with the columns of the Cypher twin (``cypher/rules/sharing.non_provider.cypher``).
    """
    dept = named_ref(evidence["department"])
    received = evidence["received"]
    sources = sorted({named_ref(f["source"]) for f in received})
    return finding(
        RULE,
        subjects,
        severity=severity,
        title=f"Receives shared data but provides none: {dept}",
        detail=(
            f"{dept} receives {len(received)} active data flow(s) from platforms or other "
            f"departments' systems ({', '.join(sources)}) into its systems, but none of its "
            f"{len(evidence['systems'])} system(s) sends any data to a platform or to another "
            f"department's system. Its systems: {money_words(evidence['money'])}."
        ),
        evidence=evidence,
        recommendation=(
            f"Have {dept} list the data its systems hold that other departments need, assign "
            "who collects and updates it, and publish it through the city's data sharing and "
            "exchange platform; record a reason for any data it declines to share."
        ),
    )


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
