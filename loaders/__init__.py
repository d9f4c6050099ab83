"""Loaders: read an inventory (a folder of CSV files or an .xlsx workbook) and validate it.

Each format module only reads (cells as written, into :class:`RawTable` s); validation is
the same for every format (:func:`interop.inventory.validate.validate`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from interop.inventory.errors import InventoryError
from interop.inventory.model import Inventory
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate

from .csv_folder import read_csv_folder
from .csv_lines import ColumnsElsewhere

__all__ = ["InventoryError", "load_inventory", "read_raw_tables"]


def read_raw_tables(
    path: str | Path, elsewhere: Mapping[str, ColumnsElsewhere] | None = None
) -> list[RawTable]:
    """Read an inventory's tables as written, without validating them.

    A folder is read as CSV files, an ``.xlsx`` file as a workbook; anything else, or a
    path that does not exist, is an :class:`InventoryError` naming it. ``elsewhere``: by
    table name, columns of a CSV file another process reads
    (:class:`~loaders.csv_lines.ColumnsElsewhere`).
    """
    path = Path(path)
    if not path.exists():
        raise InventoryError(
            f"{path} does not exist: give a folder of CSV files or an .xlsx workbook"
        )
    if path.is_dir():
        return read_csv_folder(path, elsewhere)
    if path.is_file() and path.suffix.casefold() == ".xlsx":
        from .xlsx_workbook import read_xlsx_workbook  # openpyxl: only for a workbook

        return read_xlsx_workbook(path)
    raise InventoryError(
        f"{path} is not an inventory: give a folder of CSV files or an .xlsx workbook"
    )


def load_inventory(path: str | Path) -> Inventory:
    """Read and validate an inventory: every row is loaded, rejected or warned about."""
    return validate(read_raw_tables(path), str(path))
