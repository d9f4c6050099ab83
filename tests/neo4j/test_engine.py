"""The Neo4j engine gives the same findings as the embedded one, worded the same way."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from interop.analysis import analyze
from interop.findings.model import Finding, FindingsDocument, Severity
from interop.generate import AS_OF, write_city
from interop.inventory.model import Inventory
from interop.loaders import load_inventory as read_inventory
from interop.neo4j.engine import ENGINE, analyze_in_neo4j, run_twins
from interop.neo4j.load import load_inventory
from interop.neo4j.query import run_query
from interop.neo4j.twins import twin_text
from interop.parameters import Parameters
from interop.rules import RULE_BY_ID, RULES

SEEDS = (1, 2, 3, 11)
SCALE = 0.3
UNORDERED = {"flows", "received", "inbound_flows"}
"""Evidence lists whose order the Python rule takes from the inventory's row order, which
Neo4j does not keep: the twins sort them by ids instead."""

NewDataset = Callable[[], str]


@pytest.fixture(scope="module")
def tiny(tiny_dir: Path) -> Inventory:
    return read_inventory(tiny_dir)


@pytest.fixture(scope="module")
def tiny_expected(tiny_dir: Path) -> dict[str, Any]:
    return json.loads((tiny_dir / "expected-findings.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tiny_parameters(tiny_expected: dict[str, Any]) -> Parameters:
    return Parameters(
        as_of=date.fromisoformat(tiny_expected["as_of"]),
        camera_radius_m=tiny_expected["camera_radius_m"],
    )


@pytest.fixture(scope="module", params=SEEDS, ids=lambda s: f"seed{s}")
def city(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Inventory:
    folder = tmp_path_factory.mktemp(f"city{request.param}") / "city"
    write_city(folder, request.param, SCALE, "csv", "en")
    inventory = read_inventory(folder)
    assert not inventory.report.rejected
    return inventory


def _canonical(value: Any, key: str | None = None) -> Any:
    """Evidence with the lists of UNORDERED sorted (everything else as it is)."""
    if isinstance(value, dict):
        return {k: _canonical(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        if key in UNORDERED:
            items.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return items
    return value


def _outline(document: FindingsDocument) -> list[tuple[str, list[str], Severity]]:
    return sorted((f.rule, sorted(f.subjects), f.severity) for f in document.findings)


def _assert_same_findings(embedded: FindingsDocument, neo4j: FindingsDocument) -> None:
    assert _outline(neo4j) == _outline(embedded)
    assert len(neo4j.findings) == len(embedded.findings)
    for a, b in zip(embedded.findings, neo4j.findings, strict=True):
        where = (a.rule, a.subjects)
        assert (b.rule, b.subjects, b.severity, b.area) == (a.rule, a.subjects, a.severity, a.area)
        assert b.title == a.title, where
        assert b.detail == a.detail, where
        assert b.recommendation == a.recommendation, where
        assert _canonical(b.evidence) == _canonical(a.evidence), where


def _assert_same_document(embedded: FindingsDocument, neo4j: FindingsDocument) -> None:
    assert neo4j.parameters == {**embedded.parameters, "engine": ENGINE}
    assert neo4j.as_of == embedded.as_of
    assert neo4j.load == embedded.load
    assert neo4j.summary == embedded.summary
    _assert_same_findings(embedded, neo4j)


# -- the tiny example ----------------------------------------------------------------------------


def test_tiny_gives_exactly_the_expected_findings(
    driver: Driver,
    neo4j_database: str,
    new_dataset: NewDataset,
    tiny: Inventory,
    tiny_expected: dict[str, Any],
    tiny_parameters: Parameters,
) -> None:
    document = analyze_in_neo4j(
        driver, tiny, tiny_parameters, dataset=new_dataset(), database=neo4j_database
    )
    expected = {rule: sorted(map(sorted, s)) for rule, s in tiny_expected["findings"].items()}
    assert document.subjects_by_rule() == expected
    assert document.parameters["engine"] == "neo4j"
    severity = {
        f.subjects[0]: f.severity for f in document.findings if f.rule == "provincial.missing_link"
    }
    assert severity == {"S02": Severity.medium, "S03": Severity.high}
    rebuilt = [f.subjects for f in document.findings if f.rule == "usage.rebuilt_while_underused"]
    assert rebuilt == [["S11", "S12"]]  # new, then old


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tiny_parity(
    driver: Driver,
    neo4j_database: str,
    new_dataset: NewDataset,
    tiny: Inventory,
    tiny_parameters: Parameters,
    lang: str,
) -> None:
    parameters = tiny_parameters.model_copy(update={"lang": lang})
    embedded = analyze(tiny, parameters)
    neo4j = analyze_in_neo4j(
        driver, tiny, parameters, dataset=new_dataset(), database=neo4j_database
    )
    assert {f.parameters["lang"] for f in (embedded, neo4j)} == {lang}
    _assert_same_document(embedded, neo4j)


# -- generated cities ----------------------------------------------------------------------------


def test_city_parity(
    driver: Driver, neo4j_database: str, new_dataset: NewDataset, city: Inventory
) -> None:
    parameters = Parameters(as_of=AS_OF)
    embedded = analyze(city, parameters)
    neo4j = analyze_in_neo4j(
        driver, city, parameters, dataset=new_dataset(), database=neo4j_database
    )
    fired = {f.rule for f in embedded.findings}
    assert len(fired) >= 10, fired  # the comparison covers (nearly) every rule
    _assert_same_document(embedded, neo4j)


def test_city_parity_with_other_thresholds(
    driver: Driver, neo4j_database: str, new_dataset: NewDataset, city: Inventory
) -> None:
    parameters = Parameters(
        as_of=date(2021, 6, 30),
        camera_radius_m=120.0,
        idle_days=30,
        low_utilization=0.5,
        rebuilt_utilization=0.9,
        rebuilt_within_days=4000,
        homogeneous_min_owners=2,
        lang="en",
    )
    embedded = analyze(city, parameters)
    neo4j = analyze_in_neo4j(
        driver, city, parameters, dataset=new_dataset(), database=neo4j_database
    )
    _assert_same_document(embedded, neo4j)


# -- datasets, reads, wording --------------------------------------------------------------------


def test_twins_see_their_dataset_only_and_change_nothing(
    driver: Driver,
    neo4j_database: str,
    new_dataset: NewDataset,
    tiny: Inventory,
    tiny_expected: dict[str, Any],
    tiny_parameters: Parameters,
    tmp_path: Path,
) -> None:
    """Beside a generated city (whose ids differ) and a second copy of tiny, the twins on
    one dataset find tiny's findings and write nothing."""
    write_city(tmp_path / "city", 5, SCALE, "csv", "en")
    tiny_set, other_tiny, city_set = new_dataset(), new_dataset(), new_dataset()
    for name, inventory in ((tiny_set, tiny), (other_tiny, tiny)):
        load_inventory(driver, inventory, dataset=name, database=neo4j_database)
    load_inventory(
        driver, read_inventory(tmp_path / "city"), dataset=city_set, database=neo4j_database
    )

    def counts() -> tuple[int, int, str]:
        """Nodes, relationships and a digest of the properties of these three datasets
        (other tests may write other datasets meanwhile)."""
        records, _, _ = driver.execute_query(
            "MATCH (n) WHERE n.dataset IN $names "
            "OPTIONAL MATCH (n)-[r]->() "
            "WITH n, collect(properties(r)) AS rels "
            "RETURN count(n) AS nodes, sum(size(rels)) AS rels, "
            "collect([properties(n), rels]) AS data",
            {"names": [tiny_set, other_tiny, city_set]},
            database_=neo4j_database,
        )
        row = records[0]
        data = sorted(json.dumps(d, sort_keys=True, default=str) for d in row["data"])
        return row["nodes"], row["rels"], "".join(data)

    before = counts()
    findings = run_twins(driver, tiny_parameters, tiny_set, database=neo4j_database)
    assert counts() == before
    got: dict[str, list[list[str]]] = {}
    for finding in findings:
        got.setdefault(finding.rule, []).append(sorted(finding.subjects))
    expected = {rule: sorted(map(sorted, s)) for rule, s in tiny_expected["findings"].items()}
    assert {rule: sorted(s) for rule, s in got.items()} == expected


