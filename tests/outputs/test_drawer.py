"""The report's pictures drawn beside (``interop.report.drawer``) and the copy of the
process that waits for its work (``interop.forked.standing_by``).

Fork works on any Linux, whatever its cores, so these tests let it fork where ``os.fork``
exists (``can_fork`` also asks for more than one core and a single thread, which a test
session need not have).
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from told_steps import ToldSteps

from interop import forked
from interop.cli.app import cli
from interop.report import charts, drawer
from interop.report.catalog import catalog
from interop.report.scorecard import scorecard
from outputs.hostile import hostile_analysis

FORK = hasattr(os, "fork")
pytestmark = pytest.mark.skipif(not FORK, reason="no os.fork on this platform")


@pytest.fixture
def can_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: True)


@pytest.fixture
def data() -> Iterator[charts.ChartData]:
    """The hostile inventory's figures (names with markup), with a rounds picture too."""
    document, graph = hostile_analysis()
    entries = catalog(document)
    figures = charts.chart_data(document, entries, scorecard(graph, document), "zh")
    series = (("rect.resolved", [2], "#2e7d32"), ("rect.changed", [1], "#e07b00"),
              ("rect.new", [3], "#c62828"))  # fmt: skip
    rounds = charts.Grouped(["规则 <b>一</b>"], series)
    yield charts.ChartData("zh", figures.areas, figures.money, figures.heatmap, rounds)


