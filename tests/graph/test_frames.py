"""The columnar view of the embedded graph (interop.graph.frames)."""

from __future__ import annotations

import copy
import datetime
import math
import pickle
from typing import Any

import networkx as nx
import numpy as np
import pytest

from interop.graph import build_graph, node_frame, with_cameras
from interop.graph.frames import FRAMES_KEY, GraphFrames, frame_from_nodes
from interop.inventory.model import Inventory
from interop.loaders import load_inventory
from interop.schema.graph import NODE_KINDS
from tests.rules._build import build_inventory, camera, dept, network, system

LABELS = [kind.label for kind in NODE_KINDS]


@pytest.fixture(scope="module")
def tiny(tiny_dir) -> Inventory:  # type: ignore[no-untyped-def]
    return load_inventory(tiny_dir)


@pytest.fixture(scope="module")
def extras() -> Inventory:
    """Values of every column kind, some missing, and columns the contract does not name."""
    return build_inventory(
        {
            "departments": [dept("D1", sector="公安"), dept("D2", 备注="x")],
            "networks": [network("N1", "extranet")],
            "systems": [
                system(
                    "S1",
                    "D1",
                    user_ids="D1;D2",
                    network_ids="N1",
                    go_live="2019-05-01",
                    build_cost="1,200.5",
                    modules_total="10",
                    modules_used="3",
                    gov_service="是",
                    security_grade="三级",
                    备注="old",
                ),
                system("S2", "D2", status="retired"),
            ],
            "cameras": [
                camera("C1", "D1", 30.5, 114.3, coord_system="GCJ-02", cost="2", tag="a"),
                camera("C2", "D2", 30.6, 114.4, network_id="N1", system_id="S1"),
            ],
        }
    )


def _value(frame_value: Any) -> Any:
    """A frame cell as the node attribute it mirrors (None for an absent attribute)."""
    if isinstance(frame_value, float) and math.isnan(frame_value):
        return None
    if isinstance(frame_value, np.datetime64):
        return None if np.isnat(frame_value) else frame_value.astype(datetime.date)
    if isinstance(frame_value, tuple):
        return list(frame_value) or None
    return frame_value


def assert_mirrors(graph: nx.MultiDiGraph) -> None:
    """Every frame row holds exactly its node's properties, in node order (cameras: the
    nodes :func:`with_cameras` makes of them)."""
    full = with_cameras(graph)
    for label in LABELS:
        frame = node_frame(graph, label)
        nodes = [n for n, d in full.nodes(data=True) if d["label"] == label]
        assert frame.nodes.tolist() == nodes
        for row, node in enumerate(nodes):
            data = {k: v for k, v in full.nodes[node].items() if k not in ("label", "labels")}
            cells = {name: _value(frame[name][row].item() if frame[name].dtype.kind == "f"
                                  else frame[name][row]) for name in frame}  # fmt: skip
            assert {k: v for k, v in cells.items() if v is not None} == data, node


def assert_same_frames(graph: nx.MultiDiGraph, other: nx.MultiDiGraph) -> None:
    for label in LABELS:
        a, b = node_frame(graph, label), node_frame(other, label)
        assert list(a) == list(b) and dict(a.kinds) == dict(b.kinds)
        assert a.nodes.tolist() == b.nodes.tolist()
        for name in a:
            assert a[name].dtype == b[name].dtype, (label, name)
            if a[name].dtype.kind in "fM":
                np.testing.assert_array_equal(a[name], b[name])
            else:
                assert a[name].tolist() == b[name].tolist(), (label, name)


@pytest.mark.parametrize("which", ["tiny", "extras"])
def test_frames_mirror_the_nodes(which: str, request: pytest.FixtureRequest) -> None:
    graph = build_graph(request.getfixturevalue(which))
    assert isinstance(graph.graph[FRAMES_KEY], GraphFrames)
    assert list(graph.graph[FRAMES_KEY]) == LABELS
    assert not any(d["label"] == "Camera" for _, d in graph.nodes(data=True))
    assert node_frame(graph, "Camera").rows > 0
    assert_mirrors(graph)


@pytest.mark.parametrize("which", ["tiny", "extras"])
def test_frames_built_from_the_nodes_are_the_same(which: str, request) -> None:  # type: ignore[no-untyped-def]
    graph = build_graph(request.getfixturevalue(which))
    bare = with_cameras(graph)
    bare.graph.pop(FRAMES_KEY)
    assert FRAMES_KEY not in bare.graph
    assert_same_frames(graph, bare)
    for label in LABELS:
        assert node_frame(graph, label) is graph.graph[FRAMES_KEY][label]


