"""findings.json written one finding at a time: the document pydantic dumps, indented, with
each finding on a line of its own (compact), file and ``to_json()`` byte for byte."""

from __future__ import annotations

import io
import json
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
    """The file's bytes, checked against the same text written to a buffer, against
    ``to_json()``, against pydantic's own dump (same data), and for its layout."""
    path = tmp_path / "findings.json"
    document.write_json(path)
    buffer = io.StringIO()
    document.write_json(buffer)
    data = path.read_bytes()
    assert buffer.getvalue().encode("utf-8") == data == document.to_json().encode("utf-8")
    assert json.loads(data) == json.loads(document.model_dump_json(by_alias=True))
    lines = data.decode("utf-8").splitlines()
    if document.findings:
        start = lines.index('  "findings": [')
        body = lines[start + 1 : -2]
        assert lines[-2:] == ["  ]", "}"]
        assert len(body) == len(document.findings)  # one line per finding
        for line, finding in zip(body, document.findings, strict=True):
            assert line.startswith("    {") and line.rstrip(",").endswith("}")
            assert json.loads(line.strip().rstrip(",")) == json.loads(
                finding.model_dump_json(by_alias=True)
            )
        assert all(line.startswith("  ") for line in lines[1:start])  # the head: indented
    else:
        assert lines[-2:] == ['  "findings": []', "}"]
    return data


@pytest.mark.parametrize("which", ["hostile", "hostile_en", "tiny_written"])
def test_streamed_findings_json(which: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    document = request.getfixturevalue(which).document
    assert document.findings
    assert FindingsDocument.from_json(_streamed(document, tmp_path).decode()) == document


@pytest.mark.parametrize(("seed", "lang"), [(2020, "zh"), (7, "en")])
def test_streamed_findings_json_of_generated_cities(seed: int, lang: str, tmp_path: Path) -> None:
    document = _generated(seed, lang)
    assert len(document.findings) > 50
    assert FindingsDocument.from_json(_streamed(document, tmp_path).decode()) == document


def test_streamed_findings_json_without_findings(tiny_written: Written, tmp_path: Path) -> None:
    empty = tiny_written.document.model_copy(update={"findings": []})
    assert FindingsDocument.from_json(_streamed(empty, tmp_path).decode()) == empty
    one = tiny_written.document.model_copy(update={"findings": tiny_written.document.findings[:1]})
    assert FindingsDocument.from_json(_streamed(one, tmp_path).decode()) == one
