"""``interop analyze``: inventory in, findings.json and the analyst outputs out."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import click

from interop.cli.common import dataset_name, neo4j_failures, open_driver, read_inventory
from interop.cli.console import Failure, err, out
from interop.cli.options import (
    basemap_from,
    basemap_options,
    parallel_option,
    parameter_options,
    parameters_from,
    profile_option,
    report_limit_option,
    start_drawer,
)
from interop.cli.rounds_io import read_rounds
from interop.cli.steps import Steps


@click.command()
@click.argument("inventory", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder to write findings.json and the reports into.",
)
@parameter_options
@click.option("--strict", is_flag=True, help="Exit 1 when any inventory row was rejected.")
@click.option(
    "--neo4j",
    "neo4j_uri",
    metavar="URI",
    default=None,
    help="Load into this Neo4j server and run the Cypher twins there.",
)
@click.option(
    "--dataset",
    default="default",
    show_default=True,
    callback=dataset_name,
    help="Dataset name in Neo4j (with --neo4j).",
)
@click.option("--json-only", is_flag=True, help="Write findings.json only (no reports/graphs).")
@basemap_options
@report_limit_option
@profile_option
@parallel_option
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="The previous round's findings.json: mark findings new/persisting/changed and list "
    "the resolved ones (its as-of date must be earlier).",
)
@click.option(
    "--accepted",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Accepted risks (CSV or .xlsx: rule, subjects, reason, approved_by, expires).",
)
def analyze(
    inventory: Path,
    out_dir: Path,
    strict: bool,
    neo4j_uri: str | None,
    dataset: str,
    json_only: bool,
    basemap: str | None,
    basemap_datum: str,
    basemap_attribution: str,
    report_limit: int,
    profile: bool,
    parallel: bool,
    baseline: Path | None,
    accepted: Path | None,
    **options: Any,
) -> None:
    """Analyze INVENTORY (a CSV folder or an .xlsx workbook) and write DIR/findings.json,
    report.html/.md, findings.xlsx/.csv and graph*.html.

    The embedded engine (networkx) runs by default, with nothing else installed; --neo4j
    loads the inventory into Neo4j and runs the rules as Cypher there instead.
    """
    from interop.bulk import keep_heap, keep_to_the_end, no_cycle_collection

    context = click.get_current_context()
    context.call_on_close(keep_heap())  # the modules imported so far
    parameters = parameters_from(options)
    tiles = basemap_from(basemap, basemap_datum, basemap_attribution)
    rounds = read_rounds(baseline, accepted, parameters.as_of)
    steps = Steps(profile=profile)
    # the drawer gets ready while a core is free: at once when this process reads the
    # inventory alone, else once the rules' copy is done (or the findings are made)
    drawer = start_drawer(parallel and not json_only, ready_now=False)
    ready = None if drawer is None else drawer.get_ready
    # what is made from here to the findings lasts the command and holds no reference
    # cycle: no collector pass need walk it (bulk.no_cycle_collection), keep_heap freezes it
    # a city's duplicate sites' numeric core, worked out by a copy from the cameras' columns
    # as soon as validation knows their rows (prepare.prepare_early)
    prepared, early = None, None
    if parallel and not neo4j_uri:
        from interop.prepare import prepare_early

        prepared, early = prepare_early(parameters)
    with no_cycle_collection():
        try:
            inv = read_inventory(
                inventory,
                steps,
                parallel=parallel,
                meanwhile=functools.partial(_imports, json_only, not neo4j_uri),
                alone=ready,
                early=early,
            )
        except BaseException:
            if prepared is not None:
                prepared.stop()
            raise
        graph = None
        if neo4j_uri:
            from interop.neo4j.engine import analyze_in_neo4j

            driver = open_driver(neo4j_uri)
            with (
                driver,
                neo4j_failures(neo4j_uri, f"analysing dataset {dataset!r}"),
                steps("Neo4j: load and rules"),
            ):
                document = analyze_in_neo4j(driver, inv, parameters, dataset=dataset)
        else:
            from interop.analysis import ENGINE, build_document, check_beside, run_rules
            from interop.graph import build_graph
            from interop.prepare import prepare_beside
            from interop.rules import RULES
            from interop.rules.base import Rule

            # (forked between steps, when no progress display is drawing)
            prepared = prepare_beside(inv, parameters, prepared) if parallel else None
            try:
                with steps("graph"):
                    graph = build_graph(inv)
                beside = check_beside(graph, parameters, then=ready) if parallel else None
            except BaseException:
                if prepared is not None:
                    prepared.stop()
                raise
            with steps("rules", total=len(RULES)) as step:

                def advance(rule: Rule, *_: int) -> None:
                    step.advance(description=f"rules: {rule.id}")

                findings = run_rules(
                    graph,
                    parameters,
                    progress=advance,
                    beside=beside,
                    prepared=prepared,
                    step=steps,
                )
            document = build_document(inv, parameters, findings, ENGINE)
            # the outputs read the graph and the findings: the inventory's records (half a
            # gigabyte at the national city) go before the outputs' own memory comes
            del inv, findings
            context.call_on_close(keep_heap())  # the graph and the findings, read by every output
        if ready is not None:  # (the findings made: told now, if no copy told it before)
            ready()
    document = rounds.apply(document)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / "findings.json"
        if json_only:
            with steps("findings.json"):
                document.write_json(target)
            written = [target]
        else:  # findings.json first, while a copy writes the workbook (with --parallel)
            from interop.outputs import write_outputs

            if graph is None:
                from interop.graph import build_graph

                with steps("graph"):
                    graph = build_graph(inv)
            written = write_outputs(
                document,
                graph,
                out_dir,
                lang=parameters.lang,
                basemap=tiles,
                report_limit=report_limit,
                step=steps,
                parallel=parallel,
                drawer=drawer,
                findings_json=target,
            )
    except OSError as exc:
        raise Failure(f"cannot write to {out_dir}: {exc.strerror or exc}") from None
    _summarise(document, written)
    steps.report()
    keep_to_the_end(document, graph)
    if strict and document.load.rejected:
        raise Failure(f"--strict: {len(document.load.rejected)} inventory row(s) were rejected")


def _imports(json_only: bool, embedded: bool) -> None:
    """Import what the command runs after the read: the graph, the rules when the rules run
    here (``embedded``), the outputs unless ``--json-only``: a fifth of a second or more,
    done while a copy reading a city's camera file is not done (:func:`read_inventory`'s
    ``meanwhile``) rather than after the read."""
    import interop.graph

    if embedded:
        import interop.analysis
        import interop.rules
    if not json_only:
        import interop.outputs  # noqa: F401


def _summarise(document: Any, written: list[Path]) -> None:
    load = document.load
    rejected, warnings = len(load.rejected), len(load.warnings)
    err.print(
        f"loaded {document.summary.departments} departments, {document.summary.systems} "
        f"systems; {rejected} row(s) rejected, {warnings} warning(s)"
    )
    for rule, count in document.summary.findings_by_rule.items():
        err.print(f"  {rule:<38} {count:>6}")
    out.print(f"{len(document.findings)} findings; wrote:")
    for path in written:
        out.print(f"  {path}")
