"""Checks across rows, made once every table is loaded: data errors that keep the row and
its references but are reported as warnings (inventory-format.md; findings-format.md).

- A system that replaces one which went live after it (``replaces_id`` = O, both go_live
  known, N's before O's): the reference is kept, the warning names N's row and
  ``replaces_id``; ``usage.rebuilt_while_underused`` never raises such a pair.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from interop.inventory.model import Inventory
from interop.schema.tables import System

Warn = Callable[[str, Any, str, Any, str], None]
"""``warn(table, record, column, value, reason)``: report a warning on ``record``'s row."""


def replacements_before_their_original(inventory: Inventory, warn: Warn) -> None:
    """Warn on every system that went live before the system it replaced."""
    systems: dict[str, System] = {s.id: s for s in inventory.systems}
    for new in inventory.systems:
        if new.replaces_id is None or new.go_live is None:
            continue
        old = systems.get(new.replaces_id)
        if old is None or old.go_live is None or not new.go_live < old.go_live:
            continue
        warn(
            "systems",
            new,
            "replaces_id",
            new.replaces_id,
            f"goes live ({new.go_live.isoformat()}) before the system it replaces "
            f"({old.go_live.isoformat()}); reference kept",
        )
