"""Write the sample city as a CSV folder or an .xlsx workbook, with a README beside it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from interop.generate.city import build_country, render_country
from interop.generate.readme import readme_text
from interop.generate.round2 import advance_round, round_readme, write_accepted_sample
from interop.i18n import Text, check_lang
from interop.loaders.write import write_csv_folder, write_xlsx

WORKBOOK_NAME = Text("信息系统清单.xlsx", "inventory.xlsx")
FORMATS = ("csv", "xlsx")
NUMBER_COLUMNS = frozenset(
    {
        "build_cost",
        "annual_om_cost",
        "modules_total",
        "modules_used",
        "monthly_active_users",
        "lat",
        "lon",
        "cost",
    }
)
DATE_COLUMNS = frozenset({"go_live", "last_used", "install_date"})


def _typed(value: str, column: str) -> str | int | float | date | None:
    """A cell as Excel holds what an auditor types: numbers and dates typed, the rest text."""
    if value == "":
        return None
    if column in NUMBER_COLUMNS:
        number = float(value)
        return int(number) if number.is_integer() and "." not in value else number
    if column in DATE_COLUMNS:
        return date.fromisoformat(value)
    return value


def typed_tables(tables: dict[str, list[dict[str, str]]]) -> dict[str, list[dict]]:
    """The tables with number and date cells typed, for a workbook."""
    return {
        name: [{k: _typed(v, k) for k, v in row.items()} for row in rows]
        for name, rows in tables.items()
    }


def write_city(
    out: str | Path,
    seed: int = 2020,
    scale: float = 1.0,
    fmt: str = "csv",
    lang: str = "zh",
    cameras: int | None = None,
    encoding: str = "utf-8",
    version: int = 2,
    audit_round: int = 1,
) -> Path:
    """Generate the sample city and write it; return the inventory written.

    ``fmt="csv"``: ``out`` is a folder that receives one CSV per table and README.md.
    ``fmt="xlsx"``: ``out`` is either a workbook path ending in ``.xlsx`` (the README is
    written beside it as ``<name>.README.md``) or a folder that receives the workbook
    (信息系统清单.xlsx or inventory.xlsx) and README.md. ``version`` 1 writes the columns
    of inventory-format version 1 only. ``audit_round=2`` writes the same city a year on
    (:mod:`interop.generate.round2`).
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be 'csv' or 'xlsx', got {fmt!r}")
    language = check_lang(lang)
    out = Path(out)
    if audit_round not in (1, 2):
        raise ValueError(f"audit_round must be 1 or 2, got {audit_round!r}")
    country = build_country(seed, scale, cameras, version)
    changes = advance_round(country) if audit_round == 2 else None
    tables = render_country(country, language)
    if fmt == "csv":
        write_csv_folder(tables, out, language, encoding)
        written, readme = out, out / "README.md"
    elif out.suffix.casefold() == ".xlsx":
        written = write_xlsx(typed_tables(tables), out, language)
        readme = out.with_name(out.stem + ".README.md")
    else:
        out.mkdir(parents=True, exist_ok=True)
        written = write_xlsx(typed_tables(tables), out / WORKBOOK_NAME[language], language)
        readme = out / "README.md"
    counts = {table: len(rows) for table, rows in tables.items()}
    text = readme_text(country, counts, fmt, language)
    if changes is not None:
        override = "" if cameras is None else f" --cameras {cameras}"
        options = f"--seed {seed} --scale {scale:g}{override} --format {fmt} --lang {language}"
        text += round_readme(changes, options)
        write_accepted_sample(changes, Path(written), language)
    readme.write_text(text, encoding="utf-8")
    return written
