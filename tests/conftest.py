"""Fixtures shared by every test folder, and the rule that nothing skips in CI.

Two kinds of test data:
- the repository's own, under ``tests/fixtures/`` (``every_rule``: an inventory with a
  case and near misses for every rule, and the findings it must give): every test that
  only needs an inventory uses it, so a bare clone passes ``make test``;
- ``../shared`` beside the checkout (the contracts, the shared tiny example, real data):
  the **conformance** tests. They run whenever ../shared exists, are skipped in a bare
  clone, and fail when CI=true and it is missing (CI must run them).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conformance import shared_path

REPO = Path(__file__).resolve().parents[1]
EVERY_RULE = REPO / "tests" / "fixtures" / "every_rule"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (the contracts and example inventories)."""
    return shared_path()


@pytest.fixture(scope="session")
def every_rule_dir() -> Path:
    """The repository's own inventory: a case and near misses for every rule."""
    return EVERY_RULE


@pytest.fixture(scope="session")
def tiny_dir(shared_dir: Path) -> Path:
    return shared_dir / "examples" / "tiny"


@pytest.fixture(scope="session", autouse=True)
def _validators_agree() -> Iterator[None]:
    """Every inventory a test validates is validated in columns and by rows, and the two
    must agree (``tests/validators_agree.py``; issue 7 keeps both until they do)."""
    from validators_agree import checked

    from interop.inventory import columnar

    patch = pytest.MonkeyPatch()
    patch.setattr(columnar, "validate_columns", checked(columnar.validate_columns))
    yield
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def _readers_agree() -> Iterator[None]:
    """Every CSV file the C parser reads is read by the csv module too, and the two must
    agree (``tests/readers_agree.py``)."""
    from readers_agree import checked

    from interop.loaders import csv_folder

    patch = pytest.MonkeyPatch()
    patch.setattr(csv_folder, "_plain_table", checked(csv_folder._plain_table))
    yield
    patch.undo()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """In CI (CI=true) a skipped test is a failed test: every test must run there."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which is not allowed: {report.longrepr}"
