"""Loading the inventory into a real Neo4j: counts, idempotence, cleanup, failures, values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from _load_helpers import (
    Tables,
    db_counts,
    edited,
    graph_counts,
    inventory_of,
)
from neo4j import Driver
from neo4j.spatial import WGS84Point

import interop.neo4j.load as load_module
from interop.geo.datum import to_wgs84
from interop.geo.distance import haversine_m
from interop.graph import build_graph
from interop.neo4j.load import LoadError, clear_dataset, load_inventory

pytestmark = pytest.mark.neo4j

Query = Callable[..., list[dict[str, Any]]]


@pytest.fixture
def query(driver: Driver, neo4j_database: str) -> Query:
    def run(cypher: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = driver.execute_query(cypher, params, database_=neo4j_database)
        return [dict(r) for r in records]

    return run


def test_counts_equal_the_embedded_graph(
    driver: Driver, neo4j_database: str, tiny: Tables, new_dataset: Callable[[], str]
) -> None:
    inventory = inventory_of(tiny)
    dataset = new_dataset()
    result = load_inventory(driver, inventory, dataset=dataset, database=neo4j_database)
    nodes, rels = graph_counts(build_graph(inventory))
    assert db_counts(driver, dataset, neo4j_database) == (nodes, rels)
    assert result.nodes == dict(nodes)
    assert result.nodes_created == nodes.total()
    assert result.relationships_created == rels.total()
    assert result.nodes_deleted == result.relationships_deleted == 0
    assert result.seconds > 0


def test_reload_is_idempotent_and_keeps_first_seen(
    driver: Driver, neo4j_database: str, tiny: Tables, new_dataset: Callable[[], str], query: Query
) -> None:
    inventory = inventory_of(tiny)
    dataset = new_dataset()
    first = load_inventory(driver, inventory, dataset=dataset, database=neo4j_database)
    before = db_counts(driver, dataset, neo4j_database)
    second = load_inventory(driver, inventory, dataset=dataset, database=neo4j_database)
    assert first.run != second.run
    assert db_counts(driver, dataset, neo4j_database) == before
    assert second.nodes_created == second.relationships_created == 0
    assert second.nodes_deleted == second.relationships_deleted == 0
    stamps = query(
        "MATCH (n {dataset: $dataset}) RETURN DISTINCT n.first_seen AS first, n.last_seen AS last",
        dataset=dataset,
    )
    assert stamps == [{"first": first.run, "last": second.run}]
    stamps = query(
        "MATCH (a {dataset: $dataset})-[r]->() "
        "RETURN DISTINCT r.first_seen AS first, r.last_seen AS last, r.in_dataset AS ds",
        dataset=dataset,
    )
    assert stamps == [{"first": first.run, "last": second.run, "ds": dataset}]


def test_changed_inventory_removes_exactly_what_left_and_only_in_its_dataset(
    driver: Driver, neo4j_database: str, tiny: Tables, new_dataset: Callable[[], str], query: Query
) -> None:
    changed_dataset, other_dataset = new_dataset(), new_dataset()
    original = inventory_of(tiny)
    load_inventory(driver, original, dataset=changed_dataset, database=neo4j_database)
    load_inventory(driver, original, dataset=other_dataset, database=neo4j_database)
    ids_before = {
        r["id"]: r["eid"]
        for r in query(
            "MATCH (n {dataset: $dataset}) RETURN n.id AS id, elementId(n) AS eid",
            dataset=changed_dataset,
        )
    }

    tables = edited(tiny)
    tables["systems"] = [r for r in tables["systems"] if r["id"] != "S10"]  # no flows, no users
    dropped_flow = tables["flows"].pop(0)  # S01 -> PG
    changed = inventory_of(tables)
    result = load_inventory(driver, changed, dataset=changed_dataset, database=neo4j_database)

    assert db_counts(driver, changed_dataset, neo4j_database) == graph_counts(build_graph(changed))
    assert db_counts(driver, other_dataset, neo4j_database) == graph_counts(build_graph(original))
    assert result.nodes_deleted == 1
    # the flow, and S10's OWNS (from D03) and DEPLOYED_ON (to N3): stale relationships go
    # before stale nodes
    assert result.relationships_deleted == 3
    assert not query("MATCH (n:System {dataset: $d, id: 'S10'}) RETURN n", d=changed_dataset)
    assert query("MATCH (n:System {dataset: $d, id: 'S10'}) RETURN n", d=other_dataset)
    flow = (
        "MATCH (:Endpoint {dataset: $d, id: $s})-[r:FLOWS_TO]->(:Endpoint {dataset: $d, id: $t}) "
        "RETURN r"
    )
    ends = {"s": dropped_flow["source_id"], "t": dropped_flow["target_id"]}
    assert not query(flow, d=changed_dataset, **ends)
    assert query(flow, d=other_dataset, **ends)
    # survivors were updated in place, not deleted and recreated
    ids_after = {
        r["id"]: r["eid"]
        for r in query(
            "MATCH (n {dataset: $dataset}) RETURN n.id AS id, elementId(n) AS eid",
            dataset=changed_dataset,
        )
    }
    assert ids_after == {k: v for k, v in ids_before.items() if k != "S10"}


def test_a_failed_load_removes_nothing(
    driver: Driver,
    neo4j_database: str,
    tiny: Tables,
    new_dataset: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dataset = new_dataset()
    original = inventory_of(tiny)
    load_inventory(driver, original, dataset=dataset, database=neo4j_database)
    expected = db_counts(driver, dataset, neo4j_database)

    tables = edited(tiny)
    tables["systems"] = [r for r in tables["systems"] if r["id"] != "S10"]
    tables["flows"].pop(0)
    changed = inventory_of(tables)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("injected failure in the relationship step")

    with monkeypatch.context() as patch:
        patch.setattr(load_module, "_write_relationships", broken)
        with pytest.raises(LoadError, match="nothing was removed"):
            load_inventory(driver, changed, dataset=dataset, database=neo4j_database)
    assert db_counts(driver, dataset, neo4j_database) == expected


def test_a_bad_batch_fails_the_load_and_removes_nothing(
    driver: Driver, neo4j_database: str, tiny: Tables, new_dataset: Callable[[], str]
) -> None:
    dataset = new_dataset()
    load_inventory(driver, inventory_of(tiny), dataset=dataset, database=neo4j_database)
    expected = db_counts(driver, dataset, neo4j_database)

    tables = edited(tiny)
    tables["systems"] = [r for r in tables["systems"] if r["id"] != "S10"]
    # a value Neo4j cannot store as a property (a map) in the last flow's batch
    tables["flows"][-1]["备注"] = {"not": "storable"}
    with pytest.raises(LoadError, match="nothing was removed"):
        load_inventory(
            driver, inventory_of(tables), dataset=dataset, batch_size=4, database=neo4j_database
        )
    assert db_counts(driver, dataset, neo4j_database) == expected


def test_values_extra_columns_dates_and_lists(
    driver: Driver, neo4j_database: str, tiny: Tables, new_dataset: Callable[[], str], query: Query
) -> None:
    tables = edited(tiny)
    for row in tables["systems"]:
        row["备注 说明"] = f"{row['id']} 的备注" if row["id"] == "S11" else ""
    for row in tables["flows"]:
        row["对接人"] = "张三"
    tables["departments"][0]["location"] = "extra column named like a stamp"
    dataset = new_dataset()
    load_inventory(driver, inventory_of(tables), dataset=dataset, database=neo4j_database)

    (s11,) = query("MATCH (n:System {dataset: $d, id: 'S11'}) RETURN n", d=dataset)
    props = dict(s11["n"])
    assert props["备注 说明"] == "S11 的备注"
    assert props["go_live"] == date(2018, 6, 1)
    assert props["modules_total"] == 12
    assert props["network_ids"] == ["N1"]
    assert props["level"] == "municipal"
    (s14,) = query("MATCH (n:System {dataset: $d, id: 'S14'}) RETURN n", d=dataset)
    assert s14["n"]["network_ids"] == ["N1", "N2"]
    assert "备注 说明" not in dict(s14["n"])  # empty cell: unknown, absent
    dates = query(
        "MATCH (n:System {dataset: $d, id: 'S11'}) RETURN n.go_live < date('2019-01-01') AS ok",
        d=dataset,
    )
    assert dates == [{"ok": True}]
    flows = query(
        "MATCH (:Endpoint {dataset: $d})-[r:FLOWS_TO]->() "
        "RETURN DISTINCT r.对接人 AS who, r.dataset IS NOT NULL AS exchanged",
        d=dataset,
    )
    assert flows == [{"who": "张三", "exchanged": True}]
    (dept,) = query(
        "MATCH (n:Department {dataset: $d, id: $id}) RETURN n.extra_location AS x",
        d=dataset,
        id=tables["departments"][0]["id"],
    )
    assert dept["x"] == "extra column named like a stamp"


def test_camera_locations_are_wgs84_points(
    driver: Driver, neo4j_database: str, tiny: Tables, new_dataset: Callable[[], str], query: Query
) -> None:
    dataset = new_dataset()
    load_inventory(driver, inventory_of(tiny), dataset=dataset, database=neo4j_database)
    cameras = {
        r["id"]: r
        for r in query(
            "MATCH (c:Camera {dataset: $d}) RETURN c.id AS id, c.location AS p, "
            "c.wgs84_lat AS lat, c.wgs84_lon AS lon, c.location.srid AS srid",
            d=dataset,
        )
    }
    assert len(cameras) == len(tiny["cameras"])
    for row in tiny["cameras"]:
        cam = cameras[row["id"]]
        assert isinstance(cam["p"], WGS84Point)
        assert cam["srid"] == 4326
        lat, lon = to_wgs84(float(row["lat"]), float(row["lon"]), row["coord_system"])
        assert (cam["lat"], cam["lon"]) == pytest.approx((lat, lon), abs=1e-12)
        assert (cam["p"].latitude, cam["p"].longitude) == pytest.approx((lat, lon), abs=1e-12)
    assert cameras["C3"]["lat"] != pytest.approx(30.5831894, abs=1e-3)  # BD-09 was converted

    for a, b in [("C1", "C2"), ("C4", "C5"), ("C5", "C7")]:
        (row,) = query(
            "MATCH (a:Camera {dataset: $d, id: $a}), (b:Camera {dataset: $d, id: $b}) "
            "RETURN point.distance(a.location, b.location) AS m",
            d=dataset,
            a=a,
            b=b,
        )
        expected = haversine_m(
            cameras[a]["lat"], cameras[a]["lon"], cameras[b]["lat"], cameras[b]["lon"]
        )
        assert row["m"] == pytest.approx(float(expected), abs=0.5)


def test_progress_is_reported_per_batch(
    driver: Driver, neo4j_database: str, tiny: Tables, new_dataset: Callable[[], str]
) -> None:
    events: list[tuple[int, int]] = []
    result = load_inventory(
        driver,
        inventory_of(tiny),
        dataset=new_dataset(),
        batch_size=5,
        database=neo4j_database,
        progress=lambda done, total: events.append((done, total)),
    )
    batches = sum(-(-n // 5) for n in [*result.nodes.values()])
    assert len(events) > batches
    assert {total for _, total in events} == {result.rows}
    steps = [b - a for (a, _), (b, _) in zip([(0, 0), *events], events, strict=False)]
    assert all(0 < step <= 5 for step in steps)
    assert events[-1][0] == result.rows
    assert "nodes (Department 11," in str(result)


def test_clear_dataset_leaves_other_datasets(
    driver: Driver, neo4j_database: str, tiny: Tables, new_dataset: Callable[[], str]
) -> None:
    inventory = inventory_of(tiny)
    gone, kept = new_dataset(), new_dataset()
    for name in (gone, kept):
        load_inventory(driver, inventory, dataset=name, database=neo4j_database)
    deleted = clear_dataset(driver, gone, database=neo4j_database)
    nodes, rels = graph_counts(build_graph(inventory))
    assert deleted == nodes.total()
    assert db_counts(driver, gone, neo4j_database) == ({}, {})
    assert db_counts(driver, kept, neo4j_database) == (nodes, rels)
