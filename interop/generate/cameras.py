"""Video surveillance points, generated with numpy so that a million cost seconds.

Cameras stand on a lattice of street points 160 m apart (jittered), chosen with a density
that follows the city's districts. Most points carry one camera, or a small cluster of
one owner's cameras. Some are *shared street points* — the article's example: the city
police bureau's camera and the district sub-bureau's camera at one crossroads, often with
traffic police or urban management beside them — where two to four owners' cameras stand
1.5–38 m apart. *Near misses* put two owners' cameras 56–75 m apart, just outside the
audit's 50 m radius. Points are far enough apart that no other pair of owners comes
within 55 m, so every duplicate site is one the generator meant.

Positions are drawn in WGS-84; owners who record GCJ-02 (高德/腾讯) or BD-09 (百度)
coordinates get their true positions converted forward with :mod:`interop.geo.datum`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from interop.generate.names import METRO_STATIONS
from interop.generate.plan import CityPlan
from interop.geo.datum import wgs84_to_bd09, wgs84_to_gcj02
from interop.i18n import Lang
from interop.schema.enums import CameraStandard, CoordSystem, Status, spelling

CATEGORIES = ("police", "sub_bureau", "traffic", "urban", "water", "metro", "health")
SHARE = np.array([0.28, 0.25, 0.16, 0.11, 0.06, 0.08, 0.06])
"""Who owns a lone camera or a one-owner cluster."""
SITE_BIAS = np.array([0.75, 0.75, 0.35, 0.25, 0.0, -9.0, 0.05])
"""Who stands at a shared street point: both police levels above all, never the metro."""
COORD_ODDS = np.array(
    [
        [1.0, 0.0, 0.0],  # police: GPS (WGS-84)
        [0.9, 0.1, 0.0],
        [0.6, 0.4, 0.0],  # traffic police: some surveyed on an online map
        [0.0, 0.8, 0.2],  # urban management: GCJ-02 from their map supplier
        [0.3, 0.0, 0.7],  # water: BD-09
        [1.0, 0.0, 0.0],
        [0.0, 0.5, 0.5],
    ]
)
COORDS = (CoordSystem.wgs84, CoordSystem.gcj02, CoordSystem.bd09)
STANDARDS = (
    CameraStandard.gb28181,
    CameraStandard.onvif,
    CameraStandard.proprietary,
    CameraStandard.other,
)
STANDARD_ODDS = np.array(
    [  # gb28181, onvif, proprietary, other, (empty)
        [0.90, 0.00, 0.00, 0.00, 0.10],
        [0.85, 0.00, 0.05, 0.00, 0.10],
        [0.60, 0.00, 0.35, 0.00, 0.05],
        [0.30, 0.55, 0.05, 0.05, 0.05],
        [0.00, 0.30, 0.65, 0.00, 0.05],
        [0.15, 0.00, 0.80, 0.00, 0.05],
        [0.00, 0.50, 0.30, 0.15, 0.05],
    ]
)
COST_RANGE = np.array([[5, 25], [4, 20], [15, 80], [3, 15], [5, 30], [3, 12], [2, 10]])
"""Cost per camera in tenths of 万元 (0.2–8 万元)."""
STATUSES = (Status.in_use, Status.idle, Status.building, Status.retired)
STATUS_ODDS = np.array([0.94, 0.035, 0.01, 0.015])

CELL_M = 160.0
"""Side of a street cell (one camera point per cell)."""
CELL_SLACK = 1.25
"""Usable cells per camera point at least, when the city must grow to fit its points."""
M_PER_DEG = 111_320.0
SITE, NEAR, CLUSTER, SINGLE = 0, 1, 2, 3
POINT_ODDS = np.array([0.03, 0.012, 0.13, 0.828])
INSTALL_FROM = date(2010, 1, 1)
INSTALL_TO = date(2020, 11, 30)


@dataclass(frozen=True)
class CameraOwner:
    dept_id: str
    network_id: str | None
    system_id: str | None
    division_code: str | None = None
    """The owner's GB/T 2260 division: the centre code of its cameras' GB/T 28181 ids."""


@dataclass
class CameraBlock:
    """One city's cameras as columns (indices into small tables), ready to render."""

    code: str
    owners: list[CameraOwner]
    addresses: list[str]
    owner: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, np.intp))
    category: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, np.intp))
    lat: NDArray[np.float64] = field(default_factory=lambda: np.empty(0))
    lon: NDArray[np.float64] = field(default_factory=lambda: np.empty(0))
    coord: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, np.intp))
    """0 wgs84 (cell left empty), 1 wgs84 written, 2 gcj02, 3 bd09."""
    address: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, np.intp))
    """Index into ``addresses``; -1 empty."""
    standard: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, np.intp))
    """Index into STANDARDS; 4 empty."""
    status: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, np.intp))
    install: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, np.intp))
    """Days since INSTALL_FROM; -1 empty."""
    cost: NDArray[np.intp] = field(default_factory=lambda: np.empty(0, np.intp))
    """Tenths of 万元; -1 empty."""
    system_known: NDArray[np.bool_] = field(default_factory=lambda: np.empty(0, bool))
    gb_ids: list[str] | None = None
    """GB/T 28181 ids decided before the block changed (a second round keeps the first's);
    None: drawn from the block by :func:`interop.generate.gbids.block_gb_ids`."""

    def __len__(self) -> int:
        return int(self.owner.size)


