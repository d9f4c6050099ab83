"""Finding values and the findings.json document (findings-format v2).

Findings are values: rules create them, nothing changes them afterwards, and they are
serialised once, here.
"""

from __future__ import annotations

import io
from array import array
from collections.abc import Iterator, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal, TextIO

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_json

from interop.i18n import Text
from interop.inventory.report import LoadReport, RowIssue, TableCount

SCHEMA_ID = "interop-findings/2"


class Severity(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


AREAS: dict[int, Text] = {
    1: Text("信息系统整合力度不够，重复建设", "integration and duplicate construction"),
    2: Text("体制机制与资源配置", "mechanisms and resources"),
    3: Text("网络互联与数据共享", "networks and data sharing"),
    4: Text("重建设、轻应用", "build-heavy, use-light"),
    5: Text("内控制度与网络安全", "internal control and security"),
}
"""The audit's five problem areas: number -> name in Chinese and English."""


Round = Literal["new", "persisting", "changed"]
"""How a finding compares with the baseline's (audit-cycle.md, "Rounds")."""


class Acceptance(BaseModel):
    """An accepted risk in force that matches a finding (audit-cycle.md, "Accepted risks")."""

    model_config = ConfigDict(frozen=True)

    reason: str
    approved_by: str
    expires: date


def _none(value: Any) -> bool:
    return value is None


def _none_or_empty(value: Any) -> bool:
    return value is None or value == {}


def _absent() -> Any:
    """A key a plain analysis does not produce (no baseline, no accepted risks): absent from
    findings.json, never null. (``exclude_if``, not a wrap serialiser: with one, pydantic
    builds every finding's evidence as Python objects before writing it.)"""
    return Field(default=None, exclude_if=_none)


class RefList(list[Any]):
    """A list in a finding's evidence that a rule made of references to inventory objects
    alone (``{"id", "name", "label"}``, each value a plain scalar), and says so: a list as any
    other (findings.json, pickling, equality), which the report need not read item by item
    to know what it holds (:func:`interop.report.evidence.all_refs`) — the cameras a
    private network hosts, 781,888 at a million cameras: a fifth of a second of the
    report's, and a copy of every page they fill where a copy of the process writing the
    workbook shares them (:mod:`interop.forked`). A list read back from findings.json is
    a plain list, looked at item by item, with the same answer."""

    __slots__ = ()


class Finding(BaseModel):
    """One problem found by one rule, about its subjects, with the evidence for it.

    ``round`` (with a baseline) and ``accepted`` (with accepted risks) are set by
    :mod:`interop.rounds` after the rules ran, never by a rule; absent otherwise.
    """

    model_config = ConfigDict(frozen=True)

    rule: str
    area: int
    severity: Severity
    subjects: list[str]
    title: str
    detail: str
    evidence: dict[str, Any] = Field(default_factory=dict)
    recommendation: str
    round: Round | None = _absent()
    accepted: Acceptance | None = _absent()

    def sort_key(self) -> tuple[str, tuple[str, ...]]:
        return (self.rule, tuple(self.subjects))

    def evidence_json(self) -> str:
        """The evidence as findings.json writes it: compact JSON, by pydantic's serializer
        (the spreadsheets' evidence column; a million cameras' evidence in 0.9 s, against
        3.5 s for the json module)."""
        return to_json(self.evidence).decode()

    def json_line(self, evidence: bytes | None = None) -> bytes:
        """The finding as findings.json holds it: compact JSON, UTF-8. ``evidence``: its
        evidence as :class:`EvidenceTexts` holds it (the bytes pydantic would write in its
        place), set in before the key that follows it: the first ``,"recommendation":``
        of the finding's JSON without its evidence is that key (in JSON text a quote
        inside a string is escaped, so the bytes can only be a key, and the objects of
        the fields after it hold no such key)."""
        serializer = self.__pydantic_serializer__
        if evidence is None:
            return serializer.to_json(self, by_alias=True)
        line = serializer.to_json(self, by_alias=True, exclude=_EVIDENCE)
        at = line.index(_AFTER_EVIDENCE)
        return b"".join((line[:at], b',"evidence":', evidence, line[at:]))


_FIELDS = list(Finding.model_fields)
_EVIDENCE = {"evidence"}
_AFTER_EVIDENCE = f',"{_FIELDS[_FIELDS.index("evidence") + 1]}":'.encode()
"""The key that follows a finding's evidence in its JSON (``,"recommendation":``)."""


class EvidenceTexts:
    """Findings' evidence as findings.json writes it (compact JSON, UTF-8), made once for
    the writers that would each make it (findings.json, findings.xlsx's evidence column);
    ``texts[k]`` is the ``k``-th finding's, as bytes.

    One buffer, not a string of bytes per finding: a copy of the process forked after this
    (:mod:`interop.forked`) reads it without writing to it, where a finding's object or
    a string of its own has a reference count each read writes to, and each page
    written to is copied for the copy (``--parallel``; at a million cameras the evidence
    holds the records of 781,888 cameras on private networks and 62,722 in duplicate
    sites, 92 MB as JSON)."""

    __slots__ = ("_data", "_ends")

    def __init__(self, findings: Sequence[Finding]) -> None:
        self._data = bytearray()
        self._ends = array("q")
        for finding in findings:
            self._data += to_json(finding.evidence)
            self._ends.append(len(self._data))

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, index: int) -> bytes:
        end = self._ends[index]  # (IndexError past either end)
        if index < 0:
            index += len(self._ends)
        start = self._ends[index - 1] if index > 0 else 0
        return bytes(memoryview(self._data)[start:end])


