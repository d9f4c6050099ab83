"""provincial.missing_link and provincial.city_platform_unlinked: cases and near misses."""

from __future__ import annotations

import pytest

from interop.findings.model import Severity

from ._build import check, depts, flow, platform, subjects, system

MISSING = "provincial.missing_link"
UNLINKED = "provincial.city_platform_unlinked"

PLATFORMS = [
    platform("PG", "gov_service", "provincial"),
    platform("PC", "gov_service", "municipal"),
    platform("PX", "data_exchange", "municipal"),
    platform("PD", "data_exchange", "provincial"),
]


def _vertical(*flows: dict, **cells: str) -> dict:
    """V: a provincial vertical service system used by D1; X: a city system of D1."""
    cells = {"level": "provincial_vertical", "gov_service": "true", "user_ids": "D1", **cells}
    return {
        "departments": depts("D1", "P1"),
        "platforms": PLATFORMS,
        "systems": [system("V", "P1", **cells), system("X", "D1")],
        "flows": list(flows),
    }


RT = {"frequency": "realtime"}


# -- provincial.missing_link -----------------------------------------------------------------


def test_a_direct_realtime_flow_is_a_link() -> None:
    assert check(MISSING, _vertical(flow("V", "PG", **RT))) == []


def test_a_realtime_chain_through_systems_and_platforms_is_a_link() -> None:
    flows = [flow("V", "X", **RT), flow("X", "PX", **RT), flow("PX", "PG", **RT)]
    assert check(MISSING, _vertical(*flows)) == []


def test_no_flow_at_all_is_high() -> None:
    findings = check(MISSING, _vertical())
    assert subjects(findings) == [["V"]]
    assert findings[0].severity == Severity.high
    assert findings[0].evidence["chain"]["path"] == []
    assert "no chain of active flows" in findings[0].evidence["chain"]["note"]


@pytest.mark.parametrize("frequency", ["daily", "hourly", "adhoc", ""])
def test_an_active_chain_that_is_not_realtime_throughout_is_medium(frequency: str) -> None:
    flows = [flow("V", "X", **RT), flow("X", "PX", frequency=frequency), flow("PX", "PG", **RT)]
    findings = check(MISSING, _vertical(*flows))
    assert subjects(findings) == [["V"]]
    assert findings[0].severity == Severity.medium
    chain = findings[0].evidence["chain"]
    assert [n["id"] for n in chain["path"]] == ["V", "X", "PX", "PG"]
    assert chain["weakest_hop"] == 1
    assert [h["weakest"] for h in chain["hops"]] == [False, True, False]
    assert chain["hops"][1]["source"]["id"] == "X"


def test_the_best_chain_is_the_shortest_active_one() -> None:
    flows = [
        flow("V", "X", **RT),
        flow("X", "PX", **RT),
        flow("PX", "PG", frequency="daily"),
        flow("V", "PX", frequency="weekly", mechanism="file"),
    ]
    chain = check(MISSING, _vertical(*flows))[0].evidence["chain"]
    assert [n["id"] for n in chain["path"]] == ["V", "PX", "PG"]
    assert chain["weakest_hop"] == 0
    assert chain["hops"][0]["frequency"] == "weekly"
    assert chain["hops"][0]["mechanism"] == "file"


def test_among_equal_chains_the_one_with_more_realtime_hops_wins() -> None:
    flows = [
        flow("V", "PX", frequency="daily"),
        flow("PX", "PG", frequency="daily"),
        flow("V", "X", **RT),
        flow("X", "PG", frequency="daily"),
    ]
    chain = check(MISSING, _vertical(*flows))[0].evidence["chain"]
    assert [n["id"] for n in chain["path"]] == ["V", "X", "PG"]
    assert chain["weakest_hop"] == 1


def test_a_parallel_realtime_flow_is_the_hop_shown() -> None:
    flows = [flow("V", "PX", frequency="daily"), flow("V", "PX", **RT), flow("PX", "PG")]
    chain = check(MISSING, _vertical(*flows))[0].evidence["chain"]
    assert [h["frequency"] for h in chain["hops"]] == ["realtime", None]
    assert chain["weakest_hop"] == 1


