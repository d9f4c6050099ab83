"""graph-cameras.html marks the cameras whose GB/T 28181 id conflicts (camera.gbid_conflict)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from interop.analysis import analyze
from interop.graph import build_graph
from interop.loaders import load_inventory
from interop.parameters import Parameters
from interop.viz.cameras import cameras_page
from interop.viz.index import FindingIndex


def test_cameras_sharing_an_id_are_joined_and_shown(tiny_dir: Path) -> None:
    inventory = load_inventory(tiny_dir)
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    graph = build_graph(inventory)
    page = cameras_page(graph, FindingIndex(document, graph), "en")
    same = [(e.source, e.target) for e in page.edges if e.kind == "SAME_ID"]
    assert same == [("Camera:C12", "Camera:C13")]  # tiny: C12 (D04) and C13 (D03)
    assert "SAME_ID" in page.legend.edge_kinds
    tip = next(e.title for e in page.edges if e.kind == "SAME_ID")
    assert "42010600081320000010" in tip
    shown = {n.id for n in page.nodes}
    assert {"Camera:C12", "Camera:C13"} <= shown
    assert {f.finding.rule for f in page.findings} == {
        "camera.duplicate_site",
        "camera.gbid_conflict",
    }
    # C4 and C5 share an id too, but of one owner: no conflict, no line
    assert ("Camera:C4", "Camera:C5") not in same
