"""The local Neo4j 5.26 Community server's life: start it, stop it, ask how it is.

``start()`` fetches the jars once (:mod:`.jars`), writes the configuration into the Neo4j
home (:mod:`.config`), launches ``java`` detached (:mod:`.java`, :mod:`.process`) and waits
until Bolt answers from that home (:mod:`.bolt`); ``stop()`` stops exactly the recorded
process; ``shared_server()`` lends one server to several test processes.

Environment:
    INTEROP_CACHE           jar cache root (default ``~/.cache/interop``)
    INTEROP_NEO4J_HOME      Neo4j home (default ``<repo>/.neo4j``; when installed
                            ``<cache root>/neo4j-home``)
    INTEROP_NEO4J_PORT      Bolt port on 127.0.0.1 (default 7687)
    INTEROP_NEO4J_HTTP_PORT HTTP port on 127.0.0.1: Neo4j Browser and the HTTP API
                            (default 7474)
    INTEROP_NEO4J_TIMEOUT   seconds to wait for Bolt (default 180)
    INTEROP_NEO4J_HEAP      JVM heap, used for -Xms and -Xmx (default 1g)
    INTEROP_NEO4J_PASSWORD  enables authentication (user ``neo4j``) with this password,
                            on Bolt and HTTP alike; unset: authentication disabled
    INTEROP_JAVA            java executable (default ``$JAVA_HOME/bin/java``, then PATH)

Linux and macOS only (the process handling uses POSIX signals and file locks).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from interop.neo4j.local.bolt import (
    REFUSED,
    apoc_version,
    components,
    probe,
    same_home,
    set_initial_password,
    wait_for_bolt,
)
from interop.neo4j.local.common import (
    DEFAULT_HTTP_PORT,
    DEFAULT_PORT,
    Neo4jLocalError,
    env_float,
    env_int,
    home_lock,
    require_posix,
    resolve_home,
    say,
)
from interop.neo4j.local.config import (
    USER,
    auth_for,
    bolt_uri,
    browser_of,
    conf_values,
    port_of,
    prepare_home,
)
from interop.neo4j.local.jars import ensure_jars, pinned_versions
from interop.neo4j.local.java import find_java, java_command, java_major
from interop.neo4j.local.process import (
    alive,
    is_our_server,
    launch,
    pid_file,
    port_taken,
    read_pid,
    running_pid,
    terminate,
)

DEFAULT_TIMEOUT = 180.0
DEFAULT_HEAP = "1g"
STOP_TIMEOUT = 60.0


@dataclass(frozen=True)
class ServerInfo:
    """A running local server, as ``start()`` found or started it."""

    uri: str
    auth: tuple[str, str] | None = field(repr=False)  # never print a password
    pid: int
    home: Path
    version: str
    edition: str
    apoc_version: str | None
    already_running: bool
    startup_seconds: float | None
    browser: str | None = None
    """Neo4j Browser's URL (None for a server started before HTTP was switched on)."""

    def summary(self) -> str:
        apoc = f", APOC {self.apoc_version}" if self.apoc_version else ", APOC not loaded"
        how = (
            "already running"
            if self.already_running
            else f"started in {self.startup_seconds or 0.0:.1f} s"
        )
        return (
            f"Neo4j {self.version} {self.edition}{apoc}: {how}, pid {self.pid}, {self.uri}"
            f"{_browser_part(self.browser)} (home {self.home})"
        )


@dataclass(frozen=True)
class ServerStatus:
    """What ``status()`` sees: a live recorded process, and whether Bolt answers."""

    home: Path
    pid: int | None
    uri: str
    answering: bool
    browser: str | None = None
    """Neo4j Browser's URL when the running server serves it."""

    @property
    def running(self) -> bool:
        return self.pid is not None

    def summary(self) -> str:
        if self.pid is None:
            return f"Neo4j not running (home {self.home})"
        bolt = "answering" if self.answering else "not answering yet"
        return (
            f"Neo4j running, pid {self.pid}, {self.uri} {bolt}{_browser_part(self.browser)}"
            f" (home {self.home})"
        )


