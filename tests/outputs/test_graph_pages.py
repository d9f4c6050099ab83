"""Graph pages without a browser: content, caps, layout, data islands."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from conformance import shared_path

from interop.analysis import analyze
from interop.graph import build_graph
from interop.parameters import Parameters
from interop.viz import build_pages, write_graphs
from interop.viz.overview import MAX_NODES
from interop.viz.style import FONT_STACK, NODE_STYLES
from outputs.conftest import Written
from outputs.hostile import build_inventory, hostile_analysis


def _dataset(html: str, name: str) -> list[dict]:
    match = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);\n", html)
    assert match
    return json.loads(match.group(1))


def _island(html: str) -> dict:
    match = re.search(r'id="interop-page-data">(.*?)</script>', html)
    assert match
    return json.loads(match.group(1))


def test_write_graphs_returns_every_page(tmp_path: Path) -> None:
    document, graph = hostile_analysis()
    paths = write_graphs(document, graph, tmp_path)
    assert [p.name for p in paths] == [
        "graph.html",
        "graph-silos.html",
        "graph-provincial.html",
        "graph-networks.html",
        "graph-cameras.html",
    ]
    for path in paths:
        html = path.read_bytes().decode("utf-8")  # written as UTF-8 whatever the platform
        assert "<title>" in html and "<h1>" in html
        options = re.search(r"var options = (\{.*?\});\n", html)
        assert options and json.loads(options.group(1))["physics"]["enabled"] is False
        assert FONT_STACK.split(",")[0] in html


def test_islands_count_what_the_datasets_hold(tiny_written: Written) -> None:
    for name in (
        "graph.html",
        "graph-silos.html",
        "graph-provincial.html",
        "graph-networks.html",
        "graph-cameras.html",
    ):
        html = tiny_written.text(name)
        nodes, edges = _dataset(html, "nodes"), _dataset(html, "edges")
        island = _island(html)
        assert (island["nodes"], island["edges"]) == (len(nodes), len(edges)), name
        ids = [n["id"] for n in nodes]
        assert len(ids) == len(set(ids))
        assert all("x" in n and "y" in n and n["physics"] is False for n in nodes)
        assert all(n["kind"] in NODE_STYLES for n in nodes)
        assert {e["from"] for e in edges} | {e["to"] for e in edges} <= set(ids)


def test_tiny_pages_show_their_findings(tiny_written: Written) -> None:
    pages = {p.file: p for p in build_pages(tiny_written.document, _tiny_graph(), "zh")}
    silos = {n.id for n in pages["graph-silos.html"].nodes}
    assert {"Endpoint:S03", "Endpoint:S05", "Endpoint:S06", "Department:D07"} <= silos
    networks = pages["graph-networks.html"]
    assert next(n for n in networks.nodes if n.id == "Network:N4").severity == "medium"
    cameras = pages["graph-cameras.html"]
    assert any(n.kind == "Site" for n in cameras.nodes)
    assert "Camera:C7" not in {n.id for n in cameras.nodes}  # retired and in no site
    by_id = {n.id: n for n in cameras.nodes}
    # geography: C4 stands ~400 m east of C1, C6 further east; north is up (y grows south)
    assert by_id["Camera:C1"].x < by_id["Camera:C4"].x < by_id["Camera:C6"].x
    assert by_id["Camera:C5"].y < by_id["Camera:C4"].y  # C5 is a few metres north of C4
    provincial = pages["graph-provincial.html"]
    weakest = [e for e in provincial.edges if e.kind == "WEAKEST"]
    assert {(e.source.split(":", 1)[1], e.target.split(":", 1)[1]) for e in weakest} >= {
        ("Endpoint:S02", "Endpoint:PX"),
        ("Endpoint:PG", "Endpoint:PC"),
    }
    assert any(e.kind == "NO_CHAIN" for e in provincial.edges)  # S03 reaches nothing


def _tiny_graph():  # type: ignore[no-untyped-def]
    from interop.loaders import load_inventory

    return build_graph(load_inventory(shared_path("examples", "tiny")))


@pytest.fixture(scope="module")
def big() -> tuple:  # type: ignore[type-arg]
    """3,000 ungraded systems (each a finding) in 60 departments, and 4,000 cameras."""
    depts = [{"id": f"D{i:02d}", "name": f"部门{i}"} for i in range(60)]
    systems = [
        {"id": f"S{i:04d}", "name": f"系统{i}", "owner_id": f"D{i % 60:02d}"} for i in range(3000)
    ]
    cameras = [
        {
            "id": f"C{i:04d}",
            "owner_id": f"D{i % 60:02d}",
            "lat": f"{30.5 + (i % 70) * 0.002:.6f}",
            "lon": f"{114.2 + (i // 70) * 0.002:.6f}",
        }
        for i in range(4000)
    ]
    inventory = build_inventory({"departments": depts, "systems": systems, "cameras": cameras})
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    return document, build_graph(inventory)


def test_overview_is_capped_and_says_so(big: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    document, graph = big
    paths = write_graphs(document, graph, tmp_path, "en")
    html = paths[0].read_text(encoding="utf-8")
    island = _island(html)
    assert island["nodes"] <= MAX_NODES
    assert island["totals"]["systems"] == 3000 and island["totals"]["cameras"] == 4000
    assert island["flagged_left_out"] > 0
    assert "3000 systems" in html and "4000 cameras" in html
    assert "Too many systems with findings" in html
    cameras = _island(paths[-1].read_text(encoding="utf-8"))
    assert cameras["cameras_shown"] == 4000


def test_an_inventory_with_nothing_to_find(tmp_path: Path) -> None:
    """One department, no systems: every output is written and says there is nothing."""
    from interop.outputs import write_outputs

    inventory = build_inventory({"departments": [{"id": "D1", "name": "唯一部门"}], "systems": []})
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    paths = write_outputs(document, build_graph(inventory), tmp_path, "en")
    assert len(paths) == 9
    assert "Nothing to show on this page." in (tmp_path / "graph-cameras.html").read_text("utf-8")
    assert "This rule found nothing." in (tmp_path / "report.html").read_text("utf-8")


def test_networks_page_with_more_isolated_networks_than_it_shows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Isolated networks beyond the page's cap (``MAX_NETWORKS``) are left out with what
    they host: no edge names a network that is not on the page (a national-scale city has
    more isolated networks than the cap; its page failed to render)."""
    from interop.loaders import load_inventory
    from interop.viz import networks

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "every_rule"
    inventory = load_inventory(fixture)
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    islands = [f for f in document.findings if f.rule == "network.isolated_private"]
    assert len(islands) >= 2
    monkeypatch.setattr(networks, "MAX_NETWORKS", 1)
    paths = write_graphs(document, build_graph(inventory), tmp_path, "en")
    html = next(p for p in paths if p.name == "graph-networks.html").read_text(encoding="utf-8")
    shown = {n["id"] for n in _dataset(html, "nodes")}
    assert sum(n.startswith("Network:") for n in shown) == 1
    for edge in _dataset(html, "edges"):
        assert edge["from"] in shown and edge["to"] in shown


