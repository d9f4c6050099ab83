"""Build a :class:`Finding` from a rule's data (id, area, default severity)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from interop.findings.model import Finding, Severity
from interop.rules.base import Rule


def finding(
    rule: Rule,
    subjects: Sequence[str],
    *,
    title: str,
    detail: str,
    evidence: dict[str, Any],
    recommendation: str,
    severity: Severity | None = None,
) -> Finding:
    """A finding of ``rule`` (its default severity unless ``severity`` is given).

    ``subjects`` are kept in the order given: each rule decides it (sorted for all but
    ``usage.rebuilt_while_underused``, whose order is new system, then old).
    """
    return Finding(
        rule=rule.id,
        area=rule.area,
        severity=severity or rule.severity,
        subjects=list(subjects),
        title=title,
        detail=detail,
        evidence=evidence,
        recommendation=recommendation,
    )


def named_ref(ref: Mapping[str, Any] | None, unknown: str = "an unknown department") -> str:
    """A node of a finding's evidence (``{id, name, …}``) for prose: ``name (id)``, ``id``
    when it has no name, ``unknown`` when there is none (an owner that is not recorded).

    The words match :func:`interop.rules._views.named` / ``owner_named`` on the graph, so a
    finding is worded the same from the graph (networkx) and from a Cypher twin's row.
    """
    if ref is None:
        return unknown
    name = ref.get("name")
    return f"{name} ({ref['id']})" if name else str(ref["id"])
