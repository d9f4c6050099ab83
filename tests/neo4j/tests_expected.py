"""An example inventory's expected subjects, read from its expected-findings.json."""

from __future__ import annotations

import json
from pathlib import Path


def expected_subjects(folder: Path) -> dict[str, list[list[str]]]:
    data = json.loads((folder / "expected-findings.json").read_text(encoding="utf-8"))
    return {
        rule: sorted(sorted(s) for s in subjects) for rule, subjects in data["findings"].items()
    }