def test_column_types_follow_the_declaration(extras: Inventory) -> None:
    graph = build_graph(extras)
    cams, systems = node_frame(graph, "Camera"), node_frame(graph, "System")
    assert cams["lat"].dtype == np.float64 and cams["cost"].dtype == np.float64
    assert cams["install_date"].dtype == np.dtype("datetime64[D]")
    assert cams["coord_system"].tolist() == ["gcj02", "wgs84"]  # strings, default applied
    assert type(cams["coord_system"][0]) is str
    assert cams["network_id"].tolist() == [None, "N1"]
    assert cams["tag"].tolist() == ["a", None]  # an extra column
    assert np.isnan(cams["cost"][1]) and cams["cost"][0] == 2.0
    assert systems["user_ids"].tolist() == [("D1", "D2"), ()]
    assert systems["network_ids"].tolist() == [("N1",), ()]
    assert systems["build_cost"].tolist()[0] == 1200.5
    assert systems["modules_used"].tolist()[0] == 3.0 and np.isnan(systems["modules_used"][1])
    assert systems["security_grade"].tolist()[0] == 3.0
    assert systems["gov_service"].tolist() == [True, None]
    assert systems["go_live"].tolist() == [datetime.date(2019, 5, 1), None]
    assert systems["status"].tolist() == ["in_use", "retired"]
    assert systems["备注"].tolist() == ["old", None]
    assert node_frame(graph, "Platform").nodes.size == 0
    assert dict(cams.kinds)["lat"] == "float" and dict(cams.kinds)["tag"] == "object"


def test_frames_are_read_only(tiny: Inventory) -> None:
    frame = node_frame(build_graph(tiny), "Camera")
    with pytest.raises(ValueError, match="read-only"):
        frame["lat"][0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        frame["id"][0] = "X"
    with pytest.raises(ValueError, match="read-only"):
        frame.nodes[0] = "X"
    with pytest.raises(TypeError):
        frame._columns["lat"] = np.zeros(3)  # type: ignore[index]


def test_a_changed_copied_or_partial_graph_gets_frames_of_its_own(tiny: Inventory) -> None:
    plain = build_graph(tiny)
    # Cameras are no nodes: copies and subgraphs carry their frame along.
    assert node_frame(plain.copy(), "Camera") is plain.graph[FRAMES_KEY]["Camera"]
    systems = [n for n, d in plain.nodes(data=True) if d["label"] == "System"]
    assert node_frame(plain.subgraph(systems), "Camera") is plain.graph[FRAMES_KEY]["Camera"]
    # A graph with the cameras as nodes reads them from its nodes.
    graph = with_cameras(plain)
    graph.graph[FRAMES_KEY] = GraphFrames(graph, plain.graph[FRAMES_KEY])
    stored = graph.graph[FRAMES_KEY]["Camera"]
    # A subgraph view shares graph.graph: its frame is its own.
    cams = [n for n, d in graph.nodes(data=True) if d["label"] == "Camera"][:3]
    view = graph.subgraph(cams)
    assert view.graph is graph.graph
    assert node_frame(view, "Camera").nodes.tolist() == list(view.nodes)
    assert sorted(view.nodes) == cams
    # A copy, and the graph after a node was added, are read afresh.
    copied = graph.copy()
    assert copied.graph[FRAMES_KEY] is graph.graph[FRAMES_KEY]
    assert node_frame(copied, "Camera") is not stored
    assert_same_frames(graph, copied)
    graph.add_node("Camera:NEW", label="Camera", labels=("Camera",), id="NEW", owner_id="D01",
                   lat=30.0, lon=114.0)  # fmt: skip
    assert node_frame(graph, "Camera").nodes.tolist()[-1] == "Camera:NEW"


def test_copies_and_pickles(tiny: Inventory) -> None:
    graph = build_graph(tiny)
    frames = graph.graph[FRAMES_KEY]
    assert copy.deepcopy(frames) is frames and copy.copy(frames["Camera"]) is frames["Camera"]
    back = pickle.loads(pickle.dumps(graph))
    assert not back.graph[FRAMES_KEY].belongs_to(back)
    assert_same_frames(graph, back)
    assert frames.belongs_to(graph)
    with pytest.raises(ValueError, match="read-only"):
        node_frame(back, "Camera")["lat"][0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        back.graph[FRAMES_KEY]["Camera"]["lat"][0] = 0.0


def test_no_frames_when_the_records_do_not_make_the_nodes(tiny: Inventory) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("Camera:A", label="Camera", labels=("Camera",), id="A", owner_id="D",
                   lat=1.0, lon=2.0, status="idle")  # fmt: skip
    frame = frame_from_nodes(graph, "Camera")
    assert frame["status"].tolist() == ["idle"] and frame["coord_system"].tolist() == [None]
    assert node_frame(graph, "System").nodes.size == 0


def test_to_pandas(tiny: Inventory) -> None:
    df = node_frame(build_graph(tiny), "Camera").to_pandas()
    assert df.index.tolist()[:2] == ["Camera:C1", "Camera:C2"]
    assert df.loc["Camera:C7", "status"] == "retired"


def test_codes_encode_a_column(extras: Inventory) -> None:
    graph = build_graph(extras)
    cams, systems = node_frame(graph, "Camera"), node_frame(graph, "System")
    for frame, name in ((cams, "coord_system"), (systems, "status"), (cams, "network_id")):
        codes, values = frame.codes(name)
        decoded = [values[c] if c >= 0 else None for c in codes.tolist()]
        assert decoded == frame[name].tolist()
    assert cams.codes("coord_system")[1] == ("gcj02", "wgs84")
    assert cams.codes("network_id")[0].tolist() == [-1, 0]
    with pytest.raises(ValueError, match="read-only"):
        cams.codes("status")[0][0] = 5
    # The same codes when the frame is built from the nodes.
    bare = with_cameras(graph)
    bare.graph.pop(FRAMES_KEY)
    assert node_frame(bare, "Camera").codes("coord_system")[1] == ("gcj02", "wgs84")
