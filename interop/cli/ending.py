"""How the ``interop`` process ends: at once, once everything is written.

A command such as ``analyze`` leaves a heap of a few hundred MB (the graph, the findings,
the report's pieces, matplotlib). When the interpreter ends normally it tears that heap
down object by object, and runs a last collection: 0.4 s of the seed city's 5 s, spent
after the last file was written, on memory the operating system reclaims at once anyway.
So the console entry point ends the process with ``os._exit`` once the exit handlers have
run and the standard streams are flushed; the exit status is what ``sys.exit`` gives.

Only the entry point does this (tests call the click group, in their own process), and
only when nothing else is running: with another thread alive (none of ours is), or when
the command ends by an exception other than ``SystemExit``, the interpreter ends as usual.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from collections.abc import Callable


def run_and_exit(command: Callable[[], object]) -> None:
    """Run ``command`` (the click group), then end the process without tearing it down."""
    try:
        command()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if threading.active_count() > 1:
        raise SystemExit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # as sys.exit("message") does: the message on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(status)
