"""Interactive graph pages (pyvis 0.3.2), fully self-contained for offline networks.

``write_graphs(findings, graph, out_dir)`` writes ``graph.html`` (the overview, capped
and aggregated) and one focused page per problem kind: ``graph-silos.html``,
``graph-provincial.html``, ``graph-networks.html`` and ``graph-cameras.html``; with a base
map the user names (``--basemap``), also ``map-cameras.html`` (:mod:`interop.viz.basemap`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from interop.findings.model import FindingsDocument
from interop.i18n import DEFAULT_LANG, Lang, check_lang
from interop.report.catalog import Entry
from interop.viz.cameras import FILE as CAMERAS_FILE
from interop.viz.cameras import cameras_page
from interop.viz.index import FindingIndex
from interop.viz.model import Page
from interop.viz.networks import networks_page
from interop.viz.overview import overview_page
from interop.viz.page import DATA_ISLAND_ID, render_page
from interop.viz.provincial import provincial_page
from interop.viz.silos import silos_page
from interop.wording import text

if TYPE_CHECKING:  # the map (folium, branca: 0.2-0.4 s to import) only with --basemap
    from interop.viz.basemap import Basemap

__all__ = [
    "DATA_ISLAND_ID",
    "PAGES",
    "build_pages",
    "page_titles",
    "write_camera_map",
    "write_graphs",
]

PAGES: tuple[tuple[str, str], ...] = (
    ("graph.html", "viz.graph.title"),
    ("graph-silos.html", "viz.silos.title"),
    ("graph-provincial.html", "viz.provincial.title"),
    ("graph-networks.html", "viz.networks.title"),
    ("graph-cameras.html", "viz.cameras.title"),
)
"""Every page file with the message key of its title, in navigation order."""


def page_titles(lang: Lang) -> list[tuple[str, str]]:
    """(file, title) of every graph page."""
    return [(file, text(key, lang)) for file, key in PAGES]


def build_pages(
    findings: FindingsDocument,
    graph: nx.MultiDiGraph,
    lang: Lang,
    entries: Sequence[Entry] | None = None,
) -> list[Page]:
    """Every graph page's content (nodes, edges, notes), before rendering (``entries``: the
    findings' :func:`~interop.report.catalog.catalog`, when the caller has it)."""
    index = FindingIndex(findings, graph, entries)
    radius = float(findings.parameters.get("camera_radius_m", 50.0))
    return [
        overview_page(graph, index, lang),
        silos_page(graph, index, lang),
        provincial_page(graph, index, lang),
        networks_page(graph, index, lang),
        cameras_page(graph, index, lang, radius),
    ]


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
    language = check_lang(lang)
    pages = build_pages(findings, graph, language, entries)
    navigation = [(page.file, page.title) for page in pages]
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for page in pages:
        path = out_dir / page.file
        path.write_text(render_page(page, navigation, language), encoding="utf-8")
        paths.append(path)
    if basemap is not None:
        camera_page = next(page for page in pages if page.file == CAMERAS_FILE)
        paths.append(
            write_camera_map(
                findings, graph, out_dir, basemap, language, camera_page, entries=entries
            )
        )
    return paths


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
    from interop.viz.basemap import FILE, render_map

    language = check_lang(lang)
    index = FindingIndex(findings, graph, entries)
    radius = float(findings.parameters.get("camera_radius_m", 50.0))
    page = camera_page or cameras_page(graph, index, language, radius)
    path = out_dir / FILE
    out_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(render_map(page, graph, index, basemap, language, radius), encoding="utf-8")
    return path
