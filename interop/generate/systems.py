"""The information systems each city department builds, with money, dates, modules, usage,
security grades and deployment, and the rebuilt pairs (a new system replacing an old one).

Problems are drawn, not planted one by one: a department's ``maturity`` (0–1) raises or
lowers the odds of idle and unused systems, low utilization, missing security grades and
deployment on private networks, so that a city of the audited size shows every problem of
the article in plausible numbers, beside a majority of systems that are fine.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from interop.generate.catalog import (
    COMMON_CATALOGUE,
    HOSPITAL_CATALOGUE,
    HOSPITAL_FIRST,
    KIND_PROFILES,
    PHASES,
    SUB_BUREAU_VIDEO,
    UNIT_CATALOGUE,
    VIDEO_FUNCTION,
    SystemTemplate,
)
from interop.generate.departments import CityDepts
from interop.generate.model import AS_OF, Dept, Row, Sys, Tables
from interop.generate.networks import UNIT_PRIVATE_NET, VIDEO_NET, NetIndex
from interop.generate.plan import CityPlan, largest_remainder
from interop.schema.enums import Status, SystemLevel

FIRST_YEAR, LAST_GO_LIVE = 2008, date(2020, 11, 30)
CAMERA_OWNERS = ("police", "traffic", "urban", "water", "metro", "health")
OFFICE_FUNCTIONS = frozenset({"协同办公(OA)", "公文交换", "移动办公", "机要文电"})
COMMON_ODDS: dict[str, float] = {
    "协同办公(OA)": 0.45,
    "门户网站": 0.3,
    "档案管理": 0.12,
    "视频会议": 0.1,
    "财务管理": 0.12,
    "移动办公": 0.08,
    "行政审批": 0.1,
}
HOSPITAL_COMMONS = {"协同办公(OA)": 0.5, "门户网站": 0.6, "财务管理": 0.2}
REBUILD_ODDS = 0.14
UNGRADED_BASE, UNGRADED_SPREAD = 0.04, 0.35


def allocate(total: int, weights: list[float], minimum: int = 1) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainders), each part at least ``minimum``."""
    spare = total - minimum * len(weights)
    if spare < 0:
        raise ValueError(f"cannot give {len(weights)} departments {minimum} system(s) each")
    return [c + minimum for c in largest_remainder(spare, weights)]


def random_day(rnd: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rnd.randint(0, max(0, (last - first).days)))


YEARS = tuple(range(FIRST_YEAR, LAST_GO_LIVE.year + 1))
YEAR_CUMULATIVE = tuple(itertools.accumulate(y - FIRST_YEAR + 3 for y in YEARS))


def go_live_day(rnd: random.Random) -> date:
    """A go-live date 2008–2020, later years likelier (the building boom of the 2010s)."""
    year = rnd.choices(YEARS, cum_weights=YEAR_CUMULATIVE)[0]
    return random_day(rnd, date(year, 1, 1), min(date(year, 12, 31), LAST_GO_LIVE))


def money(value: float) -> float:
    """Round 万元 the way a questionnaire states them."""
    if value >= 1000:
        return float(round(value / 10) * 10)
    if value >= 100:
        return float(round(value))
    return round(value, 1)


@dataclass
class Usage:
    """Forced usage figures (rebuilt pairs); None fields are drawn."""

    status: Status | None = None
    go_live: date | None = None
    utilization: float | None = None


