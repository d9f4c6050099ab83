"""The configuration the local server runs with, written into its home on every start.

``neo4j.conf`` is ours alone (edits are overwritten): Bolt and HTTP (Neo4j Browser) listen
on 127.0.0.1 only, authentication follows ``INTEROP_NEO4J_PASSWORD`` for both, and usage
reports, the Browser's telemetry and its outgoing connections are off. The running
server's port and authentication are read back from it, so ``status`` and a second ``up``
describe the server that runs, not the one the environment would start.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from interop.neo4j.local.common import (
    DEFAULT_HTTP_PORT,
    DEFAULT_PORT,
    Neo4jLocalError,
    env_int,
    resolve_home,
    tail,
)
from interop.neo4j.local.jars import Jars
from interop.neo4j.local.web import browser_url, guide_url, prepare_web_root

PAGECACHE = "256m"
USER = "neo4j"

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


def _csp(port: int, http_port: int) -> str:
    """The Content-Security-Policy of the Browser's pages: this server's HTTP and Bolt only
    (the default one admits Segment, Canny, Google Fonts and any http/ws host)."""
    here = f"http://127.0.0.1:{http_port} ws://127.0.0.1:{port} http://127.0.0.1:{port}"
    return (
        "default-src 'self'; script-src 'self'; img-src 'self' data:; "
        "style-src 'self' 'unsafe-inline'; font-src 'self' data:; base-uri 'none'; "
        f"object-src 'none'; frame-ancestors 'none'; connect-src 'self' {here}"
    )


def _conf_text(port: int, http_port: int, auth_enabled: bool) -> str:
    guide = guide_url(http_port)
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
            # HTTP on loopback only, for Neo4j Browser and the HTTP API (auth as for Bolt)
            "server.http.enabled=true",
            f"server.http.listen_address=127.0.0.1:{http_port}",
            f"server.http.advertised_address=127.0.0.1:{http_port}",
            "server.http_enabled_modules=TRANSACTIONAL_ENDPOINTS,BROWSER",
            "server.https.enabled=false",
            # the Browser reaches nothing but this server: no telemetry, remote guides and
            # styles only from here, and a content security policy that lets the page load
            # and connect to this server alone (5.26 declares no
            # browser.allow_outgoing_connections, which the Browser then takes as allowed);
            # it opens the rule guide on connect
            "client.allow_telemetry=false",
            "browser.remote_content_hostname_whitelist=http://127.0.0.1",
            f"dbms.security.http_static_content_security_policy_header={_csp(port, http_port)}",
            f"browser.post_connect_cmd=guide {guide}",
            f"server.memory.pagecache.size={PAGECACHE}",
            "db.tx_log.rotation.retention_policy=keep_none",
            "dbms.usage_report.enabled=false",
            "dbms.security.procedures.unrestricted=apoc.*",
            "server.logs.config=conf/server-logs.xml",
            "server.logs.user.config=conf/user-logs.xml",
            "",
        ]
    )


def prepare_home(home: Path, jars: Jars, port: int, http_port: int, auth_enabled: bool) -> None:
    """Write the configuration, copy APOC into plugins/ and lay out the Browser's web root."""
    for name in ("conf", "data", "logs", "plugins", "run", "import"):
        (home / name).mkdir(parents=True, exist_ok=True)
    conf = home / "conf"
    text = _conf_text(port, http_port, auth_enabled)
    (conf / "neo4j.conf").write_text(text, encoding="utf-8")
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
    prepare_web_root(home, jars)


def conf_values(home: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    conf = home / "conf" / "neo4j.conf"
    if conf.is_file():
        for line in conf.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep and not key.lstrip().startswith("#"):
                values[key.strip()] = value.strip()
    return values


def port_of(home: Path) -> int:
    """The Bolt port the home's configuration uses, else the requested/default port."""
    address = conf_values(home).get("server.bolt.listen_address", "")
    _, _, port = address.rpartition(":")
    return int(port) if port.isdigit() else env_int("INTEROP_NEO4J_PORT", DEFAULT_PORT)


def http_port_of(home: Path) -> int:
    """The HTTP port (Neo4j Browser) the home's configuration uses, else the requested one."""
    address = conf_values(home).get("server.http.listen_address", "")
    _, _, port = address.rpartition(":")
    return int(port) if port.isdigit() else env_int("INTEROP_NEO4J_HTTP_PORT", DEFAULT_HTTP_PORT)


def browser_of(home: Path) -> str | None:
    """Neo4j Browser's URL when the home's configuration switches HTTP on, else None."""
    if conf_values(home).get("server.http.enabled") != "true":
        return None
    return browser_url(http_port_of(home))


def auth_for(home: Path, password: str | None) -> tuple[str, str] | None:
    if conf_values(home).get("dbms.security.auth_enabled", "false") != "true":
        return None
    if not password:
        raise Neo4jLocalError(
            f"The server in {home} runs with authentication; set INTEROP_NEO4J_PASSWORD."
        )
    return (USER, password)


def bolt_uri(port: int) -> str:
    return f"bolt://127.0.0.1:{port}"


def read_log(home: Path | str | None = None, lines: int = 40, name: str = "console.log") -> str:
    """The last ``lines`` lines of ``<home>/logs/<name>`` ("" if there is none)."""
    path = resolve_home(home) / "logs" / name
    if not path.is_file():
        return ""
    return tail(path.read_text(encoding="utf-8", errors="replace"), lines)
