"""Data flows: who gives data to whom, how and how often.

Departments share according to their ``sharing`` profile: ``open`` ones send data to the
city's data exchange platform and to other departments and receive from them;
``reluctant`` ones only receive (the audit's departments that will not provide data);
``closed`` ones exchange nothing (silo systems). Service systems exchange in real time
with the city's government-service platform. Vertical systems follow their docking state.
Platforms chain city → province → nation; in the audited city the provincial platform
feeds the city's platform only daily, so the city cannot get vertical data in real time.

One invariant keeps the provincial rules exact: nothing flows in real time from the
provincial or national side into a city except the provincial platform → a linked city's
platform, and a vertical never sends to a city system in real time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from interop.generate.catalog import SHARED_DATASETS, VIDEO_FUNCTION, datasets_for
from interop.generate.model import Row, Sys, Tables
from interop.generate.platforms import Platforms
from interop.generate.systems import OFFICE_FUNCTIONS
from interop.schema.enums import FlowMechanism as M
from interop.schema.enums import FlowStatus
from interop.schema.enums import Frequency as F

STYLES: tuple[tuple[M, tuple[F, ...], float], ...] = (
    (M.api, (F.realtime, F.realtime, F.realtime, F.hourly, F.daily), 0.45),
    (M.db_sync, (F.daily, F.daily, F.hourly, F.realtime), 0.25),
    (M.file, (F.daily, F.weekly, F.monthly), 0.15),
    (M.message_queue, (F.realtime,), 0.05),
    (M.manual, (F.monthly, F.adhoc, F.weekly), 0.06),
)
SLOW_STYLES: tuple[tuple[M, tuple[F, ...]], ...] = (
    (M.file, (F.daily, F.weekly, F.monthly)),
    (M.db_sync, (F.daily,)),
    (M.manual, (F.monthly, F.adhoc)),
    (M.api, (F.daily,)),
)
"""Styles with no realtime frequency (what verticals send down to city systems)."""


@dataclass
class FlowWriter:
    """Adds flow rows; a flow's status is left empty (active) as often as it is written."""

    tables: Tables
    rnd: random.Random

    def add(
        self,
        source: str,
        target: str,
        dataset: str | None,
        mechanism: M | None,
        frequency: F | None,
        status: FlowStatus = FlowStatus.active,
    ) -> None:
        written: FlowStatus | None = status
        if status is FlowStatus.active and self.rnd.random() < 0.5:
            written = None
        row: Row = {
            "source_id": source,
            "target_id": target,
            "dataset": dataset,
            "mechanism": mechanism,
            "frequency": frequency,
            "status": written,
        }
        self.tables.add("flows", row)

    def styled(self, source: str, target: str, dataset: str, status: bool = True) -> None:
        """A flow in a random but plausible style; sometimes planned or broken."""
        rnd = self.rnd
        mechanism, frequencies, _ = rnd.choices(STYLES, weights=[s[2] for s in STYLES])[0]
        frequency: F | None = rnd.choice(frequencies)
        written_mechanism: M | None = mechanism
        if rnd.random() < 0.05:
            written_mechanism = None
        if rnd.random() < 0.04:
            frequency = None
        state = FlowStatus.active
        if status:
            r = rnd.random()
            state = FlowStatus.planned if r < 0.05 else FlowStatus.broken if r < 0.09 else state
        self.add(source, target, dataset, written_mechanism, frequency, state)

    def slow(self, source: str, target: str, dataset: str) -> None:
        mechanism, frequencies = self.rnd.choice(SLOW_STYLES)
        self.add(source, target, dataset, mechanism, self.rnd.choice(frequencies))


def _first(systems: list[Sys], function: str) -> Sys | None:
    return next((s for s in systems if s.function == function), None)


def _other_department(receivers: list[Sys], s: Sys, rnd: random.Random) -> Sys | None:
    """A random receiving system of another department (None after a few misses)."""
    for _ in range(8):
        target = rnd.choice(receivers) if receivers else None
        if target is not None and target.dept.id != s.dept.id:
            return target
    return None


