"""Helpers shared by several commands: reading an inventory, connecting to Neo4j."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interop.cli.console import Failure, step
from interop.inventory.errors import InventoryError

if TYPE_CHECKING:
    import neo4j

    from interop.inventory.model import Inventory


def read_inventory(path: Path) -> Inventory:
    """Load and validate an inventory; an unreadable one is a Failure (exit 1)."""
    from interop.loaders import load_inventory

    try:
        with step(f"reading {path}"):
            return load_inventory(path)
    except InventoryError as exc:
        raise Failure(str(exc)) from None


def open_driver(uri: str | None) -> neo4j.Driver:
    """Connect to Neo4j (``--neo4j`` or NEO4J_URI); an unreachable server is a Failure."""
    from neo4j.exceptions import AuthError, ServiceUnavailable

    from interop.neo4j.settings import connect

    try:
        driver = connect(uri)
        driver.verify_connectivity()
    except (ServiceUnavailable, AuthError, OSError, ValueError) as exc:
        where = uri or "NEO4J_URI"
        raise Failure(
            f"cannot reach Neo4j at {where}: {exc}. Start the local server with "
            "`make neo4j-up` (or `interop neo4j up`), or set NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD."
        ) from None
    return driver
