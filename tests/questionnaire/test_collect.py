"""`interop collect`: every rule of audit-cycle.md's section, one test or more each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from interop.cli.app import cli
from interop.loaders import load_inventory
from interop.loaders.write import write_csv_folder, write_xlsx
from interop.questionnaire.collect import Collected, collect, write_collected
from interop.questionnaire.feedback import write_feedback
from interop.schema.tables import TABLE_BY_NAME, TABLES

Tables = dict[str, list[dict[str, Any]]]

DEPARTMENTS = [
    {"id": "D1", "name": "市公安局", "level": "municipal"},
    {"id": "D2", "name": "市卫健委", "level": "municipal"},
    {"id": "D3", "name": "市医保局", "level": "municipal"},
]


def system(sid: str, owner: str = "D1", **values: Any) -> dict[str, Any]:
    return {"id": sid, "name": f"系统{sid}", "owner_id": owner, **values}


def every_column(tables: Tables) -> Tables:
    """The rows with every declared column (as the questionnaire has them), empty or not."""
    declared = {t.name: list(t.columns()) for t in TABLES}
    return {
        name: [{c: row.get(c) for c in declared.get(name, [])} | row for row in rows]
        for name, rows in tables.items()
    }


def put_csv(
    folder: Path,
    name: str,
    tables: Tables,
    lang: str = "en",
    encoding: str = "utf-8",
    old: bool = False,
) -> Path:
    """A CSV return: every column of the questionnaire, or (``old``) only those given."""
    given = tables if old else every_column(tables)
    return write_csv_folder(given, folder / name, lang, encoding)[0].parent


def put_xlsx(folder: Path, name: str, tables: Tables, lang: str = "zh") -> Path:
    return write_xlsx(every_column(tables), folder / f"{name}.xlsx", lang)


def assert_accounted(collected: Collected) -> None:
    """Rows read = written + merged + rejected, for every return and table, and the
    written inventory holds exactly the rows counted as written."""
    written: dict[str, int] = {}
    for ret, tables in collected.counts.items():
        for table, tally in tables.items():
            assert tally.read == tally.written + tally.merged + tally.rejected, (ret, table)
            written[table] = written.get(table, 0) + tally.written
    for table in TABLES:
        assert len(collected.tables[table.name]) == written[table.name], table.name
    rejected = sum(1 for i in collected.issues if i.kind == "rejected")
    assert rejected == sum(collected.count(r.name).rejected for r in collected.returns)


def issues(collected: Collected, ret: str, kind: str) -> list[str]:
    return [str(i.issue) for i in collected.issues_of(ret) if i.kind == kind]


def written(collected: Collected, table: str) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in collected.tables[table]}


def test_references_resolve_across_returns(tmp_path: Path) -> None:
    put_csv(tmp_path, "a-市公安局", {"departments": DEPARTMENTS, "systems": []})
    put_csv(tmp_path, "b-市卫健委", {"systems": [system("S1", owner="D2", user_ids="D3")]})
    collected = collect(tmp_path)
    assert_accounted(collected)
    assert written(collected, "systems")["S1"]["user_ids"] == ["D3"]
    assert collected.count("b-市卫健委").written == 1 and not collected.issues


def test_identical_rows_are_merged_into_the_first_return(tmp_path: Path) -> None:
    put_csv(tmp_path, "b", {"departments": DEPARTMENTS, "systems": [system("S1", build_cost="")]})
    put_csv(
        tmp_path,
        "a",
        {"departments": DEPARTMENTS, "systems": [system("S1", build_cost="12.5", status="")]},
    )
    put_csv(tmp_path, "c", {"systems": [system("S1", status="in_use", go_live="2019/5/1")]})
    collected = collect(tmp_path)
    assert_accounted(collected)
    row = written(collected, "systems")["S1"]
    assert (row["source"], row["source_row"]) == ("a", 2)
    assert row["build_cost"] == 12.5 and str(row["go_live"]) == "2019-05-01"
    assert collected.counts["b"]["systems"].merged == 1
    assert collected.counts["c"]["systems"].merged == 1
    assert collected.counts["b"]["departments"].merged == 3
    assert "b/systems.csv row 2, column id = 'S1': duplicate of a:2; merged" in issues(
        collected, "b", "warning"
    )
    assert not issues(collected, "a", "warning")


def test_user_and_network_lists_are_united(tmp_path: Path) -> None:
    networks = [
        {"id": "N1", "name": "外网", "kind": "extranet"},
        {"id": "N2", "name": "内网", "kind": "intranet"},
    ]
    vertical = {"level": "provincial_vertical", "owner": "D1"}
    put_csv(
        tmp_path,
        "a",
        {
            "departments": DEPARTMENTS,
            "networks": networks,
            "systems": [
                system(
                    "V1",
                    vertical["owner"],
                    level="provincial_vertical",
                    user_ids="D2",
                    network_ids="N1",
                )
            ],
        },
    )
    put_csv(
        tmp_path,
        "b",
        {
            "systems": [
                system(
                    "V1", vertical["owner"], level="省级垂直", user_ids="D3、D2", network_ids="N2"
                )
            ]
        },
    )
    collected = collect(tmp_path)
    assert_accounted(collected)
    row = written(collected, "systems")["V1"]
    assert row["user_ids"] == ["D2", "D3"] and row["network_ids"] == ["N1", "N2"]


def test_different_values_reject_every_row_naming_the_others(tmp_path: Path) -> None:
    put_csv(tmp_path, "a", {"departments": DEPARTMENTS, "systems": [system("S1", status="idle")]})
    put_csv(tmp_path, "b", {"systems": [system("S1", status="in_use"), system("S2")]})
    put_csv(
        tmp_path,
        "c",
        {
            "systems": [system("S1", status="idle")],
            "flows": [{"source_id": "S1", "target_id": "S2"}],
        },
    )
    collected = collect(tmp_path)
    assert_accounted(collected)
    assert "S1" not in written(collected, "systems")
    for ret in "abc":
        assert collected.counts[ret]["systems"].rejected == 1
    (rejected_a,) = issues(collected, "a", "rejected")
    assert "b:2 (status 'in_use' there, 'idle' here)" in rejected_a and "c:2 (agrees)" in rejected_a
    assert "column status = 'idle'" in rejected_a
    (rejected_b,) = [i for i in issues(collected, "b", "rejected") if "S2" not in i]
    assert "a:2" in rejected_b and "c:2" in rejected_b
    flow = [i for i in issues(collected, "c", "rejected") if "flows.csv" in i]
    assert flow and "its rows conflict: a:2, b:2, c:2" in flow[0]


def test_same_id_twice_in_one_return_is_rejected_as_the_format_says(tmp_path: Path) -> None:
    put_csv(tmp_path, "a", {"departments": DEPARTMENTS, "systems": [system("S1"), system("S1")]})
    collected = collect(tmp_path)
    assert_accounted(collected)
    assert issues(collected, "a", "rejected") == [
        "a/systems.csv row 3, column id = 'S1': id already taken (a/systems.csv row 2)"
    ]


def test_system_and_platform_sharing_an_id_across_returns_conflict(tmp_path: Path) -> None:
    put_csv(tmp_path, "a", {"departments": DEPARTMENTS, "systems": [system("X1")]})
    put_csv(
        tmp_path,
        "b",
        {"platforms": [{"id": "X1", "name": "平台", "kind": "other", "level": "municipal"}]},
    )
    collected = collect(tmp_path)
    assert_accounted(collected)
    assert collected.counts["a"]["systems"].rejected == 1
    assert collected.counts["b"]["platforms"].rejected == 1


def test_a_rejected_first_row_gives_way_to_the_next_valid_one(tmp_path: Path) -> None:
    put_csv(tmp_path, "a", {"departments": DEPARTMENTS, "systems": [system("S1", status="坏")]})
    put_csv(
        tmp_path,
        "b",
        {
            "systems": [system("S1", status="在用")],
            "flows": [{"source_id": "S1", "target_id": "S1"}],
        },
    )
    collected = collect(tmp_path)
    assert_accounted(collected)
    assert written(collected, "systems")["S1"]["source"] == "b"
    assert collected.counts["a"]["systems"].rejected == 1
    assert "column status = '坏'" in issues(collected, "a", "rejected")[0]
    assert collected.counts["b"]["flows"].written == 1


def test_mixed_languages_formats_and_encodings(tmp_path: Path) -> None:
    tables = {"departments": DEPARTMENTS, "systems": [system("S1", status="in_use", level="")]}
    put_xlsx(tmp_path, "a-中文", tables, lang="zh")
    put_csv(
        tmp_path,
        "b-gbk",
        {"systems": [system("S1", status="在用", security_grade="第三级")]},
        lang="zh",
        encoding="gbk",
    )
    put_csv(tmp_path, "c-english", {"systems": [system("S1", security_grade="3")]}, lang="en")
    assert (tmp_path / "b-gbk" / "信息系统.csv").read_bytes().decode("gbk")
    collected = collect(tmp_path)
    assert_accounted(collected)
    row = written(collected, "systems")["S1"]
    assert (row["source"], row["security_grade"]) == ("a-中文", 3)
    assert collected.count("b-gbk").merged == 1 and collected.count("c-english").merged == 1
    assert issues(collected, "b-gbk", "warning")[0].startswith("b-gbk/信息系统.csv row 2")


def test_a_version_2_column_is_written_only_when_every_return_collected_it(
    tmp_path: Path,
) -> None:
    put_csv(
        tmp_path, "a", {"departments": DEPARTMENTS, "systems": [system("S1", hosting="gov_cloud")]}
    )
    old = put_csv(tmp_path, "b-old", {"systems": [system("S2")]}, old=True)
    assert "hosting" not in (old / "systems.csv").read_text(encoding="utf-8")
    put_csv(tmp_path, "c-no-systems", {"departments": DEPARTMENTS[:1]})
    collected = collect(tmp_path)
    assert_accounted(collected)
    assert collected.left_out == {
        "systems": {
            c: ["b-old"] for c, col in TABLE_BY_NAME["systems"].columns().items() if col.since == 2
        }
    }
    assert all("hosting" not in row for row in collected.tables["systems"])
    warning = [i for i in issues(collected, "b-old", "warning") if "hosting" in i]
    assert warning and "left out" in warning[0] and "b-old" in warning[0]
    out = write_collected(collected, tmp_path.parent / "collected")
    report = load_inventory(out).report
    assert not report.collected("systems", "hosting")
    assert report.collected("systems", "name") and report.collected("cameras", "gb_id")


def test_source_columns_and_xlsx_output(tmp_path: Path) -> None:
    returns = tmp_path / "returns"
    returns.mkdir()
    put_xlsx(returns, "a", {"departments": DEPARTMENTS, "systems": [system("S1")]})
    put_csv(returns, "b", {"systems": [system("S2", owner="D9")]})
    collected = collect(returns)
    out = write_collected(collected, tmp_path / "inventory.xlsx")
    inventory = load_inventory(out)
    assert inventory.report.ok
    (s1,) = inventory.systems
    assert (s1.extras()["source"], s1.extras()["source_row"]) == ("a", 2)
    (rejected,) = issues(collected, "b", "rejected")
    assert rejected.startswith("b/systems.csv row 2, column owner_id = 'D9': unknown department")
    assert load_workbook(out).sheetnames[:2] == ["departments", "networks"]


def test_feedback_workbooks_hold_each_returns_own_issues(tmp_path: Path) -> None:
    returns = tmp_path / "returns"
    returns.mkdir()
    put_xlsx(returns, "a", {"departments": DEPARTMENTS, "systems": [system("S1")]})
    put_xlsx(returns, "b", {"systems": [system("S1"), system("S2", status="x")]})
    put_csv(returns, "c", {"systems": [system("S3")]})
    collected = collect(returns)
    for lang, suffix in (("zh", "-问题反馈.xlsx"), ("en", "-feedback.xlsx")):
        paths = write_feedback(collected, tmp_path / lang, lang)
        assert [p.name for p in paths] == [f"b{suffix}"]
        ws = load_workbook(paths[0]).worksheets[0]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        assert len(rows) == 3
        kinds = [r[0] for r in rows[1:]]
        assert kinds[0].startswith("未采用" if lang == "zh" else "rejected")
        assert rows[1][1:5] == [
            "信息系统" if lang == "zh" else "systems",
            "b.xlsx#信息系统",
            3,
            "运行状态" if lang == "zh" else "status",
        ]
        assert rows[2][5:] == ["S1", "duplicate of a:2; merged"]


def test_formula_like_values_stay_text_in_feedback(tmp_path: Path) -> None:
    returns = tmp_path / "returns"
    returns.mkdir()
    put_csv(returns, "a", {"departments": DEPARTMENTS, "systems": [system("S1", status="=1+1")]})
    paths = write_feedback(collect(returns), tmp_path / "fb", "en")
    cell = load_workbook(paths[0]).worksheets[0]["F2"]
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_cli_exit_statuses_and_summary(tmp_path: Path) -> None:
    runner = CliRunner()
    returns = tmp_path / "returns"
    returns.mkdir()
    put_csv(returns, "a", {"departments": DEPARTMENTS, "systems": [system("S1")]})
    (returns / "notes.txt").write_text("not a return", encoding="utf-8")
    out = tmp_path / "inventory"
    result = runner.invoke(cli, ["collect", str(returns), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "notes.txt is not a return" in result.output
    assert "Returns collected" in result.output and (out / "systems.csv").is_file()

    bad = returns / "z-broken.xlsx"
    bad.write_bytes(b"not a workbook")
    fresh = tmp_path / "fresh"
    result = runner.invoke(cli, ["collect", str(returns), "--out", str(fresh)])
    assert result.exit_code == 1 and "z-broken.xlsx" in result.output
    assert not fresh.exists(), "nothing is written when a return cannot be read"

    assert (
        runner.invoke(cli, ["collect", str(tmp_path / "none"), "--out", str(fresh)]).exit_code == 2
    )
    assert runner.invoke(cli, ["collect", str(returns)]).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(cli, ["collect", str(empty), "--out", str(fresh)])
    assert result.exit_code == 1 and "no return" in result.output


def test_a_return_whose_header_is_unreadable_is_named(tmp_path: Path) -> None:
    put_csv(tmp_path, "a", {"departments": DEPARTMENTS, "systems": []})
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "systems.csv").write_text("id,系统编码,name\nS1,S1,x\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"b.*both mean"):
        collect(tmp_path)


def test_output_and_feedback_inside_the_returns_folder_are_not_returns(tmp_path: Path) -> None:
    put_csv(tmp_path, "a", {"departments": DEPARTMENTS, "systems": [system("S1", status="x")]})
    args = ["collect", str(tmp_path), "--out", str(tmp_path / "all.xlsx")]
    args += ["--feedback", str(tmp_path / "feedback")]
    runner = CliRunner()
    for _ in range(2):  # the second run finds the first one's output beside the returns
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    assert "all.xlsx is not a return" in result.output
    assert [p.name for p in (tmp_path / "feedback").iterdir()] == ["a-问题反馈.xlsx"]


def test_extra_sheets_are_kept_with_their_origin(tmp_path: Path) -> None:
    put_xlsx(tmp_path, "a", {"departments": DEPARTMENTS, "systems": [], "备注": [{"说明": "x"}]})
    put_xlsx(tmp_path, "b", {"systems": [system("S1")], "备注": [{"说明": "y"}]})
    collected = collect(tmp_path)
    assert collected.tables["备注"] == [
        {"说明": "x", "source": "a", "source_row": 2},
        {"说明": "y", "source": "b", "source_row": 2},
    ]


def test_a_collected_inventory_can_come_back_as_a_return(tmp_path: Path) -> None:
    first = tmp_path / "first"
    put_csv(first, "a", {"departments": DEPARTMENTS, "systems": [system("S1")]})
    returns = tmp_path / "returns"
    write_collected(collect(first), returns / "a-collected")
    put_csv(returns, "b", {"systems": [system("S1", build_cost="5")]})
    collected = collect(returns)
    assert_accounted(collected)
    row = written(collected, "systems")["S1"]
    assert (row["source"], row["source_row"], row["build_cost"]) == ("a-collected", 2, 5.0)
    assert collected.count("b").merged == 1
