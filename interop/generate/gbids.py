"""GB/T 28181 device ids for the sample's cameras (inventory-format v2, ``gb_id``).

An id is 20 digits (GB/T 28181 appendix D): the centre code — the owner's GB/T 2260
division and ``00`` (8 digits) —, an industry code for its sector (00 city police, 01
sub-bureau, 04 traffic, 08 urban management, 09 health, 10 water, 11 metro; the issue's
bands 00–03 police, 04–07 traffic), the type (132 network camera, 131 camera), a network
digit and a serial number per owner.

Registers are not clean, so some ids are left empty and a few carry each problem
``camera.gbid_invalid`` and ``camera.gbid_conflict`` look for — beside near misses: a
sub-bureau camera coded for another district of the same city (digits 1–4 agree: not a
mismatch), and one owner registering one id twice (one department: not a conflict).
Drawn from a stream of the block's own, after everything else about the cameras.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from interop.generate.cameras import CATEGORIES, CameraBlock

INDUSTRY = {
    "police": "00",
    "sub_bureau": "01",
    "traffic": "04",
    "urban": "08",
    "water": "10",
    "metro": "11",
    "health": "09",
}
EMPTY, MALFORMED, BAD_PROVINCE, NOT_CAMERA, MISMATCH, OTHER_DISTRICT = 1, 2, 3, 4, 5, 6
FLAW_ODDS = {
    EMPTY: 0.06,
    MALFORMED: 0.004,
    BAD_PROVINCE: 0.003,
    NOT_CAMERA: 0.005,
    MISMATCH: 0.004,
    OTHER_DISTRICT: 0.01,
}
SHARED_ODDS, SAME_OWNER_TWICE_ODDS = 0.004, 0.001


def block_gb_ids(block: CameraBlock) -> list[str]:
    """The ``gb_id`` cell of every camera of ``block`` (empty where left unknown)."""
    if block.gb_ids is not None:
        return list(block.gb_ids)
    n = len(block)
    rng = np.random.default_rng([int(block.code), 0x6B1D])
    owners = block.owners
    city = f"{block.code}00"
    division = np.array([o.division_code or city for o in owners], dtype=object)[block.owner]
    industry = np.array([INDUSTRY[c] for c in CATEGORIES], dtype=object)[block.category]
    kind = np.where(rng.random(n) < 0.7, "132", "131").astype(object)
    network = rng.integers(0, 2, n).astype(str).astype(object)
    serial = pd.Series(block.owner).groupby(block.owner).cumcount().to_numpy() + 1
    flaw = np.zeros(n, dtype=np.int8)
    draw = rng.random(n)
    edge = 0.0
    for code, odds in FLAW_ODDS.items():
        flaw[(draw >= edge) & (draw < edge + odds)] = code
        edge += odds
    ids = []
    for k, (div, ind, typ, net, ser, bad) in enumerate(
        zip(division.tolist(), industry.tolist(), kind.tolist(), network.tolist(),
            serial.tolist(), flaw.tolist(), strict=True)
    ):  # fmt: skip
        if bad == EMPTY:
            ids.append("")
            continue
        if bad == MISMATCH:  # coded for a city of the next prefecture
            div = f"{div[:2]}{(int(div[2:4]) + 5) % 100:02d}{div[4:]}"
        elif bad == OTHER_DISTRICT and div[4:6] != "00":
            div = f"{div[:4]}{(int(div[4:6]) % 17) + 1:02d}"
        if bad == NOT_CAMERA:
            typ = "118" if k % 2 else "111"  # an NVR or a DVR registered as a camera
        gb_id = f"{div}00{ind}{typ}{net}{ser % 1_000_000:06d}"
        if bad == BAD_PROVINCE:
            gb_id = "10" + gb_id[2:]
        elif bad == MALFORMED:
            gb_id = gb_id[:-1] if k % 2 else gb_id[:5] + "O" + gb_id[6:]
        ids.append(gb_id)
    _share(ids, block.owner, rng)
    return ids


def _share(ids: list[str], owner: np.ndarray, rng: np.random.Generator) -> None:
    """Plant shared ids: a camera takes the id of the camera beside it (cameras of one
    street point are neighbours in a block), of another owner (a conflict) or, rarely, of
    the same owner (a near miss)."""
    draw = rng.random(len(ids))
    for k in np.flatnonzero(draw[1:] < SHARED_ODDS + SAME_OWNER_TWICE_ODDS).tolist():
        j = k + 1
        same = owner[j] == owner[k]
        wanted_same = draw[j] >= SHARED_ODDS
        if same == wanted_same and len(ids[k]) == 20 and ids[k].isdigit() and ids[j]:
            ids[j] = ids[k]
