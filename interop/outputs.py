"""Everything an analysis writes besides findings.json (used by ``interop analyze``/``export``).

Above both writers: the report (:mod:`interop.report`) and the graph pages
(:mod:`interop.viz`), which never import each other's writing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from interop import forked
from interop.findings.model import FindingsDocument
from interop.i18n import DEFAULT_LANG, Lang, check_lang
from interop.report.catalog import Entry, catalog
from interop.report.render import write_report
from interop.report.scorecard import DepartmentScore, scorecard
from interop.report.selection import DEFAULT_REPORT_LIMIT
from interop.report.summary import summarize_graph
from interop.report.tables import write_tables
from interop.steps import StepRunner, record_beside, untimed
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
    parallel: bool = False,
) -> list[Path]:
    """Write one group of outputs: ``graph`` (graph*.html), ``report`` (report.html/.md),
    ``spreadsheets`` (findings.xlsx/.csv) or ``all``; return the paths written.

    The graph supplies what findings.json does not hold: the headline counts (municipal
    departments, vertical systems used, cameras) and the money of idle, underused and
    duplicate systems counted once per system. ``report_limit``: findings the report
    lists per rule (None: all); the spreadsheets always hold every finding. Each output
    is written inside ``step(name)`` (see :mod:`interop.steps`).

    ``parallel`` (with ``all``): the graph pages and the spreadsheets are written by a forked
    copy of this process (:mod:`interop.forked`) while this one writes the report, where
    :func:`~interop.forked.can_fork`; the same files either way.
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
    beside = parallel and what == "all" and forked.can_fork()

    def pages() -> list[Path]:
        return write_graphs(findings, graph, out_dir, language, basemap=basemap, entries=entries)

    def tables() -> list[Path]:
        return write_tables(findings, out_dir, language, scorecard=cards, entries=entries)

    if beside:
        return _beside_the_report(
            findings, graph, out_dir, language, basemap, report_limit, step, entries, cards,
            pages, tables,
        )  # fmt: skip
    written: list[Path] = []
    graphs: list[Path] = []
    if what in ("all", "graph"):
        with step("graph pages"):
            graphs = pages()
    if what in ("all", "report"):
        linked = graphs or [
            out_dir / f for f, _ in page_titles(language) if (out_dir / f).is_file()
        ]
        written += _report(
            findings, graph, out_dir, language, report_limit, step, entries, cards, linked
        )
    if what in ("all", "spreadsheets"):
        with step("findings.xlsx/.csv"):
            written += tables()
    return [*written, *graphs]


def _report(
    findings: FindingsDocument,
    graph: nx.MultiDiGraph,
    out_dir: Path,
    language: Lang,
    report_limit: int | None,
    step: StepRunner,
    entries: list[Entry],
    cards: list[DepartmentScore] | None,
    linked: list[Path],
) -> list[Path]:
    names = dict(page_titles(language))
    source = graph.graph.get("source")
    with step("report summary"):
        summary = summarize_graph(graph, findings)
    return write_report(
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


def _beside_the_report(
    findings: FindingsDocument,
    graph: nx.MultiDiGraph,
    out_dir: Path,
    language: Lang,
    basemap: Basemap | None,
    report_limit: int | None,
    step: StepRunner,
    entries: list[Entry],
    cards: list[DepartmentScore] | None,
    pages: Callable[[], list[Path]],
    tables: Callable[[], list[Path]],
) -> list[Path]:
    """``write_selected("all", parallel=True)``: the pages, then the spreadsheets, in one
    forked copy; the report here. One copy, not one per output: on two cores a third
    process only takes turns, and each copy holds its own copy of every page of memory it
    touches (at the national city ~1 GiB a copy). The report links the pages
    :func:`write_graphs` writes (every page of :func:`page_titles`, and the map with a
    base map), checked after."""
    from interop.viz.basemap import FILE as MAP_FILE

    planned = [out_dir / f for f, _ in page_titles(language)]
    if basemap is not None:
        planned.append(out_dir / MAP_FILE)
    out_dir.mkdir(parents=True, exist_ok=True)
    running = forked.start("the graph pages and the spreadsheets", lambda: _timed(pages, tables))
    try:
        written = _report(
            findings, graph, out_dir, language, report_limit, step, entries, cards, planned
        )
        done = running.join()
    finally:
        running.stop()
    (graphs, pages_wall, pages_cpu), (sheets, sheets_wall, sheets_cpu) = done.value
    record_beside(step, "graph pages", pages_wall, pages_cpu, done.peak_mib, done.own_mib)
    record_beside(step, "findings.xlsx/.csv", sheets_wall, sheets_cpu, None, None)
    if graphs != planned:  # never: write_graphs writes the pages page_titles names
        raise AssertionError(f"the report links {planned}, the pages written are {graphs}")
    return [*written, *sheets, *graphs]


def _timed(*jobs: Callable[[], list[Path]]) -> list[tuple[list[Path], float, float]]:
    """Each job's paths, with its wall and CPU time."""
    out = []
    for job in jobs:
        wall, cpu = time.perf_counter(), time.process_time()
        paths = job()
        out.append((paths, time.perf_counter() - wall, time.process_time() - cpu))
    return out


def write_outputs(
    findings: FindingsDocument,
    graph: nx.MultiDiGraph,
    out_dir: Path,
    lang: str = DEFAULT_LANG,
    basemap: Basemap | None = None,
    *,
    report_limit: int | None = DEFAULT_REPORT_LIMIT,
    step: StepRunner = untimed,
    parallel: bool = False,
) -> list[Path]:
    """Write report.html, report.md, findings.xlsx, findings.csv and the graph*.html pages
    (and map-cameras.html when ``basemap`` names the user's tiles); ``parallel``: see
    :func:`write_selected`."""
    return write_selected(
        "all",
        findings,
        graph,
        out_dir,
        lang,
        basemap,
        report_limit=report_limit,
        step=step,
        parallel=parallel,
    )
