"""Neo4j commands: ``interop load``, ``interop query`` and ``interop neo4j up|down|status``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from interop.cli.common import dataset_name, neo4j_failures, open_driver, read_inventory
from interop.cli.console import Failure, err, out, progress_bar
from interop.escape import neutralize_controls, neutralize_json_controls
from interop.neo4j.writers import DEFAULT_WRITERS

NEO4J_OPTION = click.option(
    "--neo4j",
    "neo4j_uri",
    metavar="URI",
    envvar="NEO4J_URI",
    default=None,
    help="Neo4j server (default: NEO4J_URI, else bolt://127.0.0.1:7687).",
)


@click.command()
@click.argument("inventory", type=click.Path(path_type=Path))
@NEO4J_OPTION
@click.option(
    "--dataset",
    default="default",
    show_default=True,
    callback=dataset_name,
    help="Dataset name: a reload replaces only this dataset's nodes.",
)
@click.option("--batch-size", default=5000, show_default=True, type=click.IntRange(min=1))
@click.option(
    "--writers",
    default=DEFAULT_WRITERS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Batches written at once, each on its own session.",
)
def load(
    inventory: Path, neo4j_uri: str | None, dataset: str, batch_size: int, writers: int
) -> None:
    """Load INVENTORY into Neo4j (idempotent: loading twice changes nothing)."""
    from interop.neo4j.load import load_inventory

    inv = read_inventory(inventory)
    driver = open_driver(neo4j_uri)
    with (
        driver,
        neo4j_failures(neo4j_uri, f"loading dataset {dataset!r}"),
        progress_bar(f"loading into dataset {dataset!r}") as bar,
    ):
        task = bar.task_ids[0]

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        result = load_inventory(
            driver, inv, dataset=dataset, batch_size=batch_size, progress=advance, writers=writers
        )
    out.print(str(result), markup=False, highlight=False)


@click.command()
@click.argument("query_text", metavar="FILE.cypher|CYPHER")
@NEO4J_OPTION
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="K=V",
    help="A query parameter (JSON value, else a string); repeatable.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option("--database", default=None, help="Database name (default: the server's).")
def query(
    query_text: str, neo4j_uri: str | None, params: tuple[str, ...], fmt: str, database: str | None
) -> None:
    """Run a read-only Cypher query (a .cypher file or the text itself). A query that
    writes is refused and changes nothing. Parameters are passed as Cypher parameters."""
    from interop.neo4j.query import QueryError, QueryRefused, format_result, parse_params, run_query

    path = Path(query_text)
    text = (
        path.read_text(encoding="utf-8")
        if path.suffix == ".cypher" and path.is_file()
        else query_text
    )
    if query_text.endswith(".cypher") and not path.is_file():
        raise Failure(f"{query_text}: no such file")
    try:
        values = parse_params(params)
    except QueryError as exc:
        raise click.BadParameter(str(exc), param_hint="--param") from None
    driver = open_driver(neo4j_uri)
    with driver, neo4j_failures(neo4j_uri, "running the query"):
        try:
            result = run_query(driver, text, values, database=database)
        except (QueryRefused, QueryError) as exc:
            raise Failure(str(exc)) from None
    text = format_result(result, fmt)  # control characters would run in a terminal
    text = neutralize_json_controls(text) if fmt == "json" else neutralize_controls(text)
    out.print(text, markup=False, highlight=False, soft_wrap=True)


@click.group()
def neo4j() -> None:
    """Run a local Neo4j 5.26 Community server from Maven Central jars (no Docker)."""


@contextmanager
def _local_errors() -> Iterator[None]:
    """A runner failure as one clear error (its evidence, e.g. a log's end, above it)."""
    from interop.neo4j.local import Neo4jLocalError

    try:
        yield
    except Neo4jLocalError as exc:
        if exc.detail:
            err.print(exc.detail, markup=False, highlight=False)
        raise Failure(str(exc)) from None


@neo4j.command()
def up() -> None:
    """Download (once), configure and start the local server; wait until Bolt answers."""
    from interop.neo4j.local import start

    with _local_errors():
        info = start()
    out.print(info.summary(), markup=False, highlight=False)


@neo4j.command()
def down() -> None:
    """Stop the local server started by ``interop neo4j up``."""
    from interop.neo4j.local import stop
    from interop.neo4j.local.cli import stopped_line

    with _local_errors():
        stopped = stop()
    out.print(stopped_line(stopped), markup=False, highlight=False)


@neo4j.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """Say whether the local server runs (exit 0 answering, 1 not answering, 3 not running)."""
    from interop.neo4j.local import status as local_status
    from interop.neo4j.local.cli import status_code

    with _local_errors():
        state = local_status()
    out.print(state.summary(), markup=False, highlight=False)
    ctx.exit(status_code(state))
