"""Benchmark: interop's Neo4j loader against Neo4j's own ``LOAD CSV``, on the same server.

    python bench/load.py [--scale 20] [--cameras 200000] [--batch-size 5000] [--writers 2]
                         [--repeat 2] [--loadcsv-concurrent N]

1. Generates a national-scale inventory (``interop.generate.write_city``, CSV, English).
2. Loads it with interop (``interop.loaders.load_inventory`` and
   ``interop.neo4j.load.load_inventory``) into dataset ``bench``.
3. Copies the CSV files into the server's import directory (``server.directories.import``,
   asked of the server) and loads the same rows with ``LOAD CSV … CALL { … } IN
   TRANSACTIONS OF 10000 ROWS`` in auto-commit transactions into dataset ``bench-loadcsv``:
   the same MERGEs on the same constraints, the same properties (typed as interop types
   them, with the contract's defaults), the same relationships and stamps. The statements
   are generated from the schema declaration like interop's own. One difference: LOAD CSV
   cannot convert GCJ-02/BD-09 coordinates, so its camera points take ``lat``/``lon``
   as written.
4. Repeats 2 and 3 (``--repeat``, alternating which goes first: the machine may be shared),
   checks that both datasets hold the same nodes per label and relationships per type, and
   prints both rates (best and median run) and their ratio (interop / LOAD CSV).
5. With ``--loadcsv-concurrent N``, also times LOAD CSV with its nodes written ``IN N
   CONCURRENT TRANSACTIONS`` (interop writes two batches at once by default), printed for
   information beside the ratio, which stays the sequential form's.

Rates are graph elements (nodes + relationships) written per second; interop's time is
``load_inventory``'s (rows from records, schema, MERGEs, cleanup); reading and validating
the CSV files is timed once, apart. Each run starts from an empty dataset (clearing is not
timed); both datasets are cleared at the end unless ``--keep``. Needs the server up
(``python -m interop.neo4j.local up``) and the local file system shared with it.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import sys
import tempfile
import time
import typing
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j
from pydantic import BeforeValidator

from interop.neo4j.load import clear_dataset, load_inventory, new_run_tag
from interop.neo4j.settings import connect, default_database
from interop.neo4j.statements import (
    FIRST_SEEN,
    LAST_SEEN,
    LOCATED,
    LOCATION,
    REL_DATASET,
    REL_KEY,
    WGS84_LAT,
    WGS84_LON,
    quote,
)
from interop.neo4j.writers import DEFAULT_WRITERS
from interop.schema import values as v
from interop.schema.columns import Column
from interop.schema.graph import NODE_KINDS, REL_KINDS, SELF, NodeKind, RelKind
from interop.schema.tables import TABLE_BY_NAME, Table

TX_ROWS = 10_000
IMPORT_SUBDIR = "interop-bench"

# How LOAD CSV types a cell, by the parser the declaration attaches to the field.
_CONVERT: dict[Callable[..., Any], str] = {
    v.parse_date: "date({})",
    v.parse_amount: "toFloat({})",
    v.parse_number: "toFloat({})",
    v.parse_count: "toInteger({})",
    v.parse_grade: "toInteger({})",
    v.parse_bool: "toBoolean({})",
    v.parse_latitude: "toFloat({})",
    v.parse_longitude: "toFloat({})",
    v.parse_multi: "split({}, ';')",
}


def _parser(table: Table, name: str) -> Callable[..., Any] | None:
    """The value parser the declaration attaches to ``table.name`` (None: text or enum)."""
    hints = typing.get_type_hints(table.model, include_extras=True)

    def walk(annotation: Any) -> Callable[..., Any] | None:
        for meta in getattr(annotation, "__metadata__", ()):
            if isinstance(meta, BeforeValidator) and meta.func in _CONVERT:
                return meta.func
        for arg in typing.get_args(annotation):
            found = walk(arg)
            if found is not None:
                return found
        return None

    return walk(hints[name])


def _default(table: Table, name: str) -> str | None:
    """The contract's default of an optional column (an enum value), or None."""
    info = table.model.model_fields[name]
    if info.is_required() or info.default is None or info.default == []:
        return None
    return str(getattr(info.default, "value", info.default))


def _value(table: Table, name: str, cell: str) -> str:
    """The Cypher expression of one column's typed value, with the contract's default."""
    parser = _parser(table, name)
    expression = _CONVERT[parser].format(cell) if parser is not None else cell
    if _default(table, name) is not None:
        expression = f"coalesce({expression}, $defaults.{table.name}.{name})"
    return expression


