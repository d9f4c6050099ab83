"""``interop generate --inventory-version 1``: the city of before, without the version-2
columns; analysed, the checks that read them are listed as not made and nothing is made up."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from interop.analysis import analyze
from interop.findings.model import FindingsDocument
from interop.generate import AS_OF, write_city
from interop.generate.city import VERSION_2_COLUMNS
from interop.loaders import load_inventory
from interop.parameters import Parameters
from interop.rules import RULES


@pytest.fixture(scope="module")
def city_v1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_city(tmp_path_factory.mktemp("city") / "v1", lang="en", version=1)


@pytest.fixture(scope="module")
def findings_v1(city_v1: Path) -> FindingsDocument:
    return analyze(load_inventory(city_v1), Parameters(as_of=AS_OF, lang="en"))


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


def test_version_1_has_no_version_2_header(city_v1: Path, city_en: Path) -> None:
    for table, columns in VERSION_2_COLUMNS.items():
        if not columns:
            continue
        assert not set(columns) & set(_header(city_v1 / f"{table}.csv")), table
        assert set(columns) <= set(_header(city_en / f"{table}.csv")), table


def test_version_1_lists_every_check_that_reads_a_version_2_column(
    findings_v1: FindingsDocument,
) -> None:
    expected = [
        (rule.id, check.name, [c for _, c in check.columns])
        for rule in RULES
        for check in rule.checks
        if check.columns
    ]
    got = [(n.rule, n.check, n.missing_columns) for n in findings_v1.not_checked]
    assert got == expected
    made = {(n.rule, n.check) for n in findings_v1.not_checked}
    for finding in findings_v1.findings:
        for check in finding.evidence.get("checks", ()):
            assert (finding.rule, check["check"]) not in made, finding.rule
    # checks that need no version-2 column are still made
    rules = {f.rule for f in findings_v1.findings}
    assert "sharing.point_to_point" in rules


def test_the_twelve_old_rules_find_the_same_subjects_in_both_versions(
    findings_v1: FindingsDocument, inventory_en: object
) -> None:
    findings_v2 = analyze(inventory_en, Parameters(as_of=AS_OF, lang="en"))  # type: ignore[arg-type]
    old = {rule.id for rule in RULES if not rule.checks}
    v1 = {r: s for r, s in findings_v1.subjects_by_rule().items() if r in old}
    v2 = {r: s for r, s in findings_v2.subjects_by_rule().items() if r in old}
    assert v1 == v2
