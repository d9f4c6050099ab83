"""The real Neo4j server: 5.26 Community with APOC; the local runner's ``up`` is idempotent."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError

from interop.cli.app import cli
from interop.neo4j.local import ensure_jars, jars, pinned_versions, start, status, stop
from interop.neo4j.local.config import _conf_text
from interop.neo4j.local.java import java_command

if TYPE_CHECKING:
    from tests.neo4j.conftest import Neo4jServer

REPO = Path(__file__).resolve().parents[2]


def _local_only(neo4j_server: Neo4jServer) -> None:
    if not neo4j_server.local:
        pytest.skip("NEO4J_URI points at a server that interop.neo4j.local does not manage")


def test_components_report_neo4j_526_community(driver: Driver) -> None:
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition",
        database_="system",
    )
    kernel = next(r for r in records if r["name"] == "Neo4j Kernel")
    assert kernel["versions"][0].startswith("5.26.")
    assert kernel["edition"] == "community"


def test_apoc_is_loaded_and_works(driver: Driver, neo4j_database: str) -> None:
    records, _, _ = driver.execute_query(
        "RETURN apoc.version() AS version, apoc.coll.sum([1, 2, 3]) AS total",
        database_=neo4j_database,
    )
    assert records[0]["version"].startswith("5.26.")
    assert records[0]["total"] == 6


def test_local_server_runs_the_pinned_versions(neo4j_server: Neo4jServer) -> None:
    _local_only(neo4j_server)
    assert neo4j_server.info is not None
    pinned = pinned_versions()
    assert neo4j_server.info.version == pinned.neo4j
    assert neo4j_server.info.apoc_version == pinned.apoc
    assert neo4j_server.info.edition == "community"


def test_start_again_is_harmless_and_keeps_the_pid(neo4j_server: Neo4jServer) -> None:
    _local_only(neo4j_server)
    assert neo4j_server.info is not None
    again = start(neo4j_server.info.home)
    assert again.already_running
    assert again.pid == neo4j_server.info.pid
    assert again.uri == neo4j_server.info.uri
    state = status(neo4j_server.info.home)
    assert state.running and state.answering and state.pid == neo4j_server.info.pid


def test_cli_up_again_is_harmless_and_keeps_the_pid(neo4j_server: Neo4jServer) -> None:
    _local_only(neo4j_server)
    assert neo4j_server.info is not None
    env = dict(os.environ, INTEROP_NEO4J_HOME=str(neo4j_server.info.home))
    done = subprocess.run(
        [sys.executable, "-m", "interop.neo4j.local", "up"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1  # one status line on stdout; progress went to stderr
    assert "already running" in lines[0]
    assert f"pid {neo4j_server.info.pid}," in lines[0]
    assert status(neo4j_server.info.home).pid == neo4j_server.info.pid


def test_second_ensure_jars_runs_no_maven(
    neo4j_server: Neo4jServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _local_only(neo4j_server)

    def no_maven(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"Maven ran again: {args}")

    monkeypatch.setattr(jars.subprocess, "run", no_maven)
    cached = ensure_jars()
    assert (cached.root / ".complete").is_file()
    assert all(jar.is_file() for jar in cached.apoc_jars)


def test_java_command_has_the_launcher_flags(tmp_path: Path) -> None:
    cached = jars.Jars(
        versions=pinned_versions(),
        root=tmp_path,
        lib=tmp_path / "lib",
        apoc_jars=(),
        browser_jar=tmp_path / "browser" / "neo4j-browser.jar",
    )
    command = java_command("java", tmp_path / "home", cached, "1g")
    assert command[1:3] == ["-Xms1g", "-Xmx1g"]
    for flag in (
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "-Dio.netty.tryReflectionSetAccessible=true",
    ):
        assert flag in command
    assert command[-4:] == [
        "org.neo4j.server.CommunityEntryPoint",
        f"--home-dir={tmp_path / 'home'}",
        f"--config-dir={tmp_path / 'home' / 'conf'}",
        "--console-mode",
    ]
    classpath = command[command.index("-cp") + 1].split(os.pathsep)
    assert classpath == [
        str(tmp_path / "home" / "web"),  # Neo4j Browser and the rule guide, served at /browser/
        str(tmp_path / "home" / "plugins" / "*"),
        str(tmp_path / "home" / "conf" / "*"),
        str(tmp_path / "lib" / "*"),
    ]


def test_interop_neo4j_status_calls_the_runner(neo4j_server: Neo4jServer, tmp_path: Path) -> None:
    _local_only(neo4j_server)
    assert neo4j_server.info is not None
    runner = CliRunner()
    home = str(neo4j_server.info.home)
    running = runner.invoke(cli, ["neo4j", "status"], env={"INTEROP_NEO4J_HOME": home})
    assert running.exit_code == 0, running.output
    assert f"pid {neo4j_server.info.pid}," in running.output
    assert "answering" in running.output
    assert neo4j_server.info.browser and f"Neo4j Browser {neo4j_server.info.browser}" in (
        running.output
    )
    empty = runner.invoke(cli, ["neo4j", "status"], env={"INTEROP_NEO4J_HOME": str(tmp_path)})
    assert empty.exit_code == 3
    assert "not running" in empty.output


def test_configuration_keeps_bolt_and_http_on_loopback(tmp_path: Path) -> None:
    text = _conf_text(7690, 7490, auth_enabled=True)
    values = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert values["server.bolt.listen_address"] == "127.0.0.1:7690"
    assert values["server.http.listen_address"] == "127.0.0.1:7490"
    assert values["server.http.enabled"] == "true" and values["server.https.enabled"] == "false"
    assert values["dbms.security.auth_enabled"] == "true"  # one switch: Bolt and HTTP alike
    assert values["client.allow_telemetry"] == "false"
    assert values["browser.remote_content_hostname_whitelist"] == "http://127.0.0.1"
    policy = values["dbms.security.http_static_content_security_policy_header"]
    sources = {word for part in policy.split(";") for word in part.split()[1:]}
    assert sources <= {
        "'self'",
        "'none'",
        "'unsafe-inline'",
        "data:",
        "http://127.0.0.1:7490",
        "http://127.0.0.1:7690",
        "ws://127.0.0.1:7690",
    }
    assert values["browser.post_connect_cmd"] == (
        "guide http://127.0.0.1:7490/browser/interop/rules.html"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_with_a_password_bolt_and_http_both_ask_for_it(
    neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    """A second server in its own home: the one password guards Bolt and the HTTP API,
    while the Browser's page itself loads (and asks for it)."""
    _local_only(neo4j_server)
    home = tmp_path / "home"
    password = "interop-test-secret"
    info = start(home, port=_free_port(), http_port=_free_port(), password=password, heap="512m")
    try:
        assert info.browser and info.auth == ("neo4j", password)
        api = info.browser.replace("/browser/", "/db/neo4j/tx/commit")
        body = json.dumps({"statements": [{"statement": "RETURN 1 AS one"}]}).encode()

        def post(credentials: str | None) -> int:
            request = urllib.request.Request(
                api, data=body, headers={"Content-Type": "application/json"}
            )
            if credentials:
                token = base64.b64encode(credentials.encode()).decode()
                request.add_header("Authorization", f"Basic {token}")
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return int(response.status)
            except urllib.error.HTTPError as exc:
                return exc.code

        assert post(None) == 401
        assert post("neo4j:wrong") == 401
        assert post(f"neo4j:{password}") == 200
        with urllib.request.urlopen(info.browser, timeout=30) as page:
            assert page.status == 200  # the page loads; connecting asks for the password
        with pytest.raises(AuthError), GraphDatabase.driver(info.uri, auth=None) as anonymous:
            anonymous.verify_connectivity()
    finally:
        stop(home)
