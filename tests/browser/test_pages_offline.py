"""The pages in a real browser, offline: they render, reach nothing, and run no user text.

Playwright for Python drives Debian's Chromium (``/usr/bin/chromium``, installed by
``scripts/setup-browser.sh``; ``playwright install`` is never used). Every request the
pages make is routed through a handler that lets local ones (``file:``, ``data:``,
``blob:``) through and records and aborts anything else; the context is also offline.
``browser_type.launch`` gives every browser a fresh temporary profile (Playwright passes
its own ``--user-data-dir``), so nothing cached from an earlier run can hide a request.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from outputs.hostile import HREF, IMG, PAYLOADS, SCRIPT, SVG, hostile_analysis

from browser.chromium import CHROMIUM, LAUNCH_ARGS
from interop.analysis import analyze
from interop.graph import build_graph
from interop.loaders import load_inventory
from interop.outputs import write_outputs
from interop.parameters import Parameters
from interop.viz import build_pages
from interop.viz.tooltips import safe_title

pytestmark = pytest.mark.browser

LOCAL = ("file:", "data:", "blob:", "about:")
ZWSP = "\u200b"
GRAPH_PAGES = (
    "graph.html",
    "graph-silos.html",
    "graph-provincial.html",
    "graph-networks.html",
    "graph-cameras.html",
)


@dataclass
class Site:
    """Outputs written to a folder, with the node/edge counts the writer put in each page."""

    out: Path
    counts: dict[str, tuple[int, int]]


def _site(document: Any, graph: Any, out: Path) -> Site:
    write_outputs(document, graph, out, "zh")
    pages = build_pages(document, graph, "zh")
    return Site(out, {p.file: (len(p.nodes), len(p.edges)) for p in pages})


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    document, graph = hostile_analysis()
    return _site(document, graph, tmp_path_factory.mktemp("browser-hostile"))


@pytest.fixture(scope="module")
def every_rule_site(every_rule_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The repository's every-rule inventory (a finding of every rule), analysed and written."""
    inventory = load_inventory(every_rule_dir)
    document = analyze(inventory, Parameters(as_of=date(2021, 6, 30)))
    return _site(document, build_graph(inventory), tmp_path_factory.mktemp("browser-every-rule"))


