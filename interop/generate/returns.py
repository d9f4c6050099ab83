"""The sample city as the questionnaires its units would return (one workbook per unit).

How the rows are shared out, as in a real questionnaire round:
- each row goes to the unit that owns it (``owner_id``); network links to the owner of
  ``network_a``; flows to the unit that reports their source system or platform;
- a vertical system (``provincial_vertical``/``national_vertical``) is reported by its
  owner, who gives the money but not the city's users, and by each city unit that uses it,
  naming only itself and leaving the money empty: collecting unites the users and takes
  the known values, which gives back the city's row;
- departments are not shared out: the template comes prefilled with all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from interop.schema.enums import SystemLevel, parse_enum
from interop.schema.values import parse_multi

Tables = Mapping[str, Sequence[Mapping[str, Any]]]
VERTICAL = (SystemLevel.provincial_vertical, SystemLevel.national_vertical)
MONEY = ("build_cost", "annual_om_cost")


def _vertical(row: Mapping[str, Any]) -> bool:
    level = row.get("level")
    return bool(level) and parse_enum(SystemLevel, str(level)) in VERTICAL


def split_by_unit(tables: Tables) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Unit id -> the rows it returns, per table (departments left out: prefilled)."""
    units: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    reporter: dict[str, str] = {}
    for table in ("networks", "platforms", "cameras"):
        for row in tables.get(table, ()):
            units[row.get("owner_id") or "unknown"][table].append(dict(row))
            if table == "platforms":
                reporter[row["id"]] = row.get("owner_id") or "unknown"
    owner_of_network = {row["id"]: row.get("owner_id") for row in tables.get("networks", ())}
    for row in tables.get("systems", ()):
        users = parse_multi(row.get("user_ids") or "")
        if _vertical(row) and users:
            units[row["owner_id"]]["systems"].append({**row, "user_ids": ""})
            for user in users:
                copy = {**row, "user_ids": user, **dict.fromkeys(MONEY, "")}
                units[user]["systems"].append(copy)
            reporter[row["id"]] = row["owner_id"]
        else:
            units[row["owner_id"]]["systems"].append(dict(row))
            reporter[row["id"]] = row["owner_id"]
    for row in tables.get("network_links", ()):
        units[owner_of_network.get(row["network_a"]) or "unknown"]["network_links"].append(
            dict(row)
        )
    for row in tables.get("flows", ()):
        units[reporter.get(row["source_id"], "unknown")]["flows"].append(dict(row))
    return {unit: dict(rows) for unit, rows in sorted(units.items())}


def write_returns(
    folder: str | Path, tables: Tables, template: str | Path, names: Mapping[str, str] = {}
) -> list[Path]:
    """One filled copy of ``template`` per unit in ``folder``, named ``<unit id>-<name>.xlsx``."""
    from interop.questionnaire.fill import fill_template

    folder = Path(folder)
    written = []
    for unit, rows in split_by_unit(tables).items():
        name = f"{unit}-{names[unit]}" if unit in names else unit
        written.append(fill_template(template, rows, folder / f"{name}.xlsx"))
    return written
