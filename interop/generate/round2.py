"""The sample city one year on (``interop generate --round 2``): the follow-up audit.

A year after the first audit (as of 2020-12-31) the city is surveyed again (as of
2021-12-31). Starting from the same generated city (same seed and scale), this module
changes the canonical rows the way a year of rectification (整改) does:

- time passes: the dates that record ongoing activity (``last_used``, ``last_update``,
  ``last_assessment``) move a year on, so a system in use then is in use now, an idle
  one is still idle, and a yearly assessment was made again;
- problems are put right: some ungraded systems are graded, some idle systems retired,
  some systems on private networks only moved onto the city's e-government extranet,
  and some camera sites lose cameras (a site of two owners is gone);
- problems remain or change: camera sites shrink (one camera of three retired) or grow
  (another owner's camera put up beside them);
- new problems appear: new systems built in the year, ungraded and exchanging with no
  one, and new duplicate camera sites.

Every choice is drawn from a random stream of its own (:func:`stream`), so a seed gives
the same second round every time. :class:`RoundChanges` records what was changed, for
the README, the demo and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from interop.generate.cameras import INSTALL_FROM, INSTALL_TO, CameraBlock
from interop.generate.city import Country
from interop.generate.gbids import block_gb_ids
from interop.generate.model import Row, stream
from interop.geo.datum import to_wgs84
from interop.geo.pairs import duplicate_sites
from interop.i18n import Bilingual
from interop.schema.enums import NetworkKind, Status, SystemLevel

ROUND_2_AS_OF = date(2021, 12, 31)
"""The follow-up audit's reference date: a year after :data:`interop.generate.AS_OF`."""

YEAR = timedelta(days=365)
ACTIVITY_DATES = ("last_used", "last_update", "last_assessment")
"""Dates that record ongoing activity: a year on, they are a year later."""

SANCTIONED = (NetworkKind.extranet, NetworkKind.intranet, NetworkKind.internet)
PRIVATE = (NetworkKind.egov_private, NetworkKind.industry_private, NetworkKind.video_private)
MUNICIPAL = (None, SystemLevel.municipal, SystemLevel.district)
RETIRED = 3
"""Index of Status.retired in the camera block's status table."""

ODDS = {
    "grade": 0.4,
    "retire_idle": 0.4,
    "move_to_extranet": 0.2,
    "site_lost": 0.3,
    "site_shrunk": 0.3,
    "site_grown": 0.2,
    "new_site": 0.004,
    "new_system": 0.03,
}
"""The share of each kind of change (of the candidates for it)."""


@dataclass
class RoundChanges:
    """What the second round changed, by id."""

    graded: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    moved_to_extranet: list[str] = field(default_factory=list)
    new_systems: list[str] = field(default_factory=list)
    sites_lost: list[list[str]] = field(default_factory=list)
    """Sites of two cameras whose second camera was retired (the site is gone)."""
    sites_shrunk: list[list[str]] = field(default_factory=list)
    """Sites of three or more cameras, one of which was retired (the site remains)."""
    sites_grown: list[list[str]] = field(default_factory=list)
    """Sites beside which another owner's camera was put up (the new camera last)."""
    new_sites: list[list[str]] = field(default_factory=list)
    """A lone camera and the other owner's camera put up beside it."""
    cameras_retired: list[str] = field(default_factory=list)
    cameras_added: list[str] = field(default_factory=list)
    stayed_private: list[str] = field(default_factory=list)
    """Live systems still on private networks only (video ones first): accepted risks."""
    still_ungraded: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(value) for name, value in vars(self).items()}


def _live(row: Row) -> bool:
    return row["status"] in (None, Status.in_use)


