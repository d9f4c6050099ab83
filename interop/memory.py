"""This process's memory, as the operating system tells it (``--profile``, the copies of
:mod:`interop.forked`)."""

from __future__ import annotations

import sys
from pathlib import Path


def peak_rss_mib() -> float | None:
    """The process's peak resident memory so far, MiB (None where the OS does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def own_mib() -> float | None:
    """This process's private memory now (clean and dirty private pages), MiB, where Linux
    says (``/proc/self/smaps_rollup``)."""
    try:
        text = Path("/proc/self/smaps_rollup").read_text(encoding="ascii")
    except OSError:
        return None
    kib = sum(int(line.split()[1]) for line in text.splitlines() if line.startswith("Private_"))
    return kib / 1024
