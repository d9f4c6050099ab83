"""The duplicate sites' numeric core worked out by a copy of the process before the graph
is built (``analyze --parallel``, :func:`interop.prepare.prepare_beside`): the same inputs
from the cameras' loaded columns as from their frame, the same findings whether the rule
takes the prepared core or works it out, and a core of other cameras never taken."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from raw_tables import raw_tables
from told_steps import ToldSteps

from interop import analysis, forked, prepare
from interop.generate import generate_city
from interop.graph import build_graph, node_frame
from interop.inventory.columns import TableColumns
from interop.inventory.model import Inventory
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate
from interop.parameters import Parameters
from interop.rules import RULES, _camera_sites, camera_duplicate_site
from interop.rules._camera_sites import COLUMNS, SiteCore, frame_inputs, table_inputs
from interop.rules._views import live_rows
from interop.rules.base import AuditContext

FORK = hasattr(os, "fork")
AS_OF = Parameters(as_of=date(2020, 12, 31))
RULE = camera_duplicate_site.RULE


def _raws(seed: int, rejected: bool = True) -> list[RawTable]:
    """A generated city whose cameras have every kind of row the core reads: each
    coordinate system (and none), live, not live and empty statuses, and (``rejected``)
    rows the validator rejects: a latitude out of range (before ids and references are
    checked), an unknown owner and an id given twice (by those checks)."""
    tables = generate_city(seed=seed, scale=0.3, lang="en")
    cameras = tables["cameras"]
    rng = np.random.default_rng(seed)
    for k in rng.choice(len(cameras), size=len(cameras) // 5, replace=False).tolist():
        cameras[k]["status"] = ""
    if rejected:
        cameras[3]["owner_id"] = "NO-SUCH-DEPARTMENT"
        cameras[5]["lat"] = "91"
        cameras.append(dict(cameras[7]))  # its id again: rejected
    raws = raw_tables(tables)
    return raws


def _city(seed: int) -> Inventory:
    inventory = validate(_raws(seed), f"generated seed={seed}")
    rejected = {r.column for r in inventory.report.rejected if r.table == "cameras"}
    assert rejected == {"lat", "id", "owner_id"}
    return inventory


@pytest.fixture(scope="module", params=[3, 11])
def city(request: pytest.FixtureRequest) -> Inventory:
    return _city(request.param)


@pytest.fixture
def can_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """As the CLI would between its steps (the test runner may hold threads of its own)."""
    monkeypatch.setattr(forked, "can_fork", lambda wait=1.0: FORK)


def _findings(graph: object, prepared: dict[str, object] | None = None) -> list[dict[str, object]]:
    context = AuditContext(graph=graph, parameters=AS_OF)  # type: ignore[arg-type]
    if prepared is not None:
        context = AuditContext(
            graph=graph,  # type: ignore[arg-type]
            parameters=AS_OF,
            prepared={name: (lambda v=value: v) for name, value in prepared.items()},
        )
    return [f.model_dump() for f in RULE.check(context)]


def test_the_columns_give_the_frames_inputs(city: Inventory) -> None:
    from_columns = table_inputs(city.columns["cameras"])
    from_frame = frame_inputs(node_frame(build_graph(city), "Camera"))
    assert from_frame.live.size < len(city.columns["cameras"])  # some cameras are not live
    assert set(from_frame.coord_systems.tolist()) == {"wgs84", "gcj02", "bd09"}
    for field in from_frame._fields:
        assert np.array_equal(getattr(from_columns, field), getattr(from_frame, field)), field


def test_the_prepared_core_is_taken_with_the_same_findings(
    city: Inventory, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = build_graph(city)
    alone = _findings(graph)
    assert alone  # the city has duplicate sites
    core = SiteCore.of(table_inputs(city.columns["cameras"]), AS_OF.camera_radius_m)

    def not_again(*_: object) -> object:
        raise AssertionError("the rule worked the core out again")

    monkeypatch.setattr(camera_duplicate_site, "frame_inputs", not_again)
    assert _findings(graph, {_camera_sites.PREPARED: core}) == alone


@pytest.mark.parametrize("change", ["radius", "live", "rows", "nothing prepared", "something else"])
def test_a_core_that_does_not_fit_is_not_taken(city: Inventory, change: str) -> None:
    graph = build_graph(city)
    alone = _findings(graph)
    core: object = SiteCore.of(table_inputs(city.columns["cameras"]), AS_OF.camera_radius_m)
    assert isinstance(core, SiteCore)
    if change == "radius":  # worked out for another radius: other sites, were it taken
        wider = SiteCore.of(table_inputs(city.columns["cameras"]), 500.0)
        assert wider.bounds != core.bounds
        core = wider
    elif change == "live":
        core = replace(core, live=core.live[1:])
    elif change == "rows":  # worked out before a camera was rejected
        core = replace(core, rows=core.rows + 1)
    elif change == "nothing prepared":
        core = None
    else:
        core = {"live": core.live}
    assert _findings(graph, {_camera_sites.PREPARED: core}) == alone


def test_a_copy_prepares_the_core_for_run_rules(
    city: Inventory, can_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = build_graph(city)
    alone = analysis.run_rules(graph, AS_OF)
    monkeypatch.setattr(prepare, "PREPARED_FROM", 10)
    prepared = prepare.prepare_beside(city, AS_OF)
    if not FORK:
        assert prepared is None
        return
    assert prepared is not None
    (running,) = prepared.running.values()
    told = ToldSteps()
    monkeypatch.setattr(camera_duplicate_site, "frame_inputs", None)  # (taken, not made)
    both = analysis.run_rules(graph, AS_OF, prepared=prepared, step=told)
    assert [f.model_dump() for f in both] == [f.model_dump() for f in alone]
    ((name, seconds, cpu, *_),) = told.told
    assert name == _camera_sites.PREPARED and seconds > 0 and cpu > 0
    with pytest.raises(ChildProcessError):  # reaped
        os.waitpid(running._pid, os.WNOHANG)


def test_a_copy_no_rule_asks_is_ended(
    city: Inventory, can_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepare, "PREPARED_FROM", 10)
    prepared = prepare.prepare_beside(city, AS_OF)
    if not FORK:
        return
    assert prepared is not None
    (running,) = prepared.running.values()
    others = [r for r in RULES if r.id != RULE.id]
    analysis.run_rules(build_graph(city), AS_OF, others, prepared=prepared)
    with pytest.raises(ChildProcessError):
        os.waitpid(running._pid, os.WNOHANG)


def test_nothing_is_prepared_for_a_town_or_where_the_process_may_not_fork(
    city: Inventory, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(city.columns["cameras"]) < prepare.PREPARED_FROM
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    assert prepare.prepare_beside(city, AS_OF) is None
    monkeypatch.setattr(prepare, "PREPARED_FROM", 10)
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert prepare.prepare_beside(city, AS_OF) is None


@pytest.mark.parametrize("rejected", [False, True])
def test_validation_tells_the_cameras_rows_early(rejected: bool) -> None:
    """Told once, before ids and references are checked: the rows that load (the same
    columns as the loaded table's), and those these checks then reject."""
    told: list[TableColumns] = []
    raws = _raws(3, rejected)
    inventory = validate(raws, "generated", early={"cameras": (COLUMNS, told.append)})
    (early,) = told
    final = inventory.columns["cameras"]
    assert sorted(s.name for s in early.specs) == sorted(COLUMNS)
    assert len(early) == len(final) + (2 if rejected else 0)  # (the owner, the id)
    if not rejected:
        assert np.array_equal(early.rows, final.rows)
        for name in COLUMNS:
            assert early.columns[name].tolist() == final.columns[name].tolist()
            assert np.array_equal(early.given[name], final.given[name])
        early_core = SiteCore.of(table_inputs(early), AS_OF.camera_radius_m)
        graph = build_graph(inventory)
        live = live_rows(node_frame(graph, "Camera"))
        assert SiteCore.taken(early_core, len(final), live, AS_OF.camera_radius_m) is early_core


@pytest.mark.parametrize("rejected", [False, True])
def test_analyze_prepares_the_core_while_validating(
    rejected: bool, can_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``prepare_early`` starts the copy while validation goes on; where a camera is
    rejected after, ``prepare_beside`` starts another on the loaded rows. Either way the
    rule takes a core that fits, with the findings it would make."""
    monkeypatch.setattr(prepare, "PREPARED_FROM", 10)
    monkeypatch.setattr(forked, "can_fork", lambda wait=1.0: FORK)
    raws = _raws(11, rejected)
    prepared, early = prepare.prepare_early(AS_OF)
    inventory = validate(raws, "generated", early=early)
    if not FORK:
        assert not prepared.running and prepare.prepare_beside(inventory, AS_OF, prepared) is None
        return
    (first,) = prepared.running.values()
    assert prepare.prepare_beside(inventory, AS_OF, prepared) is prepared
    (running,) = prepared.running.values()
    assert (running is first) is not rejected
    graph = build_graph(inventory)
    alone = analysis.run_rules(graph, AS_OF, [RULE])
    monkeypatch.setattr(camera_duplicate_site, "frame_inputs", None)  # (taken, not made)
    both = analysis.run_rules(graph, AS_OF, [RULE], prepared=prepared)
    assert [f.model_dump() for f in both] == [f.model_dump() for f in alone]
    for copy in (first, running):
        with pytest.raises(ChildProcessError):  # reaped
            os.waitpid(copy._pid, os.WNOHANG)
