"""The report's pictures drawn by a copy of the process forked when ``analyze`` starts.

Importing matplotlib and registering the Chinese font take about half a second, drawing
the four pictures about a second: at ``make demo``'s city, a third of ``interop
analyze``. A :class:`Drawer` is a copy of the process forked before the inventory is read
(:func:`interop.forked.standing_by`): it imports matplotlib, registers the font and lays
out a small figure (which loads the font's file and fills matplotlib's caches) on a core
the command leaves free — ``analyze`` tells it when (:meth:`Drawer.get_ready`): at once
when it reads the inventory alone, else (a city's camera file read by two processes,
both cores busy) once the rules' copy is done; it is then sent the pictures'
figures (:class:`~interop.report.charts.ChartData`, a few numbers whatever the
inventory's size), draws them while the command writes its other outputs, and sends
back the SVG. The pictures are the same as when drawn in the process itself
(:func:`~interop.report.charts.draw`, which both call).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from interop import forked
from interop.steps import StepRunner, record_beside

if TYPE_CHECKING:  # (the charts import the rules: the drawer imports them itself, forked)
    from interop.report.charts import ChartData, Charts

STEP = "report pictures"
"""The drawer's step, told as run beside the command (``--profile``)."""


class Drawer:
    """A copy of this process ready to draw one report's pictures (:meth:`start`)."""

    def __init__(self, waiting: forked.Waiting[ChartData, Charts | None]) -> None:
        self._waiting = waiting

    @classmethod
    def start(cls, ready_now: bool = True) -> Drawer | None:
        """A drawer getting ready (``ready_now``; else once told, :meth:`get_ready`, or
        given its first data), or None where this process may not fork
        (:func:`interop.forked.can_fork`): the report then draws its pictures itself."""
        if not forked.can_fork():
            return None
        return cls(forked.standing_by("the report's pictures", _prepare, _draw, told=not ready_now))

    def get_ready(self) -> None:
        """Have the drawer get ready now (a second or so of CPU: matplotlib, the charts'
        module, the fonts), when a core is free; from this process or a copy of it forked
        since (the first word counts)."""
        self._waiting.get_ready()

    def draw(self, data: ChartData, step: StepRunner) -> Callable[[], Charts | None]:
        """Send ``data`` to be drawn; what waits for the pictures (and tells ``step`` what
        drawing them cost the drawer)."""
        running = self._waiting.send(data)

        def pictures() -> Charts | None:
            done = running.join()
            record_beside(step, STEP, done)
            return done.value

        return pictures

    def stop(self) -> None:
        """End the drawer if it still runs (no report was written), and reap it."""
        self._waiting.stop()


def _prepare() -> None:
    """What every drawing needs first: the charts' module, matplotlib, the font, the
    caches of a first layout (nothing, without matplotlib:
    :func:`~interop.report.charts.draw` then draws nothing). Imported here, in the copy:
    the command forks it before it imports what the charts import (the rules), so
    that the copy gets ready from the start."""
    from interop.report.charts import ChartData, Heat, draw

    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return
    for lang in ("zh", "en"):  # lays out Chinese and Latin text: both fonts loaded
        draw(ChartData(lang, heatmap=Heat(["区域"], ["部门 (D)"], [[1]])))


def _draw(data: ChartData) -> Charts | None:
    from interop.report.charts import draw

    return draw(data)
