"""duplicate.homogeneous_systems and security.ungraded: cases and near misses."""

from __future__ import annotations

import pytest

from ._build import check, depts, subjects, system

HOMOGENEOUS = "duplicate.homogeneous_systems"
UNGRADED = "security.ungraded"


def _systems(*rows: dict) -> dict:
    return {"departments": depts("D1", "D2", "D3", "D4"), "systems": list(rows)}


# -- duplicate.homogeneous_systems -----------------------------------------------------------


def test_three_owners_with_one_function() -> None:
    tables = _systems(
        system("S1", "D1", function="视频监控"),
        system("S2", "D2", function="视频监控"),
        system("S3", "D3", function="视频监控"),
    )
    findings = check(HOMOGENEOUS, tables)
    assert subjects(findings) == [["S1", "S2", "S3"]]
    assert [o["id"] for o in findings[0].evidence["owners"]] == ["D1", "D2", "D3"]


def test_two_owners_are_not_enough() -> None:
    tables = _systems(
        system("S1", "D1", function="视频监控"),
        system("S2", "D2", function="视频监控"),
        system("S3", "D2", function="视频监控"),
    )
    assert check(HOMOGENEOUS, tables) == []


def test_min_owners_is_a_parameter() -> None:
    tables = _systems(system("S1", "D1", function="OA"), system("S2", "D2", function="OA"))
    assert subjects(check(HOMOGENEOUS, tables, homogeneous_min_owners=2)) == [["S1", "S2"]]
    tables["systems"].append(system("S3", "D3", function="OA"))
    assert check(HOMOGENEOUS, tables, homogeneous_min_owners=4) == []


def test_function_names_are_folded() -> None:
    tables = _systems(
        system("S1", "D1", function="医院信息系统(HIS)"),
        system("S2", "D2", function="医院信息系统（ＨＩＳ）"),
        system("S3", "D3", function="  医院信息系统(his)\u3000"),
        system("S4", "D4", function="医院信息系统 (HIS)"),
    )
    findings = check(HOMOGENEOUS, tables)
    # S4 has a space inside the name: another function after folding.
    assert subjects(findings) == [["S1", "S2", "S3"]]
    assert len(findings[0].evidence["spellings"]) == 3


def test_every_system_of_the_group_is_a_subject() -> None:
    tables = _systems(
        system("S1", "D1", function="OA"),
        system("S2", "D1", function="OA"),
        system("S3", "D2", function="OA"),
        system("S4", "D3", function="OA", level="district"),
    )
    assert subjects(check(HOMOGENEOUS, tables)) == [["S1", "S2", "S3", "S4"]]


@pytest.mark.parametrize(
    "cells",
    [
        {"level": "provincial_vertical"},
        {"level": "national_vertical"},
        {"status": "retired"},
        {"status": "idle"},
        {"function": ""},
    ],
)
def test_only_live_city_systems_with_the_function_count(cells: dict) -> None:
    third = {"function": "OA", **cells}
    tables = _systems(
        system("S1", "D1", function="OA"),
        system("S2", "D2", function="OA"),
        system("S3", "D3", **third),
    )
    assert check(HOMOGENEOUS, tables) == []


def test_one_finding_per_function() -> None:
    rows = [system(f"A{i}", f"D{i}", function="OA") for i in (1, 2, 3)]
    rows += [system(f"B{i}", f"D{i}", function="HIS") for i in (2, 3, 4)]
    assert subjects(check(HOMOGENEOUS, _systems(*rows))) == [["A1", "A2", "A3"], ["B2", "B3", "B4"]]


def test_money_of_the_group() -> None:
    rows = [
        system(f"S{i}", f"D{i}", function="OA", build_cost="10", annual_om_cost="1")
        for i in (1, 2, 3)
    ]
    money = check(HOMOGENEOUS, _systems(*rows))[0].evidence["money"]
    assert (money["build_cost"], money["annual_om_cost"]) == (30, 3)


# -- security.ungraded -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "found"),
    [("", True), ("未定级", True), ("1", False), ("3", False), ("第三级", False), ("二级", False)],
)
def test_a_live_system_without_a_grade(grade: str, found: bool) -> None:
    tables = _systems(system("S1", "D1", security_grade=grade))
    assert subjects(check(UNGRADED, tables)) == ([["S1"]] if found else [])


@pytest.mark.parametrize("status", ["retired", "idle", "building"])
def test_ungraded_systems_that_are_not_live_are_not_judged(status: str) -> None:
    assert check(UNGRADED, _systems(system("S1", "D1", status=status))) == []


def test_ungraded_evidence() -> None:
    tables = _systems(system("S1", "D1", gov_service="是", level="district"))
    evidence = check(UNGRADED, tables)[0].evidence
    assert evidence["owner"] == {"id": "D1", "name": "部门D1"}
    assert (evidence["level"], evidence["gov_service"]) == ("district", True)
