"""The sample city: everything put together, deterministic for a seed.

``generate_city(seed, scale, lang)`` returns every table of the inventory as rows of cells
(``dict[table, list[dict[column, cell]]]``, English column names as keys), the way an
audit team types them: Chinese or English enumeration spellings, empty cells for what the
questionnaire left unknown. At scale 1 it is the audited city: 90 municipal budget units
(the district police sub-bureaus and the provincial and national bodies come in
addition), 637 systems of which 36 are national or provincial vertical systems used by
city departments, 6,370 cameras. Larger scales add cities of other provinces (see
:mod:`interop.generate.plan`). The sample is clean: every row loads, none is rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from interop.generate.cameras import CameraBlock, CameraOwner, camera_rows, city_cameras
from interop.generate.departments import (
    CityDepts,
    city_depts,
    national_depts,
    provincial_depts,
)
from interop.generate.flows import city_flows, platform_flows, vertical_flows
from interop.generate.lifecycle import add_lifecycle
from interop.generate.model import TABLE_ORDER, Dept, Sys, Tables, stream
from interop.generate.networks import (
    VIDEO_NET,
    NetIndex,
    city_networks,
    national_networks,
    provincial_networks,
)
from interop.generate.plan import SYSTEMS_AT_SCALE_1, CityPlan, largest_remainder, plan_cities
from interop.generate.platforms import (
    Platforms,
    city_platforms,
    national_platforms,
    provincial_platforms,
)
from interop.generate.render import render_rows
from interop.generate.systems import CAMERA_OWNERS, city_systems
from interop.generate.verticals import choose, province_verticals, vertical_count
from interop.i18n import Lang, check_lang
from interop.schema.tables import TABLES

CityTables = dict[str, list[dict[str, str]]]

INVENTORY_VERSIONS = (1, 2)
VERSION_2_COLUMNS: dict[str, tuple[str, ...]] = {
    table.name: tuple(name for name, column in table.columns().items() if column.since >= 2)
    for table in TABLES
}
"""The columns inventory-format version 2 added, by table (from the schema declaration)."""


@dataclass
class Country:
    """The generated sample before rendering: canonical rows and camera blocks."""

    seed: int
    scale: float
    plans: list[CityPlan]
    camera_override: int | None = None
    version: int = 2
    """The inventory-format version written: 1 leaves out the version-2 columns."""
    tables: Tables = field(default_factory=Tables)
    cameras: list[CameraBlock] = field(default_factory=list)


def _camera_owners(
    depts: CityDepts, nets: NetIndex, videos: dict[str, str]
) -> tuple[dict[str, CameraOwner], list[CameraOwner]]:
    owners = {}
    for key in CAMERA_OWNERS:
        dept = depts.by_key[key]
        owners[key] = CameraOwner(
            dept.id, nets.get(VIDEO_NET[key]), videos.get(dept.id), dept.division_code
        )
    subs = [
        CameraOwner(d.id, nets.get(VIDEO_NET["sub_bureau"]), videos.get(d.id), d.division_code)
        for d in depts.sub_bureaus
    ]
    return owners, subs


def _numpy_seed(seed: int, index: int) -> np.random.Generator:
    return np.random.default_rng([seed % (2**63), index, 0xCA3E])


def _province(
    country: Country,
    province: str,
    plans: list[CityPlan],
    national: dict[str, Dept],
    nat_nets: NetIndex,
    nat_plats: Platforms,
) -> None:
    """One province: its bodies, networks and platforms, its cities, its verticals."""
    seed, tables = country.seed, country.tables
    bodies = provincial_depts(province)
    for dept in bodies.values():
        tables.add("departments", dept.row())
    nets = provincial_networks(tables, province, bodies, nat_nets)
    plats = provincial_platforms(tables, province, bodies, nets)
    depts = []
    for plan in plans:
        depts.append(city_depts(plan, stream(seed, "departments", plan.code)))
        for dept in depts[-1].all:
            tables.add("departments", dept.row())
    chosen = choose(vertical_count(sum(p.size for p in plans)), depts)
    shares = largest_remainder(len(chosen), [p.size for p in plans])
    city_systems_all: list[Sys] = []
    linked: list[tuple[bool, Platforms]] = []
    for plan, city, share in zip(plans, depts, shares, strict=True):
        rnd = stream(seed, "city", plan.code)
        hospitals = [d for d in city.units if d.is_hospital]
        city_nets = city_networks(tables, plan, city.by_key, hospitals, nets, rnd)
        city_plats = city_platforms(tables, plan, city.by_key, city_nets)
        total = max(round(SYSTEMS_AT_SCALE_1 * plan.size) - share, len(city.all))
        factory = city_systems(plan, city, city_nets, tables, rnd, total)
        city_flows(tables, factory.systems, city_plats, stream(seed, "flows", plan.code))
        city_systems_all += factory.systems
        linked.append((not plan.is_wuhan and rnd.random() < 0.5, city_plats))
        owners, subs = _camera_owners(city, city_nets, factory.video_systems())
        country.cameras.append(city_cameras(plan, owners, subs, _numpy_seed(seed, plan.index)))
    verticals = province_verticals(
        tables, province, chosen, national, bodies, nets, stream(seed, "verticals", province)
    )
    vertical_flows(
        tables,
        verticals.systems,
        verticals.docking,
        city_systems_all,
        plats,
        nat_plats,
        stream(seed, "vertical-flows", province),
    )
    platform_flows(tables, nat_plats, plats, linked, stream(seed, "platforms", province))
    if country.version >= 2:
        add_lifecycle([*city_systems_all, *verticals.systems], seed)


def build_country(
    seed: int = 2020, scale: float = 1.0, cameras: int | None = None, version: int = 2
) -> Country:
    """Generate the sample (canonical values), province by province; ``version`` 1 leaves
    out the version-2 columns (the city is otherwise the same)."""
    if version not in INVENTORY_VERSIONS:
        raise ValueError(f"inventory version must be 1 or 2, not {version!r}")
    country = Country(seed, scale, plan_cities(seed, scale, cameras), cameras, version)
    tables = country.tables
    national = national_depts()
    for dept in national.values():
        tables.add("departments", dept.row())
    nat_nets = national_networks(tables, national)
    nat_plats = national_platforms(tables, national, nat_nets)
    provinces = list(dict.fromkeys(p.province for p in country.plans))
    for province in provinces:
        plans = [p for p in country.plans if p.province == province]
        _province(country, province, plans, national, nat_nets, nat_plats)
    return country


def render_country(country: Country, lang: Lang) -> CityTables:
    """Every table as cells in ``lang`` (a version-1 city without the version-2 columns)."""
    out: CityTables = {}
    for table in TABLE_ORDER:
        if table == "cameras":
            rows: list[dict[str, str]] = []
            for block in country.cameras:
                rows += camera_rows(block, lang, gb_ids=country.version >= 2)
            out[table] = rows
        else:
            out[table] = render_rows(country.tables.rows[table], lang)
    if country.version < 2:
        for table, columns in VERSION_2_COLUMNS.items():
            for row in out[table]:
                for column in columns:
                    row.pop(column, None)
    return out


def generate_city(
    seed: int = 2020,
    scale: float = 1.0,
    lang: str = "zh",
    cameras: int | None = None,
    version: int = 2,
) -> CityTables:
    """The sample city's inventory: ``{table: [row of cells, …]}``, keys English column names.

    ``lang`` ("zh" or "en") chooses the spelling of enumerations, booleans, grades and
    lists; the records are the same in both. ``cameras`` overrides the number of cameras
    (by default 6,370 × scale).
    """
    return render_country(build_country(seed, scale, cameras, version), check_lang(lang))
