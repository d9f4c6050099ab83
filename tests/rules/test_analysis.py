"""The engine: rule order, sorting, progress, summary, parameters, and a graph left unchanged."""

from __future__ import annotations

import copy
import gc
import re
from datetime import date
from typing import Any

import networkx as nx
import pytest
from conformance import shared_path

from interop.analysis import analyze, run_rules
from interop.graph import build_graph
from interop.inventory.model import Inventory
from interop.parameters import Parameters
from interop.rules import RULE_BY_ID, RULES

from ._build import build_inventory, depts, system

AREA_OF_PREFIX = {
    "silo": 1,
    "sharing": 1,
    "camera": 1,
    "duplicate": 1,
    "network": 3,
    "provincial": 3,
    "usage": 4,
    "security": 5,
    "resources": 2,
    "project": 5,
}
AREA_OF_RULE = {"sharing.point_to_point": 3}
"""Rules whose area is not their prefix's (findings-format.md, the report's five areas)."""
AS_OF = date(2020, 12, 31)


def _tiny_subjects(tiny: Inventory, **overrides: Any) -> dict[str, list[list[str]]]:
    doc = analyze(tiny, Parameters(as_of=AS_OF, **overrides))
    return doc.subjects_by_rule()


def test_rules_follow_the_contract_table() -> None:
    table = re.findall(
        r"^\| `([a-z_]+\.[a-z_]+)` \|",
        shared_path("spec", "findings-format.md").read_text(encoding="utf-8"),
        re.M,
    )
    assert [rule.id for rule in RULES] == table
    assert set(RULE_BY_ID) == set(table)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_data(rule) -> None:
    assert rule.area == AREA_OF_RULE.get(rule.id, AREA_OF_PREFIX[rule.id.split(".")[0]])
    assert set(rule.parameters) <= set(Parameters.model_fields)
    help_ = rule.help.en
    for text in (rule.title.en, help_.criteria, help_.evidence, help_.recommendation):
        assert len(text.strip()) > 10


def test_findings_are_sorted_by_contract_rule_order_then_subjects(every_rule: Inventory) -> None:
    findings = run_rules(
        build_graph(every_rule), Parameters(as_of=AS_OF), rules=tuple(reversed(RULES))
    )
    order = [rule.id for rule in RULES]
    keys = [(order.index(f.rule), f.subjects) for f in findings]
    assert keys == sorted(keys)
    assert findings[0].rule == "silo.isolated_system"


def test_progress_is_called_once_per_rule(every_rule: Inventory) -> None:
    calls: list[tuple[str, int, int]] = []
    analyze(
        every_rule, Parameters(as_of=AS_OF), progress=lambda r, i, n: calls.append((r.id, i, n))
    )
    assert calls == [(rule.id, i, len(RULES)) for i, rule in enumerate(RULES, start=1)]


def test_summary_lists_every_rule_even_without_findings() -> None:
    inventory = build_inventory({"departments": depts("D1"), "systems": [system("S1", "D1")]})
    doc = analyze(inventory, Parameters(as_of=AS_OF))
    by_rule = doc.summary.findings_by_rule
    assert list(by_rule) == [rule.id for rule in RULES]
    assert by_rule["silo.isolated_system"] == 1
    assert by_rule["camera.duplicate_site"] == 0
    assert sum(by_rule.values()) == len(doc.findings)


def test_document_parameters_and_load_section() -> None:
    tables = {
        "departments": depts("D1"),
        "systems": [system("S1", "D1"), system("S2", "D9"), system("S3", "D1", user_ids="D8")],
    }
    inventory = build_inventory(tables)
    parameters = Parameters(as_of=AS_OF, camera_radius_m=30)
    doc = analyze(inventory, parameters)
    assert doc.as_of == AS_OF
    assert doc.parameters == parameters.as_json("networkx")
    assert doc.parameters["camera_radius_m"] == 30
    assert doc.load.tables["systems"].rejected == 1
    assert [(r.row, r.column, r.value) for r in doc.load.rejected] == [(3, "owner_id", "D9")]
    assert [(w.row, w.column, w.value) for w in doc.load.warnings] == [(4, "user_ids", "D8")]
    assert doc.summary.systems == 2


def test_an_unknown_engine_is_refused(every_rule: Inventory) -> None:
    with pytest.raises(ValueError, match="engine"):
        analyze(every_rule, Parameters(as_of=AS_OF), engine="neo4j")


def test_parameters_change_results(tiny: Inventory) -> None:
    base = _tiny_subjects(tiny)
    assert base["camera.duplicate_site"] == [["C1", "C2", "C3"]]
    # C1-C2 is 13 m, C1-C3 12 m, C2-C3 19 m: at 10 m there is no pair left.
    assert "camera.duplicate_site" not in _tiny_subjects(tiny, camera_radius_m=10)
    # S13 was last used 365 days before the as-of date.
    assert "usage.idle" in base and ["S13"] in base["usage.idle"]
    assert _tiny_subjects(tiny, idle_days=365)["usage.idle"] == [["S10"]]
    assert "usage.low_utilization" not in _tiny_subjects(tiny, low_utilization=0.2)
    # S11 went live 516 days after S12.
    assert "usage.rebuilt_while_underused" not in _tiny_subjects(tiny, rebuilt_within_days=516)
    assert "duplicate.homogeneous_systems" not in _tiny_subjects(tiny, homogeneous_min_owners=4)


def _snapshot(graph: nx.MultiDiGraph) -> Any:
    return copy.deepcopy(
        (
            dict(graph.graph),
            list(graph.nodes(data=True)),
            list(graph.edges(keys=True, data=True)),
        )
    )


def test_the_analysis_never_changes_the_graph(every_rule: Inventory) -> None:
    graph = build_graph(every_rule)
    before = _snapshot(graph)
    findings = run_rules(graph, Parameters(as_of=AS_OF))
    assert findings
    assert _snapshot(graph) == before
    # Evidence holds copies: emptying every container in it leaves the graph alone.
    for finding in findings:
        _empty(finding.evidence)
    assert _snapshot(graph) == before


def _empty(value: Any) -> None:
    """Empty every list and dict inside ``value``, deepest first."""
    children = value.values() if isinstance(value, dict) else value
    if isinstance(value, dict | list):
        for child in list(children):
            _empty(child)
        value.clear()


def test_analyze_twice_gives_the_same_document(every_rule: Inventory) -> None:
    one = analyze(every_rule, Parameters(as_of=AS_OF))
    two = analyze(every_rule, Parameters(as_of=AS_OF))
    assert one.to_json() == two.to_json()


def test_the_rules_leave_no_reference_cycles(every_rule: Inventory) -> None:
    """What the rules make and drop is freed by reference counting alone. ``analyze``
    runs them with the cyclic collector paused until it freezes the heap
    (:mod:`interop.bulk`): a cycle left here (a networkx graph that cached an edge view of
    itself, as the flow digraphs did: 363,556 objects at the national city) would stay in
    memory until the command ends."""
    graph = build_graph(every_rule)
    parameters = Parameters(as_of=AS_OF)
    run_rules(graph, parameters)  # once first: imports and compiled helpers are made once
    gc.collect()
    gc.disable()
    try:
        findings = run_rules(graph, parameters)
        assert findings
        assert gc.collect() == 0
    finally:
        gc.enable()
