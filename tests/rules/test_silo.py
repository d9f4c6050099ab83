"""silo.isolated_system: positive cases and near misses."""

from __future__ import annotations

import pytest

from ._build import check, depts, flow, platform, subjects, system

RULE = "silo.isolated_system"


def test_a_live_system_without_flows_is_a_silo() -> None:
    tables = {"departments": depts("D1"), "systems": [system("S1", "D1")]}
    findings = check(RULE, tables)
    assert subjects(findings) == [["S1"]]
    evidence = findings[0].evidence
    assert evidence["owner"] == {"id": "D1", "name": "部门D1"}
    assert evidence["flows"] == []
    assert "系统S1 (S1)" in findings[0].detail
    assert "部门D1 (D1)" in findings[0].detail


def test_same_owner_flow_is_not_crossing() -> None:
    tables = {
        "departments": depts("D1"),
        "systems": [system("S1", "D1"), system("S2", "D1")],
        "flows": [flow("S1", "S2")],
    }
    findings = check(RULE, tables)
    assert subjects(findings) == [["S1"], ["S2"]]
    reason = findings[0].evidence["flows"][0]["not_crossing_because"]
    assert "same department" in reason


@pytest.mark.parametrize("direction", ["out", "in"])
def test_a_flow_with_another_department_counts_either_way(direction: str) -> None:
    pair = ("S1", "S2") if direction == "out" else ("S2", "S1")
    tables = {
        "departments": depts("D1", "D2"),
        "systems": [system("S1", "D1"), system("S2", "D2")],
        "flows": [flow(*pair)],
    }
    assert check(RULE, tables) == []


@pytest.mark.parametrize("status", ["planned", "broken", "计划", "中断"])
def test_planned_and_broken_flows_are_ignored(status: str) -> None:
    tables = {
        "departments": depts("D1", "D2"),
        "systems": [system("S1", "D1"), system("S2", "D2")],
        "flows": [flow("S1", "S2", status=status)],
    }
    assert subjects(check(RULE, tables)) == [["S1"], ["S2"]]


def test_an_empty_flow_status_is_active() -> None:
    tables = {
        "departments": depts("D1", "D2"),
        "systems": [system("S1", "D1"), system("S2", "D2")],
        "flows": [flow("S1", "S2", status="")],
    }
    assert check(RULE, tables) == []


def test_a_platform_counterpart_is_always_crossing_even_of_the_same_owner() -> None:
    tables = {
        "departments": depts("D1"),
        "platforms": [platform("P1", "data_exchange", "municipal", owner_id="D1")],
        "systems": [system("S1", "D1"), system("S2", "D1")],
        "flows": [flow("P1", "S1"), flow("S2", "P1")],
    }
    assert check(RULE, tables) == []


def test_a_self_loop_is_not_crossing() -> None:
    tables = {
        "departments": depts("D1"),
        "systems": [system("S1", "D1")],
        "flows": [flow("S1", "S1")],
    }
    findings = check(RULE, tables)
    assert subjects(findings) == [["S1"]]
    assert "itself" in findings[0].evidence["flows"][0]["not_crossing_because"]


@pytest.mark.parametrize("status", ["retired", "idle", "building", "停用"])
def test_a_system_that_is_not_live_is_not_a_silo(status: str) -> None:
    tables = {"departments": depts("D1"), "systems": [system("S1", "D1", status=status)]}
    assert check(RULE, tables) == []


@pytest.mark.parametrize("status", ["", "in_use", "在用"])
def test_empty_status_means_in_use(status: str) -> None:
    tables = {"departments": depts("D1"), "systems": [system("S1", "D1", status=status)]}
    assert subjects(check(RULE, tables)) == [["S1"]]


def test_the_counterpart_need_not_be_live() -> None:
    # The contract asks for an active flow with another department's system, whatever
    # that system's status: S1 is not a silo; S2 is retired and not judged.
    tables = {
        "departments": depts("D1", "D2"),
        "systems": [system("S1", "D1"), system("S2", "D2", status="retired")],
        "flows": [flow("S1", "S2")],
    }
    assert check(RULE, tables) == []


def test_money_of_the_silo() -> None:
    tables = {
        "departments": depts("D1"),
        "systems": [system("S1", "D1", build_cost="120.5", annual_om_cost="")],
    }
    money = check(RULE, tables)[0].evidence["money"]
    assert money["build_cost"] == 120.5
    assert money["annual_om_cost"] is None
    assert money["annual_om_cost_unknown"] == ["S1"]
