"""sharing.non_provider: positive cases and near misses."""

from __future__ import annotations

from ._build import check, depts, flow, platform, subjects, system

RULE = "sharing.non_provider"


def _two_departments(*flows: dict, d1_status: str = "", extra: list | None = None) -> dict:
    return {
        "departments": depts("D1", "D2"),
        "platforms": [platform("PX", "data_exchange", "municipal", owner_id="D2")],
        "systems": [
            system("S1", "D1", status=d1_status),
            system("S2", "D2"),
            *(extra or []),
        ],
        "flows": list(flows),
    }


def test_receiving_from_another_department_and_sending_nothing() -> None:
    findings = check(RULE, _two_departments(flow("S2", "S1")))
    assert subjects(findings) == [["D1"]]
    received = findings[0].evidence["received"]
    assert [(r["source"]["id"], r["target"]["id"]) for r in received] == [("S2", "S1")]
    assert findings[0].evidence["department"]["name"] == "部门D1"


def test_receiving_from_a_platform_counts() -> None:
    assert subjects(check(RULE, _two_departments(flow("PX", "S1")))) == [["D1"]]


def test_sending_to_a_platform_or_another_department_clears_it() -> None:
    assert check(RULE, _two_departments(flow("S2", "S1"), flow("S1", "PX"))) == []
    # D1 is cleared by its flow to S2; D2 now receives from D1 and sends nothing.
    assert subjects(check(RULE, _two_departments(flow("PX", "S1"), flow("S1", "S2")))) == [["D2"]]


def test_the_sender_is_not_a_non_provider() -> None:
    # D2 sends to D1 and receives nothing: it is a provider, only D1 is found.
    assert subjects(check(RULE, _two_departments(flow("S2", "S1")))) == [["D1"]]


def test_flows_between_its_own_systems_do_not_count() -> None:
    own = [system("S3", "D1")]
    tables = _two_departments(flow("S3", "S1"), extra=own)
    assert check(RULE, tables) == []
    # ... and sending to its own system does not clear a department that receives.
    tables = _two_departments(flow("S2", "S1"), flow("S1", "S3"), extra=own)
    assert subjects(check(RULE, tables)) == [["D1"]]


def test_planned_and_broken_flows_do_not_count() -> None:
    tables = _two_departments(flow("S2", "S1", status="planned"), flow("PX", "S1", status="broken"))
    assert check(RULE, tables) == []
    tables = _two_departments(flow("S2", "S1"), flow("S1", "PX", status="planned"))
    assert subjects(check(RULE, tables)) == [["D1"]]


def test_a_department_without_a_live_system_is_not_judged() -> None:
    assert check(RULE, _two_departments(flow("S2", "S1"), d1_status="retired")) == []


def test_flows_of_all_its_systems_count_whatever_their_status() -> None:
    # "receives ... into one of its systems" and "sends none out of its systems": every
    # system the department owns counts, not only the live ones.
    retired = [system("S3", "D1", status="retired")]
    tables = _two_departments(flow("S2", "S3"), extra=retired)
    assert subjects(check(RULE, tables)) == [["D1"]]
    tables = _two_departments(flow("S2", "S1"), flow("S3", "S2"), extra=retired)
    assert check(RULE, tables) == []


def test_a_department_with_no_flows_is_not_a_non_provider() -> None:
    assert check(RULE, _two_departments()) == []
