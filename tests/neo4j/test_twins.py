"""Every rule has a Cypher twin: a read-only, parameterized query that says what it does."""

from __future__ import annotations

import re
from datetime import date

import pytest
from neo4j import Driver

from interop.neo4j.twins import twin_parameters, twin_path, twin_text
from interop.parameters import Parameters
from interop.paths import cypher_dir
from interop.rules import RULES
from interop.rules.base import Rule

WRITE_CLAUSES = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DETACH|FOREACH|LOAD\s+CSV|apoc\.create|apoc\.merge|"
    r"apoc\.refactor|apoc\.periodic|apoc\.cypher\.(run)?write|apoc\.do)\b",
    re.IGNORECASE,
)
PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
FIELDS = set(Parameters.model_fields)


def _header(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        lines.append(line[2:].strip())
    return "\n".join(lines)


def _code(text: str) -> str:
    """The query without its comments (a // inside a string literal is kept)."""
    out = []
    for line in text.splitlines():
        quote = None
        for i, char in enumerate(line):
            if quote:
                if char == "\\":
                    continue
                if char == quote and line[i - 1] != "\\":
                    quote = None
            elif char in "'\"":
                quote = char
            elif line.startswith("//", i):
                line = line[:i]
                break
        out.append(line)
    return "\n".join(out)


def _shown(default: object) -> str:
    """A default as a header shows it: 50 for 50.0, a list as the CLI takes it (131,132)."""
    if isinstance(default, float):
        return f"{default:g}"
    if isinstance(default, tuple | list):
        return re.escape(",".join(map(str, default)))
    return str(default)


def test_one_twin_per_rule_and_no_other() -> None:
    files = {p.name for p in (cypher_dir() / "rules").glob("*.cypher")}
    assert files == {f"{rule.id}.cypher" for rule in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_header_names_the_rule_its_parameters_and_defaults(rule: Rule) -> None:
    header = _header(twin_text(rule))
    assert header.startswith(f"rule: {rule.id} "), header[:80]
    assert "parameters:" in header and "$dataset" in header
    assert "criteria:" in header and "returns:" in header
    defaults = Parameters().model_dump()
    for name in rule.parameters:
        assert f"${name}" in header, f"{rule.id}: ${name} not in the header"
        if name != "as_of":
            assert re.search(rf"\${name} \([^)]*default {_shown(defaults[name])}\b", header), (
                rule.id,
                name,
            )
        else:
            assert "default today" in header


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_query_uses_exactly_the_rule_parameters(rule: Rule) -> None:
    used = set(PARAM.findall(_code(twin_text(rule))))
    assert "dataset" in used
    assert used - {"dataset"} <= FIELDS, used - FIELDS
    assert used - {"dataset"} == set(rule.parameters), rule.id


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_query_has_no_write_clause(rule: Rule) -> None:
    assert not WRITE_CLAUSES.search(_code(twin_text(rule)))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_twin_path_is_the_rules_cypher_attribute(rule: Rule) -> None:
    assert twin_path(rule) == cypher_dir() / rule.cypher
    assert twin_path(rule).is_file()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_the_planner_says_read_only(driver: Driver, neo4j_database: str, rule: Rule) -> None:
    params = twin_parameters(Parameters(as_of=date(2020, 12, 31)), "test-twins-explain")
    _, summary, _ = driver.execute_query(
        "EXPLAIN " + twin_text(rule), params, database_=neo4j_database
    )
    assert summary.query_type == "r"