@pytest.fixture(scope="module")
def tiny_site(tiny_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The shared tiny example (conformance: its scorecard's order is known)."""
    inventory = load_inventory(tiny_dir)
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    return _site(document, build_graph(inventory), tmp_path_factory.mktemp("browser-tiny"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run scripts/setup-browser.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@dataclass
class Tab:
    page: Any
    remote: list[str] = field(default_factory=list)
    """Requests that tried to leave the machine (aborted)."""
    errors: list[str] = field(default_factory=list)

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def check_clean(self) -> None:
        assert self.remote == [], f"requests tried to leave the machine: {self.remote}"
        assert self.errors == [], f"page errors: {self.errors}"
        assert self.page.evaluate("typeof window.__pwned") == "undefined", "a payload ran"
        assert self.page.evaluate("document.querySelectorAll('[onerror],[onload]').length") == 0


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 1000})
    remote: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            remote.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    opened = Tab(page, remote)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else remote.append(r.url))
    yield opened
    context.close()


def _rendered(tab: Tab) -> tuple[int, int]:
    tab.page.wait_for_function("typeof network !== 'undefined' && network.body !== undefined")
    return tuple(
        tab.page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    )  # type: ignore[return-value]


@pytest.mark.parametrize("name", GRAPH_PAGES)
@pytest.mark.parametrize("which", ["every_rule_site", "hostile_site"])
def test_graph_page_renders_offline(
    which: str, name: str, tab: Tab, request: pytest.FixtureRequest
) -> None:
    site: Site = request.getfixturevalue(which)
    tab.open(site.out / name)
    rendered = _rendered(tab)
    assert rendered == site.counts[name]
    island = tab.page.evaluate("window.interopPage")
    assert (island["nodes"], island["edges"]) == rendered
    assert tab.page.evaluate("network.physics.options.enabled") is False
    assert rendered[0] > 0
    tab.check_clean()


def _hover(tab: Tab, node_id: str) -> str:
    """Hover a node until its tooltip shows; return the tooltip's text."""
    tab.page.locator("#mynetwork").scroll_into_view_if_needed()
    tab.page.evaluate("(id) => network.focus(id, {scale: 1.2, animation: false})", node_id)
    point = tab.page.evaluate(
        """(id) => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y};
        }""",
        node_id,
    )
    tab.page.mouse.move(point["x"] - 30, point["y"] - 30)
    tab.page.mouse.move(point["x"], point["y"], steps=3)
    tooltip = tab.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    return str(tooltip.inner_text())


def _node_with(tab: Tab, text: str, kind: str | None = None) -> str:
    text = safe_title(text)  # "href" carries a zero-width space in tooltips (see tooltips.py)
    found = tab.page.evaluate(
        """([text, kind]) => nodes.getIds({filter: n =>
              (n.title || '').includes(text) && (!kind || n.kind === kind)})""",
        [text, kind],
    )
    assert found, f"no node whose tooltip holds {text!r}"
    return str(found[0])


@pytest.mark.parametrize(
    ("name", "payload", "kind"),
    [
        ("graph.html", IMG, "Department"),
        ("graph.html", SCRIPT, "Department"),
        ("graph.html", SVG, "Department"),
        ("graph.html", HREF, "Department"),
        ("graph-silos.html", SCRIPT, "System"),
        ("graph-cameras.html", SVG, "Camera"),
    ],
)
def test_tooltips_show_hostile_names_as_text(
    hostile_site: Site, tab: Tab, name: str, payload: str, kind: str
) -> None:
    tab.open(hostile_site.out / name)
    _rendered(tab)
    node = _node_with(tab, payload, kind)
    text = _hover(tab, node).replace(ZWSP, "")
    assert payload in text, text[:300]
    assert (
        tab.page.locator("div.vis-tooltip img, div.vis-tooltip svg, div.vis-tooltip a").count() == 0
    )
    tab.page.wait_for_timeout(200)
    tab.check_clean()


def test_details_panel_and_filters_keep_text(hostile_site: Site, tab: Tab) -> None:
    tab.open(hostile_site.out / "graph.html")
    _rendered(tab)
    node = _node_with(tab, IMG, "Department")
    tab.page.evaluate("(id) => network.body.emitter.emit('click', {nodes: [id], edges: []})", node)
    assert IMG in tab.page.locator("#interop-details").inner_text().replace(ZWSP, "")
    search = tab.page.locator("#interop-search")
    search.fill("<svg onload")
    search.press("Enter")
    assert tab.page.evaluate("network.getSelectedNodes().length") > 0
    box = tab.page.locator("#interop-legend input[data-kind='Department']")
    box.uncheck()
    hidden = tab.page.evaluate(
        "nodes.get({filter: n => n.kind === 'Department' && n.hidden}).length"
    )
    assert hidden == tab.page.evaluate("nodes.get({filter: n => n.kind === 'Department'}).length")
    tab.check_clean()


def test_report_offline_with_hostile_text_visible(hostile_site: Site, tab: Tab) -> None:
    tab.open(hostile_site.out / "report.html")
    body = tab.page.locator("body").inner_text()
    for payload in PAYLOADS:
        assert payload in body, payload
    tab.page.locator("nav.toc a").first.click()
    tab.check_clean()


def test_report_links_lead_to_findings(every_rule_site: Site, tab: Tab) -> None:
    tab.open(every_rule_site.out / "report.html")
    link = tab.page.locator("table.index a.fid").first
    target = str(link.get_attribute("href"))
    link.click()
    assert tab.page.evaluate("location.hash") == target
    assert tab.page.locator(f"article{target}").is_visible()
    tab.check_clean()


def test_report_scorecard_sorts_without_script(tiny_site: Site, tab: Tab) -> None:
    """The scorecard sorts by following a column header's link: CSS :target shows the
    copy in that order; nothing runs, nothing is fetched, and the pictures are drawn."""
    tab.open(tiny_site.out / "report.html")
    assert tab.page.evaluate("document.scripts.length") == 0
    visible = "(id) => getComputedStyle(document.getElementById(id)).display !== 'none'"
    assert tab.page.evaluate(visible, "scorecard-by-score")
    assert not tab.page.evaluate(visible, "scorecard-by-build")
    first = "(id) => document.querySelector('#' + id + ' tbody tr td:nth-child(2)').innerText"
    assert "D03" in tab.page.evaluate(first, "scorecard-by-score")
    tab.page.locator("#scorecard-by-score a[href='#scorecard-by-build']").click()
    assert tab.page.evaluate("location.hash") == "#scorecard-by-build"
    assert tab.page.evaluate(visible, "scorecard-by-build")
    assert not tab.page.evaluate(visible, "scorecard-by-score")
    assert "D01" in tab.page.evaluate(first, "scorecard-by-build")  # 1,200 万元 tied up
    charts = tab.page.evaluate(
        "[...document.querySelectorAll('svg.chart')].map(s => s.getBoundingClientRect().width)"
    )
    assert len(charts) >= 2 and all(width > 100 for width in charts)
    tab.check_clean()


def test_coarse_overview_renders_offline(
    tab: Tab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The overview's coarse level (departments, platforms and networks past the cap drawn
    as one node each) on the hostile inventory: drawn, clean, and saying what it left out."""
    from interop.viz import overview
    from interop.viz.index import FindingIndex
    from interop.viz.page import render_page

    document, graph = hostile_analysis()
    for name, kept in (("COARSE_DEPARTMENTS", 2), ("COARSE_PLATFORMS", 1), ("COARSE_NETWORKS", 1)):
        monkeypatch.setattr(overview, name, kept)
    page = overview.overview_page(graph, FindingIndex(document, graph), "zh", max_nodes=10)
    assert page.meta["coarse"]["departments_left_out"] > 0
    path = tmp_path / page.file
    path.write_text(render_page(page, [(page.file, page.title)], "zh"), encoding="utf-8")
    tab.open(path)
    assert _rendered(tab) == (len(page.nodes), len(page.edges))
    others = tab.page.evaluate("nodes.get('Aggregate:departments')")
    assert others is not None and others["kind"] == "Aggregate"
    assert "其余部门" in tab.page.inner_text("body")
    tab.check_clean()
