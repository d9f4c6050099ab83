"""Progress and timing of a command's steps, on stderr.

Every step of ``analyze`` (reading, validation, the graph, the rules, each output) runs
in ``with steps("name"):``. While it runs, stderr shows a spinner with the time elapsed
(and a bar when the step knows its total, such as the rules); a step that took a second
or more leaves one line saying how long it took, with its rate when it counted rows
(``rows/s`` while reading). ``--profile`` prints every step's time at the end, with the
peak resident memory. Nothing is drawn when stderr is not a terminal, so logs and tests
see only the lines; nor does a thread run to refresh a display there (a copy of the
process may then be forked during a step: :func:`interop.forked.can_fork`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from interop.cli.console import err
from interop.memory import peak_rss_mib
from interop.steps import BESIDE

SHOWN_FROM_S = 1.0
"""Steps at least this long leave a line on stderr when they end."""


@dataclass
class Step:
    """A running step: advance its bar, rename it, or count what it handled."""

    name: str
    progress: Progress | None = None
    task: TaskID | None = None
    count: int | None = None
    unit: str = "rows"
    seconds: float = 0.0
    """Wall-clock time."""
    cpu: float = 0.0
    """CPU time of the process (all threads), which a busy machine inflates less."""

    def advance(self, n: int = 1, description: str | None = None) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, advance=n, description=description or self.name)

    def counted(self, count: int, unit: str = "rows") -> None:
        """What the step handled, for its rate (``1,000,000 rows, 250,000 rows/s``)."""
        self.count, self.unit = count, unit

    def line(self) -> str:
        text = f"{self.name}: {self.seconds:.1f} s"
        if self.count is not None:
            rate = self.count / self.seconds if self.seconds > 0 else 0.0
            text += f" ({self.count:,} {self.unit}, {rate:,.0f} {self.unit}/s)"
        return text


@dataclass(frozen=True)
class Beside:
    """What a process that ran a step beside this one cost in memory (``--profile``)."""

    name: str
    peak_mib: float | None
    """Its peak resident memory (pages shared with this process included)."""
    own_mib: float | None
    """What of it was its own (not shared with this process) at its end."""
    life: tuple[float, float] | None
    """When it was forked and joined (``time.perf_counter()`` here)."""
    then_mib: float | None
    """This process's peak resident memory when it joined it."""

    def line(self, started: float) -> str:
        """``peak RSS 1,125 MiB (685 MiB its own; 12.10-16.21 s, this process 1,050 MiB
        then): rules (beside)``: the times from the command's start. With the lives of
        all of them, a benchmark bounds the peak of the processes together
        (``bench/analyze.py``)."""
        told = []
        if self.own_mib is not None:
            told.append(f"{self.own_mib:,.0f} MiB its own")
        if self.life is not None and self.then_mib is not None:
            start, end = (t - started for t in self.life)
            told.append(f"{start:.2f}-{end:.2f} s, this process {self.then_mib:,.0f} MiB then")
        more = f" ({'; '.join(told)})" if told else ""
        return f"peak RSS {self.peak_mib or 0:,.0f} MiB{more}: {self.name}"


@dataclass
class Steps:
    """Runs and times a command's steps; ``report()`` prints them when profiling."""

    profile: bool = False
    console: Console = err
    done: list[Step] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    started_cpu: float = field(default_factory=time.process_time)
    peaks: list[Beside] = field(default_factory=list)
    """The memory of each process that ran a step beside this one."""

    @contextmanager
    def __call__(self, name: str, total: int | None = None) -> Iterator[Step]:
        columns = [SpinnerColumn(), TextColumn("{task.description}")]
        if total is not None:
            columns += [BarColumn(), MofNCompleteColumn()]
        columns.append(TimeElapsedColumn())
        # (nothing drawn off a terminal: no display, and no thread refreshing it, so that a
        # copy of the process may be forked during a step, where a thread would forbid it)
        progress = Progress(
            *columns, console=self.console, transient=True, disable=not self.console.is_terminal
        )
        step = Step(name, progress)
        start, start_cpu = time.perf_counter(), time.process_time()
        with progress:
            step.task = progress.add_task(name, total=total)
            yield step
        step.seconds = time.perf_counter() - start
        step.cpu = time.process_time() - start_cpu
        step.progress = None
        self._finished(step)

    def _finished(self, step: Step) -> None:
        """Keep a step that ended; one that took a second or more leaves its line."""
        self.done.append(step)
        if step.seconds >= SHOWN_FROM_S:
            self.console.print(step.line(), markup=False, highlight=False)

    def beside(
        self,
        name: str,
        seconds: float,
        cpu: float,
        peak_mib: float | None,
        own_mib: float | None = None,
        *,
        life: tuple[float, float] | None = None,
        then_mib: float | None = None,
    ) -> None:
        """A step another process ran beside this one (:func:`interop.steps.record_beside`):
        listed as ``name (beside)``, its CPU time counted in the total; ``life``, when
        that process was forked and joined (``time.perf_counter()``), and ``then_mib``,
        this process's peak then, are told with its memory."""
        step = Step(name + BESIDE, seconds=seconds, cpu=cpu)
        self.peaks.append(Beside(step.name, peak_mib, own_mib, life, then_mib))
        self._finished(step)

    def report(self) -> None:
        """With ``--profile``: every step's time, the total and the peak memory, on stderr.

        A step marked ``(beside)`` ran in a process of its own at the same time as the
        others: the total's CPU time counts it, the total's wall time does not add it, and
        that process's peak memory is listed after this one's."""
        if not self.profile:
            return
        total = time.perf_counter() - self.started
        total_cpu = time.process_time() - self.started_cpu
        total_cpu += sum(s.cpu for s in self.done if s.name.endswith(BESIDE))
        width = max([len(s.name) for s in self.done] + [len("total")])
        lines = [f"profile: {'':<{width - 7}}      wall       cpu  share"]
        for step in self.done:
            share = step.seconds / total if total > 0 else 0.0
            lines.append(
                f"  {step.name:<{width}}  {step.seconds:8.2f} s {step.cpu:8.2f} s  {share:4.0%}"
            )
        lines.append(f"  {'total':<{width}}  {total:8.2f} s {total_cpu:8.2f} s")
        peak = peak_rss_mib()
        if peak is not None:
            lines.append(f"  peak RSS {peak:,.0f} MiB")
        lines += [f"  {b.line(self.started)}" for b in self.peaks if b.peak_mib is not None]
        self.console.print("\n".join(lines), markup=False, highlight=False)
