"""What the report templates show, computed once for report.html and report.md.

Everything here is plain data and plain (unescaped) strings; the templates escape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from interop.findings.model import AREAS, FindingsDocument, Origin
from interop.i18n import Lang
from interop.inventory.report import RowIssue
from interop.report.catalog import Entry, catalog
from interop.report.evidence import (
    MAX_LIST_ITEMS,
    FieldsValue,
    fields,
    money_text,
    scalar_text,
)
from interop.report.rounds_view import (
    RoundsView,
    accepted_headline,
    accepted_words,
    rounds_view,
)
from interop.report.scorecard_view import ScorecardView, scorecard_view
from interop.report.selection import DEFAULT_REPORT_LIMIT, listing
from interop.report.summary import (
    MoneySum,
    headline_counts,
    money_by_category,
    money_by_rule,
)
from interop.rules import RULE_BY_ID, RULES, RuleHelp
from interop.wording import area_name, rule_name, rule_sort_key, severity_name, text

GRAPH_PAGE_OF_RULE: dict[str, str] = {
    "silo": "graph-silos.html",
    "sharing": "graph-silos.html",
    "network": "graph-networks.html",
    "provincial": "graph-provincial.html",
    "camera": "graph-cameras.html",
}
"""The focused graph page of each rule family (others: the overview, graph.html)."""


def graph_page_of(rule: str) -> str:
    return GRAPH_PAGE_OF_RULE.get(rule.split(".", 1)[0], "graph.html")


def rule_help(rule: str, lang: Lang = "en") -> RuleHelp | None:
    """The rule's help text in ``lang``; None for a rule interop does not know (a
    findings.json written by another version)."""
    found = RULE_BY_ID.get(rule)
    return found.help[lang] if found is not None else None


def known_rules() -> dict[str, int]:
    """Every rule the report lists (with its area), found or not."""
    return {rule.id: rule.area for rule in RULES}


def declared_checks() -> dict[str, tuple[str, ...]]:
    """The named checks of every version-2 rule, in declared order."""
    return {rule.id: tuple(c.name for c in rule.checks) for rule in RULES if rule.checks}


@dataclass(frozen=True)
class EntryView:
    fid: str
    rule: str
    severity: str
    severity_name: str
    subjects: tuple[str, ...]
    title: str
    detail: str
    evidence: FieldsValue
    money: str | None
    recommendation: str
    graph_page: str | None
    origins: tuple[str, ...] = ()
    """``subject ← return:row`` for subjects whose row came from a collected return."""
    round: str | None = None
    """``new``, ``persisting`` or ``changed`` with a baseline (see round_name), else None."""
    round_name: str | None = None
    accepted: str | None = None
    """The accepted risk in words (reason, approver, expiry), when one is in force."""


@dataclass(frozen=True)
class HelpView:
    criteria: str
    evidence: str
    recommendation: str


@dataclass(frozen=True)
class RuleView:
    id: str
    name: str
    anchor: str
    help: HelpView | None
    entries: tuple[EntryView, ...]
    """The findings listed (at most the report limit; see :mod:`interop.report.selection`)."""
    checks: tuple[tuple[str, int], ...] = ()
    """A version-2 rule's checks made, each with the number of findings that failed it."""
    not_checked: tuple[tuple[str, str], ...] = ()
    """Its checks not made (the inventory did not collect a column): (check, columns)."""
    total: int = 0
    """All the rule's findings, listed or not."""

    @property
    def left_out(self) -> int:
        """Findings of the rule the report does not list (they are in the spreadsheets)."""
        return self.total - len(self.entries)

    @property
    def more_anchor(self) -> str:
        """Where the report says how many findings it leaves out, and where they are."""
        return f"{self.anchor}-more"


@dataclass(frozen=True)
class FindingLink:
    """How the report points at a finding by number: its anchor when listed, else the
    rule's "N more" note, saying that the finding is in the spreadsheets."""

    fid: str
    href: str
    listed: bool
    where: str | None = None
    """For a finding not listed: where to find it (findings.xlsx / findings.csv)."""


@dataclass(frozen=True)
class MoneyRow:
    label: str
    findings: int | None
    systems: int | None
    build_cost: str
    annual_om_cost: str
    camera_cost: str
    unknown: int | None
    subtotal: bool = False
    amounts: tuple[float | None, float | None, float | None] = (None, None, None)
    """Build cost, annual O&M and camera cost as numbers (for the workbook)."""


