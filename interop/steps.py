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
from typing import Any

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
    seconds: float,
    cpu: float,
    peak_mib: float | None,
    own_mib: float | None = None,
) -> None:
    """Tell ``step`` of a step another process ran beside this one (its wall and CPU time
    there, that process's peak memory and what of it was its own), if the runner keeps a
    record (``beside``)."""
    beside = getattr(step, "beside", None)
    if beside is not None:
        beside(name, seconds, cpu, peak_mib, own_mib)
