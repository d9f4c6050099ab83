"""`pip install .` (not only editable) ships the CLI, the loaders and the cypher/ files.

The checkout's top-level ``loaders/`` and ``cypher/`` folders install inside the package
(``interop/loaders``, ``interop/_cypher``): nothing generic lands in site-packages.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(REPO)],
        check=True,
    )  # fmt: skip
    [built] = out.glob("interop-*.whl")
    return built


def test_wheel_holds_packages_cypher_and_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    rules = sorted(p.name for p in (REPO / "cypher" / "rules").glob("*.cypher"))
    assert rules, "cypher/rules is empty"
    for rule in rules:
        assert f"interop/_cypher/rules/{rule}" in names
    assert "interop/_cypher/schema.cypher" in names
    loaders = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "loaders").glob("*.py"))
    assert loaders, "loaders/ is empty"
    for module in loaders:
        assert f"interop/{module}" in names
    top_level = {name.split("/", 1)[0] for name in names}
    assert top_level == {"interop", next(n for n in top_level if n.endswith(".dist-info"))}
    assert not any("__pycache__" in name for name in names)
    assert "interop/cli/__init__.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "interop = interop.cli:main" in text


def test_installed_package_finds_its_cypher_files(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
         str(wheel)],
        check=True,
    )  # fmt: skip
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import interop, interop.loaders as loaders; from interop.paths import cypher_dir;"
        "d = cypher_dir(); print(interop.__file__); print(loaders.__file__); print(d);"
        "print(len(list((d / 'rules').glob('*.cypher'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(site)], capture_output=True, text=True, check=True
    )
    package, loader, cypher, count = result.stdout.split()
    for path in (package, loader, cypher):
        assert Path(path).is_relative_to(site), path
    assert Path(loader) == site / "interop" / "loaders" / "__init__.py"
    assert not (site / "loaders").exists()
    assert int(count) == len(list((REPO / "cypher" / "rules").glob("*.cypher")))
