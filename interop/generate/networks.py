"""Networks and their sanctioned interconnections (network_links).

Each city has the two networks the state requires (电子政务外网 extranet, 电子政务内网
intranet), the legacy 电子政务专网 (egov_private) on which many applications still sit,
departmental 业务专网 (industry_private), 视频专网 (video_private) of the camera owners, and
each hospital's own network. Some private networks are linked to the extranet through a
security isolation gateway (网闸) or a boundary platform; others are linked to nothing, or
only to other private networks (the police networks), which the audit calls isolated.
Provinces and the nation add their extranets and the private networks of vertical systems.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from interop.generate.model import Dept, Row, Tables
from interop.generate.names import NATIONAL_CODE, PROVINCES
from interop.generate.plan import CityPlan
from interop.schema.enums import NetworkKind as K

GATEWAY = "安全隔离网闸"


@dataclass(frozen=True)
class NetSpec:
    key: str
    name: str
    kind: K
    owner: str | None
    link_to: str | None = None
    """Key of the network it is linked to (None: linked to nothing)."""
    mechanism: str = GATEWAY
    optional_link: bool = True
    """Outside the audited city the link exists only with some probability."""


CITY_NETWORKS: tuple[NetSpec, ...] = (
    NetSpec(
        "extranet",
        "{c}市电子政务外网",
        K.extranet,
        "zwfw",
        "province_extranet",
        "省市级联",
        optional_link=False,
    ),
    NetSpec("intranet", "{c}市电子政务内网", K.intranet, "party_office"),
    NetSpec("egov", "{c}市电子政务专网", K.egov_private, "zwfw", "extranet"),
    NetSpec("wireless", "{c}市无线政务专网", K.egov_private, "zwfw"),
    NetSpec(
        "police_net",
        "{c}市公安信息网",
        K.industry_private,
        "police",
        "national_police",
        "公安信息网专线",
        optional_link=False,
    ),
    NetSpec(
        "police_video",
        "{c}市公安视频专网",
        K.video_private,
        "police",
        "police_net",
        "视频安全接入平台",
        optional_link=False,
    ),
    NetSpec(
        "traffic_video",
        "{c}市交管视频专网",
        K.video_private,
        "traffic",
        "police_video",
        "视频专网边界平台",
        optional_link=False,
    ),
    NetSpec("urban_video", "{c}市城管视频专网", K.video_private, "urban", "extranet"),
    NetSpec("water_net", "{c}市水务业务专网", K.industry_private, "water"),
    NetSpec("water_video", "{c}市水务视频专网", K.video_private, "water", "water_net", "防火墙"),
    NetSpec("metro_video", "{c}地铁视频专网", K.video_private, "metro"),
    NetSpec("health_net", "{c}市卫生健康专网", K.industry_private, "health", "extranet"),
    NetSpec("health_video", "{c}市卫健视频专网", K.video_private, "health", "health_net", "防火墙"),
    NetSpec("hrss_net", "{c}市人社业务专网", K.industry_private, "hrss", "extranet"),
    NetSpec(
        "medins_net",
        "{c}市医保业务专网",
        K.industry_private,
        "medins",
        "province_medins_net",
        "医保专线",
    ),
    NetSpec("nr_net", "{c}市不动产登记专网", K.industry_private, "nr"),
    NetSpec("finance_net", "{c}市财政业务专网", K.industry_private, "finance", "extranet"),
    NetSpec(
        "emergency_net",
        "{c}市应急指挥专网",
        K.industry_private,
        "emergency",
        "extranet",
        "边界安全接入平台",
    ),
    NetSpec("edu_net", "{c}市教育城域网", K.industry_private, "edu", "internet", "防火墙"),
    NetSpec("transport_net", "{c}市交通运输业务专网", K.industry_private, "transport", "extranet"),
    NetSpec("fund_net", "{c}住房公积金业务专网", K.industry_private, "fund"),
    NetSpec("court_net", "{c}市法院专网", K.industry_private, "court"),
    NetSpec("procuratorate_net", "{c}市检察专网", K.industry_private, "procuratorate"),
    NetSpec("civildef_net", "{c}市人防指挥专网", K.industry_private, "civildef"),
)

UNIT_PRIVATE_NET: dict[str, str] = {
    "police": "police_net",
    "traffic": "police_net",
    "water": "water_net",
    "health": "health_net",
    "hrss": "hrss_net",
    "medins": "medins_net",
    "nr": "nr_net",
    "finance": "finance_net",
    "emergency": "emergency_net",
    "edu": "edu_net",
    "transport": "transport_net",
    "fund": "fund_net",
    "court": "court_net",
    "procuratorate": "procuratorate_net",
    "civildef": "civildef_net",
    "emergency_center": "health_net",
    "cdc": "health_net",
    "blood": "health_net",
}
"""The departmental private network each unit deploys some of its systems on."""

VIDEO_NET: dict[str, str] = {
    "police": "police_video",
    "sub_bureau": "police_video",
    "traffic": "traffic_video",
    "urban": "urban_video",
    "water": "water_video",
    "metro": "metro_video",
    "health": "health_video",
}
"""The video network of each camera owner."""

HOSPITAL_LINK_SHARE = 0.6
"""Share of hospital networks linked to the health network (and so to the extranet)."""


@dataclass
class NetIndex:
    """Network ids by key: national and provincial ones, a city's, each hospital's."""

    ids: dict[str, str] = field(default_factory=dict)
    hospital: dict[str, str] = field(default_factory=dict)
    """Hospital department id -> its network id."""

    def get(self, key: str) -> str | None:
        return self.ids.get(key)


def _network(tables: Tables, net_id: str, name: str, kind: K, owner: Dept | None) -> None:
    tables.add(
        "networks",
        {"id": net_id, "name": name, "kind": kind, "owner_id": owner.id if owner else None},
    )


def _link(tables: Tables, a: str, b: str, mechanism: str | None) -> None:
    row: Row = {"network_a": a, "network_b": b, "mechanism": mechanism}
    tables.add("network_links", row)


def national_networks(tables: Tables, national: dict[str, Dept]) -> NetIndex:
    """国家电子政务外网, the Internet, and the national police network."""
    index = NetIndex()
    specs = (
        ("national_extranet", "国家电子政务外网", K.extranet, national["ndrc"]),
        ("internet", "互联网", K.internet, None),
        ("national_police", "全国公安信息网", K.industry_private, national["police"]),
    )
    for i, (key, name, kind, owner) in enumerate(specs, start=1):
        index.ids[key] = f"{NATIONAL_CODE}-N{i:02d}"
        _network(tables, index.ids[key], name, kind, owner)
    return index


def provincial_networks(
    tables: Tables, province: str, bodies: dict[str, Dept], national: NetIndex
) -> NetIndex:
    """A province's extranet and the private networks its vertical systems run on."""
    pname = PROVINCES[province]
    index = NetIndex(ids=dict(national.ids))
    specs = (
        (
            "province_extranet",
            "{p}电子政务外网",
            K.extranet,
            "zwfw",
            "national_extranet",
            "国家省级联",
        ),
        (
            "province_hrss_net",
            "{p}人社业务专网",
            K.industry_private,
            "hrss",
            "province_extranet",
            GATEWAY,
        ),
        ("province_medins_net", "{p}医保业务专网", K.industry_private, "medins", None, None),
        (
            "province_police_net",
            "{p}公安信息网",
            K.industry_private,
            "police",
            "national_police",
            "公安信息网专线",
        ),
    )
    for i, (key, name, kind, owner, link_to, mechanism) in enumerate(specs, start=1):
        index.ids[key] = f"{province}-N{i:02d}"
        _network(tables, index.ids[key], name.format(p=pname), kind, bodies[owner])
        if link_to:
            _link(tables, index.ids[key], index.ids[link_to], mechanism)
    return index


