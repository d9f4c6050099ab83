"""camera.duplicate_site: distances, owners, datums, sites, evidence."""

from __future__ import annotations

import math

import pytest

from interop.geo import EARTH_RADIUS_M, wgs84_to_bd09, wgs84_to_gcj02

from ._build import camera, check, depts, network, subjects, system

RULE = "camera.duplicate_site"
LAT, LON = 30.58, 114.30


def north(metres: float) -> float:
    """The latitude ``metres`` north of LAT along the meridian (great-circle metres)."""
    return LAT + math.degrees(metres / EARTH_RADIUS_M)


def east(metres: float) -> float:
    """The longitude ``metres`` east of LON along the parallel (close to great-circle)."""
    return LON + math.degrees(metres / (EARTH_RADIUS_M * math.cos(math.radians(LAT))))


def _tables(*cameras: dict) -> dict:
    return {"departments": depts("D1", "D2", "D3"), "cameras": list(cameras)}


@pytest.mark.parametrize(("metres", "found"), [(49.0, True), (51.0, False), (0.0, True)])
def test_cameras_of_two_owners_within_the_radius(metres: float, found: bool) -> None:
    tables = _tables(camera("A", "D1", LAT, LON), camera("B", "D2", north(metres), LON))
    assert subjects(check(RULE, tables)) == ([["A", "B"]] if found else [])


@pytest.mark.parametrize(("metres", "found"), [(9.0, True), (11.0, False)])
def test_the_radius_is_a_parameter(metres: float, found: bool) -> None:
    tables = _tables(camera("A", "D1", LAT, LON), camera("B", "D2", north(metres), LON))
    assert subjects(check(RULE, tables, camera_radius_m=10)) == ([["A", "B"]] if found else [])


def test_cameras_of_the_same_owner_are_no_pair() -> None:
    tables = _tables(camera("A", "D1", LAT, LON), camera("B", "D1", north(1), LON))
    assert check(RULE, tables) == []


@pytest.mark.parametrize("status", ["retired", "idle", "building"])
def test_cameras_that_are_not_live_are_ignored(status: str) -> None:
    tables = _tables(camera("A", "D1", LAT, LON), camera("B", "D2", LAT, LON, status=status))
    assert check(RULE, tables) == []


@pytest.mark.parametrize(
    ("convert", "name"), [(wgs84_to_bd09, "bd09"), (wgs84_to_gcj02, "gcj02")], ids=["bd09", "gcj02"]
)
def test_other_datums_are_converted_first(convert, name: str) -> None:
    lat, lon = convert(north(20), LON)
    converted = _tables(camera("A", "D1", LAT, LON), camera("B", "D2", lat, lon, coord_system=name))
    findings = check(RULE, converted)
    assert subjects(findings) == [["A", "B"]]
    b = findings[0].evidence["cameras"][1]
    assert b["coord_system"] == name
    assert b["wgs84"]["lat"] == pytest.approx(north(20), abs=1e-6)
    assert b["wgs84"]["lon"] == pytest.approx(LON, abs=1e-6)
    assert findings[0].evidence["pairs"][0]["distance_m"] == pytest.approx(20, abs=0.5)
    # The same numbers read as WGS-84 lie hundreds of metres away: no pair.
    raw = _tables(camera("A", "D1", LAT, LON), camera("B", "D2", lat, lon))
    assert check(RULE, raw) == []


def test_a_site_is_a_connected_group_of_pairs() -> None:
    # A-B 40 m, B-C 40 m (C of A's owner), A-C 80 m: one site of three.
    tables = _tables(
        camera("A", "D1", LAT, LON),
        camera("B", "D2", north(40), LON),
        camera("C", "D1", north(80), LON),
    )
    findings = check(RULE, tables)
    assert subjects(findings) == [["A", "B", "C"]]
    evidence = findings[0].evidence
    assert [(p["a"], p["b"]) for p in evidence["pairs"]] == [("A", "B"), ("B", "C")]
    assert evidence["max_distance_m"] == pytest.approx(80, abs=0.01)


def test_a_same_owner_neighbour_does_not_join_the_site() -> None:
    # A2 is 5 m from A (same owner) and 55 m from B: it is in no duplicate pair.
    tables = _tables(
        camera("A", "D1", LAT, LON),
        camera("A2", "D1", north(-5), LON),
        camera("B", "D2", north(50 - 0.5), LON),
    )
    assert subjects(check(RULE, tables)) == [["A", "B"]]


def test_one_finding_per_site() -> None:
    tables = _tables(
        camera("A", "D1", LAT, LON),
        camera("B", "D2", LAT, east(10)),
        camera("C", "D1", LAT, east(1000)),
        camera("D", "D3", LAT, east(1030)),
    )
    assert subjects(check(RULE, tables)) == [["A", "B"], ["C", "D"]]


def test_subjects_are_sorted_ids() -> None:
    tables = _tables(camera("Z9", "D1", LAT, LON), camera("A1", "D2", north(3), LON))
    assert subjects(check(RULE, tables)) == [["A1", "Z9"]]


def test_evidence_owners_standards_networks_addresses_costs() -> None:
    tables = {
        "departments": depts("D1", "D2"),
        "networks": [network("N5", "video_private")],
        "systems": [system("SV", "D1", build_cost="300", annual_om_cost="20")],
        "cameras": [
            camera(
                "A",
                "D1",
                LAT,
                LON,
                standard="GB/T 28181",
                network_id="N5",
                system_id="SV",
                address="解放大道1号",
                cost="3.5",
            ),
            camera("B", "D2", north(12), LON, standard="私有协议", cost="2"),
        ],
    }
    finding = check(RULE, tables)[0]
    evidence = finding.evidence
    assert evidence["owners"] == [{"id": "D1", "name": "部门D1"}, {"id": "D2", "name": "部门D2"}]
    assert evidence["standards"] == ["gb28181", "proprietary"]
    assert [n["id"] for n in evidence["networks"]] == ["N5"]
    assert evidence["cameras"][0]["address"] == "解放大道1号"
    assert evidence["cameras"][0]["system"]["id"] == "SV"
    # a site's money is its cameras' cost, never its video system's (SV cost 300 to build)
    assert evidence["money"]["camera_cost"] == 5.5
    assert evidence["money"]["cameras"] == 2 and evidence["money"]["camera_cost_unknown"] == []
    assert "build_cost" not in evidence["money"] and "annual_om_cost" not in evidence["money"]
    assert evidence["pairs"][0]["distance_m"] == pytest.approx(12, abs=0.01)
    assert "解放大道1号" in finding.title
    assert "部门D1 (D1)" in finding.detail and "部门D2 (D2)" in finding.detail
