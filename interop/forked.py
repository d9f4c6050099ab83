"""Work done by a copy of this process while it goes on: outputs written side by side.

After the rules, ``interop analyze`` writes outputs that do not depend on each other —
the graph pages, the spreadsheets, the report — from the same findings and graph. On a
machine with more than one core they can be written at once. :func:`start` forks: the
copy has the findings, the graph and the frames as they are (nothing is pickled, sent or
read again; pages are shared until written to), does one job, sends back its result (a
few paths; a table's parsed columns, tens of megabytes) or its exception, and ends with
``os._exit`` — it is a copy, and the parent's exit handlers, buffers and finalizers are
the parent's to run. The result goes through an anonymous file both processes hold
(:func:`_anonymous_file`), written whole by the copy whenever it is done, and its length
through a pipe: a pipe alone holds 64 KiB, and the copy would wait for this process to
read each 64 KiB of it. Its numpy arrays' memory is written beside the pickle (protocol
5's out-of-band buffers), and this process maps the file and takes them as views of it
(:func:`_write_result`, :func:`_read_result`).

:func:`standing_by` forks earlier, for a job whose input comes later: the copy gets
ready at once (the report's drawer imports matplotlib while the command reads the
inventory: :mod:`interop.report.drawer`), then waits for a small pickled value, runs the
job on it and answers as :func:`start`'s copy does.

Only on Linux (``fork`` is the documented default there; macOS's system libraries are
not safe to use after a fork, Windows has none), and only from a process that runs no
other thread at the time (the CLI forks between its steps, when no progress display is
drawing). Elsewhere the caller runs the job itself (:func:`can_fork`).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import select
import signal
import sys
import tempfile
import threading
import time
import traceback
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, NoReturn, TypeVar

from interop.memory import own_mib, peak_rss_mib

A = TypeVar("A")
T = TypeVar("T")


def can_fork(wait: float = 1.0) -> bool:
    """Whether :func:`start` may fork here: Linux, more than one core, one thread (after
    waiting up to ``wait`` seconds for the others to end: 0 asks about now)."""
    return (
        sys.platform == "linux"
        and hasattr(os, "fork")
        and (os.cpu_count() or 1) > 1
        and _alone(wait)
    )


def _alone(wait: float = 1.0) -> bool:
    """Whether this is the process's only thread, after waiting up to ``wait`` seconds for
    the others to end (a progress display's refresh thread ends just after the display
    stops: rich does not wait for it). A thread that stays makes the answer no."""
    deadline = time.monotonic() + wait
    for thread in threading.enumerate():
        if thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))
    return threading.active_count() == 1


@dataclass(frozen=True)
class Done(Generic[T]):
    """A job's result, with what it cost the process that did it."""

    value: T
    seconds: float
    """Wall-clock time of the job in its process."""
    cpu: float
    """CPU time of that process for the job."""
    peak_mib: float | None
    """That process's peak resident memory (pages it shares with this one included)."""
    own_mib: float | None = None
    """What of it was that process's own at the end (written to since the fork: its
    private pages), where Linux says (``/proc/self/smaps_rollup``)."""
    life: tuple[float, float] | None = None
    """When the copy was forked and when this process joined it (``time.perf_counter()``
    here): what ran beside what, for a peak of the processes together."""
    then_mib: float | None = None
    """This process's own peak resident memory when it joined the copy."""


