"""Fixtures for tests that need a real Neo4j server.

- ``neo4j_server`` (session): the server to test against. With ``NEO4J_URI`` set, that
  server (credentials from ``NEO4J_USERNAME``/``NEO4J_USER`` and ``NEO4J_PASSWORD``);
  otherwise the local server of :mod:`interop.neo4j.local`, started for the session and
  stopped at its end, unless it was already running (then it is left running). When
  ``NEO4J_URI`` points at the running local server (as ``scripts/with-neo4j.sh`` sets it),
  the server still counts as local, so local-only tests run too.
- ``driver`` (session): a ``neo4j.Driver`` on that server, connectivity verified.
- ``neo4j_database`` (session): ``NEO4J_DATABASE`` or ``neo4j``.
- ``tiny`` (module): the tiny example as editable rows; ``new_dataset``: unique dataset
  names for one test, every one cleared afterwards (a module may define its own).

Every test that uses ``neo4j_server`` (directly or through ``driver``) gets the ``neo4j``
marker, so ``pytest -m "not neo4j"`` leaves them all out.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from neo4j import Driver, GraphDatabase

from interop.neo4j.load import clear_dataset
from interop.neo4j.local import Neo4jLocalError, ServerInfo, shared_server, start, status
from interop.neo4j.settings import Neo4jSettings

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Neo4jServer:
    """Where the tests' Neo4j server is; ``info`` is set only for the local server."""

    uri: str
    auth: tuple[str, str] | None = field(repr=False)  # never print a password
    database: str = "neo4j"
    info: ServerInfo | None = None

    @property
    def local(self) -> bool:
        """True when this is the server managed by interop.neo4j.local."""
        return self.info is not None

    def driver(self) -> Driver:
        """A new driver on this server (the caller closes it)."""
        return GraphDatabase.driver(self.uri, auth=self.auth)


def _is_running_local_server(uri: str) -> bool:
    parts = urlsplit(uri)
    if parts.scheme not in {"bolt", "neo4j"} or parts.hostname not in LOCAL_HOSTS:
        return False
    state = status()
    return state.running and urlsplit(state.uri).port == (parts.port or 7687)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "neo4j_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    with contextlib.ExitStack() as stack:
        if os.environ.get("NEO4J_URI"):
            settings = Neo4jSettings()
            info = None
            if _is_running_local_server(settings.uri):
                info = start()  # already running: only describes it, never stops it
            yield Neo4jServer(settings.uri, settings.auth(), settings.database, info)
            return
        try:
            info = stack.enter_context(shared_server())
        except Neo4jLocalError as exc:
            detail = f"\n{exc.detail}" if exc.detail else ""
            pytest.fail(f"could not start the local Neo4j server: {exc}{detail}", pytrace=False)
        database = os.environ.get("NEO4J_DATABASE") or "neo4j"
        yield Neo4jServer(info.uri, info.auth, database, info)


@pytest.fixture(scope="session")
def driver(neo4j_server: Neo4jServer) -> Iterator[Driver]:
    with neo4j_server.driver() as drv:
        drv.verify_connectivity()
        yield drv


@pytest.fixture(scope="session")
def neo4j_database(neo4j_server: Neo4jServer) -> str:
    return neo4j_server.database


@pytest.fixture(scope="module")
def tiny(tiny_dir: Path) -> dict[str, list[dict[str, Any]]]:
    from _load_helpers import read_tables  # imported here: tests/hostile loads this file too

    return read_tables(tiny_dir)


@pytest.fixture
def new_dataset(driver: Driver, neo4j_database: str) -> Iterator[Callable[[], str]]:
    """Unique dataset names for one test; every one is cleared afterwards."""
    names: list[str] = []

    def make() -> str:
        names.append(f"test-{uuid.uuid4().hex[:10]}")
        return names[-1]

    yield make
    for name in names:
        clear_dataset(driver, name, database=neo4j_database)
