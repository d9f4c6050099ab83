"""The report's pictures: inline SVG drawn by matplotlib, readable offline and script-free.

Four pictures, in the report's language:

- findings by problem area and severity (stacked bars);
- money by rule: the build cost and annual O&M (and camera cost) of each rule's findings;
- departments × areas: a heat map of the findings touching the top departments of the
  scorecard (:data:`HEATMAP_DEPARTMENTS` at most, so it stays legible at any scale);
- with a baseline, resolved versus new (and changed) findings per rule.

Why it is done this way: the report opens on offline networks and runs no script, so a
picture is an ``<svg>`` element in the page. Glyphs are written as paths
(``svg.fonttype = "path"``), so the reader needs no font; the Chinese glyphs come from
Noto Sans CJK SC, shipped by the PyPI package ``noto-cjk-sans-otc`` (OFL), so a plain
``pip install`` draws Chinese everywhere, not only where Debian's fonts-noto-cjk is. The
SVG is cleaned for inlining: no XML prologue, DOCTYPE, metadata or comments (matplotlib
writes each text as a comment — user text, never to be left raw), no namespace URLs,
and every id prefixed per picture so that pictures in one page never share an id.
Without matplotlib or the font the report simply has no pictures.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from interop.findings.model import AREAS, FindingsDocument
from interop.i18n import Lang
from interop.report.catalog import Entry
from interop.report.rectification import rectification
from interop.report.scorecard import DepartmentScore, with_findings
from interop.report.summary import money_by_rule
from interop.wording import area_name, rule_name, rule_sort_key, text

CJK_FAMILY = "Noto Sans CJK SC"
HEATMAP_DEPARTMENTS = 15
"""Departments in the heat map: the first of the scorecard's ranking."""
MONEY_RULES = 12
"""Rules in the money picture: those with the most money tied up."""
SEVERITY_COLOURS = {"high": "#c62828", "medium": "#e07b00", "low": "#8a8f00"}
"""The report's own severity colours (report.html.j2)."""


@dataclass(frozen=True)
class Charts:
    """The report's pictures as inline SVG markup (None when there is nothing to draw)."""

    areas: str | None = None
    money: str | None = None
    heatmap: str | None = None
    rounds: str | None = None


@cache
def _font_family() -> str | None:
    """Register Noto Sans CJK (from its PyPI package) with matplotlib; its SC family name,
    or None when the package is not installed."""
    try:
        import noto_cjk_sans_otc  # type: ignore[import-untyped]
        from matplotlib import font_manager
    except ImportError:
        return None
    font_manager.fontManager.addfont(str(noto_cjk_sans_otc.FONT_PATH))
    return CJK_FAMILY


