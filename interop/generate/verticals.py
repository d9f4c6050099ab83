"""Vertical systems: built by provincial or national bodies, used by city departments.

The article counts 30+ of them in Wuhan, not deeply docked with the provincial
government-service platform. Each government-service vertical gets a docking state that
:mod:`interop.generate.flows` turns into flows: ``docked`` (a realtime chain to the
provincial platform), ``daily`` (only a slower chain: medium finding) or ``none`` (no
active chain at all: high finding).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from interop.generate.catalog import VERTICAL_CATALOGUE, VERTICALS_AT_SCALE_1, VerticalTemplate
from interop.generate.departments import CityDepts
from interop.generate.model import AS_OF, Dept, Row, Sys, Tables
from interop.generate.names import PROVINCES
from interop.generate.networks import NetIndex
from interop.generate.systems import money, random_day
from interop.schema.enums import Status, SystemLevel

DOCKED_SHARE, DAILY_SHARE = 0.25, 0.30
"""Shares of government-service verticals docked in real time, and docked only daily."""


@dataclass
class Verticals:
    """A province's vertical systems and the docking state of the service ones."""

    systems: list[Sys] = field(default_factory=list)
    docking: dict[str, str] = field(default_factory=dict)
    """System id -> ``docked``, ``daily`` or ``none`` (government-service systems only)."""


def vertical_count(province_size: float) -> int:
    """How many verticals a province's cities use together (36 for the audited city alone)."""
    if province_size <= 1:
        target = round(VERTICALS_AT_SCALE_1 * province_size)
    else:
        target = round(VERTICALS_AT_SCALE_1 * math.sqrt(province_size))
    return min(len(VERTICAL_CATALOGUE), max(1, target))


def _users(template: VerticalTemplate, cities: list[CityDepts]) -> list[str]:
    return [c.by_key[k].id for c in cities for k in template.users if k in c.by_key]


def choose(count: int, cities: list[CityDepts]) -> list[tuple[VerticalTemplate, list[str]]]:
    """The first ``count`` catalogue verticals that some city department uses."""
    out = []
    for template in VERTICAL_CATALOGUE:
        users = _users(template, cities)
        if users:
            out.append((template, users))
        if len(out) == count:
            break
    return out


def _networks(template: VerticalTemplate, nets: NetIndex) -> list[str]:
    national = template.level == "national_vertical"
    by_owner = {
        "police": "national_police" if national else "province_police_net",
        "hrss": "province_hrss_net",
        "medins": "province_medins_net",
    }
    key = by_owner.get(template.owner, "national_extranet" if national else "province_extranet")
    net = nets.get(key)
    return [net] if net else []


def province_verticals(
    tables: Tables,
    province: str,
    chosen: list[tuple[VerticalTemplate, list[str]]],
    national: dict[str, Dept],
    provincial: dict[str, Dept],
    nets: NetIndex,
    rnd: random.Random,
) -> Verticals:
    """The rows of a province's vertical systems, and their docking states."""
    out = Verticals()
    pname = PROVINCES[province]
    for number, (template, users) in enumerate(chosen, start=1):
        national_level = template.level == "national_vertical"
        owner = (national if national_level else provincial)[template.owner]
        go_live = random_day(rnd, date(2010, 1, 1), date(2019, 12, 31))
        known = rnd.random() < 0.35
        total = rnd.randint(8, 40) if known else None
        row: Row = {
            "id": f"{province}-S{number:03d}",
            "name": template.name.format(p=pname),
            "owner_id": owner.id,
            "level": SystemLevel(template.level),
            "user_ids": users,
            "function": template.function,
            "network_ids": _networks(template, nets),
            "gov_service": template.gov_service,
            "status": Status.in_use,
            "go_live": go_live,
            "build_cost": money(rnd.uniform(300, 5000)) if rnd.random() < 0.15 else None,
            "annual_om_cost": None,
            "modules_total": total,
            "modules_used": None if total is None else rnd.randint(max(1, total // 3), total),
            "monthly_active_users": rnd.randint(20, 3000) if rnd.random() < 0.6 else None,
            "last_used": AS_OF - timedelta(days=rnd.randint(0, 10)),
            "security_grade": None if rnd.random() < 0.1 else 3,
            "replaces_id": None,
        }
        tables.add("systems", row)
        out.systems.append(Sys(row, owner, "core", template.function, row["network_ids"]))
    service = [s for s in out.systems if s.gov_service]
    rnd.shuffle(service)
    docked = round(DOCKED_SHARE * len(service))
    daily = round(DAILY_SHARE * len(service))
    for i, system in enumerate(service):
        out.docking[system.id] = (
            "docked" if i < docked else "daily" if i < docked + daily else "none"
        )
    return out