def _gone(pid: int) -> bool:
    """Whether ``pid`` (a child of this process) has been reaped."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_drawer_draws_the_pictures_drawn_here(can_fork: None, data: charts.ChartData) -> None:
    here = charts.draw(data)
    assert here and here.areas and here.money and here.heatmap and here.rounds
    ready = drawer.Drawer.start()
    assert ready is not None
    steps = ToldSteps()
    pictures = ready.draw(data, steps)
    assert pictures() == here
    ((name, seconds, cpu, peak, own, life, then),) = steps.told
    assert name == "report pictures" and seconds > 0 and cpu > 0
    assert peak and own and 0 < own < peak
    assert life and life[0] < life[1] and then
    ready.stop()  # after the pictures: nothing left to end
    assert _gone(ready._waiting._running._pid)


def test_a_drawer_never_sent_its_figures_is_ended(can_fork: None) -> None:
    ready = drawer.Drawer.start()
    assert ready is not None
    ready.stop()
    assert _gone(ready._waiting._running._pid)


def test_no_drawer_where_the_process_may_not_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert drawer.Drawer.start() is None


def test_the_value_arrives_while_another_process_holds_the_pipe() -> None:
    """A copy forked later (the workbook's) holds the value pipe too: the value is read by
    its own length, not up to the end of the pipe (which would wait for that copy)."""
    waiting = forked.standing_by("double", lambda: None, lambda value: value * 2)
    holder = os.dup(waiting._send_fd)  # type: ignore[arg-type]
    closed = threading.Event()

    def let_go() -> None:
        if not closed.is_set():
            closed.set()
            os.close(holder)

    timer = threading.Timer(5, let_go)  # a copy reading to the pipe's end fails, not hangs
    timer.start()
    started = time.monotonic()
    try:
        assert waiting.send(21).join().value == 42
        assert time.monotonic() - started < 5
    finally:
        timer.cancel()
        timer.join()
        let_go()


def test_an_error_while_getting_ready_is_raised_at_join() -> None:
    def prepare() -> None:
        raise LookupError("no font")

    waiting = forked.standing_by("pictures", prepare, lambda value: value)
    with pytest.raises(LookupError, match="no font") as caught:
        waiting.send(1).join()
    assert "in the process for pictures" in "".join(caught.value.__notes__)


def test_a_copy_left_without_its_value_ends_by_itself() -> None:
    """This process closing the pipe (or ending) without sending ends the copy: it exits
    quietly, not killed and not waiting for ever."""
    waiting = forked.standing_by("nothing", lambda: None, lambda value: value)
    os.close(waiting._send_fd)  # type: ignore[arg-type]
    waiting._send_fd = None
    pid = waiting._running._pid
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
            break
        time.sleep(0.01)
    else:
        pytest.fail("the copy still waits")
    waiting._running._joined = True
    os.close(waiting._running._fd)


def test_a_value_is_sent_once() -> None:
    waiting = forked.standing_by("once", lambda: None, lambda value: value)
    assert waiting.send(1).join().value == 1
    with pytest.raises(RuntimeError, match="sent its value already"):
        waiting.send(2)


def _prepared_when(told_first: bool) -> list[str]:
    """What a copy standing by, told to wait (``told``), had done when: it writes "ready"
    when it prepares, "job" when it runs its job."""
    said, say = os.pipe()

    def prepare() -> None:
        os.write(say, b"ready ")

    def job(value: int) -> int:
        os.write(say, b"job ")
        return value

    waiting = forked.standing_by("told", prepare, job, told=True)
    time.sleep(0.2)  # (a copy preparing at once would have said so by now)
    os.set_blocking(said, False)
    with contextlib.suppress(BlockingIOError):
        assert os.read(said, 100) == b"", "prepared before it was told"
    os.set_blocking(said, True)
    if told_first:
        waiting.get_ready()
        assert select.select([said], [], [], 10)[0], "never got ready"
        assert os.read(said, 6) == b"ready "  # told: ready before its value comes
    assert waiting.send(7).join().value == 7
    os.close(say)
    words = b""
    while chunk := os.read(said, 100):
        words += chunk
    os.close(said)
    waiting.stop()
    return words.split()


@pytest.mark.parametrize("told_first", [True, False])
def test_a_copy_told_to_wait_prepares_once_told_or_sent_its_value(told_first: bool) -> None:
    """``told``: the copy prepares only when told (the drawer, once a core is free) or,
    never told, when its value comes; either way before its job, once."""
    words = _prepared_when(told_first)
    assert words == ([b"job"] if told_first else [b"ready", b"job"])


def test_a_copy_forked_later_may_tell_it(can_fork: None) -> None:
    """The rules' copy, forked after the drawer, tells it to get ready when its rules are
    checked (``check_beside``'s ``then``)."""
    from interop.analysis import check_beside
    from interop.parameters import Parameters
    from interop.rules import RULES

    said, say = os.pipe()
    waiting = forked.standing_by("told", lambda: os.write(say, b"ready"), lambda v: v, told=True)
    beside = check_beside(nx.MultiDiGraph(), Parameters(), RULES[:0], then=waiting.get_ready)
    assert beside is None  # no rule to check beside: nothing forked, nobody told
    rules = [rule for rule in RULES if rule.id == "camera.gbid_invalid"]
    beside = check_beside(nx.MultiDiGraph(), Parameters(), rules, then=waiting.get_ready)
    assert beside is not None and beside.running.join().value == ([], [])
    beside.close()
    assert select.select([said], [], [], 10)[0], "never told"
    assert os.read(said, 5) == b"ready"
    assert waiting.send(1).join().value == 1
    for fd in (said, say):
        os.close(fd)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_analyze_draws_beside_the_same_report(
    tiny_dir: Path, tmp_path: Path, can_fork: None, lang: str
) -> None:
    """``analyze`` (``--parallel``, the default) starts a drawer before reading the
    inventory: its pictures are in the report, which is the one ``--no-parallel`` writes."""
    runner = CliRunner()
    reports = {}
    for option in ("--parallel", "--no-parallel"):
        out = tmp_path / option
        result = runner.invoke(
            cli, ["analyze", str(tiny_dir), "--out", str(out), "--lang", lang, "--profile", option]
        )
        assert result.exit_code == 0, result.output
        assert ("report pictures (beside)" in result.output) == (option == "--parallel")
        reports[option] = (out / "report.html").read_bytes()
    assert b'class="chart chart-areas"' in reports["--parallel"]
    assert reports["--parallel"] == reports["--no-parallel"]


def test_a_failing_analyze_ends_its_drawer(
    tmp_path: Path, can_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An inventory that cannot be read: the command fails, and its drawer is ended."""
    started: list[drawer.Drawer] = []
    real = drawer.Drawer.start

    def start(ready_now: bool = True) -> drawer.Drawer | None:
        ready = real(ready_now)
        assert ready is not None
        started.append(ready)
        return ready

    monkeypatch.setattr(drawer.Drawer, "start", staticmethod(start))
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "missing"), "--out", str(tmp_path)])
    assert result.exit_code != 0
    (ready,) = started
    assert _gone(ready._waiting._running._pid)
