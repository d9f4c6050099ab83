"""Interactive graph pages (pyvis 0.3.2), fully self-contained for offline networks.

``write_graphs(findings, graph, out_dir)`` writes ``graph.html`` (the overview, capped
and aggregated) and one focused page per problem kind: ``graph-silos.html``,
``graph-provincial.html``, ``graph-networks.html`` and ``graph-cameras.html``; with a base
map the user names (``--basemap``), also ``map-cameras.html`` (:mod:`interop.viz.basemap`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from interop.findings.model import FindingsDocument
from interop.i18n import DEFAULT_LANG, Lang, check_lang
from interop.report.catalog import Entry
from interop.viz import cameras, networks, overview, provincial, silos
from interop.viz.index import FindingIndex
from interop.viz.model import Page
from interop.viz.page import DATA_ISLAND_ID, render_page
from interop.wording import text

if TYPE_CHECKING:  # the map (folium, branca: 0.2-0.4 s to import) only with --basemap
    from interop.viz.basemap import Basemap

__all__ = [
    "BUILDERS",
    "DATA_ISLAND_ID",
    "PAGES",
    "GraphPages",
    "build_pages",
    "page_titles",
    "write_camera_map",
    "write_graphs",
]

PAGES: tuple[tuple[str, str], ...] = (
    (overview.FILE, "viz.graph.title"),
    (silos.FILE, "viz.silos.title"),
    (provincial.FILE, "viz.provincial.title"),
    (networks.FILE, "viz.networks.title"),
    (cameras.FILE, "viz.cameras.title"),
)
"""Every page file with the message key of its title, in navigation order."""


def page_titles(lang: Lang) -> list[tuple[str, str]]:
    """(file, title) of every graph page."""
    return [(file, text(key, lang)) for file, key in PAGES]


PageBuilder = Callable[[nx.MultiDiGraph, FindingIndex, Lang, float], Page]
"""What makes one page's content: the graph, the numbered findings by node, the language and
the camera radius (metres)."""

BUILDERS: dict[str, PageBuilder] = {
    overview.FILE: lambda graph, index, lang, _: overview.overview_page(graph, index, lang),
    silos.FILE: lambda graph, index, lang, _: silos.silos_page(graph, index, lang),
    provincial.FILE: lambda graph, index, lang, _: provincial.provincial_page(graph, index, lang),
    networks.FILE: lambda graph, index, lang, _: networks.networks_page(graph, index, lang),
    cameras.FILE: cameras.cameras_page,
}
"""Every page's builder, by file (the files of :data:`PAGES`)."""


class GraphPages:
    """The graph pages of one analysis, written one page at a time (:meth:`write`): all by
    one process (:meth:`write_all`), or each by whichever of two processes is free
    (:mod:`interop.outputs`). The findings' index by node is made once per process, by the
    first page it builds."""

    def __init__(
        self,
        findings: FindingsDocument,
        graph: nx.MultiDiGraph,
        out_dir: Path,
        lang: str = DEFAULT_LANG,
        basemap: Basemap | None = None,
        *,
        entries: Sequence[Entry] | None = None,
    ) -> None:
        self.findings, self.graph, self.out_dir = findings, graph, out_dir
        self.lang: Lang = check_lang(lang)
        self.basemap, self.entries = basemap, entries
        self.radius = float(findings.parameters.get("camera_radius_m", 50.0))
        self._index: FindingIndex | None = None

    files: tuple[str, ...] = tuple(file for file, _ in PAGES)
    """The pages, in navigation order (:meth:`write` takes one of them)."""

    def paths(self) -> list[Path]:
        """Every file the pages are written to, overview first, the map (with ``basemap``)
        last: known before any is written, so the report can link them meanwhile."""
        paths = [self.out_dir / file for file in self.files]
        if self.basemap is not None:
            from interop.viz.basemap import FILE as MAP_FILE

            paths.append(self.out_dir / MAP_FILE)
        return paths

    def index(self) -> FindingIndex:
        if self._index is None:
            self._index = FindingIndex(self.findings, self.graph, self.entries)
        return self._index

    def build(self, file: str) -> Page:
        """One page's content, before rendering."""
        return BUILDERS[file](self.graph, self.index(), self.lang, self.radius)

    def write(self, file: str) -> list[Path]:
        """Write one page (UTF-8); the camera page brings the map with it (``basemap``),
        drawn from the same content. Returns the paths written."""
        page = self.build(file)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / file
        path.write_text(render_page(page, page_titles(self.lang), self.lang), encoding="utf-8")
        if file != cameras.FILE or self.basemap is None:
            return [path]
        return [path, self.write_map(page)]

    def write_map(self, camera_page: Page | None = None) -> Path:
        """Write ``map-cameras.html``: the camera page's content (``camera_page``, when it
        is built already) on the tiles of ``basemap``, which must be given."""
        from interop.viz.basemap import FILE, render_map

        if self.basemap is None:
            raise ValueError("a camera map needs a base map (the user's tile service)")
        page = camera_page or self.build(cameras.FILE)
        path = self.out_dir / FILE
        self.out_dir.mkdir(parents=True, exist_ok=True)
        text = render_map(page, self.graph, self.index(), self.basemap, self.lang, self.radius)
        path.write_text(text, encoding="utf-8")
        return path

    def write_all(self) -> list[Path]:
        """Write every page; their paths, as :meth:`paths` lists them."""
        return [path for file in self.files for path in self.write(file)]


def build_pages(
    findings: FindingsDocument,
    graph: nx.MultiDiGraph,
    lang: Lang,
    entries: Sequence[Entry] | None = None,
) -> list[Page]:
    """Every graph page's content (nodes, edges, notes), before rendering (``entries``: the
    findings' :func:`~interop.report.catalog.catalog`, when the caller has it)."""
    pages = GraphPages(findings, graph, Path(), lang, entries=entries)
    return [pages.build(file) for file in pages.files]


def write_graphs(
    findings: FindingsDocument,
    graph: nx.MultiDiGraph,
    out_dir: Path,
    lang: str = DEFAULT_LANG,
    basemap: Basemap | None = None,
    *,
    entries: Sequence[Entry] | None = None,
) -> list[Path]:
    """Write the graph pages into ``out_dir`` (UTF-8); return their paths, overview first.

    With ``basemap`` (the user's tile service), also ``map-cameras.html``: the camera page's
    content on those tiles (:mod:`interop.viz.basemap`); without it, nothing names a map.
    """
    return GraphPages(findings, graph, out_dir, lang, basemap, entries=entries).write_all()


def write_camera_map(
    findings: FindingsDocument,
    graph: nx.MultiDiGraph,
    out_dir: Path,
    basemap: Basemap,
    lang: str = DEFAULT_LANG,
    camera_page: Page | None = None,
    *,
    entries: Sequence[Entry] | None = None,
) -> Path:
    """Write ``map-cameras.html`` alone: the camera page's content on the user's tiles."""
    pages = GraphPages(findings, graph, out_dir, lang, basemap, entries=entries)
    return pages.write_map(camera_page)
