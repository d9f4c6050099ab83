"""A step runner for tests that keeps what it is told of the steps other processes ran
beside (``interop.steps.record_beside``)."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import NamedTuple


class Told(NamedTuple):
    """One step run beside, as ``record_beside`` tells it."""

    name: str
    seconds: float
    cpu: float
    peak: float | None
    own: float | None
    life: tuple[float, float] | None
    then_mib: float | None


class ToldSteps:
    """Runs steps without a display, and keeps the name of each step run here and each step
    told as run beside."""

    def __init__(self) -> None:
        self.told: list[Told] = []
        self.ran: list[str] = []
        """The steps run here, by name, in order."""

    def __call__(self, name: str) -> AbstractContextManager[None]:
        self.ran.append(name)
        return nullcontext()

    def beside(
        self,
        name: str,
        seconds: float,
        cpu: float,
        peak: float | None,
        own: float | None = None,
        *,
        life: tuple[float, float] | None = None,
        then_mib: float | None = None,
    ) -> None:
        self.told.append(Told(name, seconds, cpu, peak, own, life, then_mib))