def _defaults() -> dict[str, dict[str, str]]:
    """Every default, by table and column, passed to LOAD CSV as ``$defaults``."""
    out: dict[str, dict[str, str]] = {}
    for table in TABLE_BY_NAME.values():
        for name in table.model.model_fields:
            default = _default(table, name)
            if default is not None:
                out.setdefault(table.name, {})[name] = default
    return out


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


def _props(table: Table, header: list[str]) -> str:
    """``{name: typed value, …}`` for every column of the file (declared or extra)."""
    declared: dict[str, Column] = table.columns()
    items = []
    for name in header:
        cell = f"row.{quote(name)}"
        value = _value(table, name, cell) if name in declared else cell
        items.append(f"{quote(name)}: {value}")
    return "{" + ", ".join(items) + "}"


def _in_transactions(body: str, variables: str = "row", concurrent: int = 0) -> str:
    """``body`` for every row of the file, ``TX_ROWS`` a transaction (``concurrent`` of them
    at once: ``IN n CONCURRENT TRANSACTIONS``, Cypher 5.21+; 0, one after another)."""
    at_once = f"{concurrent} CONCURRENT " if concurrent else ""
    return (
        "LOAD CSV WITH HEADERS FROM $url AS row\n"
        f"CALL ({variables}) {{\n{body}\n}} IN {at_once}TRANSACTIONS OF {TX_ROWS} ROWS"
    )


def node_loadcsv(kind: NodeKind, header: list[str], concurrent: int = 0) -> str:
    """LOAD CSV twin of interop's node statement for one kind (``concurrent``: see
    :func:`_in_transactions`)."""
    table = kind.source
    sets = [
        f"n += {_props(table, header)}",
        "n.dataset = $dataset",
        f"n.{FIRST_SEEN} = coalesce(n.{FIRST_SEEN}, $run)",
        f"n.{LAST_SEEN} = $run",
    ]
    if kind.label != kind.key_space:
        sets.append(f"n:{quote(kind.label)}")
    if kind.label in LOCATED:
        where = LOCATED[kind.label]
        lat, lon = f"toFloat(row.{where.lat})", f"toFloat(row.{where.lon})"
        sets += [
            f"n.{WGS84_LAT} = {lat}",
            f"n.{WGS84_LON} = {lon}",
            f"n.{LOCATION} = point({{latitude: {lat}, longitude: {lon}}})",
        ]
    body = (
        f"  MERGE (n:{quote(kind.key_space)} {{dataset: $dataset, id: row.id}})\n"
        f"  SET {', '.join(sets)}"
    )
    return _in_transactions(body, concurrent=concurrent)


def _end(kind: RelKind, field: str, alias: str) -> tuple[str, str]:
    """(UNWIND clause or "", id expression) for one end of a relationship."""
    if field == SELF:
        return "", "row.id"
    if kind.source.columns()[field].multi:
        return f"  UNWIND coalesce(split(row.{field}, ';'), []) AS {alias}\n", alias
    return "", f"row.{field}"


def relationship_loadcsv(kind: RelKind, header: list[str]) -> str:
    """LOAD CSV twin of interop's relationship statement for one kind."""
    unwind_a, start = _end(kind, kind.start, "s")
    unwind_b, end = _end(kind, kind.end, "e")
    stamps = (
        f"r.{REL_DATASET} = $dataset, r.{FIRST_SEEN} = coalesce(r.{FIRST_SEEN}, $run), "
        f"r.{LAST_SEEN} = $run"
    )
    lines = [
        unwind_a
        + unwind_b
        + f"  MATCH (a:{quote(kind.start_space)} {{dataset: $dataset, id: {start}}})",
        f"  MATCH (b:{quote(kind.end_space)} {{dataset: $dataset, id: {end}}})",
    ]
    if kind.is_row_relationship:
        table = kind.source
        skip = {kind.start, kind.end}
        props = _props(table, [h for h in header if h not in skip])
        lines += [
            f"  MERGE (a)-[r:{quote(kind.type)} {{{REL_KEY}: toString(line)}}]->(b)",
            f"  SET r += {props}, {stamps}",
        ]
        body = "\n".join(lines)
        return (
            "LOAD CSV WITH HEADERS FROM $url AS row\n"
            "WITH row, linenumber() AS line\n"
            f"CALL (row, line) {{\n{body}\n}} IN TRANSACTIONS OF {TX_ROWS} ROWS"
        )
    lines += [f"  MERGE (a)-[r:{quote(kind.type)}]->(b)", f"  SET {stamps}"]
    return _in_transactions("\n".join(lines))


