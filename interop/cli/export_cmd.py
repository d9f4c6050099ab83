"""``interop export``: the analyst outputs from a findings.json and its inventory (or Neo4j)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from interop.bulk import keep_heap, keep_to_the_end, no_cycle_collection
from interop.cli.common import dataset_name, neo4j_failures, open_driver, read_inventory
from interop.cli.console import Failure, out
from interop.cli.options import (
    basemap_from,
    basemap_options,
    parallel_option,
    profile_option,
    report_limit_option,
    start_drawer,
)
from interop.cli.steps import Steps
from interop.i18n import DEFAULT_LANG, LANGS

if TYPE_CHECKING:
    import networkx as nx

    from interop.findings.model import FindingsDocument

WHAT = ("all", "graph", "report", "spreadsheets")


@click.command()
@click.argument("what", type=click.Choice(WHAT))
@click.argument("findings", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("inventory", type=click.Path(path_type=Path), required=False)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder (default: the folder of FINDINGS).",
)
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG, show_default=True)
@click.option(
    "--neo4j",
    "neo4j_uri",
    metavar="URI",
    default=None,
    help="Read the graph from this Neo4j server instead of INVENTORY.",
)
@click.option(
    "--dataset",
    default="default",
    show_default=True,
    callback=dataset_name,
    help="The Neo4j dataset the findings were made from (with --neo4j).",
)
@basemap_options
@report_limit_option
@profile_option
@parallel_option
def export(
    what: str,
    findings: Path,
    inventory: Path | None,
    out_dir: Path | None,
    lang: str,
    neo4j_uri: str | None,
    dataset: str,
    basemap: str | None,
    basemap_datum: str,
    basemap_attribution: str,
    report_limit: int,
    profile: bool,
    parallel: bool,
) -> None:
    """Write WHAT (graph pages, the report, spreadsheets, or all) from FINDINGS
    (a findings.json) and the INVENTORY it was made from, or with --neo4j from the
    dataset loaded in Neo4j."""
    from pydantic import ValidationError

    from interop.findings.model import FindingsDocument
    from interop.graph import build_graph
    from interop.outputs import write_selected

    tiles = basemap_from(basemap, basemap_datum, basemap_attribution)
    if (inventory is None) == (neo4j_uri is None):
        raise click.UsageError("give either INVENTORY or --neo4j URI (not both)")
    steps = Steps(profile=profile)
    drawer = start_drawer(parallel and what in ("all", "report"))  # ready by the time it draws
    try:
        with steps("findings.json"):
            document = FindingsDocument.from_json(findings.read_text(encoding="utf-8"))
    except (ValidationError, ValueError) as exc:
        raise Failure(f"{findings} is not a findings.json of interop: {exc}") from None
    # the graph lasts the command and holds no reference cycle: no collector pass need
    # walk it while it is made (bulk.no_cycle_collection), keep_heap freezes it
    with no_cycle_collection():
        if neo4j_uri is not None:
            from interop.neo4j.fetch import graph_from_neo4j

            with (
                open_driver(neo4j_uri) as driver,
                neo4j_failures(neo4j_uri, "reading the graph"),
                steps("graph from Neo4j"),
            ):
                graph = graph_from_neo4j(driver, dataset)
            if graph.order() == 0:
                raise Failure(f"Neo4j at {neo4j_uri} holds no dataset {dataset!r}")
        else:
            assert inventory is not None
            inv = read_inventory(inventory, steps, parallel=parallel)
            with steps("graph"):
                graph = build_graph(inv)
        missing = _subjects_not_in(document, graph)
        if missing:
            shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
            raise Failure(
                f"{findings} was not made from {inventory or f'dataset {dataset!r}'}: "
                f"{len(missing)} subject(s) of its findings are not in it ({shown}); give the "
                "inventory (or dataset) the findings were made from"
            )
        target = out_dir or findings.parent
        target.mkdir(parents=True, exist_ok=True)
        click.get_current_context().call_on_close(keep_heap())  # the findings and the graph
    written = write_selected(
        what,
        document,
        graph,
        target,
        lang=lang,
        basemap=tiles,
        report_limit=report_limit,
        step=steps,
        parallel=parallel,
        drawer=drawer,
    )
    for path in written:
        out.print(f"wrote {path}")
    steps.report()
    keep_to_the_end(document, graph)


def _subjects_not_in(document: FindingsDocument, graph: nx.MultiDiGraph) -> list[str]:
    """The findings' subjects that name no node of ``graph`` (in any key space; cameras,
    which are no graph nodes, in their frame)."""
    from interop.graph import node_frame
    from interop.schema.graph import KEY_SPACES, node_id

    cameras: set[str] | None = None
    missing: dict[str, None] = {}
    for finding in document.findings:
        for subject in finding.subjects:
            if any(node_id(space, subject) in graph for space in KEY_SPACES):
                continue
            if cameras is None:
                cameras = set(node_frame(graph, "Camera")["id"].tolist())
            if subject not in cameras:
                missing.setdefault(subject, None)
    return list(missing)