def _systems(country: Country, changes: RoundChanges) -> None:
    tables = country.tables
    rnd = stream(country.seed, "round-2", "systems")
    kinds = {row["id"]: row["kind"] for row in tables.rows["networks"]}
    extranets: dict[str, str] = {}
    for row in tables.rows["networks"]:
        code = str(row["id"]).split("-")[0]
        if row["kind"] is NetworkKind.extranet:
            extranets.setdefault(code, str(row["id"]))
    systems = tables.rows["systems"]
    video_private: list[str] = []
    other_private: list[str] = []
    for row in systems:
        for name in ACTIVITY_DATES:
            if isinstance(row.get(name), date):
                row[name] = row[name] + YEAR
    for row in systems:
        municipal = row["level"] in MUNICIPAL
        if municipal and _live(row) and row["security_grade"] is None:
            if rnd.random() < ODDS["grade"]:
                row["security_grade"] = 2
                changes.graded.append(row["id"])
        elif row["status"] is Status.idle and rnd.random() < ODDS["retire_idle"]:
            row["status"] = Status.retired
            changes.retired.append(row["id"])
        networks = list(row["network_ids"] or [])
        code = str(row["id"]).split("-")[0]
        private_only = (
            municipal
            and _live(row)
            and bool(networks)
            and all(kinds.get(n) in PRIVATE for n in networks)
        )
        if private_only and code in extranets and rnd.random() < ODDS["move_to_extranet"]:
            row["network_ids"] = [*networks, extranets[code]]
            changes.moved_to_extranet.append(row["id"])
        elif private_only:
            video = any(kinds.get(n) is NetworkKind.video_private for n in networks)
            (video_private if video else other_private).append(row["id"])
        if municipal and _live(row) and row["security_grade"] is None:
            changes.still_ungraded.append(row["id"])
    changes.stayed_private = video_private + other_private
    _new_systems(country, changes, rnd)


def _new_systems(country: Country, changes: RoundChanges, rnd) -> None:  # type: ignore[no-untyped-def]
    """Systems built in the year: a copy of an existing live municipal system of the same
    owner (same function: a homogeneous group may grow), ungraded, with no flow."""
    systems = country.tables.rows["systems"]
    numbers: dict[str, int] = {}
    for row in systems:
        code, _, number = str(row["id"]).rpartition("-S")
        if number.isdigit():
            numbers[code] = max(numbers.get(code, 0), int(number))
    templates = [r for r in systems if _live(r) and r["level"] in MUNICIPAL]
    count = max(1, round(len(templates) * ODDS["new_system"]))
    for template in rnd.sample(templates, min(count, len(templates))):
        code = str(template["id"]).rpartition("-S")[0]
        numbers[code] = numbers.get(code, 0) + 1
        ident = f"{code}-S{numbers[code]:04d}"
        go_live = date(2021, rnd.randint(7, 11), rnd.randint(1, 28))
        new: Row = {
            **template,
            "id": ident,
            "name": f"{template['name']}（新建）",
            "user_ids": [],
            "status": Status.in_use,
            "go_live": go_live,
            "modules_total": None,
            "modules_used": None,
            "monthly_active_users": rnd.randint(20, 400),
            "last_used": ROUND_2_AS_OF - timedelta(days=rnd.randint(1, 20)),
            "security_grade": None,
            "replaces_id": None,
        }
        systems.append(new)
        changes.new_systems.append(ident)


def _append(block: CameraBlock, source: int, owner: int, lat: float, lon: float) -> None:
    """A new live camera of ``owner`` at (lat, lon) WGS-84, else like camera ``source``."""
    category = block.category[block.owner == owner]
    block.owner = np.append(block.owner, owner)
    block.category = np.append(block.category, category[0] if category.size else 0)
    block.lat = np.append(block.lat, lat)
    block.lon = np.append(block.lon, lon)
    block.coord = np.append(block.coord, 1)  # WGS-84, written
    block.address = np.append(block.address, block.address[source])
    block.standard = np.append(block.standard, block.standard[source])
    block.status = np.append(block.status, 0)
    block.install = np.append(block.install, (INSTALL_TO - INSTALL_FROM).days)
    block.cost = np.append(block.cost, block.cost[source] if block.cost[source] >= 0 else 10)
    block.system_known = np.append(block.system_known, True)