@dataclass
class SystemFactory:
    """Builds the systems of one city, numbering them ``<city>-S0001`` onwards."""

    plan: CityPlan
    depts: CityDepts
    nets: NetIndex
    rnd: random.Random
    tables: Tables
    systems: list[Sys] = field(default_factory=list)
    rebuilt: list[tuple[str, str]] = field(default_factory=list)
    """(new id, old id) of every replacement."""

    # -- attributes -------------------------------------------------------------------
    def _status(self, dept: Dept) -> Status:
        r = self.rnd.random()
        idle = 0.01 + 0.03 * (1 - dept.maturity)
        if r < idle:
            return Status.idle
        if r < idle + 0.03:
            return Status.building
        if r < idle + 0.04:
            return Status.retired
        return Status.in_use

    def _modules(
        self, dept: Dept, status: Status, forced: float | None
    ) -> tuple[int | None, int | None]:
        rnd = self.rnd
        if forced is None and rnd.random() < 0.06:
            return None, None
        total = max(3, round(rnd.lognormvariate(math.log(11), 0.55)))
        if forced is not None:
            used = math.floor(total * forced) if forced < 0.5 else math.ceil(total * forced)
            return total, used
        if status is Status.building or rnd.random() < 0.03:
            return total, None
        if rnd.random() < 0.04 + 0.12 * (1 - dept.maturity):
            return total, math.floor(total * rnd.uniform(0.04, 0.28))
        share = rnd.betavariate(6, 2)
        return total, min(total, max(math.ceil(0.3 * total), round(total * share)))

    def _usage(
        self, dept: Dept, kind: str, status: Status, go_live: date | None
    ) -> tuple[int | None, date | None]:
        """(monthly active users, last used) as the questionnaire reports them."""
        rnd = self.rnd
        profile = KIND_PROFILES[kind]
        if status is Status.building:
            return None, None
        if status is Status.idle:
            last = AS_OF - timedelta(days=rnd.randint(200, 1800))
            if go_live and last < go_live:
                last = go_live + timedelta(days=rnd.randint(5, 60))
            return (0 if rnd.random() < 0.6 else None), (last if rnd.random() < 0.8 else None)
        if status is Status.retired:
            return None, AS_OF - timedelta(days=rnd.randint(400, 1500))
        young = go_live is not None and (AS_OF - go_live).days < 220
        if rnd.random() < 0.01 + 0.04 * (1 - dept.maturity):
            if young or rnd.random() < 0.5:
                return 0, None if young else AS_OF - timedelta(days=rnd.randint(35, 170))
            last = AS_OF - timedelta(days=rnd.randint(190, 900))
            if go_live and last < go_live:
                last = go_live + timedelta(days=30)
            return 0, last
        low, high = profile.users_low, profile.users_high
        users = round(math.exp(rnd.uniform(math.log(low), math.log(high))))
        users = max(1, round(users * (0.5 + dept.maturity)))
        mau = None if rnd.random() < 0.08 else users
        last_used = None if rnd.random() < 0.05 else AS_OF - timedelta(days=rnd.randint(0, 14))
        return mau, last_used

    def _grade(self, dept: Dept, kind: str) -> int | None:
        rnd = self.rnd
        odds = UNGRADED_BASE + UNGRADED_SPREAD * (1 - dept.maturity) ** 2
        if dept.is_hospital:
            odds += 0.08
        if rnd.random() < odds:
            return None
        grade = KIND_PROFILES[kind].graded
        if dept.sector == "公安" and kind == "core" and rnd.random() < 0.15:
            return 4
        if grade == 3 and rnd.random() < 0.15:
            return 2
        return grade

    def _networks(self, dept: Dept, template: SystemTemplate, unit_key: str) -> list[str]:
        rnd, ids = self.rnd, self.nets.ids
        ext, intra, egov, web = (ids.get(k) for k in ("extranet", "intranet", "egov", "internet"))
        kind = template.kind

        def keep(*nets: str | None) -> list[str]:
            return [n for n in nets if n]

        if kind == "video":
            video = ids.get(VIDEO_NET.get(dept.key, ""))
            return keep(video or egov)
        if dept.is_hospital:
            lan = self.nets.hospital.get(dept.id)
            if kind in ("service", "portal"):
                return keep(web) if rnd.random() < 0.6 else keep(lan, web)
            return keep(lan) if rnd.random() < 0.85 else keep(lan, ext)
        if rnd.random() < 0.04:
            return []
        if kind == "portal":
            return keep(web) if rnd.random() < 0.7 else keep(web, ext)
        template_of_unit = self.depts.templates.get(dept.id)
        p_egov = 0.06 + 0.28 * (1 - dept.maturity)
        r = rnd.random()
        if template_of_unit is not None and template_of_unit.intranet:
            if r < 0.7:
                return keep(intra)
            return keep(egov) if r < 0.7 + p_egov / 2 else keep(ext)
        private = ids.get(UNIT_PRIVATE_NET.get(unit_key, ""))
        if private and r < 0.4:
            return keep(private) if rnd.random() < 0.8 else keep(private, ext)
        r = rnd.random()
        if template.gov_service:
            return keep(ext, web) if r > p_egov / 2 else keep(egov)
        if r < p_egov:
            return keep(egov)
        if r < p_egov + 0.08:
            return keep(egov, ext)
        return keep(ext)

    # -- one system -------------------------------------------------------------------
    def make(
        self,
        dept: Dept,
        template: SystemTemplate,
        name: str,
        level: SystemLevel,
        unit_key: str,
        usage: Usage | None = None,
    ) -> Sys:
        rnd = self.rnd
        usage = usage or Usage()
        status = usage.status or self._status(dept)
        go_live = usage.go_live
        if go_live is None and status is not Status.building:
            go_live = go_live_day(rnd)
        profile = KIND_PROFILES[template.kind]
        cost = rnd.lognormvariate(math.log(profile.cost_median), profile.cost_sigma)
        if dept.sector == "公安" and template.kind == "video" and dept.key == "police":
            cost *= 6
        build_cost = None if rnd.random() < 0.05 else money(max(3.0, cost))
        om = None
        if build_cost is not None and rnd.random() > 0.1:
            om = money(build_cost * rnd.uniform(0.06, 0.15))
        total, used = self._modules(dept, status, usage.utilization)
        mau, last_used = self._usage(dept, template.kind, status, go_live)
        gov = template.gov_service if (template.gov_service or rnd.random() > 0.15) else None
        networks = self._networks(dept, template, unit_key)
        number = len(self.systems) + 1
        written_level: SystemLevel | None = level
        if level is SystemLevel.municipal and rnd.random() < 0.4:
            written_level = None
        row: Row = {
            "id": f"{self.plan.code}-S{number:04d}",
            "name": name,
            "owner_id": dept.id,
            "level": written_level,
            "user_ids": [],
            "function": template.function,
            "network_ids": networks,
            "gov_service": gov,
            "status": status if (status is not Status.in_use or rnd.random() < 0.75) else None,
            "go_live": go_live,
            "build_cost": build_cost,
            "annual_om_cost": om,
            "modules_total": total,
            "modules_used": used,
            "monthly_active_users": mau,
            "last_used": last_used,
            "security_grade": self._grade(dept, template.kind),
            "replaces_id": None,
        }
        system = Sys(row, dept, template.kind, template.function, networks)
        self.systems.append(system)
        self.tables.add("systems", row)
        return system

    # -- a department's portfolio -----------------------------------------------------
    def _portfolio(self, dept: Dept, n: int) -> list[tuple[SystemTemplate, str]]:
        """(template, name) of the ``n`` systems a unit owns, its own business first."""
        rnd = self.rnd
        unit = dept.name
        city = self.plan.name
        template = self.depts.templates[dept.id]
        subordinate = dept.key.startswith("sub:")
        if dept.is_hospital:
            rest = list(HOSPITAL_CATALOGUE[HOSPITAL_FIRST:])
            rnd.shuffle(rest)
            domain = list(HOSPITAL_CATALOGUE[:HOSPITAL_FIRST]) + rest
            odds = HOSPITAL_COMMONS
        else:
            domain = [
                t
                for t in UNIT_CATALOGUE.get(template.key, ())
                if not (subordinate and t.kind == "video")
            ]
            if subordinate:
                rnd.shuffle(domain)
            odds = COMMON_ODDS
        chosen = [t for t in COMMON_CATALOGUE if rnd.random() < odds.get(t.function, 0)]
        spare = [t for t in COMMON_CATALOGUE if t not in chosen and t.function in odds]

        def named(t: SystemTemplate) -> str:
            if subordinate and t.name.startswith("{c}"):
                return f"{unit}{t.function}系统"
            return t.name.format(c=city, u=unit)

        out = [(t, named(t)) for t in domain + chosen]
        phase_pool = [t for t in domain if t.kind != "video"] or domain or chosen or spare
        round_ = 0
        while len(out) < n:
            for t in phase_pool:
                suffix = PHASES[round_ % len(PHASES)]
                if round_ >= len(PHASES):
                    suffix = f"(第{round_ + 2}期)"
                out.append((t, named(t) + suffix))
            round_ += 1
            if round_ == 2:
                out += [(t, named(t)) for t in spare]
        return out[:n]

    def _rebuilt_pair(self, dept: Dept, template: SystemTemplate, name: str, key: str) -> None:
        """A new system and the old one it replaced (sometimes barely used, sometimes not)."""
        rnd = self.rnd
        r = rnd.random()
        if r < 0.45:  # rebuilt within three years while the old one was mostly unused
            old_live = random_day(rnd, date(2011, 1, 1), date(2017, 6, 30))
            new_live = old_live + timedelta(days=rnd.randint(300, 1050))
            old_use = rnd.uniform(0.08, 0.45)
        elif r < 0.65:  # rebuilt quickly, but the old one was well used
            old_live = random_day(rnd, date(2011, 1, 1), date(2017, 6, 30))
            new_live = old_live + timedelta(days=rnd.randint(400, 1000))
            old_use = rnd.uniform(0.55, 0.95)
        else:  # replaced after a normal life
            old_live = random_day(rnd, date(2008, 1, 1), date(2012, 12, 31))
            new_live = old_live + timedelta(days=rnd.randint(1500, 2800))
            old_use = rnd.uniform(0.2, 0.9)
        new = self.make(
            dept, template, name, SystemLevel.municipal, key, Usage(Status.in_use, new_live)
        )
        old_status = Status.retired if rnd.random() < 0.7 else Status.in_use
        old = self.make(
            dept,
            template,
            name + "(旧版)",
            SystemLevel.municipal,
            key,
            Usage(old_status, old_live, old_use),
        )
        new.row["replaces_id"] = old.id
        self.rebuilt.append((new.id, old.id))

    def unit_systems(self, dept: Dept, n: int) -> None:
        """The ``n`` systems of one municipal unit (a rebuilt pair counts two)."""
        key = self.depts.templates[dept.id].key
        portfolio = self._portfolio(dept, n)
        pair_at = None
        if n >= 3 and self.rnd.random() < REBUILD_ODDS:
            choices = [i for i, (t, _) in enumerate(portfolio[: n - 1]) if t.kind != "video"]
            pair_at = self.rnd.choice(choices) if choices else None
        for i, (template, name) in enumerate(portfolio):
            if pair_at is not None and i == n - 1:
                break
            if i == pair_at:
                self._rebuilt_pair(dept, template, name, key)
            else:
                self.make(dept, template, name, SystemLevel.municipal, key)

    def sub_bureau_video(self, dept: Dept) -> Sys:
        name = SUB_BUREAU_VIDEO.name.format(u=dept.name)
        return self.make(dept, SUB_BUREAU_VIDEO, name, SystemLevel.district, "sub_bureau")

    def video_systems(self) -> dict[str, str]:
        """Department id -> id of its video surveillance system (the first one it owns)."""
        out: dict[str, str] = {}
        for system in self.systems:
            if system.function == VIDEO_FUNCTION and system.kind == "video":
                out.setdefault(system.dept.id, system.id)
        return out


def city_systems(
    plan: CityPlan,
    depts: CityDepts,
    nets: NetIndex,
    tables: Tables,
    rnd: random.Random,
    total: int,
) -> SystemFactory:
    """Every system built by the city's departments: ``total`` of them."""
    factory = SystemFactory(plan, depts, nets, rnd, tables)
    units_total = total - len(depts.sub_bureaus)
    weights = [
        depts.templates[d.id].weight * (0.6 if d.key.startswith("sub:") else 1.0)
        for d in depts.units
    ]
    for dept, n in zip(depts.units, allocate(units_total, weights), strict=True):
        factory.unit_systems(dept, n)
    for sub in depts.sub_bureaus:
        factory.sub_bureau_video(sub)
    return factory
