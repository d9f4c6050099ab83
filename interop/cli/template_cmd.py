"""``interop template``: write the questionnaire sent to every budget unit."""

from __future__ import annotations

from pathlib import Path

import click

from interop.cli.console import Failure, out, step
from interop.i18n import DEFAULT_LANG, LANGS
from interop.inventory.errors import InventoryError


@click.command()
@click.argument("out_path", metavar="OUT.xlsx", type=click.Path(path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=DEFAULT_LANG,
    show_default=True,
    help="Sheet names, headers, drop-down values and explanations in Chinese or English.",
)
@click.option(
    "--departments",
    "departments_path",
    metavar="FILE",
    type=click.Path(path_type=Path),
    default=None,
    help="Prefill the departments sheet from an inventory (folder or .xlsx) or a CSV file.",
)
def template(out_path: Path, lang: str, departments_path: Path | None) -> None:
    """Write the questionnaire OUT.xlsx: a sheet per inventory table with drop-downs,
    validation and header comments, and a 填表说明 (instructions) sheet.

    A filled-in questionnaire is an inventory; collect the returns with `interop collect`.
    """
    from interop.questionnaire.template import read_departments, write_template

    if out_path.suffix.casefold() != ".xlsx":
        raise click.BadParameter("the questionnaire is a workbook: give a path ending in .xlsx")
    departments = []
    if departments_path is not None:
        try:
            with step(f"reading departments from {departments_path}"):
                departments = read_departments(departments_path)
        except InventoryError as exc:
            raise Failure(str(exc)) from None
    try:
        written = write_template(out_path, lang=lang, departments=departments)
    except OSError as exc:
        raise Failure(f"cannot write {out_path}: {exc.strerror or exc}") from None
    prefilled = f", {len(departments)} departments prefilled" if departments else ""
    out.print(f"wrote {written}{prefilled}", markup=False, highlight=False)