def city_flows(tables: Tables, systems: list[Sys], plats: Platforms, rnd: random.Random) -> None:
    """Every flow between a city's systems and its platforms."""
    w = FlowWriter(tables, rnd)
    by_dept: dict[str, list[Sys]] = {}
    for s in systems:
        by_dept.setdefault(s.dept.id, []).append(s)
    receivers = [s for s in systems if s.dept.sharing != "closed" and s.kind != "video"]
    for s in systems:
        dept = s.dept
        if dept.sharing == "closed" or s.kind == "video":
            continue
        odds = (0.92 if dept.sharing == "open" else 0.8) * (0.7 + 0.3 * dept.maturity)
        if dept.is_hospital:
            odds *= 0.5 if s.gov_service else 0.2
        if not s.live:
            odds *= 0.4
        if rnd.random() >= odds:
            if rnd.random() < 0.12:
                w.add(
                    s.id,
                    plats.exchange,
                    rnd.choice(datasets_for(dept.sector)),
                    M.api,
                    F.daily,
                    FlowStatus.planned,
                )
            continue
        crossing = 0
        if dept.sharing == "open":
            if rnd.random() < 0.8:
                w.styled(s.id, plats.exchange, rnd.choice(datasets_for(dept.sector)))
                crossing += 1
            if s.gov_service:
                w.add(s.id, plats.gov, "办件信息", M.api, F.realtime)
                crossing += 1
            if s.function in OFFICE_FUNCTIONS and plats.office:
                w.add(s.id, plats.office, "公文信息", M.api, F.realtime)
                crossing += 1
            if rnd.random() < 0.2:
                target = _other_department(receivers, s, rnd)
                if target is not None:
                    w.styled(s.id, target.id, rnd.choice(datasets_for(dept.sector)))
                    crossing += 1
        if s.gov_service:
            w.add(plats.gov, s.id, "申报信息", M.api, F.realtime)
            crossing += 1
        if crossing == 0 or rnd.random() < 0.45:
            w.styled(plats.exchange, s.id, rnd.choice(SHARED_DATASETS))
    for dept_systems in by_dept.values():
        if len(dept_systems) < 2 or dept_systems[0].dept.sharing == "closed":
            continue
        for s in dept_systems:
            if rnd.random() < 0.25:
                target = rnd.choice([t for t in dept_systems if t is not s])
                w.add(s.id, target.id, "内部业务数据", M.db_sync, F.daily)
    _hospital_flows(w, systems, by_dept, rnd)
    _video_flows(w, systems, plats)


def _hospital_flows(
    w: FlowWriter, systems: list[Sys], by_dept: dict[str, list[Sys]], rnd: random.Random
) -> None:
    """HIS ⇄ the medical insurance settlement system, HIS → the city health platform."""
    settlement = _first(systems, "医保结算")
    health = _first(systems, "全民健康信息平台")
    for dept_systems in by_dept.values():
        dept = dept_systems[0].dept
        if not dept.is_hospital or dept.sharing == "closed":
            continue
        his = _first(dept_systems, "医院信息系统(HIS)") or dept_systems[0]
        emr = _first(dept_systems, "电子病历(EMR)") or his
        if settlement:
            w.add(settlement.id, his.id, "医保目录信息", M.api, F.daily)
        if dept.sharing == "open":
            if settlement:
                w.add(his.id, settlement.id, "医保结算信息", M.api, F.realtime)
            if health:
                w.styled(his.id, health.id, "诊疗记录")
            if rnd.random() < 0.5:
                lis = _first(dept_systems, "实验室信息系统(LIS)")
                if lis and health:
                    w.add(lis.id, health.id, "检验检查结果", M.db_sync, F.daily)
        elif health:
            w.add(health.id, emr.id, "居民电子健康档案", M.api, F.realtime)


