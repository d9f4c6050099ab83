"""network.noncompliant_deployment and network.isolated_private: cases and near misses."""

from __future__ import annotations

import pytest

from ._build import camera, check, depts, link, network, platform, subjects, system

NONCOMPLIANT = "network.noncompliant_deployment"
ISOLATED = "network.isolated_private"

NETWORKS = [
    network("EX", "extranet"),
    network("IN", "intranet"),
    network("NET", "internet"),
    network("EP", "egov_private"),
    network("IP", "industry_private"),
    network("VP", "video_private"),
]


def _deployed(**cells: str) -> dict:
    return {
        "departments": depts("D1"),
        "networks": NETWORKS,
        "systems": [system("S1", "D1", **cells)],
    }


# -- network.noncompliant_deployment ---------------------------------------------------------


@pytest.mark.parametrize("nets", ["EP", "IP", "VP", "EP;IP"])
@pytest.mark.parametrize("level", ["municipal", "district", "", "区级"])
def test_a_city_system_on_private_networks_only(nets: str, level: str) -> None:
    findings = check(NONCOMPLIANT, _deployed(network_ids=nets, level=level))
    assert subjects(findings) == [["S1"]]
    assert [n["id"] for n in findings[0].evidence["networks"]] == sorted(nets.split(";"))


@pytest.mark.parametrize("nets", ["EX", "IN", "NET", "EP;EX", "VP、IN", "IP，NET"])
def test_one_compliant_network_is_enough(nets: str) -> None:
    assert check(NONCOMPLIANT, _deployed(network_ids=nets)) == []


def test_a_system_naming_no_network_is_not_judged() -> None:
    assert check(NONCOMPLIANT, _deployed()) == []


@pytest.mark.parametrize("level", ["provincial_vertical", "national_vertical"])
def test_vertical_systems_are_not_judged(level: str) -> None:
    assert check(NONCOMPLIANT, _deployed(network_ids="IP", level=level)) == []


@pytest.mark.parametrize("status", ["idle", "retired", "building"])
def test_systems_not_live_are_not_judged(status: str) -> None:
    assert check(NONCOMPLIANT, _deployed(network_ids="IP", status=status)) == []


# -- network.isolated_private ----------------------------------------------------------------


def _hosted(links: list, *, kind: str = "industry_private", **system_cells: str) -> dict:
    return {
        "departments": depts("D1"),
        "networks": [*NETWORKS, network("X", kind)],
        "network_links": links,
        "systems": [system("S1", "D1", network_ids="X", **system_cells)],
    }


@pytest.mark.parametrize("kind", ["egov_private", "industry_private", "video_private"])
def test_a_private_network_in_use_without_links_is_isolated(kind: str) -> None:
    findings = check(ISOLATED, _hosted([], kind=kind))
    assert subjects(findings) == [["X"]]
    assert [s["id"] for s in findings[0].evidence["hosted"]["systems"]] == ["S1"]


@pytest.mark.parametrize("kind", ["extranet", "intranet", "internet"])
def test_other_kinds_are_not_judged(kind: str) -> None:
    assert check(ISOLATED, _hosted([], kind=kind)) == []


@pytest.mark.parametrize("trunk", ["EX", "IN"])
def test_a_direct_link_to_extranet_or_intranet_either_way(trunk: str) -> None:
    assert check(ISOLATED, _hosted([link("X", trunk)])) == []
    assert check(ISOLATED, _hosted([link(trunk, "X")])) == []


def test_a_chain_of_links_through_private_networks_reaches_the_extranet() -> None:
    assert check(ISOLATED, _hosted([link("X", "VP"), link("EX", "EP"), link("EP", "VP")])) == []


def test_a_link_to_another_private_network_only_is_not_enough() -> None:
    findings = check(ISOLATED, _hosted([link("X", "VP"), link("VP", "EP")]))
    assert subjects(findings) == [["X"]]
    assert [n["id"] for n in findings[0].evidence["linked_networks"]] == ["EP", "VP"]


def test_the_internet_is_not_the_extranet_but_a_chain_may_pass_through_it() -> None:
    assert subjects(check(ISOLATED, _hosted([link("X", "NET")]))) == [["X"]]
    assert check(ISOLATED, _hosted([link("X", "NET"), link("NET", "EX")])) == []


@pytest.mark.parametrize("status", ["idle", "retired", "building"])
def test_a_network_hosting_nothing_live_is_not_judged(status: str) -> None:
    assert check(ISOLATED, _hosted([], status=status)) == []


def test_a_network_hosting_nothing_at_all_is_not_judged() -> None:
    tables = {"departments": depts("D1"), "networks": [network("X", "video_private")]}
    assert check(ISOLATED, tables) == []


def test_a_platform_is_always_live() -> None:
    tables = {
        "departments": depts("D1"),
        "networks": [network("X", "egov_private")],
        "platforms": [platform("P1", "other", "municipal", network_ids="X")],
    }
    findings = check(ISOLATED, tables)
    assert subjects(findings) == [["X"]]
    assert [p["id"] for p in findings[0].evidence["hosted"]["platforms"]] == ["P1"]


@pytest.mark.parametrize(("status", "found"), [("", True), ("in_use", True), ("retired", False)])
def test_cameras_count_when_live(status: str, found: bool) -> None:
    tables = {
        "departments": depts("D1"),
        "networks": [network("X", "video_private")],
        "cameras": [camera("C1", "D1", 30.58, 114.3, network_id="X", status=status)],
    }
    assert subjects(check(ISOLATED, tables)) == ([["X"]] if found else [])


@pytest.mark.parametrize("names", [False, True])
def test_hosted_cameras_are_listed_by_id_with_their_names(names: bool) -> None:
    """In the evidence, a network's cameras are sorted by id whatever the file's order;
    a camera's name is an extra column's, when the inventory has one ("" otherwise)."""
    ids = ["C3", "C10", "C1", "C2"]
    cells = [{"name": f"cam {key}"} if names else {} for key in ids]
    tables = {
        "departments": depts("D1"),
        "networks": [network("X", "video_private")],
        "cameras": [
            camera(key, "D1", 30.58, 114.3 + k / 100, network_id="X", **extra)
            for k, (key, extra) in enumerate(zip(ids, cells, strict=True))
        ],
    }
    [finding] = check(ISOLATED, tables)
    hosted = finding.evidence["hosted"]["cameras"]
    assert [c["id"] for c in hosted] == ["C1", "C10", "C2", "C3"]
    assert [c["name"] for c in hosted] == [f"cam {c['id']}" if names else "" for c in hosted]
    assert {c["label"] for c in hosted} == {"Camera"}
