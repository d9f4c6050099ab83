"""Cheap, deterministic layouts: positions are computed here, the browser runs no physics.

networkx's ``spring_layout`` costs ~28 s at 3,000 nodes, and vis-network's physics ~90 s
at 1,000 in a software-rendered browser. So pages get fixed x/y: geography for cameras,
clusters for the overview, and for focused subgraphs a small spring layout per connected
component (at most :data:`SPRING_MAX` nodes each) or rings by breadth-first depth for a
larger component, the components packed in rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

import networkx as nx

Point = tuple[float, float]

SPRING_MAX = 120
"""Largest component laid out with ``spring_layout``; larger ones get rings (O(n))."""


def circle(center: Point, radius: float, count: int, start: float = -math.pi / 2) -> list[Point]:
    """``count`` points evenly on a circle."""
    cx, cy = center
    if count == 1 and radius == 0:
        return [center]
    return [
        (
            cx + radius * math.cos(start + 2 * math.pi * i / count),
            cy + radius * math.sin(start + 2 * math.pi * i / count),
        )
        for i in range(count)
    ]


def ring_radius(count: int, spacing: float, minimum: float) -> float:
    """The radius that puts ``count`` points ``spacing`` apart on a circle."""
    return max(minimum, count * spacing / (2 * math.pi))


def row(count: int, y: float, spacing: float, center_x: float = 0.0) -> list[Point]:
    """``count`` points on a horizontal line, centred on ``center_x``."""
    width = (count - 1) * spacing
    return [(center_x - width / 2 + i * spacing, y) for i in range(count)]


def _rings(graph: nx.Graph, spacing: float) -> dict[str, Point]:
    """Breadth-first rings around the busiest node; each ring ordered by its parents' angle."""
    root = min(graph.nodes, key=lambda n: (-graph.degree(n), str(n)))
    angle: dict[str, float] = {root: 0.0}
    pos: dict[str, Point] = {root: (0.0, 0.0)}
    layer = [root]
    seen = {root}
    radius = 0.0
    remaining = set(graph.nodes) - seen
    while layer or remaining:
        nxt: list[tuple[float, str]] = []
        for parent in layer:
            for child in sorted(graph.neighbors(parent), key=str):
                if child not in seen:
                    seen.add(child)
                    nxt.append((angle[parent], child))
        if not nxt and remaining:  # disconnected leftovers (not expected within a component)
            nxt = [(0.0, n) for n in sorted(remaining, key=str)]
            seen.update(remaining)
        remaining -= {n for _, n in nxt}
        if not nxt:
            break
        nxt.sort(key=lambda item: (item[0], str(item[1])))
        radius = max(radius + spacing * 1.5, ring_radius(len(nxt), spacing, 0.0))
        for (_, node), point in zip(nxt, circle((0.0, 0.0), radius, len(nxt)), strict=True):
            pos[node] = point
            angle[node] = math.atan2(point[1], point[0])
        layer = [n for _, n in nxt]
    return pos


def _local(graph: nx.Graph, spacing: float, seed: int) -> dict[str, Point]:
    n = graph.number_of_nodes()
    if n == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    if n == 2:
        a, b = sorted(graph.nodes, key=str)
        return {a: (-spacing / 2, 0.0), b: (spacing / 2, 0.0)}
    if n <= SPRING_MAX:
        names = sorted(graph.nodes, key=str)
        at = {node: i for i, node in enumerate(names)}
        shape = tuple(sorted((min(at[u], at[v]), max(at[u], at[v])) for u, v in graph.edges))
        scale = spacing * math.sqrt(n) * 0.75
        raw = _spring(n, shape, seed)
        return {node: (x * scale, y * scale) for node, (x, y) in zip(names, raw, strict=True)}
    return _rings(graph, spacing)


@lru_cache(maxsize=4096)
def _spring(n: int, shape: tuple[tuple[int, int], ...], seed: int) -> tuple[Point, ...]:
    """``spring_layout`` of the graph on nodes ``0 … n-1`` with the edges ``shape``, in node
    order. Its positions depend on nothing else (the adjacency matrix in node order, the
    seed), so a component numbered by its nodes' sorted names gets the positions it got
    laid out by those names, and components of one shape (a system with its owner, a
    network with three systems: hundreds on a national page, 60 % of its time) are laid
    out once."""
    ordered = nx.Graph()
    ordered.add_nodes_from(range(n))
    ordered.add_edges_from(shape)
    raw = nx.spring_layout(ordered, seed=seed, iterations=80)
    return tuple((float(raw[i][0]), float(raw[i][1])) for i in range(n))


def _bounds(points: Iterable[Point]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def component_layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    spacing: float = 140.0,
    seed: int = 7,
) -> dict[str, Point]:
    """Positions for ``nodes``: each connected component laid out alone, then packed in rows.

    Largest components first; rows about as wide as the whole is tall.
    """
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((u, v) for u, v in edges if u != v and u in graph and v in graph)
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(map(str, c))))
    placed: list[tuple[dict[str, Point], float, float]] = []
    area = 0.0
    for component in components:
        local = _local(graph.subgraph(component), spacing, seed)
        x0, y0, x1, y1 = _bounds(local.values())
        width, height = x1 - x0 + spacing, y1 - y0 + spacing
        placed.append(({n: (x - x0, y - y0) for n, (x, y) in local.items()}, width, height))
        area += width * height
    target_width = max(math.sqrt(area) * 1.3, spacing * 4)
    out: dict[str, Point] = {}
    x = y = row_height = 0.0
    for local, width, height in placed:
        if x > 0 and x + width > target_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in local.items():
            out[node] = (round(x + px, 1), round(y + py, 1))
        x += width
        row_height = max(row_height, height)
    return out