def city_networks(
    tables: Tables,
    plan: CityPlan,
    units: dict[str, Dept],
    hospitals: list[Dept],
    province: NetIndex,
    rnd: random.Random,
) -> NetIndex:
    """A city's networks and links; a network whose owner the city lacks is left out."""
    index = NetIndex(ids=dict(province.ids))
    n = 0
    for spec in CITY_NETWORKS:
        owner = units.get(spec.owner) if spec.owner else None
        if spec.owner and owner is None:
            owner = units.get("govoffice") if spec.key == "intranet" else None
            if owner is None:
                continue
        n += 1
        index.ids[spec.key] = f"{plan.code}-N{n:02d}"
        _network(tables, index.ids[spec.key], spec.name.format(c=plan.name), spec.kind, owner)
    for spec in CITY_NETWORKS:
        if spec.key not in index.ids or spec.link_to is None:
            continue
        target = index.ids.get(spec.link_to)
        if target is None:
            continue
        if not plan.is_wuhan and spec.optional_link and rnd.random() < 0.3:
            continue
        _link(tables, index.ids[spec.key], target, spec.mechanism)
    health_net = index.ids.get("health_net")
    for hospital in hospitals:
        n += 1
        net_id = f"{plan.code}-N{n:02d}"
        index.hospital[hospital.id] = net_id
        _network(tables, net_id, f"{hospital.name}院内网", K.industry_private, hospital)
        if health_net and rnd.random() < HOSPITAL_LINK_SHARE:
            _link(tables, net_id, health_net, "卫生健康专网专线")
    return index
