"""What a check takes worked out beforehand by a copy of the process
(:attr:`interop.rules.base.AuditContext.prepared`): the duplicate camera sites' numeric core
(:class:`interop.rules._camera_sites.SiteCore`: datum, pairs, sites), half a second of
``camera.duplicate_site`` at a million cameras, worked out from the cameras' columns while
this process finishes validating, builds the graph and checks the rules before it.

A module of its own, light to import: ``analyze`` asks it what validation is to tell
(:func:`prepare_early`) before the inventory is read, when the copy reading a city's camera
file is yet to be forked with what is imported so far; the rules' modules are imported by
the copy that works the core out, if this process has not imported them by then.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from interop import forked
from interop.inventory import large
from interop.inventory.large import SITE_COLUMNS, SITES
from interop.steps import StepRunner, record_beside, untimed

if TYPE_CHECKING:
    from interop.inventory.columnar import Early
    from interop.inventory.columns import TableColumns
    from interop.inventory.model import Inventory
    from interop.parameters import Parameters
    from interop.rules._camera_sites import SiteCore

PREPARED_FROM = large.COLUMNS_BESIDE_FROM
"""Cameras from which a copy works out the duplicate sites' numeric core: a city's, whose
core takes half a second (below, forking costs more than it saves)."""


class Prepared:
    """Copies of this process working out what a check then takes instead of working it out
    itself (:attr:`AuditContext.prepared`), by name: :func:`prepare_early` and
    :func:`prepare_beside` start them, :func:`interop.analysis.run_rules` takes (or ends)
    them."""

    def __init__(self, running: Mapping[str, forked.Running[Any]]) -> None:
        self.running = dict(running)
        self.rows: dict[str, int] = {}
        """The rows of the table each copy works on, by name."""

    def suppliers(self, step: StepRunner = untimed) -> dict[str, Callable[[], Any]]:
        """For each name, a call that waits for the copy, once, and gives its value (its
        time and memory told to ``step``, as ``<name> (beside)``)."""

        def supplier(name: str, running: forked.Running[Any]) -> Callable[[], Any]:
            @functools.cache
            def value() -> Any:
                done = running.join()
                record_beside(step, name, done)
                return done.value

            return value

        return {name: supplier(name, running) for name, running in self.running.items()}

    def stop(self) -> None:
        """End and reap every copy not yet joined (a check did not ask, or failed)."""
        for running in self.running.values():
            running.stop()

    def drop(self, name: str) -> None:
        """End the copy working out ``name`` (its value would not be taken), and forget it."""
        running = self.running.pop(name, None)
        if running is not None:
            running.stop()
        self.rows.pop(name, None)

    def start_sites(self, table: TableColumns, radius: float) -> None:
        """Fork a copy working out the sites' core of ``table`` (in place of any before)."""
        self.drop(SITES)
        self.running[SITES] = _start_core(table, radius)
        self.rows[SITES] = len(table)


def prepare_early(parameters: Parameters) -> tuple[Prepared, Early]:
    """An empty :class:`Prepared`, and what validation is to tell as soon as it can
    (:func:`interop.inventory.columnar.validate_columns`'s ``early``) so that the copy
    working out the sites' core starts then: the cameras' columns the core reads, once the
    rows that load are known but for the checks of ids and references (a third of a second
    before validation ends, at a million cameras, on a core that would be idle), where the
    process may fork at once (no thread running: no progress display drawing). Where it may
    not, or where those checks reject a camera after all (the core would not fit),
    :func:`prepare_beside` starts it after validation."""
    prepared = Prepared({})
    radius = parameters.camera_radius_m

    def start(table: TableColumns) -> None:
        if len(table) >= PREPARED_FROM and forked.can_fork(wait=0):
            # (in place of one told before, of a reading that was started again)
            prepared.start_sites(table, radius)

    return prepared, {"cameras": (SITE_COLUMNS, start)}


def prepare_beside(
    inventory: Inventory, parameters: Parameters, prepared: Prepared | None = None
) -> Prepared | None:
    """Fork now, for a city of :data:`PREPARED_FROM` cameras or more, a copy that works out
    the sites' core from the cameras' loaded columns, unless ``prepared``
    (:func:`prepare_early`) has one already of as many cameras. ``prepared`` (or a new
    one) with it; None where there is none (too few cameras, or this process may not fork:
    call it between steps)."""
    table = inventory.columns.get("cameras")
    if prepared is not None and SITES in prepared.running:
        if prepared.rows.get(SITES) == (None if table is None else len(table)):
            return prepared
        prepared.drop(SITES)  # (a camera was rejected since: the core would not fit)
    if table is None or len(table) < PREPARED_FROM or not forked.can_fork():
        return prepared if prepared is not None and prepared.running else None
    prepared = prepared or Prepared({})
    prepared.start_sites(table, parameters.camera_radius_m)
    return prepared


def _start_core(table: TableColumns, radius: float) -> forked.Running[SiteCore]:
    def job() -> SiteCore:
        from interop.rules._camera_sites import SiteCore, table_inputs

        return SiteCore.of(table_inputs(table), radius)

    return forked.start("camera sites", job)
