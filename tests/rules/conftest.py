"""Fixtures shared by the rule tests: the tiny example, loaded by the real loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interop.inventory.model import Inventory
from interop.loaders import load_inventory

TINY = Path(__file__).resolve().parents[3] / "shared" / "examples" / "tiny"


@pytest.fixture(scope="session")
def tiny() -> Inventory:
    inventory = load_inventory(TINY)
    assert not inventory.report.rejected
    return inventory


@pytest.fixture(scope="session")
def tiny_expected() -> dict[str, Any]:
    return json.loads((TINY / "expected-findings.json").read_text(encoding="utf-8"))