def _point_types(n: int, rng: np.random.Generator) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Types and camera counts of the points that together carry exactly ``n`` cameras."""
    draw = int(n / 1.2) + 16
    while True:
        kinds = rng.choice(4, size=draw, p=POINT_ODDS)
        sizes = np.ones(draw, dtype=np.intp)
        multi = kinds == SITE
        sizes[multi] = rng.integers(2, 5, size=int(multi.sum()))
        sizes[kinds == NEAR] = 2
        clusters = kinds == CLUSTER
        sizes[clusters] = rng.integers(2, 6, size=int(clusters.sum()))
        total = np.cumsum(sizes)
        if total[-1] >= n:
            break
        draw *= 2
    points = int(np.searchsorted(total, n)) + 1
    sizes = sizes[:points].copy()
    sizes[-1] -= int(total[points - 1] - n)
    return kinds[:points], sizes


def _lattice(
    plan: CityPlan, grow: float = 1.0
) -> tuple[NDArray[np.float64], NDArray[np.float64], float, float]:
    """The street cells' centres in the city's box (widened ``grow`` times about its
    centre), and the cells' size in degrees."""
    lat_min, lat_max, lon_min, lon_max = plan.box
    if grow != 1.0:
        lat_half, lon_half = (lat_max - lat_min) * grow / 2, (lon_max - lon_min) * grow / 2
        lat_mid, lon_mid = (lat_min + lat_max) / 2, (lon_min + lon_max) / 2
        lat_min, lat_max = lat_mid - lat_half, lat_mid + lat_half
        lon_min, lon_max = lon_mid - lon_half, lon_mid + lon_half
    mid = np.radians((lat_min + lat_max) / 2)
    dlat = CELL_M / M_PER_DEG
    dlon = CELL_M / (M_PER_DEG * np.cos(mid))
    lats = lat_min + (np.arange(int((lat_max - lat_min) / dlat)) + 0.5) * dlat
    lons = lon_min + (np.arange(int((lon_max - lon_min) / dlon)) + 0.5) * dlon
    grid_lat, grid_lon = np.meshgrid(lats, lons, indexing="ij")
    return grid_lat.ravel(), grid_lon.ravel(), dlat, dlon


