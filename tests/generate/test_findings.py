"""Every problem the article describes is found in the sample city, beside healthy systems."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from interop.findings.model import FindingsDocument
from interop.geo import duplicate_pairs, to_wgs84
from interop.inventory.model import Inventory
from interop.rules import RULES

HOSPITAL_FUNCTIONS = ("医院信息系统(HIS)", "实验室信息系统(LIS)", "医学影像系统(PACS)")


@pytest.mark.parametrize("rule", [r.id for r in RULES])
def test_every_rule_fires(findings: FindingsDocument, rule: str) -> None:
    assert findings.summary.findings_by_rule[rule] >= 1


def test_vertical_systems_high_medium_and_docked(
    findings: FindingsDocument, inventory_zh: Inventory
) -> None:
    missing = [f for f in findings.findings if f.rule == "provincial.missing_link"]
    severity = Counter(f.severity.value for f in missing)
    assert severity["high"] >= 5 and severity["medium"] >= 3
    service = [
        s
        for s in inventory_zh.systems
        if s.level.value.endswith("_vertical") and s.gov_service and s.user_ids
    ]
    assert len(service) - len(missing) >= 3  # some are properly docked


def test_the_city_platform_gets_no_realtime_provincial_data(findings: FindingsDocument) -> None:
    unlinked = [f for f in findings.findings if f.rule == "provincial.city_platform_unlinked"]
    assert [f.subjects for f in unlinked] == [["4201-P01"]]


def test_hospitals_rebuild_the_same_systems(
    findings: FindingsDocument, inventory_zh: Inventory
) -> None:
    sectors = {d.id: d.sector for d in inventory_zh.departments}
    systems = {s.id: s for s in inventory_zh.systems}
    groups = {
        systems[f.subjects[0]].function: f.subjects
        for f in findings.findings
        if f.rule == "duplicate.homogeneous_systems"
    }
    for function in HOSPITAL_FUNCTIONS:
        owners = {systems[s].owner_id for s in groups[function]}
        assert len(owners) >= 3 and {sectors[o] for o in owners} == {"医疗"}
    assert "视频监控" in groups  # every camera owner built its own video system


def test_many_systems_have_no_finding(findings: FindingsDocument, inventory_zh: Inventory) -> None:
    """A fifth of the live systems pass the twelve rules of version 1, and more than one in
    seven pass all nineteen (the version-2 rules add point-to-point flows, hosting and the
    project and security paperwork, which the audit found lacking in many units)."""
    version_1 = {rule.id for rule in RULES[:12]}
    live = [s for s in inventory_zh.systems if s.status.value == "in_use"]
    for rules, share in ((version_1, 0.2), ({rule.id for rule in RULES}, 0.15)):
        flagged = {s for f in findings.findings if f.rule in rules for s in f.subjects}
        clean = [s for s in live if s.id not in flagged]
        assert len(clean) >= share * len(live), (len(rules), len(clean), len(live))


def test_every_check_of_the_version_2_rules_is_found(findings: FindingsDocument) -> None:
    found = {
        (f.rule, check["check"])
        for f in findings.findings
        for check in f.evidence.get("checks", ())
    }
    declared = {(rule.id, check.name) for rule in RULES for check in rule.checks}
    assert declared <= found, sorted(declared - found)
    assert findings.not_checked == []


def _wgs84(inventory: Inventory) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    cams = [c for c in inventory.cameras if c.status.value == "in_use"]
    lat, lon = to_wgs84(
        np.array([c.lat for c in cams]),
        np.array([c.lon for c in cams]),
        np.array([c.coord_system.value for c in cams]),
    )
    return lat, lon, np.array([c.owner_id for c in cams])


def test_duplicate_sites_are_close_and_near_misses_clearly_apart(inventory_zh: Inventory) -> None:
    lat, lon, owners = _wgs84(inventory_zh)
    close_i, _ = duplicate_pairs(lat, lon, owners, 40.0)
    within_i, _ = duplicate_pairs(lat, lon, owners, 55.0)
    wide_i, _ = duplicate_pairs(lat, lon, owners, 80.0)
    assert close_i.size > 100
    assert within_i.size == close_i.size  # nothing between 40 and 55 m: no borderline pair
    assert wide_i.size - within_i.size >= 20  # near misses at 56–75 m


def test_shared_street_points_mix_city_and_district_police(
    findings: FindingsDocument, inventory_zh: Inventory
) -> None:
    owner = {c.id: c.owner_id for c in inventory_zh.cameras}
    names = {d.id: d.name for d in inventory_zh.departments}
    sites = [f.subjects for f in findings.findings if f.rule == "camera.duplicate_site"]
    mixed = [
        s
        for s in sites
        if "武汉市公安局" in {names[owner[c]] for c in s}
        and any(names[owner[c]].endswith("分局") for c in s)
    ]
    assert len(mixed) >= 0.3 * len(sites)
