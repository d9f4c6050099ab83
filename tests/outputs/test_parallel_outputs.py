"""Outputs written side by side (``interop.forked``): the same files, errors brought home.

``write_outputs(parallel=True)`` forks a copy of the process that writes findings.xlsx while
it writes findings.json and the report; each graph page and findings.csv go to whichever is
free first. Fork
works on any Linux, whatever its cores, so these tests let it fork (``can_fork`` asks for
more than one core and a single thread, which a test session need not have).
"""

from __future__ import annotations

import errno
import mmap
import os
import re
import signal
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from told_steps import ToldSteps

from interop import forked, outputs
from interop.viz.basemap import Basemap
from outputs.hostile import hostile_analysis

FORK = hasattr(os, "fork")


STARTED: list[forked.Running[object]] = []
"""Every copy the tests started (through :func:`_start`)."""


@pytest.fixture(autouse=True)
def _reaped(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every copy a test starts is reaped by the end of it (none left running or as a
    zombie; other children of the test process, a browser driver say, are not asked)."""
    real = forked.start

    def start(name: str, job: object) -> forked.Running[object]:
        running = real(name, job)  # type: ignore[arg-type]
        STARTED.append(running)
        return running

    monkeypatch.setattr(forked, "start", start)
    STARTED.clear()
    yield
    for running in STARTED:
        with pytest.raises(ChildProcessError):
            os.waitpid(running._pid, os.WNOHANG)


@pytest.fixture
def can_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: FORK)


def _contents(folder: Path) -> dict[str, bytes]:
    """Every file's bytes; a workbook's parts but its timestamps (docProps)."""
    out: dict[str, bytes] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    if not name.startswith("docProps/"):
                        out[f"{path.name}/{name}"] = book.read(name)
        else:
            out[path.name] = _FOLIUM_ID.sub(b"_ID", path.read_bytes())
    return out


_FOLIUM_ID = re.compile(rb"_[0-9a-f]{32}\b")
"""folium names a map's elements at random (``map_314cb8e9…``), in every run."""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_side_by_side_writes_the_same_files(tmp_path: Path, can_fork: None, lang: str) -> None:
    document, graph = hostile_analysis()
    basemap = Basemap("http://tiles.example.gov/{z}/{x}/{y}.png", "wgs84")
    # findings.json too: side by side, the findings' evidence is made once for it and the
    # workbook (EvidenceTexts), one after the other each makes its own
    (tmp_path / "one").mkdir()
    one_json, two_json = tmp_path / "one" / "findings.json", tmp_path / "two" / "findings.json"
    one = outputs.write_outputs(
        document, graph, tmp_path / "one", lang, basemap, findings_json=one_json
    )
    steps = ToldSteps()
    before = time.perf_counter()
    two = outputs.write_outputs(
        document,
        graph,
        tmp_path / "two",
        lang,
        basemap,
        step=steps,
        parallel=True,
        findings_json=two_json,
    )
    assert [p.name for p in two] == [p.name for p in one]
    assert _contents(tmp_path / "two") == _contents(tmp_path / "one")
    assert ("evidence as JSON" in steps.ran) is FORK
    if FORK:  # the copy's time and memory are told (findings.csv: see below)
        (name, seconds, cpu, peak, own, life, then), *_ = steps.told
        assert name == "findings.xlsx"
        assert seconds > 0 and cpu > 0 and peak and own and 0 < own < peak
        assert life  # when it lived, and this process's peak then
        assert before < life[0] < life[1] - seconds < time.perf_counter()
        assert then and then > own


def test_the_evidence_is_made_once_for_fewer_findings_only(
    tmp_path: Path, can_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From outputs.EVIDENCE_ONCE_BELOW findings on (memory, at the national city), each
    writer makes the evidence's JSON itself: the same files."""
    document, graph = hostile_analysis()
    monkeypatch.setattr(outputs, "EVIDENCE_ONCE_BELOW", len(document.findings))
    (tmp_path / "one").mkdir()
    outputs.write_outputs(
        document, graph, tmp_path / "one", "zh", findings_json=tmp_path / "one" / "findings.json"
    )
    steps = ToldSteps()
    two_json = tmp_path / "two" / "findings.json"
    outputs.write_outputs(
        document, graph, tmp_path / "two", "zh", step=steps, parallel=True, findings_json=two_json
    )
    assert "findings.json" in steps.ran and "evidence as JSON" not in steps.ran
    assert _contents(tmp_path / "two") == _contents(tmp_path / "one")


def _written_once_there(path: Path, real: Callable[..., Any]) -> Callable[..., Any]:
    """``real``, called once ``path`` exists (another process writes it; 20 s at most)."""

    def after(*args: Any, **kwargs: Any) -> Any:
        deadline = time.monotonic() + 20
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(*args, **kwargs)

    return after


@pytest.mark.parametrize("first", ["the copy", "this process"])
def test_what_is_left_is_written_by_whichever_is_free_first(
    tmp_path: Path, can_fork: None, monkeypatch: pytest.MonkeyPatch, first: str
) -> None:
    """The copy writing findings.xlsx and this process writing findings.json and the
    report: the one free first takes findings.csv, then the next graph page, and so on —
    each written once, by one of them, the same files as one process writes."""
    if not FORK:
        return
    document, graph = hostile_analysis()
    one = outputs.write_outputs(document, graph, tmp_path / "one", "zh")
    out = tmp_path / "two"
    last = out / outputs.SHARED[-1]
    if first == "the copy":  # this process's report waits for the copy's last page
        monkeypatch.setattr(
            outputs, "write_report", _written_once_there(last, outputs.write_report)
        )
    else:  # the copy's workbook waits for this process's last page
        monkeypatch.setattr(outputs, "write_xlsx", _written_once_there(last, outputs.write_xlsx))
    steps = ToldSteps()
    two = outputs.write_outputs(document, graph, out, "zh", step=steps, parallel=True)
    assert [p.name for p in two] == [p.name for p in one]
    assert _contents(out) == _contents(tmp_path / "one")
    told = [t.name for t in steps.told]
    if first == "the copy":
        assert told == ["findings.xlsx", *outputs.SHARED]
        # its memory told once, its life with each
        assert all(t.peak is None and t.life == steps.told[0].life for t in steps.told[1:])
    else:
        assert told == ["findings.xlsx"]


def test_jobs_are_each_taken_once_across_processes(tmp_path: Path) -> None:
    """Two processes taking jobs as fast as they can: every job taken once, in order."""
    if not FORK:
        return
    names = [f"job {k}" for k in range(200)]
    jobs = forked.Jobs(names)
    try:
        running = forked.start("taker", lambda: list(jobs.taken()))
        mine = list(jobs.taken())
        theirs = running.join().value
    finally:
        jobs.close()
    assert sorted(mine + theirs, key=names.index) == names
    assert mine == sorted(mine, key=names.index) and theirs == sorted(theirs, key=names.index)
    assert jobs.names == names


def test_an_error_in_a_copy_is_raised_here(
    tmp_path: Path, can_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy's exception comes back as itself (the CLI names the file of an OSError),
    with the copy's traceback as a note, and the copy is reaped."""
    document, graph = hostile_analysis()

    def refused(*args: object, **kwargs: object) -> list[Path]:
        raise PermissionError(errno.EACCES, "Permission denied", "findings.xlsx")

    monkeypatch.setattr(outputs, "write_xlsx", refused)
    with pytest.raises(PermissionError) as caught:
        outputs.write_outputs(document, graph, tmp_path, "zh", parallel=True)
    assert caught.value.filename == "findings.xlsx"
    if FORK:
        notes = "".join(caught.value.__notes__)
        assert f"in the process for {outputs.OTHER_PROCESS}" in notes
        assert "refused" in notes


def test_a_copy_that_dies_is_an_error_not_a_hang() -> None:
    if not FORK:
        return
    running = forked.start("nothing", lambda: os._exit(3))
    with pytest.raises(RuntimeError, match=r"ended without a result.*exit status 3"):
        running.join()


@pytest.mark.parametrize("memfd", [True, False])
def test_a_value_made_after_the_fork_reaches_the_copy_when_it_asks(
    memfd: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scorecard's way to the workbook's copy (``forked.Later``): the copy asks only
    after this process has sent it, however large (a pipe holds 64 KiB: a value written
    into one would wait for the copy to read, and the copy here waits for this process).
    Without ``memfd_create`` (an old C library), through an unnamed temporary file."""
    if not FORK:
        return
    if not memfd:
        monkeypatch.delattr(os, "memfd_create", raising=False)
    later: forked.Later[str] = forked.Later("the value")
    go_read, go_write = os.pipe()

    def job() -> int:
        os.read(go_read, 1)  # only once this process has sent the value
        return len(later.get())

    running = forked.start("a value later", job)
    try:
        previous = signal.alarm(30)  # a send that waited for the copy would hang here
        later.send("x" * 1_000_000)
        signal.alarm(previous)
        os.write(go_write, b"1")
        assert running.join().value == 1_000_000
    finally:
        running.stop()
        later.close()
        os.close(go_read)
        os.close(go_write)
    with pytest.raises(OSError):  # nothing left open here
        os.fstat(later._file)


def test_a_value_never_sent_is_an_error_in_the_copy() -> None:
    if not FORK:
        return
    later: forked.Later[str] = forked.Later("the department scorecard")
    running = forked.start("a value later", later.get)
    later.close()  # (this process failed before making it)
    with pytest.raises(RuntimeError, match="the department scorecard was never sent"):
        running.join()


def test_a_large_result_does_not_wait_for_this_process_to_read_it() -> None:
    """A copy's result of megabytes (a table's parsed columns) is written whole, and the copy
    ends, before this process asks for it (a pipe holds 64 KiB: the copy would wait for
    this process to read the rest), then comes back as it was; the file it went through
    is closed here once read."""
    if not FORK:
        return
    running = forked.start("a large result", lambda: b"x" * 5_000_000 + b"y")
    try:
        previous = signal.alarm(30)  # a copy waiting for this process to read would hang here
        os.waitid(os.P_PID, running._pid, os.WEXITED | os.WNOWAIT)  # ended, not reaped
        signal.alarm(previous)
        value = running.join().value
    finally:
        running.stop()
    assert len(value) == 5_000_001 and value.endswith(b"xy")
    with pytest.raises(OSError):
        os.fstat(running._result)


def test_arrays_come_back_in_the_pages_the_copy_wrote() -> None:
    """A copy's numpy arrays (a table's columns) come back equal, of every layout, empty or
    not, writable, each of the large ones a view of the file the copy wrote (mapped: not
    read, then copied); and a copy killed before it sends its result is told as such."""
    if not FORK:
        return
    made = [
        np.arange(1_000_000, dtype=np.float64),
        np.empty(0, dtype=np.intp),
        np.array([True, False, True]),
        np.array(["a", None, 3], dtype=object),
        np.asfortranarray(np.arange(12).reshape(3, 4)),
        np.arange(10)[::3],
        np.zeros(0, dtype=np.float64),
    ]
    back = forked.start("arrays", lambda: made).join().value
    for sent, got in zip(made, back, strict=True):
        assert got.dtype == sent.dtype and got.shape == sent.shape
        assert got.tolist() == sent.tolist()
        assert got.flags.writeable
    root = back[0]
    while not isinstance(root, mmap.mmap):
        root = root.base if isinstance(root, np.ndarray) else root.obj
    back[0][0] = -1.0  # (copy on write: the file is not written)
    assert back[0][0] == -1.0

    def killed() -> list[object]:
        os.kill(os.getpid(), signal.SIGKILL)
        return made

    with pytest.raises(RuntimeError, match="ended without a result"):
        forked.start("killed", killed).join()


def test_a_result_and_what_it_cost() -> None:
    if not FORK:
        return
    done = forked.start("sum", lambda: sum(range(10**6))).join()
    assert done.value == sum(range(10**6))
    assert done.seconds > 0 and done.cpu > 0 and done.peak_mib and done.peak_mib > 1


def test_an_exception_that_cannot_travel_is_told_in_words() -> None:
    if not FORK:
        return

    class Odd(Exception):
        def __reduce__(self) -> object:
            raise TypeError("not picklable")

    def job() -> None:
        raise Odd("the reason")

    with pytest.raises(RuntimeError, match="Odd: the reason"):
        forked.start("odd", job).join()


def test_no_fork_outside_linux_or_with_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked.sys, "platform", "darwin")
    assert not forked.can_fork()
    monkeypatch.setattr(forked.sys, "platform", "linux")
    monkeypatch.setattr(forked.threading, "active_count", lambda: 2)
    assert not forked.can_fork()
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    monkeypatch.setattr(forked.os, "cpu_count", lambda: 1)
    assert not forked.can_fork()
    monkeypatch.setattr(forked.os, "cpu_count", lambda: 2)
    assert forked.can_fork() == FORK


def test_a_result_that_cannot_travel_is_an_error() -> None:
    if not FORK:
        return
    with pytest.raises(RuntimeError, match="could not be sent back"):
        forked.start("a lock", lambda: __import__("threading").Lock()).join()


def test_every_output_left_to_share_is_shared_once() -> None:
    """findings.csv and every graph page, each once: a page added to the viz and not here
    would be written by no one."""
    from interop.viz import GraphPages

    assert sorted(outputs.SHARED) == sorted({outputs.FINDINGS_CSV, *GraphPages.files})
    assert len(set(outputs.SHARED)) == len(outputs.SHARED)


def test_with_many_findings_the_pages_stay_here(
    tmp_path: Path, can_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PAGES_BESIDE_BELOW findings the copy writes no graph page (its own findings
    index would be hundreds of megabytes more): findings.csv at most, the same files."""
    if not FORK:
        return
    document, graph = hostile_analysis()
    one = outputs.write_outputs(document, graph, tmp_path / "one", "zh")
    monkeypatch.setattr(outputs, "PAGES_BESIDE_BELOW", 0)
    # this process writes its pages before it looks for findings.csv: the copy, done with
    # the workbook meanwhile (the last page waits for it), takes findings.csv
    last = tmp_path / "two" / "graph-provincial.html"
    waiting = _written_once_there(tmp_path / "two" / "findings.csv", outputs.GraphPages.write)

    def write(self: outputs.GraphPages, file: str) -> list[Path]:
        if self.out_dir / file == last:
            return waiting(self, file)  # type: ignore[no-any-return]
        return real(self, file)

    real = outputs.GraphPages.write
    monkeypatch.setattr(outputs.GraphPages, "write", write)
    # and the copy's workbook only once this process writes pages
    first = tmp_path / "two" / outputs.SHARED[1]
    monkeypatch.setattr(outputs, "write_xlsx", _written_once_there(first, outputs.write_xlsx))
    steps = ToldSteps()
    two = outputs.write_outputs(document, graph, tmp_path / "two", "zh", step=steps, parallel=True)
    assert [p.name for p in two] == [p.name for p in one]
    assert _contents(tmp_path / "two") == _contents(tmp_path / "one")
    assert [t.name for t in steps.told] == ["findings.xlsx", "findings.csv"]
