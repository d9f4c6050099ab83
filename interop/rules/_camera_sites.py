"""The numeric core of ``camera.duplicate_site``: which cameras are live, where each
stands in WGS-84, which pairs of them are duplicates and which sites the pairs make.

Worked out from the cameras' frame (:func:`frame_inputs`) or, before the graph is built,
from their loaded columns (:func:`table_inputs`): the same arrays either way, the frame's
columns and the columns here being made by one function
(:func:`interop.graph.frames.frame_columns`). At a million cameras the core is half of
the rule's second (datum conversion, grid search, components); ``interop analyze`` has a
copy of the process work it out while this one builds the graph
(:mod:`interop.prepare`), and the rule takes it where it fits
(:meth:`SiteCore.taken`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from interop.geo import duplicate_sites, to_wgs84
from interop.graph.frames import Codes, NodeFrame, frame_columns
from interop.inventory.columns import TableColumns
from interop.inventory.large import SITE_COLUMNS, SITES
from interop.rules._views import live_of
from interop.schema.graph import NODE_KIND_BY_LABEL

DEFAULT_COORD_SYSTEM = "wgs84"

PREPARED = SITES
"""The name of a prepared :class:`SiteCore` (:attr:`AuditContext.prepared`)."""

IntArray = NDArray[np.intp]
FloatArray = NDArray[np.float64]

COLUMNS = SITE_COLUMNS
"""The camera columns the core reads (declared in :mod:`interop.inventory.large`, which
the code starting the copy that works it out imports before the rules are imported)."""


class SiteInputs(NamedTuple):
    """What the core reads of the cameras."""

    rows: int
    """The cameras' rows, live or not."""
    live: IntArray
    """The frame's rows of the live cameras (:func:`~interop.rules._views.live_rows`)."""
    lat: FloatArray
    """Each live camera's latitude as given (in its coordinate system)."""
    lon: FloatArray
    coord_systems: NDArray[Any]
    """Each live camera's coordinate system, by name (``wgs84`` where none)."""
    owners: IntArray
    """Each live camera's owner, as a code (equal codes, one department)."""


def frame_inputs(cams: NodeFrame) -> SiteInputs:
    """The core's inputs from the cameras' frame (:func:`~interop.graph.node_frame`)."""
    return _inputs(
        cams.rows,
        cams["lat"],
        cams["lon"],
        cams.codes("coord_system"),
        cams.codes("status"),
        cams["owner_id"],
    )


def table_inputs(table: TableColumns) -> SiteInputs:
    """The core's inputs from the cameras' loaded columns, before the graph (and its frame)
    is made of them: the same as :func:`frame_inputs` of that frame."""
    columns, codes = frame_columns(NODE_KIND_BY_LABEL["Camera"], table, COLUMNS)
    return _inputs(
        len(table),
        columns["lat"],
        columns["lon"],
        codes["coord_system"],
        codes["status"],
        columns["owner_id"],
    )


def _inputs(
    rows: int,
    lat: FloatArray,
    lon: FloatArray,
    coord_system: Codes,
    status: Codes,
    owner_ids: NDArray[Any],
) -> SiteInputs:
    live = live_of(status)
    coord_codes, coord_names = coord_system
    names = np.array([*map(str, coord_names), DEFAULT_COORD_SYSTEM])  # code -1 (None): default
    owners = pd.factorize(owner_ids[live])[0]
    return SiteInputs(rows, live, lat[live], lon[live], names[coord_codes[live]], owners)


@dataclass(frozen=True)
class SiteCore:
    """The duplicate pairs and sites of the live cameras within ``radius`` metres."""

    radius: float
    rows: int
    """The cameras' rows it was worked out on, live or not."""
    live: IntArray
    """The frame's rows of the live cameras; the other arrays index these."""
    lat: FloatArray
    """Each live camera's WGS-84 latitude (:func:`~interop.geo.to_wgs84`)."""
    lon: FloatArray
    first: IntArray
    """The duplicate pairs (``first[k]``, ``second[k]``), ``first < second``, sorted
    (:func:`~interop.geo.duplicate_pairs`)."""
    second: IntArray
    members: IntArray
    """The sites' cameras, site after site (ordered by their smallest camera), each
    site's ascending (:func:`~interop.geo.sites`)."""
    bounds: list[int]
    """Where each site starts in :attr:`members`, and where the last ends."""

    @classmethod
    def of(cls, inputs: SiteInputs, radius: float) -> SiteCore:
        """The core worked out from ``inputs``."""
        lat, lon = to_wgs84(inputs.lat, inputs.lon, inputs.coord_systems)
        first, second, groups = duplicate_sites(lat, lon, inputs.owners, radius)
        members = np.concatenate(groups) if groups else np.empty(0, dtype=np.intp)
        bounds = np.cumsum([0, *(group.size for group in groups)]).tolist()
        return cls(radius, inputs.rows, inputs.live, lat, lon, first, second, members, bounds)

    @classmethod
    def taken(cls, prepared: Any, rows: int, live: IntArray, radius: float) -> SiteCore | None:
        """``prepared`` (:attr:`AuditContext.prepared`) if it is a core of as many cameras
        (``rows``, the frame's: a core worked out before ids and references were checked
        was worked out on these rows if none was rejected since), the same live ones
        (``live``) and this radius, else None (work it out: :meth:`of`)."""
        if (
            isinstance(prepared, cls)
            and prepared.radius == radius
            and prepared.rows == rows
            and np.array_equal(prepared.live, live)
        ):
            return prepared
        return None
