"""usage.idle, usage.low_utilization, usage.rebuilt_while_underused: boundaries and near misses."""

from __future__ import annotations

from datetime import timedelta

import pytest

from interop.graph import build_graph
from interop.rules import RULE_BY_ID
from interop.rules.base import AuditContext

from ._build import AS_OF, build_inventory, check, depts, params, subjects, system

IDLE = "usage.idle"
LOW = "usage.low_utilization"
REBUILT = "usage.rebuilt_while_underused"


def _one(**cells: str) -> dict:
    return {"departments": depts("D1"), "systems": [system("S1", "D1", **cells)]}


def _days_before(days: int) -> str:
    return (AS_OF - timedelta(days=days)).isoformat()


# -- usage.idle ------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "found"), [(180, False), (181, True), (0, False), (-5, False)])
def test_last_used_more_than_180_days_before(days: int, found: bool) -> None:
    findings = check(IDLE, _one(last_used=_days_before(days)))
    assert subjects(findings) == ([["S1"]] if found else [])
    if found:
        assert findings[0].evidence["days_since_last_used"] == 181


@pytest.mark.parametrize(("days", "found"), [(30, False), (31, True)])
def test_idle_days_is_a_parameter(days: int, found: bool) -> None:
    findings = check(IDLE, _one(last_used=_days_before(days)), idle_days=30)
    assert subjects(findings) == ([["S1"]] if found else [])


def test_the_as_of_date_is_a_parameter() -> None:
    tables = _one(last_used=_days_before(200))
    assert subjects(check(IDLE, tables)) == [["S1"]]
    assert check(IDLE, tables, as_of=AS_OF - timedelta(days=100)) == []


@pytest.mark.parametrize(("users", "found"), [("0", True), ("1", False), ("", False)])
def test_no_monthly_active_users(users: str, found: bool) -> None:
    assert subjects(check(IDLE, _one(monthly_active_users=users))) == ([["S1"]] if found else [])


def test_status_idle_is_idle_however_recent_its_use() -> None:
    findings = check(IDLE, _one(status="闲置", last_used=AS_OF.isoformat(), monthly_active_users=9))
    assert subjects(findings) == [["S1"]]
    assert findings[0].evidence["status"] == "idle"


@pytest.mark.parametrize("status", ["retired", "building"])
def test_systems_neither_idle_nor_live_are_not_judged(status: str) -> None:
    tables = _one(status=status, last_used=_days_before(1000), monthly_active_users="0")
    assert check(IDLE, tables) == []


def test_unknown_usage_is_not_idle() -> None:
    assert check(IDLE, _one()) == []


# -- usage.low_utilization -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("used", "total", "found"),
    [
        ("3", "10", False),
        ("2", "10", True),
        ("29", "100", True),
        ("0", "1", True),
        ("1", "1", False),
    ],
)
def test_utilization_below_0_3(used: str, total: str, found: bool) -> None:
    findings = check(LOW, _one(modules_used=used, modules_total=total))
    assert subjects(findings) == ([["S1"]] if found else [])


@pytest.mark.parametrize(("used", "total"), [("0", "0"), ("", "10"), ("2", ""), ("", "")], ids=str)
def test_utilization_undefined_is_not_judged(used: str, total: str) -> None:
    assert check(LOW, _one(modules_used=used, modules_total=total)) == []


@pytest.mark.parametrize("status", ["retired", "idle", "building"])
def test_low_utilization_only_of_live_systems(status: str) -> None:
    assert check(LOW, _one(modules_used="1", modules_total="10", status=status)) == []


def test_low_utilization_threshold_is_a_parameter() -> None:
    tables = _one(modules_used="3", modules_total="10")
    assert subjects(check(LOW, tables, low_utilization=0.31)) == [["S1"]]
    assert check(LOW, tables, low_utilization=0.3) == []


def test_low_utilization_evidence() -> None:
    evidence = check(LOW, _one(modules_used="1", modules_total="8"))[0].evidence
    assert (evidence["modules_used"], evidence["modules_total"]) == (1, 8)
    assert evidence["utilization"] == 0.125


