"""A real local Neo4j 5.26 Community server, started from Maven Central jars (no Docker).

``ensure_jars()`` copies the jars pinned in ``pom.xml`` (server + APOC core) into
``${INTEROP_CACHE:-~/.cache/interop}/neo4j-<version>/`` once; ``start()`` writes a minimal
configuration into the Neo4j home, launches ``java`` detached and waits until Bolt answers;
``stop()`` stops exactly the recorded process. The CLI is ``python -m interop.neo4j.local``.

Environment:
    INTEROP_CACHE           jar cache root (default ``~/.cache/interop``)
    INTEROP_NEO4J_HOME      Neo4j home (default ``<repo>/.neo4j``; when installed
                            ``<cache root>/neo4j-home``)
    INTEROP_NEO4J_PORT      Bolt port on 127.0.0.1 (default 7687)
    INTEROP_NEO4J_TIMEOUT   seconds to wait for Bolt (default 180)
    INTEROP_NEO4J_HEAP      JVM heap, used for -Xms and -Xmx (default 1g)
    INTEROP_NEO4J_PASSWORD  enables authentication (user ``neo4j``) with this password;
                            unset: authentication disabled
    INTEROP_JAVA            java executable (default ``$JAVA_HOME/bin/java``, then PATH)

Linux and macOS only (the process handling uses POSIX signals and file locks).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

__all__ = [
    "Jars",
    "Neo4jLocalError",
    "ServerInfo",
    "ServerStatus",
    "Versions",
    "default_home",
    "ensure_jars",
    "main",
    "pinned_versions",
    "read_log",
    "shared_server",
    "start",
    "status",
    "stop",
]

POM = Path(__file__).with_name("pom.xml")
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
DEFAULT_PORT = 7687
DEFAULT_TIMEOUT = 180.0
DEFAULT_HEAP = "1g"
PAGECACHE = "256m"
STOP_TIMEOUT = 60.0
USER = "neo4j"
INITIAL_PASSWORD = "neo4j"  # what a fresh store accepts before the first password change

# What the official launcher passes (conf/neo4j.conf "server.jvm.additional" of the 5.26
# distribution, and BootloaderOsAbstraction's add-opens). Without java.nio opened, start-up
# fails with a LinkageError on DirectByteBuffer. -XX:+AlwaysPreTouch is left out on purpose:
# it commits the whole heap up front, which a small local server does not need.
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)

SERVER_LOGS_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<!-- log4j2 configuration of the server logs; written by interop.neo4j.local on every start. -->
<Configuration status="ERROR" packages="org.neo4j.logging.log4j">
  <Appenders>
    <RollingRandomAccessFile name="DebugLog" fileName="${config:server.directories.logs}/debug.log"
        filePattern="$${config:server.directories.logs}/debug.log.%02i">
      <Neo4jDebugLogLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p [%c{1.}] %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="3"/>
    </RollingRandomAccessFile>
    <RollingRandomAccessFile name="QueryLog" fileName="${config:server.directories.logs}/query.log"
        filePattern="$${config:server.directories.logs}/query.log.%02i">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="3"/>
    </RollingRandomAccessFile>
    <RollingRandomAccessFile name="SecurityLog"
        fileName="${config:server.directories.logs}/security.log"
        filePattern="$${config:server.directories.logs}/security.log.%02i">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="3"/>
    </RollingRandomAccessFile>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="DebugLog"/></Root>
    <Logger name="QueryLogger" level="INFO" additivity="false">
      <AppenderRef ref="QueryLog"/>
    </Logger>
    <Logger name="SecurityLogger" level="INFO" additivity="false">
      <AppenderRef ref="SecurityLog"/>
    </Logger>
  </Loggers>
</Configuration>
"""

USER_LOGS_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<!-- log4j2 configuration of neo4j.log; written by interop.neo4j.local on every start.
     The console appender ends up in logs/console.log (stdout of the java process). -->
<Configuration status="ERROR" packages="org.neo4j.logging.log4j">
  <Appenders>
    <RollingRandomAccessFile name="Neo4jLog" fileName="${config:server.directories.logs}/neo4j.log"
        filePattern="$${config:server.directories.logs}/neo4j.log.%02i">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="3"/>
    </RollingRandomAccessFile>
    <Console name="ConsoleAppender" target="SYSTEM_OUT">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Root level="INFO">
      <AppenderRef ref="Neo4jLog"/>
      <AppenderRef ref="ConsoleAppender"/>
    </Root>
  </Loggers>
