"""``interop export``: the analyst outputs from a findings.json and its inventory."""

from __future__ import annotations

from pathlib import Path

import click

from interop.cli.common import read_inventory
from interop.cli.console import Failure, out

WHAT = ("all", "graph", "report", "spreadsheets")


@click.command()
@click.argument("what", type=click.Choice(WHAT))
@click.argument("findings", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("inventory", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder (default: the folder of FINDINGS).",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def export(what: str, findings: Path, inventory: Path, out_dir: Path | None, lang: str) -> None:
    """Write WHAT (graph pages, the report, spreadsheets, or all) from FINDINGS
    (a findings.json) and the INVENTORY it was made from."""
    from pydantic import ValidationError

    from interop.findings.model import FindingsDocument
    from interop.graph import build_graph
    from interop.report import write_selected

    try:
        document = FindingsDocument.from_json(findings.read_text(encoding="utf-8"))
    except (ValidationError, ValueError) as exc:
        raise Failure(f"{findings} is not a findings.json of interop: {exc}") from None
    graph = build_graph(read_inventory(inventory))
    target = out_dir or findings.parent
    target.mkdir(parents=True, exist_ok=True)
    for path in write_selected(what, document, graph, target, lang=lang):
        out.print(f"wrote {path}")
