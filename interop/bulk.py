"""Bulk work without Python's cyclic garbage collector running through it.

Reading a million-row table creates a million short-lived row lists. Each allocation of a
container counts towards the collector's next pass, and every few passes it walks every
tracked object there is: at 1M cameras the reader spent two thirds of its time there
(``bench/analyze.py``: read 15 s -> 4 s). The rows form no reference cycles, so there is
nothing for that collector to find; reference counting frees them as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic collector for the block (nested blocks leave it to the outer one)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