@dataclass(frozen=True)
class AreaView:
    number: int
    name: str
    anchor: str
    rules: tuple[RuleView, ...]
    count: int
    money_rows: tuple[MoneyRow, ...] = field(default=())


@dataclass(frozen=True)
class LoadView:
    tables: tuple[tuple[str, int, int, int], ...]
    rejected: tuple[RowIssue, ...]
    warnings: tuple[RowIssue, ...]


@dataclass(frozen=True)
class ReportContext:
    lang: Lang
    title: str
    as_of: str
    source: str | None
    headline: tuple[tuple[str, str], ...]
    per_rule: tuple[tuple[str, str, str, int, str], ...]
    """(anchor, rule id, rule name, findings, severities in words)."""
    money: tuple[MoneyRow, ...]
    money_distinct: bool
    areas: tuple[AreaView, ...]
    load: LoadView
    parameters: tuple[tuple[str, str], ...]
    graph_pages: tuple[tuple[str, str], ...]
    entries: tuple[Entry, ...]
    limit: int | None = DEFAULT_REPORT_LIMIT
    """Findings listed per rule (None: all)."""
    anchors: Mapping[str, str] = field(default_factory=dict)
    """Finding number -> the anchor of its listing, or of its rule's "N more" note."""
    listed: frozenset[str] = frozenset()
    """Numbers of the findings the report lists."""
    rounds: RoundsView | None = None
    """Rectification and accepted risks (interop.report.rounds_view), None without them."""
    scorecard: ScorecardView | None = None
    """The department scorecard (needs the graph: ``inventory_summary["scorecard"]``)."""
    charts: Any = None
    """The report's pictures (interop.report.charts), None when not drawn."""

    def t(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)

    def link(self, fid: str) -> FindingLink:
        """How to point at finding ``fid`` (a number of :func:`interop.report.catalog.catalog`)."""
        if fid in self.listed:
            return FindingLink(fid, fid, True)
        where = text("report.left_out_where", self.lang)
        return FindingLink(fid, self.anchors.get(fid, "findings"), False, where)


def anchor_of_rule(rule: str) -> str:
    return "rule-" + "".join(c if c.isalnum() else "-" for c in rule)


def _amount(value: Any) -> str:
    return "—" if value is None else scalar_text(float(value), "en")


def shortened(items: Sequence[str], limit: int = MAX_LIST_ITEMS) -> tuple[str, ...]:
    """At most ``limit`` items, then ``… +N`` for the rest (as evidence lists are shortened;
    findings.json and the spreadsheets hold them all): a function built by 3,000 units of a
    national inventory would put 3,000 subjects in each of the report's two listings."""
    if len(items) <= limit:
        return tuple(items)
    return (*items[:limit], f"… +{len(items) - limit}")


def origin_texts(subjects: Sequence[str], origins: Mapping[str, Origin]) -> tuple[str, ...]:
    """Where each subject came from, as ``S01 ← 市公安局:12`` (return and row)."""
    shown = []
    for subject in subjects:
        origin = origins.get(subject)
        if origin is not None:
            row = "" if origin.row is None else f":{origin.row}"
            shown.append(f"{subject} ← {origin.source}{row}")
    return tuple(shown)


def _entry_view(
    entry: Entry, lang: Lang, graph_pages: set[str], origins: Mapping[str, Origin]
) -> EntryView:
    finding = entry.finding
    evidence = {k: v for k, v in finding.evidence.items() if k != "money"}
    money = finding.evidence.get("money")
    page = graph_page_of(finding.rule)
    return EntryView(
        fid=entry.fid,
        rule=finding.rule,
        severity=str(finding.severity),
        severity_name=severity_name(str(finding.severity), lang),
        subjects=shortened(finding.subjects),
        title=finding.title,
        detail=finding.detail,
        evidence=fields(evidence, lang),
        money=money_text(money, lang) if isinstance(money, Mapping) else None,
        recommendation=finding.recommendation,
        graph_page=page if page in graph_pages else None,
        origins=shortened(origin_texts(finding.subjects, origins)),
        round=finding.round,
        round_name=text(f"round.{finding.round}", lang) if finding.round else None,
        accepted=accepted_words(finding, lang),
    )


