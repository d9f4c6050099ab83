"""The findings of a document in report order, numbered once for every output.

Every output (report.html, report.md, findings.xlsx, findings.csv and the graph pages)
numbers findings the same way, ``F0001``, ``F0002`` …, so that an auditor can cite a
number from a spreadsheet and find it in the report and in the graphs. The number is
also the finding's anchor in report.html.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from interop.findings.model import Finding, FindingsDocument
from interop.wording import SEVERITY_ORDER, rule_sort_key


@dataclass(frozen=True)
class Money:
    """The money a finding's evidence names, in 万元 (None: not known, never zero)."""

    build_cost: float | None = None
    annual_om_cost: float | None = None
    camera_cost: float | None = None
    systems: int | None = None
    unknown: tuple[str, ...] = field(default=())
    """Ids of systems (or cameras) whose amount is not recorded."""

    @property
    def known(self) -> bool:
        return any(v is not None for v in (self.build_cost, self.annual_om_cost, self.camera_cost))


def is_money(value: Any) -> TypeGuard[Mapping[str, Any]]:
    """Whether an evidence value is a money record (the rules' ``money`` dict)."""
    return isinstance(value, Mapping) and (
        "build_cost" in value or "annual_om_cost" in value or "camera_cost" in value
    )


def _amount(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def money_of(value: Mapping[str, Any]) -> Money:
    """A money record as :class:`Money` (unknown amounts stay None)."""
    unknown: dict[str, None] = {}  # first occurrences, in order (a list test was quadratic)
    for key in ("build_cost_unknown", "annual_om_cost_unknown", "camera_cost_unknown"):
        items = value.get(key) or []
        if isinstance(items, list):
            unknown.update(dict.fromkeys(map(str, items)))
    systems = value.get("systems")
    return Money(
        build_cost=_amount(value.get("build_cost")),
        annual_om_cost=_amount(value.get("annual_om_cost")),
        camera_cost=_amount(value.get("camera_cost")),
        systems=systems if isinstance(systems, int) and not isinstance(systems, bool) else None,
        unknown=tuple(unknown),
    )


def finding_money(finding: Finding) -> Money:
    """The money of a finding: its evidence's ``money`` record (empty when it has none)."""
    value = finding.evidence.get("money")
    if is_money(value):
        return money_of(value)
    return Money()


@dataclass(frozen=True)
class Entry:
    """One finding with its number (``F0001``) and the money its evidence names."""

    fid: str
    finding: Finding
    money: Money

    @property
    def anchor(self) -> str:
        return self.fid


def finding_order(finding: Finding) -> tuple[Any, ...]:
    severity = str(finding.severity)
    rank = SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
    return (finding.area, rule_sort_key(finding.rule), rank, tuple(finding.subjects))


def catalog(document: FindingsDocument) -> list[Entry]:
    """The document's findings in report order (area, rule, severity, subjects), numbered."""
    ordered = sorted(document.findings, key=finding_order)
    width = max(4, len(str(len(ordered))))
    return [
        Entry(f"F{index:0{width}d}", finding, finding_money(finding))
        for index, finding in enumerate(ordered, start=1)
    ]
