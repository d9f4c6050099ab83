"""The Neo4j engine: load an inventory, run every rule's Cypher twin there, build findings.json.

Each rule ``interop/rules/<module>.py`` has a twin ``cypher/rules/<rule id>.cypher`` that
answers the same question inside Neo4j and returns one row per finding: ``subjects``,
``severity`` and the evidence columns, named like the keys of the Python rule's evidence.
The twins run in read transactions (``routing_=READ``); the wording of every finding
(title, detail, recommendation) comes from the rule module's own ``make_finding``, so both
engines word findings the same way. The load section and the summary are the embedded
engine's (:func:`interop.analysis.build_document`), with ``parameters.engine = "neo4j"``.

One rule needs Python after its query: ``camera.duplicate_site``'s twin returns the
duplicate pairs, and the sites (connected components of the pairs) are formed here with
the Python rule's own function, :func:`interop.geo.sites`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np
from neo4j import Driver

from interop.analysis import build_document
from interop.findings.model import Finding, FindingsDocument, Severity
from interop.geo import sites
from interop.geo.distance import max_distance_m
from interop.inventory.model import Inventory
from interop.neo4j.load import load_inventory
from interop.neo4j.settings import default_database
from interop.neo4j.twins import RESERVED_COLUMNS, Row, TwinError, run_twin
from interop.parameters import Parameters
from interop.rules import RULES
from interop.rules._views import MONEY_UNIT
from interop.rules.base import Rule

ENGINE = "neo4j"
CAMERA_RULE = "camera.duplicate_site"
Progress = Callable[[Rule, int, int], None]
"""Called after each rule: ``progress(rule, rules_done, rules_total)``."""


class FindingMaker(Protocol):
    """A rule module's ``make_finding``: a finding from its subjects and evidence."""

    def __call__(
        self,
        subjects: Sequence[str],
        evidence: dict[str, Any],
        parameters: Parameters,
        severity: Severity | None = None,
    ) -> Finding: ...


# -- rows to findings ----------------------------------------------------------------------


def finding_maker(rule: Rule) -> FindingMaker:
    """The ``make_finding`` of the module that defines ``rule``."""
    module = sys.modules[rule.check.__module__]
    maker = getattr(module, "make_finding", None)
    if maker is None:
        raise TwinError(f"{module.__name__} has no make_finding(subjects, evidence, …)")
    return maker  # type: ignore[no-any-return]


def _evidence(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in RESERVED_COLUMNS}


def findings_from_rows(rule: Rule, rows: Sequence[Row], parameters: Parameters) -> list[Finding]:
    """The findings of ``rule`` from its twin's rows (camera pairs grouped into sites)."""
    if rule.id == CAMERA_RULE:
        return camera_findings(rows, parameters)
    make = finding_maker(rule)
    return [
        make(list(row["subjects"]), _evidence(row), parameters, Severity(row["severity"]))
        for row in rows
    ]


def _sum_known(systems: Sequence[Mapping[str, Any]], field: str) -> tuple[float | None, list]:
    known = [float(s[field]) for s in systems if s.get(field) is not None]
    unknown = sorted(str(s["id"]) for s in systems if s.get(field) is None)
    return (round(sum(known), 4) if known else None), unknown


def money_of(systems: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """:func:`interop.rules._views.money` for systems given as ``{id, build_cost,
    annual_om_cost}`` maps (the first of each id counts): known amounts summed, in 万元."""
    seen: dict[str, Mapping[str, Any]] = {}
    for system in systems:
        seen.setdefault(str(system["id"]), system)
    unique = list(seen.values())
    build, build_unknown = _sum_known(unique, "build_cost")
    om, om_unknown = _sum_known(unique, "annual_om_cost")
    return {
        "unit": MONEY_UNIT,
        "systems": len(unique),
        "build_cost": build,
        "annual_om_cost": om,
        "build_cost_unknown": build_unknown,
        "annual_om_cost_unknown": om_unknown,
    }


def _site_money(cameras: Sequence[Mapping[str, Any]], systems: Sequence[Row]) -> dict[str, Any]:
    """Camera costs plus the money of their video systems, as the Python rule reports them."""
    known = [float(c["cost"]) for c in cameras if c.get("cost") is not None]
    return {
        **money_of(systems),
        "camera_cost": round(sum(known), 4) if known else None,
        "camera_cost_unknown": sorted(str(c["id"]) for c in cameras if c.get("cost") is None),
    }


def camera_findings(rows: Sequence[Row], parameters: Parameters) -> list[Finding]:
    """One finding per site: the connected components of the twin's duplicate pairs.

    Components come from :func:`interop.geo.sites`, as in the Python rule; each site is
    worded by the rule module's ``make_site_finding``. A camera's rounded WGS-84 position is
    rounded here from the unrounded one, with Python's rounding, as the Python rule does.
    """
    from interop.rules import camera_duplicate_site as rule_module

    cameras: dict[str, dict[str, Any]] = {}
    positions: dict[str, tuple[float, float]] = {}
    systems: dict[str, list[Row]] = {}
    for row in rows:
        for side in ("a", "b"):
            camera = dict(row[side])
            lat, lon = (float(v) for v in row[f"{side}_wgs84"])
            camera["wgs84"] = {"lat": round(lat, 7), "lon": round(lon, 7)}
            cameras[camera["id"]] = camera
            positions[camera["id"]] = (lat, lon)
            systems[camera["id"]] = list(row[f"{side}_systems"] or [])
    ids = sorted(cameras)
    index = {camera_id: k for k, camera_id in enumerate(ids)}
    first = np.array([index[row["a"]["id"]] for row in rows], dtype=np.intp)
    second = np.array([index[row["b"]["id"]] for row in rows], dtype=np.intp)
    pairs_of: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        pair = {"a": row["a"]["id"], "b": row["b"]["id"], "distance_m": row["distance_m"]}
        pairs_of.setdefault(row["a"]["id"], []).append(pair)
    out: list[Finding] = []
    for members in sites(len(ids), first, second):
        site = sorted(ids[k] for k in members.tolist())
        pairs = sorted(
            (p for c in site for p in pairs_of.get(c, [])), key=lambda p: (p["a"], p["b"])
        )
        site_cameras = [cameras[c] for c in site]
        cost = _site_money(site_cameras, [s for c in site for s in systems[c]])
        lat = np.array([positions[c][0] for c in site], dtype=np.float64)
        lon = np.array([positions[c][1] for c in site], dtype=np.float64)
        out.append(
            rule_module.make_site_finding(
                site_cameras,
                pairs,
                max_distance_m(lat, lon),
                parameters.camera_radius_m,
                cost,
                lang=parameters.lang,
            )
        )
    return out


# -- the engine ------------------------------------------------------------------------------


def run_twins(
    driver: Driver,
    parameters: Parameters,
    dataset: str,
    rules: Sequence[Rule] = RULES,
    database: str | None = None,
    progress: Progress | None = None,
) -> list[Finding]:
    """Every finding of ``rules``' twins on the loaded ``dataset`` (unsorted)."""
    findings: list[Finding] = []
    for done, rule in enumerate(rules, start=1):
        rows = run_twin(driver, rule, parameters, dataset, database)
        findings.extend(findings_from_rows(rule, rows, parameters))
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
