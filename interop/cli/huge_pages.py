"""The ``interop`` process asks glibc for its large blocks in transparent huge pages.

A city's inventory has the process allocate gigabytes in large blocks: pandas' parser,
numpy arrays, lists of a million items, the copies forked to write outputs beside it.
glibc's malloc hands them out in 4 KiB pages, each first touched through a page fault: at
a million cameras, about a million faults across the processes of ``interop analyze``,
seconds of system time on a virtual machine, where a fault costs microseconds. glibc 2.35
and later can ask the kernel to back them with transparent huge pages (2 MiB, one fault
for 512 pages) — but reads that setting, ``GLIBC_TUNABLES=glibc.malloc.hugetlb=1``, only
as a process starts. So the console entry point (:func:`interop.cli.main`) calls
:func:`in_huge_pages` before it imports the command's modules (only the ``interop``
package's own small ``__init__`` is imported twice), which starts the same command
again at once with it set (``exec``: the same process, a few hundredths of a second).

Measured on the bench's 1M-camera city (``bench/analyze.py``'s, 2 cores, a Firecracker
VM; two series of three runs with and without, taking turns): page faults 1.0 → 0.7
million, CPU time (user and system) 1.7–1.9 s less on average, of 25–30 s; the wall time
a second less on average in one series, within the machine's noise in the other. The
national city (one run each): CPU time 98 → 91 s, peak memory the same (3,941 and 3,947
MiB). The inventory, the findings and every output are the same either way: only where
the C library puts its blocks changes.

Nothing is done when ``GLIBC_TUNABLES`` is set already (set it, even empty, to keep glibc's
defaults: it is the user's), off Linux, on a C library other than glibc 2.35 or later,
or when the kernel has transparent huge pages off (``[never]``). The setting is taken
out of the environment of the command started again, once glibc has read it: programs
the command starts (a Neo4j server) get the environment the user gave.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

TUNABLE = "glibc.malloc.hugetlb=1"
"""glibc's malloc: ``madvise(MADV_HUGEPAGE)`` on the memory it maps (glibc 2.35+)."""

STARTED_AGAIN = "INTEROP_HUGE_PAGES"
"""Set in the environment of the command started again (and taken out there)."""

THP_ENABLED = Path("/sys/kernel/mm/transparent_hugepage/enabled")


def in_huge_pages() -> None:
    """Start this command again with :data:`TUNABLE` set, where that helps (see the module
    docstring); returns in the command started again, or where nothing is to be done."""
    if os.environ.pop(STARTED_AGAIN, None) is not None:  # glibc has read its tunables
        if os.environ.get("GLIBC_TUNABLES") == TUNABLE:
            del os.environ["GLIBC_TUNABLES"]
        return
    if "GLIBC_TUNABLES" in os.environ or not sys.executable or not available():
        return
    argv = [sys.executable, *sys.orig_argv[1:]]
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    env = {**os.environ, "GLIBC_TUNABLES": TUNABLE, STARTED_AGAIN: "1"}
    try:
        os.execve(sys.executable, argv, env)
    except OSError:  # (not started again: the command runs here, as glibc set it up)
        return


def available() -> bool:
    """Whether both the C library (:func:`glibc_can`) and the kernel (:func:`kernel_can`)
    can give huge pages."""
    return glibc_can() and kernel_can()


def glibc_can() -> bool:
    """Whether this is Linux with glibc 2.35 or later (the first with the tunable)."""
    if sys.platform != "linux":
        return False
    try:  # "glibc 2.36"; musl has no such name
        name, version = (os.confstr("CS_GNU_LIBC_VERSION") or "").split()
        major_minor = tuple(int(part) for part in version.split(".")[:2])
    except (ValueError, OSError):
        return False
    return name == "glibc" and major_minor >= (2, 35)


def kernel_can() -> bool:
    """Whether the kernel lets a process ask for transparent huge pages (``[always]`` or
    ``[madvise]``; a kernel without them has no such file)."""
    try:
        return "[never]" not in THP_ENABLED.read_text()
    except OSError:
        return False
