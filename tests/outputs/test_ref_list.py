"""A rule's list of references (:class:`~interop.findings.model.RefList`: the cameras a
private network hosts) is taken by the report as references without reading each item:
it must hold nothing else, and the report must be what the same list, plain (as read
back from findings.json), gives."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from interop.findings.model import Finding, FindingsDocument, RefList
from interop.report.context import build_context
from interop.report.evidence import all_mappings, all_refs, is_ref
from outputs.conftest import generated_analysis


@pytest.fixture(scope="module")
def city() -> FindingsDocument:
    return generated_analysis(seed=5, lang="zh")


def _ref_lists(value: Any) -> list[RefList]:
    if type(value) is RefList:
        return [value]
    if isinstance(value, dict):
        return [found for v in value.values() for found in _ref_lists(v)]
    if isinstance(value, list):
        return [found for v in value for found in _ref_lists(v)]
    return []


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):  # (a RefList too)
        return [_plain(v) for v in value]
    return value


def test_a_rules_reference_lists_hold_references_alone(city: FindingsDocument) -> None:
    lists = [found for f in city.findings for found in _ref_lists(f.evidence)]
    assert sum(map(len, lists)) > 100  # (the networks' cameras: there are some to look at)
    for refs in lists:
        assert all(map(is_ref, refs))
        plain = list(refs)
        assert all_mappings(refs) is all_mappings(plain) is True
        assert all_refs(refs) is all_refs(plain) is True
        again = pickle.loads(pickle.dumps(refs))  # (from the rules' copy)
        assert again == refs and type(again) is RefList


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_of_reference_lists_is_the_report_of_plain_lists(
    city: FindingsDocument, lang: str
) -> None:
    plain = city.model_copy(
        update={
            "findings": [
                Finding.model_construct(**{**dict(f), "evidence": _plain(f.evidence)})
                for f in city.findings
            ]
        }
    )
    assert not any(_ref_lists(f.evidence) for f in plain.findings)
    assert plain.model_dump_json() == city.model_dump_json()
    assert build_context(plain, lang, limit=None) == build_context(city, lang, limit=None)  # type: ignore[arg-type]
