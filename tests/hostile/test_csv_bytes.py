"""Holes 2, 4 and 6: CSV files in mixed encodings, with NUL bytes, with a huge cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.cases import LONG_CELL, SYSTEMS_BYTES
from hostile.inventories import base, write_csv
from interop.inventory.errors import InventoryError
from interop.loaders import load_inventory


@pytest.mark.parametrize(
    ("data", "error"), [c[1:] for c in SYSTEMS_BYTES], ids=[c[0] for c in SYSTEMS_BYTES]
)
def test_systems_csv_bytes(tmp_path: Path, data: bytes, error: str | None) -> None:
    tables = base()
    del tables["systems"], tables["flows"]
    folder = write_csv(tmp_path / "inventory", tables)
    (folder / "systems.csv").write_bytes(data)
    if error is not None:
        with pytest.raises(InventoryError, match=error):
            load_inventory(folder)
        return
    inventory = load_inventory(folder)
    names = [s.name for s in inventory.systems]
    assert names and all("\ufffd" not in n for n in names)
    assert names[0] in ("视频监控系统", "一")  # read in the right encoding, not mojibake


def test_a_cell_over_the_csv_field_limit_loads_whole(tmp_path: Path) -> None:
    tables = base()
    tables["systems"][1]["function"] = "长" * LONG_CELL
    folder = write_csv(tmp_path / "inventory", tables)
    inventory = load_inventory(folder)
    assert inventory.report.rejected == []
    assert [len(s.function or "") for s in inventory.systems] == [4, LONG_CELL]
