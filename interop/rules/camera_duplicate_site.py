"""camera.duplicate_site: cameras of different departments at the same street point."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from numpy.typing import NDArray

from interop.findings.model import Finding, Severity
from interop.geo import haversine_m, sites
from interop.geo.distance import max_distance_m, max_distances_m
from interop.graph.frames import NodeFrame, node_frame
from interop.i18n import Bilingual, Lang, Text
from interop.parameters import Parameters
from interop.rules._camera_sites import (
    DEFAULT_COORD_SYSTEM,
    PREPARED,
    SiteCore,
    frame_inputs,
)
from interop.rules._finding import finding, zh_enum, zh_list
from interop.rules._views import MONEY_UNIT, live_rows
from interop.rules.base import AuditContext, Rule, RuleHelp, Wording
from interop.schema.enums import CameraStandard

_EVIDENCE_COLUMNS = (
    "id",
    "owner_id",
    "standard",
    "network_id",
    "system_id",
    "address",
    "coord_system",
    "lat",
    "lon",
    "cost",
)
"""The camera columns the evidence shows, in the order :func:`_cameras` unpacks them."""


def _refs(frame: NodeFrame, wanted: Iterable[Any], *fields: str) -> dict[str, dict[str, Any]]:
    """``{id: {id, name, *fields}}`` for the nodes of ``frame`` whose id is ``wanted``, as
    evidence shows a node (name as text, empty when unknown); unknown ids are left out."""
    ids = pd.Series(frame["id"], dtype=object, copy=False)
    rows = np.flatnonzero(ids.isin(set(wanted)).to_numpy())
    columns = [frame[name][rows].tolist() for name in ("id", "name", *fields)]
    out = {}
    for key, name, *values in zip(*columns, strict=True):
        ref = {"id": str(key), "name": "" if name is None else str(name)}
        ref.update(zip(fields, values, strict=True))
        out[key] = ref
    return out


class _Lookups:
    """The departments, networks and video systems the evidence names, by id: read from
    their frames once per check, only for the ids asked for."""

    def __init__(
        self,
        graph: nx.MultiDiGraph,
        owners: Iterable[Any],
        networks: Iterable[Any],
        systems: list[Any],
    ) -> None:
        self.owners = _refs(node_frame(graph, "Department"), owners)
        self.networks = _refs(node_frame(graph, "Network"), networks, "kind")
        self.systems: dict[str, dict[str, Any]] = {}
        for label in ("Platform", "System"):
            for key, ref in _refs(node_frame(graph, label), systems).items():
                self.systems[key] = {**ref, "label": label}


def check(ctx: AuditContext) -> list[Finding]:
    """One finding per site, computed on the cameras' frame (:func:`node_frame`).

    The numeric core (datum, pairs, sites: :class:`SiteCore`) runs on arrays of every live
    camera, or comes worked out already (:attr:`AuditContext.prepared`); only the cameras
    of a site are read further, laid out once site by site and by id within a site, so each
    site's cameras, pairs and money are slices of flat lists.
    """
    graph = ctx.graph
    radius = ctx.parameters.camera_radius_m
    cams = node_frame(graph, "Camera")
    live = live_rows(cams)
    if live.size < 2:
        return []
    core = SiteCore.taken(ctx.prepared_value(PREPARED), cams.rows, live, radius) or SiteCore.of(
        frame_inputs(cams), radius
    )
    lat, lon, first, second = core.lat, core.lon, core.first, core.second
    members, bounds = core.members, core.bounds
    if not members.size:
        return []
    # ``cameras``: live indices of the sites' cameras, site by site, by id within a site.
    ids = cams["id"][live[members]].tolist()
    by_id = itertools.chain.from_iterable(
        sorted(range(a, b), key=ids.__getitem__) for a, b in itertools.pairwise(bounds)
    )
    cameras = members[np.fromiter(by_id, dtype=np.intp, count=members.size)]
    cells = {name: cams[name][live[cameras]].tolist() for name in _EVIDENCE_COLUMNS}
    lookups = _Lookups(graph, cells["owner_id"], cells["network_id"], cells["system_id"])
    evidence = _cameras(cells, lat[cameras].tolist(), lon[cameras].tolist(), lookups)
    spans = list(itertools.pairwise(bounds))
    extents = max_distances_m(lat, lon, [cameras[a:b] for a, b in spans]).tolist()
    pairs, pair_bounds = _pairs(cells["id"], cameras, bounds, first, second, lat, lon)
    out: list[Finding] = []
    for site, (a, b) in enumerate(spans):
        site_cameras = evidence[a:b]
        site_pairs = pairs[pair_bounds[site] : pair_bounds[site + 1]]
        cost = site_money(site_cameras)
        out.append(
            make_site_finding(
                site_cameras, site_pairs, extents[site], radius, cost, lang=ctx.parameters.lang
            )
        )
    return out


def _cameras(
    cells: dict[str, list[Any]], lat: list[float], lon: list[float], lookups: _Lookups
) -> list[dict[str, Any]]:
    """The evidence of each camera (``cells``: its columns) with its WGS-84 ``lat``/``lon``;
    fresh dicts all through (no two cameras share one)."""
    owners, networks, systems = lookups.owners, lookups.networks, lookups.systems
    columns = [cells[name] for name in _EVIDENCE_COLUMNS]
    return [
        {
            "id": key,
            "owner": dict(owner) if (owner := owners.get(owner_id)) else None,
            "standard": standard,
            "network": dict(network) if (network := networks.get(network_id)) else None,
            "system": dict(system) if (system := systems.get(system_id)) else None,
            "address": address,
            "coord_system": coord or DEFAULT_COORD_SYSTEM,
            "lat": raw_lat,
            "lon": raw_lon,
            "wgs84": {"lat": round(wlat, 7), "lon": round(wlon, 7)},
            "cost": cost if cost == cost else None,  # NaN: unknown
        }
        for (key, owner_id, standard, network_id, system_id, address, coord, raw_lat, raw_lon,
             cost, wlat, wlon) in zip(*columns, lat, lon, strict=True)
    ]  # fmt: skip


def _pairs(
    ids: list[str],
    cameras: NDArray[np.intp],
    bounds: list[int],
    first: NDArray[np.intp],
    second: NDArray[np.intp],
    lat: NDArray[np.float64],
    lon: NDArray[np.float64],
) -> tuple[list[dict[str, Any]], list[int]]:
    """The duplicate pairs ``(first, second)`` (live indices) as evidence, ``{a, b,
    distance_m}`` with a < b, sorted by (a, b) within each site, sites in order; and where
    each site's pairs start (``bounds``: where each site's cameras start in ``cameras``,
    whose ids, in that order, are ``ids``)."""
    distance = haversine_m(lat[first], lon[first], lat[second], lon[second])
    rank = np.empty(lat.size, dtype=np.intp)
    rank[cameras] = np.arange(cameras.size)  # by site, then by id: rank order is id order
    rank_a, rank_b = rank[first], rank[second]
    low, high = np.minimum(rank_a, rank_b), np.maximum(rank_a, rank_b)
    order = np.lexsort((high, low))
    low, high = low[order], high[order]
    pairs = [
        {"a": ids[a], "b": ids[b], "distance_m": round(metres, 2)}
        for a, b, metres in zip(low.tolist(), high.tolist(), distance[order].tolist(), strict=True)
    ]
    return pairs, np.searchsorted(low, bounds).tolist()


def site_money(cameras: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The money of a site (findings-format.md, "Money"): the sum of its cameras' known
    ``cost`` and the cameras whose cost is unknown (the sum is unknown, None, when no
    camera's cost is known). Never the cost of the video systems the cameras belong to: a
    city-wide system would be counted once per site."""
    known: list[float] = []
    unknown: list[str] = []
    for camera in cameras:
        if camera.get("cost") is None:
            unknown.append(str(camera["id"]))
        else:
            known.append(float(camera["cost"]))
    return {
        "unit": MONEY_UNIT,
        "cameras": len(cameras),
        "camera_cost": round(sum(known), 4) if known else None,
        "camera_cost_unknown": sorted(unknown),
    }


