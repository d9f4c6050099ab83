"""The pages' pyvis networks are built without pyvis's quadratic add_node/add_edge, to the
same node and edge data that pyvis's own methods give; rendered, without compiling the
vendored vis-network files as templates, to the HTML pyvis's own environment gives; and
finished with those files and the network's data as placeholders to the page finished with
them in it."""

from __future__ import annotations

import json

from interop.viz import build_pages
from interop.viz.page import _finish, _pyvis_templates, build_network, render_page
from interop.viz.style import edge_visual, node_visual
from outputs.hostile import hostile_analysis


def _with_pyvis_methods(page):  # type: ignore[no-untyped-def]
    net = build_network(page)
    net.nodes, net.edges, net.node_ids, net.node_map = [], [], [], {}
    for node in page.nodes:
        visual = node_visual(node.kind, severity=node.severity, color=node.color, size=node.size)
        net.add_node(node.id, label=node.label or " ", title=node.title, x=node.x, y=node.y,
                     physics=False, kind=node.kind, **visual)  # fmt: skip
    for edge in page.edges:
        extra = {"kind": edge.kind}
        if edge.title:
            extra["title"] = edge.title
        if edge.label:
            extra["label"] = edge.label
        net.add_edge(edge.source, edge.target, **edge_visual(edge.kind, width=edge.width), **extra)
    return net


def test_the_same_nodes_and_edges_as_pyvis_gives() -> None:
    for lang in ("zh", "en"):
        document, graph = hostile_analysis()
        for page in build_pages(document, graph, lang):
            assert page.nodes, page.file
            ours, theirs = build_network(page), _with_pyvis_methods(page)
            assert json.dumps(ours.nodes) == json.dumps(theirs.nodes), page.file
            assert json.dumps(ours.edges) == json.dumps(theirs.edges), page.file
            assert ours.node_ids == theirs.node_ids and ours.node_map == theirs.node_map


def test_the_same_html_as_pyvis_renders() -> None:
    document, graph = hostile_analysis()
    for page in build_pages(document, graph, "zh"):
        theirs = build_network(page).generate_html(name=page.file, notebook=False)
        net = build_network(page)
        net.templateEnv = _pyvis_templates(str(net.template_dir), placeholders=False)
        assert net.generate_html(name=page.file, notebook=False) == theirs, page.file


def test_placeholders_give_the_page_finished_whole() -> None:
    for lang in ("zh", "en"):
        document, graph = hostile_analysis()
        pages = build_pages(document, graph, lang)
        navigation = [(page.file, page.title) for page in pages]
        for page in pages:
            whole, data = _finish(page, navigation, lang, placeholders=False)
            assert not data
            assert render_page(page, navigation, lang) == whole, page.file
            assert "<interop-vendored" not in whole and "<interop-data" not in whole