class Running(Generic[T]):
    """A job running in a forked copy of this process; :meth:`join` waits for it."""

    def __init__(self, name: str, pid: int, read_fd: int, result_fd: int) -> None:
        self.name = name
        self._pid = pid
        self._fd = read_fd
        self._result = result_fd
        self._joined = False
        self._forked_at = time.perf_counter()

    def finished(self) -> bool:
        """Whether the job is done: the copy has begun sending its result (or has ended), so
        :meth:`join` waits little if at all."""
        if self._joined:
            return True
        readable, _, _ = select.select([self._fd], [], [], 0)
        return bool(readable)

    def join(self) -> Done[T]:
        """Wait for the job: its result, or its exception raised here (with the copy's
        traceback as a note); an error if the copy ended without saying (killed)."""
        with os.fdopen(self._fd, "rb") as pipe:
            told = pipe.read()  # the result's lengths, once it is all in the file
        _, status, usage = os.wait4(self._pid, 0)
        self._joined = True
        try:
            if len(told) != 16:
                raise ValueError("no result")
            outcome = _read_result(self._result, int.from_bytes(told[:8]), int.from_bytes(told[8:]))
        except Exception:  # nothing, or a part (the copy was killed while it wrote)
            raise RuntimeError(
                f"the process for {self.name} ended without a result "
                f"({_ended(status)}; out of memory?)"
            ) from None
        finally:
            os.close(self._result)
        if outcome[0] == "error":
            _, error, trace = outcome
            error.add_note(f"(in the process for {self.name})\n{trace}")
            raise error
        _, value, seconds, cpu, own = outcome
        life = (self._forked_at, time.perf_counter())
        peak = usage.ru_maxrss / 1024  # KiB on Linux
        return Done(value, seconds, cpu, peak, own, life, peak_rss_mib())

    def stop(self) -> None:
        """End the copy if it still runs (this process is failing), and reap it."""
        if self._joined:
            return
        self._joined = True
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGTERM)
        os.waitpid(self._pid, 0)
        os.close(self._fd)
        os.close(self._result)


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def start(name: str, job: Callable[[], T]) -> Running[T]:
    """Run ``job()`` in a forked copy of this process (see the module docstring; call only
    when :func:`can_fork`); ``name`` says what it does, in messages."""
    read_fd, write_fd = _pipe_before_fork()
    result_fd = _anonymous_file()
    pid = os.fork()
    if pid:
        os.close(write_fd)
        return Running(name, pid, read_fd, result_fd)
    os.close(read_fd)
    _serve(write_fd, result_fd, lambda: job)


class Waiting(Generic[A, T]):
    """A copy of this process getting ready for a job (:func:`standing_by`) and waiting
    for the value to run it on: :meth:`send` it, or :meth:`stop` the copy."""

    def __init__(
        self,
        name: str,
        pid: int,
        send_fd: int,
        read_fd: int,
        result_fd: int,
        go_fd: int | None = None,
    ) -> None:
        self.name = name
        self._send_fd: int | None = send_fd
        self._go_fd = go_fd
        self._running: Running[T] = Running(name, pid, read_fd, result_fd)

    def get_ready(self) -> None:
        """Have a copy told to wait (:func:`standing_by`'s ``told``) get ready now; a copy
        of this process forked since may say it too (the first word counts)."""
        if self._go_fd is not None:
            with contextlib.suppress(OSError):  # (ended already: join says why)
                os.write(self._go_fd, b"1")

    def send(self, value: A) -> Running[T]:
        """Give the copy its value (pickled: keep it small, the send waits while the copy
        reads what the pipe does not hold, 64 KiB on Linux); the running job."""
        if self._send_fd is None:
            raise RuntimeError(f"the process for {self.name} was sent its value already")
        fd, self._send_fd = self._send_fd, None
        with contextlib.suppress(BrokenPipeError), os.fdopen(fd, "wb") as pipe:
            pipe.write(pickle.dumps(value))  # a copy that ended already: join says why
        return self._running

    def stop(self) -> None:
        """End the copy if it still runs (never sent its value, or this process is
        failing), and reap it."""
        if self._send_fd is not None:
            os.close(self._send_fd)
            self._send_fd = None
        if self._go_fd is not None:
            os.close(self._go_fd)
            self._go_fd = None
        self._running.stop()


