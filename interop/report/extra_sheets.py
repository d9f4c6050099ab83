"""Sheets of findings.xlsx beyond the findings themselves: rectification (整改情况), the
resolved and unverified findings, accepted risks, and (later) the department scorecard.

Each sheet is plain data — a title, headers, rows, column widths — so that the workbook
writer (:mod:`interop.report.tables`) lays them out like its own sheets, whatever library
writes the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from interop.findings.model import AREAS, Finding, FindingsDocument
from interop.i18n import Lang
from interop.report.catalog import finding_money
from interop.report.rectification import rectification
from interop.report.scorecard import SEVERITY_POINTS, DepartmentScore
from interop.wording import area_name, rule_name, severity_name, text


@dataclass(frozen=True)
class SheetData:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    widths: Sequence[int]


def _rectification_sheet(document: FindingsDocument, lang: Lang) -> SheetData | None:
    rows = rectification(document)
    if rows is None:
        return None
    keys = (
        "rect.rule",
        "rect.resolved",
        "rect.persisting",
        "rect.changed",
        "rect.new",
        "rect.unverified",
        "rect.resolved_build",
        "rect.resolved_om",
        "rect.resolved_camera",
    )
    data = []
    for row in rows:
        money = row.resolved_money
        label = (
            f"{rule_name(row.rule, lang)} ({row.rule})" if row.rule else text("rect.total", lang)
        )
        data.append(
            [
                label,
                row.resolved,
                row.persisting,
                row.changed,
                row.new,
                row.unverified,
                money.build_cost,
                money.annual_om_cost,
                money.camera_cost,
            ]
        )
    return SheetData(
        text("sheet.rectification", lang),
        [text(k, lang) for k in keys],
        data,
        [48, 10, 10, 10, 10, 10, 18, 18, 18],
    )


def _past_row(state: str, finding: Finding, lang: Lang) -> list[Any]:
    money = finding_money(finding)
    return [
        text(f"rect.{state}", lang),
        finding.rule,
        rule_name(finding.rule, lang),
        severity_name(str(finding.severity), lang),
        ";".join(finding.subjects),
        finding.title,
        money.build_cost,
        money.annual_om_cost,
        money.camera_cost,
        finding.evidence_json(),
    ]


def _resolved_sheet(document: FindingsDocument, lang: Lang) -> SheetData | None:
    if document.baseline is None:
        return None
    keys = (
        "round.label",
        "col.rule",
        "col.rule_name",
        "col.severity",
        "col.subjects",
        "col.title",
        "col.build",
        "col.om",
        "col.camera",
        "col.evidence",
    )
    rows = [_past_row("resolved", f, lang) for f in document.resolved or []]
    rows += [_past_row("unverified", f, lang) for f in document.unverified or []]
    return SheetData(
        text("sheet.resolved", lang),
        [text(k, lang) for k in keys],
        rows,
        [12, 30, 28, 9, 24, 48, 14, 14, 14, 60],
    )


def _accepted_sheet(document: FindingsDocument, lang: Lang) -> SheetData | None:
    if document.accepted_warnings is None:
        return None
    keys = (
        "col.rule",
        "col.subjects",
        "col.title",
        "acc.reason",
        "acc.approved_by",
        "acc.expires",
        "col.file",
        "col.row",
        "col.reason",
    )
    rows: list[list[Any]] = []
    for f in document.findings:
        if f.accepted is not None:
            a = f.accepted
            rows.append(
                [
                    f.rule,
                    ";".join(f.subjects),
                    f.title,
                    a.reason,
                    a.approved_by,
                    a.expires.isoformat(),
                    None,
                    None,
                    None,
                ]
            )
    for w in document.accepted_warnings:
        rows.append([w.rule, ";".join(w.subjects), None, None, None, None, w.file, w.row, w.reason])
    return SheetData(
        text("sheet.accepted", lang),
        [text(k, lang) for k in keys],
        rows,
        [30, 24, 48, 40, 16, 12, 20, 8, 60],
    )


def _scorecard_sheet(cards: Sequence[DepartmentScore] | None, lang: Lang) -> SheetData | None:
    """Every department (ranked by score), the figures as numbers for sorting."""
    if cards is None:
        return None
    headers = [
        text("score.rank", lang),
        "id",
        text("score.department", lang),
        text("score.score", lang),
        text("score.findings", lang),
        *(text(f"sev.{s}", lang) for s in SEVERITY_POINTS),
        *(f"{n}. {area_name(n, lang)}" for n in sorted(AREAS)),
        text("money.build", lang),
        text("money.om", lang),
        text("money.camera", lang),
        text("score.unknown", lang),
        text("score.systems_owned", lang),
        text("score.systems_used", lang),
        text("score.cameras", lang),
        text("score.flows_sent", lang),
        text("score.flows_received", lang),
        text("score.accepted", lang),
    ]
    rows = []
    for rank, card in enumerate(cards, start=1):
        row = card.as_row()
        rows.append(
            [
                rank,
                card.id,
                card.name,
                card.score,
                card.findings,
                *(card.by_severity.get(s, 0) for s in SEVERITY_POINTS),
                *(card.by_area.get(n, 0) for n in sorted(AREAS)),
                card.build_cost,
                card.annual_om_cost,
                card.camera_cost,
                row["unknown_amounts"],
                card.systems_owned,
                card.systems_used,
                card.cameras,
                card.flows_sent,
                card.flows_received,
                card.accepted,
            ]
        )
    widths = [6, 14, 30, 8, 8, 6, 6, 6, *([12] * len(AREAS)), 14, 14, 14, 10, 10, 10, 10, 10, 10, 8]
    return SheetData(text("sheet.scorecard", lang), headers, rows, widths)


def extra_sheets(
    document: FindingsDocument,
    lang: Lang,
    scorecard: Sequence[DepartmentScore] | None = None,
) -> list[SheetData]:
    """The extra sheets this document calls for, in workbook order (none for a plain run
    without a scorecard)."""
    made = (
        _scorecard_sheet(scorecard, lang),
        _rectification_sheet(document, lang),
        _resolved_sheet(document, lang),
        _accepted_sheet(document, lang),
    )
    return [sheet for sheet in made if sheet is not None]
