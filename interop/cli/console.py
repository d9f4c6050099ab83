"""Where the CLI writes: results to stdout, progress and errors to stderr."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from interop.escape import neutralize_controls

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Failure(click.ClickException):
    """A failure the user can act on: one clear sentence, exit status 1, no traceback."""

    exit_code = 1

    def show(self, file: object = None) -> None:
        message = escape(neutralize_controls(self.format_message()))
        err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)


@contextmanager
def step(description: str) -> Iterator[None]:
    """A spinner on stderr while a step runs (quiet when stderr is not a terminal)."""
    with err.status(description, spinner="dots"):
        yield


@contextmanager
def progress_bar(description: str, total: int | None = None) -> Iterator[Progress]:
    """A progress bar on stderr; call ``advance(task)`` via the yielded Progress."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    with progress:
        progress.add_task(description, total=total)
        yield progress
