"""Everything an analysis writes besides findings.json, and findings.json when asked (used
by ``interop analyze``/``export``).

Above both writers: the report (:mod:`interop.report`) and the graph pages
(:mod:`interop.viz`), which never import each other's writing.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from interop import forked
from interop.findings.model import EvidenceTexts, FindingsDocument
from interop.i18n import DEFAULT_LANG, check_lang
from interop.report.catalog import catalog
from interop.report.charts import chart_data
from interop.report.render import write_report
from interop.report.scorecard import DepartmentScore, scorecard
from interop.report.selection import DEFAULT_REPORT_LIMIT
from interop.report.summary import summarize_graph
from interop.report.tables import FINDINGS_CSV, FINDINGS_XLSX, write_csv, write_xlsx
from interop.steps import StepRunner, record_beside, untimed
from interop.viz import GraphPages, page_titles
from interop.viz.cameras import FILE as CAMERAS_FILE
from interop.viz.networks import FILE as NETWORKS_FILE
from interop.viz.overview import FILE as OVERVIEW_FILE
from interop.viz.provincial import FILE as PROVINCIAL_FILE
from interop.viz.silos import FILE as SILOS_FILE

if TYPE_CHECKING:
    from interop.report.drawer import Drawer
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
    drawer: Drawer | None = None,
    findings_json: Path | None = None,
) -> list[Path]:
    """Write one group of outputs: ``graph`` (graph*.html), ``report`` (report.html/.md),
    ``spreadsheets`` (findings.xlsx/.csv) or ``all``; return the paths written
    (``findings_json`` first: that file is written too, before the others).

    The graph supplies what findings.json does not hold: the headline counts (municipal
    departments, vertical systems used, cameras) and the money of idle, underused and
    duplicate systems counted once per system. ``report_limit``: findings the report
    lists per rule (None: all); the spreadsheets always hold every finding. Each output
    is written inside ``step(name)`` (see :mod:`interop.steps`).

    ``parallel`` (with ``all``): findings.xlsx is written by a forked copy of this process
    (:mod:`interop.forked`) while this one writes findings.json and the report, and
    findings.csv and the graph pages by whichever is free first (the pages here from
    :data:`PAGES_BESIDE_BELOW` findings on), where :func:`~interop.forked.can_fork`;
    ``drawer``: the report's pictures are drawn by it (:mod:`interop.report.drawer`) while
    the other outputs are written. The same files either way.
    """
    if what not in SELECTIONS:
        raise ValueError(f"unknown output group {what!r}; choose one of {', '.join(SELECTIONS)}")
    language = check_lang(lang)
    with step("finding numbers"):  # one catalog (F0001 …) for the report, sheets and pages
        entries = catalog(findings)
    cards: list[DepartmentScore] | None = None
    pictures = None
    beside = parallel and what == "all" and forked.can_fork()
    # the scorecard, made here once the workbook's copy is forked, which needs it last
    later: forked.Later[list[DepartmentScore]] | None = (
        forked.Later("the department scorecard") if beside else None
    )
    texts: EvidenceTexts | None = None
    if beside and findings_json is not None and len(findings.findings) < EVIDENCE_ONCE_BELOW:
        # the evidence as JSON once, for findings.json here and the workbook's copy, which
        # then reads one buffer, not the evidence's objects (EvidenceTexts)
        with step("evidence as JSON"):
            texts = EvidenceTexts(findings.findings)

    def score_and_draw() -> None:
        """The scorecard (for the report and the workbook), and the report's pictures
        sent to be drawn."""
        nonlocal cards, pictures
        if what in ("all", "report", "spreadsheets"):
            with step("department scorecard"):
                cards = scorecard(graph, findings)
            if later is not None:
                later.send(cards)
        if drawer is not None and what in ("all", "report"):
            with step("report pictures"):  # their figures, sent to be drawn
                pictures = drawer.draw(chart_data(findings, entries, cards, language), step)

    graph_pages = GraphPages(findings, graph, out_dir, language, basemap, entries=entries)

    def report(linked: list[Path]) -> list[Path]:
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
            pictures=pictures,
        )

    def workbook() -> list[Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        # (forked before this process made the scorecard: the copy takes it when it needs it)
        scored = cards if later is None else later.get
        return [write_xlsx(findings, out_dir / FINDINGS_XLSX, language, entries, scored, texts)]

    def table() -> list[Path]:
        return [write_csv(findings, out_dir / FINDINGS_CSV, language, entries)]

    def document() -> list[Path]:
        if findings_json is None:
            return []
        nonlocal texts
        with step("findings.json"):
            findings.write_json(findings_json, texts)
        texts = None  # (here: the copy has its own)
        return [findings_json]

    if later is not None:
        shared = SHARED if len(findings.findings) < PAGES_BESIDE_BELOW else (FINDINGS_CSV,)
        try:
            return _beside_the_workbook(
                out_dir,
                step,
                score_and_draw,
                document,
                graph_pages,
                report,
                workbook,
                table,
                shared,
            )
        finally:
            later.close()
    score_and_draw()
    written = document()
    graphs: list[Path] = []
    if what in ("all", "graph"):
        for file in graph_pages.files:
            with step(file):
                graphs += graph_pages.write(file)
    if what in ("all", "report"):
        written += report(
            graphs or [out_dir / f for f, _ in page_titles(language) if (out_dir / f).is_file()]
        )
    if what in ("all", "spreadsheets"):
        with step(FINDINGS_XLSX):
            written += workbook()
        with step(FINDINGS_CSV):
            written += table()
    return [*written, *graphs]


def _beside_the_workbook(
    out_dir: Path,
    step: StepRunner,
    first: Callable[[], None],
    document: Callable[[], list[Path]],
    pages: GraphPages,
    report: Callable[[list[Path]], list[Path]],
    workbook: Callable[[], list[Path]],
    table: Callable[[], list[Path]],
    shared: Sequence[str],
) -> list[Path]:
    """``write_selected("all", parallel=True)``: findings.xlsx in one forked copy;
    ``first`` (the scorecard, which the copy takes when it comes to its sheet, and the
    pictures sent), findings.json (when asked) and the report
    (linking the graph pages, whose files are known before they are written) here; the
    ``shared`` outputs (:data:`SHARED`, or findings.csv alone) by whichever of the two is
    free first (:class:`~interop.forked.Jobs`, in that order), the graph pages not shared
    here, first.
    The workbook is the longest output, about as long as the others together at a
    million cameras, a few tenths of a second at ``make demo``'s city: which side the
    rest goes to is what balances them, and that changes with the city. One copy, not one
    per output: on two cores a third process only takes turns (the report's drawer, when
    there is one, draws for a second or so), and each copy holds its own copy of every
    page of memory it touches."""
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = forked.Jobs(shared)
    mine = [file for file in SHARED if file not in shared]

    def run(name: str) -> list[Path]:
        return table() if name == FINDINGS_CSV else pages.write(name)

    def beside() -> list[tuple[str, list[Path], float, float]]:
        done = [(FINDINGS_XLSX, *_timed(workbook))]
        return done + [(name, *_timed(run, name)) for name in jobs.taken()]

    here: dict[str, list[Path]] = {}
    try:
        running = forked.start(OTHER_PROCESS, beside)
        try:
            first()
            written = document()
            written += report(pages.paths())
            for name in itertools.chain(mine, jobs.taken()):  # (taken one by one)
                with step(name):
                    here[name] = run(name)
            with step(f"waiting for {OTHER_PROCESS}"):  # shown while it lasts, as any step
                done = running.join()
        finally:
            running.stop()
    finally:
        jobs.close()
    for k, (name, paths, wall, cpu) in enumerate(done.value):
        # one process: its memory told once, with the workbook
        record_beside(step, name, done if k == 0 else replace(done, peak_mib=None), wall, cpu)
        here[name] = paths
    return [*written, *here[FINDINGS_XLSX], *here[FINDINGS_CSV],
            *(path for file in pages.files for path in here[file])]  # fmt: skip


PAGES_BESIDE_BELOW = 100_000
"""The copy writes graph pages (when it is free first) for fewer findings than this. Its
first page makes its own index of the findings by node, and reading the findings makes
their memory pages its own (reference counts are writes): at the national city (197,726
findings) that was 300 MB more at the run's end, when this process is at its largest
too; there the copy, done with the workbook after this process is done with the report,
writes findings.csv at most."""

EVIDENCE_ONCE_BELOW = 100_000
"""The findings' evidence is made JSON once, before the workbook's copy is forked
(:class:`~interop.findings.model.EvidenceTexts`), for fewer findings than this. The buffer
is held here until findings.json is written and by the copy until it ends: at the
national city (197,726 findings, 390 MB of findings.json) the run's peak went past 4 GiB
(4,104 MiB, a bound, against 3,947); at a million cameras (42,992 findings) the buffer,
92 MB, saved 0.2-0.6 s of wall time (two series of runs taking turns)."""


OTHER_PROCESS = "the other outputs"
"""The copy that writes findings.xlsx and then whatever is left of :data:`SHARED`, in
messages and the wait for it."""

SHARED = (CAMERAS_FILE, NETWORKS_FILE, FINDINGS_CSV, OVERVIEW_FILE, SILOS_FILE, PROVINCIAL_FILE)
"""The outputs written by whichever process is free first, in this order: the longest
first at a million cameras (the cameras' page 1.4–2.2 s, the network page and
findings.csv about 1 s each, the overview 0.4–1.1 s, the others a few tenths; the first
page a process writes also makes its findings index), so that what is left when the
copy is done with the workbook is short: the copy, last to be free there, had taken the
cameras' page and kept this process waiting a second for it. At ``make demo``'s city
the copy is done first and takes them; past :data:`PAGES_BESIDE_BELOW` findings (the
national city) only findings.csv is shared."""


def _timed(job: Callable[..., list[Path]], *args: str) -> tuple[list[Path], float, float]:
    """``job(*args)``'s paths, with its wall and CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    paths = job(*args)
    return paths, time.perf_counter() - wall, time.process_time() - cpu


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
    drawer: Drawer | None = None,
    findings_json: Path | None = None,
) -> list[Path]:
    """Write report.html, report.md, findings.xlsx, findings.csv and the graph*.html pages
    (and map-cameras.html when ``basemap`` names the user's tiles); ``parallel``,
    ``drawer`` and ``findings_json``: see :func:`write_selected`."""
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
        drawer=drawer,
        findings_json=findings_json,
    )
