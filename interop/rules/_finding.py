"""Build a :class:`Finding` from a rule's data (id, area, default severity), and the small
helpers that word findings in Chinese or English (``parameters.lang``).

Each rule module keeps its own two wordings side by side (``WORDING = Bilingual(zh=…, en=…)``);
only the words several rules share live here: names of nodes, money, enum values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from interop.findings.model import Finding, Severity
from interop.i18n import Lang, Text
from interop.rules.base import Rule
from interop.schema.enums import spelling

UNKNOWN_DEPARTMENT = Text("未知部门", "an unknown department")


def finding(
    rule: Rule,
    subjects: Sequence[str],
    *,
    title: str,
    detail: str,
    evidence: dict[str, Any],
    recommendation: str,
    severity: Severity | None = None,
) -> Finding:
    """A finding of ``rule`` (its default severity unless ``severity`` is given).

    ``subjects`` are kept in the order given: each rule decides it (sorted for all but
    ``usage.rebuilt_while_underused``, whose order is new system, then old).
    """
    return Finding(
        rule=rule.id,
        area=rule.area,
        severity=severity or rule.severity,
        subjects=list(subjects),
        title=title,
        detail=detail,
        evidence=evidence,
        recommendation=recommendation,
    )


def named_ref(
    ref: Mapping[str, Any] | None, unknown: str | None = None, *, lang: Lang = "en"
) -> str:
    """A node of a finding's evidence (``{id, name, …}``) for prose: ``name (id)``, ``id``
    when it has no name, ``unknown`` when there is none (an owner that is not recorded;
    by default "an unknown department", 未知部门 in Chinese).

    The words match :func:`interop.rules._views.named` / ``owner_named`` on the graph, so a
    finding is worded the same from the graph (networkx) and from a Cypher twin's row.
    """
    if ref is None:
        return UNKNOWN_DEPARTMENT[lang] if unknown is None else unknown
    name = ref.get("name")
    return f"{name} ({ref['id']})" if name else str(ref["id"])


def zh_list(items: Iterable[str]) -> str:
    """Items for Chinese prose, joined by the enumeration comma (、)."""
    return "、".join(items)


def zh_money(evidence_money: Mapping[str, Any]) -> str:
    """The money of a finding for Chinese prose (the Chinese of
    :func:`interop.rules._views.money_words`), e.g. ``建设投资120万元，年运维费用15万元``."""
    parts = []
    if evidence_money.get("build_cost") is not None:
        parts.append(f"建设投资{evidence_money['build_cost']:g}万元")
    if evidence_money.get("annual_om_cost") is not None:
        parts.append(f"年运维费用{evidence_money['annual_om_cost']:g}万元")
    return "，".join(parts) if parts else "未填报金额"


def zh_enum(enum: type[StrEnum], value: object, unknown: str = "未知") -> str:
    """An enum value of the evidence (its English value) in Chinese, spelt as every output
    spells it (:func:`interop.schema.enums.spelling`: ``egov_private`` → 电子政务专网); a
    value the enum lacks as written; ``unknown`` when it is empty."""
    if value is None or value == "":
        return unknown
    try:
        member = enum(str(value))
    except ValueError:
        return str(value)
    return spelling(member, "zh")
