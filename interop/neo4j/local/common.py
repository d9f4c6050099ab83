"""What every part of the local server runner shares: its error, its progress line, the
numbers read from the environment, where the jar cache and the Neo4j home are, and the
locks that keep two processes from starting or stopping one home at once."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

DEFAULT_PORT = 7687
DEFAULT_HTTP_PORT = 7474


class Neo4jLocalError(RuntimeError):
    """A failure a user can act on: ``str(exc)`` is one sentence, ``detail`` the evidence."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


def say(message: str) -> None:
    print(f"[neo4j] {message}", file=sys.stderr, flush=True)


def require_posix() -> None:
    if os.name != "posix":
        raise Neo4jLocalError(
            "The local Neo4j runner supports Linux and macOS only; on Windows use "
            "docker/compose.yml (or any Neo4j 5.26 server) and set NEO4J_URI."
        )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise Neo4jLocalError(f"{name} must be an integer, not {raw!r}.") from None


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise Neo4jLocalError(f"{name} must be a number of seconds, not {raw!r}.") from None


def tail(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


def cache_root() -> Path:
    """``$INTEROP_CACHE``, else ``~/.cache/interop``."""
    raw = os.environ.get("INTEROP_CACHE", "").strip()
    return Path(raw).expanduser() if raw else Path.home() / ".cache" / "interop"


def repo_root() -> Path | None:
    """The source checkout this module runs from (it has pyproject.toml), or None if installed."""
    here = Path(__file__).resolve()
    root = here.parents[3]
    candidate = root / "interop" / "neo4j" / "local" / here.name
    if (root / "pyproject.toml").is_file() and candidate.resolve() == here:
        return root
    return None


def default_home() -> Path:
    """``$INTEROP_NEO4J_HOME``, else ``<repo>/.neo4j``, else ``<cache root>/neo4j-home``."""
    raw = os.environ.get("INTEROP_NEO4J_HOME", "").strip()
    if raw:
        return Path(raw).expanduser().resolve()
    root = repo_root()
    return (root / ".neo4j") if root else (cache_root() / "neo4j-home").resolve()


def resolve_home(home: Path | str | None) -> Path:
    return Path(home).expanduser().resolve() if home is not None else default_home()


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock (flock) on ``path``, held for the ``with`` block."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_HELD: dict[Path, int] = {}


@contextlib.contextmanager
def home_lock(home: Path) -> Iterator[None]:
    """Serialise start/stop on one home across processes; re-entrant within a process."""
    depth = _HELD.get(home, 0)
    if depth:
        _HELD[home] = depth + 1
        try:
            yield
        finally:
            _HELD[home] -= 1
        return
    with file_lock(home / "run" / "neo4j.lock"):
        _HELD[home] = 1
        try:
            yield
        finally:
            del _HELD[home]
