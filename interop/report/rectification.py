"""The rectification section (整改情况): per rule, how this round compares with the last.

Read from a document that :func:`interop.rounds.compare` produced (findings with
``round``, ``resolved`` and ``unverified``); the money is that of the resolved findings as
the baseline recorded it (per rule; a system found by two rules counts in both rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interop.findings.model import Finding, FindingsDocument
from interop.report.catalog import Entry, finding_money
from interop.report.summary import MoneySum
from interop.wording import rule_sort_key

STATES = ("resolved", "persisting", "changed", "new", "unverified")


@dataclass(frozen=True)
class RuleRound:
    """One row of the rectification table."""

    rule: str
    resolved: int = 0
    persisting: int = 0
    changed: int = 0
    new: int = 0
    unverified: int = 0
    resolved_money: MoneySum = field(default_factory=MoneySum)

    def count(self, state: str) -> int:
        return int(getattr(self, state))

    def as_json(self) -> dict[str, object]:
        money = self.resolved_money
        return {
            "rule": self.rule,
            **{state: self.count(state) for state in STATES},
            "resolved_build_cost": money.build_cost,
            "resolved_annual_om_cost": money.annual_om_cost,
            "resolved_camera_cost": money.camera_cost,
        }


def _entry(finding: Finding) -> Entry:
    return Entry("", finding, finding_money(finding))


def rectification(document: FindingsDocument) -> list[RuleRound] | None:
    """Per rule (contract order), the counts of each state and the resolved money; the
    last row (rule ``""``) is the total. None when the document has no baseline."""
    if document.baseline is None:
        return None
    counts: dict[str, dict[str, int]] = {}
    money: dict[str, MoneySum] = {}
    for finding in document.findings:
        state: str = finding.round or "new"
        counts.setdefault(finding.rule, {}).setdefault(state, 0)
        counts[finding.rule][state] += 1
    for state, findings in (
        ("resolved", document.resolved or []),
        ("unverified", document.unverified or []),
    ):
        for finding in findings:
            counts.setdefault(finding.rule, {}).setdefault(state, 0)
            counts[finding.rule][state] += 1
            if state == "resolved":
                money[finding.rule] = money.get(finding.rule, MoneySum()).add(_entry(finding))
    rows = [
        RuleRound(rule, **counts[rule], resolved_money=money.get(rule, MoneySum()))
        for rule in sorted(counts, key=rule_sort_key)
    ]
    total_money = MoneySum()
    for row in rows:
        total_money = total_money.merge(row.resolved_money)
    total = RuleRound(
        "",
        **{state: sum(r.count(state) for r in rows) for state in STATES},
        resolved_money=total_money,
    )
    return [*rows, total]
