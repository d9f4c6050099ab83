"""The department scorecard as the report shows it: a table that sorts without script.

report.html must run no script (tests/outputs), so the table is sortable the way a
static page can be: one pre-sorted copy per order (score, findings, high severity,
build cost, O&M, cameras, systems, flows received), each the top departments in that
order, and the column headers link to the copies (``#scorecard-by-build`` …). CSS shows
the copy whose anchor is the page's target (``:target``), the score order otherwise.
Works offline from a file, prints the default order only, and report.md gets the score
order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from interop.findings.model import AREAS
from interop.i18n import Lang
from interop.report.evidence import scalar_text
from interop.report.scorecard import SORT_KEYS, DepartmentScore, top, with_findings
from interop.wording import area_name, text

REPORT_LIMIT = 30
"""Departments per order in the report (all of them are in findings.xlsx)."""


@dataclass(frozen=True)
class ScoreRow:
    rank: int
    id: str
    name: str
    score: int
    findings: int
    accepted: int
    high: int
    medium: int
    low: int
    areas: tuple[int, ...]
    build_cost: str
    annual_om_cost: str
    camera_cost: str
    systems_owned: int
    systems_used: int
    cameras: int
    flows_sent: int
    flows_received: int


@dataclass(frozen=True)
class ScoreOrder:
    key: str
    anchor: str
    label: str
    rows: tuple[ScoreRow, ...]


@dataclass(frozen=True)
class ScorecardView:
    orders: tuple[ScoreOrder, ...]
    """The default (score) order first."""
    area_names: tuple[str, ...]
    shown: int
    total: int
    """Departments touched by anything; the others have nothing to rank."""


def _amount(value: float | None) -> str:
    return "—" if value is None else scalar_text(float(value), "en")


def _row(rank: int, card: DepartmentScore) -> ScoreRow:
    return ScoreRow(
        rank=rank,
        id=card.id,
        name=card.name,
        score=card.score,
        findings=card.findings,
        accepted=card.accepted,
        high=card.by_severity.get("high", 0),
        medium=card.by_severity.get("medium", 0),
        low=card.by_severity.get("low", 0),
        areas=tuple(card.by_area.get(area, 0) for area in sorted(AREAS)),
        build_cost=_amount(card.build_cost),
        annual_om_cost=_amount(card.annual_om_cost),
        camera_cost=_amount(card.camera_cost),
        systems_owned=card.systems_owned,
        systems_used=card.systems_used,
        cameras=card.cameras,
        flows_sent=card.flows_sent,
        flows_received=card.flows_received,
    )


def scorecard_view(
    cards: Sequence[DepartmentScore] | None, lang: Lang, limit: int = REPORT_LIMIT
) -> ScorecardView | None:
    """The report's scorecard, or None without cards (a report made without the graph)."""
    if cards is None:
        return None
    ranked = with_findings(cards)
    orders = []
    for key in SORT_KEYS:
        rows = top(ranked, key, limit)
        orders.append(
            ScoreOrder(
                key=key,
                anchor=f"scorecard-by-{key}",
                label=text(f"score.by.{key}", lang),
                rows=tuple(_row(rank, card) for rank, card in enumerate(rows, start=1)),
            )
        )
    return ScorecardView(
        orders=tuple(orders),
        area_names=tuple(area_name(a, lang) for a in sorted(AREAS)),
        shown=min(limit, len(ranked)),
        total=len(ranked),
    )
