"""interop.notebook: the helpers the notebooks use, on the repository's every-rule inventory."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from interop.analysis import analyze
from interop.findings.model import FindingsDocument
from interop.graph import build_graph
from interop.notebook import (
    area_frame,
    compare_engines,
    findings_frame,
    flows_frame,
    focus_page,
    graph_frame,
    iframe_html,
    money_frame,
    node_of,
    of_rule,
    output_dir,
    rule_counts,
    show_html,
)
from interop.parameters import Parameters
from interop.paths import repo_root
from interop.rules import RULES
from interop.loaders import load_inventory


@pytest.fixture(scope="module")
def tiny(every_rule_dir: Path):  # type: ignore[no-untyped-def]
    inventory = load_inventory(every_rule_dir)
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    return inventory, document, build_graph(inventory)


def test_findings_frame_has_a_row_per_finding(tiny) -> None:  # type: ignore[no-untyped-def]
    _, document, _ = tiny
    frame = findings_frame(document)
    assert len(frame) == len(document.findings)
    assert frame["n_subjects"].tolist() == [len(f.subjects) for f in document.findings]
    assert str(frame["build_cost"].dtype) == "float64"


def test_rule_counts_list_every_rule(tiny) -> None:  # type: ignore[no-untyped-def]
    _, document, _ = tiny
    counts = rule_counts(document)
    assert counts.index.tolist() == [rule.id for rule in RULES]
    assert counts["findings"].to_dict() == document.summary.findings_by_rule
    assert (counts[["high", "medium", "low"]].sum(axis=1) == counts["findings"]).all()


def test_area_and_money_frames(tiny) -> None:  # type: ignore[no-untyped-def]
    _, document, _ = tiny
    areas = area_frame(document)
    assert areas.index.tolist() == [1, 2, 3, 4, 5]
    assert areas["findings"].sum() == len(document.findings)
    money = money_frame(document)
    assert set(money.columns) >= {"findings", "build_cost", "annual_om_cost", "camera_cost"}


def test_of_rule_and_compare_engines(tiny) -> None:  # type: ignore[no-untyped-def]
    _, document, _ = tiny
    assert all(f.rule == "usage.idle" for f in of_rule(document, "usage.idle"))
    with pytest.raises(KeyError):
        of_rule(document, "no.such_rule")
    same = compare_engines(document, FindingsDocument.from_json(document.to_json()))
    assert same["same_subjects"].all()
    fewer = document.model_copy(update={"findings": document.findings[1:]})
    assert not compare_engines(document, fewer)["same_subjects"].all()


def test_graph_frames_and_crossing_flows(tiny) -> None:  # type: ignore[no-untyped-def]
    _, document, graph = tiny
    systems = graph_frame(graph, "System").set_index("id")
    assert set(systems["label"]) == {"System"}
    flows = flows_frame(graph)
    crossing = flows[flows["crossing"]]
    touched = set(crossing.loc[crossing["source_kind"] == "System", "source"]) | set(
        crossing.loc[crossing["target_kind"] == "System", "target"]
    )
    live = set(systems.index[systems["status"] == "in_use"])
    silos = {f.subjects[0] for f in of_rule(document, "silo.isolated_system")}
    assert silos == live - touched


def test_node_of(tiny) -> None:  # type: ignore[no-untyped-def]
    _, document, graph = tiny
    system = document.findings[0].subjects[0]
    assert node_of(graph, system) == f"Endpoint:{system}"
    assert node_of(graph, f"Endpoint:{system}") == f"Endpoint:{system}"
    with pytest.raises(KeyError):
        node_of(graph, "no-such-id")


def test_focus_page_is_self_contained(tiny) -> None:  # type: ignore[no-untyped-def]
    _, document, graph = tiny
    finding = of_rule(document, "sharing.non_provider")[0]
    dept = finding.subjects[0]
    ends = [flow["source"]["id"] for flow in finding.evidence["received"]]
    page = focus_page(
        document, graph, [dept, *ends], title="<b>focus</b>", emphasis={(ends[0], dept): "PAIR"}
    )
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page and "https://" not in page
    assert "<b>focus</b>" not in page and "&lt;b&gt;focus&lt;/b&gt;" in page


def test_iframe_escapes_the_page(tmp_path: Path) -> None:
    page = '<html><body><p title="x">a & b</p><script>1 < 2</script></body></html>'
    frame = iframe_html(page, height=300)
    assert frame.startswith('<iframe srcdoc="&lt;html&gt;')
    assert "&quot;x&quot;" in frame and "a &amp; b" in frame and "<script>" not in frame
    file = tmp_path / "page.html"
    file.write_text(page, encoding="utf-8")
    assert iframe_html(file) == iframe_html(str(file)) == iframe_html(page)
    assert show_html(file).data.startswith("<div><iframe srcdoc=")


def test_output_dir(tmp_path: Path) -> None:
    assert output_dir("x", tmp_path / "given") == (tmp_path / "given").resolve()
    default = output_dir("test-output-dir")
    root = repo_root()
    assert default.is_dir()
    assert root is None or default == (root / "out" / "notebooks" / "test-output-dir").resolve()
    default.rmdir()
