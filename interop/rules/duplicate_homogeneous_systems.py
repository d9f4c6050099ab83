"""duplicate.homogeneous_systems: several departments each running a system of one function."""

from __future__ import annotations

from collections import Counter

from interop.findings.model import Finding, Severity
from interop.rules._finding import finding
from interop.rules._views import (
    key_of,
    live_systems,
    money,
    money_words,
    named,
    networks_of,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp
from interop.schema.enums import fold

CITY_LEVELS = frozenset({"municipal", "district"})


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    min_owners = ctx.parameters.homogeneous_min_owners
    groups: dict[str, list[str]] = {}
    for node, data in live_systems(graph):
        function = data.get("function")
        if data.get("level") not in CITY_LEVELS or function is None or not fold(function):
            continue
        groups.setdefault(fold(function), []).append(node)
    out: list[Finding] = []
    for key, nodes in groups.items():
        owners = {str(graph.nodes[n]["owner_id"]) for n in nodes}
        if len(owners) < min_owners:
            continue
        nodes = sorted(nodes, key=lambda n: key_of(graph, n))
        spellings = Counter(str(graph.nodes[n]["function"]) for n in nodes)
        shown = spellings.most_common(1)[0][0]
        owner_list = list({o["id"]: o for n in nodes if (o := owner_ref(graph, n))}.values())
        cost = money(graph, nodes)
        who = ", ".join(f"{o['name']} ({o['id']})" for o in owner_list)
        out.append(
            finding(
                RULE,
                [key_of(graph, n) for n in nodes],
                title=f"Same function built {len(owners)} times: {shown}",
                detail=(
                    f"{len(owners)} departments ({who}) each run their own live '{shown}' "
                    f"system: {', '.join(named(graph, n) for n in nodes)}. Together: "
                    f"{money_words(cost)}."
                ),
                evidence={
                    "function": shown,
                    "function_key": key,
                    "spellings": sorted(spellings),
                    "owners": owner_list,
                    "systems": [
                        {
                            **ref(graph, n),
                            "owner_id": graph.nodes[n]["owner_id"],
                            "function": graph.nodes[n]["function"],
                            "level": graph.nodes[n].get("level"),
                            "networks": networks_of(graph, n),
                        }
                        for n in nodes
                    ],
                    "money": cost,
                },
                recommendation=(
                    f"Have the city plan one shared '{shown}' system (or a common platform with "
                    f"common standards) for {who}, and approve no further separate builds of it."
                ),
            )
        )
    return out


RULE = Rule(
    id="duplicate.homogeneous_systems",
    area=1,
    severity=Severity.high,
    title="Same-function systems built by several departments",
    parameters=("homogeneous_min_owners",),
    help=RuleHelp(
        criteria=(
            "Systems are grouped by function, compared after trimming, folding full-width "
            "characters to half-width (Unicode NFKC) and case-folding, so that "
            "'医院信息系统（HIS）' and '医院信息系统(his)' are one function. For each function, "
            "the live systems (status in_use; empty counts as in_use) of level municipal or "
            "district (empty counts as municipal) with that function form one finding when "
            "their owners are at least homogeneous_min_owners (default 3) distinct "
            "departments. Systems with no function are not grouped."
        ),
        evidence=(
            "The function (its most common spelling, the folded key and every spelling seen), "
            "the owning departments (ids and names), each system with its owner, level and "
            "networks, and the build and annual O&M cost (万元) of the group."
        ),
        recommendation=(
            "The audit found hospitals and other departments building the same systems again "
            "and again with no city-level plan. Have the cross-department coordination "
            "mechanism plan such functions city-wide, set sector standards, and fund shared "
            "systems instead of one per department."
        ),
    ),
    check=check,
)
