"""The audited city's headline figures and the shape of what it holds."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np

from interop.generate.names import WUHAN_BOX
from interop.geo import to_wgs84
from interop.inventory.model import Inventory
from interop.schema.enums import DeptLevel, NetworkKind, PlatformKind, Status, SystemLevel

VERTICAL = {SystemLevel.provincial_vertical, SystemLevel.national_vertical}


def test_ninety_municipal_budget_units(inventory_zh: Inventory) -> None:
    levels = Counter(d.level for d in inventory_zh.departments)
    assert levels[DeptLevel.municipal] == 90
    assert levels[DeptLevel.district] >= 13  # police sub-bureaus, in addition
    assert levels[DeptLevel.provincial] > 0 and levels[DeptLevel.national] > 0


def test_police_sub_bureaus_report_to_the_city_bureau(inventory_zh: Inventory) -> None:
    by_id = {d.id: d for d in inventory_zh.departments}
    subs = [d for d in inventory_zh.departments if d.level is DeptLevel.district]
    assert subs and all(d.name.endswith("分局") for d in subs)
    assert {by_id[d.parent_id].name for d in subs} == {"武汉市公安局"}


def test_637_systems_and_30_plus_verticals_with_city_users(inventory_zh: Inventory) -> None:
    systems = inventory_zh.systems
    assert len(systems) == 637
    municipal = {d.id for d in inventory_zh.departments if d.level is DeptLevel.municipal}
    verticals = [s for s in systems if s.level in VERTICAL and s.user_ids]
    assert len(verticals) >= 30
    assert all(set(s.user_ids) <= municipal for s in verticals)
    owners = {s.owner_id for s in systems if s.level not in VERTICAL}
    assert municipal <= owners  # every budget unit reported at least one system


def test_systems_look_like_a_real_city(inventory_zh: Inventory) -> None:
    systems = [s for s in inventory_zh.systems if s.level not in VERTICAL]
    go_live = [s.go_live for s in systems if s.go_live]
    assert min(go_live) >= date(2008, 1, 1) and max(go_live) <= date(2020, 12, 31)
    costs = sorted(s.build_cost for s in systems if s.build_cost is not None)
    assert 20 <= costs[len(costs) // 2] <= 500  # median build cost, 万元
    assert any(s.annual_om_cost for s in systems)
    assert any(s.security_grade is None for s in systems)
    assert {2, 3} <= {s.security_grade for s in systems}
    status = Counter(s.status for s in systems)
    assert status[Status.in_use] > 0.8 * len(systems)
    assert status[Status.idle] and status[Status.building] and status[Status.retired]
    functions = Counter(s.function for s in systems)
    assert {"医院信息系统(HIS)", "实验室信息系统(LIS)", "医学影像系统(PACS)"} <= set(functions)


def test_networks_platforms_and_flows_of_every_kind(inventory_zh: Inventory) -> None:
    assert {n.kind for n in inventory_zh.networks} == set(NetworkKind)
    platforms = {p.name: p for p in inventory_zh.platforms}
    assert platforms["湖北省政务服务平台"].kind is PlatformKind.gov_service
    assert platforms["湖北省政务服务平台"].level is DeptLevel.provincial
    assert platforms["武汉市政务服务平台"].level is DeptLevel.municipal
    assert platforms["武汉市数据共享交换平台"].kind is PlatformKind.data_exchange
    assert {PlatformKind.office, PlatformKind.video_sharing} <= {p.kind for p in platforms.values()}
    flows = inventory_zh.flows
    assert {f.mechanism.value for f in flows if f.mechanism} >= {"api", "db_sync", "file", "manual"}
    assert {f.frequency.value for f in flows if f.frequency} >= {"realtime", "daily", "monthly"}
    assert {f.status.value for f in flows} == {"active", "planned", "broken"}
    mechanisms = {link.mechanism for link in inventory_zh.network_links}
    assert "安全隔离网闸" in mechanisms


def test_cameras_of_every_owner_inside_wuhan(inventory_zh: Inventory) -> None:
    cameras = inventory_zh.cameras
    assert len(cameras) == 6370
    names = {d.id: d.name for d in inventory_zh.departments}
    owners = {names[c.owner_id] for c in cameras}
    for owner in (
        "武汉市公安局",
        "武汉市公安局江岸区分局",
        "武汉市公安局交通管理局",
        "武汉市城市管理执法委员会",
        "武汉市水务局",
        "武汉地铁集团有限公司",
        "武汉市卫生健康委员会",
    ):
        assert owner in owners
    systems = Counter(c.coord_system.value for c in cameras)
    assert systems["gcj02"] > 100 and systems["bd09"] > 100 and systems["wgs84"] > 1000
    lat, lon = to_wgs84(
        np.array([c.lat for c in cameras]),
        np.array([c.lon for c in cameras]),
        np.array([c.coord_system.value for c in cameras]),
    )
    lat_min, lat_max, lon_min, lon_max = WUHAN_BOX
    assert lat.min() >= lat_min and lat.max() <= lat_max
    assert lon.min() >= lon_min and lon.max() <= lon_max
    assert all(c.system_id is None or c.system_id.startswith("4201-S") for c in cameras)