def test_as_of_may_be_an_iso_string(
    driver: Driver, neo4j_database: str, new_dataset: NewDataset, tiny: Inventory
) -> None:
    """A specialist passes --param as_of=2020-12-31: a string, read with date($as_of)."""
    dataset = new_dataset()
    load_inventory(driver, tiny, dataset=dataset, database=neo4j_database)
    text = twin_text(RULE_BY_ID["usage.idle"])
    base = {"dataset": dataset, "idle_days": 180}
    _, as_date = run_query(driver, text, {**base, "as_of": date(2020, 12, 31)}, neo4j_database)
    _, as_text = run_query(driver, text, {**base, "as_of": "2020-12-31"}, neo4j_database)
    assert as_text == as_date
    assert [row[0] for row in as_text] == [["S10"], ["S13"]]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_words_findings_from_evidence(rule: Any) -> None:
    """Every rule words a finding in both languages, or makes its findings from its twin's
    rows itself (camera pairs grouped into sites)."""
    assert rule.from_rows is not None or (
        rule.wording is not None and all(callable(rule.wording[lang]) for lang in ("zh", "en"))
    )


def test_make_finding_is_what_check_says(tiny: Inventory, tiny_parameters: Parameters) -> None:
    """Each Python finding, rebuilt from its own evidence, is the same finding."""
    document = analyze(tiny, tiny_parameters)
    for finding in document.findings:
        if finding.rule == "camera.duplicate_site":
            continue
        rule = RULE_BY_ID[finding.rule]
        again: Finding = rule.make_finding(
            finding.subjects, dict(finding.evidence), tiny_parameters
        )
        assert again == finding


