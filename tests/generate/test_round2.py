"""``interop generate --round 2``: the sample city a year on, compared with round 1.

The generator records what it changed (:class:`RoundChanges`); the comparison of the two
rounds' findings must give exactly those changes — resolved, changed, new — and leave
every other finding of the rules it touched persisting.
"""

from __future__ import annotations

import pytest

from interop.analysis import analyze
from interop.findings.model import FindingsDocument
from interop.generate import AS_OF, build_country, write_city
from interop.generate.round2 import ROUND_2_AS_OF, RoundChanges, advance_round
from interop.loaders import load_inventory
from interop.parameters import Parameters
from interop.rounds import compare
from interop.rules import RULE_BY_ID

RULES = (
    "silo.isolated_system",
    "network.noncompliant_deployment",
    "camera.duplicate_site",
    "usage.idle",
    "security.ungraded",
)
SCALE = 0.5


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[FindingsDocument, RoundChanges]:
    base = tmp_path_factory.mktemp("round2")
    rules = [RULE_BY_ID[r] for r in RULES]
    first = analyze(
        load_inventory(write_city(base / "r1", scale=SCALE)), Parameters(as_of=AS_OF), rules=rules
    )
    second = analyze(
        load_inventory(write_city(base / "r2", scale=SCALE, audit_round=2)),
        Parameters(as_of=ROUND_2_AS_OF),
        rules=rules,
    )
    changes = advance_round(build_country(scale=SCALE))
    return compare(second, first), changes


def _subjects(findings, rule: str) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    return {frozenset(f.subjects) for f in findings if f.rule == rule}


def test_the_round_changes_something_of_every_kind(
    rounds: tuple[FindingsDocument, RoundChanges],
) -> None:
    _, changes = rounds
    assert all(changes.counts().values()), changes.counts()


def test_systems_put_right_are_resolved_and_new_ones_new(
    rounds: tuple[FindingsDocument, RoundChanges],
) -> None:
    document, changes = rounds
    resolved = document.resolved or []
    new = [f for f in document.findings if f.round == "new"]
    assert _subjects(resolved, "security.ungraded") == {frozenset([s]) for s in changes.graded}
    assert _subjects(resolved, "usage.idle") == {frozenset([s]) for s in changes.retired}
    assert {frozenset([s]) for s in changes.moved_to_extranet} <= _subjects(
        resolved, "network.noncompliant_deployment"
    )
    for rule in ("silo.isolated_system", "security.ungraded"):
        assert _subjects(new, rule) == {frozenset([s]) for s in changes.new_systems}, rule
    assert all(f.round in ("persisting", "new") for f in document.findings
               if f.rule != "camera.duplicate_site")  # fmt: skip


def test_camera_sites_lost_shrunk_grown_and_new(
    rounds: tuple[FindingsDocument, RoundChanges],
) -> None:
    document, changes = rounds
    rule = "camera.duplicate_site"
    by_round: dict[str, set[frozenset[str]]] = {}
    for f in document.findings:
        if f.rule == rule:
            by_round.setdefault(str(f.round), set()).add(frozenset(f.subjects))
    assert _subjects(document.resolved or [], rule) == {frozenset(s) for s in changes.sites_lost}
    retired = set(changes.cameras_retired)
    shrunk = {frozenset(s) - retired for s in changes.sites_shrunk}
    grown = [frozenset(s) for s in changes.sites_grown]
    changed = by_round["changed"]
    assert shrunk <= changed
    assert len(changed) == len(shrunk) + len(grown)
    for site in grown:  # the new camera joins the site (and maybe a neighbour too)
        assert any(site <= found for found in changed), sorted(site)
    assert len(by_round["new"]) == len(changes.new_sites)
    for pair in changes.new_sites:
        assert any(frozenset(pair) <= found for found in by_round["new"]), pair


def test_sample_accepted_risks(
    rounds: tuple[FindingsDocument, RoundChanges], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """In force: the video systems left on their private network; expired: the grading
    deadline; unmatched: a system retired during the year."""
    from interop.generate.round2 import write_accepted_sample
    from interop.rounds import apply_accepted, read_accepted

    document, changes = rounds
    path = write_accepted_sample(changes, tmp_path_factory.mktemp("acc") / "inventory", "zh")
    assert path.name == "inventory-accepted-risks.csv"
    result = apply_accepted(document, read_accepted(path))
    accepted = {f.subjects[0] for f in result.findings if f.accepted is not None}
    assert accepted == set(changes.stayed_private[:3]) and len(accepted) == 3
    reasons = [w.reason for w in result.accepted_warnings or []]
    assert len(reasons) == 2
    assert reasons[0].startswith("expired on 2021-06-30")
    assert reasons[1].startswith("matches no finding")
