"""Build a :class:`Finding` from a rule's data (id, area, default severity)."""

from __future__ import annotations

from collections.abc import Sequence
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
