"""Inventories for the loader tests: a full valid one, what it means, and CSV helpers.

``FULL`` is one valid inventory that fills every declared column of every table, written
as an auditor would (strings, Chinese and English spellings mixed); ``EXPECTED`` is what
the contract says each row means, typed. Tests copy ``FULL`` and change what they test.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from interop.inventory.model import Inventory
from interop.schema.tables import TABLE_BY_NAME, TABLES

Rows = list[dict[str, Any]]
TableRows = dict[str, Rows]
LoadTables = Callable[..., Inventory]
"""``load(tables, chinese_names=False, encoding="utf-8") -> Inventory`` (a fixture)."""

FULL: TableRows = {
    "departments": [
        {
            "id": "D1",
            "name": "市公安局",
            "level": "municipal",
            "sector": "公安",
            "parent_id": "",
            "division_code": "420100",
        },
        {
            "id": "D2",
            "name": "江岸区分局",
            "level": "区级",
            "sector": "公安",
            "parent_id": "D1",
            "division_code": "420102",
        },
    ],
    "networks": [
        {"id": "N1", "name": "电子政务外网", "kind": "extranet", "owner_id": "D1"},
        {"id": "N2", "name": "公安视频专网", "kind": "视频专网", "owner_id": "D2"},
    ],
    "network_links": [{"network_a": "N1", "network_b": "N2", "mechanism": "网闸"}],
    "platforms": [
        {
            "id": "P1",
            "name": "市数据共享交换平台",
            "kind": "共享交换平台",
            "level": "municipal",
            "owner_id": "D1",
            "network_ids": "N1;N2",
        }
    ],
    "systems": [
        {"id": "S0", "name": "旧视频系统", "owner_id": "D2", "status": "停用"},
        {
            "id": "S1",
            "name": "视频监控系统",
            "owner_id": "D2",
            "level": "district",
            "user_ids": "D1、D2",
            "function": "视频监控",
            "network_ids": "N2",
            "gov_service": "否",
            "status": "在用",
            "go_live": "2019-06-01",
            "build_cost": "120.5",
            "annual_om_cost": "12",
            "modules_total": "10",
            "modules_used": "7",
            "monthly_active_users": "350",
            "last_used": "2020年11月30日",
            "security_grade": "第三级",
            "replaces_id": "S0",
            "hosting": "政务云",
            "classified": "否",
            "approval_no": "武发改审批〔2018〕12号",
            "acceptance_date": "2019-08-01",
            "grade_filing_date": "2019/07/01",
            "last_assessment": "2020-10-15",
            "crypto_eval_date": "2020年9月30日",
            "last_update": "2020-11-01",
        },
    ],
    "flows": [
        {
            "source_id": "S1",
            "target_id": "P1",
            "dataset": "视频目录",
            "mechanism": "接口",
            "frequency": "每日",
            "status": "计划",
        }
    ],
    "cameras": [
        {
            "id": "C1",
            "owner_id": "D2",
            "lat": "30.58",
            "lon": "114.3",
            "coord_system": "GCJ-02",
            "address": "江岸区沿江大道1号",
            "standard": "GB/T 28181",
            "network_id": "N2",
            "system_id": "S1",
            "status": "闲置",
            "install_date": "2018/03/05",
            "cost": "1.2",
            "gb_id": " 42010200001310000001 ",
        }
    ],
}

EXPECTED: dict[str, list[dict[str, Any]]] = {
    "departments": [
        {
            "id": "D1",
            "name": "市公安局",
            "level": "municipal",
            "sector": "公安",
            "parent_id": None,
            "division_code": "420100",
        },
        {
            "id": "D2",
            "name": "江岸区分局",
            "level": "district",
            "sector": "公安",
            "parent_id": "D1",
            "division_code": "420102",
        },
    ],
    "networks": [
        {"id": "N1", "name": "电子政务外网", "kind": "extranet", "owner_id": "D1"},
        {"id": "N2", "name": "公安视频专网", "kind": "video_private", "owner_id": "D2"},
    ],
    "network_links": [{"network_a": "N1", "network_b": "N2", "mechanism": "网闸"}],
    "platforms": [
        {
            "id": "P1",
            "name": "市数据共享交换平台",
            "kind": "data_exchange",
            "level": "municipal",
            "owner_id": "D1",
            "network_ids": ["N1", "N2"],
        }
    ],
    "systems": [
        {
            "id": "S0",
            "name": "旧视频系统",
            "owner_id": "D2",
            "level": "municipal",
            "user_ids": [],
            "function": None,
            "network_ids": [],
            "gov_service": None,
            "status": "retired",
            "go_live": None,
            "build_cost": None,
            "annual_om_cost": None,
            "modules_total": None,
            "modules_used": None,
            "monthly_active_users": None,
            "last_used": None,
            "security_grade": None,
            "replaces_id": None,
            "hosting": None,
            "classified": None,
            "approval_no": None,
            "acceptance_date": None,
            "grade_filing_date": None,
            "last_assessment": None,
            "crypto_eval_date": None,
            "last_update": None,
        },
        {
            "id": "S1",
            "name": "视频监控系统",
            "owner_id": "D2",
            "level": "district",
            "user_ids": ["D1", "D2"],
            "function": "视频监控",
            "network_ids": ["N2"],
            "gov_service": False,
            "status": "in_use",
            "go_live": date(2019, 6, 1),
            "build_cost": 120.5,
            "annual_om_cost": 12.0,
            "modules_total": 10,
            "modules_used": 7,
            "monthly_active_users": 350,
            "last_used": date(2020, 11, 30),
            "security_grade": 3,
            "replaces_id": "S0",
            "hosting": "gov_cloud",
            "classified": False,
            "approval_no": "武发改审批〔2018〕12号",
            "acceptance_date": date(2019, 8, 1),
            "grade_filing_date": date(2019, 7, 1),
            "last_assessment": date(2020, 10, 15),
            "crypto_eval_date": date(2020, 9, 30),
            "last_update": date(2020, 11, 1),
        },
    ],
    "flows": [
        {
            "source_id": "S1",
            "target_id": "P1",
            "dataset": "视频目录",
            "mechanism": "api",
            "frequency": "daily",
            "status": "planned",
        }
    ],
    "cameras": [
        {
            "id": "C1",
            "owner_id": "D2",
            "lat": 30.58,
            "lon": 114.3,
            "coord_system": "gcj02",
            "address": "江岸区沿江大道1号",
            "standard": "gb28181",
            "network_id": "N2",
            "system_id": "S1",
            "status": "idle",
            "install_date": date(2018, 3, 5),
            "cost": 1.2,
            "gb_id": "42010200001310000001",
        }
    ],
}


def columns_of(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every key of the rows, in first-seen order."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def write_csv(
    folder: Path,
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    chinese_names: bool = False,
    encoding: str = "utf-8",
) -> Path:
    """Write ``tables`` (rows keyed by header text) with the csv module, one file each."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        stem = TABLE_BY_NAME[table].zh if chinese_names and table in TABLE_BY_NAME else table
        headers = columns_of(rows)
        with (folder / f"{stem}.csv").open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows([row.get(h, "") for h in headers] for row in rows)
    return folder


def record_values(inventory: Inventory, table: str) -> list[dict[str, Any]]:
    """The declared fields of every loaded record of ``table`` (extras left out)."""
    fields = list(TABLE_BY_NAME[table].columns())
    return [{f: getattr(r, f) for f in fields} for r in inventory.records(table)]


def assert_balanced(inventory: Inventory) -> None:
    """The contract's count: rows read = rows loaded + rows rejected, for every table."""
    for table in TABLES:
        count = inventory.report.tables[table.name]
        assert count.read == count.loaded + count.rejected, (table.name, count)
        assert count.loaded == len(inventory.records(table.name)), table.name
        rejected = [i for i in inventory.report.rejected if i.table == table.name]
        assert count.rejected == len(rejected), table.name


def non_empty_rows(rows: Sequence[Mapping[str, Any]]) -> int:
    """How many rows have at least one non-empty cell (the rows a loader reads)."""
    return sum(any(str(v).strip() for v in row.values() if v is not None) for row in rows)
