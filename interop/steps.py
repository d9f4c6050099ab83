"""Named steps of a long command: the seam between the library and a progress display.

Library functions that do several long things in a row (writing every output, say)
take a ``step`` argument: a callable that, given a step's name, returns a context
manager to run that step in. The CLI passes one that shows progress on stderr and times
each step (``--profile``; :class:`interop.cli.steps.Steps`); notebooks and tests pass
nothing and get :func:`untimed`. The library never imports a display.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interop.forked import Done

StepRunner = Callable[[str], AbstractContextManager[Any]]
"""``step(name)`` -> a context manager that the step named ``name`` runs in."""


def untimed(name: str) -> AbstractContextManager[Any]:
    """The step runner that does nothing (the default)."""
    return nullcontext()


BESIDE = " (beside)"
"""How a step run by another process (:mod:`interop.forked`) is named in a profile."""


def record_beside(
    step: StepRunner,
    name: str,
    done: Done[Any],
    seconds: float | None = None,
    cpu: float | None = None,
) -> None:
    """Tell ``step`` of a step another process ran beside this one (:mod:`interop.forked`),
    if the runner keeps a record (``beside``): its wall and CPU time there (``done``'s,
    unless given), that process's peak memory and what of it was its own, when it lived
    and this process's peak memory then."""
    beside = getattr(step, "beside", None)
    if beside is not None:
        beside(
            name,
            done.seconds if seconds is None else seconds,
            done.cpu if cpu is None else cpu,
            done.peak_mib,
            done.own_mib,
            life=done.life,
            then_mib=done.then_mib,
        )