def _density(
    plan: CityPlan, lat: NDArray[np.float64], lon: NDArray[np.float64]
) -> NDArray[np.float64]:
    cos = np.cos(np.radians(lat.mean())) if lat.size else 1.0
    weight = np.full(lat.shape, 0.02)
    for d in plan.districts:
        dy = (lat - d.lat) * 111.32
        dx = (lon - d.lon) * 111.32 * cos
        sigma = 2.0 + 3.0 * d.weight
        weight += d.weight * np.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma))
    for b in plan.excluded:
        weight[(lat >= b[0]) & (lat <= b[1]) & (lon >= b[2]) & (lon <= b[3])] = 0.0
    return weight


def _street_cells(
    plan: CityPlan, points: int
) -> tuple[tuple[NDArray[np.float64], NDArray[np.float64], float, float], NDArray[np.float64]]:
    """The street lattice for ``points`` camera points and the cells' density weights: the
    city's box, or a wider one about its centre when the city must hold more points than
    its box has cells (a million cameras in one city: `interop generate --cameras
    1000000`). The city grows outward, at the same density of streets and the same
    spacing of cameras, rather than packing its cameras closer than any city does."""
    grow = 1.0
    while True:
        lattice = _lattice(plan, grow)
        weight = _density(plan, lattice[0], lattice[1])
        usable = int(np.count_nonzero(weight))
        if usable >= (points if grow == 1.0 else points * CELL_SLACK) or grow > 100:
            return lattice, weight
        grow *= 1.02 * (points * CELL_SLACK / max(usable, 1)) ** 0.5


def _choose_cells(
    weight: NDArray[np.float64], k: int, rng: np.random.Generator
) -> NDArray[np.intp]:
    """``k`` distinct cells, likelier where ``weight`` is high (Gumbel top-k)."""
    usable = int(np.count_nonzero(weight))
    if k > usable:
        raise ValueError(f"{k} camera points do not fit in a city of {usable} street cells")
    with np.errstate(divide="ignore"):
        keys = np.log(weight) - np.log(-np.log(rng.random(weight.size)))
    chosen = np.argpartition(-keys, k - 1)[:k] if k else np.empty(0, np.intp)
    return rng.permutation(np.sort(chosen))


def _addresses(plan: CityPlan) -> tuple[list[str], list[tuple[int, int, int, int]]]:
    """The address pool and, per district, (crossings start, count, numbered start, count)."""
    pool: list[str] = []
    spans = []
    for d in plan.districts:
        crossings = [
            f"{d.name}{a}与{b}交叉口" for i, a in enumerate(d.streets) for b in d.streets[i + 1 :]
        ]
        numbered = [f"{d.name}{s}{n}号" for s in d.streets for n in range(1, 400, 7)]
        spans.append((len(pool), len(crossings), len(pool) + len(crossings), len(numbered)))
        pool += crossings + numbered
    return pool, spans


def _metro_addresses(plan: CityPlan) -> list[str]:
    if plan.is_wuhan:
        return [f"地铁{1 + i % 8}号线{s}站" for i, s in enumerate(METRO_STATIONS)]
    streets = sorted({s for d in plan.districts for s in d.streets})
    return [f"{plan.name}地铁{1 + i % 4}号线{s}站" for i, s in enumerate(streets)]


def _pick(
    rng: np.random.Generator, odds: NDArray[np.float64], rows: NDArray[np.intp]
) -> NDArray[np.intp]:
    """One column index per entry of ``rows``, drawn from that row of ``odds``."""
    cumulative = np.cumsum(odds, axis=1)
    u = rng.random(rows.size)[:, None]
    return (u >= cumulative[rows]).sum(axis=1).clip(0, odds.shape[1] - 1)