</Configuration>
"""


class Neo4jLocalError(RuntimeError):
    """A failure a user can act on: ``str(exc)`` is one sentence, ``detail`` the evidence."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True)
class Versions:
    """Versions pinned in pom.xml."""

    neo4j: str
    apoc: str


@dataclass(frozen=True)
class Jars:
    """The cached runtime jars: ``lib`` goes on the classpath, ``apoc_jars`` into plugins/."""

    versions: Versions
    root: Path
    lib: Path
    apoc_jars: tuple[Path, ...]


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

    def summary(self) -> str:
        apoc = f", APOC {self.apoc_version}" if self.apoc_version else ", APOC not loaded"
        how = (
            "already running"
            if self.already_running
            else f"started in {self.startup_seconds or 0.0:.1f} s"
        )
        return (
            f"Neo4j {self.version} {self.edition}{apoc}: {how}, pid {self.pid}, {self.uri}"
            f" (home {self.home})"
        )


@dataclass(frozen=True)
class ServerStatus:
    """What ``status()`` sees: a live recorded process, and whether Bolt answers."""

    home: Path
    pid: int | None
    uri: str
    answering: bool

    @property
    def running(self) -> bool:
        return self.pid is not None

    def summary(self) -> str:
        if self.pid is None:
            return f"Neo4j not running (home {self.home})"
        bolt = "answering" if self.answering else "not answering yet"
        return f"Neo4j running, pid {self.pid}, {self.uri} {bolt} (home {self.home})"


# --------------------------------------------------------------------------- helpers


def _say(message: str) -> None:
    print(f"[neo4j] {message}", file=sys.stderr, flush=True)


def _require_posix() -> None:
    if os.name != "posix":
        raise Neo4jLocalError(
            "The local Neo4j runner supports Linux and macOS only; on Windows use "
            "docker/compose.yml (or any Neo4j 5.26 server) and set NEO4J_URI."
        )


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise Neo4jLocalError(f"{name} must be an integer, not {raw!r}.") from None


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise Neo4jLocalError(f"{name} must be a number of seconds, not {raw!r}.") from None


