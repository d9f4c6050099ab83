"""Shared platforms: national, provincial and city government-service platforms, data
sharing and exchange platforms, the city's collaborative office and video sharing platforms.
"""

from __future__ import annotations

from dataclasses import dataclass

from interop.generate.model import Dept, Tables
from interop.generate.names import NATIONAL_CODE, PROVINCES
from interop.generate.networks import NetIndex
from interop.generate.plan import CityPlan
from interop.schema.enums import DeptLevel
from interop.schema.enums import PlatformKind as K


@dataclass(frozen=True)
class Platforms:
    """Platform ids of one level: gov_service and data_exchange, office and video if any."""

    gov: str
    exchange: str
    office: str | None = None
    video: str | None = None


def _platform(
    tables: Tables,
    pid: str,
    name: str,
    kind: K,
    level: DeptLevel,
    owner: Dept | None,
    networks: list[str | None],
) -> str:
    tables.add(
        "platforms",
        {
            "id": pid,
            "name": name,
            "kind": kind,
            "level": level,
            "owner_id": owner.id if owner else None,
            "network_ids": [n for n in networks if n],
        },
    )
    return pid


def national_platforms(tables: Tables, bodies: dict[str, Dept], nets: NetIndex) -> Platforms:
    """国家政务服务平台 and 国家数据共享交换平台."""
    c = NATIONAL_CODE
    level = DeptLevel.national
    ext, web = nets.get("national_extranet"), nets.get("internet")
    return Platforms(
        gov=_platform(
            tables, f"{c}-P01", "国家政务服务平台", K.gov_service, level, bodies["gov"], [ext, web]
        ),
        exchange=_platform(
            tables,
            f"{c}-P02",
            "国家数据共享交换平台",
            K.data_exchange,
            level,
            bodies["ndrc"],
            [ext],
        ),
    )


def provincial_platforms(
    tables: Tables, province: str, bodies: dict[str, Dept], nets: NetIndex
) -> Platforms:
    """The province's government-service platform and data sharing and exchange platform."""
    pname = PROVINCES[province]
    level = DeptLevel.provincial
    ext, web = nets.get("province_extranet"), nets.get("internet")
    return Platforms(
        gov=_platform(
            tables,
            f"{province}-P01",
            f"{pname}政务服务平台",
            K.gov_service,
            level,
            bodies["zwfw"],
            [ext, web],
        ),
        exchange=_platform(
            tables,
            f"{province}-P02",
            f"{pname}数据共享交换平台",
            K.data_exchange,
            level,
            bodies["zwfw"],
            [ext],
        ),
    )


def city_platforms(
    tables: Tables, plan: CityPlan, units: dict[str, Dept], nets: NetIndex
) -> Platforms:
    """The city's government-service, data exchange, collaborative office and video platforms."""
    c, name = plan.code, plan.name
    level = DeptLevel.municipal
    ext, web = nets.get("extranet"), nets.get("internet")
    zwfw = units["zwfw"]
    video_owner = units.get("politics_law", zwfw)
    return Platforms(
        gov=_platform(
            tables, f"{c}-P01", f"{name}市政务服务平台", K.gov_service, level, zwfw, [ext, web]
        ),
        exchange=_platform(
            tables, f"{c}-P02", f"{name}市数据共享交换平台", K.data_exchange, level, zwfw, [ext]
        ),
        office=_platform(
            tables,
            f"{c}-P03",
            f"{name}市协同办公平台",
            K.office,
            level,
            units.get("govoffice", zwfw),
            [ext],
        ),
        video=_platform(
            tables, f"{c}-P04", f"{name}市视频共享平台", K.video_sharing, level, video_owner, [ext]
        ),
    )
