"""GB/T 28181 device ids (appendix D), shared by ``camera.gbid_invalid`` and
``camera.gbid_conflict``: the 20-digit id whose digits 1–8 are the centre code (a GB/T 2260
division, digits 1–2 the province), 9–10 the industry, 11–13 the type (131 camera, 132
network camera), 14 the network and 15–20 a serial number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

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


class LiveIds(NamedTuple):
    """The GB ids of the live cameras that have one (:func:`live_ids`), read digit by
    digit once for both GB id rules (``ctx.shared(live_id_digits)``)."""

    rows: NDArray[np.intp]
    """Their rows in the cameras' frame."""
    ids: NDArray[np.object_]
    fine: NDArray[np.bool_]
    """Whether each id is exactly 20 ASCII digits."""
    digits: NDArray[np.uint8]
    """The digits of each well-formed id, 20 a row (zeros for the others)."""


def live_id_digits(graph: nx.MultiDiGraph) -> LiveIds:
    """The live cameras' GB ids (:func:`live_ids`) with :func:`digit_codes`."""
    rows, ids = live_ids(graph)
    values = ids.to_numpy(dtype=object)
    return LiveIds(rows, values, *digit_codes(values))


def digit_codes(ids: NDArray[np.object_]) -> tuple[NDArray[np.bool_], NDArray[np.uint8]]:
    """Whether each id (a string) is exactly 20 ASCII digits, and the digits of those that
    are (one row of 20 per id, zeros for the others), read from the ids' code points as
    one array rather than by a pattern matched per id (a million ids)."""
    lengths = np.fromiter(map(len, ids), dtype=np.intp, count=ids.size)
    digits = np.zeros((ids.size, ID_DIGITS), dtype=np.uint8)
    fine = lengths == ID_DIGITS
    if fine.any():
        chosen = ids[fine].tolist()
        text = "".join(chosen)
        points: NDArray[np.uint8] | NDArray[np.uint32]
        if text.isascii():  # (the usual ids: their bytes, 20 an id, without a string each)
            points = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
        else:  # a 20-character id as 20 code points (a trailing NUL reads as 0: no digit)
            points = np.array(chosen, dtype=f"U{ID_DIGITS}").view(np.uint32)
        points = points.reshape(-1, ID_DIGITS)
        all_digits = ((points >= ord("0")) & (points <= ord("9"))).all(axis=1)
        fine[fine] = all_digits
        digits[fine] = points[all_digits] - ord("0")
    return fine, digits


def number(digits: NDArray[np.uint8], start: int, stop: int) -> NDArray[np.int64]:
    """Digits ``start:stop`` of each row of :func:`digit_codes` as one number."""
    out = np.zeros(digits.shape[0], dtype=np.int64)
    for column in range(start, stop):
        out = out * 10 + digits[:, column]
    return out


def numbers(codes: Iterable[str], width: int) -> list[int]:
    """The codes of ``codes`` that are ``width`` ASCII digits, as numbers (a code that is
    not can equal no digits of an id)."""
    return [int(c) for c in codes if len(c) == width and c.isascii() and c.isdigit()]


def live_ids(graph: nx.MultiDiGraph) -> tuple[NDArray[np.intp], pd.Series]:
    """The rows of the cameras' frame that are live and carry a non-empty ``gb_id`` (trimmed
    at load), and their ids."""
    cams = node_frame(graph, "Camera")
    if "gb_id" not in cams:
        return np.empty(0, dtype=np.intp), pd.Series([], dtype=object)
    rows = live_rows(cams)
    values = cams["gb_id"][rows]
    present = values.astype(bool)  # neither None nor empty
    return rows[present], pd.Series(values[present], dtype=object)


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
