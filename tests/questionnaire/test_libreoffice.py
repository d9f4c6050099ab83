"""The questionnaire and a collected workbook open in LibreOffice and come back unchanged.

Excel and WPS cannot run here; LibreOffice can (`soffice --headless --convert-to xlsx`,
Debian's libreoffice-calc, installed by `make test` through scripts/setup-libreoffice.sh).
A workbook LibreOffice cannot open fails the conversion loudly. What both LibreOffice and
openpyxl read back is compared: sheets, headers, header comments, drop-downs and
validations, and the inventory the loaders read. (A headless conversion has no window, so
it does not keep frozen panes; LibreOffice keeps validations over the rows in use plus
1,000.)
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from interop.loaders import load_inventory
from interop.loaders.write import write_xlsx
from interop.questionnaire.collect import collect, write_collected
from interop.questionnaire.template import write_template


@pytest.fixture(scope="module")
def soffice() -> str:
    path = shutil.which("soffice")
    if path is None:
        pytest.skip("LibreOffice (soffice) is not installed: run `make office`")
    return path


def convert(soffice: str, files: list[Path], out: Path, profile: Path) -> list[Path]:
    """Open and re-save ``files`` in LibreOffice; the re-saved copies, in order."""
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    converted = [out / f.name for f in files]
    for path in converted:
        assert path.is_file(), f"LibreOffice did not write {path}: {result.stdout}{result.stderr}"
    return converted


def _validations(path: Path) -> dict[tuple[str, str], tuple]:
    """(sheet, column letter) -> what the validation checks."""
    found = {}
    for ws in load_workbook(path).worksheets:
        for dv in ws.data_validations.dataValidation:
            for cell_range in dv.sqref.ranges:
                assert cell_range.min_row == 2
                letter = cell_range.coord.split(":")[0].rstrip("0123456789")
                operator = dv.operator or "between"
                ranged = dv.type != "list" and operator in ("between", "notBetween")
                found[(ws.title, letter)] = (
                    dv.type,
                    operator,
                    dv.formula1,
                    dv.formula2 if ranged else None,  # LibreOffice writes 0 where unused
                    bool(dv.allow_blank),
                    bool(dv.showErrorMessage),
                )
    return found


def _headers(path: Path) -> dict[str, list[tuple[object, str | None]]]:
    return {
        ws.title: [(c.value, c.comment.text if c.comment else None) for c in ws[1]]
        for ws in load_workbook(path).worksheets
    }


@pytest.fixture(scope="module")
def converted(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("lo")
    template = write_template(root / "form.xlsx", "zh")
    returns = root / "returns"
    returns.mkdir()
    write_xlsx(
        {
            "departments": [{"id": "D1", "name": "市公安局", "division_code": "420100"}],
            "systems": [
                {
                    "id": "007",
                    "name": "警务云",
                    "owner_id": "D1",
                    "status": "在用",
                    "go_live": "2019-05-01",
                    "build_cost": 120.5,
                    "user_ids": "D1",
                },
            ],
        },
        returns / "a.xlsx",
        "zh",
    )
    collected = write_collected(collect(returns), root / "collected.xlsx")
    out = root / "out"
    again_template, again_collected = convert(soffice, [template, collected], out, root / "profile")
    return {
        "template": template,
        "collected": collected,
        "template_lo": again_template,
        "collected_lo": again_collected,
    }


def test_template_comes_back_with_its_sheets_headers_and_comments(converted) -> None:
    assert _headers(converted["template_lo"]) == _headers(converted["template"])


def test_template_comes_back_with_every_drop_down_and_validation(converted) -> None:
    original = _validations(converted["template"])
    assert len(original) > 30
    assert _validations(converted["template_lo"]) == original


def test_template_re_saved_by_libreoffice_is_still_an_empty_inventory(converted) -> None:
    again = load_inventory(converted["template_lo"])
    first = load_inventory(converted["template"])
    assert again.report.ok and not again.report.warnings and not again.report.extra_tables
    assert again.report.columns == first.report.columns
    assert all(count == 0 for count in again.counts().values())


def test_collected_workbook_re_saved_by_libreoffice_reads_the_same(converted) -> None:
    first = load_inventory(converted["collected"])
    again = load_inventory(converted["collected_lo"])
    assert again.report.ok and again.report.columns == first.report.columns
    for table in ("departments", "systems"):
        assert [r.model_dump() for r in again.records(table)] == [
            r.model_dump() for r in first.records(table)
        ]
    (system,) = again.systems
    assert system.id == "007" and system.extras()["source"] == "a"
