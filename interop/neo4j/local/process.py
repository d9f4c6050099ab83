"""The server's operating-system process: its pid file, whether it lives, whether it is
really ours (pids are reused), and how it is started detached and stopped."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from interop.neo4j.local.common import say
from interop.neo4j.local.java import MAIN_CLASS

_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}  # keeps Popen objects of servers we started


def launch(command: list[str], home: Path, log_path: Path) -> int:
    """Start ``command`` detached in ``home`` (its own session, output into ``log_path``)
    and record its pid in the home's pid file; returns the pid."""
    with log_path.open("wb") as log:
        child = subprocess.Popen(
            command,
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            close_fds=True,
        )
    _CHILDREN[child.pid] = child
    pid_file(home).write_text(f"{child.pid}\n", encoding="utf-8")
    return child.pid


def pid_file(home: Path) -> Path:
    return home / "run" / "neo4j.pid"


def read_pid(home: Path) -> int | None:
    try:
        return int(pid_file(home).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError, IndexError):
        if stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":  # zombie: exited
            return False
    return True


def _command_args(pid: int) -> list[str]:
    proc = Path(f"/proc/{pid}/cmdline")
    with contextlib.suppress(OSError):
        return proc.read_bytes().decode(errors="replace").split("\0")
    out = subprocess.run(  # no /proc (macOS): ps splits at spaces, fine for our arguments
        ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False
    )
    return out.stdout.split()


def is_our_server(pid: int, home: Path) -> bool:
    """Alive, and really the java process we started for ``home`` (guards against PID reuse)."""
    if not alive(pid):
        return False
    args = _command_args(pid)
    return MAIN_CLASS in args and f"--home-dir={home}" in args


def running_pid(home: Path) -> int | None:
    pid = read_pid(home)
    return pid if pid is not None and is_our_server(pid, home) else None


def port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def terminate(pid: int, timeout: float) -> None:
    """SIGTERM, wait up to ``timeout`` seconds, then SIGKILL."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    next_note = time.monotonic() + 10.0
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
        if time.monotonic() >= next_note:
            say(f"Waiting for pid {pid} to shut down...")
            next_note = time.monotonic() + 10.0
    if alive(pid):
        say(f"pid {pid} did not stop within {timeout:.0f} s; sending SIGKILL.")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10.0
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
    child = _CHILDREN.pop(pid, None)
    if child is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=1.0)