def _tail(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


def pinned_versions(pom: Path = POM) -> Versions:
    """The Neo4j and APOC versions pinned in ``pom.xml``."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    props = ET.parse(pom).getroot().find("m:properties", ns)
    neo4j = props.findtext("m:neo4j.version", namespaces=ns) if props is not None else None
    apoc = props.findtext("m:apoc.version", namespaces=ns) if props is not None else None
    if not neo4j or not apoc:
        raise Neo4jLocalError(f"{pom} does not pin neo4j.version and apoc.version.")
    return Versions(neo4j=neo4j.strip(), apoc=apoc.strip())


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


def _resolve_home(home: Path | str | None) -> Path:
    return Path(home).expanduser().resolve() if home is not None else default_home()


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
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
def _home_lock(home: Path) -> Iterator[None]:
    """Serialise start/stop on one home across processes; re-entrant within a process."""
    depth = _HELD.get(home, 0)
    if depth:
        _HELD[home] = depth + 1
        try:
            yield
        finally:
            _HELD[home] -= 1
        return
    with _file_lock(home / "run" / "neo4j.lock"):
        _HELD[home] = 1
        try:
            yield
        finally:
            del _HELD[home]


# --------------------------------------------------------------------------- jars


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def _jars_at(root: Path, versions: Versions) -> Jars:
    return Jars(
        versions=versions,
        root=root,
        lib=root / "lib",
        apoc_jars=tuple(
            root / "plugins" / f"apoc-{part}-{versions.apoc}.jar" for part in ("core", "common")
        ),
    )


def _jars_complete(jars: Jars, digest: str) -> bool:
    marker = jars.root / ".complete"
    return (
        marker.is_file()
        and marker.read_text(encoding="utf-8").strip() == digest
        and all(jar.is_file() for jar in jars.apoc_jars)
        and (jars.lib / f"neo4j-{jars.versions.neo4j}.jar").is_file()
    )


def ensure_jars(cache: Path | str | None = None) -> Jars:
    """Copy the pinned jars into ``<cache>/neo4j-<version>/`` unless they are there already.

    A marker file holding the pom's digest makes later calls return at once (no Maven run,
    no network). Maven itself keeps its download cache in ``~/.m2``.
    """
    versions = pinned_versions()
    root = (Path(cache).expanduser() if cache else cache_root()) / f"neo4j-{versions.neo4j}"
    jars = _jars_at(root, versions)
    digest = _pom_digest()
    if _jars_complete(jars, digest):
        return jars
    _require_posix()
    with _file_lock(root.parent / f"neo4j-{versions.neo4j}.lock"):
        if _jars_complete(jars, digest):  # another process finished while we waited
            return jars
        mvn = shutil.which("mvn")
        if mvn is None:
            raise Neo4jLocalError(
                "Maven (mvn) is not on PATH; install Maven 3.8+ to download the Neo4j jars."
            )
        staging = root / "staging"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        pom = staging / "pom.xml"
        shutil.copyfile(POM, pom)
        command = [
            mvn,
            "-B",
            "-q",
            "-f",
            str(pom),
            "dependency:copy-dependencies@lib",
            "dependency:copy-dependencies@plugins",
            f"-Dinterop.lib.dir={staging / 'lib'}",
            f"-Dinterop.plugins.dir={staging / 'plugins'}",
        ]
        _say(
            f"Downloading Neo4j {versions.neo4j} + APOC {versions.apoc} jars with Maven "
            f"into {root} (first run only, about 150 MB)..."
        )
        began = time.monotonic()
        done = subprocess.run(command, cwd=staging, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise Neo4jLocalError(
                "Maven could not fetch the Neo4j jars (is Maven Central reachable?).",
                _tail(done.stdout + done.stderr, 40),
            )
        staged = _jars_at(staging, versions)
        kernel_jar = staged.lib / f"neo4j-{versions.neo4j}.jar"
        if not kernel_jar.is_file() or not all(jar.is_file() for jar in staged.apoc_jars):
            raise Neo4jLocalError(f"Maven finished but {staging} lacks the expected jars.")
        for name in ("lib", "plugins"):
            shutil.rmtree(root / name, ignore_errors=True)
            (staging / name).rename(root / name)
        (root / ".complete").write_text(digest + "\n", encoding="utf-8")
        shutil.rmtree(staging, ignore_errors=True)
        count = sum(1 for _ in jars.lib.glob("*.jar"))
        _say(f"Jars ready: {count} in {jars.lib} ({time.monotonic() - began:.1f} s).")
    return jars


# --------------------------------------------------------------------------- java


def find_java() -> str:
    """``$INTEROP_JAVA``, else ``$JAVA_HOME/bin/java``, else ``java`` on PATH."""
    for candidate in (
        os.environ.get("INTEROP_JAVA", "").strip(),
        str(Path(os.environ["JAVA_HOME"]) / "bin" / "java") if os.environ.get("JAVA_HOME") else "",
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    found = shutil.which("java")
    if found is None:
        raise Neo4jLocalError("Java is not installed (no java on PATH); Neo4j 5.26 needs Java 17.")
    return found


def java_major(java: str) -> int:
    """The major version of ``java`` (17 for 17.0.15)."""
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise Neo4jLocalError(f"Could not read the version of {java}.", out.stderr)
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def java_command(java: str, home: Path, jars: Jars, heap: str) -> list[str]:
    """The command line that runs the server in the foreground (we detach it ourselves)."""
    classpath = os.pathsep.join(
        [str(home / "plugins" / "*"), str(home / "conf" / "*"), str(jars.lib / "*")]
    )
    return [
        java,
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *JVM_FLAGS,
        "-cp",
        classpath,
        MAIN_CLASS,
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
        "--console-mode",
    ]


# --------------------------------------------------------------------------- home


def _conf_text(port: int, auth_enabled: bool) -> str:
    return "\n".join(
        [
            "# Written by interop.neo4j.local on every start; edits here are overwritten.",
            "server.directories.data=data",
            "server.directories.logs=logs",
            "server.directories.plugins=plugins",
            "server.directories.run=run",
            "server.directories.import=import",
            f"dbms.security.auth_enabled={'true' if auth_enabled else 'false'}",
            "server.bolt.enabled=true",
            f"server.bolt.listen_address=127.0.0.1:{port}",
            f"server.bolt.advertised_address=127.0.0.1:{port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            f"server.memory.pagecache.size={PAGECACHE}",
            "db.tx_log.rotation.retention_policy=keep_none",
            "dbms.usage_report.enabled=false",
            "dbms.security.procedures.unrestricted=apoc.*",
            "server.logs.config=conf/server-logs.xml",
            "server.logs.user.config=conf/user-logs.xml",
            "",
        ]
    )


def _prepare_home(home: Path, jars: Jars, port: int, auth_enabled: bool) -> None:
    for name in ("conf", "data", "logs", "plugins", "run", "import"):
        (home / name).mkdir(parents=True, exist_ok=True)
    conf = home / "conf"
    (conf / "neo4j.conf").write_text(_conf_text(port, auth_enabled), encoding="utf-8")
    (conf / "server-logs.xml").write_text(SERVER_LOGS_XML, encoding="utf-8")
    (conf / "user-logs.xml").write_text(USER_LOGS_XML, encoding="utf-8")
    plugins = home / "plugins"
    wanted = {jar.name for jar in jars.apoc_jars}
    for old in plugins.glob("apoc-*.jar"):  # APOC of another version would clash
        if old.name not in wanted:
            old.unlink()
    for jar in jars.apoc_jars:
        target = plugins / jar.name
        if not target.is_file() or target.stat().st_size != jar.stat().st_size:
            shutil.copyfile(jar, target)


def _conf_values(home: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    conf = home / "conf" / "neo4j.conf"
    if conf.is_file():
        for line in conf.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep and not key.lstrip().startswith("#"):
                values[key.strip()] = value.strip()
    return values


def _port_of(home: Path) -> int:
    """The Bolt port the home's configuration uses, else the requested/default port."""
    address = _conf_values(home).get("server.bolt.listen_address", "")
    _, _, port = address.rpartition(":")
    return int(port) if port.isdigit() else _env_int("INTEROP_NEO4J_PORT", DEFAULT_PORT)


