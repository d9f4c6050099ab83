"""Fixtures shared by the rule tests: the shared tiny example (conformance) and the
repository's own every-rule inventory, each loaded by the real loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interop.inventory.model import Inventory
from interop.loaders import load_inventory


@pytest.fixture(scope="session")
def tiny(tiny_dir: Path) -> Inventory:
    inventory = load_inventory(tiny_dir)
    assert not inventory.report.rejected
    return inventory


@pytest.fixture(scope="session")
def tiny_expected(tiny_dir: Path) -> dict[str, Any]:
    return json.loads((tiny_dir / "expected-findings.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def every_rule(every_rule_dir: Path) -> Inventory:
    return load_inventory(every_rule_dir)


@pytest.fixture(scope="session")
def every_rule_expected(every_rule_dir: Path) -> dict[str, Any]:
    return json.loads((every_rule_dir / "expected-findings.json").read_text(encoding="utf-8"))