def city_cameras(
    plan: CityPlan,
    owners: dict[str, CameraOwner],
    sub_bureaus: list[CameraOwner],
    rng: np.random.Generator,
) -> CameraBlock:
    """``plan.cameras`` cameras of one city. ``owners`` by category, one sub-bureau per
    district (in ``plan.districts`` order)."""
    owner_list = [owners[c] for c in CATEGORIES if c != "sub_bureau"] + sub_bureaus
    city_owner = {c: i for i, c in enumerate(c for c in CATEGORIES if c != "sub_bureau")}
    addresses, spans = _addresses(plan)
    metro_from = len(addresses)
    metro = _metro_addresses(plan)
    addresses += metro
    block = CameraBlock(plan.code, owner_list, addresses)
    n = plan.cameras
    if n == 0:
        return block
    kinds, sizes = _point_types(n, rng)
    p = kinds.size
    (grid_lat, grid_lon, dlat, dlon), weight = _street_cells(plan, p)
    cells = _choose_cells(weight, p, rng)
    multi = (kinds == SITE) | (kinds == NEAR)
    jitter = np.where(multi, 10.0, 20.0) / CELL_M
    plat = grid_lat[cells] + rng.uniform(-1, 1, p) * jitter * dlat
    plon = grid_lon[cells] + rng.uniform(-1, 1, p) * jitter * dlon
    dlat_d = plat[:, None] - np.array([d.lat for d in plan.districts])[None, :]
    dlon_d = (plon[:, None] - np.array([d.lon for d in plan.districts])[None, :]) * np.cos(
        np.radians(plat[:, None])
    )
    district = np.argmin(dlat_d * dlat_d + dlon_d * dlon_d, axis=1)

    # owners: one category per lone/cluster point, distinct categories at shared points
    lone_cat = rng.choice(len(CATEGORIES), size=p, p=SHARE)
    ranked = np.argsort(-(rng.random((p, len(CATEGORIES))) + SITE_BIAS), axis=1, kind="stable")
    point = np.repeat(np.arange(p), sizes)
    rank = np.arange(n) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    category = np.where(
        multi[point], ranked[point, rank.clip(0, len(CATEGORIES) - 1)], lone_cat[point]
    )
    sub = len(city_owner) + district[point]
    owner = np.array([city_owner.get(c, -1) for c in CATEGORIES])[category]
    owner = np.where(category == CATEGORIES.index("sub_bureau"), sub, owner)

    # positions (metres east and north of the point)
    kind = kinds[point]
    radius = np.zeros(n)
    radius[kind == SITE] = rng.uniform(1.5, 19.0, int((kind == SITE).sum()))
    cluster = (kind == CLUSTER) & (rank > 0)
    radius[cluster] = rng.uniform(3.0, 15.0, int(cluster.sum()))
    angle = rng.uniform(0, 2 * np.pi, n)
    near = kind == NEAR
    gap = rng.uniform(56.0, 75.0, p)[point]
    point_angle = rng.uniform(0, 2 * np.pi, p)[point]
    radius[near] = gap[near] / 2
    angle[near] = point_angle[near] + np.pi * rank[near]
    lat = plat[point] + radius * np.sin(angle) / M_PER_DEG
    lon = plon[point] + radius * np.cos(angle) / (M_PER_DEG * np.cos(np.radians(plat[point])))

    # recorded coordinates
    system = _pick(rng, COORD_ODDS, category)
    for code, convert in ((1, wgs84_to_gcj02), (2, wgs84_to_bd09)):
        mask = system == code
        if mask.any():
            lat[mask], lon[mask] = convert(lat[mask], lon[mask])
    coord = np.where(system == 0, (rng.random(n) < 0.5).astype(np.intp), system + 1)

    # address of the point: crossings at shared points, else crossings or house numbers
    span = np.array(spans)[district]
    crossing = multi | (rng.random(p) < 0.5)
    start = np.where(crossing, span[:, 0], span[:, 2])
    count = np.maximum(np.where(crossing, span[:, 1], span[:, 3]), 1)
    point_address = start + (rng.random(p) * count).astype(np.intp)
    address = point_address[point]
    metro_cat = category == CATEGORIES.index("metro")
    address[metro_cat] = metro_from + (point[metro_cat] % len(metro))
    address[rng.random(n) < 0.03] = -1

    status = rng.choice(len(STATUSES), size=n, p=STATUS_ODDS)
    status[multi[point] & (rng.random(n) < 0.6)] = 0
    span_days = (INSTALL_TO - INSTALL_FROM).days
    install = (np.sqrt(rng.random(n)) * span_days).astype(np.intp)
    install[(status == STATUSES.index(Status.building)) | (rng.random(n) < 0.05)] = -1
    low, high = COST_RANGE[category, 0], COST_RANGE[category, 1]
    cost = low + (rng.random(n) * (high - low + 1)).astype(np.intp)
    cost[rng.random(n) < 0.04] = -1

    order = np.lexsort((np.arange(n), owner))
    block.owner, block.category = owner[order], category[order]
    block.lat, block.lon, block.coord = lat[order], lon[order], coord[order]
    block.address, block.status = address[order], status[order]
    block.standard = _pick(rng, STANDARD_ODDS, category)[order]
    block.install, block.cost = install[order], cost[order]
    block.system_known = (rng.random(n) >= 0.05)[order]
    return block