def _auth_for(home: Path, password: str | None) -> tuple[str, str] | None:
    if _conf_values(home).get("dbms.security.auth_enabled", "false") != "true":
        return None
    if not password:
        raise Neo4jLocalError(
            f"The server in {home} runs with authentication; set INTEROP_NEO4J_PASSWORD."
        )
    return (USER, password)


def _uri(port: int) -> str:
    return f"bolt://127.0.0.1:{port}"


def read_log(home: Path | str | None = None, lines: int = 40, name: str = "console.log") -> str:
    """The last ``lines`` lines of ``<home>/logs/<name>`` ("" if there is none)."""
    path = _resolve_home(home) / "logs" / name
    if not path.is_file():
        return ""
    return _tail(path.read_text(encoding="utf-8", errors="replace"), lines)


# --------------------------------------------------------------------------- processes

_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}  # keeps Popen objects of servers we started


def _pid_file(home: Path) -> Path:
    return home / "run" / "neo4j.pid"


def _read_pid(home: Path) -> int | None:
    try:
        return int(_pid_file(home).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
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


def _is_our_server(pid: int, home: Path) -> bool:
    """Alive, and really the java process we started for ``home`` (guards against PID reuse)."""
    if not _alive(pid):
        return False
    args = _command_args(pid)
    return MAIN_CLASS in args and f"--home-dir={home}" in args


def _running_pid(home: Path) -> int | None:
    pid = _read_pid(home)
    return pid if pid is not None and _is_our_server(pid, home) else None


def _port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex(("127.0.0.1", port)) == 0


REFUSED = "<refused>"  # _probe: the server answered but refused our credentials


def _probe(uri: str, auth: tuple[str, str] | None) -> str | None:
    """The Neo4j home of the server answering on ``uri``; None if nothing answers there.

    ``REFUSED`` when a server answers but refuses the credentials (e.g. a fresh store whose
    initial password has not been changed yet). Knowing the home tells our server apart from
    another Neo4j that holds the port.
    """
    try:
        with (
            GraphDatabase.driver(
                uri, auth=auth, connection_timeout=3.0, max_connection_pool_size=1
            ) as driver,
            driver.session(database="system") as session,  # auto-commit: no driver retries
        ):
            records = list(
                session.run(
                    "SHOW SETTINGS YIELD name, value "
                    "WHERE name = 'server.directories.neo4j_home' RETURN value"
                )
            )
    except Neo4jError as exc:
        if isinstance(exc, AuthError) or ".Security." in (exc.code or ""):
            return REFUSED
        return None  # e.g. the system database is still starting
    except (DriverError, OSError):
        return None
    return str(records[0]["value"]) if records else REFUSED


def _same_home(reported: str, home: Path) -> bool:
    return Path(reported).expanduser().resolve() == home


def _wait_for_bolt(
    uri: str,
    auth: tuple[str, str] | None,
    home: Path,
    pid: int,
    timeout: float,
) -> float:
    """Poll until our server answers on Bolt; returns the seconds waited.

    Raises if the process dies or the time runs out. Another Neo4j answering on the same
    port does not count (our process then fails to bind and exits).
    """
    began = time.monotonic()
    next_note = began + 15.0
    warned_other = False
    while True:
        if not _alive(pid):
            raise Neo4jLocalError(
                f"Neo4j (pid {pid}) exited during start-up; see {home / 'logs'}.",
                read_log(home, 40),
            )
        reported = _probe(uri, auth)
        if reported == REFUSED or (reported is not None and _same_home(reported, home)):
            return time.monotonic() - began
        if reported is not None and not warned_other:
            _say(f"Another Neo4j (home {reported}) answers on {uri}; waiting for ours.")
            warned_other = True
        now = time.monotonic()
        if now - began > timeout:
            raise Neo4jLocalError(
                f"Neo4j did not answer on {uri} within {timeout:.0f} s "
                "(raise INTEROP_NEO4J_TIMEOUT?).",
                read_log(home, 40),
            )
        if now >= next_note:
            _say(f"Still waiting for Bolt on {uri} ({now - began:.0f} s)...")
            next_note = now + 15.0
        time.sleep(0.5)


def _terminate(pid: int, timeout: float) -> None:
    """SIGTERM, wait up to ``timeout`` seconds, then SIGKILL."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    next_note = time.monotonic() + 10.0
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
        if time.monotonic() >= next_note:
            _say(f"Waiting for pid {pid} to shut down...")
            next_note = time.monotonic() + 10.0
    if _alive(pid):
        _say(f"pid {pid} did not stop within {timeout:.0f} s; sending SIGKILL.")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10.0
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
    child = _CHILDREN.pop(pid, None)
    if child is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=1.0)


def _set_initial_password(uri: str, password: str) -> None:
    """On a fresh store, change neo4j's expired initial password to ``password``."""
    try:
        with GraphDatabase.driver(uri, auth=(USER, password)) as driver:
            driver.execute_query("RETURN 1")
        return
    except AuthError:
        pass
    try:
        with (
            GraphDatabase.driver(uri, auth=(USER, INITIAL_PASSWORD)) as driver,
            driver.session(database="system") as session,
        ):
            session.run(
                "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                old=INITIAL_PASSWORD,
                new=password,
            ).consume()
    except Neo4jError as exc:
        raise Neo4jLocalError(
            "INTEROP_NEO4J_PASSWORD does not match the password of user neo4j in this Neo4j "
            "home (start it once without INTEROP_NEO4J_PASSWORD and run ALTER USER neo4j SET "
            "PASSWORD on the system database, or delete its data/ folder).",
            f"{exc.code}: {exc.message}",
        ) from None
    _say("Set the password of user neo4j from INTEROP_NEO4J_PASSWORD.")


def _components(uri: str, auth: tuple[str, str] | None) -> tuple[str, str]:
    """Check ``dbms.components()``: Neo4j Kernel 5.26.x community. Returns (version, edition)."""
    with GraphDatabase.driver(uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition",
            database_="system",
        )
    kernel = next((r for r in records if r["name"] == "Neo4j Kernel"), None)
    if kernel is None:
        raise Neo4jLocalError(f"The server on {uri} does not report a Neo4j Kernel component.")
    version, edition = str(kernel["versions"][0]), str(kernel["edition"])
    if not version.startswith("5.26.") or edition != "community":
        raise Neo4jLocalError(
            f"The server on {uri} is Neo4j {version} {edition}, not 5.26 community."
        )
    return version, edition


def _apoc_version(uri: str, auth: tuple[str, str] | None) -> str | None:
    try:
        with GraphDatabase.driver(uri, auth=auth) as driver:
            records, _, _ = driver.execute_query("RETURN apoc.version() AS version")
    except Neo4jError:
        return None
    return str(records[0]["version"])


def _describe(
    uri: str, auth: tuple[str, str] | None, home: Path, pid: int, *, already: bool, took: float
) -> ServerInfo:
    version, edition = _components(uri, auth)
    pinned = pinned_versions().neo4j
    if version != pinned:
        _say(f"Note: the running server is {version}, pom.xml pins {pinned} (restart to switch).")
    apoc = _apoc_version(uri, auth)
    if apoc is None:
        _say(f"Warning: APOC is not loaded; see {home / 'logs' / 'debug.log'}.")
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
    )


