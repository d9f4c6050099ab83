"""Build the next batches in a background thread while the current one is being written.

Building rows (reading pydantic records, converting coordinates) costs the client CPU
time; the server is idle meanwhile unless the two overlap. The driver releases the GIL
while it waits for the server, so one producer thread keeps a few batches ready.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterable
from typing import TypeVar

T = TypeVar("T")

_DONE = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def prefetch(items: Iterable[T], depth: int = 3) -> Generator[T, None, None]:
    """Yield ``items`` as produced by a background thread, up to ``depth`` ahead.

    An exception raised while producing is raised here, at the item it replaced. Closing
    the iterator early (an error while writing) stops the producer.
    """
    ready: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def offer(item: object) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not offer(item):
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            offer(_Failed(exc))
            return
        offer(_DONE)

    thread = threading.Thread(target=produce, name="interop-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = ready.get()
            if item is _DONE:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        thread.join()
