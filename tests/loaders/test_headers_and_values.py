"""Headers and values as the contract allows them: both languages, any order, every spelling.

Header and enum cases are generated from the schema declaration (``TABLES``) and from
``interop.schema.enums.ALIASES``, so a column or spelling added there is tested here.
"""

from __future__ import annotations

import typing
from datetime import date
from enum import StrEnum
from typing import Any

import pytest
from loader_cases import LoadTables, TableRows, record_values

from interop.schema.enums import ALIASES, spellings
from interop.schema.tables import TABLE_BY_NAME, TABLES

HEADER_CASES = [
    (table.name, column, spelling)
    for table in TABLES
    for column, declared in table.columns().items()
    for spelling in (column, declared.zh)
]


def _header(table: str, column: str, style: str, position: int) -> str:
    zh = TABLE_BY_NAME[table].columns()[column].zh
    if style == "en":
        return column
    if style == "EN":
        return column.upper()
    if style == "zh":
        return zh
    return zh if position % 2 else column  # mixed


def _restyle(tables: TableRows, style: str) -> TableRows:
    """Rename headers to ``style``, pad them with spaces and reverse the column order."""
    out: TableRows = {}
    for table, rows in tables.items():
        order = list(TABLE_BY_NAME[table].columns())
        names = {c: f"  {_header(table, c, style, i)} " for i, c in enumerate(order)}
        out[table] = [{names[c]: row[c] for c in reversed(order) if c in row} for row in rows]
    return out


def test_full_inventory_covers_every_declared_column(full: TableRows) -> None:
    for table in TABLES:
        written = {column for row in full[table.name] for column in row}
        assert written == set(table.columns()), table.name


def test_full_inventory_loads_as_the_contract_says(
    full: TableRows, expected: dict[str, list[dict[str, Any]]], load_tables: LoadTables
) -> None:
    inventory = load_tables(full)
    assert inventory.report.rejected == [] and inventory.report.warnings == []
    for table in TABLES:
        assert record_values(inventory, table.name) == expected[table.name], table.name


@pytest.mark.parametrize("chinese_names", [False, True], ids=["english-files", "chinese-files"])
@pytest.mark.parametrize("style", ["en", "EN", "zh", "mixed"])
def test_headers_in_either_language_any_order_with_spaces(
    full: TableRows,
    expected: dict[str, list[dict[str, Any]]],
    load_tables: LoadTables,
    style: str,
    chinese_names: bool,
) -> None:
    inventory = load_tables(_restyle(full, style), chinese_names=chinese_names)
    assert inventory.report.rejected == [] and inventory.report.warnings == []
    for table in TABLES:
        assert record_values(inventory, table.name) == expected[table.name], table.name
        assert all(not r.extras() for r in inventory.records(table.name)), table.name


@pytest.mark.parametrize(("table", "column", "spelling"), HEADER_CASES)
def test_each_header_alias(
    full: TableRows,
    expected: dict[str, list[dict[str, Any]]],
    load_tables: LoadTables,
    table: str,
    column: str,
    spelling: str,
) -> None:
    full[table] = [
        {(f" {spelling}\t" if key == column else key): value for key, value in row.items()}
        for row in full[table]
    ]
    inventory = load_tables(full)
    assert inventory.report.rejected == []
    assert record_values(inventory, table) == expected[table]


def test_chinese_table_file_names_are_recognised(full: TableRows, load_tables: LoadTables) -> None:
    inventory = load_tables(full, chinese_names=True)
    for table in TABLES:
        assert inventory.report.tables[table.name].loaded == len(full[table.name]), table.name
    assert inventory.report.extra_tables == []


# -- enumerations ------------------------------------------------------------------------


def _enum_of(annotation: object) -> type[StrEnum] | None:
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return annotation
    for arg in typing.get_args(annotation):
        found = _enum_of(arg)
        if found is not None:
            return found
    return None


ENUM_FIELDS = [
    (table.name, name, enum)
    for table in TABLES
    for name, info in table.model.model_fields.items()
    if (enum := _enum_of(info.annotation)) is not None
]


def test_every_aliased_enum_is_used_by_some_column() -> None:
    used = {enum for _, _, enum in ENUM_FIELDS}
    assert {type(member) for member in ALIASES} <= used


def _variants(spelling: str) -> list[str]:
    return sorted({spelling, spelling.upper(), spelling.lower(), f"  {spelling} "})


