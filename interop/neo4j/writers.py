"""A few write transactions at once, each on its own session.

One session writes a batch, waits for the commit, then sends the next: meanwhile the server
has nothing to do. With two or more sessions, one batch is decoded and planned while the
other is written and committed. Each batch is one managed transaction
(``session.execute_write``, which retries transient errors; the load's statements are all
MERGEs, so a batch written again writes the same thing).

Batches written at once may wait on each other's locks, and two that lock the same hub
nodes (a department that owns 100,000 cameras, while it turns into a dense node) in
opposite orders deadlock: the server detects it and fails one, which is retried. Those
retries are expected, so the driver's warning for each is not passed on: they are counted
(:attr:`Writers.retried`).
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import ExitStack
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

if TYPE_CHECKING:  # the CLI reads DEFAULT_WRITERS without importing the driver
    import neo4j

R = TypeVar("R")

DEFAULT_WRITERS = 2
"""Sessions writing at once by default: two keep a server busy while the client waits for
a commit (measured on a 2-core machine, client and server on it: see ``bench/load.py``).
A server with more cores, on its own machine, may take more (``interop load --writers``)."""

_DRIVER_LOGGER = "neo4j.session"
"""Where the driver warns that a transaction failed and will be retried."""
DEADLOCK = "Neo.TransientError.Transaction.DeadlockDetected"


class _QuietDeadlocks(logging.Filter):
    """Drops the driver's retry warnings for deadlocks (counted by :class:`Writers`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not any(getattr(arg, "code", None) == DEADLOCK for arg in args)


class Writers:
    """Up to ``count`` managed write transactions at once, each on its own session.

    :meth:`submit` a transaction function; its result is handed to ``then`` in the thread
    that calls :meth:`submit` or :meth:`settle` (no lock needed there). An error raised by
    a transaction (after the driver's retries) is raised by the next :meth:`submit` or
    :meth:`settle`; leaving the ``with`` block cancels what has not started and waits
    for what has.
    """

    def __init__(self, driver: neo4j.Driver, database: str, count: int) -> None:
        if count < 1:
            raise ValueError("writers must be at least 1")
        self.count = count
        self.retried = 0
        """Transactions run again after a transient error (a deadlock between writers)."""
        self._driver = driver
        self._database = database
        self._free: queue.SimpleQueue[neo4j.Session] = queue.SimpleQueue()
        self._running: dict[Future[tuple[Any, int]], Callable[[Any], None]] = {}
        self._stack = ExitStack()
        self._pool: ThreadPoolExecutor | None = None

    def __enter__(self) -> Self:
        with ExitStack() as stack:
            for _ in range(self.count):
                self._free.put(stack.enter_context(self._driver.session(database=self._database)))
            quiet = _QuietDeadlocks()
            logger = logging.getLogger(_DRIVER_LOGGER)
            logger.addFilter(quiet)
            stack.callback(logger.removeFilter, quiet)
            self._pool = stack.enter_context(
                ThreadPoolExecutor(self.count, thread_name_prefix="interop-writer")
            )
            stack.callback(self._cancel)
            self._stack = stack.pop_all()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stack.__exit__(kind, error, traceback)

    def _cancel(self) -> None:
        for future in self._running:
            future.cancel()

    def _run(self, work: Callable[..., R], args: tuple[Any, ...]) -> tuple[R, int]:
        attempts = 0

        def attempt(tx: neo4j.ManagedTransaction) -> R:
            nonlocal attempts
            attempts += 1
            return work(tx, *args)

        session = self._free.get()
        try:
            return session.execute_write(attempt), attempts
        finally:
            self._free.put(session)

    def submit(self, work: Callable[..., R], *args: Any, then: Callable[[R], None]) -> None:
        """Run ``work(tx, *args)`` in a write transaction once a writer is free."""
        if self._pool is None:
            raise RuntimeError("Writers is used in a with block")
        self.settle(self.count - 1)
        self._running[self._pool.submit(self._run, work, args)] = then

    def settle(self, until: int = 0) -> None:
        """Wait until at most ``until`` transactions run; hand the finished ones' results."""
        while len(self._running) > until:
            finished, _ = wait(self._running, return_when=FIRST_COMPLETED)
            for future in finished:
                then = self._running.pop(future)
                result, attempts = future.result()
                self.retried += attempts - 1
                then(result)