def _browser_part(browser: str | None) -> str:
    return f", Neo4j Browser {browser}" if browser else ""


def _describe(
    uri: str, auth: tuple[str, str] | None, home: Path, pid: int, *, already: bool, took: float
) -> ServerInfo:
    version, edition = components(uri, auth)
    pinned = pinned_versions().neo4j
    if version != pinned:
        say(f"Note: the running server is {version}, pom.xml pins {pinned} (restart to switch).")
    apoc = apoc_version(uri, auth)
    if apoc is None:
        say(f"Warning: APOC is not loaded; see {home / 'logs' / 'debug.log'}.")
    return ServerInfo(
        uri=uri,
        auth=auth,
        pid=pid,
        home=home,
        version=version,
        edition=edition,
        apoc_version=apoc,
        already_running=already,
        startup_seconds=None if already else took,
        browser=browser_of(home),
    )


def start(
    home: Path | str | None = None,
    *,
    port: int | None = None,
    http_port: int | None = None,
    timeout: float | None = None,
    password: str | None = None,
    heap: str | None = None,
) -> ServerInfo:
    """Start the local server unless it is already running; wait until Bolt answers.

    Arguments left as None come from the environment (see the module docstring). When the
    server is already running, ``port``/``http_port``/``heap`` are ignored and the running
    one is described.
    """
    require_posix()
    home = resolve_home(home)
    if timeout is None:
        timeout = env_float("INTEROP_NEO4J_TIMEOUT", DEFAULT_TIMEOUT)
    if password is None:
        password = os.environ.get("INTEROP_NEO4J_PASSWORD") or None
    with home_lock(home):
        pid = running_pid(home)
        if pid is not None:
            uri = bolt_uri(port_of(home))
            auth = auth_for(home, password)
            say(f"Already running (pid {pid}); checking Bolt on {uri}.")
            wait_for_bolt(uri, auth, home, pid, timeout)
            return _describe(uri, auth, home, pid, already=True, took=0.0)

        pid_file(home).unlink(missing_ok=True)  # stale, if any
        (home / "run" / "started-for-tests").unlink(missing_ok=True)  # from a crashed session
        port = port if port is not None else env_int("INTEROP_NEO4J_PORT", DEFAULT_PORT)
        heap = heap or os.environ.get("INTEROP_NEO4J_HEAP", "").strip() or DEFAULT_HEAP
        if http_port is None:
            http_port = env_int("INTEROP_NEO4J_HTTP_PORT", DEFAULT_HTTP_PORT)
        uri = bolt_uri(port)
        if http_port == port:
            raise Neo4jLocalError(
                f"Bolt and HTTP cannot share port {port}; set INTEROP_NEO4J_HTTP_PORT."
            )
        ports = ((port, "INTEROP_NEO4J_PORT"), (http_port, "INTEROP_NEO4J_HTTP_PORT"))
        for taken, variable in ports:
            if port_taken(taken):
                raise Neo4jLocalError(
                    f"127.0.0.1:{taken} is already in use by another process; stop it or set "
                    f"{variable}."
                )
        jars = ensure_jars()
        java = find_java()
        major = java_major(java)
        if major < 17:
            raise Neo4jLocalError(f"{java} is Java {major}; Neo4j 5.26 needs Java 17 or 21.")
        if major not in (17, 21):
            say(f"Warning: {java} is Java {major}; Neo4j 5.26 supports Java 17 and 21.")
        prepare_home(home, jars, port, http_port, auth_enabled=password is not None)
        auth = (USER, password) if password is not None else None

        log_path = home / "logs" / "console.log"
        if log_path.exists():
            log_path.replace(log_path.with_name("console.log.1"))
        say(f"Starting Neo4j {jars.versions.neo4j} in {home} (Bolt {uri}, heap {heap})...")
        pid = launch(java_command(java, home, jars, heap), home, log_path)
        try:
            took = wait_for_bolt(uri, auth, home, pid, timeout)
            say(f"Bolt answered after {took:.1f} s.")
            if password is not None:
                set_initial_password(uri, password)
                reported = probe(uri, auth)
                if reported is None or reported == REFUSED or not same_home(reported, home):
                    raise Neo4jLocalError(
                        f"The server answering on {uri} is not the one in {home}."
                    )
            return _describe(uri, auth, home, pid, already=False, took=took)
        except BaseException:
            if alive(pid):
                say(f"Stopping the half-started server (pid {pid}).")
                terminate(pid, 20.0)
            pid_file(home).unlink(missing_ok=True)
            raise


