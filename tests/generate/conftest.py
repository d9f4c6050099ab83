"""The sample city written once per session, in Chinese and in English, loaded and analysed."""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.analysis import analyze
from interop.findings.model import FindingsDocument
from interop.generate import AS_OF, write_city
from interop.inventory.model import Inventory
from interop.loaders import load_inventory
from interop.parameters import Parameters


@pytest.fixture(scope="session")
def city_zh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_city(tmp_path_factory.mktemp("city") / "zh", lang="zh")


@pytest.fixture(scope="session")
def city_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_city(tmp_path_factory.mktemp("city") / "en", lang="en")


@pytest.fixture(scope="session")
def inventory_zh(city_zh: Path) -> Inventory:
    return load_inventory(city_zh)


@pytest.fixture(scope="session")
def inventory_en(city_en: Path) -> Inventory:
    return load_inventory(city_en)


@pytest.fixture(scope="session")
def findings(inventory_zh: Inventory) -> FindingsDocument:
    return analyze(inventory_zh, Parameters(as_of=AS_OF))