def _money_rows(
    entries: Sequence[Entry], inventory_summary: Mapping[str, Any] | None, lang: Lang
) -> tuple[tuple[MoneyRow, ...], bool]:
    money, distinct = money_by_category(entries, inventory_summary)
    rows = []
    for key in ("idle", "underused", "duplicate", "total"):
        item = money.get(key) or {}
        unknown = item.get("unknown")
        rows.append(
            MoneyRow(
                label=text(f"money.{key}", lang),
                findings=item.get("findings"),
                systems=item.get("systems"),
                build_cost=_amount(item.get("build_cost")),
                annual_om_cost=_amount(item.get("annual_om_cost")),
                camera_cost="—",
                unknown=len(unknown) if isinstance(unknown, list) and distinct else None,
                subtotal=key == "total",
                amounts=(item.get("build_cost"), item.get("annual_om_cost"), None),
            )
        )
    return tuple(rows), distinct


def _area2_rows(entries: Sequence[Entry], lang: Lang) -> tuple[MoneyRow, ...]:
    """Money of the other areas' findings, per area and rule, with area subtotals."""
    by_rule = money_by_rule(entries)
    area_of = {e.finding.rule: e.finding.area for e in entries}
    rows: list[MoneyRow] = []
    grand = MoneySum()
    for area in sorted(AREAS):
        if area == 2:
            continue
        rules = sorted((r for r in by_rule if area_of[r] == area), key=rule_sort_key)
        if not rules:
            continue
        subtotal = MoneySum()
        for rule in rules:
            sums = by_rule[rule]
            subtotal = subtotal.merge(sums)
            rows.append(
                MoneyRow(
                    label=f"{area_name(area, lang)} · {rule_name(rule, lang)}",
                    findings=sums.findings,
                    systems=None,
                    build_cost=_amount(sums.build_cost),
                    annual_om_cost=_amount(sums.annual_om_cost),
                    camera_cost=_amount(sums.camera_cost),
                    unknown=None,
                    amounts=(sums.build_cost, sums.annual_om_cost, sums.camera_cost),
                )
            )
        grand = grand.merge(subtotal)
        rows.append(
            MoneyRow(
                label=f"{area_name(area, lang)} · {text('money.subtotal', lang)}",
                findings=subtotal.findings,
                systems=None,
                build_cost=_amount(subtotal.build_cost),
                annual_om_cost=_amount(subtotal.annual_om_cost),
                camera_cost=_amount(subtotal.camera_cost),
                unknown=None,
                subtotal=True,
                amounts=(subtotal.build_cost, subtotal.annual_om_cost, subtotal.camera_cost),
            )
        )
    if rows:
        rows.append(
            MoneyRow(
                label=text("money.subtotal", lang),
                findings=grand.findings,
                systems=None,
                build_cost=_amount(grand.build_cost),
                annual_om_cost=_amount(grand.annual_om_cost),
                camera_cost=_amount(grand.camera_cost),
                unknown=None,
                subtotal=True,
                amounts=(grand.build_cost, grand.annual_om_cost, grand.camera_cost),
            )
        )
    return tuple(rows)


