"""Hole 9: control characters from the inventory never reach an output raw."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from hostile.inventories import base, write_csv
from interop.cli.app import cli
from interop.escape import CONTROLS, neutralize_controls, neutralize_html_controls

ESC = "\x1b[2J\x1b[31m"  # clear the screen, then red
C1 = "\x9b31m"  # the one-byte CSI
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile_inventory(folder: Path) -> Path:
    tables = base()
    tables["departments"][0]["name"] = f"市公安局{ESC}"
    tables["systems"][0]["name"] = f"视频监控系统{C1}\x07"
    tables["systems"][1]["function"] = f"医院信息系统{ESC}"
    tables["systems"].append({"id": "S03", "name": "协同办公", "owner_id": f"D9{ESC}"})
    tables["systems"].append({"id": "S04", "name": f"重复{ESC}", "owner_id": "D1",
                              "go_live": f"2020-13-01{ESC}"})  # fmt: skip
    return write_csv(folder, tables)


def test_reports_and_graph_pages_hold_no_raw_control_character(tmp_path: Path) -> None:
    inventory = hostile_inventory(tmp_path / "inventory")
    out = tmp_path / "out"
    tiles = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"  # never fetched: the page is not opened
    result = CliRunner().invoke(
        cli, ["analyze", str(inventory), "--out", str(out), "--basemap", tiles,
              "--basemap-attribution", f"内部地图{ESC}"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pages = sorted(out.glob("*.html")) + sorted(out.glob("*.md"))
    names = {p.name for p in pages}
    assert names >= {"report.html", "report.md", "graph.html", "map-cameras.html"}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert RAW.search(text) is None, (page.name, RAW.search(text))
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "\\x1b[2J" in report  # shown, visibly, in the rejected rows
    assert "\\x1b" in (out / "report.md").read_text(encoding="utf-8")


def test_terminal_output_holds_no_raw_control_character(tmp_path: Path) -> None:
    inventory = hostile_inventory(tmp_path / "inventory")
    result = CliRunner().invoke(cli, ["validate", str(inventory)])
    assert result.exit_code == 1
    assert RAW.search(result.output) is None, result.output
    assert "\\x1b" in result.output


def test_an_error_line_holds_no_raw_control_character(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "inventory", base())
    (folder / "systems.csv").write_text(f"{ESC}标题\n" + "id,name\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 1
    assert RAW.search(result.output) is None, result.output


def test_the_neutraliser() -> None:
    assert neutralize_controls("a\tb\nc\x1b\r\x7f\x85") == "a\tb\nc\\x1b\\x0d\\x7f\\x85"
    html = '<p>\x1b</p><script>var s = "\x85";</script>'
    assert neutralize_html_controls(html) == '<p>\\x1b</p><script>var s = "\\u0085";</script>'
    assert CONTROLS.pattern == RAW.pattern


def test_query_output_holds_no_raw_control_character(neo4j_server: object) -> None:
    uri = neo4j_server.uri  # type: ignore[attr-defined]
    for fmt in ("table", "csv", "json"):
        result = CliRunner().invoke(
            cli, ["query", "RETURN '\\u001b[2J名称\\u0085' AS x", "--neo4j", uri, "--format", fmt]
        )
        assert result.exit_code == 0, result.output
        assert RAW.search(result.output) is None, (fmt, result.output)
        assert "\\x1b[2J" in result.output or "\\u001b[2J" in result.output