def test_overview_goes_coarse_when_departments_alone_pass_the_cap(
    big: tuple,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above the cap with only departments and their aggregates, the overview keeps the
    departments with the most severe findings and draws the others as one node that owns
    their systems and cameras; nothing is dropped silently, and the page says so."""
    from interop.viz import overview
    from interop.viz.index import FindingIndex
    from interop.viz.page import render_page

    document, graph = big
    index = FindingIndex(document, graph)
    whole = overview.overview_page(graph, index, "en")
    assert "coarse" not in whole.meta  # 60 departments fit
    monkeypatch.setattr(overview, "COARSE_DEPARTMENTS", 10)
    page = overview.overview_page(graph, index, "en", max_nodes=100)
    assert page.meta["coarse"] == {"departments_shown": 10, "platforms_shown": 0,
                                   "networks_shown": 0, "departments_left_out": 50}  # fmt: skip
    ids = {n.id for n in page.nodes}
    assert sum(n.kind == "Department" for n in page.nodes) == 10
    assert overview.OTHERS["Department"] in ids and len(page.nodes) <= 100
    assert all(e.source in ids and e.target in ids for e in page.edges)
    assert page.meta["shown_systems"] + page.meta["aggregated_systems"] == 3000
    cameras = [n for n in page.nodes if n.id.startswith("Aggregate:cameras:")]
    assert sum(int(n.label.split()[0]) for n in cameras) == 4000
    others = next(n for n in page.nodes if n.id == "Aggregate:cameras:Aggregate:departments")
    assert others.title.startswith("the other 50 departments: ")
    assert any("Too many departments" in note and "50 departments" in note for note in page.notes)
    html = render_page(page, [(page.file, page.title)], "en")
    assert "the other 50 departments" in html and "Too many departments" in html
    assert _island(html)["coarse"]["departments_left_out"] == 50
    assert page.meta["totals"] == whole.meta["totals"]  # the inventory's, not the page's
    zh = overview.overview_page(graph, index, "zh", max_nodes=100)
    assert any("其余部门 50 个" in note for note in zh.notes)


def test_networks_page_finds_the_live_cameras_the_rule_does(big: tuple) -> None:  # type: ignore[type-arg]
    """The page's own lookup of live cameras by network, for the networks it shows, gives
    what the rule's helper gives for every network."""
    from interop.graph import node_frame
    from interop.rules.network_isolated_private import live_cameras_by_network
    from interop.viz.common import nodes_labelled
    from interop.viz.networks import _live_cameras

    for graph in (hostile_analysis()[1], big[1]):
        frame = node_frame(graph, "Camera")
        every = live_cameras_by_network(graph)
        networks = nodes_labelled(graph, "Network")
        assert _live_cameras(frame, networks) == every
        some = networks[::2]
        assert _live_cameras(frame, some) == {n: r for n, r in every.items() if n in some}
