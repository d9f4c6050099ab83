"""The Neo4j engine: load an inventory, run every rule's Cypher twin there, build findings.json.

Each rule ``interop/rules/<module>.py`` has a twin ``cypher/rules/<rule id>.cypher`` that
answers the same question inside Neo4j and returns one row per finding: ``subjects``,
``severity`` and the evidence columns, named like the keys of the Python rule's evidence.
The twins run in read transactions (``routing_=READ``); the wording of every finding
(title, detail, recommendation) comes from the rule's own :meth:`Rule.make_finding`, so
both engines word findings the same way. The load section and the summary are the embedded
engine's (:func:`interop.analysis.build_document`), with ``parameters.engine = "neo4j"``.

A rule whose twin's rows are not one finding each says how to make its findings
(:attr:`Rule.from_rows`): ``camera.duplicate_site``'s twin returns the duplicate pairs,
and the rule forms the sites (connected components of the pairs) with the Python rule's
own function, :func:`interop.geo.sites`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from neo4j import Driver

from interop.analysis import build_document
from interop.findings.model import Finding, FindingsDocument
from interop.inventory.model import Inventory
from interop.neo4j.collected import read_collected
from interop.neo4j.load import load_inventory
from interop.neo4j.settings import default_database
from interop.neo4j.twins import run_twin
from interop.parameters import Parameters
from interop.rules import RULES
from interop.rules.base import Rule, unmade_checks

ENGINE = "neo4j"
Progress = Callable[[Rule, int, int], None]
"""Called after each rule: ``progress(rule, rules_done, rules_total)``."""


# -- the engine ------------------------------------------------------------------------------


def run_twins(
    driver: Driver,
    parameters: Parameters,
    dataset: str,
    rules: Sequence[Rule] = RULES,
    database: str | None = None,
    progress: Progress | None = None,
) -> list[Finding]:
    """Every finding of ``rules``' twins on the loaded ``dataset`` (unsorted).

    Checks that read a column the dataset's inventory did not collect (as the dataset
    remembers, :func:`interop.neo4j.collected.read_collected`) are left out of the findings,
    as the embedded engine leaves them out.
    """
    collected = read_collected(driver, dataset, database)
    findings: list[Finding] = []
    for done, rule in enumerate(rules, start=1):
        rows = run_twin(driver, rule, parameters, dataset, database)
        findings.extend(rule.findings_from_rows(rows, parameters, unmade_checks(rule, collected)))
        if progress is not None:
            progress(rule, done, len(rules))
    return findings


def analyze_in_neo4j(
    driver: Driver,
    inventory: Inventory,
    parameters: Parameters,
    dataset: str = "default",
    *,
    database: str | None = None,
    batch_size: int = 5000,
    rules: Sequence[Rule] = RULES,
    progress: Progress | None = None,
) -> FindingsDocument:
    """Load ``inventory`` into ``dataset`` (replacing what it held), run the rules' Cypher
    twins there, and return findings.json, as :func:`interop.analysis.analyze` would.

    The load writes; the rules only read (read transactions). ``database`` defaults to
    ``NEO4J_DATABASE`` (``neo4j``) for both. ``parameters.engine`` in the document is
    ``"neo4j"``.
    """
    database = database or default_database()
    load_inventory(driver, inventory, dataset=dataset, batch_size=batch_size, database=database)
    findings = run_twins(driver, parameters, dataset, rules, database, progress)
    return build_document(inventory, parameters, findings, ENGINE, rules)
