"""The repository's generated files, in one list (``make docs`` writes them all).

Each file is rendered from a declaration in the code: the schema (``docs/schema.md``,
``docs/inventory.md``, ``cypher/schema.cypher``) and the rules (``docs/rules.md``,
``cypher/browser/rules.html``, the guide for Neo4j Browser). Nothing here is edited by
hand: ``python -m interop.docs`` rewrites every file, ``python -m interop.docs --check``
names the stale ones and exits 1, and ``tests/docs`` fails on a stale committed copy. The
files live in a checkout, not in an installed package, so both need the checkout
(:func:`interop.paths.repo_root`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interop.docs import inventory as inventory_doc
from interop.docs import rules as rules_doc
from interop.neo4j import guide, schema_file
from interop.paths import repo_root
from interop.schema import docs as schema_docs


@dataclass(frozen=True)
class Generated:
    """One generated file: where it lives in the checkout and what renders it."""

    path: str
    """Relative to the repository's root, with ``/``."""
    render: Callable[[], str]
    source: str
    """The declaration it is rendered from, for the reader of ``--check``."""


GENERATED: tuple[Generated, ...] = (
    Generated("docs/schema.md", schema_docs.render, "interop/schema/"),
    Generated("docs/inventory.md", inventory_doc.render, "interop/schema/, interop/loaders"),
    Generated("docs/rules.md", rules_doc.render, "interop/rules/, interop/parameters.py"),
    Generated("cypher/schema.cypher", schema_file.render, "interop/schema/, interop/neo4j/"),
    Generated("cypher/browser/rules.html", guide.render, "interop/rules/, cypher/rules/"),
)


def checkout() -> Path:
    """The checkout's root; an error naming the problem when running from a wheel."""
    root = repo_root()
    if root is None:
        raise RuntimeError("the generated files live in a checkout of interop, not in a wheel")
    return root


def stale(root: Path | None = None) -> list[Generated]:
    """The generated files whose committed copy differs from what the code renders."""
    root = checkout() if root is None else root
    out = []
    for item in GENERATED:
        target = root / item.path
        if not target.is_file() or target.read_text(encoding="utf-8") != item.render():
            out.append(item)
    return out


def write_all(root: Path | None = None) -> list[Generated]:
    """Write every generated file; the ones whose text changed."""
    root = checkout() if root is None else root
    changed = stale(root)
    for item in GENERATED:
        (root / item.path).write_text(item.render(), encoding="utf-8", newline="\n")
    return changed