def loadcsv_statements(folder: Path, concurrent: int = 0) -> list[tuple[str, str, str]]:
    """(name, table file, statement) for every node kind then relationship kind present
    (``concurrent``: the nodes' transactions, see :func:`_in_transactions`)."""
    out = []
    for kind in NODE_KINDS:
        path = folder / f"{kind.table}.csv"
        if path.is_file():
            out.append((kind.label, path.name, node_loadcsv(kind, _header(path), concurrent)))
    for rel in REL_KINDS:
        path = folder / f"{rel.table}.csv"
        if path.is_file():
            out.append((rel.type, path.name, relationship_loadcsv(rel, _header(path))))
    return out


def import_dir(driver: neo4j.Driver) -> Path:
    """The server's ``server.directories.import`` (the server must share this file system)."""
    records, _, _ = driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name = 'server.directories.import' RETURN value"
    )
    return Path(records[0]["value"])


def load_with_loadcsv(
    driver: neo4j.Driver, folder: Path, dataset: str, database: str, concurrent: int = 0
) -> tuple[float, dict[str, float]]:
    """Copy ``folder``'s CSVs into the import dir and LOAD CSV them; (seconds, per step).

    ``concurrent``: nodes in ``IN n CONCURRENT TRANSACTIONS`` (Cypher 5.21+) rather than
    one transaction after another; relationships stay sequential (concurrent relationship
    writes deadlock on hub nodes, and whether this form can retry them is not tried here).
    """
    subdir = f"{IMPORT_SUBDIR}-{uuid.uuid4().hex[:8]}"
    target = import_dir(driver) / subdir
    target.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.csv"):
        shutil.copyfile(path, target / path.name)
    params = {"dataset": dataset, "run": new_run_tag(), "defaults": _defaults()}
    steps: defaultdict[str, float] = defaultdict(float)
    try:
        started = time.perf_counter()
        with driver.session(database=database) as session:
            for name, file_name, statement in loadcsv_statements(target, concurrent):
                url = f"file:///{subdir}/{file_name}"
                mark = time.perf_counter()
                session.run(statement, {**params, "url": url}).consume()  # type: ignore[arg-type]
                steps[name] += time.perf_counter() - mark
        return time.perf_counter() - started, dict(steps)
    finally:
        shutil.rmtree(target, ignore_errors=True)


def counts(driver: neo4j.Driver, dataset: str, database: str) -> tuple[Counter[str], Counter[str]]:
    """Nodes per label and relationships per type of one dataset."""
    nodes: Counter[str] = Counter()
    for kind in NODE_KINDS:
        records, _, _ = driver.execute_query(
            f"MATCH (n:{quote(kind.label)}) WHERE n.dataset = $d AND n.id IS NOT NULL "
            "RETURN count(n) AS c",
            d=dataset,
            database_=database,
        )
        nodes[kind.label] = records[0]["c"]
    rels: Counter[str] = Counter()
    for space in dict.fromkeys(k.key_space for k in NODE_KINDS):
        records, _, _ = driver.execute_query(
            f"MATCH (a:{quote(space)})-[r]->() WHERE a.dataset = $d AND a.id IS NOT NULL "
            "RETURN type(r) AS t, count(r) AS c",
            d=dataset,
            database_=database,
        )
        for record in records:
            rels[record["t"]] += record["c"]
    return nodes, rels