def _en(
    subjects: list[str],
    owners: list[dict[str, Any]],
    standards: list[str],
    where: str,
    extent: float,
    radius: float,
) -> Wording:
    who = ", ".join(f"{o['name']} ({o['id']})" for o in owners)
    shared = ", so their footage cannot simply be shared." if len(standards) > 1 else "."
    return Wording(
        title=f"Duplicate camera site at {where}: {len(subjects)} cameras of "
        f"{len(owners)} departments",
        detail=(
            f"Cameras {', '.join(subjects)} of {who} stand at one point: each is within "
            f"{radius:g} m of a camera of another department (the site spans {extent:.1f} m). "
            f"They use {' and '.join(standards)} access standard(s){shared}"
        ),
        recommendation=(
            f"Have {who} agree which camera keeps serving this point, share its footage "
            "through the city's video sharing platform under GB/T 28181, and stop "
            "building or renewing the others."
        ),
    )


def _zh(
    subjects: list[str],
    owners: list[dict[str, Any]],
    standards: list[str],
    where: str,
    extent: float,
    radius: float,
) -> Wording:
    who = zh_list(f"{o['name']} ({o['id']})" for o in owners)
    named = [("未知" if s == "unknown" else zh_enum(CameraStandard, s)) for s in standards]
    shared = (
        f"各摄像头分别采用{zh_list(named)}接入标准，建设标准各异，视频数据无法直接互联共享。"
        if len(standards) > 1
        else f"均采用{named[0]}接入标准。"
    )
    return Wording(
        title=f"视频监控重复建设点位（{where}）：{len(owners)}个部门的{len(subjects)}路摄像头",
        detail=(
            f"{who}的摄像头{zh_list(subjects)}位于同一点位：每路摄像头与其他部门的摄像头相距"
            f"均不超过{radius:g}米（该点位范围{extent:.1f}米），存在重复建设。{shared}"
        ),
        recommendation=(
            f"由{who}协商确定该点位保留使用的摄像头，按GB/T 28181标准通过市视频共享平台共享"
            "视频资源，其余摄像头不再新建或更新改造。"
        ),
    )


