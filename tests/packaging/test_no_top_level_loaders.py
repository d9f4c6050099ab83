"""Nothing imports the loaders as a top-level ``loaders`` package.

The ``loaders/`` folder installs as ``interop.loaders`` (issue 9); ``import loaders`` works
only from a checkout's root, where the folder happens to be on ``sys.path``, and fails in an
installed wheel. An import inside a function hides from the wheel test's probe, so every
module, script and notebook of the repository is read here.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FOLDERS = ("interop", "loaders", "tests", "bench", "scripts", "notebooks")


def _sources() -> list[tuple[str, str]]:
    out = []
    for folder in FOLDERS:
        for path in sorted((REPO / folder).rglob("*.py")):
            out.append((str(path.relative_to(REPO)), path.read_text(encoding="utf-8")))
        for path in sorted((REPO / folder).rglob("*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
            lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
            out.append((str(path.relative_to(REPO)), "\n".join(lines)))
    return out


def _top_level_loaders(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        if any(name == "loaders" or name.startswith("loaders.") for name in names):
            lines.append(node.lineno)
    return lines


def test_nothing_imports_loaders_as_a_top_level_package() -> None:
    sources = _sources()
    assert len(sources) > 100 and any(name.endswith(".ipynb") for name, _ in sources)
    offenders = [f"{name}:{line}" for name, text in sources for line in _top_level_loaders(text)]
    assert offenders == []


def test_the_check_sees_an_import_inside_a_function() -> None:
    source = "def f():\n    from loaders.write import write_xlsx\n    import loaders\n"
    assert _top_level_loaders(source) == [2, 3]
    assert _top_level_loaders("from interop.loaders import load_inventory") == []
