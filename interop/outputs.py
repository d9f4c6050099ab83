"""Everything an analysis writes besides findings.json (used by ``interop analyze``/``export``).

Above both writers: the report (:mod:`interop.report`) and the graph pages
(:mod:`interop.viz`), which never import each other's writing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from interop.findings.model import FindingsDocument
from interop.i18n import DEFAULT_LANG, check_lang
from interop.report.catalog import catalog
from interop.report.render import write_report
from interop.report.scorecard import scorecard
from interop.report.selection import DEFAULT_REPORT_LIMIT
from interop.report.summary import summarize_graph
from interop.report.tables import write_tables
from interop.steps import StepRunner, untimed
from interop.viz import page_titles, write_graphs

if TYPE_CHECKING:
    from interop.viz.basemap import Basemap

SELECTIONS = ("all", "graph", "report", "spreadsheets")
"""What :func:`write_selected` can write."""


def write_selected(
    what: str,
    findings: FindingsDocument,
    graph: nx.MultiDiGraph,
    out_dir: Path,
    lang: str = DEFAULT_LANG,
    basemap: Basemap | None = None,
    *,
    report_limit: int | None = DEFAULT_REPORT_LIMIT,
    step: StepRunner = untimed,
) -> list[Path]:
    """Write one group of outputs: ``graph`` (graph*.html), ``report`` (report.html/.md),
    ``spreadsheets`` (findings.xlsx/.csv) or ``all``; return the paths written.

    The graph supplies what findings.json does not hold: the headline counts (municipal
    departments, vertical systems used, cameras) and the money of idle, underused and
    duplicate systems counted once per system. ``report_limit``: findings the report
    lists per rule (None: all); the spreadsheets always hold every finding. Each output
    is written inside ``step(name)`` (see :mod:`interop.steps`).
    """
    if what not in SELECTIONS:
        raise ValueError(f"unknown output group {what!r}; choose one of {', '.join(SELECTIONS)}")
    language = check_lang(lang)
    with step("finding numbers"):  # one catalog (F0001 …) for the report, sheets and pages
        entries = catalog(findings)
    cards = None
    if what in ("all", "report", "spreadsheets"):
        with step("department scorecard"):
            cards = scorecard(graph, findings)
    written: list[Path] = []
    graphs: list[Path] = []
    if what in ("all", "graph"):
        with step("graph pages"):
            graphs = write_graphs(
                findings, graph, out_dir, language, basemap=basemap, entries=entries
            )
    if what in ("all", "report"):
        titles = page_titles(language)
        linked = graphs or [out_dir / f for f, _ in titles if (out_dir / f).is_file()]
        names = dict(titles)
        source = graph.graph.get("source")
        with step("report summary"):
            summary = summarize_graph(graph, findings)
        written += write_report(
            findings,
            out_dir,
            language,
            {**summary, "scorecard": cards},
            graph_pages=[(p.name, names.get(p.name, p.name)) for p in linked],
            source=str(source) if source else None,
            limit=report_limit,
            step=step,
            entries=entries,
        )
    if what in ("all", "spreadsheets"):
        with step("findings.xlsx/.csv"):
            written += write_tables(findings, out_dir, language, scorecard=cards, entries=entries)
    return [*written, *graphs]


def write_outputs(
    findings: FindingsDocument,
    graph: nx.MultiDiGraph,
    out_dir: Path,
    lang: str = DEFAULT_LANG,
    basemap: Basemap | None = None,
    *,
    report_limit: int | None = DEFAULT_REPORT_LIMIT,
    step: StepRunner = untimed,
) -> list[Path]:
    """Write report.html, report.md, findings.xlsx, findings.csv and the graph*.html pages
    (and map-cameras.html when ``basemap`` names the user's tiles)."""
    return write_selected(
        "all", findings, graph, out_dir, lang, basemap, report_limit=report_limit, step=step
    )
