"""``interop diff``: two rounds' findings.json compared, without running the analysis."""

from __future__ import annotations

import json
from pathlib import Path

import click

from interop.cli.console import out
from interop.cli.rounds_io import read_baseline


@click.command()
@click.argument("baseline", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("current", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: per rule, the counts of each state; json: the rounds' fields of findings.json.",
)
def diff(baseline: Path, current: Path, fmt: str) -> None:
    """Compare CURRENT (a findings.json) with BASELINE (an earlier round's), as
    ``analyze --baseline`` would: findings new, persisting, changed; resolved; unverified.

    Exit 0 when the comparison ran, whatever differs.
    """
    from interop.report.rectification import rectification
    from interop.rounds import BaselineDateError, compare

    previous = read_baseline(baseline)
    now = read_baseline(current)
    try:
        document = compare(now, previous)
    except BaselineDateError as exc:
        raise click.UsageError(str(exc)) from None
    rows = rectification(document) or []
    if fmt == "json":
        payload = {
            "baseline": document.baseline.model_dump(mode="json", by_alias=True)
            if document.baseline
            else None,
            "as_of": document.as_of.isoformat(),
            "by_rule": [row.as_json() for row in rows[:-1]],
            "total": rows[-1].as_json() if rows else None,
            "findings": [f.model_dump(mode="json") for f in document.findings],
            "resolved": [f.model_dump(mode="json") for f in document.resolved or []],
            "unverified": [f.model_dump(mode="json") for f in document.unverified or []],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"{baseline} ({previous.as_of}) → {current} ({now.as_of})",
        title_justify="left",
    )
    table.add_column("rule", no_wrap=True)
    for state in ("resolved", "persisting", "changed", "new", "unverified"):
        table.add_column(state, justify="right")
    table.add_column("build (万元)", justify="right")
    table.add_column("O&M (万元)", justify="right")
    for index, row in enumerate(rows):
        money = row.resolved_money
        table.add_row(
            row.rule or "total",
            *(str(row.count(s)) for s in ("resolved", "persisting", "changed", "new")),
            str(row.unverified),
            "—" if money.build_cost is None else f"{money.build_cost:g}",
            "—" if money.annual_om_cost is None else f"{money.annual_om_cost:g}",
            end_section=index == len(rows) - 2,
        )
    Console(width=max(out.width, 132)).print(table)  # rule ids whole, even through a pipe