WORDING = Bilingual(zh=_zh, en=_en)
"""The site finding's words in each language."""


def make_site_finding(
    cameras: list[dict[str, Any]],
    pairs: list[dict[str, Any]],
    extent: float,
    radius: float,
    cost: dict[str, Any],
    *,
    lang: Lang = "zh",
) -> Finding:
    """The finding of one site: ``cameras`` (evidence maps, sorted by id), its duplicate
    ``pairs`` (``{a, b, distance_m}``, sorted), the largest distance between two of its
    cameras (``extent``, metres, unrounded), the radius and the money (``cost``), worded
    in ``lang`` (``parameters.lang``).

    Both engines call it: :func:`check` with what it read from the graph, the Neo4j engine
    with the duplicate pairs of the Cypher twin (``cypher/rules/camera.duplicate_site.cypher``)
    grouped into sites by :func:`interop.geo.sites`, as here.
    """
    # One pass over the cameras (sites number tens of thousands in a country).
    owners: dict[str, dict[str, Any]] = {}
    standard_set: set[str] = set()
    by_net: dict[str, dict[str, Any]] = {}
    subjects: list[str] = []
    where = None
    for c in cameras:
        subjects.append(c["id"])
        if c["owner"]:
            owners[c["owner"]["id"]] = c["owner"]
        standard_set.add(c["standard"] or "unknown")
        if c["network"]:
            by_net[c["network"]["id"]] = c["network"]
        if where is None and c["address"]:
            where = c["address"]
    owner_list = list(owners.values())
    standards = sorted(standard_set)
    where = where or f"{cameras[0]['wgs84']['lat']:.5f}, {cameras[0]['wgs84']['lon']:.5f}"
    words = WORDING[lang](subjects, owner_list, standards, where, extent, radius)
    return finding(
        RULE,
        subjects,
        evidence={
            "radius_m": radius,
            "cameras": cameras,
            "owners": owner_list,
            "standards": standards,
            "networks": [by_net[k] for k in sorted(by_net)],
            "pairs": pairs,
            "max_distance_m": round(extent, 2),
            "money": cost,
        },
        **words._asdict(),
    )