def _table(values: list[str], index: NDArray[np.intp]) -> list[str]:
    return [values[i] for i in index.tolist()]


def camera_rows(
    block: CameraBlock, lang: Lang, first: int = 1, *, gb_ids: bool = True
) -> list[dict[str, str]]:
    """The block's cameras as cells, numbered ``<city>-C000001`` onwards, with their
    GB/T 28181 ids (:func:`interop.generate.gbids.gb_ids`) unless ``gb_ids`` is false (a
    version-1 inventory)."""
    n = len(block)
    if n == 0:
        return []
    width = max(6, len(str(first + n - 1)))
    ids = [f"{block.code}-C{i:0{width}d}" for i in range(first, first + n)]
    owners = block.owners
    owner_ids = _table([o.dept_id for o in owners], block.owner)
    networks = _table([o.network_id or "" for o in owners], block.owner)
    systems = np.where(block.system_known, block.owner, len(owners))
    system_ids = _table([o.system_id or "" for o in owners] + [""], systems)
    coords = _table(
        ["", spelling(COORDS[0], lang), spelling(COORDS[1], lang), spelling(COORDS[2], lang)],
        block.coord,
    )
    addresses = _table(
        [*block.addresses, ""], np.where(block.address < 0, len(block.addresses), block.address)
    )
    standards = _table([spelling(s, lang) for s in STANDARDS] + [""], block.standard)
    statuses = _table([spelling(s, lang) for s in STATUSES], block.status)
    days = np.arange((INSTALL_TO - INSTALL_FROM).days + 2)
    day_text = [(INSTALL_FROM + timedelta(days=int(d))).isoformat() for d in days[:-1]] + [""]
    installs = _table(day_text, np.where(block.install < 0, len(day_text) - 1, block.install))
    top = int(block.cost.max()) + 2
    cost_text = [f"{c / 10:g}" for c in range(top - 1)] + [""]
    costs = _table(cost_text, np.where(block.cost < 0, top - 1, block.cost))
    lats = [f"{x:.6f}" for x in block.lat.tolist()]
    lons = [f"{x:.6f}" for x in block.lon.tolist()]
    keys: tuple[str, ...] = (
        "id",
        "owner_id",
        "lat",
        "lon",
        "coord_system",
        "address",
        "standard",
        "network_id",
        "system_id",
        "status",
        "install_date",
        "cost",
    )
    columns: tuple[list[str], ...] = (
        ids,
        owner_ids,
        lats,
        lons,
        coords,
        addresses,
        standards,
        networks,
        system_ids,
        statuses,
        installs,
        costs,
    )
    if gb_ids:
        from interop.generate.gbids import block_gb_ids  # gbids reads this module's blocks

        keys += ("gb_id",)
        columns += (block_gb_ids(block),)
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns, strict=True)]