# -- edge cases --------------------------------------------------------------------------------

FOLDED_FUNCTIONS = [
    # (owner, function): each group spans three owners only once its spellings are folded
    ("D01", "医院信息系统（ＨＩＳ）"),  # full-width brackets and letters
    ("D02", "医院信息系统(his)"),  # case
    ("D03", "医院信息系统(HIS)"),
    ("D04", "综合\u3000执法"),  # ideographic space inside
    ("D05", "综合 执法"),
    ("D06", "综合\u00a0执法"),  # no-break space inside
    ("D01", "Straße Monitor"),  # case-folding beyond lower-casing
    ("D02", "STRASSE MONITOR"),
    ("D03", "strasse monitor"),
    ("D04", "ΟΔΟΣ"),  # a final sigma
    ("D05", "οδοσ"),
    ("D06", "Οδος"),
    ("D07", "ＡＢＣ－１２３"),  # full-width digits and punctuation
    ("D08", "abc-123"),
    ("D09", "Abc-123"),
]


def _edge_tables(tiny_dir: Path) -> Any:
    from _load_helpers import edited, read_tables

    tables = edited(read_tables(tiny_dir))
    for number, (owner, function) in enumerate(FOLDED_FUNCTIONS, start=30):
        tables["systems"].append(
            {"id": f"S{number}", "name": f"System {number}", "owner_id": owner,
             "function": function, "network_ids": "N1", "security_grade": "2"}
        )  # fmt: skip
    tables["flows"] += [
        # unknown frequency and empty status (= active) in a chain to the provincial platform
        {"source_id": "S03", "target_id": "S30", "frequency": "", "status": ""},
        {"source_id": "S30", "target_id": "PG", "frequency": "realtime", "status": ""},
        # a broken realtime shortcut does not count
        {"source_id": "S03", "target_id": "PG", "frequency": "realtime", "status": "broken"},
        # a realtime chain from the province to the city platform through a system
        {"source_id": "PG", "target_id": "S31", "frequency": "realtime"},
        {"source_id": "S31", "target_id": "S32", "frequency": "realtime"},
    ]
    # a replacement that went live before the system it replaced (a negative gap: not raised)
    tables["systems"].append(
        {"id": "S50", "name": "Early replacement", "owner_id": "D03", "go_live": "2016-01-01",
         "replaces_id": "S12", "security_grade": "2"}
    )  # fmt: skip
    return tables


def test_edge_cases_parity(
    driver: Driver,
    neo4j_database: str,
    new_dataset: NewDataset,
    tiny_dir: Path,
    tiny_parameters: Parameters,
) -> None:
    from _load_helpers import inventory_of

    inventory = inventory_of(_edge_tables(tiny_dir))
    embedded = analyze(inventory, tiny_parameters)
    neo4j = analyze_in_neo4j(
        driver, inventory, tiny_parameters, dataset=new_dataset(), database=neo4j_database
    )
    _assert_same_document(embedded, neo4j)
    groups = neo4j.subjects_by_rule()["duplicate.homogeneous_systems"]
    assert ["S07", "S08", "S09", "S30", "S31", "S32"] in groups  # （ＨＩＳ） = (his) = (HIS)
    assert ["S33", "S34", "S35"] in groups  # ideographic, plain and no-break space
    assert ["S36", "S37", "S38"] in groups  # ß = ss
    assert ["S39", "S40", "S41"] in groups  # final sigma
    assert ["S42", "S43", "S44"] in groups  # ＡＢＣ－１２３ = abc-123
    missing = {f.subjects[0]: f.severity for f in neo4j.findings if f.rule.endswith("missing_link")}
    assert missing["S03"] == Severity.medium  # an active chain of unknown frequency
    rebuilt = [f.subjects for f in neo4j.findings if f.rule.startswith("usage.re")]
    assert ["S50", "S12"] not in rebuilt and ["S11", "S12"] in rebuilt
