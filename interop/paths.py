"""Where the project's data files are, in a checkout and in an installed package."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

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


class _CheckoutLoaders(importlib.abc.MetaPathFinder):
    """Finds ``interop.loaders`` in the checkout's top-level ``loaders/`` folder.

    The project's layout keeps the loaders at the top of the repository, and a wheel
    installs them as ``interop/loaders`` (pyproject.toml: ``sources``, as ``cypher/``
    ships as ``interop/_cypher``). A checkout, and the editable install of ``make venv``
    that points into it, have no ``interop/loaders`` folder: this finder gives that one
    name its place, and only that name (its submodules follow its ``__path__``).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "interop.loaders":
            return None
        return importlib.util.spec_from_file_location(
            fullname, self.folder / "__init__.py", submodule_search_locations=[str(self.folder)]
        )


def find_checkout_loaders() -> None:
    """Let ``import interop.loaders`` find ``loaders/`` when running from a checkout.

    Does nothing in an installed wheel (``interop/loaders`` is there) or when the checkout
    has no ``loaders/`` folder; idempotent.
    """
    folder = _PACKAGE.parent / "loaders"
    if (_PACKAGE / "loaders").is_dir() or not (folder / "__init__.py").is_file():
        return
    if not any(isinstance(finder, _CheckoutLoaders) for finder in sys.meta_path):
        sys.meta_path.append(_CheckoutLoaders(folder))