def _wgs84(block: CameraBlock) -> tuple[np.ndarray, np.ndarray]:
    names = np.array(["wgs84", "wgs84", "gcj02", "bd09"])[block.coord]
    return to_wgs84(block.lat, block.lon, names)


def _camera_id(block: CameraBlock, number: int, total: int) -> str:
    """The id :func:`interop.generate.cameras.camera_rows` gives camera ``number`` (from 1)."""
    return f"{block.code}-C{number:0{max(6, len(str(total)))}d}"


def _cameras(country: Country, changes: RoundChanges, radius_m: float = 50.0) -> None:
    """Per city: sites lost, shrunk and grown, and new sites beside lone cameras.

    Sites are found as the rule finds them (live cameras, WGS-84, other owners within
    ``radius_m``). New cameras are appended to the block, so every existing camera keeps
    its id; additions that would widen the ids' digits are left out for the same reason.
    """
    for index, block in enumerate(country.cameras):
        n = len(block)
        if n == 0:
            continue
        rng = np.random.default_rng([country.seed % (2**63), index, 0x2021])
        ids = [_camera_id(block, i + 1, n) for i in range(n)]
        lat, lon = _wgs84(block)
        live = np.flatnonzero(block.status == 0)
        _, _, found = duplicate_sites(lat[live], lon[live], block.owner[live], radius_m)
        sites = [live[site] for site in found]
        in_site = np.zeros(n, bool)
        for site in sites:
            in_site[site] = True
        owners_present = np.unique(block.owner)
        added: list[tuple[list[str], int, int]] = []
        """(the group the camera joins, the camera it stands beside, its owner)"""
        for site in sites:
            draw = rng.random()
            if len(site) == 2 and draw < ODDS["site_lost"]:
                block.status[site[1]] = RETIRED
                changes.sites_lost.append([ids[i] for i in site])
                changes.cameras_retired.append(ids[site[1]])
            elif len(site) >= 3 and draw < ODDS["site_shrunk"]:
                block.status[site[-1]] = RETIRED
                changes.sites_shrunk.append([ids[i] for i in site])
                changes.cameras_retired.append(ids[site[-1]])
            elif draw > 1 - ODDS["site_grown"]:
                others = np.setdiff1d(owners_present, block.owner[site])
                if others.size:
                    group = [ids[i] for i in site]
                    changes.sites_grown.append(group)
                    added.append((group, int(site[0]), int(rng.choice(others))))
        lone = np.flatnonzero((block.status == 0) & ~in_site)
        for camera in lone[rng.random(lone.size) < ODDS["new_site"]]:
            others = owners_present[owners_present != block.owner[camera]]
            if others.size:
                group = [ids[camera]]
                changes.new_sites.append(group)
                added.append((group, int(camera), int(rng.choice(others))))
        total = n + len(added)
        if len(str(total)) > max(6, len(str(n))):
            raise ValueError(f"{block.code}: adding {len(added)} cameras would change their ids")
        if country.version >= 2:  # the cameras keep their GB/T 28181 ids; new ones have none
            block.gb_ids = [*block_gb_ids(block), *([""] * len(added))]
        for number, (group, source, owner) in enumerate(added, start=n + 1):
            _append(block, source, owner, *_beside(lat, lon, source, rng))
            ident = _camera_id(block, number, total)
            group.append(ident)
            changes.cameras_added.append(ident)


def _beside(
    lat: np.ndarray, lon: np.ndarray, camera: int, rng: np.random.Generator
) -> tuple[float, float]:
    """A point 3–12 m from ``camera`` (WGS-84)."""
    distance = rng.uniform(3.0, 12.0)
    angle = rng.uniform(0, 2 * np.pi)
    dlat = distance * np.sin(angle) / 111_320.0
    dlon = distance * np.cos(angle) / (111_320.0 * np.cos(np.radians(lat[camera])))
    return float(lat[camera] + dlat), float(lon[camera] + dlon)


def advance_round(country: Country) -> RoundChanges:
    """Change ``country`` (in place) into the city one year on; return what changed."""
    changes = RoundChanges()
    _systems(country, changes)
    _cameras(country, changes)
    return changes


