"""Every rejection of the contract's "Rejected rows" section: file, row, column, value, reason.

Each case adds one bad row to the full valid inventory; its spreadsheet row number is
where the test put it (the header is row 1).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from loader_cases import LoadTables, TableRows, assert_balanced

from interop.inventory.report import RowIssue
from interop.loaders import load_inventory

SYSTEM = {"id": "S9", "name": "新系统", "owner_id": "D1"}
CAMERA = {"id": "C9", "owner_id": "D1", "lat": "30.5", "lon": "114.2"}

# (case id, table, bad row, column, value, reason pattern)
CASES: list[tuple[str, str, dict[str, Any], str, str, str]] = [
    ("required cell empty", "systems", {**SYSTEM, "name": "  "}, "name", "", r"required"),
    ("required id empty", "departments", {"id": "", "name": "无编码"}, "id", "", r"required"),
    ("enum not in list", "networks", {"id": "N9", "name": "卫星", "kind": "卫星网"}, "kind",
     "卫星网", r"not one of"),
    ("enum not in list (flows)", "flows", {"source_id": "S1", "target_id": "P1",
     "frequency": "每季度"}, "frequency", "每季度", r"not one of"),
    ("latitude above 90", "cameras", {**CAMERA, "lat": "91"}, "lat", "91", r"latitude"),
    ("latitude below -90", "cameras", {**CAMERA, "lat": "-90.5"}, "lat", "-90.5", r"latitude"),
    ("longitude above 180", "cameras", {**CAMERA, "lon": "180.01"}, "lon", "180.01",
     r"longitude"),
    ("longitude below -180", "cameras", {**CAMERA, "lon": "-181"}, "lon", "-181", r"longitude"),
    ("coordinate not a number", "cameras", {**CAMERA, "lon": "东经114度"}, "lon", "东经114度",
     r"number"),
    ("date that does not exist", "systems", {**SYSTEM, "go_live": "2020-02-30"}, "go_live",
     "2020-02-30", r"date"),
    ("date in no known form", "systems", {**SYSTEM, "last_used": "上个月"}, "last_used",
     "上个月", r"date"),
    ("date in a camera row", "cameras", {**CAMERA, "install_date": "2020.13.01"},
     "install_date", "2020.13.01", r"date"),
    ("bad number", "systems", {**SYSTEM, "build_cost": "约十万"}, "build_cost", "约十万",
     r"number"),
    ("bad camera cost", "cameras", {**CAMERA, "cost": "n/a"}, "cost", "n/a", r"number"),
    ("negative count", "systems", {**SYSTEM, "modules_total": "-1"}, "modules_total", "-1",
     r"negative"),
    ("negative users", "systems", {**SYSTEM, "monthly_active_users": "-20"},
     "monthly_active_users", "-20", r"negative"),
    ("fractional count", "systems", {**SYSTEM, "modules_used": "2.5"}, "modules_used", "2.5",
     r"whole"),
    ("modules_used above modules_total", "systems",
     {**SYSTEM, "modules_total": "5", "modules_used": "6"}, "modules_used", "6",
     r"modules_total"),
    ("security grade 6", "systems", {**SYSTEM, "security_grade": "6"}, "security_grade", "6",
     r"security grade"),
    ("security grade 第六级", "systems", {**SYSTEM, "security_grade": "第六级"},
     "security_grade", "第六级", r"security grade"),
    ("bad boolean", "systems", {**SYSTEM, "gov_service": "部分"}, "gov_service", "部分",
     r"boolean"),
    ("duplicate department id", "departments", {"id": "D1", "name": "重复"}, "id", "D1",
     r"already taken.*departments\.csv row 2"),
    ("duplicate camera id", "cameras", {**CAMERA, "id": "C1"}, "id", "C1",
     r"already taken.*cameras\.csv row 2"),
    ("system id taken by a platform", "systems", {**SYSTEM, "id": "P1"}, "id", "P1",
     r"already taken.*platforms\.csv row 2"),
    ("unknown system owner_id", "systems", {**SYSTEM, "owner_id": "D99"}, "owner_id", "D99",
     r"unknown department"),
    ("unknown camera owner_id", "cameras", {**CAMERA, "owner_id": "D99"}, "owner_id", "D99",
     r"unknown department"),
    ("unknown network owner_id (the cell is optional, the reference is not)", "networks",
     {"id": "N9", "name": "专网", "kind": "industry_private", "owner_id": "D99"}, "owner_id",
     "D99", r"unknown department"),
    ("unknown platform owner_id", "platforms",
     {"id": "P9", "name": "平台", "kind": "other", "level": "municipal", "owner_id": "D99"},
     "owner_id", "D99", r"unknown department"),
    ("unknown source_id", "flows", {"source_id": "S99", "target_id": "P1"}, "source_id", "S99",
     r"unknown system or platform"),
    ("unknown target_id", "flows", {"source_id": "S1", "target_id": "P99"}, "target_id", "P99",
     r"unknown system or platform"),
    ("unknown network_a", "network_links", {"network_a": "N99", "network_b": "N1"},
     "network_a", "N99", r"unknown network"),
    ("unknown network_b", "network_links", {"network_a": "N1", "network_b": "N99"},
     "network_b", "N99", r"unknown network"),
]  # fmt: skip


def _only_issue(issues: list[RowIssue]) -> RowIssue:
    assert len(issues) == 1, [str(i) for i in issues]
    return issues[0]


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "reason"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_row_is_rejected_with_where_and_why(
    full: TableRows,
    load_tables: LoadTables,
    table: str,
    row: dict[str, Any],
    column: str,
    value: str,
    reason: str,
) -> None:
    full[table].append(row)
    row_number = len(full[table]) + 1  # the header is row 1
    inventory = load_tables(full)
    issue = _only_issue(inventory.report.rejected)
    assert (issue.table, issue.file, issue.row, issue.column, issue.value) == (
        table,
        f"{table}.csv",
        row_number,
        column,
        value,
    )
    assert re.search(reason, issue.reason), issue.reason
    assert inventory.report.tables[table].rejected == 1
    assert inventory.report.tables[table].loaded == len(full[table]) - 1


def test_required_column_missing_rejects_every_row(
    full: TableRows, load_tables: LoadTables
) -> None:
    for row in full["networks"]:
        del row["kind"]
    inventory = load_tables(full)
    networks = [i for i in inventory.report.rejected if i.table == "networks"]
    assert [(i.file, i.row, i.column, i.value) for i in networks] == [
        ("networks.csv", 2, "kind", ""),
        ("networks.csv", 3, "kind", ""),
    ]
    for issue in networks:
        assert "required column missing" in issue.reason
        assert "网络类型" in issue.reason  # names the column in both languages
    assert inventory.report.tables["networks"].loaded == 0


def test_reference_to_a_rejected_department_names_its_row(
    full: TableRows, load_tables: LoadTables
) -> None:
    full["departments"].append({"id": "D9", "name": "乡镇办", "level": "乡级"})
    department_row = len(full["departments"]) + 1
    full["systems"].append({**SYSTEM, "owner_id": "D9"})
    system_row = len(full["systems"]) + 1
    full["cameras"].append({**CAMERA, "owner_id": "D9"})
    camera_row = len(full["cameras"]) + 1
    inventory = load_tables(full)
    by_table = {i.table: i for i in inventory.report.rejected}
    assert len(inventory.report.rejected) == 3
    department = by_table["departments"]
    assert (department.row, department.column, department.value) == (
        department_row,
        "level",
        "乡级",
    )
    for table, row in (("systems", system_row), ("cameras", camera_row)):
        issue = by_table[table]
        assert (issue.file, issue.row, issue.column, issue.value) == (
            f"{table}.csv",
            row,
            "owner_id",
            "D9",
        )
        assert "unknown department" in issue.reason
        assert f"rejected: departments.csv row {department_row}" in issue.reason


def test_a_later_row_may_not_take_a_rejected_rows_place_silently(
    full: TableRows, load_tables: LoadTables
) -> None:
    """Two rows with one id, the first rejected: the second loads, nothing is lost."""
    full["systems"].append({**SYSTEM, "modules_total": "x"})
    full["systems"].append({**SYSTEM, "name": "第二行"})
    inventory = load_tables(full)
    assert [i.row for i in inventory.report.rejected] == [len(full["systems"])]
    assert [s.name for s in inventory.systems if s.id == "S9"] == ["第二行"]


def test_row_numbers_count_spreadsheet_rows_not_lines(tmp_path: Path, full: TableRows) -> None:
    """A quoted cell over several lines is one row; a blank line still takes a row."""
    folder = tmp_path / "inventory"
    folder.mkdir()
    for table in ("departments", "networks"):
        rows = full[table]
        header = list(rows[0])
        lines = [",".join(header)] + [",".join(str(r.get(h, "")) for h in header) for r in rows]
        (folder / f"{table}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "systems.csv").write_text(
        "id,name,owner_id,function\r\n"
        'S1,"视频监控\r\n系统\r\n（二期）",D1,视频监控\r\n'  # row 2, lines 2-4
        "S2,,D1,\r\n"  # row 3: rejected
        "\r\n"  # row 4: blank
        'S3,"办公\n系统",D1,"协同办公\n(OA)"\r\n'  # row 5, lines 6-7
        "S4,系统四,D404,\r\n",  # row 6: rejected
        encoding="utf-8",
    )
    inventory = load_inventory(folder)
    assert_balanced(inventory)
    assert [(i.row, i.column, i.value) for i in inventory.report.rejected] == [
        (3, "name", ""),
        (6, "owner_id", "D404"),
    ]
    names = {s.id: s.name for s in inventory.systems}
    assert names == {"S1": "视频监控\r\n系统\r\n（二期）", "S3": "办公\n系统"}
    assert inventory.report.tables["systems"].read == 4


def test_row_numbers_in_a_gbk_file_with_multiline_cells(tmp_path: Path, full: TableRows) -> None:
    folder = tmp_path / "inventory"
    folder.mkdir()
    (folder / "部门.csv").write_text(
        '部门编码,部门名称,层级\n D1 ,"市公安局\n（本级）",市级\nD2,分局,乡级\n', encoding="gbk"
    )
    (folder / "信息系统.csv").write_text(
        '系统编码,系统名称,建设部门\nS1,"一\n二\n三",D1\nS2,二,D2\n', encoding="gbk"
    )
    inventory = load_inventory(folder)
    assert_balanced(inventory)
    issues = [(i.file, i.row, i.column, i.value) for i in inventory.report.rejected]
    assert issues == [("部门.csv", 3, "level", "乡级"), ("信息系统.csv", 3, "owner_id", "D2")]
    assert inventory.departments[0].id == "D1"  # trimmed
