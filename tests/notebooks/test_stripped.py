"""The notebooks are committed clean: no outputs, no execution counts, the house layout.

``make test`` executes every notebook (``pytest notebooks --nbmake``); this test keeps
what git holds reviewable: strip a notebook with ``nbstripout notebooks/*.ipynb`` before
committing it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def _cells(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def test_the_notebooks_are_there() -> None:
    names = [p.name for p in PATHS]
    for prefix in ("01_", "02_", "03_", "04_", "05_", "06_"):
        assert any(n.startswith(prefix) for n in names), f"no notebook {prefix}*.ipynb"


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_no_outputs_or_execution_counts(path: Path) -> None:
    dirty = [
        index
        for index, cell in enumerate(_cells(path))
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]
    assert not dirty, f"{path.name}: cells {dirty} hold outputs; run nbstripout {path}"


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_layout(path: Path) -> None:
    """Markdown first, one cell tagged ``parameters``, assertions at the end."""
    cells = _cells(path)
    assert cells[0]["cell_type"] == "markdown", f"{path.name}: the first cell is not markdown"
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: {len(tagged)} cells tagged parameters, not 1"
    code = [c for c in cells if c["cell_type"] == "code"]
    assert "assert " in _source(code[-1]), f"{path.name}: the last code cell asserts nothing"
