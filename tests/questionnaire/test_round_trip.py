"""The questionnaire round: template -> filled by every unit of the sample city -> collect ->
analyze gives the findings of analyzing the sample city itself, and shows their origin."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from interop.analysis import analyze
from interop.findings.model import FindingsDocument
from interop.generate.city import build_country, render_country
from interop.generate.returns import split_by_unit, write_returns
from interop.generate.write import typed_tables
from interop.graph import build_graph
from interop.loaders import load_inventory
from interop.loaders.write import write_csv_folder
from interop.outputs import write_outputs
from interop.parameters import Parameters
from interop.questionnaire.collect import Collected, collect, write_collected
from interop.questionnaire.template import write_template
from interop.schema.tables import TABLES

AS_OF = date(2020, 12, 31)


def _canonical(value: Any) -> Any:
    """Evidence with every list sorted: the order of flows in a list follows the order of
    rows, which collecting changes (rows are grouped by return)."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, default=str))
    return value


def findings_of(document: FindingsDocument) -> dict[tuple[str, tuple[str, ...]], Any]:
    return {
        (f.rule, tuple(sorted(f.subjects))): (
            str(f.severity),
            f.title,
            _canonical(f.evidence),
        )
        for f in document.findings
    }


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A small sample city, its own inventory, and the same city through the questionnaire."""
    root = tmp_path_factory.mktemp("round")
    tables = typed_tables(render_country(build_country(2020, 0.25, 300), "zh"))
    declared = {t.name: list(t.columns()) for t in TABLES}
    # The city as the questionnaire holds it: every column asked (version-2 ones empty).
    full = {n: [{c: r.get(c) for c in declared[n]} for r in rows] for n, rows in tables.items()}
    direct = load_inventory(write_csv_folder(full, root / "city", "zh")[0].parent)
    form = write_template(root / "form.xlsx", "zh", departments=direct.departments)
    names = {d.id: d.name for d in direct.departments}
    returns = write_returns(root / "returns", tables, form, names)
    collected = collect(root / "returns")
    out = write_collected(collected, root / "collected")
    return {
        "root": root,
        "tables": tables,
        "direct": direct,
        "returns": returns,
        "collected": collected,
        "out": out,
    }


def test_every_unit_returned_and_nothing_was_rejected(city: dict[str, Any]) -> None:
    collected: Collected = city["collected"]
    assert len(city["returns"]) == len(split_by_unit(city["tables"])) > 20
    assert not [i for i in collected.issues if i.kind == "rejected"]
    assert {i.issue.reason.split(";")[0].split(" of ")[0] for i in collected.issues} == {
        "duplicate"
    }, "the only warnings are the merged duplicates (prefilled departments, shared systems)"
    for table in TABLES:
        assert len(collected.tables[table.name]) == len(city["direct"].records(table.name))


def test_collected_city_gives_the_same_findings(city: dict[str, Any]) -> None:
    parameters = Parameters(as_of=AS_OF)
    direct = analyze(city["direct"], parameters)
    through = analyze(load_inventory(city["out"]), parameters)
    assert findings_of(through) == findings_of(direct)
    assert len(direct.findings) > 100
    assert through.not_checked == direct.not_checked
    assert through.load.rejected == [] and through.load.warnings == []


def test_vertical_systems_get_back_all_their_users(city: dict[str, Any]) -> None:
    collected = load_inventory(city["out"])
    original = {s.id: s for s in city["direct"].systems}
    vertical = [s for s in original.values() if s.level.value.endswith("_vertical") and s.user_ids]
    merged = sum(city["collected"].counts[r]["systems"].merged for r in city["collected"].counts)
    assert len(vertical) > 3 and merged == sum(len(s.user_ids) for s in vertical)
    for system in collected.systems:
        assert set(system.user_ids) == set(original[system.id].user_ids)
        assert system.build_cost == original[system.id].build_cost


def test_findings_and_report_show_where_subjects_came_from(city: dict[str, Any]) -> None:
    inventory = load_inventory(city["out"])
    document = analyze(inventory, Parameters(as_of=AS_OF))
    by_id = {s.id: s for s in inventory.systems}
    cameras = {c.id: c for c in inventory.cameras}  # read in columns by subject_origins
    subjects = {s for f in document.findings for s in f.subjects}
    assert set(document.origins) <= subjects and len(document.origins) > 50
    tables = {origin.table for origin in document.origins.values()}
    assert {"systems", "cameras"} <= tables
    for subject, origin in document.origins.items():
        if origin.table in ("systems", "cameras"):
            record = (by_id if origin.table == "systems" else cameras)[subject]
            extras = record.extras()
            assert (origin.source, origin.row) == (extras["source"], int(extras["source_row"]))
    assert json.loads(document.to_json())["origins"]
    out = city["root"] / "analysis"
    write_outputs(document, build_graph(inventory), out, lang="zh")
    html = (out / "report.html").read_text(encoding="utf-8")
    markdown = (out / "report.md").read_text(encoding="utf-8")
    texts = [f"{s} ← {o.source}:{o.row}" for s, o in document.origins.items()]
    assert "来源（回收表:行）" in html and any(t in html for t in texts)
    assert any(t in markdown for t in texts)  # the report lists a limited number per rule
    book = load_workbook(out / "findings.xlsx")
    cells = [
        str(c.value)
        for ws in book.worksheets
        if ws.cell(1, 1).value == "编号"
        for row in ws.iter_rows(min_row=2)
        for c in row[-1:]
    ]
    assert any(t in c for c in cells for t in texts), "findings.xlsx: the origin column, last"
    with (out / "findings.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-1] == "来源（回收表:行）"
    assert {t for r in rows[1:] for t in r[-1].split("; ") if t} == set(texts)


def test_findings_json_without_sources_has_no_origins(tiny_dir: Path) -> None:
    document = analyze(load_inventory(tiny_dir), Parameters(as_of=AS_OF))
    assert document.origins == {} and "origins" not in json.loads(document.to_json())
