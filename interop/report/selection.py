"""Which findings of a rule the report lists, and in which order: the one place of the limit.

A city with a million cameras has tens of thousands of duplicate camera sites; a report
that printed every one would be hundreds of megabytes that no auditor opens. The report
therefore keeps every headline figure, area and rule section, but lists at most
``limit`` findings per rule (``--report-limit``, :data:`DEFAULT_REPORT_LIMIT`): the most
severe first, then the most money (findings-format.md, "Money": build cost, a camera
site's camera cost, unknown last), then by number. The rest stay in findings.xlsx,
findings.csv and findings.json under the same numbers, and the report says how many.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads the limit to declare an option: no rules imported for it
    from interop.report.catalog import Entry

DEFAULT_REPORT_LIMIT = 200
"""Findings listed per rule in report.html and report.md."""


def money_rank(entry: Entry) -> float | None:
    """The money a listing orders by: build cost, else (a camera site) camera cost."""
    money = entry.money
    return money.build_cost if money.build_cost is not None else money.camera_cost


def listing_order(entry: Entry) -> tuple[int, int, float, str]:
    """Severity (high first), money (most first, unknown last), then the number."""
    from interop.wording import SEVERITY_ORDER  # wording imports every rule: not at import

    severity = str(entry.finding.severity)
    rank = SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
    amount = money_rank(entry)
    return (rank, amount is None, -(amount or 0.0), entry.fid)


@dataclass(frozen=True)
class Listing:
    """The findings of one rule the report lists (in listing order), and how many it leaves out."""

    shown: tuple[Entry, ...]
    total: int

    @property
    def left_out(self) -> int:
        return self.total - len(self.shown)


def listing(entries: Iterable[Entry], limit: int | None = DEFAULT_REPORT_LIMIT) -> Listing:
    """At most ``limit`` of ``entries`` (one rule's), in :func:`listing_order`; None: all."""
    ordered = sorted(entries, key=listing_order)
    if limit is not None and limit < 0:
        raise ValueError(f"the report limit must be 0 or more, not {limit}")
    shown = ordered if limit is None else ordered[:limit]
    return Listing(tuple(shown), len(ordered))
