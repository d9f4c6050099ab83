"""camera.duplicate_site: cameras of different departments at the same street point."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np

from interop.findings.model import Finding, Severity
from interop.geo import duplicate_pairs, haversine_m, sites, to_wgs84
from interop.geo.distance import max_distance_m
from interop.rules._finding import finding
from interop.rules._views import (
    is_live,
    key_of,
    money,
    neighbours,
    networks_of,
    nodes_of,
    owner_ref,
    ref,
)
from interop.rules.base import AuditContext, Rule, RuleHelp


def _camera(
    graph: nx.MultiDiGraph, node: str, data: Mapping[str, Any], lat: float, lon: float
) -> dict[str, Any]:
    nets = networks_of(graph, node)
    systems = neighbours(graph, node, "PART_OF")
    return {
        "id": key_of(graph, node),
        "owner": owner_ref(graph, node),
        "standard": data.get("standard"),
        "network": nets[0] if nets else None,
        "system": ref(graph, systems[0]) if systems else None,
        "address": data.get("address"),
        "coord_system": data.get("coord_system", "wgs84"),
        "lat": data["lat"],
        "lon": data["lon"],
        "wgs84": {"lat": round(float(lat), 7), "lon": round(float(lon), 7)},
        "cost": data.get("cost"),
    }


def _money(graph: nx.MultiDiGraph, nodes: list[str]) -> dict[str, Any]:
    """Camera costs (known ones summed) plus the money of the video systems they belong to."""
    costs = [(key_of(graph, n), graph.nodes[n].get("cost")) for n in nodes]
    known = [float(c) for _, c in costs if c is not None]
    systems = [s for n in nodes for s in neighbours(graph, n, "PART_OF")]
    return {
        **money(graph, systems),
        "camera_cost": round(sum(known), 4) if known else None,
        "camera_cost_unknown": sorted(i for i, c in costs if c is None),
    }


def check(ctx: AuditContext) -> list[Finding]:
    graph = ctx.graph
    radius = ctx.parameters.camera_radius_m
    cams = [(n, d) for n, d in nodes_of(graph, "Camera") if is_live(d)]
    if len(cams) < 2:
        return []
    lat, lon = to_wgs84(
        np.array([d["lat"] for _, d in cams], dtype=np.float64),
        np.array([d["lon"] for _, d in cams], dtype=np.float64),
        np.array([d.get("coord_system", "wgs84") for _, d in cams]),
    )
    owners = np.array([str(d["owner_id"]) for _, d in cams])
    first, second = duplicate_pairs(lat, lon, owners, radius)
    distance = haversine_m(lat[first], lon[first], lat[second], lon[second])
    groups = sites(len(cams), first, second)
    site_of = np.empty(len(cams), dtype=np.intp)
    for number, members in enumerate(groups):
        site_of[members] = number
    pairs_of: list[list[dict[str, Any]]] = [[] for _ in groups]
    for a, b, metres in zip(first.tolist(), second.tolist(), distance.tolist(), strict=True):
        ids = sorted((key_of(graph, cams[a][0]), key_of(graph, cams[b][0])))
        pairs_of[site_of[a]].append({"a": ids[0], "b": ids[1], "distance_m": round(metres, 2)})
    out: list[Finding] = []
    for members, pairs in zip(groups, pairs_of, strict=True):
        index = sorted(members.tolist(), key=lambda k: key_of(graph, cams[k][0]))
        cameras = [_camera(graph, cams[k][0], cams[k][1], lat[k], lon[k]) for k in index]
        pairs.sort(key=lambda p: (p["a"], p["b"]))
        extent = max_distance_m(lat[index], lon[index])
        cost = _money(graph, [cams[k][0] for k in index])
        out.append(make_site_finding(cameras, pairs, extent, radius, cost))
    return out


def make_site_finding(
    cameras: list[dict[str, Any]],
    pairs: list[dict[str, Any]],
    extent: float,
    radius: float,
    cost: dict[str, Any],
) -> Finding:
    """The finding of one site: ``cameras`` (evidence maps, sorted by id), its duplicate
    ``pairs`` (``{a, b, distance_m}``, sorted), the largest distance between two of its
    cameras (``extent``, metres, unrounded), the radius and the money (``cost``).

    Both engines call it: :func:`check` with what it read from the graph, the Neo4j engine
    with the duplicate pairs of the Cypher twin (``cypher/rules/camera.duplicate_site.cypher``)
    grouped into sites by :func:`interop.geo.sites`, as here.
    """
    owner_list = list({c["owner"]["id"]: c["owner"] for c in cameras if c["owner"]}.values())
    standards = sorted({c["standard"] or "unknown" for c in cameras})
    by_net = {c["network"]["id"]: c["network"] for c in cameras if c["network"]}
    subjects = [c["id"] for c in cameras]
    where = next((c["address"] for c in cameras if c["address"]), None) or (
        f"{cameras[0]['wgs84']['lat']:.5f}, {cameras[0]['wgs84']['lon']:.5f}"
    )
    who = ", ".join(f"{o['name']} ({o['id']})" for o in owner_list)
    shared = ", so their footage cannot simply be shared." if len(standards) > 1 else "."
    return finding(
        RULE,
        subjects,
        title=f"Duplicate camera site at {where}: {len(cameras)} cameras of "
        f"{len(owner_list)} departments",
        detail=(
            f"Cameras {', '.join(subjects)} of {who} stand at one point: each is within "
            f"{radius:g} m of a camera of another department (the site spans {extent:.1f} m). "
            f"They use {' and '.join(standards)} access standard(s){shared}"
        ),
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
        recommendation=(
            f"Have {who} agree which camera keeps serving this point, share its footage "
            "through the city's video sharing platform under GB/T 28181, and stop "
            "building or renewing the others."
        ),
    )


RULE = Rule(
    id="camera.duplicate_site",
    area=1,
    severity=Severity.high,
    title="Cameras of several departments at one site",
    parameters=("camera_radius_m",),
    help=RuleHelp(
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
            "metres and the largest distance between two cameras of the site; the cameras' "
            "total cost and the build and annual O&M cost (万元) of their video systems."
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
    check=check,
)