def _video_flows(w: FlowWriter, systems: list[Sys], plats: Platforms) -> None:
    """Sub-bureau video → city police video → video sharing platform; traffic and urban
    management share too; water, metro and health keep their footage to themselves."""
    videos = {s.dept.key: s for s in systems if s.kind == "video" and s.function == VIDEO_FUNCTION}
    police = videos.get("police")
    for s in systems:
        if s.kind == "video" and s.dept.key == "sub_bureau" and police:
            w.add(s.id, police.id, "视频资源", M.api, F.realtime)
    if plats.video:
        for key in ("police", "traffic", "urban"):
            if key in videos:
                w.add(videos[key].id, plats.video, "视频资源", M.api, F.realtime)


def vertical_flows(
    tables: Tables,
    verticals: list[Sys],
    docking: dict[str, str],
    city_systems: list[Sys],
    province: Platforms,
    national: Platforms,
    rnd: random.Random,
) -> None:
    """Flows of the vertical systems, following their docking state."""
    w = FlowWriter(tables, rnd)
    by_dept: dict[str, list[Sys]] = {}
    for s in city_systems:
        if s.kind != "video":
            by_dept.setdefault(s.dept.id, []).append(s)
    for v in verticals:
        state = docking.get(v.id)
        users = [s for user in v.row["user_ids"] for s in by_dept.get(user, [])]
        if state == "docked":
            if v.row["level"].value == "national_vertical" and rnd.random() < 0.5:
                w.add(v.id, national.gov, "办件信息", M.api, F.realtime)
            else:
                w.add(v.id, province.gov, "办件信息", M.api, F.realtime)
            if rnd.random() < 0.5:
                w.add(province.gov, v.id, "申报信息", M.api, F.realtime)
        elif state == "daily":
            if rnd.random() < 0.5:
                w.add(v.id, province.gov, "办件信息", M.db_sync, F.daily)
            else:
                w.add(v.id, province.exchange, "业务数据", M.file, F.daily)
            if rnd.random() < 0.3:
                w.add(v.id, province.gov, "办件信息", M.api, F.realtime, FlowStatus.planned)
        elif state == "none":
            r = rnd.random()
            if r < 0.4:
                w.add(v.id, province.gov, "办件信息", M.api, F.realtime, FlowStatus.planned)
            elif r < 0.6:
                w.add(v.id, province.gov, "办件信息", M.api, F.realtime, FlowStatus.broken)
        if not users:
            continue
        for user in rnd.sample(users, min(2, len(users))):
            sharing = user.dept.sharing
            if state != "none" and sharing != "closed" and rnd.random() < 0.6:
                w.slow(v.id, user.id, v.function + "数据")
            if sharing == "open" and rnd.random() < 0.5:
                w.add(user.id, v.id, v.function + "上报数据", M.file, F.daily)


def platform_flows(
    tables: Tables,
    national: Platforms,
    province: Platforms,
    cities: list[tuple[bool, Platforms]],
    rnd: random.Random,
) -> None:
    """Platform to platform: nation ⇄ province ⇄ cities. ``cities``: (linked, platforms)."""
    w = FlowWriter(tables, rnd)
    w.add(province.gov, national.gov, "办件信息", M.api, F.realtime)
    w.add(national.gov, province.gov, "统一身份认证信息", M.api, F.realtime)
    w.add(province.exchange, national.exchange, "共享数据", M.db_sync, F.daily)
    w.add(national.exchange, province.exchange, "国家基础数据", M.db_sync, F.daily)
    w.add(province.gov, province.exchange, "办件信息", M.api, F.realtime)
    w.add(province.exchange, province.gov, "电子证照信息", M.api, F.realtime)
    for linked, city in cities:
        w.add(city.gov, province.gov, "办件信息", M.api, F.realtime)
        if linked:
            w.add(province.gov, city.gov, "垂直系统办件信息", M.api, F.realtime)
        else:
            w.add(province.gov, city.gov, "垂直系统办件信息", M.db_sync, F.daily)
        w.add(city.gov, city.exchange, "办件信息", M.api, F.realtime)
        w.add(city.exchange, city.gov, "电子证照信息", M.api, F.realtime)
        w.add(city.exchange, province.exchange, "共享数据", M.db_sync, F.daily)
        w.add(province.exchange, city.exchange, "省级共享数据", M.file, F.daily)