WRITE_BUFFER = 1 << 20
"""Bytes findings.json is written through (a million cameras' findings.json took 0.08-0.15 s
less CPU than through Python's 8 KB)."""


class LoadSection(BaseModel):
    tables: dict[str, TableCount]
    rejected: list[RowIssue]
    warnings: list[RowIssue]

    @classmethod
    def from_report(cls, report: LoadReport) -> LoadSection:
        return cls(tables=report.tables, rejected=report.rejected, warnings=report.warnings)


class NotChecked(BaseModel):
    """A check of a version-2 rule that was not made, for anyone: the inventory did not
    collect a column it reads (no header for it)."""

    rule: str
    check: str
    missing_columns: list[str]
    """The columns not collected, by their English names."""


class Origin(BaseModel):
    """Where a subject's row came from, when the inventory says (``interop collect`` writes
    ``source`` and ``source_row``): the return, and the row in it, so an auditor can go
    back to the unit that reported it."""

    table: str
    source: str
    row: int | None = None


class Summary(BaseModel):
    model_config = ConfigDict(extra="allow")

    departments: int
    systems: int
    findings_by_rule: dict[str, int]


class BaselineInfo(BaseModel):
    """Which findings.json a run was compared with (``--baseline``)."""

    schema_id: str = Field(alias="schema")
    as_of: date
    findings: int

    model_config = ConfigDict(populate_by_name=True)


class AcceptedWarning(BaseModel):
    """An entry of the accepted-risks file that marks no finding: expired, matching no
    finding, or unreadable; ``row`` is the row number a spreadsheet shows (header row 1)."""

    file: str
    row: int
    rule: str | None = None
    subjects: list[str] = Field(default_factory=list)
    reason: str


class FindingsDocument(BaseModel):
    """The whole of findings.json."""

    model_config = ConfigDict(populate_by_name=True)

    schema_id: str = Field(default=SCHEMA_ID, alias="schema")
    as_of: date
    parameters: dict[str, Any]
    load: LoadSection
    not_checked: list[NotChecked] = Field(default_factory=list)
    summary: Summary
    # present only when the run had a baseline or accepted risks:
    baseline: BaselineInfo | None = _absent()
    resolved: list[Finding] | None = _absent()
    """Baseline findings with no counterpart now, as they were in the baseline."""
    unverified: list[Finding] | None = _absent()
    """Baseline findings with no counterpart, of a check this run could not make."""
    accepted_warnings: list[AcceptedWarning] | None = _absent()
    origins: dict[str, Origin] = Field(default_factory=dict, exclude_if=_none_or_empty)
    """Subject id -> the origin of its row, for the subjects of findings whose inventory
    row has a ``source`` (left out of findings.json when there is none)."""
    findings: list[Finding]
    """Last, so that :meth:`write_json` streams them."""

    def to_json(self) -> str:
        """The document as findings.json holds it: indented, but each finding on one line
        (compact), so a million-camera city's file is half the size and two rounds' files
        can be compared finding by finding with ``diff`` or ``grep``."""
        out = io.StringIO()
        self.write_json(out)
        return out.getvalue()

    def write_json(self, target: Path | TextIO, evidence: EvidenceTexts | None = None) -> None:
        """Write :meth:`to_json`'s text one finding at a time.

        A million-camera city has findings.json of a hundred megabytes; building it as one
        string (and pydantic's bytes before it) doubles that in memory. The document
        without its findings is dumped once (indented) and the findings, its last field,
        are written after it one by one, a line each. ``target`` is a path (written as
        UTF-8) or an open text file. ``evidence``: the findings' :class:`EvidenceTexts`,
        when the caller made them already (the same text).
        """
        if evidence is not None and len(evidence) != len(self.findings):
            raise ValueError("evidence texts: one per finding")
        if isinstance(target, Path):  # pydantic's UTF-8 as it is, never decoded to text
            # a finding is a few kilobytes: through a buffer of a megabyte, 126 MB at a
            # million cameras go out in a hundred writes instead of fifteen thousand
            with target.open("wb", buffering=WRITE_BUFFER) as handle:
                for part in self._json_parts(evidence):
                    handle.write(part)
            return
        for part in self._json_parts(evidence):
            target.write(part.decode("utf-8"))

    def _json_parts(self, evidence: EvidenceTexts | None = None) -> Iterator[bytes]:
        """:meth:`to_json`'s text as UTF-8, in parts: the head, then a finding at a time."""
        head = self.model_copy(update={"findings": []}).model_dump_json(by_alias=True, indent=2)
        tail = '\n  "findings": []\n}'
        if not head.endswith(tail):
            raise AssertionError("findings must be the document's last field")
        if not self.findings:
            yield (head + "\n").encode("utf-8")
            return
        yield (head[: -len(tail)] + '\n  "findings": [\n').encode("utf-8")
        for index, finding in enumerate(self.findings):
            line = finding.json_line(None if evidence is None else evidence[index])
            yield (b"    " if index == 0 else b",\n    ") + line
        yield b"\n  ]\n}\n"

    @classmethod
    def from_json(cls, text: str) -> FindingsDocument:
        return cls.model_validate_json(text)

    def subjects_by_rule(self) -> dict[str, list[list[str]]]:
        """Per rule, the sorted subject lists of its findings, sorted (for comparisons)."""
        out: dict[str, list[list[str]]] = {}
        for finding in self.findings:
            out.setdefault(finding.rule, []).append(sorted(finding.subjects))
        return {rule: sorted(subjects) for rule, subjects in sorted(out.items())}
