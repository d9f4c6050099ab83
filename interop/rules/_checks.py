"""What the version-2 rules share: a rule made of named checks (findings-format.md, "Rules
added in version 2"), their scope, and the values a failed check shows.

A finding of such a rule holds ``evidence["checks"]``: one ``{"check": name, …values}`` per
failed check, in the rule's declared order. A check whose columns the inventory did not
collect is not made (:meth:`AuditContext.unmade`): :func:`check_finding` leaves it out
before the finding is made, so the words and the severity speak only of checks made.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import networkx as nx

from interop.findings.model import Finding
from interop.rules._views import live_systems, money, owner_ref, ref
from interop.rules.base import AuditContext, Evidence, Rule, without_unmade

MUNICIPAL_LEVELS = frozenset({"municipal", "district"})
"""A *municipal system* (findings-format.md, Terms): level municipal or district."""

FailedCheck = dict[str, Any]


def live_municipal_systems(graph: nx.MultiDiGraph) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every live system of level municipal or district (an empty level is municipal)."""
    for node, data in live_systems(graph):
        if data.get("level", "municipal") in MUNICIPAL_LEVELS:
            yield node, data


def live_municipal_system_list(graph: nx.MultiDiGraph) -> list[tuple[str, Mapping[str, Any]]]:
    """:func:`live_municipal_systems` as a list, for ``ctx.shared`` (four rules walk it)."""
    return list(live_municipal_systems(graph))


def is_classified(data: Mapping[str, Any]) -> bool:
    """A classified (涉密) system; an empty ``classified`` means not classified."""
    return data.get("classified") is True


def iso(day: date | None) -> str | None:
    """A date for evidence (``YYYY-MM-DD``), None when unknown."""
    return None if day is None else day.isoformat()


def days_before(as_of: date, day: date | None) -> int | None:
    """How many days ``day`` is before the as-of date (negative after it); None if unknown."""
    return None if day is None else (as_of - day).days


def system_evidence(graph: nx.MultiDiGraph, node: str) -> Evidence:
    """What every version-2 finding about one system shows first: the system, its owner
    and its level (the checks and the money follow)."""
    data = graph.nodes[node]
    return {
        "system": ref(graph, node),
        "owner": owner_ref(graph, node),
        "level": data.get("level", "municipal"),
    }


def check_finding(
    rule: Rule,
    ctx: AuditContext,
    subjects: Sequence[str],
    evidence: Evidence,
    failed: Sequence[FailedCheck],
    money_of: Sequence[str] | None = None,
) -> Finding | None:
    """The finding of ``rule`` about ``subjects`` that failed the checks ``failed``, or None
    when none of them was made. ``evidence`` gets ``checks`` and, when ``money_of`` names
    systems (graph nodes), their ``money``."""
    full = {**evidence, "checks": list(failed)}
    if money_of is not None:
        full["money"] = money(ctx.graph, money_of)
    kept = without_unmade(full, ctx.unmade(rule))
    if kept is None or not kept["checks"]:
        return None
    return rule.make_finding(subjects, kept, ctx.parameters)


def check_names(evidence: Mapping[str, Any]) -> list[str]:
    """The names of a finding's failed checks, in order."""
    return [str(c["check"]) for c in evidence.get("checks", ())]
