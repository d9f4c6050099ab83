"""Inventories for the parity tests of the version-2 rules: tiny plus each check's
boundary and near misses, tiny without the version-2 columns, and tiny partly collected.

Rows are the cells a loader reads (strings). The as-of date is tiny's, 2020-12-31 (2020
is a leap year: 2020-01-01 is 365 days before it, 2020-07-02 is 182, 2020-07-04 is 180,
2019-01-01 is 730).
"""

from __future__ import annotations

from pathlib import Path

from _load_helpers import Tables, edited, read_tables

from interop.schema.tables import TABLES

VERSION_2_COLUMNS = {
    table.name: [name for name, column in table.columns().items() if column.since >= 2]
    for table in TABLES
}
"""The columns inventory-format version 2 added, by table (from the schema declaration)."""

_FINE_SYSTEM = {
    "network_ids": "N1",
    "go_live": "2019-01-01",
    "build_cost": "100",
    "annual_om_cost": "10",
    "monthly_active_users": "100",
    "last_used": "2020-12-20",
    "security_grade": "2",
    "hosting": "gov_cloud",
    "classified": "false",
    "approval_no": "武发改审批〔2018〕1号",
    "acceptance_date": "2019-06-01",
    "grade_filing_date": "2019-02-01",
    "last_assessment": "2020-12-01",
    "crypto_eval_date": "2020-12-01",
    "last_update": "2020-12-01",
}
"""A live municipal system that fails no check of any version-2 rule."""


def _system(key: str, owner: str, **cells: str) -> dict[str, str]:
    return {"id": key, "name": f"System {key}", "owner_id": owner, **_FINE_SYSTEM, **cells}


EDGE_SYSTEMS = [
    # security.protection_lapse
    _system("E01", "D01", security_grade="3", last_assessment="2020-01-01"),  # 365 days: on time
    _system("E02", "D01", security_grade="3", last_assessment="2019-12-31"),  # 366: overdue
    _system("E03", "D02", security_grade="4", last_assessment="2020-07-02"),  # 182: on time
    _system("E04", "D02", security_grade="4", last_assessment="2020-07-01"),  # 183: overdue
    _system("E05", "D02", security_grade="5", last_assessment=""),  # grade 5, never assessed
    _system("E06", "D03", security_grade="3", classified="true", grade_filing_date="",
            crypto_eval_date="", last_assessment=""),  # classified: not raised
    _system("E07", "D03", security_grade="3", classified="", grade_filing_date="",
            crypto_eval_date="", last_assessment="2019-01-01"),  # all three, in order
    _system("E08", "D04", security_grade="2", last_assessment="", crypto_eval_date=""),  # no duty
    _system("E09", "D04", security_grade="3", level="provincial_vertical",
            grade_filing_date=""),  # not municipal
    _system("E10", "D04", security_grade="3", last_assessment="2021-02-01",
            crypto_eval_date=""),  # assessed after the as-of date; no 密评 only: medium
    _system("E11", "D04", security_grade="3", status="retired", grade_filing_date=""),
    # project.lifecycle_gap
    _system("E12", "D05", go_live="2020-07-04", approval_no="", acceptance_date=""),  # 180 days
    _system("E13", "D05", go_live="2020-07-03", approval_no="", build_cost="",
            acceptance_date=""),  # 181 days, empty cost counts
    _system("E14", "D05", approval_no="", build_cost="0",
            acceptance_date="2020-12-31"),  # cost 0; accepted on the as-of date
    _system("E15", "D05", acceptance_date="2021-01-01"),  # accepted after the as-of date
    _system("E16", "D05", go_live="", approval_no="", acceptance_date=""),  # go_live unknown
    # usage.zombie_candidate
    _system("E17", "D06", monthly_active_users="1"),  # narrow and rare
    _system("E18", "D06", monthly_active_users="9"),
    _system("E19", "D06", monthly_active_users="10"),  # not fewer than 10
    _system("E20", "D07", monthly_active_users="5", user_ids="D07"),  # its own department
    _system("E21", "D07", monthly_active_users="5", user_ids="D07;D08"),  # two departments
    _system("E22", "D07", monthly_active_users="0"),  # usage.idle's, not a candidate
    _system("E23", "D08", annual_om_cost="0", last_update="2019-01-01"),  # 730 days: maintained
    _system("E24", "D08", annual_om_cost="0", last_update="2018-12-31"),  # 731: unmaintained
    _system("E25", "D08", annual_om_cost="", last_update=""),  # unknown O&M is not 0
    _system("E26", "D08", annual_om_cost="0", last_update=""),  # never updated
    _system("E27", "D08", last_used="2020-01-01", annual_om_cost="0",
            last_update=""),  # idle: usage.idle's
    _system("E28", "D09"),  # replaced by two live systems
    _system("E29", "D09", replaces_id="E28"),
    _system("E30", "D10", replaces_id="E28"),
    _system("E31", "D09"),  # replaced by a retired system only
    _system("E32", "D09", replaces_id="E31", status="retired"),
    # resources.not_on_gov_cloud
    _system("E33", "D01", hosting="own_room", classified=""),  # empty classified: raised
    _system("E34", "D02", hosting="hosted", level="district"),
    _system("E35", "D03", hosting="own_room", classified="true"),
    _system("E36", "D04", hosting=""),
    _system("E37", "D05", hosting="superior"),
    _system("E38", "D06", hosting="own_room", level="provincial_vertical"),
    _system("E39", "D07", hosting="own_room", status="idle"),
    # sharing.point_to_point (PX and PY are data_exchange platforms, PG a gov_service one)
    _system("E40", "D01"),
    _system("E41", "D02"),
    _system("E42", "D03"),
    _system("E43", "D04"),
    _system("E44", "D05"),
    _system("E45", "D06"),
    _system("E46", "D07"),
    _system("E47", "D08"),
    _system("E48", "D01"),
    _system("E49", "D02", level="provincial_vertical"),
    _system("E50", "D03", status="retired"),
    _system("E51", "D04"),
    _system("E52", "D05"),
    _system("E53", "D06"),
]  # fmt: skip

