"""``interop validate``: every rejected row and warning of an inventory."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from interop.cli.common import read_inventory
from interop.cli.console import Failure, out
from interop.cli.options import profile_option
from interop.cli.steps import Steps
from interop.escape import neutralize_controls


@click.command()
@click.argument("inventory", type=click.Path(path_type=Path))
@profile_option
def validate(inventory: Path, profile: bool) -> None:
    """Check INVENTORY against the inventory format: print every rejected row and warning
    (file, row, column, value, reason). Exit 1 if any row is rejected."""
    steps = Steps(profile=profile)
    report = read_inventory(inventory, steps).report
    steps.report()
    counts = Table("table", "read", "loaded", "rejected", title="rows")
    for name, count in report.tables.items():
        counts.add_row(name, str(count.read), str(count.loaded), str(count.rejected))
    out.print(counts)
    for kind, issues in (("rejected", report.rejected), ("warning", report.warnings)):
        for issue in issues:
            out.print(neutralize_controls(f"{kind}: {issue}"), markup=False, highlight=False)
    for extra in report.extra_tables:
        out.print(
            neutralize_controls(f"note: extra table {extra} kept, not analysed"), markup=False
        )
    if report.rejected:
        raise Failure(f"{len(report.rejected)} row(s) rejected, {len(report.warnings)} warning(s)")
    out.print(f"ok: no row rejected, {len(report.warnings)} warning(s)")