# --------------------------------------------------------------------------- public API


def start(
    home: Path | str | None = None,
    *,
    port: int | None = None,
    timeout: float | None = None,
    password: str | None = None,
    heap: str | None = None,
) -> ServerInfo:
    """Start the local server unless it is already running; wait until Bolt answers.

    Arguments left as None come from the environment (see the module docstring). When the
    server is already running, ``port``/``heap`` are ignored and the running one is described.
    """
    _require_posix()
    home = _resolve_home(home)
    if timeout is None:
        timeout = _env_float("INTEROP_NEO4J_TIMEOUT", DEFAULT_TIMEOUT)
    if password is None:
        password = os.environ.get("INTEROP_NEO4J_PASSWORD") or None
    with _home_lock(home):
        pid = _running_pid(home)
        if pid is not None:
            uri = _uri(_port_of(home))
            auth = _auth_for(home, password)
            _say(f"Already running (pid {pid}); checking Bolt on {uri}.")
            _wait_for_bolt(uri, auth, home, pid, timeout)
            return _describe(uri, auth, home, pid, already=True, took=0.0)

        _pid_file(home).unlink(missing_ok=True)  # stale, if any
        (home / "run" / "started-for-tests").unlink(missing_ok=True)  # from a crashed session
        port = port if port is not None else _env_int("INTEROP_NEO4J_PORT", DEFAULT_PORT)
        heap = heap or os.environ.get("INTEROP_NEO4J_HEAP", "").strip() or DEFAULT_HEAP
        uri = _uri(port)
        if _port_taken(port):
            raise Neo4jLocalError(
                f"127.0.0.1:{port} is already in use by another process; stop it or set "
                "INTEROP_NEO4J_PORT."
            )
        jars = ensure_jars()
        java = find_java()
        major = java_major(java)
        if major < 17:
            raise Neo4jLocalError(f"{java} is Java {major}; Neo4j 5.26 needs Java 17 or 21.")
        if major not in (17, 21):
            _say(f"Warning: {java} is Java {major}; Neo4j 5.26 supports Java 17 and 21.")
        _prepare_home(home, jars, port, auth_enabled=password is not None)
        auth = (USER, password) if password is not None else None

        log_path = home / "logs" / "console.log"
        if log_path.exists():
            log_path.replace(log_path.with_name("console.log.1"))
        _say(f"Starting Neo4j {jars.versions.neo4j} in {home} (Bolt {uri}, heap {heap})...")
        with log_path.open("wb") as log:
            child = subprocess.Popen(
                java_command(java, home, jars, heap),
                cwd=home,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                close_fds=True,
            )
        _CHILDREN[child.pid] = child
        _pid_file(home).write_text(f"{child.pid}\n", encoding="utf-8")
        try:
            took = _wait_for_bolt(uri, auth, home, child.pid, timeout)
            _say(f"Bolt answered after {took:.1f} s.")
            if password is not None:
                _set_initial_password(uri, password)
                reported = _probe(uri, auth)
                if reported is None or reported == REFUSED or not _same_home(reported, home):
                    raise Neo4jLocalError(
                        f"The server answering on {uri} is not the one in {home}."
                    )
            return _describe(uri, auth, home, child.pid, already=False, took=took)
        except BaseException:
            if _alive(child.pid):
                _say(f"Stopping the half-started server (pid {child.pid}).")
                _terminate(child.pid, 20.0)
            _pid_file(home).unlink(missing_ok=True)
            raise


