"""The rule guide for Neo4j Browser: every rule, from its declaration (freshness: tests/docs)."""

from __future__ import annotations

from html import escape

from neo4j import Driver

from interop.neo4j.guide import parameter_names, params_command, query_of, render
from interop.neo4j.twins import twin_path
from interop.parameters import Parameters
from interop.rules import RULES


def test_guide_has_a_slide_per_rule_with_its_query_parameters_and_help() -> None:
    text = render()
    slides = text.split("<slide")[1:]
    assert len(slides) == len(RULES) + 1  # the first one sets the parameters
    for slide, rule in zip(slides[1:], RULES, strict=True):
        assert f"<code>{escape(rule.id)}</code>" in slide
        query = query_of(rule)
        if query is None:  # a rule whose twin is still to be written says so
            assert not twin_path(rule).is_file()
            assert "No Cypher twin yet" in slide and "runnable" not in slide
            continue
        assert query and not query.startswith("//")
        assert f'<pre class="runnable">{escape(query)}</pre>' in slide
        for lang in ("zh", "en"):
            assert escape(rule.help[lang].criteria) in slide
            assert escape(rule.help[lang].recommendation) in slide
        for name in rule.parameters:
            assert f"<code>${name}</code>" in slide
            assert f"${name}" in query or name == "as_of"


def test_params_command_sets_every_threshold_a_rule_reads() -> None:
    command = params_command()
    assert command.startswith(":params {dataset: 'default'")
    for rule in RULES:
        for name in rule.parameters:
            assert f"{name}: " in command
    radius = Parameters.model_fields["camera_radius_m"].default
    assert f"camera_radius_m: {radius!r}" in command
    assert "as_of: date()" in command


def test_params_command_is_cypher_that_gives_the_defaults(driver: Driver) -> None:
    command = params_command("tiny")
    records, _, _ = driver.execute_query("RETURN " + command.removeprefix(":params ") + " AS p")
    given = records[0]["p"]
    expected = Parameters().model_dump()
    assert given["dataset"] == "tiny"
    for name in parameter_names():
        if name == "as_of":
            assert given[name].to_native() == expected[name]  # date(): today on the server
        else:
            assert given[name] == (
                list(expected[name]) if isinstance(expected[name], tuple) else expected[name]
            ), name
