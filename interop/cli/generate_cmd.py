"""``interop generate``: write the synthetic Wuhan-like sample city."""

from __future__ import annotations

from pathlib import Path

import click

from interop.cli.console import Failure, out, step
from interop.i18n import DEFAULT_LANG, LANGS


@click.command()
@click.argument("out_path", metavar="OUT", type=click.Path(path_type=Path))
@click.option("--seed", default=2020, show_default=True, help="Random seed (same seed, same city).")
@click.option(
    "--scale",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="1 = the audited city (90 units, 637 systems); ~157 = national size.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=DEFAULT_LANG,
    show_default=True,
    help="Headers, values and table names in Chinese or English.",
)
@click.option(
    "--cameras",
    type=click.IntRange(min=0),
    default=None,
    help="Number of cameras (default grows with --scale).",
)
@click.option(
    "--inventory-version",
    "version",
    type=click.IntRange(1, 2),
    default=2,
    show_default=True,
    help="2 writes the version-2 columns (GB/T 28181 ids, hosting, 等保 dates…); 1 leaves "
    "them out.",
)
@click.option(
    "--round",
    "audit_round",
    type=click.IntRange(min=1, max=2),
    default=1,
    show_default=True,
    help="2: the same city a year on (as of 2021-12-31): some problems put right, some new, "
    "camera sites shrunk and grown; compare with round 1 by analyze --baseline.",
)
def generate(
    out_path: Path,
    seed: int,
    scale: float,
    fmt: str,
    lang: str,
    cameras: int | None,
    version: int,
    audit_round: int,
) -> None:
    """Write a synthetic sample city inventory to OUT (a folder, or an .xlsx file)."""
    from interop.generate import write_city

    try:
        with step(f"generating the sample city (seed {seed}, scale {scale})"):
            written = write_city(
                out_path,
                seed=seed,
                scale=scale,
                fmt=fmt,
                lang=lang,
                cameras=cameras,
                version=version,
                audit_round=audit_round,
            )
    except OSError as exc:
        raise Failure(f"cannot write {out_path}: {exc.strerror or exc}") from None
    out.print(f"wrote {written}")
    if audit_round == 2:
        from interop.generate.round2 import accepted_path

        out.print(f"wrote {accepted_path(written)} (sample accepted risks: analyze --accepted)")
