"""Departments: national bodies, provincial bodies, and each city's budget units.

At scale 1 the city has exactly 90 municipal budget units (level ``municipal``: bureaus,
Party and people's-congress offices, hospitals, the metro group…). The district police
sub-bureaus (level ``district``, supervised by the city police bureau) and the provincial
and national bodies that own vertical systems and platforms are departments *in addition*
to those 90. Smaller scales keep the most important units first (never fewer than the
core); bigger cities add hospitals and subordinate institutions (信息中心, 执法支队…).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from interop.generate.divisions import city_code, district_code, province_code
from interop.generate.model import Dept
from interop.generate.names import (
    CORE_UNITS,
    MUNICIPAL_UNITS,
    NATIONAL_BODIES,
    NATIONAL_CODE,
    OTHER_CITY_NAMES,
    POLICE_SUB_BUREAU,
    PROVINCES,
    PROVINCIAL_BODIES,
    SUBORDINATE_SUFFIXES,
    UnitTemplate,
)
from interop.generate.plan import CityPlan
from interop.schema.enums import DeptLevel

UNITS_AT_SCALE_1 = len(MUNICIPAL_UNITS)
ALWAYS_OPEN = frozenset({"zwfw", "police", "traffic", "health", "hrss", "samr", "govoffice"})
"""Units whose sharing is never reluctant or closed (the data backbone of every city)."""
HOSPITAL_EXTRA_FROM = 11
"""Extra hospitals of bigger cities are numbered 第11人民医院, 第12人民医院, …"""


@dataclass
class CityDepts:
    """A city's departments: its municipal units in order, then the police sub-bureaus."""

    units: list[Dept] = field(default_factory=list)
    sub_bureaus: list[Dept] = field(default_factory=list)
    by_key: dict[str, Dept] = field(default_factory=dict)
    templates: dict[str, UnitTemplate] = field(default_factory=dict)
    """Template of each unit id (subordinate units carry their parent's template)."""

    @property
    def all(self) -> list[Dept]:
        return self.units + self.sub_bureaus


def national_depts() -> dict[str, Dept]:
    """The national bodies that own national vertical systems and platforms."""
    out = {}
    for i, (key, (name, sector)) in enumerate(NATIONAL_BODIES.items(), start=1):
        out[key] = Dept(f"{NATIONAL_CODE}-D{i:02d}", key, name, DeptLevel.national, sector)
    return out


def provincial_depts(province: str) -> dict[str, Dept]:
    """The bodies of one province that own provincial vertical systems and platforms."""
    pname = PROVINCES[province]
    out = {}
    for i, (key, (name, sector)) in enumerate(PROVINCIAL_BODIES.items(), start=1):
        out[key] = Dept(
            f"{province}-D{i:02d}",
            key,
            name.format(p=pname),
            DeptLevel.provincial,
            sector,
            division_code=province_code(province),
        )
    return out


def unit_count(size: float) -> int:
    """Municipal units of a city of ``size`` (90 at size 1, never fewer than the core)."""
    return max(CORE_UNITS, round(UNITS_AT_SCALE_1 * size))


def _sharing(template_key: str, hospital: bool, maturity: float, rnd: random.Random) -> str:
    if template_key in ALWAYS_OPEN or template_key == "sub_bureau":
        return "open"
    r = rnd.random()
    if hospital:
        return "closed" if r < 0.25 else "reluctant" if r < 0.55 else "open"
    closed = 0.03 + 0.07 * (1 - maturity)
    reluctant = closed + 0.06 + 0.18 * (1 - maturity)
    return "closed" if r < closed else "reluctant" if r < reluctant else "open"


def _unit_name(template: UnitTemplate, plan: CityPlan) -> str:
    name = template.name
    if not plan.is_wuhan:
        name = OTHER_CITY_NAMES.get(template.key, name)
    return name.format(c=plan.name)


def _extra_units(plan: CityPlan, n: int) -> list[tuple[str, str, UnitTemplate, str | None]]:
    """(key, name, template, parent key) of the units beyond the 90 of the audited city."""
    parents = sorted(
        (t for t in MUNICIPAL_UNITS if not t.key.startswith("hospital")),
        key=lambda t: (-t.weight, t.key),
    )
    hospital = next(t for t in MUNICIPAL_UNITS if t.key.startswith("hospital"))
    out: list[tuple[str, str, UnitTemplate, str | None]] = []
    n_hospital = n_sub = 0
    for i in range(n):
        if i % 4 == 3:
            number = HOSPITAL_EXTRA_FROM + n_hospital
            n_hospital += 1
            name = f"{plan.name}市第{number}人民医院"
            out.append((f"hospital:第{number}人民医院", name, hospital, "health"))
            continue
        parent = parents[n_sub % len(parents)]
        suffix = SUBORDINATE_SUFFIXES[(n_sub // len(parents)) % len(SUBORDINATE_SUFFIXES)]
        rounds = n_sub // (len(parents) * len(SUBORDINATE_SUFFIXES))
        name = _unit_name(parent, plan) + suffix + (f"{rounds + 1}" if rounds else "")
        out.append((f"sub:{parent.key}:{n_sub}", name, parent, parent.key))
        n_sub += 1
    return out


def city_depts(plan: CityPlan, rnd: random.Random) -> CityDepts:
    """Every department of one city: municipal units first, then police sub-bureaus."""
    n = unit_count(plan.size)
    chosen = MUNICIPAL_UNITS[: min(n, UNITS_AT_SCALE_1)]
    specs: list[tuple[str, str, UnitTemplate, str | None]] = [
        (t.key, _unit_name(t, plan), t, t.parent) for t in chosen
    ]
    specs += _extra_units(plan, n - len(chosen))
    depts = CityDepts()
    for i, (key, name, template, _) in enumerate(specs, start=1):
        hospital = key.startswith("hospital")
        maturity = rnd.betavariate(2.4, 1.7)
        dept = Dept(
            id=f"{plan.code}-D{i:03d}",
            key=key,
            name=name,
            level=DeptLevel.municipal,
            sector=template.sector,
            city=plan.code,
            maturity=maturity,
            sharing=_sharing(
                template.key if not key.startswith("sub:") else key, hospital, maturity, rnd
            ),
            write_level=rnd.random() < 0.7,
            # one unit in seven left the (new) division cell empty: no division to check
            division_code=None if i % 7 == 3 else city_code(plan.code),
        )
        depts.units.append(dept)
        depts.by_key[key] = dept
        depts.templates[dept.id] = template
    for dept, (_, _, _, parent_key) in zip(depts.units, specs, strict=True):
        parent = depts.by_key.get(parent_key) if parent_key else None
        dept.parent_id = parent.id if parent else None
    police = depts.by_key["police"]
    for j, district in enumerate(plan.districts, start=len(specs) + 1):
        sub = Dept(
            id=f"{plan.code}-D{j:03d}",
            key="sub_bureau",
            name=POLICE_SUB_BUREAU.format(c=plan.name, d=district.name),
            level=DeptLevel.district,
            sector="公安",
            parent_id=police.id,
            city=plan.code,
            maturity=rnd.betavariate(2.4, 1.7),
            division_code=district_code(plan.code, district.name, j - len(specs) - 1),
        )
        depts.sub_bureaus.append(sub)
    return depts