def _check_counts(
    document: FindingsDocument, entries: Sequence[Entry]
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Per version-2 rule, its checks that were made, in declared order, each with the
    number of findings that failed it (0 included)."""
    unmade = {(n.rule, n.check) for n in document.not_checked}
    counts: dict[str, dict[str, int]] = {}
    for rule, names in declared_checks().items():
        counts[rule] = {name: 0 for name in names if (rule, name) not in unmade}
    for entry in entries:
        for failed in entry.finding.evidence.get("checks", ()):
            per_rule = counts.setdefault(entry.finding.rule, {})
            per_rule[failed["check"]] = per_rule.get(failed["check"], 0) + 1
    return {rule: tuple(c.items()) for rule, c in counts.items() if c}


@dataclass(frozen=True)
class Figures:
    """The report's figures (headline, findings per rule, money), which the workbook's
    summary and area-2 sheets show too: computed without wording any finding."""

    headline: tuple[tuple[str, str], ...]
    per_rule: tuple[tuple[str, str, str, int, str], ...]
    money: tuple[MoneyRow, ...]
    money_distinct: bool
    area2: tuple[MoneyRow, ...]


def report_figures(
    document: FindingsDocument,
    entries: Sequence[Entry],
    lang: Lang,
    inventory_summary: Mapping[str, Any] | None = None,
) -> Figures:
    """Headline counts, findings per rule by severity, and the money tables."""
    counts = headline_counts(document, inventory_summary)
    headline = tuple(
        (text(f"head.{key}", lang), "—" if counts[key] is None else scalar_text(counts[key], lang))
        for key in ("units", "departments", "systems", "vertical", "cameras", "findings")
    ) + accepted_headline(document, lang)
    severities_of: dict[str, dict[str, int]] = {rule: {} for rule in known_rules()}
    for entry in entries:
        found = severities_of.setdefault(entry.finding.rule, {})
        severity = str(entry.finding.severity)
        found[severity] = found.get(severity, 0) + 1
    per_rule = []
    for rule in sorted(severities_of, key=rule_sort_key):
        found = severities_of[rule]
        severities = ", ".join(
            f"{severity_name(s, lang)} {n}"
            for s in ("high", "medium", "low")
            if (n := found.get(s))
        )
        per_rule.append(
            (anchor_of_rule(rule), rule, rule_name(rule, lang), sum(found.values()), severities)
        )
    money_rows, distinct = _money_rows(entries, inventory_summary, lang)
    return Figures(headline, tuple(per_rule), money_rows, distinct, _area2_rows(entries, lang))


def build_context(
    document: FindingsDocument,
    lang: Lang,
    inventory_summary: Mapping[str, Any] | None = None,
    graph_pages: Sequence[tuple[str, str]] = (),
    source: str | None = None,
    *,
    limit: int | None = DEFAULT_REPORT_LIMIT,
    entries: Sequence[Entry] | None = None,
) -> ReportContext:
    """Everything the report shows, in report order; at most ``limit`` findings per rule
    (None: all) are listed with their evidence, the rest are counted (see
    :mod:`interop.report.selection`, the one place that chooses them). ``entries``: the
    document's :func:`~interop.report.catalog.catalog`, when the caller has it already."""
    entries = catalog(document) if entries is None else entries
    pages = {name for name, _ in graph_pages}
    by_rule: dict[str, list[Entry]] = {}
    for entry in entries:
        by_rule.setdefault(entry.finding.rule, []).append(entry)
    rules_by_area: dict[int, set[str]] = {a: set() for a in AREAS}
    for rule, area in known_rules().items():
        rules_by_area.setdefault(area, set()).add(rule)
    for rule, found in by_rule.items():
        rules_by_area.setdefault(found[0].finding.area, set()).add(rule)
    figures = report_figures(document, entries, lang, inventory_summary)
    checks = _check_counts(document, entries)
    unmade: dict[str, list[tuple[str, str]]] = {}
    for item in document.not_checked:
        unmade.setdefault(item.rule, []).append((item.check, ", ".join(item.missing_columns)))
    areas = []
    anchors: dict[str, str] = {}
    listed: set[str] = set()
    for number in sorted(rules_by_area):
        rules = []
        for rule in sorted(rules_by_area[number], key=rule_sort_key):
            help_ = rule_help(rule, lang)
            chosen = listing(by_rule.get(rule, ()), limit)
            view = RuleView(
                id=rule,
                name=rule_name(rule, lang),
                anchor=anchor_of_rule(rule),
                help=HelpView(help_.criteria, help_.evidence, help_.recommendation)
                if help_ is not None
                else None,
                entries=tuple(_entry_view(e, lang, pages, document.origins) for e in chosen.shown),
                checks=checks.get(rule, ()),
                not_checked=tuple(unmade.get(rule, ())),
                total=chosen.total,
            )
            rules.append(view)
            listed.update(e.fid for e in chosen.shown)
            anchors.update((e.fid, view.more_anchor) for e in by_rule.get(rule, ()))
        areas.append(
            AreaView(
                number=number,
                name=area_name(number, lang),
                anchor=f"area-{number}",
                rules=tuple(rules),
                count=sum(r.total for r in rules),
                money_rows=figures.area2 if number == 2 else (),
            )
        )
    anchors.update((fid, fid) for fid in listed)
    load = document.load
    return ReportContext(
        lang=lang,
        title=text("report.title", lang),
        as_of=document.as_of.isoformat(),
        source=source,
        headline=figures.headline,
        per_rule=figures.per_rule,
        money=figures.money,
        money_distinct=figures.money_distinct,
        areas=tuple(areas),
        load=LoadView(
            tables=tuple((name, c.read, c.loaded, c.rejected) for name, c in load.tables.items()),
            rejected=tuple(load.rejected),
            warnings=tuple(load.warnings),
        ),
        parameters=tuple(
            (str(k), scalar_text(v, lang)) for k, v in sorted(document.parameters.items())
        ),
        graph_pages=tuple(graph_pages),
        entries=tuple(entries),
        limit=limit,
        anchors=anchors,
        listed=frozenset(listed),
        rounds=rounds_view(document, lang),
        scorecard=scorecard_view((inventory_summary or {}).get("scorecard"), lang),
    )
