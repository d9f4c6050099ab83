"""usage.low_utilization: a live system most of whose modules are not used."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interop.findings.model import Finding, Severity
from interop.parameters import Parameters
from interop.rules._finding import finding, named_ref
from interop.rules._views import (
    live_systems,
    money,
    money_words,
    owner_ref,
    ref,
    utilization,
)
from interop.rules.base import AuditContext, Rule, RuleHelp


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    threshold = ctx.parameters.low_utilization
    out: list[Finding] = []
    for node, data in live_systems(graph):
        used = utilization(data)
        if used is None or not used < threshold:
            continue
        evidence = {
            "system": ref(graph, node),
            "owner": owner_ref(graph, node),
            "modules_used": data["modules_used"],
            "modules_total": data["modules_total"],
            "utilization": round(used, 4),
            "threshold": threshold,
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
    """The finding about one system, worded from its evidence alone (the utilization in
    words is modules_used / modules_total, unrounded).

    Both engines call it: :func:`check` with the evidence it read from the graph, the Neo4j
    engine with the columns of the Cypher twin (``cypher/rules/usage.low_utilization.cypher``).
    """
    system, owner = named_ref(evidence["system"]), named_ref(evidence["owner"])
    used_modules, total = evidence["modules_used"], evidence["modules_total"]
    used = used_modules / total
    return finding(
        RULE,
        subjects,
        severity=severity,
        title=f"Low utilization: {system} uses {used_modules} of {total} modules",
        detail=(
            f"{system}, owned by {owner}, is in use but only {used_modules} of its {total} "
            f"modules are used ({used:.0%}, below {evidence['threshold']:.0%}). Cost: "
            f"{money_words(evidence['money'])}."
        ),
        evidence=evidence,
        recommendation=(
            f"Review with {owner} which modules of {system} are needed; switch off or stop "
            "paying O&M for the unused ones, and build no new modules before the existing ones "
            "are used."
        ),
    )


RULE = Rule(
    id="usage.low_utilization",
    area=4,
    severity=Severity.medium,
    title="Low module utilization",
    parameters=("low_utilization",),
    help=RuleHelp(
        criteria=(
            "Raised for each live system (status in_use; empty counts as in_use) whose "
            "utilization, modules_used / modules_total, is below low_utilization (default "
            "0.3; a utilization equal to it is not low). Utilization is defined only when both "
            "counts are known and modules_total is at least 1; otherwise the system is not "
            "judged."
        ),
        evidence=(
            "The system and its owner (id and name), modules used and total, the utilization "
            "and the threshold, and its build and annual O&M cost (万元)."
        ),
        recommendation=(
            "The audit found low usage of systems built at great cost (build-heavy, "
            "use-light). Evaluate each system's use before funding upgrades or O&M, switch off "
            "unused modules, and require a usage review in the project's acceptance and "
            "performance evaluation."
        ),
    ),
    check=check,
)
