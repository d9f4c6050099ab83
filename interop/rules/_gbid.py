"""GB/T 28181 device ids (appendix D), shared by ``camera.gbid_invalid`` and
``camera.gbid_conflict``: the 20-digit id whose digits 1–8 are the centre code (a GB/T 2260
division, digits 1–2 the province), 9–10 the industry, 11–13 the type (131 camera, 132
network camera), 14 the network and 15–20 a serial number.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from numpy.typing import NDArray

from interop.graph.frames import node_frame
from interop.rules._views import live_rows

PROVINCE_CODES = frozenset(
    [str(c) for c in (*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47))]
    + [str(c) for c in (*range(50, 55), *range(61, 66), 71, 81, 82)]
)
"""Province-level codes of GB/T 2260 (digits 1–2 of a division code)."""

ID_DIGITS = 20


def well_formed(ids: pd.Series) -> NDArray[np.bool_]:
    """Whether each id is exactly 20 ASCII digits."""
    return ids.str.fullmatch(r"[0-9]{20}").fillna(False).to_numpy(dtype=bool)


def live_ids(graph: nx.MultiDiGraph) -> tuple[NDArray[np.intp], pd.Series]:
    """The rows of the cameras' frame that are live and carry a non-empty ``gb_id`` (trimmed
    at load), and their ids."""
    cams = node_frame(graph, "Camera")
    if "gb_id" not in cams:
        return np.empty(0, dtype=np.intp), pd.Series([], dtype=object)
    rows = live_rows(cams)
    ids = pd.Series(cams["gb_id"][rows], dtype=object)
    present = ids.notna().to_numpy() & (ids.fillna("").str.len() > 0).to_numpy()
    return rows[present], ids[present].reset_index(drop=True)


def departments(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Every department by id: ``{id, name, division_code}`` (name empty when unknown)."""
    frame = node_frame(graph, "Department")
    codes = frame["division_code"] if "division_code" in frame else [None] * frame.rows
    return {
        str(key): {"id": str(key), "name": "" if name is None else str(name), "division_code": code}
        for key, name, code in zip(
            frame["id"].tolist(), frame["name"].tolist(), list(codes), strict=True
        )
    }


def owner_evidence(owner: dict[str, Any] | None) -> dict[str, str] | None:
    """An owner as evidence shows it: ``{id, name}``."""
    return None if owner is None else {"id": owner["id"], "name": owner["name"]}
