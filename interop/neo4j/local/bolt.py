"""Talking to the local server over Bolt: which home answers on a port, waiting for it,
setting the first password, and what it reports (version, edition, APOC)."""

from __future__ import annotations

import time
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from interop.neo4j.local.common import Neo4jLocalError, say
from interop.neo4j.local.config import USER, read_log
from interop.neo4j.local.process import alive

INITIAL_PASSWORD = "neo4j"  # what a fresh store accepts before the first password change
REFUSED = "<refused>"  # probe(): the server answered but refused our credentials


def probe(uri: str, auth: tuple[str, str] | None) -> str | None:
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


def same_home(reported: str, home: Path) -> bool:
    return Path(reported).expanduser().resolve() == home


def wait_for_bolt(
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
        if not alive(pid):
            raise Neo4jLocalError(
                f"Neo4j (pid {pid}) exited during start-up; see {home / 'logs'}.",
                read_log(home, 40),
            )
        reported = probe(uri, auth)
        if reported == REFUSED or (reported is not None and same_home(reported, home)):
            return time.monotonic() - began
        if reported is not None and not warned_other:
            say(f"Another Neo4j (home {reported}) answers on {uri}; waiting for ours.")
            warned_other = True
        now = time.monotonic()
        if now - began > timeout:
            raise Neo4jLocalError(
                f"Neo4j did not answer on {uri} within {timeout:.0f} s "
                "(raise INTEROP_NEO4J_TIMEOUT?).",
                read_log(home, 40),
            )
        if now >= next_note:
            say(f"Still waiting for Bolt on {uri} ({now - began:.0f} s)...")
            next_note = now + 15.0
        time.sleep(0.5)


def set_initial_password(uri: str, password: str) -> None:
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
    say("Set the password of user neo4j from INTEROP_NEO4J_PASSWORD.")


def components(uri: str, auth: tuple[str, str] | None) -> tuple[str, str]:
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


def apoc_version(uri: str, auth: tuple[str, str] | None) -> str | None:
    try:
        with GraphDatabase.driver(uri, auth=auth) as driver:
            records, _, _ = driver.execute_query("RETURN apoc.version() AS version")
    except Neo4jError:
        return None
    return str(records[0]["version"])