def generate(out: Path, seed: int, scale: int, cameras: int) -> None:
    from interop.generate import write_city  # written by another engineer

    write_city(out, seed, scale, fmt="csv", lang="en", cameras=cameras)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _rate_line(label: str, seconds: list[float], elements: int) -> str:
    best, median = min(seconds), statistics.median(seconds)
    runs = ", ".join(f"{t:.1f}" for t in seconds)
    return (
        f"{label:<24s} best {best:7.1f} s  {elements / best:9,.0f} rows/s   "
        f"median {median:7.1f} s  {elements / median:9,.0f} rows/s   (runs: {runs} s)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=20, help="city scale (20: ~12,700 systems)")
    parser.add_argument("--cameras", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=5000, help="interop rows per batch")
    parser.add_argument(
        "--writers", type=int, default=DEFAULT_WRITERS, help="interop batches written at once"
    )
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of each method, alternating which goes first"
    )
    parser.add_argument(
        "--loadcsv-concurrent",
        type=int,
        default=0,
        metavar="N",
        help="also time LOAD CSV with its nodes IN N CONCURRENT TRANSACTIONS (not the target's)",
    )
    parser.add_argument("--uri", default=None, help="Neo4j URI (default NEO4J_URI)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep generated CSVs here")
    parser.add_argument("--keep", action="store_true", help="leave both datasets loaded")
    args = parser.parse_args(argv)

    from interop.loaders import load_inventory as read_inventory

    database = default_database()
    ours, theirs, concurrent = "bench", "bench-loadcsv", "bench-loadcsv-concurrent"
    interop_runs: list[float] = []
    loadcsv_runs: list[float] = []
    concurrent_runs: list[float] = []
    with tempfile.TemporaryDirectory(prefix="interop-bench-") as tmp:
        folder = args.workdir or Path(tmp) / "city"
        if not any(folder.glob("*.csv")):
            _say(f"generating scale {args.scale}, {args.cameras:,} cameras into {folder} …")
            mark = time.perf_counter()
            generate(folder, args.seed, args.scale, args.cameras)
            _say(f"  generated in {time.perf_counter() - mark:.1f} s")
        _say("interop: reading and validating …")
        mark = time.perf_counter()
        inventory = read_inventory(folder)
        read_seconds = time.perf_counter() - mark
        _say(f"  {read_seconds:.1f} s")
        with connect(args.uri) as driver:
            driver.verify_connectivity()

            def run_interop() -> None:
                clear_dataset(driver, ours, database=database)
                _say("interop load_inventory …")
                result = load_inventory(
                    driver,
                    inventory,
                    ours,
                    batch_size=args.batch_size,
                    database=database,
                    writers=args.writers,
                )
                interop_runs.append(result.seconds)
                again = f", {result.retried} batches written again" if result.retried else ""
                _say(f"  {result.seconds:.1f} s {_rounded(result.timings)}{again}")

            def run_loadcsv() -> None:
                clear_dataset(driver, theirs, database=database)
                _say("LOAD CSV …")
                seconds, steps = load_with_loadcsv(driver, folder, theirs, database)
                loadcsv_runs.append(seconds)
                _say(f"  {seconds:.1f} s {_rounded(steps)}")

            def run_concurrent() -> None:
                clear_dataset(driver, concurrent, database=database)
                n = args.loadcsv_concurrent
                _say(f"LOAD CSV, nodes IN {n} CONCURRENT TRANSACTIONS …")
                seconds, steps = load_with_loadcsv(driver, folder, concurrent, database, n)
                concurrent_runs.append(seconds)
                _say(f"  {seconds:.1f} s {_rounded(steps)}")

            for repetition in range(args.repeat):
                order = [run_interop, run_loadcsv]
                if args.loadcsv_concurrent:
                    order.append(run_concurrent)
                for step in order if repetition % 2 == 0 else reversed(order):
                    step()

            ours_counts = counts(driver, ours, database)
            theirs_counts = counts(driver, theirs, database)
            same = ours_counts == theirs_counts
            if args.loadcsv_concurrent:
                same = same and counts(driver, concurrent, database) == ours_counts
            if not args.keep:
                for name in (ours, theirs, concurrent):
                    clear_dataset(driver, name, database=database)

    nodes, rels = ours_counts
    elements = nodes.total() + rels.total()
    print(f"graph: {nodes.total():,} nodes {dict(nodes)}")
    print(f"       {rels.total():,} relationships {dict(rels)}")
    print(f"same nodes per label and relationships per type in every dataset: {same}")
    print(_rate_line("interop load_inventory", interop_runs, elements))
    print(_rate_line("LOAD CSV", loadcsv_runs, elements))
    if concurrent_runs:
        label = f"LOAD CSV {args.loadcsv_concurrent} concurrent"
        print(_rate_line(label, concurrent_runs, elements) + " (for information)")
    print(f"interop read+validate    {read_seconds:7.1f} s (interop.loaders.load_inventory, once)")
    best = min(loadcsv_runs) / min(interop_runs)
    median = statistics.median(loadcsv_runs) / statistics.median(interop_runs)
    end_to_end = min(loadcsv_runs) / (min(interop_runs) + read_seconds)
    print(
        f"ratio interop / LOAD CSV (rows/s): {best:.2f} best, {median:.2f} median; "
        f"{end_to_end:.2f} end to end (best, with reading and validating the CSV files)"
    )
    return 0 if same else 1


def _rounded(timings: dict[str, float]) -> dict[str, float]:
    return {name: round(seconds, 1) for name, seconds in timings.items()}


if __name__ == "__main__":
    raise SystemExit(main())
