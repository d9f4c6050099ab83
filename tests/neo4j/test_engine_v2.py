"""The Cypher twins of the seven version-2 rules make exactly the Python rules' findings.

Exactly: the same subjects in the same order, severity, words and evidence, lists in the
same order (no sorting before comparing, unlike the version-1 rules' row-ordered lists),
on tiny in both languages, on generated cities, on every check's boundary, and when the
inventory did not collect some version-2 columns (version 1, or partly): then neither
engine makes a check that reads them, and a dataset analysed later through the twins
alone still leaves them out, because the dataset remembers its columns.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from _load_helpers import Tables, inventory_of, read_tables
from _v2_cases import PARTLY_MISSING, edge_tables, version_1, without_columns
from neo4j import Driver

from interop.analysis import analyze, run_rules, sort_findings
from interop.findings.model import Finding, FindingsDocument
from interop.generate import AS_OF, write_city
from interop.graph import build_graph
from interop.inventory.model import Inventory
from interop.neo4j.collected import read_collected
from interop.neo4j.engine import analyze_in_neo4j, run_twins
from interop.neo4j.load import load_inventory
from interop.neo4j.twins import run_twin, twin_parameters
from interop.parameters import Parameters
from interop.rules import RULE_BY_ID, RULES
from interop.rules.base import Rule

V2_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES if rule.checks)
V2_IDS = frozenset(rule.id for rule in V2_RULES)
AS_OF_TINY = date(2020, 12, 31)
OTHER_THRESHOLDS = {
    "camera_type_codes": ("131", "132", "133"),
    "zombie_update_days": 365,
    "zombie_min_users": 6,
    "assessment_days": 400,
    "assessment_days_high": 100,
    "acceptance_days": 30,
    "idle_days": 30,
}

NewDataset = Callable[[], str]


@pytest.fixture(scope="module")
def tiny_tables(tiny_dir: Path) -> Tables:
    return read_tables(tiny_dir)


@pytest.fixture(scope="module")
def edge(tiny_dir: Path) -> Inventory:
    return inventory_of(edge_tables(tiny_dir))


def _v2(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule in V2_IDS]


def _checks(finding: Finding) -> list[str]:
    return [c["check"] for c in finding.evidence["checks"]]


def _assert_same_v2(embedded: Sequence[Finding], neo4j: Sequence[Finding]) -> None:
    """The version-2 findings of both engines are equal, field by field, lists in order."""
    a, b = _v2(embedded), _v2(neo4j)
    assert [(f.rule, f.subjects) for f in b] == [(f.rule, f.subjects) for f in a]
    for x, y in zip(a, b, strict=True):
        assert y == x, (x.rule, x.subjects)
        # the JSON of the evidence too (an int stays an int, a date a 'YYYY-MM-DD' string)
        assert json.dumps(y.evidence, sort_keys=True, ensure_ascii=False) == json.dumps(
            x.evidence, sort_keys=True, ensure_ascii=False
        )


def _assert_same_document(embedded: FindingsDocument, neo4j: FindingsDocument) -> None:
    """Same not_checked, summary and findings (the version-2 ones exactly)."""
    assert [n.model_dump() for n in neo4j.not_checked] == [
        n.model_dump() for n in embedded.not_checked
    ]
    assert neo4j.summary == embedded.summary
    outline = [(f.rule, f.subjects, f.severity) for f in embedded.findings]
    assert [(f.rule, f.subjects, f.severity) for f in neo4j.findings] == outline
    _assert_same_v2(embedded.findings, neo4j.findings)


def _both(
    driver: Driver, database: str, dataset: str, inventory: Inventory, parameters: Parameters
) -> tuple[FindingsDocument, FindingsDocument]:
    embedded = analyze(inventory, parameters)
    neo4j = analyze_in_neo4j(driver, inventory, parameters, dataset=dataset, database=database)
    return embedded, neo4j


def _by_subject(findings: Sequence[Finding], rule: str) -> dict[str, Finding]:
    return {f.subjects[0]: f for f in findings if f.rule == rule}


# -- tiny ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tiny_parity_and_expected_checks(
    driver: Driver,
    neo4j_database: str,
    new_dataset: NewDataset,
    tiny_dir: Path,
    tiny_tables: Tables,
    lang: str,
) -> None:
    parameters = Parameters(as_of=AS_OF_TINY, lang=lang)
    embedded, neo4j = _both(
        driver, neo4j_database, new_dataset(), inventory_of(tiny_tables), parameters
    )
    _assert_same_document(embedded, neo4j)
    expected = json.loads((tiny_dir / "expected-findings.json").read_text(encoding="utf-8"))
    got: dict[str, list[dict[str, Any]]] = {}
    for finding in _v2(neo4j.findings):
        got.setdefault(finding.rule, []).append(
            {
                "subjects": finding.subjects,
                "checks": sorted(_checks(finding)),
                "severity": finding.severity.value,
            }
        )
    want = {
        rule: sorted(items, key=lambda i: i["subjects"])
        for rule, items in expected["checks"].items()
    }
    assert {r: sorted(i, key=lambda i: i["subjects"]) for r, i in got.items()} == want
    assert neo4j.not_checked == [] == expected["not_checked"]


# -- generated cities ------------------------------------------------------------------------


@pytest.fixture(scope="module", params=(4, 7), ids=lambda s: f"seed{s}")
def city(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Inventory:
    folder = tmp_path_factory.mktemp(f"city{request.param}") / "city"
    write_city(folder, request.param, 0.3, "csv", "en")
    return inventory_of(read_tables(folder))


@pytest.mark.parametrize("thresholds", [{}, OTHER_THRESHOLDS], ids=["defaults", "other"])
def test_city_parity(
    driver: Driver,
    neo4j_database: str,
    new_dataset: NewDataset,
    city: Inventory,
    thresholds: dict[str, Any],
) -> None:
    parameters = Parameters(as_of=AS_OF, lang="en", **thresholds)
    embedded = run_rules(build_graph(city), parameters, V2_RULES)
    dataset = new_dataset()
    load_inventory(driver, city, dataset=dataset, database=neo4j_database)
    neo4j = sort_findings(run_twins(driver, parameters, dataset, V2_RULES, neo4j_database))
    assert {f.rule for f in embedded} == V2_IDS  # every rule has findings to compare
    _assert_same_v2(embedded, neo4j)


# -- every check's boundary --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("thresholds", "lang"), [({}, "en"), (OTHER_THRESHOLDS, "zh")], ids=["defaults", "other"]
)
def test_edge_cases_parity(
    driver: Driver,
    neo4j_database: str,
    new_dataset: NewDataset,
    edge: Inventory,
    thresholds: dict[str, Any],
    lang: str,
) -> None:
    parameters = Parameters(as_of=AS_OF_TINY, lang=lang, **thresholds)
    embedded, neo4j = _both(driver, neo4j_database, new_dataset(), edge, parameters)
    _assert_same_document(embedded, neo4j)


def test_edge_cases_are_decided_at_their_boundaries(
    driver: Driver, neo4j_database: str, new_dataset: NewDataset, edge: Inventory
) -> None:
    """What the edge rows are for, read from the Neo4j engine's findings (default
    thresholds; the parity test above shows the embedded engine says the same)."""
    parameters = Parameters(as_of=AS_OF_TINY, lang="en")
    document = analyze_in_neo4j(
        driver, edge, parameters, dataset=new_dataset(), database=neo4j_database
    )
    findings = document.findings

    lapse = _by_subject(findings, "security.protection_lapse")
    assert "E01" not in lapse and "E03" not in lapse  # exactly 365 and 182 days
    assert _checks(lapse["E02"]) == ["assessment_overdue"]
    assert lapse["E02"].evidence["checks"][0]["days_since_assessment"] == 366
    assert lapse["E04"].evidence["checks"][0] == {
        "check": "assessment_overdue",
        "security_grade": 4,
        "last_assessment": "2020-07-01",
        "days_since_assessment": 183,
        "limit_days": 182,
    }
    assert lapse["E05"].evidence["checks"][0]["last_assessment"] is None
    assert _checks(lapse["E07"]) == ["not_filed", "assessment_overdue", "no_crypto_evaluation"]
    assert (lapse["E10"].severity.value, _checks(lapse["E10"])) == (
        "medium",
        ["no_crypto_evaluation"],
    )
    assert not {"E06", "E08", "E09", "E11"} & lapse.keys()  # classified, grade 2, …

    gap = _by_subject(findings, "project.lifecycle_gap")
    assert "E12" not in gap  # live exactly 180 days
    assert gap["E13"].evidence["checks"] == [
        {"check": "no_approval", "build_cost": None},
        {"check": "no_acceptance", "acceptance_date": None},
    ]
    assert gap["E13"].evidence["days_live"] == 181
    assert "E14" not in gap  # build cost 0, accepted on the as-of date
    assert gap["E15"].evidence["checks"] == [
        {"check": "no_acceptance", "acceptance_date": "2021-01-01"}
    ]
    assert "E16" not in gap

    zombie = _by_subject(findings, "usage.zombie_candidate")
    assert [zombie[k].evidence["checks"][0]["monthly_active_users"] for k in ("E17", "E18")] == [
        1,
        9,
    ]
    assert zombie["E20"].evidence["checks"] == [
        {"check": "narrow_and_rare", "departments": ["D07"], "monthly_active_users": 5}
    ]
    assert not {"E19", "E21", "E22", "E23", "E25", "E27", "E31"} & zombie.keys()
    assert zombie["E24"].evidence["checks"][0]["days_since_update"] == 731
    assert zombie["E26"].evidence["checks"][0] == {
        "check": "unmaintained",
        "annual_om_cost": 0,
        "last_update": None,
        "days_since_update": None,
    }
    assert zombie["E28"].evidence["checks"] == [
        {"check": "replaced", "replaced_by": ["E29", "E30"]}
    ]
    idle = {f.subjects[0] for f in findings if f.rule == "usage.idle"}
    assert {"E22", "E27"} <= idle

    cloud = _by_subject(findings, "resources.not_on_gov_cloud")
    assert {k: f.severity.value for k, f in cloud.items() if k.startswith("E")} == {
        "E33": "medium",
        "E34": "low",
    }

    pairs = {tuple(f.subjects): f for f in findings if f.rule == "sharing.point_to_point"}
    ours = {p for p in pairs if p[0].startswith("E")}
    assert ours == {("E42", "E43"), ("E43", "E42"), ("E44", "E45"), ("E46", "E47")}
    assert pairs[("E46", "E47")].evidence["checks"][0]["flows"] == [
        {"dataset": None, "mechanism": "db_sync", "frequency": None},
        {"dataset": "乙", "mechanism": "api", "frequency": "monthly"},
        {"dataset": "乙", "mechanism": "file", "frequency": "daily"},
        {"dataset": "甲", "mechanism": "api", "frequency": None},
    ]

    invalid = _by_subject(findings, "camera.gbid_invalid")
    for key in ("K01", "K02", "K03", "K04", "K05", "K17", "K18"):
        assert _checks(invalid[key]) == ["malformed"], key
    assert not {"K06", "K07", "K09", "K11", "K14", "K15", "K19"} & invalid.keys()
    assert invalid["K08"].evidence["checks"] == [
        {"check": "division_mismatch", "id_division": "1101", "owner_division_code": "420100"}
    ]
    assert invalid["K10"].evidence["checks"][0]["owner_division_code"] == "420111"
    assert _checks(invalid["K12"]) == ["not_camera"]
    assert _checks(invalid["K13"]) == ["bad_province", "not_camera", "division_mismatch"]

    conflicts = [f.subjects for f in findings if f.rule == "camera.gbid_conflict"]
    assert ["K14", "K15"] in conflicts and ["K21", "K22", "K23"] in conflicts
    assert not any(set(s) & {"K16", "K17", "K18", "K19", "K20"} for s in conflicts)


def test_camera_type_codes_reach_cypher_as_a_list(
    driver: Driver, neo4j_database: str, new_dataset: NewDataset, edge: Inventory
) -> None:
    """Parameters keeps the codes as a tuple; the twin gets a list of strings, and with 133
    among them the type-133 camera is a camera."""
    parameters = Parameters(as_of=AS_OF_TINY, camera_type_codes="131,132,133")
    params = twin_parameters(parameters, "any")
    records, _, _ = driver.execute_query(
        "RETURN $camera_type_codes AS codes, valueType($camera_type_codes) AS type",
        params,
        database_=neo4j_database,
    )
    assert records[0]["codes"] == ["131", "132", "133"]
    assert records[0]["type"].startswith("LIST<STRING")
    dataset = new_dataset()
    load_inventory(driver, edge, dataset=dataset, database=neo4j_database)
    rule = RULE_BY_ID["camera.gbid_invalid"]
    rows = {r["subjects"][0]: r for r in run_twin(driver, rule, parameters, dataset)}
    assert "K12" not in rows
    assert rows["K13"]["checks"][1]["camera_type_codes"] == ["131", "132", "133"]


# -- checks the inventory's columns do not allow -----------------------------------------------


def test_version_1_inventory_makes_no_unmade_check_in_either_engine(
    driver: Driver,
    neo4j_database: str,
    new_dataset: NewDataset,
    tiny_dir: Path,
) -> None:
    inventory = inventory_of(version_1(edge_tables(tiny_dir)))
    parameters = Parameters(as_of=AS_OF_TINY, lang="en")
    embedded, neo4j = _both(driver, neo4j_database, new_dataset(), inventory, parameters)
    _assert_same_document(embedded, neo4j)
    unmade = {(n.rule, n.check) for n in neo4j.not_checked}
    assert unmade == {
        (rule.id, check.name) for rule in V2_RULES for check in rule.checks if check.columns
    }
    for finding in _v2(neo4j.findings):
        assert not {(finding.rule, c) for c in _checks(finding)} & unmade, finding.subjects
    # the checks that read no version-2 column are still made
    assert {f.rule for f in _v2(neo4j.findings)} == {
        "sharing.point_to_point",
        "usage.zombie_candidate",
    }
    zombie = _by_subject(neo4j.findings, "usage.zombie_candidate")
    assert _checks(zombie["S21"]) == ["narrow_and_rare"]  # unmaintained is not made


def test_partly_collected_inventory_makes_the_checks_it_can(
    driver: Driver,
    neo4j_database: str,
    new_dataset: NewDataset,
    tiny_dir: Path,
) -> None:
    inventory = inventory_of(without_columns(edge_tables(tiny_dir), PARTLY_MISSING))
    parameters = Parameters(as_of=AS_OF_TINY, lang="zh")
    embedded, neo4j = _both(driver, neo4j_database, new_dataset(), inventory, parameters)
    _assert_same_document(embedded, neo4j)
    assert [(n.rule, n.check, n.missing_columns) for n in neo4j.not_checked] == [
        ("camera.gbid_invalid", "division_mismatch", ["division_code"]),
        ("usage.zombie_candidate", "unmaintained", ["last_update"]),
        ("security.protection_lapse", "assessment_overdue", ["last_assessment"]),
        ("project.lifecycle_gap", "no_acceptance", ["acceptance_date"]),
    ]
    findings = neo4j.findings
    lapse = _by_subject(findings, "security.protection_lapse")
    # S07 failed assessment_overdue and no_crypto_evaluation: only the second is made, so
    # the finding is medium; S16 failed assessment_overdue only: no finding
    assert (_checks(lapse["S07"]), lapse["S07"].severity.value) == (
        ["no_crypto_evaluation"],
        "medium",
    )
    assert "S16" not in lapse
    assert _checks(lapse["E07"]) == ["not_filed", "no_crypto_evaluation"]
    gap = _by_subject(findings, "project.lifecycle_gap")
    assert _checks(gap["S18"]) == ["no_approval"] and "S11" not in gap
    invalid = _by_subject(findings, "camera.gbid_invalid")
    assert "C9" not in invalid and "K08" not in invalid
    assert _checks(invalid["K13"]) == ["bad_province", "not_camera"]
    assert "resources.not_on_gov_cloud" in {f.rule for f in findings}  # hosting is made


@pytest.mark.parametrize("variant", ["version 1", "partly"])
def test_twins_alone_leave_out_what_the_dataset_did_not_collect(
    driver: Driver,
    neo4j_database: str,
    new_dataset: NewDataset,
    tiny_dir: Path,
    variant: str,
) -> None:
    """Loaded once, analysed later with no inventory at hand (``interop analyze --neo4j``
    on a loaded dataset, a notebook): the dataset's remembered columns decide."""
    tables = edge_tables(tiny_dir)
    tables = (
        version_1(tables) if variant == "version 1" else without_columns(tables, PARTLY_MISSING)
    )
    parameters = Parameters(as_of=AS_OF_TINY, lang="en")
    dataset = new_dataset()

    def load() -> tuple[dict[str, list[str]], list[Finding]]:
        inventory = inventory_of(tables)
        load_inventory(driver, inventory, dataset=dataset, database=neo4j_database)
        embedded = run_rules(build_graph(inventory), parameters, V2_RULES)
        return dict(inventory.report.columns), embedded

    columns, embedded = load()  # the inventory is gone from here on
    assert read_collected(driver, dataset, neo4j_database) == columns
    findings = sort_findings(run_twins(driver, parameters, dataset, V2_RULES, neo4j_database))
    _assert_same_v2(embedded, findings)
    # the twins themselves do return the checks that cannot be made: the engine leaves
    # them out because the dataset says which columns its inventory had
    lapse = RULE_BY_ID["security.protection_lapse"]
    rows = run_twin(driver, lapse, parameters, dataset, neo4j_database)
    returned = {c["check"] for row in rows for c in row["checks"]}
    assert "assessment_overdue" in returned
    made = {c for f in findings if f.rule == lapse.id for c in _checks(f)}
    assert "assessment_overdue" not in made


def test_reload_with_every_column_makes_every_check_again(
    driver: Driver,
    neo4j_database: str,
    new_dataset: NewDataset,
    tiny_dir: Path,
    tiny_tables: Tables,
) -> None:
    """A dataset first loaded from a version-1 inventory, then from the full one, forgets
    the old columns: every check is made again."""
    dataset = new_dataset()
    parameters = Parameters(as_of=AS_OF_TINY, lang="en")
    load_inventory(
        driver, inventory_of(version_1(tiny_tables)), dataset=dataset, database=neo4j_database
    )
    before = run_twins(driver, parameters, dataset, V2_RULES, neo4j_database)
    full = inventory_of(tiny_tables)
    load_inventory(driver, full, dataset=dataset, database=neo4j_database)
    after = sort_findings(run_twins(driver, parameters, dataset, V2_RULES, neo4j_database))
    assert len(after) > len(before)
    _assert_same_v2(run_rules(build_graph(full), parameters, V2_RULES), after)
