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
    return (type(value) is dict or isinstance(value, Mapping)) and (
        "build_cost" in value or "annual_om_cost" in value or "camera_cost" in value
    )


def _amount(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def add_amount(total: float | None, value: Any) -> float | None:
    """``total`` with ``value`` added and rounded to four decimals, as every money sum of
    the report and the scorecard is made (one addition at a time, so the order of the
    additions is the sums' own); a value that is no amount (None, a flag) adds nothing."""
    if value is None or isinstance(value, bool):
        return total
    return round((total or 0.0) + float(value), 4)


UNKNOWN_KEYS = ("build_cost_unknown", "annual_om_cost_unknown", "camera_cost_unknown")
"""A money record's lists of ids whose amount is not recorded."""


def money_of(value: Mapping[str, Any]) -> Money:
    """A money record as :class:`Money` (unknown amounts stay None)."""
    unknown: dict[str, None] = {}  # first occurrences, in order (a list test was quadratic)
    for key in UNKNOWN_KEYS:
        items = value.get(key)
        if items and isinstance(items, list):  # mostly empty: nothing to add
            unknown.update(dict.fromkeys(map(str, items)))
    systems = value.get("systems")
    if type(systems) is not int and (not isinstance(systems, int) or isinstance(systems, bool)):
        systems = None
    build, om, camera = (
        value.get("build_cost"),
        value.get("annual_om_cost"),
        value.get("camera_cost"),
    )
    return Money(  # positional, and floats as they are: once per finding with money
        build if type(build) is float else _amount(build),
        om if type(om) is float else _amount(om),
        camera if type(camera) is float else _amount(camera),
        systems,
        tuple(unknown),
    )


def finding_money(finding: Finding) -> Money:
    """The money of a finding: its evidence's ``money`` record (empty when it has none)."""
    value = finding.evidence.get("money")
    if is_money(value):
        return money_of(value)
    return NO_MONEY


NO_MONEY = Money()
"""The money of a finding whose evidence names none (one value: it is frozen)."""


@dataclass(frozen=True)
class Entry:
    """One finding with its number (``F0001``) and the money its evidence names."""

    fid: str
    finding: Finding
    money: Money
    position: int | None = None
    """The finding's place in its document's findings (None: a finding of no document)."""

    @property
    def anchor(self) -> str:
        return self.fid


def _severity_rank(severity: str) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def finding_order(finding: Finding) -> tuple[Any, ...]:
    severity = str(finding.severity)
    rank = _severity_rank(severity)
    return (finding.area, rule_sort_key(finding.rule), rank, tuple(finding.subjects))


def catalog(document: FindingsDocument) -> list[Entry]:
    """The document's findings in report order (area, rule, severity, subjects), numbered.

    The order of :func:`finding_order`, its (area, rule, severity) part worked out once per
    distinct triple (a few dozen, not once per finding) and replaced by its rank among
    them, so a finding's key is (rank, subjects); sorted stably, as before.
    """
    findings = document.findings
    prefix = {
        (area, rule, severity): (area, rule_sort_key(rule), _severity_rank(str(severity)))
        for area, rule, severity in {(f.area, f.rule, f.severity) for f in findings}
    }
    rank = {p: i for i, p in enumerate(sorted(set(prefix.values())))}
    rank_of = {triple: rank[p] for triple, p in prefix.items()}
    # by subjects, then (stably) by rank: the order of sorting by (rank, subjects), without
    # a key tuple per finding for the collector to walk
    order = sorted(range(len(findings)), key=[tuple(f.subjects) for f in findings].__getitem__)
    order.sort(key=[rank_of[f.area, f.rule, f.severity] for f in findings].__getitem__)
    number = f"F%0{max(4, len(str(len(order))))}d"
    return [
        Entry(number % index, findings[position], finding_money(findings[position]), position)
        for index, position in enumerate(order, start=1)
    ]
