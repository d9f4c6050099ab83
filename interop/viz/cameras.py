"""graph-cameras.html: cameras where they stand, duplicate sites ringed, owners coloured.

Positions are the cameras' WGS-84 coordinates (GCJ-02 and BD-09 converted first),
projected to local metres (equirectangular about the centre, exact enough at city scale)
and scaled to the canvas; physics is off, so the map is the geography. Each
``camera.duplicate_site`` finding gets a ring around its cameras and a dashed line per
duplicate pair (with its distance); the cameras of a ``camera.gbid_conflict`` finding (one
GB/T 28181 id under several departments) are joined by a purple dashed line. All cameras of
duplicate sites are shown, then those whose id conflicts, then other live cameras up to
:data:`MAX_CAMERAS`.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd

from interop.geo import to_wgs84
from interop.graph import node_frame, node_records
from interop.graph.frames import any_node_labelled
from interop.i18n import Lang
from interop.report.catalog import Entry
from interop.report.evidence import inline_text
from interop.rules._views import live_rows
from interop.viz.common import graph_node, owner_in
from interop.viz.index import FindingIndex
from interop.viz.model import Page, VizEdge, VizNode
from interop.viz.style import OTHER_OWNERS, OWNER_PALETTE
from interop.viz.tooltips import finding_lines, named, safe_title
from interop.wording import text

FILE = "graph-cameras.html"
RULE = "camera.duplicate_site"
CONFLICT_RULE = "camera.gbid_conflict"
MAX_CAMERAS = 5000
CANVAS = 3000.0
"""Canvas units the shown area spans (before the user zooms)."""
METRES_PER_DEGREE_LAT = 110_574.0
METRES_PER_DEGREE_LON = 111_320.0


def _rows(graph: nx.MultiDiGraph, cameras: list[str]) -> np.ndarray:
    """The rows of camera nodes ``cameras`` in the cameras' frame."""
    frame = node_frame(graph, "Camera")
    rows = frame.index.get_indexer(pd.Index(cameras))
    if (rows < 0).any():
        raise KeyError(cameras[int(np.flatnonzero(rows < 0)[0])])
    return rows


def _wgs84(
    graph: nx.MultiDiGraph, cameras: list[str], rows: np.ndarray | None = None
) -> dict[str, tuple[float, float]]:
    """WGS-84 positions of camera nodes ``cameras`` (at ``rows`` of the cameras' frame when
    given), read from that frame (cameras are no graph nodes)."""
    if not cameras:
        return {}
    frame = node_frame(graph, "Camera")
    rows = _rows(graph, cameras) if rows is None else rows
    datums = np.array([d or "wgs84" for d in frame["coord_system"][rows].tolist()])
    lat, lon = to_wgs84(frame["lat"][rows], frame["lon"][rows], datums)
    return {c: (float(a), float(b)) for c, a, b in zip(cameras, lat, lon, strict=True)}


class Projection:
    """Local metres about the centre of the shown cameras, scaled to the canvas."""

    def __init__(self, points: list[tuple[float, float]]) -> None:
        lats = [p[0] for p in points] or [0.0]
        lons = [p[1] for p in points] or [0.0]
        self.lat0 = (min(lats) + max(lats)) / 2
        self.lon0 = (min(lons) + max(lons)) / 2
        self.cos = math.cos(math.radians(self.lat0))
        extent = max(
            (max(lats) - min(lats)) * METRES_PER_DEGREE_LAT,
            (max(lons) - min(lons)) * METRES_PER_DEGREE_LON * self.cos,
            1.0,
        )
        self.scale = min(20.0, max(0.05, CANVAS / extent))
        """Canvas units per metre."""

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        x = (lon - self.lon0) * METRES_PER_DEGREE_LON * self.cos
        y = -(lat - self.lat0) * METRES_PER_DEGREE_LAT
        return round(x * self.scale, 2), round(y * self.scale, 2)


