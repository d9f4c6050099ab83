"""The console entry point ends the process at once (:mod:`interop.cli.ending`), with the
exit status and output a normal end gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _run(body: str) -> subprocess.CompletedProcess[str]:
    script = f"from interop.cli.ending import run_and_exit\n{body}"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)


def test_buffered_output_and_exit_handlers_survive() -> None:
    done = _run(
        "import atexit, sys\n"
        "atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
        "run_and_exit(lambda: print('no line break', end=''))"
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "no line break", "handler ran\n")


def test_exit_statuses_are_those_of_sys_exit() -> None:
    for code, status, stderr in (("None", 0, ""), ("3", 3, ""), ("'bad input'", 1, "bad input\n")):
        done = _run(f"import sys\nrun_and_exit(lambda: sys.exit({code}))")
        assert (done.returncode, done.stderr) == (status, stderr), code


def test_an_exception_ends_the_usual_way() -> None:
    done = _run("run_and_exit(lambda: 1 / 0)")
    assert done.returncode == 1 and "ZeroDivisionError" in done.stderr


def test_a_running_thread_is_waited_for() -> None:
    done = _run(
        "import threading, time\n"
        "def late():\n"
        "    time.sleep(0.2)\n"
        "    print('thread done', flush=True)\n"
        "run_and_exit(lambda: threading.Thread(target=late).start())"
    )
    assert (done.returncode, done.stdout) == (0, "thread done\n")


def test_the_interop_command(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "from interop.cli import main; main()"]
    version = subprocess.run([*command, "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("interop")
    missing = tmp_path / "missing"
    failed = subprocess.run([*command, "validate", str(missing)], capture_output=True, text=True)
    assert failed.returncode == 1 and "does not exist" in failed.stderr
