"""camera.duplicate_site on the columnar frames gives exactly what it gave on the graph.

Since cameras left the graph (issue 7) the old check runs on ``with_cameras(graph)``.

``_old_check`` below is the rule's check as it was before it read the frames (commit
a375097: live cameras from ``nodes_of``, evidence from networkx neighbour lookups, money
from the graph; only the ``lang`` of the wording added since), kept here only to compare
against: same findings, same subjects, same evidence maps, same order, on the tiny
example and on generated cities, in both languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np
import pytest
from raw_tables import raw_tables

from interop.findings.model import Finding
from interop.generate import generate_city
from interop.geo import duplicate_pairs, haversine_m, sites, to_wgs84
from interop.geo.distance import max_distance_m
from interop.graph import build_graph, with_cameras
from interop.graph.frames import FRAMES_KEY
from interop.inventory.model import Inventory
from interop.inventory.validate import validate
from interop.parameters import Parameters
from interop.rules._views import (
    is_live,
    key_of,
    neighbours,
    networks_of,
    nodes_of,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext
from interop.rules.camera_duplicate_site import RULE, make_site_finding

# -- the old implementation (verbatim but for names), for the comparison only ---------------


def _old_sum_known(
    graph: nx.MultiDiGraph, nodes: list[str], field: str
) -> tuple[float | None, list]:
    values = [(n, graph.nodes[n].get(field)) for n in nodes]
    known = [float(v) for _, v in values if v is not None]
    unknown = sorted(key_of(graph, n) for n, v in values if v is None)
    return (round(sum(known), 4) if known else None), unknown


def _old_camera(
    graph: nx.MultiDiGraph, node: str, data: Mapping[str, Any], lat: float, lon: float
) -> dict[str, Any]:
    nets = networks_of(graph, node)
    systems = neighbours(graph, node, "PART_OF")
    return {
        "id": key_of(graph, node),
        "owner": owner_ref(graph, node),
        "standard": data.get("standard"),
        "network": nets[0] if nets else None,
        "system": ref(graph, systems[0]) if systems else None,
        "address": data.get("address"),
        "coord_system": data.get("coord_system", "wgs84"),
        "lat": data["lat"],
        "lon": data["lon"],
        "wgs84": {"lat": round(float(lat), 7), "lon": round(float(lon), 7)},
        "cost": data.get("cost"),
    }


def _old_money(graph: nx.MultiDiGraph, nodes: list[str]) -> dict[str, Any]:
    costs = [(key_of(graph, n), graph.nodes[n].get("cost")) for n in nodes]
    known = [float(c) for _, c in costs if c is not None]
    return {
        "unit": "万元 (10,000 CNY)",
        "cameras": len(nodes),
        "camera_cost": round(sum(known), 4) if known else None,
        "camera_cost_unknown": sorted(i for i, c in costs if c is None),
    }


def _old_check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    radius = ctx.parameters.camera_radius_m
    cams = [(n, d) for n, d in nodes_of(graph, "Camera") if is_live(d)]
    if len(cams) < 2:
        return []
    lat, lon = to_wgs84(
        np.array([d["lat"] for _, d in cams], dtype=np.float64),
        np.array([d["lon"] for _, d in cams], dtype=np.float64),
        np.array([d.get("coord_system", "wgs84") for _, d in cams]),
    )
    owners = np.array([str(d["owner_id"]) for _, d in cams])
    first, second = duplicate_pairs(lat, lon, owners, radius)
    distance = haversine_m(lat[first], lon[first], lat[second], lon[second])
    groups = sites(len(cams), first, second)
    site_of = np.empty(len(cams), dtype=np.intp)
    for number, members in enumerate(groups):
        site_of[members] = number
    pairs_of: list[list[dict[str, Any]]] = [[] for _ in groups]
    for a, b, metres in zip(first.tolist(), second.tolist(), distance.tolist(), strict=True):
        ids = sorted((key_of(graph, cams[a][0]), key_of(graph, cams[b][0])))
        pairs_of[site_of[a]].append({"a": ids[0], "b": ids[1], "distance_m": round(metres, 2)})
    out: list[Finding] = []
    for members, pairs in zip(groups, pairs_of, strict=True):
        index = sorted(members.tolist(), key=lambda k: key_of(graph, cams[k][0]))
        cameras = [_old_camera(graph, cams[k][0], cams[k][1], lat[k], lon[k]) for k in index]
        pairs.sort(key=lambda p: (p["a"], p["b"]))
        extent = max_distance_m(lat[index], lon[index])
        cost = _old_money(graph, [cams[k][0] for k in index])
        out.append(
            make_site_finding(cameras, pairs, extent, radius, cost, lang=ctx.parameters.lang)
        )
    return out


# -- inventories ------------------------------------------------------------------------------


def generated(seed: int, blanks: bool = False, **options: Any) -> Inventory:
    """A generated city through the real validation (as bench/cameras.py makes one).

    ``blanks``: leave some cameras' network, system, standard, address and cost empty.
    """
    tables = generate_city(seed=seed, lang="en", **options)
    if blanks:
        for k, row in enumerate(tables["cameras"]):
            for step, column in ((3, "network_id"), (4, "system_id"), (5, "standard"),
                                 (6, "address"), (7, "cost")):  # fmt: skip
                if k % step == 0:
                    row[column] = ""
    raws = raw_tables(tables)
    return validate(raws, f"generated seed={seed}")


def _dumped(findings: list[Finding]) -> list[dict[str, Any]]:
    return [f.model_dump(mode="json") for f in findings]


def assert_same(graph: nx.MultiDiGraph, **parameters: Any) -> list[Finding]:
    """New and old check give equal findings, in the same order, with equal JSON."""
    ctx = AuditContext(graph, Parameters(**parameters))
    # the old check walked camera nodes: give it the graph with them (issue 7)
    old_ctx = AuditContext(_with_camera_nodes(graph), ctx.parameters)
    new, old = RULE.check(ctx), _old_check(old_ctx)
    assert [f.subjects for f in new] == [f.subjects for f in old]
    assert new == old
    assert _dumped(new) == _dumped(old)
    return new


def _with_camera_nodes(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    if any(d.get("label") == "Camera" for _, d in graph.nodes(data=True)):
        return graph
    return with_cameras(graph)


def _without_frames(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph as one read back from Neo4j: cameras as nodes, no frames."""
    bare = with_cameras(graph)
    bare.graph.pop(FRAMES_KEY)
    return bare