def cameras_page(
    graph: nx.MultiDiGraph, index: FindingIndex, lang: Lang, radius_m: float = 50.0
) -> Page:
    intro = text("viz.cameras.intro", lang, radius=f"{radius_m:g}")
    page = Page(FILE, text("viz.cameras.title", lang), intro)
    frame = node_frame(graph, "Camera")  # cameras are no graph nodes: their frame
    sites = index.of_rule(RULE)
    shown_sites = []
    chosen: dict[str, None] = {}
    for entry in sites:
        members = index.nodes_of[entry.fid]
        if len(chosen) + len(members) > MAX_CAMERAS:
            break
        shown_sites.append(entry)
        chosen.update(dict.fromkeys(members))
    shown_conflicts = []
    for entry in index.of_rule(CONFLICT_RULE):
        members = index.nodes_of[entry.fid]
        if len(chosen) + len(members) > MAX_CAMERAS:
            break
        shown_conflicts.append(entry)
        chosen.update(dict.fromkeys(members))
    for camera in frame.nodes[live_rows(frame)[:MAX_CAMERAS]].tolist():
        if len(chosen) >= MAX_CAMERAS:
            break
        chosen.setdefault(camera, None)
    shown = list(chosen)
    rows = _rows(graph, shown) if shown else np.empty(0, dtype=np.intp)
    where = _wgs84(graph, shown, rows)
    # the shown cameras' attributes, as camera nodes would have them (no copy of the graph)
    if not shown or any_node_labelled(graph, "Camera"):  # read back from Neo4j: nodes
        records = {c: graph.nodes[c] for c in shown}
    else:
        records = dict(zip(shown, node_records(graph, "Camera", rows), strict=True))
    project = Projection(list(where.values()))

    owners = Counter(owner_in(graph, records[c]) for c in shown)
    ranked = [o for o, _ in sorted(owners.items(), key=lambda item: (-item[1], str(item[0])))]
    colour = {o: OWNER_PALETTE[i] for i, o in enumerate(ranked[: len(OWNER_PALETTE)])}

    rings: list[VizNode] = []
    edges: list[VizEdge] = []
    for entry in shown_sites:
        members = index.nodes_of[entry.fid]
        points = [project(*where[m]) for m in members]
        cx = sum(p[0] for p in points) / len(points)
        cy = sum(p[1] for p in points) / len(points)
        spread = max(math.hypot(x - cx, y - cy) for x, y in points)
        owners_here = {owner_in(graph, records[m]) for m in members}
        head = text("tip.site", lang, fid=entry.fid, n=len(members), owners=len(owners_here))
        rings.append(
            VizNode(
                f"Site:{entry.fid}",
                "Site",
                entry.fid,
                safe_title("\n".join([head, *finding_lines([entry], lang)])),
                cx,
                cy,
                severity=str(entry.finding.severity),
                size=max(spread + 10.0, radius_m * project.scale / 2, 12.0),
            )
        )
        edges += _pairs(index, entry.finding.evidence, lang)
    for entry in shown_conflicts:
        edges += _same_id(index, entry, lang)
    nodes = list(rings)
    for camera in shown:
        x, y = project(*where[camera])
        lat, lon = where[camera]
        owner = owner_in(graph, records[camera])
        node = graph_node(
            graph,
            index,
            camera,
            lang,
            extra=(f"{text('tip.coords', lang)}: {lat:.6f}, {lon:.6f}",),
            color=colour.get(owner, OTHER_OWNERS),
            label=str(records[camera]["id"]) if index.entries_of(camera) else " ",
            data=records[camera],
        )
        node.x, node.y = x, y
        nodes.append(node)
    ids = {n.id for n in nodes}
    page.nodes = nodes
    page.edges = [e for e in edges if e.source in ids and e.target in ids]
    page.findings = shown_sites + shown_conflicts
    page.legend.node_kinds = [k for k in ("Camera", "Site") if any(n.kind == k for n in nodes)]
    page.legend.edge_kinds = [
        k for k in ("PAIR", "SAME_ID") if any(e.kind == k for e in page.edges)
    ]
    page.legend.swatches = [
        (f"{named(graph, o) if o else text('unknown', lang)} ({owners[o]})", colour[o])
        for o in ranked[: len(OWNER_PALETTE)]
    ]
    if len(ranked) > len(OWNER_PALETTE):
        rest = sum(owners[o] for o in ranked[len(OWNER_PALETTE) :])
        page.legend.swatches.append(
            (f"{text('viz.cameras.owners_more', lang)} ({rest})", OTHER_OWNERS)
        )
    if len(shown) < frame.rows:
        page.notes.append(text("viz.cameras.capped", lang, total=frame.rows, shown=len(shown)))
    if len(shown_sites) < len(sites):
        page.notes.append(
            text("viz.cameras.sites_capped", lang, shown=len(shown_sites), total=len(sites))
        )
    if not page.nodes:
        page.notes.append(text("viz.empty", lang))
    page.meta = {
        "cameras_total": frame.rows,
        "cameras_shown": len(shown),
        "sites_total": len(sites),
        "sites_shown": len(shown_sites),
        "metres_per_unit": round(1 / project.scale, 4),
    }
    return page


def _same_id(index: FindingIndex, entry: Entry, lang: Lang) -> list[VizEdge]:
    """Dashed edges joining the cameras that carry one GB/T 28181 id (a chain, by id)."""
    members = index.nodes_of[entry.fid]
    gb_id = str(entry.finding.evidence.get("gb_id", ""))
    tip = safe_title(
        "\n".join([f"{text('edge.SAME_ID', lang)}: {gb_id}", *finding_lines([entry], lang)])
    )
    return [VizEdge(a, b, "SAME_ID", title=tip) for a, b in itertools.pairwise(members)]


def _pairs(index: FindingIndex, evidence: Mapping[str, object], lang: Lang) -> list[VizEdge]:
    """A dashed edge per duplicate pair of the evidence, labelled with its distance."""
    out = []
    pairs = evidence.get("pairs")
    for pair in pairs if isinstance(pairs, list) else []:
        if not isinstance(pair, Mapping):
            continue
        a = index.resolve(RULE, str(pair.get("a")))
        b = index.resolve(RULE, str(pair.get("b")))
        if a is None or b is None:
            continue
        distance = pair.get("distance_m")
        label = f"{inline_text(distance, lang)} m" if distance is not None else None
        out.append(
            VizEdge(
                a,
                b,
                "PAIR",
                title=safe_title(f"{pair.get('a')} — {pair.get('b')}: {label or '?'}"),
                label=label,
            )
        )
    return out