@pytest.mark.parametrize(
    ("table", "column", "enum"),
    ENUM_FIELDS,
    ids=[f"{table}.{column}" for table, column, _ in ENUM_FIELDS],
)
def test_every_enum_spelling_in_any_case(
    full: TableRows, load_tables: LoadTables, table: str, column: str, enum: type[StrEnum]
) -> None:
    key = TABLE_BY_NAME[table].key or "dataset"
    template = full[table][-1]
    wanted: dict[str, StrEnum] = {}
    for member in enum:
        for spelling in spellings(member):
            for variant in _variants(spelling):
                row_id = f"E{len(wanted)}"
                full[table].append({**template, key: row_id, column: variant})
                wanted[row_id] = member
    inventory = load_tables(full)
    assert inventory.report.rejected == []
    got = {getattr(r, key): getattr(r, column) for r in inventory.records(table)}
    for row_id, member in wanted.items():
        assert got[row_id] is member, (row_id, member)


def test_unknown_enum_value_is_not_guessed(full: TableRows, load_tables: LoadTables) -> None:
    full["flows"][0]["mechanism"] = "ftp"
    inventory = load_tables(full)
    assert [(i.column, i.value) for i in inventory.report.rejected] == [("mechanism", "ftp")]


# -- values ------------------------------------------------------------------------------

SEPARATORS = [";", "；", ",", "，", "、"]  # the contract's list


@pytest.mark.parametrize("separator", SEPARATORS)
def test_every_multi_value_separator(
    full: TableRows, load_tables: LoadTables, separator: str
) -> None:
    full["systems"][1]["user_ids"] = f"D1{separator}D2"
    full["systems"][1]["network_ids"] = f" N1 {separator} N2 "
    full["platforms"][0]["network_ids"] = f"N2{separator}N1{separator}"
    inventory = load_tables(full)
    assert inventory.report.warnings == [] and inventory.report.rejected == []
    system = inventory.systems[1]
    assert (system.user_ids, system.network_ids) == (["D1", "D2"], ["N1", "N2"])
    assert inventory.platforms[0].network_ids == ["N2", "N1"]


DATE_FORMS = [
    "2020-03-05",
    "2020/03/05",
    "2020/3/5",
    "2020年03月05日",
    "2020年3月5日",
    " 2020-3-5 ",
]


@pytest.mark.parametrize("text", DATE_FORMS)
def test_every_date_form(full: TableRows, load_tables: LoadTables, text: str) -> None:
    full["systems"][1]["go_live"] = text
    full["cameras"][0]["install_date"] = text
    inventory = load_tables(full)
    assert inventory.report.rejected == []
    assert inventory.systems[1].go_live == date(2020, 3, 5)
    assert inventory.cameras[0].install_date == date(2020, 3, 5)


BOOLEANS = [
    *((text, True) for text in ("true", "TRUE", "True", "yes", "Yes", "1", "是", "Y", "y")),
    *((text, False) for text in ("false", "FALSE", "no", "No", "0", "否", "N", "n")),
    ("", None),
]


@pytest.mark.parametrize(("text", "value"), BOOLEANS)
def test_booleans(full: TableRows, load_tables: LoadTables, text: str, value: bool | None) -> None:
    full["systems"][1]["gov_service"] = text
    inventory = load_tables(full)
    assert inventory.report.rejected == []
    assert inventory.systems[1].gov_service is value


GRADES = [
    *((str(n), n) for n in range(1, 6)),
    *((f"第{word}级", n) for n, word in enumerate("一二三四五", start=1)),
    *((f"{word}级", n) for n, word in enumerate("一二三四五", start=1)),
    ("未定级", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "grade"), GRADES)
def test_security_grades(
    full: TableRows, load_tables: LoadTables, text: str, grade: int | None
) -> None:
    full["systems"][1]["security_grade"] = text
    inventory = load_tables(full)
    assert inventory.report.rejected == []
    assert inventory.systems[1].security_grade == grade


def test_empty_cell_is_unknown_never_zero(full: TableRows, load_tables: LoadTables) -> None:
    for column in ("build_cost", "modules_total", "monthly_active_users", "security_grade"):
        full["systems"][1][column] = ""
    inventory = load_tables(full)
    system = inventory.systems[1]
    assert system.build_cost is None and system.modules_total is None
    assert system.monthly_active_users is None and system.security_grade is None


def test_defaults_of_the_contract(full: TableRows, load_tables: LoadTables) -> None:
    full["departments"][0]["level"] = ""
    full["systems"][1].update(level="", status="")
    full["flows"][0]["status"] = ""
    full["cameras"][0]["coord_system"] = ""
    inventory = load_tables(full)
    assert inventory.departments[0].level == "municipal"
    assert (inventory.systems[1].level, inventory.systems[1].status) == ("municipal", "in_use")
    assert inventory.flows[0].status == "active"
    assert inventory.cameras[0].coord_system == "wgs84"
