"""Hole 5: what a user (or the server) can do to a command gives one ``error:`` line, never
a traceback, with the README's exit status."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner, Result
from neo4j import Driver

from hostile.inventories import base, write_csv
from interop.cli.app import cli
from interop.loaders import load_inventory
from interop.neo4j.load import clear_dataset, ensure_schema


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_error_line(result: Result, status: int = 1) -> str:
    """The result failed with ``status`` and one error line, no traceback; that line."""
    assert result.exit_code == status, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.lower().startswith("error")]
    assert len(errors) == 1, result.output
    return errors[0]


@pytest.mark.parametrize(
    "args",
    [
        ("load", "{tiny}", "--neo4j", "bolt://127.0.0.1:7687", "--dataset", ""),
        ("load", "{tiny}", "--neo4j", "bolt://127.0.0.1:7687", "--dataset", "  "),
        (
            "analyze",
            "{tiny}",
            "--neo4j",
            "bolt://127.0.0.1:7687",
            "--dataset",
            "",
            "--out",
            "{out}",
        ),
        ("export", "all", "{findings}", "--neo4j", "bolt://127.0.0.1:7687", "--dataset", ""),
        ("load", "{tiny}", "--neo4j", "notaurl://x"),
        ("analyze", "{tiny}", "--neo4j", "notaurl://x", "--out", "{out}"),
        ("query", "RETURN 1", "--neo4j", "notaurl://x"),
    ],
    ids=lambda args: " ".join(args)[:60],
)
def test_usage_errors_exit_2(tiny_dir: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    findings = tmp_path / "findings.json"
    findings.write_text("{}", encoding="utf-8")
    values = {"tiny": str(tiny_dir), "out": str(tmp_path / "out"), "findings": str(findings)}
    line = one_error_line(invoke(*(a.format(**values) for a in args)), status=2)
    assert "--dataset" in line or "is not a Neo4j URI" in line


def test_export_with_findings_of_another_inventory(tiny_dir: Path, tmp_path: Path) -> None:
    """The reproduction: a ZeroDivisionError in viz/cameras.py."""
    out = tmp_path / "out"
    assert invoke("analyze", str(tiny_dir), "--out", str(out), "--json-only").exit_code == 0
    other = write_csv(tmp_path / "other", base())
    line = one_error_line(invoke("export", "all", str(out / "findings.json"), str(other)))
    assert "was not made from" in line and "S03" in line


def test_load_whose_transactions_are_terminated(
    driver: Driver, neo4j_server: object, neo4j_database: str, tiny_dir: Path
) -> None:
    """The server ends the load's transaction (as TERMINATE TRANSACTIONS did): one error
    line naming the dataset and the termination, exit 1.

    An open transaction holds the first department the load MERGEs, so the load's
    transaction waits on its lock, running, until it is terminated (no race with a
    transaction that commits before the TERMINATE arrives)."""
    dataset = f"test-hostile-terminated-{uuid.uuid4().hex[:10]}"
    uri = neo4j_server.uri  # type: ignore[attr-defined]
    first = next(iter(load_inventory(tiny_dir).departments)).id
    done = threading.Event()
    terminated: list[str] = []

    def terminate() -> None:
        while not done.is_set():
            records, _, _ = driver.execute_query(
                "SHOW TRANSACTIONS YIELD transactionId AS id, parameters AS p, status "
                "WHERE p.dataset = $dataset AND status STARTS WITH 'Blocked' "
                "TERMINATE TRANSACTIONS id YIELD message RETURN message",
                {"dataset": dataset},
                database_=neo4j_database,
            )
            terminated.extend(r["message"] for r in records)
            time.sleep(0.05)

    killer = threading.Thread(target=terminate, daemon=True)
    # The constraints first: on a fresh database the load would otherwise wait to create
    # them behind the holder's label lock, in a transaction no dataset parameter names.
    ensure_schema(driver, neo4j_database)
    with driver.session(database=neo4j_database) as session:
        holder = session.begin_transaction()  # the lock, under another parameter name
        holder.run("MERGE (:Department {dataset: $ds, id: $id})", ds=dataset, id=first).consume()
        killer.start()
        try:
            result = invoke("load", str(tiny_dir), "--neo4j", uri, "--dataset", dataset)
        finally:
            done.set()
            killer.join(timeout=30)
            holder.rollback()
            clear_dataset(driver, dataset, database=neo4j_database)
    assert "Transaction terminated." in terminated, terminated
    line = one_error_line(result)
    assert line.startswith(f"error: loading dataset {dataset!r}")
    assert "terminated" in line.lower()


class CuttingProxy:
    """A TCP relay to the real server that drops every connection, and stops listening,
    once the client has sent ``after`` bytes: the server going away mid-command."""

    def __init__(self, upstream: tuple[str, int], after: int) -> None:
        self.upstream, self.after, self.sent = upstream, after, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.cut = threading.Event()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.cut.is_set():
                client.close()
                return
            server = socket.create_connection(self.upstream)
            with self.lock:
                self.sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, counted: bool) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
                if counted:
                    with self.lock:
                        self.sent += len(data)
                        if self.sent > self.after and not self.cut.is_set():
                            self.close()
                            return
        except OSError:
            return

    def close(self) -> None:
        self.cut.set()
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() blocked on it
        self.listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


def test_load_when_the_server_goes_away(
    driver: Driver, neo4j_server: object, neo4j_database: str, tiny_dir: Path
) -> None:
    """The connection drops mid-load and the server cannot be reached again (after the
    driver's retries, about 30 s): one error line, exit 1."""
    parts = urlsplit(neo4j_server.uri)  # type: ignore[attr-defined]
    proxy = CuttingProxy((parts.hostname or "127.0.0.1", parts.port or 7687), after=20_000)
    dataset = f"test-hostile-gone-{uuid.uuid4().hex[:10]}"
    try:
        result = invoke("load", str(tiny_dir), "--neo4j", f"bolt://127.0.0.1:{proxy.port}",
                        "--dataset", dataset, "--batch-size", "1")  # fmt: skip
    finally:
        proxy.close()
        clear_dataset(driver, dataset, database=neo4j_database)
    assert proxy.sent > 20_000, "the load ended before the connection was cut"
    line = one_error_line(result)
    assert line.startswith(f"error: loading dataset {dataset!r}")