def stop(home: Path | str | None = None, *, timeout: float = STOP_TIMEOUT) -> bool:
    """Stop the process recorded in ``<home>/run/neo4j.pid``; True if one was stopped."""
    _require_posix()
    home = _resolve_home(home)
    with _home_lock(home):
        run = home / "run"
        (run / "started-for-tests").unlink(missing_ok=True)
        pid = _read_pid(home)
        if pid is None:
            _say("Not running (no pid file).")
            return False
        if not _is_our_server(pid, home):
            _say(f"Not running (stale pid file for pid {pid}); removed it.")
            _pid_file(home).unlink(missing_ok=True)
            return False
        _say(f"Stopping Neo4j (pid {pid})...")
        began = time.monotonic()
        _terminate(pid, timeout)
        _pid_file(home).unlink(missing_ok=True)
        _say(f"Stopped in {time.monotonic() - began:.1f} s.")
        return True


def status(home: Path | str | None = None) -> ServerStatus:
    """Whether the recorded process is alive, and whether Bolt answers."""
    home = _resolve_home(home)
    pid = _running_pid(home) if os.name == "posix" else None
    port = _port_of(home) if pid is not None else _env_int("INTEROP_NEO4J_PORT", DEFAULT_PORT)
    uri = _uri(port)
    answering = False
    if pid is not None:
        values = _conf_values(home)
        auth_on = values.get("dbms.security.auth_enabled") == "true"
        password = os.environ.get("INTEROP_NEO4J_PASSWORD") or ""
        reported = _probe(uri, (USER, password) if auth_on else None)
        answering = reported is not None and reported != REFUSED and _same_home(reported, home)
    return ServerStatus(home=home, pid=pid, uri=uri, answering=answering)