def standing_by(
    name: str, prepare: Callable[[], object], job: Callable[[A], T], *, told: bool = False
) -> Waiting[A, T]:
    """Fork now a copy of this process that runs ``prepare()`` at once (imports, say, while
    this process does other work), then waits for the value :meth:`Waiting.send` gives it,
    runs ``job(value)`` and sends back its result as :func:`start`'s copy does (the
    time told is the job's, not the preparation's or the wait's). A copy that this
    process never sends a value (or that loses it: this process ended) ends quietly.
    ``told``: the copy prepares only once told (:meth:`Waiting.get_ready`, when a core is
    free) or sent its value, whichever comes first. Call only when :func:`can_fork`."""
    value_read, value_write = _pipe_before_fork()
    read_fd, write_fd = os.pipe()
    result_fd = _anonymous_file()
    go_read, go_write = os.pipe() if told else (None, None)
    pid = os.fork()
    if pid:
        os.close(value_read)
        os.close(write_fd)
        if go_read is not None:
            os.close(go_read)
        return Waiting(name, pid, value_write, read_fd, result_fd, go_write)
    os.close(value_write)
    os.close(read_fd)
    if go_write is not None:
        os.close(go_write)

    def ready() -> Callable[[], T]:
        if go_read is not None:  # told, sent its value or left (the pipes closed)
            select.select([go_read, value_read], [], [])
            os.close(go_read)
        prepare()
        with os.fdopen(value_read, "rb") as pipe:
            try:  # the value's own length: later copies of this process may hold the pipe
                value = pickle.load(pipe)
            except EOFError:  # never sent
                os._exit(0)
        return lambda: job(value)

    _serve(write_fd, result_fd, ready)