def stop(home: Path | str | None = None, *, timeout: float = STOP_TIMEOUT) -> bool:
    """Stop the process recorded in ``<home>/run/neo4j.pid``; True if one was stopped."""
    require_posix()
    home = resolve_home(home)
    with home_lock(home):
        run = home / "run"
        (run / "started-for-tests").unlink(missing_ok=True)
        pid = read_pid(home)
        if pid is None:
            say("Not running (no pid file).")
            return False
        if not is_our_server(pid, home):
            say(f"Not running (stale pid file for pid {pid}); removed it.")
            pid_file(home).unlink(missing_ok=True)
            return False
        say(f"Stopping Neo4j (pid {pid})...")
        began = time.monotonic()
        terminate(pid, timeout)
        pid_file(home).unlink(missing_ok=True)
        say(f"Stopped in {time.monotonic() - began:.1f} s.")
        return True


def status(home: Path | str | None = None) -> ServerStatus:
    """Whether the recorded process is alive, and whether Bolt answers."""
    home = resolve_home(home)
    pid = running_pid(home) if os.name == "posix" else None
    port = port_of(home) if pid is not None else env_int("INTEROP_NEO4J_PORT", DEFAULT_PORT)
    uri = bolt_uri(port)
    answering = False
    if pid is not None:
        values = conf_values(home)
        auth_on = values.get("dbms.security.auth_enabled") == "true"
        password = os.environ.get("INTEROP_NEO4J_PASSWORD") or ""
        reported = probe(uri, (USER, password) if auth_on else None)
        answering = reported is not None and reported != REFUSED and same_home(reported, home)
    browser = browser_of(home) if pid is not None else None
    return ServerStatus(home=home, pid=pid, uri=uri, answering=answering, browser=browser)


@contextlib.contextmanager
def shared_server(
    home: Path | str | None = None,
    *,
    port: int | None = None,
    http_port: int | None = None,
    timeout: float | None = None,
    password: str | None = None,
    heap: str | None = None,
) -> Iterator[ServerInfo]:
    """Use the local server for the duration of a ``with`` block (e.g. a pytest session).

    A server that was already running is left running. One started here is stopped when
    the last user leaves: each process holds a lease file, so pytest-xdist workers share
    one server and the last worker to finish stops it.
    """
    home = resolve_home(home)
    leases = home / "run" / "leases"
    owner = home / "run" / "started-for-tests"
    lease = leases / str(os.getpid())
    with home_lock(home):
        info = start(
            home, port=port, http_port=http_port, timeout=timeout, password=password, heap=heap
        )
        if not info.already_running:
            owner.touch()
        leases.mkdir(parents=True, exist_ok=True)
        lease.touch()
    try:
        yield info
    finally:
        with home_lock(home):
            lease.unlink(missing_ok=True)
            live = []
            for other in leases.glob("*"):
                if other.name.isdigit() and alive(int(other.name)):
                    live.append(other)
                else:
                    other.unlink(missing_ok=True)
            if owner.exists() and not live:
                stop(home)