@pytest.mark.parametrize("status", ["planned", "broken"])
def test_inactive_flows_break_a_chain(status: str) -> None:
    flows = [flow("V", "PX", **RT), flow("PX", "PG", status=status, **RT)]
    findings = check(MISSING, _vertical(*flows))
    assert findings[0].severity == Severity.high


def test_chains_are_directed() -> None:
    findings = check(MISSING, _vertical(flow("PG", "V", **RT)))
    assert findings[0].severity == Severity.high


@pytest.mark.parametrize("target", ["PC", "PD"])
def test_only_a_provincial_gov_service_platform_is_a_target(target: str) -> None:
    findings = check(MISSING, _vertical(flow("V", target, **RT)))
    assert subjects(findings) == [["V"]]
    assert findings[0].severity == Severity.high


@pytest.mark.parametrize(
    "cells",
    [
        {"gov_service": "false"},
        {"gov_service": ""},
        {"user_ids": ""},
        {"level": "municipal"},
        {"level": "district"},
        {"status": "retired"},
        {"status": "idle"},
    ],
)
def test_systems_out_of_scope(cells: dict) -> None:
    assert check(MISSING, _vertical(**cells)) == []


def test_national_vertical_systems_are_in_scope() -> None:
    assert subjects(check(MISSING, _vertical(level="national_vertical"))) == [["V"]]


def test_a_chain_may_pass_through_a_system_that_is_not_live() -> None:
    tables = _vertical(flow("V", "R", **RT), flow("R", "PG", **RT))
    tables["systems"].append(system("R", "D1", status="retired"))
    assert check(MISSING, tables) == []


# -- provincial.city_platform_unlinked -------------------------------------------------------


def _city(*flows: dict) -> dict:
    return {
        "departments": depts("D1"),
        "platforms": PLATFORMS,
        "systems": [system("X", "D1")],
        "flows": list(flows),
    }


def test_a_realtime_flow_from_the_provincial_platform_links_it() -> None:
    assert check(UNLINKED, _city(flow("PG", "PC", **RT))) == []


def test_a_realtime_chain_through_a_platform_and_a_system_links_it() -> None:
    flows = [flow("PG", "PX", **RT), flow("PX", "X", **RT), flow("X", "PC", **RT)]
    assert check(UNLINKED, _city(*flows)) == []


def test_a_daily_flow_is_not_a_realtime_link() -> None:
    findings = check(UNLINKED, _city(flow("PG", "PC", frequency="daily")))
    assert subjects(findings) == [["PC"]]
    chain = findings[0].evidence["chain"]
    assert [n["id"] for n in chain["path"]] == ["PG", "PC"]
    assert chain["weakest_hop"] == 0


def test_the_wrong_direction_is_no_link() -> None:
    findings = check(UNLINKED, _city(flow("PC", "PG", **RT)))
    assert subjects(findings) == [["PC"]]
    assert findings[0].evidence["chain"]["path"] == []


@pytest.mark.parametrize("status", ["planned", "broken"])
def test_inactive_realtime_flows_are_no_link(status: str) -> None:
    assert subjects(check(UNLINKED, _city(flow("PG", "PC", status=status, **RT)))) == [["PC"]]


def test_chains_start_at_provincial_gov_service_platforms() -> None:
    assert subjects(check(UNLINKED, _city(flow("PD", "PC", **RT)))) == [["PC"]]


def test_only_municipal_gov_service_platforms_are_judged() -> None:
    tables = _city()
    tables["platforms"] = [*PLATFORMS, platform("PQ", "gov_service", "district")]
    assert subjects(check(UNLINKED, tables)) == [["PC"]]


def test_without_a_provincial_platform_every_city_platform_is_unlinked() -> None:
    tables = _city()
    tables["platforms"] = [p for p in PLATFORMS if p["id"] != "PG"]
    findings = check(UNLINKED, tables)
    assert subjects(findings) == [["PC"]]
    assert "未登记任何省级政务服务平台" in findings[0].detail
    [english] = check(UNLINKED, tables, lang="en")
    assert "no provincial government-service platform" in english.detail
