"""Bulk work without Python's cyclic garbage collector running through it.

Reading a million-row table creates a million short-lived row lists. Each allocation of a
container counts towards the collector's next pass, and every few passes it walks every
tracked object there is: at 1M cameras the reader spent two thirds of its time there
(``bench/analyze.py``: read 15 s -> 4 s). The rows form no reference cycles, so there is
nothing for that collector to find; reference counting frees them as before.

``analyze`` and ``export`` make their whole heap so (the inventory, the graph, the rules'
findings), then freeze it (:func:`keep_heap`): each pass of the collector between the two
walked every object made since the last, and at the national city they added up to 4 s
(``tests/rules/test_analysis.py`` holds the rules to leaving no reference cycle, which
would otherwise stay until the command ends).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
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


YOUNG_PASS_EVERY = 10_000
"""Container allocations between two young collections (Python's default: 700)."""

_process_ends_with_command = False

_kept: list[object] = []


def keep_to_the_end(*objects: object) -> None:
    """Keep ``objects`` (a command's graph and findings) alive until the process ends, when
    it ends with the command (:func:`process_ends_with_command`): freeing them object by
    object as the command returns is work for nothing, their memory going back to the
    system with the process (at a million cameras, 0.17-0.19 s after the command's last
    line; the interpreter's closing work leaves frozen objects as they are,
    :func:`keep_heap`). Anywhere else (the tests run many commands in one interpreter),
    nothing is kept."""
    if _process_ends_with_command:
        _kept.extend(objects)


def process_ends_with_command() -> None:
    """Say that the process ends when the command does (the console entry point,
    :func:`interop.cli.main`; not the tests, which run many commands in one interpreter)."""
    global _process_ends_with_command
    _process_ends_with_command = True


def keep_heap() -> Callable[[], None]:
    """Tune the cyclic collector for a command that builds a large heap once and then
    only reads it (``analyze``, ``export``): call it when the long-lived objects exist;
    returns the function that undoes it (for ``click``'s ``call_on_close``: the tests run
    many commands in one process).

    What is alive when called (imported modules, the inventory, the graph, the findings)
    is frozen (``gc.freeze``): kept alive anyway, so no full pass need walk it again. And
    young passes come every :data:`YOUNG_PASS_EVERY` allocations: with the defaults, the
    seed city's analyze spent 0.7 s of its 5 s in the collector (seven full passes of
    ~0.1 s over 180,000 objects, 900 young ones) and found next to nothing; now 0.2 s.
    Reference counting frees everything as before; only garbage in reference cycles waits
    a little longer.

    When the command is the process's last work (:func:`process_ends_with_command`), the
    undo freezes what is alive instead of unfreezing it: the interpreter's closing
    collections would walk every module and object again (unfrozen: 0.35 s of the seed
    city's 4.5 s; what the outputs imported and made, another 0.15 s) only to free memory
    the process is giving back. The interpreter still ends as usual: exit handlers and
    ``weakref.finalize`` callbacks run, streams are flushed, modules are cleared and
    objects freed by reference counting; only cyclic garbage is left to the OS, its
    ``__del__`` not run (which Python does not promise for objects alive at exit).
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_PASS_EVERY, *threshold[1:])

    def undo() -> None:
        if _process_ends_with_command:
            gc.freeze()
        else:
            gc.unfreeze()
        gc.set_threshold(*threshold)

    return undo
