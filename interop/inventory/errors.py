"""Errors that stop an inventory from being read at all (exit status 1)."""

from __future__ import annotations


class InventoryError(Exception):
    """The inventory cannot be read: the message names the file and says why."""
