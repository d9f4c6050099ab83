"""The tiny example a year on, edited by hand, and what the comparison must find.

Round 2 (as of 2021-12-31) puts some problems right, leaves others, grows and shrinks
groups and adds new problems; every expected state below is worked out from the edits,
not from running the analysis.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

from interop.analysis import analyze
from interop.findings.model import FindingsDocument
from interop.loaders import load_inventory
from interop.parameters import Parameters
from interop.rules import RULE_BY_ID

ROUND_1 = date(2020, 12, 31)
ROUND_2 = date(2021, 12, 31)

RULES_V1 = (
    "silo.isolated_system",
    "sharing.non_provider",
    "network.noncompliant_deployment",
    "network.isolated_private",
    "provincial.missing_link",
    "provincial.city_platform_unlinked",
    "camera.duplicate_site",
    "usage.idle",
    "usage.low_utilization",
    "usage.rebuilt_while_underused",
    "duplicate.homogeneous_systems",
    "security.ungraded",
)
"""The rules these rounds exercise (rules added later would add findings of their own)."""

EXPECTED: dict[str, set[tuple[str, tuple[str, ...]]]] = {
    "resolved": {
        ("silo.isolated_system", ("S03",)),  # S03 now sends realtime to PG
        ("silo.isolated_system", ("S06",)),  # S06 retired
        ("network.noncompliant_deployment", ("S06",)),
        ("provincial.missing_link", ("S03",)),
        ("security.ungraded", ("S09",)),  # graded 2
    },
    "persisting": {
        ("silo.isolated_system", ("S05",)),
        ("sharing.non_provider", ("D07",)),
        ("network.noncompliant_deployment", ("S04",)),
        ("network.noncompliant_deployment", ("S05",)),
        ("network.isolated_private", ("N4",)),  # still hosts C6 and C12
        ("provincial.missing_link", ("S02",)),
        ("provincial.city_platform_unlinked", ("PC",)),
        ("usage.idle", ("S10",)),
        ("usage.idle", ("S13",)),  # still last used 2020-01-01
        ("usage.low_utilization", ("S13",)),
        ("usage.rebuilt_while_underused", ("S11", "S12")),
    },
    "changed": {
        ("camera.duplicate_site", ("C1", "C2")),  # C3 retired: the site shrank
        ("duplicate.homogeneous_systems", ("S07", "S08", "S09", "S31")),  # S31 joined
    },
    "new": {
        ("camera.duplicate_site", ("C14", "C4", "C5")),  # C14 (D04) beside D01's C4, C5
        ("silo.isolated_system", ("S30",)),
        ("security.ungraded", ("S30",)),
    },
}


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def _bump_year(value: str) -> str:
    return f"{int(value[:4]) + 1}{value[4:]}" if value else value


def round_two(tiny_dir: Path, target: Path) -> Path:
    """The tiny inventory a year on (see :data:`EXPECTED` for what each edit does)."""
    shutil.copytree(tiny_dir, target, ignore=shutil.ignore_patterns("*.json", "*.md"))

    def systems(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        for row in rows:
            if row["id"] != "S13":  # still in use: used within the last 180 days again
                row["last_used"] = _bump_year(row["last_used"])
            if row["id"] == "S09":
                row["security_grade"] = "2"
            if row["id"] == "S06":
                row["status"] = "retired"
        blank = dict.fromkeys(rows[0], "")
        rows.append({**blank, "id": "S30", "name": "卫健新建系统", "owner_id": "D05",
                     "function": "疫情监测", "network_ids": "N1"})  # fmt: skip
        rows.append({**blank, "id": "S31", "name": "市人社医保结算HIS", "owner_id": "D09",
                     "function": "医院信息系统(HIS)", "network_ids": "N1",
                     "security_grade": "2"})  # fmt: skip
        return rows

    def flows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        blank = dict.fromkeys(rows[0], "")
        rows.append({**blank, "source_id": "S03", "target_id": "PG", "dataset": "社保卡数据",
                     "mechanism": "api", "frequency": "realtime"})  # fmt: skip
        rows.append({**blank, "source_id": "S31", "target_id": "PX", "dataset": "结算数据",
                     "mechanism": "api", "frequency": "daily"})  # fmt: skip
        return rows

    def cameras(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        for row in rows:
            if row["id"] == "C3":
                row["status"] = "retired"
        blank = dict.fromkeys(rows[0], "")
        rows.append({**blank, "id": "C14", "owner_id": "D04", "lat": "30.5800300",
                     "lon": "114.3042000", "coord_system": "wgs84", "standard": "onvif",
                     "status": "in_use"})  # fmt: skip
        return rows

    _edit(target / "systems.csv", systems)
    _edit(target / "flows.csv", flows)
    _edit(target / "cameras.csv", cameras)
    return target


def analyze_tiny(folder: Path, as_of: date) -> FindingsDocument:
    """findings.json of ``folder`` with the rules of :data:`RULES_V1` only."""
    rules = [RULE_BY_ID[rule] for rule in RULES_V1]
    return analyze(load_inventory(folder), Parameters(as_of=as_of), rules=rules)


def states(document: FindingsDocument) -> dict[str, set[tuple[str, tuple[str, ...]]]]:
    """Per round state (and resolved), the (rule, sorted subjects) of its findings."""
    out: dict[str, set[tuple[str, tuple[str, ...]]]] = {k: set() for k in EXPECTED}
    for finding in document.findings:
        out[str(finding.round)].add((finding.rule, _key(finding.rule, finding.subjects)))
    for finding in document.resolved or []:
        out["resolved"].add((finding.rule, _key(finding.rule, finding.subjects)))
    return out


def _key(rule: str, subjects: list[str]) -> tuple[str, ...]:
    ordered = rule in ("usage.rebuilt_while_underused", "sharing.point_to_point")
    return tuple(subjects) if ordered else tuple(sorted(subjects))