def findings_from_pairs(rows: Sequence[Mapping[str, Any]], parameters: Parameters) -> list[Finding]:
    """One finding per site from the Cypher twin's duplicate pairs (one row per pair).

    Sites are the connected components of the pairs, from :func:`interop.geo.sites` as in
    :func:`check`; each is worded by :func:`make_site_finding`. A camera's rounded WGS-84
    position is rounded here from the unrounded one, with Python's rounding, as
    :func:`check` does.
    """
    cameras: dict[str, dict[str, Any]] = {}
    positions: dict[str, tuple[float, float]] = {}
    pairs_of: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        for side in ("a", "b"):
            camera = dict(row[side])
            lat, lon = (float(v) for v in row[f"{side}_wgs84"])
            camera["wgs84"] = {"lat": round(lat, 7), "lon": round(lon, 7)}
            cameras[camera["id"]] = camera
            positions[camera["id"]] = (lat, lon)
        pair = {"a": row["a"]["id"], "b": row["b"]["id"], "distance_m": row["distance_m"]}
        pairs_of.setdefault(row["a"]["id"], []).append(pair)
    ids = sorted(cameras)
    index = {camera_id: k for k, camera_id in enumerate(ids)}
    first = np.array([index[row["a"]["id"]] for row in rows], dtype=np.intp)
    second = np.array([index[row["b"]["id"]] for row in rows], dtype=np.intp)
    out: list[Finding] = []
    for members in sites(len(ids), first, second):
        site = sorted(ids[k] for k in members.tolist())
        pairs = sorted(
            (p for c in site for p in pairs_of.get(c, [])), key=lambda p: (p["a"], p["b"])
        )
        site_cameras = [cameras[c] for c in site]
        lats = np.array([positions[c][0] for c in site], dtype=np.float64)
        lons = np.array([positions[c][1] for c in site], dtype=np.float64)
        out.append(
            make_site_finding(
                site_cameras,
                pairs,
                max_distance_m(lats, lons),
                parameters.camera_radius_m,
                site_money(site_cameras),
                lang=parameters.lang,
            )
        )
    return out


HELP = Bilingual(
    zh=RuleHelp(
        criteria=(
            "两路在用摄像头（状态为在用；为空视为在用）分属不同部门，且按WGS-84坐标计算的球面"
            "距离不超过R米（R = camera_radius_m，默认50米）时，构成一对重复建设摄像头。以GCJ-02"
            "或BD-09坐标填报的，先转换为WGS-84坐标。由重复建设摄像头对连通而成的一组摄像头为一个"
            "点位（同一部门的摄像头只能经由与其他部门摄像头的配对加入点位）；每个点位判定为一项"
            "问题，对象为该点位的全部摄像头。"
        ),
        evidence=(
            "点位的每路摄像头及其所属部门（编码和名称）、接入标准、网络、视频系统、地址、填报"
            "坐标和WGS-84坐标、投资；涉及的部门、不同的接入标准和网络；各对重复建设摄像头及其"
            "距离（米）和点位内两路摄像头之间的最大距离；已知摄像头投资合计（万元）及投资未知的"
            "摄像头（不计所属视频系统的投资，否则全市性系统会在每个点位重复计算）。"
        ),
        recommendation=(
            "审计发现，城市视频监控建设缺乏有效统筹，公安建设的同一个点位既有市局探头，也有区"
            "分局探头，同时还存在交管、卫健、城管、水务、地铁等单位各自分散建设的行业视频监控，"
            "部分监控数据由于建设标准各异无法实现互联共享和集约利用。应在全市统筹规划视频点位，"
            "统一要求按GB/T 28181标准接入，通过统一的视频共享平台共享视频资源，不再审批在其他"
            "部门摄像头R米范围内新建摄像头。"
        ),
    ),
    en=RuleHelp(
        criteria=(
            "Two live cameras (status in_use; empty counts as in_use) form a duplicate pair "
            "when their owners differ and the great-circle distance between them, on WGS-84 "
            "coordinates, is at most R metres (R = camera_radius_m, default 50). Coordinates "
            "given in GCJ-02 or BD-09 are converted to WGS-84 first. A site is a connected group "
            "of duplicate pairs (cameras of the same owner join a site only through pairs with "
            "other owners); one finding is raised per site, its subjects all cameras of the site."
        ),
        evidence=(
            "Every camera of the site with its owner (id and name), access standard, network, "
            "video system, address, coordinates as given and in WGS-84, and cost; the owners, "
            "the distinct standards and networks; the duplicate pairs with their distance in "
            "metres and the largest distance between two cameras of the site; the sum of the "
            "cameras' known cost (万元) and the cameras whose cost is unknown (never the cost "
            "of their video systems, which would count a city-wide system once per site)."
        ),
        recommendation=(
            "The audit found a city police bureau camera and a district sub-bureau camera at "
            "one street point, and traffic police, health, urban management, water and metro "
            "each running their own camera networks, with different standards stopping the "
            "footage being shared. Plan video points city-wide, require GB/T 28181 access, "
            "share footage through one video sharing platform, and approve no new camera "
            "within R metres of another department's camera."
        ),
    ),
)
"""What an auditor reads about the rule, in Chinese and English."""


RULE = Rule(
    id="camera.duplicate_site",
    area=1,
    severity=Severity.high,
    title=Text("视频监控重复建设点位", "Duplicate camera site"),
    parameters=("camera_radius_m",),
    help=HELP,
    check=check,
    from_rows=findings_from_pairs,
)
