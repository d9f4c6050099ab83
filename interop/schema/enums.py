"""Enumerated values of inventory-format v2, with every accepted spelling.

Each enum's English value is canonical; ``ALIASES`` lists the other spellings the
contract accepts (Chinese names and variants).  Matching is case-insensitive after
trimming, and full-width characters are folded first (NFKC).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import TypeVar

from interop.i18n import Lang

E = TypeVar("E", bound=StrEnum)


class DeptLevel(StrEnum):
    national = "national"
    provincial = "provincial"
    municipal = "municipal"
    district = "district"


class NetworkKind(StrEnum):
    extranet = "extranet"
    intranet = "intranet"
    egov_private = "egov_private"
    industry_private = "industry_private"
    video_private = "video_private"
    internet = "internet"


class PlatformKind(StrEnum):
    gov_service = "gov_service"
    data_exchange = "data_exchange"
    office = "office"
    video_sharing = "video_sharing"
    other = "other"


class SystemLevel(StrEnum):
    municipal = "municipal"
    district = "district"
    provincial_vertical = "provincial_vertical"
    national_vertical = "national_vertical"


class Status(StrEnum):
    in_use = "in_use"
    idle = "idle"
    building = "building"
    retired = "retired"


class FlowMechanism(StrEnum):
    api = "api"
    db_sync = "db_sync"
    message_queue = "message_queue"
    file = "file"
    manual = "manual"


class Frequency(StrEnum):
    realtime = "realtime"
    hourly = "hourly"
    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"
    adhoc = "adhoc"


class FlowStatus(StrEnum):
    active = "active"
    planned = "planned"
    broken = "broken"


class CoordSystem(StrEnum):
    wgs84 = "wgs84"
    gcj02 = "gcj02"
    bd09 = "bd09"


class CameraStandard(StrEnum):
    gb28181 = "gb28181"
    onvif = "onvif"
    proprietary = "proprietary"
    other = "other"


class Hosting(StrEnum):
    gov_cloud = "gov_cloud"
    own_room = "own_room"
    hosted = "hosted"
    superior = "superior"


class MemberMap(Mapping[StrEnum, tuple[str, ...]]):
    """Enum member -> its other spellings, members of different enums kept apart.

    A dict cannot hold them: ``DeptLevel.municipal == SystemLevel.municipal`` (both are
    the string ``"municipal"``), so the second entry overwrote the first and a department's
    level written 市 or 区 was refused. Keys here are ``(enum class, value)``."""

    def __init__(self, *pairs: tuple[StrEnum, tuple[str, ...]]) -> None:
        self._by_key: dict[tuple[type, str], tuple[StrEnum, tuple[str, ...]]] = {}
        for member, aliases in pairs:
            key = (type(member), member.value)
            if key in self._by_key:
                raise ValueError(f"{member!r} is given aliases twice")
            self._by_key[key] = (member, aliases)

    def __getitem__(self, member: StrEnum) -> tuple[str, ...]:
        return self._by_key[(type(member), getattr(member, "value", member))][1]

    def __iter__(self) -> Iterator[StrEnum]:
        return (member for member, _ in self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)


ALIASES = MemberMap(
    (DeptLevel.national, ("国家", "国家级")),
    (DeptLevel.provincial, ("省级", "省")),
    (DeptLevel.municipal, ("市级", "市")),
    (DeptLevel.district, ("区级", "区")),
    (NetworkKind.extranet, ("电子政务外网", "政务外网")),
    (NetworkKind.intranet, ("电子政务内网", "政务内网")),
    (NetworkKind.egov_private, ("电子政务专网", "政务专网")),
    (NetworkKind.industry_private, ("业务专网", "行业专网", "部门专网")),
    (NetworkKind.video_private, ("视频专网",)),
    (NetworkKind.internet, ("互联网",)),
    (PlatformKind.gov_service, ("政务服务平台",)),
    (PlatformKind.data_exchange, ("共享交换平台", "数据共享交换平台")),
    (PlatformKind.office, ("协同办公平台",)),
    (PlatformKind.video_sharing, ("视频共享平台",)),
    (PlatformKind.other, ("其他",)),
    (SystemLevel.municipal, ("市级",)),
    (SystemLevel.district, ("区级",)),
    (SystemLevel.provincial_vertical, ("省级垂直",)),
    (SystemLevel.national_vertical, ("国家垂直",)),
    (Status.in_use, ("在用",)),
    (Status.idle, ("闲置",)),
    (Status.building, ("在建",)),
    (Status.retired, ("停用",)),
    (FlowMechanism.api, ("接口",)),
    (FlowMechanism.db_sync, ("库表同步",)),
    (FlowMechanism.message_queue, ("消息队列",)),
    (FlowMechanism.file, ("文件",)),
    (FlowMechanism.manual, ("人工",)),
    (Frequency.realtime, ("实时",)),
    (Frequency.hourly, ("每小时",)),
    (Frequency.daily, ("每日", "每天")),
    (Frequency.weekly, ("每周",)),
    (Frequency.monthly, ("每月",)),
    (Frequency.adhoc, ("不定期",)),
    (FlowStatus.active, ("在用",)),
    (FlowStatus.planned, ("计划",)),
    (FlowStatus.broken, ("中断",)),
    (CoordSystem.wgs84, ("WGS-84", "GPS")),
    (CoordSystem.gcj02, ("GCJ-02", "国测局", "火星坐标")),
    (CoordSystem.bd09, ("BD-09", "百度")),
    (CameraStandard.gb28181, ("GB/T 28181", "GB/T28181", "GB28181")),
    (CameraStandard.onvif, ("ONVIF",)),
    (CameraStandard.proprietary, ("私有协议",)),
    (CameraStandard.other, ("其他",)),
    (Hosting.gov_cloud, ("政务云",)),
    (Hosting.own_room, ("自建机房",)),
    (Hosting.hosted, ("托管机房", "第三方托管", "租用机房")),
    (Hosting.superior, ("上级部署", "上级部门部署")),
)


def fold(text: str) -> str:
    """Trim, fold full-width characters to half-width (NFKC) and case-fold."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def spellings(member: StrEnum) -> tuple[str, ...]:
    """Every accepted spelling of an enum member, canonical first."""
    return (member.value, *ALIASES.get(member, ()))


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@functools.lru_cache(maxsize=None, typed=True)
def spelling(member: StrEnum, lang: Lang) -> str:
    """How every output spells an enum value for a reader (the questionnaire's drop-downs,
    the findings' Chinese words, the sample city's cells): in English the canonical value;
    in Chinese its first Chinese spelling (``egov_private`` → 电子政务专网), else its first
    other spelling (``gb28181`` → GB/T 28181), else the value. Every spelling parses back
    to ``member``. Worked out once per member and language: a million-camera city words
    tens of thousands of findings."""
    if lang == "en":
        return member.value
    aliases = ALIASES.get(member, ())
    chinese = [a for a in aliases if _has_chinese(a)]
    return (chinese or list(aliases) or [member.value])[0]


def _lookup_table(enum: type[StrEnum]) -> dict[str, StrEnum]:
    table: dict[str, StrEnum] = {}
    for member in enum:
        for spelling in spellings(member):
            table[fold(spelling)] = member
    return table


_TABLES: dict[type[StrEnum], dict[str, StrEnum]] = {}


def parse_enum(enum: type[E], raw: str) -> E:
    """Match ``raw`` against ``enum``'s spellings; ValueError names the accepted ones."""
    table = _TABLES.get(enum)
    if table is None:
        table = _TABLES[enum] = _lookup_table(enum)
    member = table.get(fold(raw))
    if member is None:
        accepted = ", ".join(f"{m.value} ({'/'.join(ALIASES.get(m, ()))})" for m in enum)
        raise ValueError(f"not one of: {accepted}")
    return member  # type: ignore[return-value]