@contextlib.contextmanager
def shared_server(
    home: Path | str | None = None,
    *,
    port: int | None = None,
    timeout: float | None = None,
    password: str | None = None,
    heap: str | None = None,
) -> Iterator[ServerInfo]:
    """Use the local server for the duration of a ``with`` block (e.g. a pytest session).

    A server that was already running is left running. One started here is stopped when
    the last user leaves: each process holds a lease file, so pytest-xdist workers share
    one server and the last worker to finish stops it.
    """
    home = _resolve_home(home)
    leases = home / "run" / "leases"
    owner = home / "run" / "started-for-tests"
    lease = leases / str(os.getpid())
    with _home_lock(home):
        info = start(home, port=port, timeout=timeout, password=password, heap=heap)
        if not info.already_running:
            owner.touch()
        leases.mkdir(parents=True, exist_ok=True)
        lease.touch()
    try:
        yield info
    finally:
        with _home_lock(home):
            lease.unlink(missing_ok=True)
            live = []
            for other in leases.glob("*"):
                if other.name.isdigit() and _alive(int(other.name)):
                    live.append(other)
                else:
                    other.unlink(missing_ok=True)
            if owner.exists() and not live:
                stop(home)


# --------------------------------------------------------------------------- CLI


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m interop.neo4j.local",
        description="Run a local Neo4j 5.26 Community server from Maven Central jars.",
    )
    parser.add_argument("--home", type=Path, help="Neo4j home (default: $INTEROP_NEO4J_HOME)")
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start the server (harmless if it is running)")
    up.add_argument("--port", type=int, help="Bolt port (default: $INTEROP_NEO4J_PORT or 7687)")
    up.add_argument("--timeout", type=float, help="seconds to wait for Bolt (default 180)")
    down = sub.add_parser("down", help="stop the server (harmless if it is not running)")
    down.add_argument("--timeout", type=float, default=STOP_TIMEOUT, help="seconds before SIGKILL")
    sub.add_parser("status", help="exit 0 if running and answering, 3 if not running")
    logs = sub.add_parser("logs", help="print the end of a log file")
    logs.add_argument("-n", "--lines", type=int, default=40)
    logs.add_argument(
        "--file", default="console.log", help="console.log (default), neo4j.log, debug.log"
    )
    sub.add_parser("jars", help="only download the jars; print the lib directory")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point: progress goes to stderr, one final status line to stdout."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "up":
            info = start(args.home, port=args.port, timeout=args.timeout)
            print(info.summary())
        elif args.command == "down":
            stopped = stop(args.home, timeout=args.timeout)
            home = _resolve_home(args.home)
            print(f"Neo4j stopped (home {home})" if stopped else f"Neo4j not running (home {home})")
        elif args.command == "status":
            state = status(args.home)
            print(state.summary())
            if not state.running:
                return 3
            return 0 if state.answering else 1
        elif args.command == "logs":
            text = read_log(args.home, args.lines, args.file)
            if not text:
                _say(f"No {args.file} in {_resolve_home(args.home) / 'logs'}.")
                return 1
            print(text)
        elif args.command == "jars":
            jars = ensure_jars()
            print(jars.lib)
    except Neo4jLocalError as exc:
        if exc.detail:
            print(exc.detail, file=sys.stderr)
            print("-" * 72, file=sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