EDGE_FLOWS = [
    # S -> P -> T through PX: not point to point
    ("E40", "E41", "人口", "api", "daily", ""),
    ("E40", "PX", "人口", "api", "daily", ""),
    ("PX", "E41", "人口", "api", "daily", ""),
    # only S -> P: raised, and the reverse flow is a finding of its own
    ("E42", "E43", "法人", "file", "weekly", ""),
    ("E42", "PX", "法人", "file", "weekly", ""),
    ("E43", "E42", "", "", "", "active"),
    # P -> T broken: raised
    ("E44", "E45", "证照", "api", "realtime", ""),
    ("E44", "PX", "证照", "api", "realtime", ""),
    ("PX", "E45", "证照", "api", "realtime", "broken"),
    # several flows, sorted by dataset, mechanism, frequency (empty as ''); through a
    # gov_service platform only: raised
    ("E46", "E47", "乙", "file", "daily", ""),
    ("E46", "E47", "乙", "api", "monthly", ""),
    ("E46", "E47", "", "db_sync", "", ""),
    ("E46", "E47", "甲", "api", "", ""),
    ("E46", "PG", "甲", "api", "daily", ""),
    ("PG", "E47", "甲", "api", "daily", ""),
    # a planned flow is not active
    ("E46", "E48", "丙", "api", "daily", "planned"),
    # same owner, provincial vertical, retired target: not raised
    ("E40", "E48", "丁", "api", "daily", ""),
    ("E40", "E49", "丁", "api", "daily", ""),
    ("E40", "E50", "丁", "api", "daily", ""),
    # through a provincial data_exchange platform: not point to point
    ("E51", "E52", "戊", "api", "daily", ""),
    ("E51", "PY", "戊", "api", "daily", ""),
    ("PY", "E52", "己", "file", "daily", ""),
    # a flow to itself and to a platform: neither is a pair of systems
    ("E53", "E53", "庚", "api", "daily", ""),
    ("E53", "PY", "庚", "api", "daily", ""),
]

EDGE_DEPARTMENTS = [
    # a full-width division code (NFKC: 420111) and an invalid one (left out, a warning)
    {"id": "D20", "name": "洪山区政府", "level": "district", "division_code": "４２０１１１"},
    {"id": "D21", "name": "某街道", "level": "district", "division_code": "4201"},
]

