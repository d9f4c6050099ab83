"""What the report shows of rounds and accepted risks: the rectification table (整改情况),
the resolved and unverified findings, the accepted risks and the file's warnings.

Plain data and unescaped strings, like :mod:`interop.report.context`; the templates
``rounds.html.j2`` and ``rounds.md.j2`` escape. None of it exists for a plain analysis.
"""

from __future__ import annotations

from dataclasses import dataclass

from interop.findings.model import Finding, FindingsDocument
from interop.i18n import Lang
from interop.report.evidence import scalar_text
from interop.report.rectification import rectification
from interop.wording import rule_name, severity_name, text

LISTED = 200
"""At most this many resolved (and unverified) findings are listed in the report; the
spreadsheet's sheet lists them all."""


@dataclass(frozen=True)
class RectRow:
    rule: str
    """The rule id ("" for the total row)."""
    name: str
    resolved: int
    persisting: int
    changed: int
    new: int
    unverified: int
    build_cost: str
    annual_om_cost: str
    camera_cost: str
    amounts: tuple[float | None, float | None, float | None]


@dataclass(frozen=True)
class PastFinding:
    """A baseline finding (resolved or unverified) as listed in the report."""

    rule: str
    name: str
    severity: str
    severity_name: str
    subjects: tuple[str, ...]
    title: str


@dataclass(frozen=True)
class AcceptedRow:
    rule: str
    name: str
    subjects: tuple[str, ...]
    title: str
    reason: str
    approved_by: str
    expires: str


@dataclass(frozen=True)
class WarningRow:
    file: str
    row: int
    rule: str
    subjects: str
    reason: str


@dataclass(frozen=True)
class RoundsView:
    baseline_as_of: str | None
    baseline_findings: int | None
    rows: tuple[RectRow, ...]
    resolved: tuple[PastFinding, ...]
    resolved_more: int
    unverified: tuple[PastFinding, ...]
    unverified_more: int
    has_accepted: bool
    accepted: tuple[AcceptedRow, ...]
    warnings: tuple[WarningRow, ...]


def _amount(value: float | None) -> str:
    return "—" if value is None else scalar_text(float(value), "en")


def _past(finding: Finding, lang: Lang) -> PastFinding:
    return PastFinding(
        rule=finding.rule,
        name=rule_name(finding.rule, lang),
        severity=str(finding.severity),
        severity_name=severity_name(str(finding.severity), lang),
        subjects=tuple(finding.subjects),
        title=finding.title,
    )


def rounds_view(document: FindingsDocument, lang: Lang) -> RoundsView | None:
    """The report's rounds and accepted-risks sections, or None when the run had neither."""
    rows = rectification(document)
    if rows is None and document.accepted_warnings is None:
        return None
    rect: list[RectRow] = []
    for row in rows or []:
        money = row.resolved_money
        rect.append(
            RectRow(
                rule=row.rule,
                name=rule_name(row.rule, lang) if row.rule else "",
                resolved=row.resolved,
                persisting=row.persisting,
                changed=row.changed,
                new=row.new,
                unverified=row.unverified,
                build_cost=_amount(money.build_cost),
                annual_om_cost=_amount(money.annual_om_cost),
                camera_cost=_amount(money.camera_cost),
                amounts=(money.build_cost, money.annual_om_cost, money.camera_cost),
            )
        )
    resolved = document.resolved or []
    unverified = document.unverified or []
    accepted = [
        AcceptedRow(
            rule=f.rule,
            name=rule_name(f.rule, lang),
            subjects=tuple(f.subjects),
            title=f.title,
            reason=f.accepted.reason,
            approved_by=f.accepted.approved_by,
            expires=f.accepted.expires.isoformat(),
        )
        for f in document.findings
        if f.accepted is not None
    ]
    warnings = [
        WarningRow(w.file, w.row, w.rule or "", ";".join(w.subjects), w.reason)
        for w in document.accepted_warnings or []
    ]
    baseline = document.baseline
    return RoundsView(
        baseline_as_of=baseline.as_of.isoformat() if baseline else None,
        baseline_findings=baseline.findings if baseline else None,
        rows=tuple(rect),
        resolved=tuple(_past(f, lang) for f in resolved[:LISTED]),
        resolved_more=max(0, len(resolved) - LISTED),
        unverified=tuple(_past(f, lang) for f in unverified[:LISTED]),
        unverified_more=max(0, len(unverified) - LISTED),
        has_accepted=document.accepted_warnings is not None,
        accepted=tuple(accepted),
        warnings=tuple(warnings),
    )


def accepted_words(finding: Finding, lang: Lang) -> str | None:
    """A finding's accepted risk in words, for its place in the report (None if open)."""
    if finding.accepted is None:
        return None
    a = finding.accepted
    return (
        f"{text('acc.reason', lang)}: {a.reason or '—'} · {text('acc.approved_by', lang)}: "
        f"{a.approved_by or '—'} · {text('acc.expires', lang)}: {a.expires.isoformat()}"
    )


def accepted_headline(document: FindingsDocument, lang: Lang) -> tuple[tuple[str, str], ...]:
    """Headline rows that count accepted risks apart from the open findings (with
    ``--accepted`` only)."""
    if document.accepted_warnings is None:
        return ()
    accepted = sum(1 for f in document.findings if f.accepted is not None)
    return (
        (text("head.open_findings", lang), scalar_text(len(document.findings) - accepted, lang)),
        (text("head.accepted", lang), scalar_text(accepted, lang)),
    )
