"""Accepted risks: matching by identity, expiry, unmatched and unreadable rows, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from interop.cli.app import cli
from interop.rounds import AcceptedError, apply_accepted, read_accepted
from rounds.tiny_rounds import ROUND_1, analyze_tiny

HEADER_EN = "rule,subjects,reason,approved_by,expires\n"
HEADER_ZH = "规则,对象,理由,批准人,到期日\n"


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "accepted.csv"
    path.write_bytes(text.encode(encoding))
    return path


ROWS = (
    # row 2: in force, matches S05's isolated system
    "silo.isolated_system,S05,视频专网系统按规定不与外部交换,市审计局 王某,2021-06-30\n"
    # row 3: expired before the as-of date
    "security.ungraded,S09,定级进行中,市审计局 王某,2020-06-30\n"
    # row 4: a camera site named with one camera fewer than the finding: not the same finding
    "camera.duplicate_site,C1;C2,共杆改造中,市公安局,2021-12-31\n"
    # row 5: ordered rule, in the finding's order (new, then old): matches
    "usage.rebuilt_while_underused,S11、S12,二期已验收,市城管委,2020-12-31\n"
    # row 6: ordered rule, reversed: matches nothing
    "usage.rebuilt_while_underused,S12;S11,写反了,市城管委,2021-12-31\n"
    # row 7: no expiry
    "usage.idle,S10,,,\n"
    # row 8: not a date
    "usage.idle,S13,统计系统,市卫健委,明年\n"
    # row 9: a set rule, in any order
    "duplicate.homogeneous_systems,S09;S08;S07,三家医院分别建设,市卫健委,2022-01-01\n"
)


def test_accepted_findings_expired_unmatched_and_unreadable(tiny_dir: Path, tmp_path: Path) -> None:
    document = analyze_tiny(tiny_dir, ROUND_1)
    risks = read_accepted(_csv(tmp_path, HEADER_EN + ROWS))
    result = apply_accepted(document, risks)
    accepted = {(f.rule, tuple(f.subjects)): f.accepted for f in result.findings if f.accepted}
    assert set(accepted) == {
        ("silo.isolated_system", ("S05",)),
        ("usage.rebuilt_while_underused", ("S11", "S12")),
        ("duplicate.homogeneous_systems", ("S07", "S08", "S09")),
    }
    first = accepted[("silo.isolated_system", ("S05",))]
    assert first is not None
    assert (first.reason, first.approved_by, first.expires) == (
        "视频专网系统按规定不与外部交换", "市审计局 王某", date(2021, 6, 30)
    )  # fmt: skip
    assert len(result.findings) == len(document.findings)  # accepted findings stay listed
    warnings = result.accepted_warnings or []
    assert [w.row for w in warnings] == [3, 4, 6, 7, 8]
    reasons = {w.row: w.reason for w in warnings}
    assert reasons[3].startswith("expired on 2020-06-30")
    assert reasons[4].startswith("matches no finding")
    assert reasons[6].startswith("matches no finding")
    assert "expires" in reasons[7] and "empty" in reasons[7]
    assert "明年" in reasons[8]
    assert all(w.file == "accepted.csv" for w in warnings)
    data = json.loads(result.to_json())
    assert data["accepted_warnings"][0]["row"] == 3
    assert sum("accepted" in f for f in data["findings"]) == 3


def test_an_entry_is_in_force_on_its_expiry_date(tiny_dir: Path, tmp_path: Path) -> None:
    document = analyze_tiny(tiny_dir, ROUND_1)
    text = HEADER_EN + "usage.idle,S10,,,2020-12-31\nusage.idle,S13,,,2020-12-30\n"
    result = apply_accepted(document, read_accepted(_csv(tmp_path, text)))
    assert [f.subjects for f in result.findings if f.accepted] == [["S10"]]
    assert [w.row for w in result.accepted_warnings or []] == [3]


def test_chinese_headers_gbk_and_xlsx_read_alike(tmp_path: Path) -> None:
    gbk = read_accepted(_csv(tmp_path, HEADER_ZH + ROWS, "gbk"))
    book = Workbook()
    sheet = book.active
    sheet.append(["规则", "对象", "理由", "批准人", "到期日"])
    for line in ROWS.splitlines():
        cells = line.split(",")
        sheet.append([*cells[:4], date.fromisoformat(cells[4]) if cells[4][:2] == "20" else
                      (cells[4] or None)])  # fmt: skip
    book.save(tmp_path / "accepted.xlsx")
    xlsx = read_accepted(tmp_path / "accepted.xlsx")
    assert [(e.row, e.rule, e.subjects, e.expires) for e in gbk.entries] == [
        (e.row, e.rule, e.subjects, e.expires) for e in xlsx.entries
    ]
    assert [w.row for w in gbk.unreadable] == [w.row for w in xlsx.unreadable] == [7, 8]


@pytest.mark.parametrize(
    "content",
    [b"rule,reason\nusage.idle,x\n", b"\xff\xfe\x00\x00binary\x00", b""],
    ids=["missing columns", "not text", "empty"],
)
def test_unreadable_file_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "accepted.csv"
    path.write_bytes(content)
    with pytest.raises(AcceptedError):
        read_accepted(path)


def test_cli_accepted_marks_findings_and_exits_1_on_unreadable_file(
    tiny_dir: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    accepted = _csv(tmp_path, HEADER_EN + ROWS)
    out = tmp_path / "out"
    args = ["analyze", str(tiny_dir), "--out", str(out), "--as-of", "2020-12-31"]
    result = runner.invoke(cli, [*args, "--json-only", "--accepted", str(accepted)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "findings.json").read_text("utf-8"))
    assert sum("accepted" in f for f in data["findings"]) == 3
    assert len(data["accepted_warnings"]) == 5
    bad = tmp_path / "bad.txt"
    bad.write_text("x", "utf-8")
    result = runner.invoke(cli, [*args, "--json-only", "--accepted", str(bad)])
    assert result.exit_code == 1
    assert "bad.txt" in result.output
