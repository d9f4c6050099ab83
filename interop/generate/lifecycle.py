"""The version-2 columns of the sample's systems: hosting, classification, project approval
and acceptance, security filing and assessments, updates (inventory-format v2).

Drawn after everything else, from a stream of each system's own, so a version-1 city
(``--inventory-version 1``) is exactly the city of before. A department's ``maturity``
raises the odds of a system on the government cloud, approved, accepted, filed and
assessed on time, as it lowers the odds of the problems the version-2 rules look for —
each of which shows up, beside near misses (an assessment 200 days old at grade 3, an
acceptance dated after the as-of date, a system with no approval number that cost
nothing, a classified system in its own machine room).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta

from interop.generate.model import AS_OF, Sys, stream
from interop.schema.enums import Hosting, SystemLevel

VERTICAL = frozenset({SystemLevel.provincial_vertical, SystemLevel.national_vertical})


def _day(rnd: random.Random, days_before_as_of: tuple[int, int]) -> date:
    return AS_OF - timedelta(days=rnd.randint(*days_before_as_of))


def _after(rnd: random.Random, start: date, days: tuple[int, int]) -> date:
    return start + timedelta(days=rnd.randint(*days))


def _hosting(rnd: random.Random, vertical: bool, maturity: float) -> Hosting | None:
    r = rnd.random()
    if r < 0.05:
        return None  # left empty: unknown, never raised
    if vertical:
        return Hosting.superior
    if r < 0.62 + 0.35 * maturity:
        return Hosting.gov_cloud
    return Hosting.own_room if rnd.random() < 0.6 else Hosting.hosted


def lifecycle(system: Sys, seed: int) -> dict[str, object]:
    """The version-2 cells of one system (canonical values; None for an empty cell), and
    ``annual_om_cost`` 0 where a version-2 questionnaire asked what the unknown O&M was."""
    row, maturity = system.row, system.dept.maturity
    rnd = stream(seed, "lifecycle", row["id"])
    vertical = row.get("level") in VERTICAL
    go_live: date | None = row.get("go_live")
    grade = row.get("security_grade")
    cost = row.get("build_cost")
    cells: dict[str, object] = {"hosting": _hosting(rnd, vertical, maturity)}
    r = rnd.random()
    cells["classified"] = True if r < 0.03 else False if r < 0.65 else None
    if cost == 0 or rnd.random() < 0.03 + 0.07 * (1 - maturity):
        cells["approval_no"] = None
    else:
        year = (go_live or AS_OF).year - 1
        cells["approval_no"] = f"发改审批〔{year}〕{rnd.randint(1, 300)}号"
    accepted = None
    if go_live is not None and rnd.random() < 0.9 + 0.09 * maturity:
        accepted = _after(rnd, go_live, (30, 300))  # some fall after the as-of date
    cells["acceptance_date"] = accepted
    filed = None
    if grade is not None and rnd.random() < 0.92 + 0.07 * maturity:
        filed = _after(rnd, go_live or date(2015, 1, 1), (5, 60))
        filed = min(filed, AS_OF)
    cells["grade_filing_date"] = filed
    assessed = None
    if grade is not None and grade >= 2 and rnd.random() < 0.85 + 0.14 * maturity:
        window = (15, 200) if grade >= 4 else (15, 400)  # grade 3: 365 days; grade 4: 182
        assessed = _day(rnd, window)
    cells["last_assessment"] = assessed
    crypto = None
    if grade is not None and grade >= 3 and rnd.random() < 0.65 + 0.33 * maturity:
        crypto = _day(rnd, (30, 900))
    cells["crypto_eval_date"] = crypto
    cells["last_update"] = _day(rnd, (3, 1600)) if rnd.random() < 0.88 else None
    if row.get("annual_om_cost") is None and cost is not None and rnd.random() < 0.5:
        cells["annual_om_cost"] = 0.0  # asked again: no O&M contract at all
    return cells


def add_lifecycle(systems: Iterable[Sys], seed: int) -> None:
    """Fill the version-2 cells of ``systems`` in place."""
    for system in systems:
        system.row.update(lifecycle(system, seed))
