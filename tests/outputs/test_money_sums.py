"""Sums of the findings' money per rule (``report.summary.money_by_rule``)."""

from __future__ import annotations

import random
from functools import reduce
from types import SimpleNamespace
from typing import Any

from interop.report.catalog import Money, catalog
from interop.report.summary import MoneySum, money_by_rule
from outputs.hostile import hostile_analysis


def _folded(entries: list[Any]) -> dict[str, MoneySum]:
    """The definition: MoneySum.add over each rule's findings, in their order."""
    rules = dict.fromkeys(e.finding.rule for e in entries)
    return {
        rule: reduce(MoneySum.add, (e for e in entries if e.finding.rule == rule), MoneySum())
        for rule in rules
    }


def test_money_by_rule_is_moneysum_add_in_order() -> None:
    """Rounded after each addition, as MoneySum.add: amounts of more than four decimals
    sum differently in another order or rounded once, so a shortcut fails here."""
    rng = random.Random(7)
    amounts = [None, 0.00004, 0.00005, 1.23456789, 1e-5, 12345.67891, 0.1, 0.2]
    entries = [
        SimpleNamespace(
            finding=SimpleNamespace(rule=rng.choice(["a.one", "b.two", "c.three"])),
            money=Money(rng.choice(amounts), rng.choice(amounts), rng.choice(amounts)),
        )
        for _ in range(3000)
    ]
    assert money_by_rule(entries) == _folded(entries)  # type: ignore[arg-type]
    assert list(money_by_rule(entries)) == list(_folded(entries))  # type: ignore[arg-type]


def test_money_by_rule_on_every_rule() -> None:
    document, _ = hostile_analysis()
    entries = catalog(document)
    sums = money_by_rule(entries)
    assert sums == _folded(list(entries))
    assert sum(s.findings for s in sums.values()) == len(entries)
