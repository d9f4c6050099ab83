"""Where the project's data files are, in a checkout and in an installed package."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def cypher_dir() -> Path:
    """The cypher/ folder: packaged as ``interop/_cypher`` in a wheel, ``cypher/`` in a checkout."""
    for candidate in (_PACKAGE / "_cypher", _PACKAGE.parent / "cypher"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the cypher/ folder is missing from this installation")


def repo_root() -> Path | None:
    """The checkout's root when running from one (None when installed)."""
    root = _PACKAGE.parent
    return root if (root / "pyproject.toml").is_file() else None
