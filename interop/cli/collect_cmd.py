"""``interop collect``: the returned questionnaires merged into one inventory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.table import Table

from interop.cli.console import Failure, err, out, progress_bar
from interop.i18n import DEFAULT_LANG, LANGS, check_lang
from interop.inventory.errors import InventoryError

if TYPE_CHECKING:
    from interop.questionnaire.collect import Collected


@click.command()
@click.argument("returns", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(path_type=Path),
    help="The inventory to write: a folder (CSV, UTF-8, English headers) or an .xlsx path.",
)
@click.option(
    "--feedback",
    "feedback_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Write one feedback workbook per return with rejected rows or warnings into this folder.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=DEFAULT_LANG,
    show_default=True,
    help="Language of the summary and the feedback workbooks.",
)
def collect(returns: Path, out_path: Path, feedback_dir: Path | None, lang: str) -> None:
    """Collect RETURNS (a folder of returned questionnaires: .xlsx workbooks and/or folders
    of CSV files) into one inventory, validated together so references resolve across them.

    Identical rows of the same id are merged (user and network lists united); different
    ones are rejected, each naming the other. Every row of every return is accounted for:
    read = written + merged + rejected. Exit 1 when a return cannot be read at all (nothing
    is written).
    """
    from interop.questionnaire.collect import collect as run_collect
    from interop.questionnaire.collect import write_collected
    from interop.questionnaire.feedback import write_feedback
    from interop.questionnaire.returns import find_returns

    if not returns.is_dir():
        raise click.BadParameter(f"{returns} is not a folder", param_hint="RETURNS")
    if out_path.exists() and out_path.is_file() and out_path.suffix.casefold() != ".xlsx":
        raise click.BadParameter(
            f"{out_path} is a file: give a folder or a path ending in .xlsx", param_hint="--out"
        )
    own = [p for p in (out_path, feedback_dir) if p is not None]
    try:
        total = len(find_returns(returns, own)[0])
        with progress_bar("reading returns", total=total) as bar:
            task = bar.task_ids[0]
            collected = run_collect(returns, lambda _: bar.advance(task), exclude=own)
    except InventoryError as exc:
        raise Failure(str(exc)) from None
    try:
        written = write_collected(collected, out_path)
        feedback = write_feedback(collected, feedback_dir, lang) if feedback_dir else []
    except OSError as exc:
        raise Failure(f"cannot write: {exc.strerror or exc} ({exc.filename})") from None
    _summary(collected, lang)
    for name in collected.ignored:
        err.print(f"note: {name} is not a return (.xlsx or folder); ignored", markup=False)
    for table, columns in collected.left_out.items():
        for column, lacking in columns.items():
            err.print(
                f"warning: {table}.{column} left out: not collected by {', '.join(lacking)}",
                markup=False,
                highlight=False,
            )
    out.print(f"wrote {written}", markup=False, highlight=False)
    if feedback:
        out.print(f"wrote {len(feedback)} feedback workbook(s) into {feedback_dir}", markup=False)


def _summary(collected: Collected, language: str) -> None:
    """Per return: rows read, written, merged, rejected, and warnings; then the totals."""
    from interop.questionnaire.words import word

    lang = check_lang(language)
    keys = ("return", "read", "written", "merged", "rejected", "warnings")
    table = Table(*(word(f"summary.{k}", lang) for k in keys), title=word("summary.title", lang))
    totals = [0] * 5
    for ret in collected.returns:
        count = collected.count(ret.name)
        warnings = sum(1 for i in collected.issues_of(ret.name) if i.kind == "warning")
        figures = [count.read, count.written, count.merged, count.rejected, warnings]
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        table.add_row(ret.name, *(str(f) for f in figures))
    table.add_row(word("summary.total", lang), *(str(t) for t in totals), style="bold")
    out.print(table)
