"""Compare a run's findings with a baseline's (audit-cycle.md, "Rounds").

The comparison works on two findings documents, never on a graph, so that it is the
same for both engines and for ``interop diff`` (two findings.json files, no analysis).

A finding's **identity** is its rule and its subjects: an ordered tuple for the rules
whose subjects are ordered, a set for every other rule. Severity, checks, wording and
money may change without changing it. Each current finding is ``persisting`` (a
baseline finding has its identity), ``changed`` (group rules only: no equal set, but a
baseline finding of the same rule shares a subject: a camera site that shrank or grew)
or ``new``. A baseline finding with no counterpart (neither equal nor, for group rules,
sharing a subject) is ``resolved`` — unless this run could not make its check
(``not_checked``), in which case nothing says it was put right: it is ``unverified``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from interop.findings.model import BaselineInfo, Finding, FindingsDocument

ORDERED_RULES = frozenset({"sharing.point_to_point", "usage.rebuilt_while_underused"})
"""Rules whose subjects are ordered (source then target, new then old)."""

GROUP_RULES = frozenset(
    {"camera.duplicate_site", "camera.gbid_conflict", "duplicate.homogeneous_systems"}
)
"""Rules whose finding is a group that can shrink or grow between rounds (``changed``)."""

SCHEMAS = ("interop-findings/1", "interop-findings/2")
"""The findings.json schemas a baseline may have."""

Identity = tuple[str, tuple[str, ...] | frozenset[str]]


class BaselineError(ValueError):
    """A baseline that cannot be read or used; the message names the file."""


class BaselineDateError(BaselineError):
    """A baseline whose as-of date is not earlier than this run's (a usage error)."""


def identity(rule: str, subjects: Sequence[str]) -> Identity:
    """The identity of a finding of ``rule`` about ``subjects`` (ordered or a set)."""
    if rule in ORDERED_RULES:
        return (rule, tuple(subjects))
    return (rule, frozenset(subjects))


def finding_identity(finding: Finding) -> Identity:
    return identity(finding.rule, finding.subjects)


def read_findings(path: Path, what: str = "baseline") -> FindingsDocument:
    """A findings.json of schema 1 or 2; a BaselineError names the file otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"cannot read the {what} {path}: {exc.strerror or exc}") from None
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise BaselineError(f"the {what} {path} is not JSON: {exc}") from None
    schema = raw.get("schema") if isinstance(raw, dict) else None
    if schema not in SCHEMAS:
        raise BaselineError(
            f"the {what} {path} is not a findings.json of interop "
            f"(schema {schema!r}; expected one of {', '.join(SCHEMAS)})"
        )
    try:
        return FindingsDocument.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BaselineError(f"the {what} {path} is malformed at {where}: {first['msg']}") from None


def check_dates(baseline_as_of: date, as_of: date) -> None:
    """A BaselineDateError unless the baseline's as-of date is earlier than this run's."""
    if baseline_as_of >= as_of:
        raise BaselineDateError(
            f"the baseline's as-of date {baseline_as_of.isoformat()} is not earlier than this "
            f"run's {as_of.isoformat()}: a baseline is an earlier round (give --as-of)"
        )


def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)


def unchecked(document: FindingsDocument) -> tuple[set[str], set[tuple[str, str]]]:
    """What the run of ``document`` could not check: whole rules, and (rule, check) pairs.

    Read from ``not_checked`` (findings-format v2; absent in v1, where everything was
    checked); an entry without a check stands for its whole rule.
    """
    rules: set[str] = set()
    checks: set[tuple[str, str]] = set()
    for entry in getattr(document, "not_checked", None) or []:
        rule, check = _get(entry, "rule"), _get(entry, "check")
        if not rule:
            continue
        if check:
            checks.add((str(rule), str(check)))
        else:
            rules.add(str(rule))
    return rules, checks


def _failed_checks(finding: Finding) -> list[str]:
    checks = finding.evidence.get("checks")
    if not isinstance(checks, list):
        return []
    return [str(c["check"]) for c in checks if isinstance(c, Mapping) and c.get("check")]


def could_not_check(finding: Finding, current: FindingsDocument) -> bool:
    """Whether this run could not make the check that raised ``finding`` in the baseline:
    its rule did not run, or was not checked, or one of its failed checks was not made."""
    rules, checks = unchecked(current)
    if finding.rule not in current.summary.findings_by_rule:  # lists every rule run, 0 or not
        return True
    if finding.rule in rules:
        return True
    failed = _failed_checks(finding)
    if failed:
        return any((finding.rule, check) in checks for check in failed)
    return any(rule == finding.rule for rule, _ in checks)


def _by_subject(findings: Iterable[Finding]) -> dict[tuple[str, str], list[int]]:
    index: dict[tuple[str, str], list[int]] = {}
    for position, finding in enumerate(findings):
        if finding.rule in GROUP_RULES:
            for subject in set(finding.subjects):
                index.setdefault((finding.rule, subject), []).append(position)
    return index


def compare(current: FindingsDocument, baseline: FindingsDocument) -> FindingsDocument:
    """``current`` with ``round`` on every finding, ``resolved``, ``unverified`` and
    ``baseline`` set (any round fields it had are recomputed).

    Raises BaselineDateError when the baseline is not an earlier round.
    """
    check_dates(baseline.as_of, current.as_of)
    old_ids = {finding_identity(f) for f in baseline.findings}
    new_ids = {finding_identity(f) for f in current.findings}
    old_groups = _by_subject(baseline.findings)
    new_groups = _by_subject(current.findings)

    def shares(finding: Finding, groups: Mapping[tuple[str, str], list[int]]) -> bool:
        return finding.rule in GROUP_RULES and any(
            (finding.rule, s) in groups for s in finding.subjects
        )

    findings = []
    for finding in current.findings:
        if finding_identity(finding) in old_ids:
            state = "persisting"
        elif shares(finding, old_groups):
            state = "changed"
        else:
            state = "new"
        findings.append(finding.model_copy(update={"round": state}))
    resolved: list[Finding] = []
    unverified: list[Finding] = []
    for finding in baseline.findings:
        if finding_identity(finding) in new_ids or shares(finding, new_groups):
            continue
        (unverified if could_not_check(finding, current) else resolved).append(finding)
    return current.model_copy(
        update={
            "findings": findings,
            "resolved": resolved,
            "unverified": unverified,
            "baseline": BaselineInfo(
                schema_id=baseline.schema_id, as_of=baseline.as_of, findings=len(baseline.findings)
            ),
        }
    )
