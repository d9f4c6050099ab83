"""findings.json written one finding at a time: the document pydantic dumps, indented, with
each finding on a line of its own (compact), file and ``to_json()`` byte for byte."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from raw_tables import raw_tables

from interop.analysis import analyze
from interop.findings.model import Acceptance, EvidenceTexts, Finding, FindingsDocument, Severity
from interop.generate import generate_city
from interop.inventory.validate import validate
from interop.parameters import Parameters
from outputs.conftest import Written


def _generated(seed: int, lang: str) -> FindingsDocument:
    tables = generate_city(seed=seed, scale=0.3, lang=lang)
    raws = raw_tables(tables)
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
    texts = EvidenceTexts(document.findings)  # the evidence made once, set in: the same bytes
    document.write_json(path, texts)
    assert path.read_bytes() == data
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


def test_evidence_made_apart_is_set_in_where_pydantic_writes_it() -> None:
    """A finding's line with its evidence made apart (EvidenceTexts) is pydantic's line,
    byte for byte, whatever its text holds: the key that follows the evidence written
    inside a title, a detail, a subject or the evidence itself, and the fields after it
    (round, accepted) present or not."""
    key = '","recommendation":"'
    findings = [
        Finding(
            rule="usage.idle",
            area=4,
            severity=Severity.high,
            subjects=[f"S1{key}", "S2"],
            title=f"t{key}",
            detail=f'd\\"{key}\n,"recommendation":',
            evidence=evidence,
            recommendation=f"r{key}",
            round=state,
            accepted=accepted,
        )
        for evidence in ({}, {"recommendation": key, "n": [1, 2.5, None, True]}, {"中": "文"})
        for state in (None, "new")
        for accepted in (None, Acceptance(reason=key, approved_by="a", expires=date(2021, 1, 1)))
    ]
    texts = EvidenceTexts(findings)
    assert len(texts) == len(findings)
    assert texts[-1] == texts[len(findings) - 1] and texts[-len(findings)] == texts[0]
    with pytest.raises(IndexError):
        texts[len(findings)]
    for k, finding in enumerate(findings):
        assert bytes(texts[k]) == finding.evidence_json().encode("utf-8")
        line = finding.json_line(texts[k])
        assert line == finding.json_line() == finding.model_dump_json(by_alias=True).encode()
    assert len(EvidenceTexts([])) == 0


def test_evidence_texts_are_one_per_finding(tiny_written: Written, tmp_path: Path) -> None:
    document = tiny_written.document
    with pytest.raises(ValueError, match="one per finding"):
        document.write_json(tmp_path / "findings.json", EvidenceTexts(document.findings[1:]))