@pytest.fixture(scope="module")
def city() -> nx.MultiDiGraph:
    return build_graph(generated(2020, scale=1.0))


def test_same_findings_on_the_tiny_example(tiny: Inventory) -> None:
    graph = build_graph(tiny)
    assert FRAMES_KEY in graph.graph
    for radius in (50.0, 10.0, 20.0, 1000.0):
        assert_same(graph, camera_radius_m=radius)
        assert_same(graph, camera_radius_m=radius, lang="en")
    assert [f.subjects for f in assert_same(graph)] == [["C1", "C2", "C3"]]


@pytest.mark.parametrize(
    ("radius", "lang"), [(50.0, "zh"), (50.0, "en"), (20.0, "en"), (200.0, "zh")]
)
def test_same_findings_on_a_generated_city(city: nx.MultiDiGraph, radius: float, lang: str) -> None:
    found = assert_same(city, camera_radius_m=radius, lang=lang)
    assert len(found) > 10
    evidence = [c for f in found for c in f.evidence["cameras"]]
    # The comparison covers every kind of value the evidence can hold.
    assert {c["coord_system"] for c in evidence} == {"wgs84", "gcj02", "bd09"}
    assert any(c["cost"] is None for c in evidence) and any(c["cost"] for c in evidence)
    assert any(len(f.subjects) > 2 for f in found)


def test_same_findings_with_values_missing() -> None:
    graph = build_graph(generated(2021, blanks=True, scale=1.0))
    found = assert_same(graph)
    evidence = [c for f in found for c in f.evidence["cameras"]]
    for name in ("network", "system", "standard", "address", "cost"):
        assert any(c[name] is None for c in evidence), name
        assert any(c[name] is not None for c in evidence), name


def test_same_findings_on_a_graph_without_frames(city: nx.MultiDiGraph) -> None:
    assert_same(_without_frames(city))
    ctx = AuditContext(city, Parameters())
    assert RULE.check(AuditContext(_without_frames(city), Parameters())) == RULE.check(ctx)


def test_same_findings_on_other_generated_cities() -> None:
    for seed, scale in ((7, 0.5), (31, 2.0)):
        found = assert_same(build_graph(generated(seed, scale=scale)))
        assert found


def test_same_findings_with_statuses_coordinates_and_owners_missing_from_nodes(
    city: nx.MultiDiGraph,
) -> None:
    """A graph made by hand (no frames, defaults left out, an unknown owner): still the
    same findings as the old check."""
    bare = _without_frames(city)
    cameras = [n for n, d in bare.nodes(data=True) if d["label"] == "Camera"]
    for k, node in enumerate(cameras):
        data = bare.nodes[node]
        if k % 3 == 0 and data.get("status") == "in_use":
            del data["status"]
        if k % 5 == 0 and data.get("coord_system") == "wgs84":
            del data["coord_system"]
        if k % 7 == 0:
            data["owner_id"] = f"NOBODY{k % 2}"
    found = assert_same(bare)
    assert any(c["owner"] is None for f in found for c in f.evidence["cameras"])


def test_fewer_than_two_live_cameras(tiny: Inventory) -> None:
    graph = _without_frames(build_graph(tiny))
    for node in [n for n, d in graph.nodes(data=True) if d["label"] == "Camera"][1:]:
        graph.nodes[node]["status"] = "retired"
    assert assert_same(graph) == []
