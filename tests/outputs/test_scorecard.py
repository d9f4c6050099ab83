"""The department scorecard on the tiny example, every figure worked out by hand from
its CSV files and the findings its README lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from interop.analysis import analyze
from interop.findings.model import Acceptance, FindingsDocument
from interop.graph import build_graph
from interop.loaders import load_inventory
from interop.outputs import write_outputs
from interop.parameters import Parameters
from interop.report.scorecard import DepartmentScore, scorecard


@pytest.fixture(scope="module")
def tiny(tiny_dir: Path):  # type: ignore[no-untyped-def]
    inventory = load_inventory(tiny_dir)
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    return document, build_graph(inventory)


def _card(cards: list[DepartmentScore], ident: str) -> DepartmentScore:
    return next(c for c in cards if c.id == ident)


def test_urban_management_by_hand(tiny) -> None:  # type: ignore[no-untyped-def]
    """D03 (城管委) owns S10, S11, S12, S17, S18 and cameras C3, C7, C13. Its findings:
    camera.duplicate_site C1–C3 (high), camera.gbid_conflict C12/C13 (high), usage.idle S10
    (medium), usage.rebuilt_while_underused S11/S12 (high), usage.zombie_candidate S17
    (medium), project.lifecycle_gap S11 and S18 (medium each)."""
    document, graph = tiny
    card = _card(scorecard(graph, document), "D03")
    assert (card.systems_owned, card.systems_used, card.cameras) == (5, 0, 3)
    assert card.findings == 7
    assert card.by_area == {1: 2, 2: 0, 3: 0, 4: 3, 5: 2}
    assert card.by_severity == {"high": 3, "medium": 4, "low": 0}
    assert card.score == 3 * 3 + 2 * 4
    # systems in findings: S10, S11, S12 (no amounts), S17 (build 0, O&M 15), S18 (450, 0)
    assert (card.build_cost, card.annual_om_cost) == (450.0, 15.0)
    # cameras in findings: C3 and C13, tiny records no camera cost
    assert card.camera_cost is None
    assert card.unknown == 3 + 2
    # S11, S17, S18 send to PX (D10); nothing of another owner sends to D03
    assert (card.flows_sent, card.flows_received) == (3, 0)


def test_data_bureau_and_human_resources_by_hand(tiny) -> None:  # type: ignore[no-untyped-def]
    document, graph = tiny
    cards = scorecard(graph, document)
    d10 = _card(cards, "D10")
    # D10 owns S14 and the platforms PC and PX; 12 active flows of other owners reach PX,
    # PC or S14 (S02 S04 S07 S11 S15 S16 S17 S18 S19 S21 -> PX, PG -> PC, S13 -> S14);
    # PX sends to S08 (D07) and PG (P01); S14 -> PC stays inside D10
    assert (d10.systems_owned, d10.flows_sent, d10.flows_received) == (1, 2, 12)
    # provincial.city_platform_unlinked PC (high), sharing.point_to_point S13 -> S14 (low)
    assert (d10.findings, d10.by_severity["high"], d10.by_severity["low"], d10.score) == (
        2, 1, 1, 4,
    )  # fmt: skip
    assert d10.build_cost is None and d10.unknown == 1  # S14 has no amounts
    d09 = _card(cards, "D09")
    assert d09.systems_used == 3  # S01, S02, S03 (provincial) name D09 as a user
    # a camera site of three owners counts once for each owner
    for owner in ("D01", "D02", "D03"):
        assert _card(cards, owner).by_area[1] >= 1


def test_ranking_and_accepted_risks(tiny) -> None:  # type: ignore[no-untyped-def]
    document, graph = tiny
    cards = scorecard(graph, document)
    scores = [c.score for c in cards]
    assert scores == sorted(scores, reverse=True)
    assert cards[0].id == "D03"
    accepted = Acceptance(reason="r", approved_by="a", expires=date(2021, 6, 30))
    findings = [
        f.model_copy(update={"accepted": accepted}) if f.rule == "camera.gbid_conflict" else f
        for f in document.findings
    ]
    cards = scorecard(graph, FindingsDocument.model_validate(
        {**document.model_dump(), "findings": findings}))  # fmt: skip
    for owner in ("D03", "D04"):  # C13 (D03) and C12 (D04) share an id: accepted
        card = _card(cards, owner)
        assert card.accepted == 1
    assert _card(cards, "D03").score == 17 - 3


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scorecard_in_report_and_workbook(tiny, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    document, graph = tiny
    write_outputs(document, graph, tmp_path, lang)
    html = (tmp_path / "report.html").read_text("utf-8")
    assert 'id="scorecard"' in html
    assert "<script" not in html.lower()
    # one pre-sorted copy per order, the headers link to them
    for key in ("score", "findings", "build", "om", "cameras"):
        assert f'id="scorecard-by-{key}"' in html
        assert f'href="#scorecard-by-{key}"' in html
    default = html.split('id="scorecard-by-score"')[1].split("</table>")[0]
    assert default.index("D03") < default.index("D04") < default.index("D01")
    by_build = html.split('id="scorecard-by-build"')[1].split("</table>")[0]
    assert by_build.index("D01") < by_build.index("D03")  # 1,200 万元 before 450
    md = (tmp_path / "report.md").read_text("utf-8")
    assert "(D03) | 17 |" in md
    book = load_workbook(tmp_path / "findings.xlsx")
    name = "部门问题排名" if lang == "zh" else "department scorecard"
    rows = list(book[name].iter_rows(min_row=2, values_only=True))
    assert rows[0][:5] == (1, "D03", "市城市管理执法委员会", 17, 7)
    assert len(rows) == 11  # every department of departments.csv, D01–D10 and P01


def test_notebook_helpers(tiny) -> None:  # type: ignore[no-untyped-def]
    from interop.notebook import scorecard_frame

    document, graph = tiny
    frame = scorecard_frame(document, graph)
    assert list(frame.index[:1]) == ["D03"]
    assert frame.loc["D03", ["score", "findings", "high", "area_4", "build_cost"]].tolist() == [
        17, 7, 3, 3, 450.0,
    ]  # fmt: skip
    assert frame.loc["D10", "flows_received"] == 12


def test_camera_money_read_from_the_frame_matches_camera_nodes() -> None:
    """Cameras are no graph nodes: the scorecard reads the named cameras' owner and cost
    from their frame. A graph with camera nodes (``with_cameras``, or one read back from
    Neo4j) gives the same cards, and the camera cost is the named cameras' cost by owner."""
    from interop.graph import with_cameras

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "every_rule"
    inventory = load_inventory(fixture)
    document = analyze(inventory, Parameters(as_of=date(2020, 12, 31)))
    graph = build_graph(inventory)
    from_frame = scorecard(graph, document)
    from_nodes = scorecard(with_cameras(graph), document)
    assert [c.as_row() for c in from_frame] == [c.as_row() for c in from_nodes]
    named = {s for f in document.findings if f.accepted is None for s in f.subjects}
    expected: dict[str, float] = {}
    for camera in inventory.cameras:
        if camera.id in named and camera.cost is not None:
            expected[camera.owner_id] = expected.get(camera.owner_id, 0.0) + camera.cost
    assert expected, "the fixture's findings name cameras with a cost"
    got = {c.id: c.camera_cost for c in from_frame if c.camera_cost is not None}
    assert got == pytest.approx(expected)


_SUMS_IN_A_CHILD = """
from interop.report.scorecard import DepartmentScore, _add_money
amounts = {"Endpoint:S-a": 0.000756, "Endpoint:S-b": 0.00025, "Endpoint:S-c": 0.000109}
card = DepartmentScore("D1", "d")
_add_money(card, set(amounts), {n: ("System", v, None, None) for n, v in amounts.items()})
print(card.build_cost)
"""


def test_money_sums_do_not_depend_on_string_hashing() -> None:
    """Each addition is rounded, so the order of the amounts matters (0.000756, 0.00025,
    0.000109 sum to 0.0011 or 0.0012); the order is the node ids', whatever the process's
    hash seed (a set's own order changes with it)."""
    import os
    import subprocess
    import sys

    sums = {
        subprocess.run(
            [sys.executable, "-c", _SUMS_IN_A_CHILD],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(12)
    }
    total = None
    for value in (0.000756, 0.00025, 0.000109):  # in the ids' order: S-a, S-b, S-c
        total = round((total or 0.0) + value, 4)
    assert sums == {str(total)}
