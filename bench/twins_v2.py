"""Benchmark of the seven version-2 rules: each Python check against its Cypher twin.

    .venv/bin/python bench/twins_v2.py [--scale 5] [--cameras 100000] [--repeat 3]

The sample-city generator (``interop.generate``) makes a country at ``--scale`` (systems,
flows, departments) with ``--cameras`` cameras (GB/T 28181 ids with every id problem of
the generator). The inventory goes through the real pipeline (validation, embedded graph;
timed once as *setup*) and is loaded into Neo4j (dataset ``bench-twins-<random>``, timed
as *load*, cleared at the end).

For each rule: *python* = its ``check()`` on the embedded graph; *twin* = its Cypher twin
run on the server plus the findings made from its rows (``run_twins`` for that rule alone:
the query, the rows' transfer and ``Rule.findings_from_rows``). Times are the best of
--repeat runs; both engines must find the same number of findings (the parity tests in
tests/neo4j/test_engine_v2.py compare them field by field). Needs the server up
(``python -m interop.neo4j.local up``, or NEO4J_URI).
"""

from __future__ import annotations

import argparse
import functools
import time
import uuid
from collections.abc import Callable
from typing import Any

from interop.generate import AS_OF, generate_city
from interop.graph import build_graph
from interop.inventory.raw import RawTable
from interop.inventory.validate import validate
from interop.neo4j.engine import run_twins
from interop.neo4j.load import clear_dataset, load_inventory
from interop.neo4j.settings import connect
from interop.parameters import Parameters
from interop.rules import RULES
from interop.rules.base import AuditContext


def _inventory(scale: float, cameras: int, seed: int) -> Any:
    tables = generate_city(seed=seed, scale=scale, lang="en", cameras=cameras)
    raws = []
    for name, rows in tables.items():
        headers = list(dict.fromkeys(h for row in rows for h in row))
        raws.append(RawTable(name, f"{name}.csv", headers,
                             [(k + 2, row) for k, row in enumerate(rows)]))  # fmt: skip
    return validate(raws, f"generated scale={scale} cameras={cameras}")


def _best(repeat: int, func: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None  # free the previous run's result before the clock starts
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=5.0)
    parser.add_argument("--cameras", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()

    start = time.perf_counter()
    inventory = _inventory(args.scale, args.cameras, args.seed)
    graph = build_graph(inventory)
    setup = time.perf_counter() - start
    counts = {t: len(inventory.records(t)) for t in ("systems", "flows", "cameras")}
    print(f"setup {setup:.1f} s: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))

    parameters = Parameters(as_of=AS_OF)
    ctx = AuditContext(graph, parameters)
    dataset = f"bench-twins-{uuid.uuid4().hex[:8]}"
    with connect() as driver:
        try:
            start = time.perf_counter()
            load_inventory(driver, inventory, dataset=dataset)
            print(f"load {time.perf_counter() - start:.1f} s")
            print(f"{'rule':30} {'findings':>9} {'python s':>9} {'twin s':>9}")
            for rule in (r for r in RULES if r.checks):
                py_s, py = _best(args.repeat, functools.partial(rule.check, ctx))
                twin_s, twin = _best(
                    args.repeat,
                    functools.partial(run_twins, driver, parameters, dataset, [rule]),
                )
                same = "" if len(py) == len(twin) else f"  DIFFERENT: twin {len(twin)}"
                print(f"{rule.id:30} {len(py):9,} {py_s:9.3f} {twin_s:9.3f}{same}")
        finally:
            clear_dataset(driver, dataset)


if __name__ == "__main__":
    main()
