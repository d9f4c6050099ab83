"""findings.json written one finding at a time holds exactly the text of ``to_json()``."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from interop.analysis import analyze
from interop.findings.model import FindingsDocument
from interop.generate import generate_city
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate
from interop.parameters import Parameters
from outputs.conftest import Written


def _generated(seed: int, lang: str) -> FindingsDocument:
    tables = generate_city(seed=seed, scale=0.3, lang=lang)
    raws = []
    for name, rows in tables.items():
        headers = list(dict.fromkeys(h for row in rows for h in row))
        numbered = [(k + 2, row) for k, row in enumerate(rows)]
        raws.append(RawTable(name, f"{name}.csv", headers, numbered))
    inventory = validate(raws, f"generated seed={seed}")
    return analyze(inventory, Parameters(as_of=date(2020, 12, 31), lang=lang))


def _streamed(document: FindingsDocument, tmp_path: Path) -> bytes:
    path = tmp_path / "findings.json"
    document.write_json(path)
    buffer = io.StringIO()
    document.write_json(buffer)
    assert buffer.getvalue().encode("utf-8") == path.read_bytes()
    return path.read_bytes()


@pytest.mark.parametrize("which", ["hostile", "hostile_en", "tiny_written"])
def test_streamed_findings_json_is_to_json(
    which: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    document = request.getfixturevalue(which).document
    assert document.findings
    assert _streamed(document, tmp_path) == document.to_json().encode("utf-8")


@pytest.mark.parametrize(("seed", "lang"), [(2020, "zh"), (7, "en")])
def test_streamed_findings_json_of_generated_cities(seed: int, lang: str, tmp_path: Path) -> None:
    document = _generated(seed, lang)
    assert len(document.findings) > 50
    assert _streamed(document, tmp_path) == document.to_json().encode("utf-8")
    assert FindingsDocument.from_json(_streamed(document, tmp_path).decode()) == document


def test_streamed_findings_json_without_findings(tiny_written: Written, tmp_path: Path) -> None:
    empty = tiny_written.document.model_copy(update={"findings": []})
    assert _streamed(empty, tmp_path) == empty.to_json().encode("utf-8")
    one = tiny_written.document.model_copy(update={"findings": tiny_written.document.findings[:1]})
    assert _streamed(one, tmp_path) == one.to_json().encode("utf-8")