def round_readme(changes: RoundChanges, options: str) -> str:
    """The README section of a second round: its as-of date and what changed."""
    c = changes.counts()
    return f"""
## 第二轮(一年后的整改检查) / Round 2 (the follow-up audit a year on)

本清单是同一城市一年后的第二轮清单(`interop generate OUT {options} --round 2`),
审计基准日为 {ROUND_2_AS_OF.isoformat()}。与第一轮比较:
`interop analyze <本目录> --as-of {ROUND_2_AS_OF.isoformat()} --baseline <第一轮>/findings.json`。
已定级 {c["graded"]} 个系统、停用闲置系统 {c["retired"]} 个、{c["moved_to_extranet"]} 个系统迁入
电子政务外网、新建系统 {c["new_systems"]} 个;摄像头:撤除 {c["cameras_retired"]} 个(点位消失
{c["sites_lost"]} 处、缩小 {c["sites_shrunk"]} 处),新装 {c["cameras_added"]} 个(点位扩大
{c["sites_grown"]} 处、新增重复点位 {c["new_sites"]} 处)。

This is the same city a year on (round 2), as of {ROUND_2_AS_OF.isoformat()}. Compare with
the first round: `interop analyze <this folder> --as-of {ROUND_2_AS_OF.isoformat()}
--baseline <round 1>/findings.json`. Changes: {c["graded"]} systems graded, {c["retired"]}
idle systems retired, {c["moved_to_extranet"]} moved onto the e-gov extranet,
{c["new_systems"]} new systems; cameras: {c["cameras_retired"]} retired ({c["sites_lost"]}
sites gone, {c["sites_shrunk"]} shrunk), {c["cameras_added"]} put up ({c["sites_grown"]} sites
grown, {c["new_sites"]} new duplicate sites).
"""


ACCEPTED_HEADERS = Bilingual(
    zh=("规则", "对象", "理由", "批准人", "到期日"),
    en=("rule", "subjects", "reason", "approved_by", "expires"),
)


def accepted_sample(changes: RoundChanges, lang: str) -> list[tuple[str, ...]]:
    """A sample accepted-risks file for the second round (audit-cycle.md, "Accepted
    risks"), header first: video systems kept on their private network by rule (in force),
    a grading deadline already past (expired), and a system since retired (matches no
    finding). Written beside the inventory by ``interop generate --round 2``."""
    zh = lang == "zh"
    rows: list[tuple[str, ...]] = [ACCEPTED_HEADERS.zh if zh else ACCEPTED_HEADERS.en]
    reason = (
        "视频专网按公安部门规定独立运行，不接入电子政务外网"
        if zh
        else "the video private network runs apart from the e-gov extranet by police rules"
    )
    approver = "市政务服务和大数据管理局" if zh else "City Big Data Bureau"
    for system in changes.stayed_private[:3]:
        rows.append(("network.noncompliant_deployment", system, reason, approver, "2022-12-31"))
    if changes.still_ungraded:
        late = "定级备案工作推迟至上半年" if zh else "grading postponed to the first half-year"
        rows.append(("security.ungraded", changes.still_ungraded[0], late, approver, "2021-06-30"))
    if changes.retired:
        idle = "系统待下线，暂缓处置" if zh else "awaiting retirement"
        rows.append(("usage.idle", changes.retired[0], idle, approver, "2022-12-31"))
    return rows


def accepted_path(inventory: Path) -> Path:
    """Where the sample accepted-risks file goes: beside the inventory (a CSV file inside
    a CSV inventory would be read as an extra table)."""
    return inventory.with_name(f"{inventory.stem}-accepted-risks.csv")


def write_accepted_sample(changes: RoundChanges, inventory: Path, lang: str) -> Path:
    """Write :func:`accepted_sample` as UTF-8 CSV (with BOM, for Excel) beside ``inventory``."""
    import csv

    path = accepted_path(inventory)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(accepted_sample(changes, lang))
    return path