# -- usage.rebuilt_while_underused -----------------------------------------------------------


def _rebuilt(gap_days: int | None, used: str = "4", total: str = "10", **new: str) -> dict:
    """N (id S2) replaces O (id S1); O went live on 2015-01-01."""
    old_live = AS_OF.replace(year=2015, month=1, day=1)
    new_cells = {"replaces_id": "S1", **new}
    if gap_days is not None:
        new_cells.setdefault("go_live", (old_live + timedelta(days=gap_days)).isoformat())
    return {
        "departments": depts("D1", "D2"),
        "systems": [
            system(
                "S1", "D1", go_live=old_live.isoformat(), modules_used=used, modules_total=total
            ),
            system("S2", "D2", **new_cells),
        ],
    }


@pytest.mark.parametrize(("gap", "found"), [(1094, True), (1095, False), (0, True), (1, True)])
def test_replaced_less_than_3_years_later(gap: int, found: bool) -> None:
    assert subjects(check(REBUILT, _rebuilt(gap))) == ([["S2", "S1"]] if found else [])


@pytest.mark.parametrize("gap", [-1, -30])
def test_replacement_live_before_the_original_is_a_load_warning_not_a_finding(gap: int) -> None:
    """findings-format v2: 0 ≤ gap; a negative gap is a data error, warned on N's
    replaces_id at load, and the reference is kept."""
    inventory = build_inventory(_rebuilt(gap))
    assert not inventory.report.rejected
    [warning] = inventory.report.warnings
    assert (warning.table, warning.row, warning.column, warning.value) == (
        "systems",
        3,
        "replaces_id",
        "S1",
    )
    assert "before the system it replaces" in warning.reason
    graph = build_graph(inventory)
    assert ("Endpoint:S2", "Endpoint:S1") in graph.edges()  # the reference is kept
    context = AuditContext(graph=graph, parameters=params())
    assert RULE_BY_ID[REBUILT].check(context) == []


def test_subjects_are_new_then_old_not_sorted() -> None:
    findings = check(REBUILT, _rebuilt(100))
    assert findings[0].subjects == ["S2", "S1"]
    assert findings[0].evidence["new"]["id"] == "S2"
    assert findings[0].evidence["old"]["id"] == "S1"
    assert findings[0].evidence["days_between_go_live"] == 100


@pytest.mark.parametrize(
    ("used", "total", "found"), [("5", "10", False), ("49", "100", True), ("0", "3", True)]
)
def test_old_utilization_below_0_5(used: str, total: str, found: bool) -> None:
    assert subjects(check(REBUILT, _rebuilt(100, used, total))) == ([["S2", "S1"]] if found else [])


@pytest.mark.parametrize(("used", "total"), [("", "10"), ("0", "0"), ("3", "")])
def test_old_utilization_unknown_is_not_judged(used: str, total: str) -> None:
    assert check(REBUILT, _rebuilt(100, used, total)) == []


def test_both_go_live_dates_must_be_known() -> None:
    assert check(REBUILT, _rebuilt(None)) == []
    tables = _rebuilt(100)
    del tables["systems"][0]["go_live"]
    assert check(REBUILT, tables) == []


def test_neither_system_needs_to_be_live() -> None:
    tables = _rebuilt(100, status="building")
    tables["systems"][0]["status"] = "retired"
    assert subjects(check(REBUILT, tables)) == [["S2", "S1"]]


def test_rebuilt_thresholds_are_parameters() -> None:
    assert check(REBUILT, _rebuilt(500), rebuilt_within_days=500) == []
    assert subjects(check(REBUILT, _rebuilt(499), rebuilt_within_days=500)) == [["S2", "S1"]]
    assert check(REBUILT, _rebuilt(100, "4", "10"), rebuilt_utilization=0.4) == []


def test_rebuilt_money_of_both() -> None:
    tables = _rebuilt(100)
    tables["systems"][0]["build_cost"] = "80"
    tables["systems"][1]["build_cost"] = "150"
    money = check(REBUILT, tables)[0].evidence["money"]
    assert money["build_cost"] == 230