def _rc() -> Any:
    family = _font_family()
    return {
        "svg.fonttype": "path",
        "svg.hashsalt": "interop",
        "font.family": [family, "DejaVu Sans"] if family else ["DejaVu Sans"],
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


_DROP = (
    re.compile(r"<\?xml[^>]*\?>\s*"),
    re.compile(r"<!DOCTYPE[^>]*>\s*", re.I),
    re.compile(r"<metadata>.*?</metadata>\s*", re.S),
    re.compile(r"<!--.*?-->\s*", re.S),
    re.compile(r'\s+xmlns(:\w+)?="[^"]*"'),
)
_ID = re.compile(r'\bid="([^"]+)"')


def clean_svg(svg: str, prefix: str) -> str:
    """matplotlib's SVG made fit to inline in report.html (see the module docstring)."""
    for pattern in _DROP:
        svg = pattern.sub("", svg)
    ids = set(_ID.findall(svg))
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(
        r'(xlink:href|href)="#([^"]+)"',
        lambda m: f'{m.group(1)}="#{prefix}-{m.group(2)}"' if m.group(2) in ids else m.group(0),
        svg,
    )
    svg = re.sub(
        r"url\(#([^)]+)\)",
        lambda m: f"url(#{prefix}-{m.group(1)})" if m.group(1) in ids else m.group(0),
        svg,
    )
    return svg.replace("<svg ", f'<svg role="img" class="chart {prefix}" ', 1).strip()


def _svg(draw: Any, size: tuple[float, float], prefix: str, title: str) -> str:
    """The figure ``draw`` fills, laid out and written as SVG, cleaned (:func:`clean_svg`).

    What ``figure.savefig(format="svg")`` writes, in a third less time: savefig lays a
    constrained figure out inside a whole extra draw with output disabled (every tick
    and text measured and placed again, for nothing), then draws it for real. Here the
    layout engine runs alone, with the SVG renderer's text metrics (hence the SVG canvas
    first: without it the layout would measure text with Agg's), and the figure is drawn
    once at its own dpi (the layout's renderer leaves it at SVG's 72, which would shrink
    the heat map's raster). Tested equal to savefig's SVG (``tests/outputs/test_charts.py``).
    """
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    with matplotlib.rc_context(_rc()):
        layout = ConstrainedLayoutEngine()
        figure = Figure(figsize=size, layout=layout)
        draw(figure)
        figure.suptitle(title, fontsize=11, x=0.01, ha="left")
        canvas = FigureCanvasSVG(figure)
        dpi = figure.dpi
        with warnings.catch_warnings():  # the draw warns of the same text's missing glyphs
            warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
            layout.execute(figure)
        figure.set_layout_engine("none")
        figure.dpi = dpi
        buffer = io.StringIO()
        canvas.print_svg(buffer, metadata={"Date": None})
    return clean_svg(buffer.getvalue(), prefix)


def _short(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


@dataclass(frozen=True)
class Stacked:
    """Bars of counts per label, stacked by severity (the areas picture)."""

    labels: list[str]
    counts: dict[str, list[int]]
    """Per severity (:data:`SEVERITY_COLOURS`), a count per label."""


@dataclass(frozen=True)
class Grouped:
    """Three bars per label (the money and rounds pictures)."""

    labels: list[str]
    series: tuple[tuple[str, Sequence[float], str], ...]
    """(message key of the legend, a value per label, colour) per bar of a label."""


@dataclass(frozen=True)
class Heat:
    """A grid of counts (the departments × areas picture)."""

    columns: list[str]
    rows: list[str]
    grid: list[list[int]]


@dataclass(frozen=True)
class ChartData:
    """What the pictures show: a few numbers per area, rule and department whatever the
    inventory's size (small to send to the process that draws them; see :func:`draw`)."""

    lang: Lang
    areas: Stacked | None = None
    money: Grouped | None = None
    heatmap: Heat | None = None
    rounds: Grouped | None = None


def chart_data(
    document: FindingsDocument,
    entries: Sequence[Entry],
    cards: Sequence[DepartmentScore] | None,
    lang: Lang,
) -> ChartData:
    """The figures of every picture of the report (:func:`draw` draws them)."""
    return ChartData(
        lang,
        areas=_areas(entries, lang),
        money=_money(entries, lang),
        heatmap=_heat(cards, lang),
        rounds=_rounds(document, lang),
    )


def draw(data: ChartData) -> Charts | None:
    """Every picture of ``data``, or None when matplotlib is not installed."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return None
    lang, areas, money, heat, rounds = data.lang, data.areas, data.money, data.heatmap, data.rounds
    return Charts(
        areas=None if areas is None else _svg(
            _stacked_bars(areas, lang), (7.0, 2.8), "chart-areas", text("chart.areas", lang)
        ),
        money=None if money is None else _svg(
            _grouped_bars(money, "money.unit", lang),
            (7.0, 0.9 + 0.42 * len(money.labels)),
            "chart-money",
            text("chart.money", lang),
        ),
        heatmap=None if heat is None else _svg(
            _heat_map(heat, lang),
            (7.5, 1.8 + 0.32 * len(heat.rows)),
            "chart-heatmap",
            text("chart.heatmap", lang, n=len(heat.rows)),
        ),
        rounds=None if rounds is None else _svg(
            _grouped_bars(rounds, "chart.findings", lang),
            (7.0, 0.9 + 0.42 * len(rounds.labels)),
            "chart-rounds",
            text("chart.rounds", lang),
        ),
    )  # fmt: skip


def draw_charts(
    document: FindingsDocument,
    entries: Sequence[Entry],
    cards: Sequence[DepartmentScore] | None,
    lang: Lang,
) -> Charts | None:
    """Every picture of the report, or None when matplotlib is not installed."""
    return draw(chart_data(document, entries, cards, lang))


def _areas(entries: Sequence[Entry], lang: Lang) -> Stacked | None:
    """Open and accepted findings per problem area, stacked by severity."""
    if not entries:
        return None
    areas = sorted(AREAS)
    counts = {s: [0] * len(areas) for s in SEVERITY_COLOURS}
    for entry in entries:
        severity = str(entry.finding.severity)
        if severity in counts and entry.finding.area in AREAS:
            counts[severity][areas.index(entry.finding.area)] += 1
    labels = [f"{a}. {_short(area_name(a, lang), 16)}" for a in areas]
    return Stacked(labels, counts)


def _stacked_bars(data: Stacked, lang: Lang) -> Callable[[Any], None]:
    def draw(figure: Any) -> None:
        ax = figure.subplots()
        left = [0] * len(data.labels)
        for severity, colour in SEVERITY_COLOURS.items():
            values = data.counts[severity]
            ax.barh(data.labels, values, left=left, color=colour,
                    label=text(f"sev.{severity}", lang))  # fmt: skip
            left = [a + b for a, b in zip(left, values, strict=True)]
        for y, total in enumerate(left):
            ax.text(total, y, f" {total}", va="center", fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel(text("chart.findings", lang))
        ax.legend(title=text("col.severity", lang), loc="lower right", fontsize=8)

    return draw


def _money(entries: Sequence[Entry], lang: Lang) -> Grouped | None:
    """Build cost, annual O&M and camera cost of each rule's findings (the rules with the
    most money; a system found by two rules is counted in both)."""
    sums = money_by_rule(entries)
    rows = [
        (rule, s.build_cost or 0.0, s.annual_om_cost or 0.0, s.camera_cost or 0.0)
        for rule, s in sums.items()
        if (s.build_cost or s.annual_om_cost or s.camera_cost)
    ]
    if not rows:
        return None
    rows.sort(key=lambda r: (-(r[1] + r[3]), rule_sort_key(r[0])))
    rows = rows[:MONEY_RULES]
    return Grouped(
        [_short(rule_name(r[0], lang)) for r in rows],
        (
            ("money.build", [r[1] for r in rows], "#1f5fa8"),
            ("money.om", [r[2] for r in rows], "#7fa7d6"),
            ("money.camera", [r[3] for r in rows], "#5b6673"),
        ),
    )


def _grouped_bars(data: Grouped, unit: str, lang: Lang) -> Callable[[Any], None]:
    """Draws three horizontal bars per label, one per ``(message key, values, colour)`` of
    ``series``, the x axis titled by the message ``unit`` (the money and rounds charts)."""

    def draw(figure: Any) -> None:
        ax = figure.subplots()
        height = 0.27
        for k, (key, values, colour) in enumerate(data.series):
            positions = [y + (k - 1) * height for y in range(len(data.labels))]
            ax.barh(positions, values, height=height, color=colour, label=text(key, lang))
        ax.set_yticks(range(len(data.labels)), data.labels)
        ax.invert_yaxis()
        ax.set_xlabel(text(unit, lang))
        ax.legend(loc="lower right", fontsize=8)

    return draw


def _wrapped(area: int, lang: Lang) -> str:
    """An area's name on short lines, so that five of them fit side by side."""
    import textwrap

    name = area_name(area, lang)
    width = 6 if lang == "zh" else 10
    lines = (
        textwrap.wrap(name, width)
        if lang == "en"
        else [name[i : i + width] for i in range(0, len(name), width)]
    )
    return f"{area}. " + "\n".join(lines[:4])


def _heat(cards: Sequence[DepartmentScore] | None, lang: Lang) -> Heat | None:
    """Findings touching each of the top departments, per problem area."""
    if not cards:
        return None
    top = with_findings(cards)[:HEATMAP_DEPARTMENTS]
    if not top:
        return None
    areas = sorted(AREAS)
    return Heat(
        [_wrapped(a, lang) for a in areas],
        [_short(f"{c.name} ({c.id})", 26) for c in top],
        [[card.by_area.get(a, 0) for a in areas] for card in top],
    )


def _heat_map(data: Heat, lang: Lang) -> Callable[[Any], None]:
    grid = data.grid
    peak = max(max(row) for row in grid) or 1

    def draw(figure: Any) -> None:
        ax = figure.subplots()
        image = ax.imshow(grid, cmap="Reds", aspect="auto", vmin=0, vmax=peak)
        ax.set_xticks(range(len(data.columns)), data.columns)
        ax.set_yticks(range(len(data.rows)), data.rows)
        ax.tick_params(axis="x", labelsize=7.5)
        for y, row in enumerate(grid):
            for x, value in enumerate(row):
                if value:
                    colour = "white" if value > peak * 0.6 else "#1d2733"
                    ax.text(x, y, str(value), ha="center", va="center", fontsize=8, color=colour)
        ax.spines[:].set_visible(False)
        figure.colorbar(image, ax=ax, shrink=0.6, label=text("chart.findings", lang))

    return draw


def _rounds(document: FindingsDocument, lang: Lang) -> Grouped | None:
    """Per rule, resolved against new and changed findings (with a baseline only)."""
    rows = [r for r in (rectification(document) or []) if r.rule]
    rows = [r for r in rows if r.resolved or r.new or r.changed]
    if not rows:
        return None
    return Grouped(
        [_short(rule_name(r.rule, lang)) for r in rows],
        (
            ("rect.resolved", [r.resolved for r in rows], "#2e7d32"),
            ("rect.changed", [r.changed for r in rows], "#e07b00"),
            ("rect.new", [r.new for r in rows], "#c62828"),
        ),
    )
