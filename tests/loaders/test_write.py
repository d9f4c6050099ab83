"""The inventory writer round-trips through the loaders, in English or Chinese, CSV or xlsx."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from loader_cases import TableRows, assert_balanced, record_values

from interop.loaders import load_inventory
from interop.loaders.write import Lang, write_csv_folder, write_xlsx
from interop.schema.enums import CoordSystem, Status
from interop.schema.tables import TABLES

Expected = dict[str, list[dict[str, Any]]]


def _check(inventory_path: Path, expected: Expected) -> None:
    inventory = load_inventory(inventory_path)
    assert_balanced(inventory)
    assert inventory.report.rejected == [] and inventory.report.warnings == []
    assert inventory.report.extra_tables == []
    for table in TABLES:
        assert record_values(inventory, table.name) == expected[table.name], table.name


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_csv_round_trip(
    tmp_path: Path, full: TableRows, expected: Expected, lang: Lang, encoding: str
) -> None:
    folder = tmp_path / "inventory"
    files = write_csv_folder(full, folder, lang=lang, encoding=encoding)
    title = {t.name: (t.name if lang == "en" else t.zh) for t in TABLES}
    assert sorted(p.name for p in files) == sorted(f"{title[t.name]}.csv" for t in TABLES)
    systems = (folder / f"{title['systems']}.csv").read_bytes().decode(encoding)
    first_header = systems.lstrip("\ufeff").split(",", 1)[0]
    assert first_header == ("id" if lang == "en" else "系统编码")
    _check(folder, expected)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_xlsx_round_trip(tmp_path: Path, full: TableRows, expected: Expected, lang: Lang) -> None:
    path = write_xlsx(full, tmp_path / "inventory.xlsx", lang=lang)
    _check(path, expected)


def _typed(full: TableRows) -> TableRows:
    """What a generator holds: dates, numbers, booleans, lists, enums, None."""
    full["systems"][1].update(
        user_ids=["D1", "D2"],
        network_ids=("N2",),
        gov_service=False,
        status=Status.in_use,
        go_live=date(2019, 6, 1),
        last_used=date(2020, 11, 30),
        build_cost=120.5,
        annual_om_cost=12,
        modules_total=10,
        modules_used=7,
        monthly_active_users=350,
        security_grade=3,
    )
    full["systems"][0]["function"] = None
    full["cameras"][0].update(
        lat=30.58, lon=114.3, coord_system=CoordSystem.gcj02, install_date=date(2018, 3, 5)
    )
    full["platforms"][0]["network_ids"] = ["N1", "N2"]
    return full


@pytest.mark.parametrize("container", ["csv", "xlsx"])
def test_typed_values_round_trip(
    tmp_path: Path, full: TableRows, expected: Expected, container: str
) -> None:
    tables = _typed(full)
    if container == "csv":
        path = tmp_path / "inventory"
        write_csv_folder(tables, path, lang="zh", encoding="gbk")
    else:
        path = write_xlsx(tables, tmp_path / "inventory.xlsx", lang="zh")
    _check(path, expected)


@pytest.mark.parametrize("container", ["csv", "xlsx"])
def test_extra_columns_and_tables_and_leading_zeros(
    tmp_path: Path, full: TableRows, container: str
) -> None:
    full["departments"].append({"id": "007", "name": "市档案局", "联系电话": "027-0001"})
    full["notes"] = [{"说明": "示例", "页码": "01"}]
    if container == "csv":
        path = tmp_path / "inventory"
        write_csv_folder(full, path, lang="zh")
    else:
        path = write_xlsx(full, tmp_path / "inventory.xlsx", lang="zh")
    inventory = load_inventory(path)
    assert inventory.departments[-1].id == "007"
    assert inventory.departments[-1].extras() == {"联系电话": "027-0001"}
    assert inventory.extra_tables == {"notes": [{"说明": "示例", "页码": "01"}]}


def test_an_empty_table_is_written_with_its_header(tmp_path: Path, full: TableRows) -> None:
    full["flows"] = []
    write_csv_folder(full, tmp_path, lang="zh")
    header = (tmp_path / "数据流.csv").read_text(encoding="utf-8").strip()
    flows = next(t for t in TABLES if t.name == "flows")
    assert header.split(",") == [c.zh for c in flows.columns().values()]
    inventory = load_inventory(tmp_path)
    assert inventory.report.tables["flows"].read == 0
