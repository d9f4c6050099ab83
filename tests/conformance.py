"""Conformance tests read ../shared: run them when it exists, skip in a bare clone, fail in CI.

``../shared`` (beside the checkout) holds the contracts, the shared tiny example and real
data. A test that reads it calls :func:`shared_path` (or uses the ``shared_dir`` and
``tiny_dir`` fixtures, which do): in a bare clone the test is skipped, so the repository
alone passes ``make test``; with CI=true a missing ../shared fails the test, because CI
must check the contracts.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, for a conformance test: skip it in a bare clone, fail in CI."""
    if not SHARED.is_dir():
        message = f"conformance test: ../shared is not beside the checkout ({SHARED})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}, and CI must run it")
        pytest.skip(message)
    return SHARED.joinpath(*parts)