EDGE_CAMERAS = [
    # camera.gbid_invalid: malformed ids
    ("K01", "D01", "4201020000132000001", "in_use"),  # 19 digits
    ("K02", "D01", "4201020000132000 0002", "in_use"),  # a space inside
    ("K03", "D01", "４２０１０２００００１３２００００００３", "in_use"),  # full-width digits
    ("K04", "D01", "420102000013200000٠4", "in_use"),  # an Arabic-Indic digit
    ("K05", "D01", "420102000013200000051", "in_use"),  # 21 digits
    ("K06", "D01", "4201020000132000000X", "retired"),  # malformed but retired
    # division codes: digits 3-4 00 (P01 is 420000) are never compared
    ("K07", "P01", "11010200001320000007", "in_use"),
    ("K08", "D01", "11010200001320000008", "in_use"),  # 1101 vs 420100: mismatch
    ("K09", "D05", "42990000001320000009", "in_use"),  # D05 has no division code
    ("K10", "D20", "42050000001320000010", "in_use"),  # 4205 vs 420111 (full-width)
    ("K11", "D21", "42050000001320000011", "in_use"),  # D21's code was left out
    # not_camera, and every check at once (in the rule's order)
    ("K12", "D02", "42010600001330000012", "in_use"),  # type 133
    ("K13", "D01", "99990000001180000013", "in_use"),  # bad_province, not_camera, mismatch
    # camera.gbid_conflict
    ("K14", "D01", "  42010600091320000014", "in_use"),  # trimmed: shared with K15
    ("K15", "D02", "42010600091320000014", "in_use"),
    ("K16", "D03", "42010600091320000014", "retired"),  # retired: not a subject
    ("K17", "D01", "123", "in_use"),  # a malformed id shared by two owners: no conflict
    ("K18", "D02", "123", "in_use"),
    ("K19", "D04", "42010600091320000019", "in_use"),  # same owner twice: no conflict
    ("K20", "D04", "42010600091320000019", "in_use"),
    ("K21", "D04", "42010600091320000021", "in_use"),  # three owners
    ("K22", "D06", "42010600091320000021", "in_use"),
    ("K23", "D07", "42010600091320000021", ""),  # empty status is in_use
]


def edge_tables(tiny_dir: Path) -> Tables:
    """tiny plus the rows above."""
    tables = edited(read_tables(tiny_dir))
    tables["systems"] += EDGE_SYSTEMS
    tables["departments"] += EDGE_DEPARTMENTS
    tables["platforms"].append(
        {"id": "PY", "name": "省数据共享交换平台", "kind": "data_exchange",
         "level": "provincial", "owner_id": "P01", "network_ids": "N1"}
    )  # fmt: skip
    names = ("source_id", "target_id", "dataset", "mechanism", "frequency", "status")
    tables["flows"] += [dict(zip(names, row, strict=True)) for row in EDGE_FLOWS]
    for number, (key, owner, gb_id, status) in enumerate(EDGE_CAMERAS):
        # 0.01° of latitude apart (about 1.1 km): no camera site among them
        tables["cameras"].append(
            {"id": key, "owner_id": owner, "lat": f"{30.70 + number * 0.01:.4f}",
             "lon": "114.4000000", "coord_system": "wgs84", "address": f"路口{number}",
             "standard": "gb28181", "status": status, "gb_id": gb_id}
        )  # fmt: skip
    return tables


def without_columns(tables: Tables, columns: dict[str, list[str]]) -> Tables:
    """``tables`` with ``columns`` (by table) gone from the header and every row."""
    out = edited(tables)
    for table, names in columns.items():
        out[table] = [
            {k: v for k, v in row.items() if k not in names} for row in out.get(table, [])
        ]
    return out


PARTLY_MISSING: dict[str, list[str]] = {
    "departments": ["division_code"],
    "systems": ["last_assessment", "acceptance_date", "last_update"],
}
"""An inventory that collected some version-2 columns only: every check that reads one of
these is not made (division_mismatch, assessment_overdue, no_acceptance, unmaintained);
the other checks of the same rules are."""


def version_1(tables: Tables) -> Tables:
    """``tables`` as an inventory of version 1: no version-2 column at all."""
    return without_columns(tables, VERSION_2_COLUMNS)
