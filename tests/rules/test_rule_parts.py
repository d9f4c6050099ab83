"""Every rule has all of its parts (docs/contributing.md, "Add a rule"): a failure names the
rule and the part it lacks.

1. a module ``interop/rules/<area>_<name>.py`` (the id with ``_`` for ``.``) whose ``RULE``
   is in ``interop.rules.RULES`` under that id — and no rule module outside ``RULES``;
2. its Cypher twin ``cypher/rules/<rule id>.cypher``;
3. its section in ``docs/rules.md`` (generated: ``make docs``);
4. a case in the repository's own inventory: a finding in
   ``tests/fixtures/every_rule/expected-findings.json`` and a row of its README;
5. Neo4j parity: the twin's findings equal the Python check's on that inventory
   (``tests/neo4j/test_every_rule.py`` compares the whole documents, so the case of 4
   is what puts the rule under the parity test).
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from interop.paths import cypher_dir
from interop.rules import RULE_BY_ID, RULES

REPO = Path(__file__).resolve().parents[2]
RULES_DIR = REPO / "interop" / "rules"
FIXTURE = REPO / "tests" / "fixtures" / "every_rule"
PARITY_TEST = REPO / "tests" / "neo4j" / "test_every_rule.py"
NOT_RULES = {"__init__", "base"}
"""Modules of interop/rules that hold no rule (helpers start with ``_``)."""


def _rule_modules() -> list[str]:
    return sorted(
        path.stem
        for path in RULES_DIR.glob("*.py")
        if not path.stem.startswith("_") and path.stem not in NOT_RULES
    )


def _module_of(rule_id: str) -> str:
    return rule_id.replace(".", "_")


IDS = sorted({*RULE_BY_ID, *(m.replace("_", ".", 1) for m in _rule_modules())})


def test_each_rule_module_declares_a_rule_in_rules() -> None:
    registered = {_module_of(rule.id) for rule in RULES}
    assert _rule_modules() == sorted(registered), (
        "a module of interop/rules without its RULE in interop.rules.RULES, or a rule "
        "without its module"
    )


@pytest.mark.parametrize("rule_id", IDS)
def test_module(rule_id: str) -> None:
    module = importlib.import_module(f"interop.rules.{_module_of(rule_id)}")
    assert getattr(module, "RULE", None) is RULE_BY_ID.get(rule_id), (
        f"interop/rules/{_module_of(rule_id)}.py must define RULE, listed in interop.rules.RULES"
    )
    assert RULE_BY_ID[rule_id].check.__module__ == module.__name__


@pytest.mark.parametrize("rule_id", IDS)
def test_cypher_twin(rule_id: str) -> None:
    twin = cypher_dir() / "rules" / f"{rule_id}.cypher"
    assert twin.is_file(), f"{rule_id} has no Cypher twin at cypher/rules/{rule_id}.cypher"


@pytest.mark.parametrize("rule_id", IDS)
def test_cypher_twin_names_the_rule_as_declared(rule_id: str) -> None:
    """The twin's first comment names the rule by the title its declaration holds (the
    one place a rule's name is kept), in English and Chinese."""
    rule = RULE_BY_ID[rule_id]
    text = (cypher_dir() / "rules" / f"{rule_id}.cypher").read_text(encoding="utf-8")
    head = " ".join(
        line.removeprefix("//").strip() for line in text.split("// parameters:")[0].splitlines()
    )
    assert head == f"rule: {rule_id} ({rule.title.en}; {rule.title.zh})", head


@pytest.mark.parametrize("rule_id", IDS)
def test_section_in_docs(rule_id: str) -> None:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert f"\n## `{rule_id}`\n" in text, f"docs/rules.md lacks {rule_id}: run `make docs`"


@pytest.mark.parametrize("rule_id", IDS)
def test_case_in_the_repository_inventory(rule_id: str) -> None:
    expected = json.loads((FIXTURE / "expected-findings.json").read_text(encoding="utf-8"))
    assert expected["findings"].get(rule_id), (
        f"tests/fixtures/every_rule has no case for {rule_id} (expected-findings.json)"
    )
    readme = (FIXTURE / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| `{re.escape(rule_id)}` \| ", readme, re.M), (
        f"tests/fixtures/every_rule/README.md has no row for {rule_id}"
    )


def test_the_parity_test_covers_the_whole_inventory() -> None:
    """Part 5 for every rule at once: the Neo4j test analyzes the repository's inventory
    in both engines and compares the documents (all rules, not a chosen few)."""
    text = PARITY_TEST.read_text(encoding="utf-8")
    assert "every_rule_dir" in text
    assert "analyze_in_neo4j(" in text and "_assert_same_document(" in text
    assert "rules=" not in text
