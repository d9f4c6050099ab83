"""Conformance tests without ../shared: skipped in a bare clone, failed in CI."""

from __future__ import annotations

from pathlib import Path

import conformance
import pytest


def test_missing_shared_skips_outside_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(conformance, "SHARED", tmp_path / "absent")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="conformance test"):
        conformance.shared_path("spec")


def test_missing_shared_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(conformance, "SHARED", tmp_path / "absent")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run it"):
        conformance.shared_path("spec")


def test_present_shared_gives_the_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(conformance, "SHARED", tmp_path)
    monkeypatch.setenv("CI", "true")
    assert conformance.shared_path("examples", "tiny") == tmp_path / "examples" / "tiny"
