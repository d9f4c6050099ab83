"""usage.rebuilt_while_underused: a system replaced soon after going live, while barely used."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interop.findings.model import Finding, Severity
from interop.parameters import Parameters
from interop.rules._finding import finding, named_ref
from interop.rules._views import (
    key_of,
    money,
    money_words,
    owner_ref,
    ref,
    utilization,
)
from interop.rules.base import AuditContext, Rule, RuleHelp


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    within = ctx.parameters.rebuilt_within_days
    threshold = ctx.parameters.rebuilt_utilization
    out: list[Finding] = []
    for new, old, kind in graph.edges(data="type"):
        if kind != "REPLACES":
            continue
        new_data, old_data = graph.nodes[new], graph.nodes[old]
        new_live, old_live = new_data.get("go_live"), old_data.get("go_live")
        if new_live is None or old_live is None:
            continue
        gap = (new_live - old_live).days
        used = utilization(old_data)
        if not gap < within or used is None or not used < threshold:
            continue
        evidence = {
            "new": {**ref(graph, new), "go_live": new_live.isoformat()},
            "old": {
                **ref(graph, old),
                "go_live": old_live.isoformat(),
                "modules_used": old_data["modules_used"],
                "modules_total": old_data["modules_total"],
                "utilization": round(used, 4),
                "status": old_data.get("status", "in_use"),
            },
            "owners": {"new": owner_ref(graph, new), "old": owner_ref(graph, old)},
            "days_between_go_live": gap,
            "money": money(graph, [new, old]),
            "money_new": money(graph, [new]),
            "money_old": money(graph, [old]),
        }
        out.append(make_finding([key_of(graph, new), key_of(graph, old)], evidence, ctx.parameters))
    return out


def make_finding(
    subjects: Sequence[str],
    evidence: dict[str, Any],
    parameters: Parameters,
    severity: Severity | None = None,
) -> Finding:
    """The finding about one replacement (subjects: new, then old), worded from its
    evidence alone (the old system's utilization in words is modules_used / modules_total).

    Both engines call it: :func:`check` with the evidence it read from the graph, the Neo4j
    engine with the columns of the Cypher twin
    (``cypher/rules/usage.rebuilt_while_underused.cypher``).
    """
    new, old = evidence["new"], evidence["old"]
    new_named, old_named = named_ref(new), named_ref(old)
    builder = named_ref(evidence["owners"]["new"])
    used = old["modules_used"] / old["modules_total"]
    return finding(
        RULE,
        subjects,
        severity=severity,
        title=f"Rebuilt while underused: {new_named} replaced {old_named}",
        detail=(
            f"{new_named}, built by {builder}, went live on {new['go_live']}, "
            f"{evidence['days_between_go_live']} days after {old_named} ({old['go_live']}), "
            f"which it replaced while only {old['modules_used']} of {old['modules_total']} "
            f"modules of the old system were used ({used:.0%}). Together: "
            f"{money_words(evidence['money'])}."
        ),
        evidence=evidence,
        recommendation=(
            f"Ask {builder} why {old_named} was rebuilt while most of its modules were unused; "
            "require that a replacement's business case show the old system's use, and "
            "evaluate the new one's use before further funding."
        ),
    )


RULE = Rule(
    id="usage.rebuilt_while_underused",
    area=4,
    severity=Severity.high,
    title="System rebuilt while the old one was underused",
    parameters=("rebuilt_within_days", "rebuilt_utilization"),
    help=RuleHelp(
        criteria=(
            "Raised for each system N whose replaces_id names a system O, when both go_live "
            "dates are known, N went live less than rebuilt_within_days (default 1,095, i.e. 3 "
            "years) after O (go_live of N − go_live of O, in days, < rebuilt_within_days), and "
            "O's utilization (modules_used / modules_total, defined only when both are known "
            "and modules_total ≥ 1) is below rebuilt_utilization (default 0.5). Neither "
            "system needs to be live. The subjects are N, then O."
        ),
        evidence=(
            "The new and the old system (ids, names, go-live dates), the old system's modules "
            "used and total and its utilization and status, both owners, the days between the "
            "go-live dates, and the build and annual O&M cost (万元) of both, together and each."
        ),
        recommendation=(
            "The audit found a system rebuilt to add features while most modules of the old "
            "one were never used. Set city rules for IT projects (filing, approval, acceptance, "
            "evaluation) that require evidence of the old system's use before a rebuild is "
            "approved."
        ),
    ),
    check=check,
)