class Later(Generic[T]):
    """A value this process makes after it forks a copy that needs it only later (the
    department scorecard, which the workbook's copy reaches after its finding sheets): made
    before the fork; :meth:`send` it here once made, :meth:`get` it in the copy, which
    waits for it then. The value goes through an anonymous file both processes hold
    (``memfd_create``: in memory, no name, nothing left behind; pickled: a pipe holds 64
    KiB, and this process writing more would wait for the copy to read); that it is
    there, through a pipe. :meth:`close` here once the copy is joined (or stopped)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._file = _anonymous_file()
        self._ready, self._told = os.pipe()
        self._got: tuple[T] | None = None

    def send(self, value: T) -> None:
        """Give the copy ``value`` (here, once)."""
        _write_whole(self._file, pickle.dumps(value))
        os.write(self._told, b"1")

    def get(self) -> T:
        """The value (in the copy): waits until it is sent; an error if this process
        closed it unsent (it is failing)."""
        if self._got is None:
            os.close(self._told)  # the copy's end: this process's alone tells
            if os.read(self._ready, 1) != b"1":
                raise RuntimeError(f"{self.name} was never sent")
            data = _read_whole(self._file, os.fstat(self._file).st_size)
            if data is None:
                raise RuntimeError(f"{self.name} was cut short")
            self._got = (pickle.loads(data),)
        return self._got[0]

    def close(self) -> None:
        """Here: the pipe and the file closed."""
        for fd in (self._ready, self._told, self._file):
            with contextlib.suppress(OSError):
                os.close(fd)


def _anonymous_file() -> int:
    """A file in memory with no name (``memfd_create``: nothing left behind), or where the C
    library has none an unnamed temporary file: for a value of any size between this
    process and a copy forked after (:class:`Later`, :func:`start`'s result)."""
    try:
        return os.memfd_create("interop", os.MFD_CLOEXEC)
    except (AttributeError, OSError):
        with tempfile.TemporaryFile() as unnamed:
            return os.dup(unnamed.fileno())


def _write_whole(fd: int, data: bytes | memoryview, at: int = 0) -> None:
    """``data`` into the anonymous file ``fd`` from its start (or from ``at``)."""
    view = memoryview(data).cast("B")
    written = 0
    while written < len(view):
        written += os.pwrite(fd, view[written:], at + written)


ALIGN = 64
"""Where each buffer of a result starts in its file: at a multiple of this many bytes."""


def _aligned(at: int) -> int:
    return -(-at // ALIGN) * ALIGN


def _write_result(fd: int, payload: bytes, buffers: Sequence[pickle.PickleBuffer]) -> None:
    """A copy's result into the anonymous file ``fd``: the pickle, then the length of each
    of its out-of-band buffers (pickle protocol 5: numpy arrays' memory, not copied into
    the pickle), then each buffer (aligned), for :func:`_read_result`."""
    raws = [buffer.raw() for buffer in buffers]
    lengths = array("q", (raw.nbytes for raw in raws))
    _write_whole(fd, payload)
    at = len(payload)
    _write_whole(fd, lengths.tobytes(), at)
    at = _aligned(at + lengths.itemsize * len(lengths))
    for raw in raws:
        _write_whole(fd, raw, at)
        at = _aligned(at + raw.nbytes)


def _read_result(fd: int, size: int, count: int) -> Any:
    """A copy's result from the anonymous file ``fd`` (:func:`_write_result`: a pickle of
    ``size`` bytes and ``count`` buffers). The file is mapped, copy on write, and each
    buffer is a view of it: a numpy array comes back in the pages the copy wrote, not
    read into a buffer and then copied into memory of its own (at a million cameras, the
    camera columns' 44 MB: a tenth of a second, and twice their memory, meanwhile)."""
    if not count:
        data = _read_whole(fd, size)
        if data is None:
            raise ValueError("a part of the result")
        return pickle.loads(data)
    end = os.fstat(fd).st_size
    header = size + 8 * count
    if end < header:
        raise ValueError("a part of the result")
    view = memoryview(mmap.mmap(fd, end, access=mmap.ACCESS_COPY))
    lengths = array("q")
    lengths.frombytes(view[size:header])
    buffers = []
    at = _aligned(header)
    for length in lengths:
        if not length:  # (nothing written for it: the file may end before)
            buffers.append(memoryview(bytearray()))
            continue
        if at + length > end:
            raise ValueError("a part of the result")
        buffers.append(view[at : at + length])
        at = _aligned(at + length)
    return pickle.loads(view[:size], buffers=buffers)


def _read_whole(fd: int, size: int) -> bytearray | None:
    """The ``size`` bytes at the start of the anonymous file ``fd`` (read into one buffer,
    not gathered from parts); None if there are fewer."""
    data = bytearray(size)
    with memoryview(data) as view:
        done = 0
        while done < size:
            part = os.preadv(fd, [view[done:]], done)
            if not part:
                return None
            done += part
    return data


def _pipe_before_fork() -> tuple[int, int]:
    """A pipe for a copy about to be forked, with nothing buffered in this process's
    streams (the copy would write it a second time)."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    return os.pipe()


def _serve(write_fd: int, result_fd: int, ready: Callable[[], Callable[[], T]]) -> NoReturn:
    """The copy's life: ``ready()`` gives the job (untimed), the job's outcome goes into the
    anonymous file ``result_fd`` and its length down the pipe, and the copy ends without
    running any exit handler of the parent's."""
    code = 0
    try:
        try:
            job = ready()
            wall, cpu = time.perf_counter(), time.process_time()
            value = job()
            outcome: tuple[Any, ...] = (
                "ok",
                value,
                time.perf_counter() - wall,
                time.process_time() - cpu,
                own_mib(),
            )
        except BaseException as exc:  # everything goes back to the parent
            code = 1
            outcome = ("error", _picklable(exc), traceback.format_exc())
        buffers: list[pickle.PickleBuffer] = []
        try:
            payload = pickle.dumps(outcome, protocol=5, buffer_callback=buffers.append)
        except Exception as exc:  # a result that cannot travel
            code = 1
            lost = RuntimeError(f"the result could not be sent back: {type(exc).__name__}: {exc}")
            payload, buffers = pickle.dumps(("error", lost, traceback.format_exc())), []
        _write_result(result_fd, payload, buffers)
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(len(payload).to_bytes(8) + len(buffers).to_bytes(8))
    finally:
        os._exit(code)


def _picklable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling (OSError does: the CLI names the file), else a
    RuntimeError saying what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


class Jobs:
    """Jobs for whichever of two processes asks first (this one and a copy forked after:
    the outputs of :mod:`interop.outputs`, the rules of :func:`interop.analysis.check_beside`):
    one byte per job in a pipe made before the fork, its writing end closed, so each
    :meth:`take`, in either process, reads the next job's byte (every job is taken once,
    by one process) and, once all are taken, the end of the pipe (it never waits)."""

    def __init__(self, names: Sequence[str]) -> None:
        if len(names) > 256:
            raise ValueError("at most 256 jobs (one byte each)")
        self.names = list(names)
        self._fd, write = os.pipe()
        os.write(write, bytes(range(len(self.names))))
        os.close(write)

    def take(self) -> str | None:
        """The next job no process has taken yet, or None."""
        byte = os.read(self._fd, 1)
        return self.names[byte[0]] if byte else None

    def taken(self) -> Iterator[str]:
        """The jobs this process takes, one by one, until none is left."""
        while (name := self.take()) is not None:
            yield name

    def close(self) -> None:
        os.close(self._fd)
