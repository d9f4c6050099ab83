"""The inventory's tables, declared once as pydantic models (inventory-format v2).

Loaders validate rows against these models; the graph declaration in
:mod:`interop.schema.graph` says which fields become nodes, keys and relationships;
docs/schema.md is generated from both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, field_validator

from interop.schema import values as v
from interop.schema.columns import Column, enum_parser
from interop.schema.enums import (
    CameraStandard,
    CoordSystem,
    DeptLevel,
    FlowMechanism,
    FlowStatus,
    Frequency,
    Hosting,
    NetworkKind,
    PlatformKind,
    Status,
    SystemLevel,
)

Text = Annotated[str, BeforeValidator(v.parse_text)]
Ids = Annotated[list[str], BeforeValidator(v.parse_multi)]
Day = Annotated[date, BeforeValidator(v.parse_date)]
Amount = Annotated[float, BeforeValidator(v.parse_amount)]
Count = Annotated[int, BeforeValidator(v.parse_count)]
Flag = Annotated[bool, BeforeValidator(v.parse_bool)]
Grade = Annotated[int | None, BeforeValidator(v.parse_grade)]
DivisionCode = Annotated[str, BeforeValidator(v.parse_division_code)]
Latitude = Annotated[float, BeforeValidator(v.parse_latitude)]
Longitude = Annotated[float, BeforeValidator(v.parse_longitude)]

ENDPOINTS = ("systems", "platforms")
SHARED_ID = "unique across systems and platforms"


class Record(BaseModel):
    """One validated inventory row. Columns the contract does not name are kept as extras."""

    model_config = ConfigDict(extra="allow", use_enum_values=False, validate_default=False)

    def extras(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Department(Record):
    id: Annotated[Text, Column("部门编码", required=True, doc="unique id")]
    name: Annotated[Text, Column("部门名称", required=True)]
    level: Annotated[DeptLevel, enum_parser(DeptLevel), Column("层级")] = DeptLevel.municipal
    sector: Annotated[Text | None, Column("行业", doc="e.g. 公安, 交管, 卫健, 城管")] = None
    parent_id: Annotated[
        Text | None,
        Column("上级部门", refs=("departments",), doc="supervising department"),
    ] = None
    division_code: Annotated[
        DivisionCode | None,
        Column(
            "行政区划代码",
            since=2,
            lenient=True,
            doc="6-digit GB/T 2260 code of the area served (420100 武汉市); "
            "another value is left out with a warning",
        ),
    ] = None


class Network(Record):
    id: Annotated[Text, Column("网络编码", required=True)]
    name: Annotated[Text, Column("网络名称", required=True)]
    kind: Annotated[NetworkKind, enum_parser(NetworkKind), Column("网络类型", required=True)]
    owner_id: Annotated[
        Text | None, Column("建设部门", refs=("departments",), reject_unknown=True)
    ] = None


class NetworkLink(Record):
    network_a: Annotated[Text, Column("网络A", required=True, refs=("networks",))]
    network_b: Annotated[Text, Column("网络B", required=True, refs=("networks",))]
    mechanism: Annotated[Text | None, Column("互联方式", doc="gateway, 网闸, …")] = None


class Platform(Record):
    id: Annotated[Text, Column("平台编码", required=True, doc=SHARED_ID)]
    name: Annotated[Text, Column("平台名称", required=True)]
    kind: Annotated[PlatformKind, enum_parser(PlatformKind), Column("平台类型", required=True)]
    level: Annotated[DeptLevel, enum_parser(DeptLevel), Column("层级", required=True)]
    owner_id: Annotated[
        Text | None, Column("建设部门", refs=("departments",), reject_unknown=True)
    ] = None
    network_ids: Annotated[Ids, Column("部署网络", refs=("networks",), multi=True)] = []


class System(Record):
    id: Annotated[Text, Column("系统编码", required=True, doc=SHARED_ID)]
    name: Annotated[Text, Column("系统名称", required=True)]
    owner_id: Annotated[
        Text, Column("建设部门", required=True, refs=("departments",), doc="builder and owner")
    ]
    level: Annotated[SystemLevel, enum_parser(SystemLevel), Column("建设层级")] = (
        SystemLevel.municipal
    )
    user_ids: Annotated[
        Ids, Column("使用部门", refs=("departments",), multi=True, doc="city departments using it")
    ] = []
    function: Annotated[Text | None, Column("业务功能", doc="short controlled phrase")] = None
    network_ids: Annotated[Ids, Column("部署网络", refs=("networks",), multi=True)] = []
    gov_service: Annotated[Flag | None, Column("提供政务服务")] = None
    status: Annotated[Status, enum_parser(Status), Column("运行状态")] = Status.in_use
    go_live: Annotated[Day | None, Column("上线日期")] = None
    build_cost: Annotated[Amount | None, Column("建设投资(万元)", doc="10,000 CNY")] = None
    annual_om_cost: Annotated[Amount | None, Column("年运维费用(万元)", doc="10,000 CNY")] = None
    modules_total: Annotated[Count | None, Column("功能模块数")] = None
    modules_used: Annotated[Count | None, Column("在用模块数", doc="≤ modules_total")] = None
    monthly_active_users: Annotated[Count | None, Column("月活跃用户数")] = None
    last_used: Annotated[Day | None, Column("最近使用日期")] = None
    security_grade: Annotated[Grade, Column("等保级别", doc="1–5; empty or 未定级: not graded")] = (
        None
    )
    replaces_id: Annotated[Text | None, Column("替代系统", refs=("systems",))] = None
    hosting: Annotated[
        Hosting | None,
        enum_parser(Hosting),
        Column("部署方式", since=2, doc="government cloud, own machine room, hosted, superior"),
    ] = None
    classified: Annotated[
        Flag | None, Column("是否涉密", since=2, doc="a classified (涉密) system")
    ] = None
    approval_no: Annotated[
        Text | None, Column("立项批复文号", since=2, doc="project approval or filing number")
    ] = None
    acceptance_date: Annotated[Day | None, Column("验收日期", since=2, doc="final acceptance")] = (
        None
    )
    grade_filing_date: Annotated[
        Day | None, Column("等保备案日期", since=2, doc="security grade filed (定级备案)")
    ] = None
    last_assessment: Annotated[
        Day | None, Column("最近等级测评日期", since=2, doc="latest 等级测评")
    ] = None
    crypto_eval_date: Annotated[
        Day | None, Column("最近密评日期", since=2, doc="latest commercial-crypto assessment")
    ] = None
    last_update: Annotated[
        Day | None, Column("最近更新日期", since=2, doc="latest functional update or release")
    ] = None

    @field_validator("modules_used")
    @classmethod
    def _used_within_total(cls, used: int | None, info: ValidationInfo) -> int | None:
        total = info.data.get("modules_total")
        if used is not None and total is not None and used > total:
            raise ValueError(f"larger than modules_total ({total})")
        return used


class Flow(Record):
    source_id: Annotated[Text, Column("数据提供方", required=True, refs=ENDPOINTS)]
    target_id: Annotated[Text, Column("数据接收方", required=True, refs=ENDPOINTS)]
    dataset: Annotated[Text | None, Column("数据资源", doc="what is exchanged")] = None
    mechanism: Annotated[FlowMechanism | None, enum_parser(FlowMechanism), Column("交换方式")] = (
        None
    )
    frequency: Annotated[Frequency | None, enum_parser(Frequency), Column("频率")] = None
    status: Annotated[FlowStatus, enum_parser(FlowStatus), Column("状态")] = FlowStatus.active


class Camera(Record):
    id: Annotated[Text, Column("点位编码", required=True)]
    owner_id: Annotated[Text, Column("建设部门", required=True, refs=("departments",))]
    lat: Annotated[Latitude, Column("纬度", required=True, doc="decimal degrees")]
    lon: Annotated[Longitude, Column("经度", required=True, doc="decimal degrees")]
    coord_system: Annotated[CoordSystem, enum_parser(CoordSystem), Column("坐标系")] = (
        CoordSystem.wgs84
    )
    address: Annotated[Text | None, Column("点位地址")] = None
    standard: Annotated[CameraStandard | None, enum_parser(CameraStandard), Column("接入标准")] = (
        None
    )
    network_id: Annotated[Text | None, Column("接入网络", refs=("networks",))] = None
    system_id: Annotated[Text | None, Column("所属系统", refs=("systems",))] = None
    status: Annotated[Status, enum_parser(Status), Column("运行状态")] = Status.in_use
    install_date: Annotated[Day | None, Column("安装日期")] = None
    cost: Annotated[Amount | None, Column("建设投资(万元)")] = None
    gb_id: Annotated[
        Text | None, Column("国标编码", since=2, doc="GB/T 28181 device id as registered")
    ] = None


@dataclass(frozen=True)
class Table:
    """One table of the inventory: its names, its model and its identifier column."""

    name: str
    zh: str
    model: type[Record]
    key: str | None
    required: bool = False
    doc: str = ""

    def columns(self) -> dict[str, Column]:
        """The model's declared columns, in declaration order."""
        return {name: column_of(self.model, name) for name in self.model.model_fields}

    def field_by_header(self) -> dict[str, str]:
        """Every accepted header spelling (folded) mapped to its field name."""
        mapping: dict[str, str] = {}
        for name, column in self.columns().items():
            mapping[name.casefold()] = name
            mapping[column.zh.casefold()] = name
        return mapping


def column_of(model: type[Record], field: str) -> Column:
    for meta in model.model_fields[field].metadata:
        if isinstance(meta, Column):
            return meta
    raise LookupError(f"{model.__name__}.{field} declares no Column")


TABLES: tuple[Table, ...] = (
    Table(
        "departments",
        "部门",
        Department,
        "id",
        required=True,
        doc="Budget units and other bodies: city bureaus, district sub-bureaus, hospitals, "
        "provincial and national bodies.",
    ),
    Table("networks", "网络", Network, "id", doc="Networks systems, platforms and cameras sit on."),
    Table(
        "network_links",
        "网络互联",
        NetworkLink,
        None,
        doc="A sanctioned interconnection between two networks (undirected).",
    ),
    Table(
        "platforms",
        "平台",
        Platform,
        "id",
        doc="Shared platforms through which systems exchange data or deliver services.",
    ),
    Table(
        "systems",
        "信息系统",
        System,
        "id",
        required=True,
        doc="Information systems built or used by city departments.",
    ),
    Table(
        "flows",
        "数据流",
        Flow,
        None,
        doc="One data exchange from source_id to target_id (systems or platforms).",
    ),
    Table("cameras", "视频监控", Camera, "id", doc="Video surveillance points."),
)

TABLE_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
