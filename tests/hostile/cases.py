"""The hostile inputs of issue 10, as data a test (or another validator) can iterate over.

Each hole has its list. Inventory cases are small tables (``name -> rows``) that a test
writes as CSV or xlsx in a temporary folder; ``expect`` says what the contract makes of
them. Keep them small: the columnar validator reuses them to show it agrees with the
row validator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from interop.inventory.raw import UnstoredFormula

# -- hole 1: what the query runner must refuse, and reads it must still run -------------

NOT_READS: list[tuple[str, str]] = [
    # (query, what the refusal names)
    ("SHOW TRANSACTIONS", "ShowTransactions"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-999999999'", "TerminateTransactions"),
    (
        "SHOW TRANSACTIONS YIELD transactionId AS t, currentQuery AS q "
        "WHERE q STARTS WITH 'UNWIND' TERMINATE TRANSACTIONS t YIELD message RETURN message",
        "ShowTransactions",
    ),
    ("SHOW SETTINGS", "ShowSettings"),
    ("SHOW PROCEDURES", "ShowProcedures"),
    ("SHOW INDEXES", "ShowIndexes"),
    ("CALL db.stats.clear('QUERIES')", "db.stats.clear"),
    ("CALL db.stats.collect('QUERIES')", "db.stats.collect"),
    ("CALL db.clearQueryCaches()", "query type 's'"),  # the planner's own verdict
    ("CALL dbms.listConfig()", "query type 's'"),
    ("CALL db.ping", "db.ping"),
    ("CALL apoc.cypher.run('RETURN 1 AS one', {}) YIELD value RETURN value", "apoc.cypher.run"),
    (
        "RETURN apoc.cypher.runFirstColumnSingle('RETURN 1', {}) AS x",
        "apoc.cypher.runfirstcolumnsingle",
    ),
    (
        "RETURN apoc.cypher.runFirstColumnSingle("
        "'TERMINATE TRANSACTIONS \"neo4j-transaction-999999999\"', {}) AS x",
        "apoc.cypher.runfirstcolumnsingle",
    ),
    ("RETURN `apoc`.`cypher`.runFirstColumnSingle('RETURN 1', {}) AS x", "apoc.cypher"),
    (
        "RETURN apoc /* hidden */ . cypher . runFirstColumnSingle ('RETURN 1', {}) AS x",
        "apoc.cypher",
    ),
    ("LOAD CSV FROM 'file:///nothing.csv' AS row RETURN row", "LoadCSV"),
    (
        "CALL () { MATCH (n:System) RETURN n } IN TRANSACTIONS RETURN count(n) AS c",
        "TransactionApply",
    ),
]

READS: list[str] = [
    "MATCH (s:System) WHERE s.dataset = $dataset RETURN s.id ORDER BY s.id LIMIT 3",
    "OPTIONAL MATCH (s:System {dataset: $dataset})-[:FLOWS_TO]->(t) "
    "RETURN s.id, count(t) AS n ORDER BY n DESC SKIP 1",
    "MATCH (s:System {dataset: $dataset}) WHERE EXISTS { (s)-[:FLOWS_TO]->() } "
    "RETURN COUNT { (s)--() } AS degree, COLLECT { MATCH (s)-->(x) RETURN x.id } AS ids",
    "MATCH p = shortestPath((a:System {dataset: $dataset})-[*..4]-(b:System)) "
    "WHERE a.id < b.id RETURN length(p) LIMIT 1",
    "UNWIND [1, 2] AS x RETURN x UNION RETURN 3 AS x",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.relationshipTypes",
    "RETURN apoc.coll.sum([1, 2]) AS s, apoc.text.join(['a', 'b'], '-') AS t",
    "MATCH (c:Camera {dataset: $dataset}) "
    "RETURN point.distance(c.location, point({latitude: 30.5, longitude: 114.3})) AS m",
    "RETURN 'apoc.cypher.run(' AS text // apoc.cypher.run( in a comment",
]


# -- cell cases: one cell of inventories.BASE changed, and what the contract makes of it -----


@dataclass(frozen=True)
class CellCase:
    """Set ``BASE[table][row][column] = value``; the row is then ``outcome``:

    - ``"loaded"``: loaded, its field equal to ``loaded``, no warning on the column;
    - ``"warned"``: loaded (field ``loaded``) with one warning on the column whose reason
      contains ``reason``, naming the file and row;
    - ``"rejected"``: rejected on ``column`` with a reason containing ``reason``.

    ``formats`` are the containers the case is written in (a typed value such as a
    ``datetime`` exists only in a workbook).
    """

    hole: int
    table: str
    row: int
    column: str
    value: Any
    outcome: str
    reason: str = ""
    loaded: Any = None
    formats: tuple[str, ...] = ("csv", "xlsx")

    @property
    def id(self) -> str:
        return f"hole{self.hole}-{self.table}.{self.column}={self.value!r}"


CELL_CASES: list[CellCase] = [
    # hole 8: money above 10^8 万元 is implausible, in every money column
    CellCase(8, "systems", 0, "build_cost", "1.7e308", "rejected", "implausible amount"),
    CellCase(8, "systems", 0, "build_cost", 1.7e308, "rejected", "implausible", formats=("xlsx",)),
    CellCase(8, "systems", 0, "annual_om_cost", "100000000.5", "rejected", "implausible"),
    CellCase(8, "cameras", 0, "cost", "1e9", "rejected", "implausible amount"),
    CellCase(8, "systems", 0, "build_cost", "100000000", "loaded", loaded=1e8),
    CellCase(8, "systems", 0, "build_cost", "1,000", "loaded", loaded=1000.0),
    # hole 10: invisible format characters trimmed from both ends of ids and references
    CellCase(10, "systems", 0, "id", "\ufeffS01", "warned", "U+FEFF", loaded="S01"),
    CellCase(10, "systems", 0, "id", "S01\u200b", "warned", "U+200B", loaded="S01"),
    CellCase(10, "systems", 0, "id", " \u200e S01 \u200b", "warned", "U+200B, U+200E", "S01"),
    CellCase(10, "departments", 0, "id", "\u2060D1", "warned", "U+2060", loaded="D1"),
    CellCase(10, "flows", 0, "source_id", "\u200bS01", "warned", "U+200B", loaded="S01"),
    CellCase(10, "systems", 0, "owner_id", "D1\ufeff", "warned", "U+FEFF", loaded="D1"),
    CellCase(10, "systems", 1, "user_ids", "D1、\u200bD2", "warned", "U+200B", ["D1", "D2"]),
    CellCase(10, "cameras", 0, "id", "C1\u200d", "warned", "U+200D", loaded="C1"),
    CellCase(10, "systems", 0, "id", "\u200b", "rejected", "required value missing"),
    CellCase(10, "systems", 0, "name", "\u200b视频监控系统", "loaded", loaded="\u200b视频监控系统"),
    # hole 12: a date with a time of day: the day is kept, the time dropped with a warning
    CellCase(12, "systems", 0, "go_live", "2020-01-02 13:45", "warned", "13:45", date(2020, 1, 2)),
    CellCase(
        12,
        "systems",
        0,
        "go_live",
        datetime(2020, 1, 2, 13, 45),
        "warned",
        "13:45",
        date(2020, 1, 2),
        formats=("xlsx",),
    ),
    CellCase(
        12, "systems", 0, "go_live", "2020/01/02 13:45:10", "warned", "13:45:10", date(2020, 1, 2)
    ),
    CellCase(
        12, "cameras", 0, "install_date", "2020-01-02T08:00", "warned", "08:00", date(2020, 1, 2)
    ),
    CellCase(12, "systems", 0, "go_live", "2020-01-02 00:00", "loaded", loaded=date(2020, 1, 2)),
    CellCase(
        12,
        "systems",
        0,
        "go_live",
        datetime(2020, 1, 2),
        "loaded",
        loaded=date(2020, 1, 2),
        formats=("xlsx",),
    ),
    CellCase(12, "systems", 0, "go_live", "2020-01-02 25:00", "rejected", "time of day"),
]


# -- holes 2, 4, 6: CSV files as bytes -------------------------------------------------------


def _systems_lines() -> list[str]:
    return [
        "id,name,owner_id,function\n",
        "S01,视频监控系统,D1,视频监控\n",
        "S02,医院信息系统,D2,医院信息系统(HIS)\n",
        "S03,协同办公系统,D1,协同办公(OA)\n",
    ]


def mixed(encodings: list[str]) -> bytes:
    """systems.csv with each line in its own encoding."""
    return b"".join(line.encode(e) for line, e in zip(_systems_lines(), encodings, strict=True))


SYSTEMS_BYTES: list[tuple[str, bytes, str | None]] = [
    # (case, the bytes of systems.csv, the error it gives — None: it loads)
    ("gbk file, line 3 utf-8", mixed(["gbk", "gbk", "utf-8", "gbk"]),
     r"systems\.csv: line 3 is UTF-8 while the rest of the file is GBK"),
    ("utf-8 file, line 3 gbk", mixed(["utf-8", "utf-8", "gbk", "utf-8"]),
     r"systems\.csv: line 3 is not UTF-8 \(GBK\?\) while the rest of the file is UTF-8"),
    ("utf-8 file with BOM, line 4 gbk", b"\xef\xbb\xbf" + mixed(["utf-8", "utf-8", "utf-8", "gbk"]),
     r"systems\.csv: line 4 is not UTF-8"),
    ("utf-8 file, a NUL in line 3",
     mixed(["utf-8"] * 4).replace("医院".encode(), "医\x00院".encode()),
     r"systems\.csv: line 3 holds a NUL byte"),
    ("gbk file, a NUL in line 2",
     mixed(["gbk"] * 4).replace("视频".encode("gbk"), "视\x00频".encode("gbk")),
     r"systems\.csv: line 2 holds a NUL byte"),
    ("gbk file whose short lines are valid utf-8 by chance",
     "id,name,owner_id\nS01,一,D1\nS02,\"一\n二\",D2\n".encode("gbk"), None),
    ("gbk file", mixed(["gbk"] * 4), None),
    ("utf-8 file with BOM", b"\xef\xbb\xbf" + mixed(["utf-8"] * 4), None),
]  # fmt: skip

LONG_CELL = 200_000
"""Characters in one cell: more than the csv module's default limit of 131,072."""


# -- holes 3 and 11 at the RawTable seam (what every loader hands to validation) ----------


@dataclass(frozen=True)
class RawCase:
    """:data:`BASE` as RawTables, one table replaced by ``headers`` and ``rows`` (cells keyed
    by header; ``merged`` as :attr:`RawTable.merged`), validated. Either ``error`` (a regex
    of the InventoryError) or the outcome: ``counts`` ``{table: (read, loaded, rejected)}``,
    and ``rejected`` / ``warnings`` as ``(table, row, column, part of the reason)``."""

    name: str
    table: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, Any]], ...]
    error: str | None = None
    counts: dict[str, tuple[int, int, int]] | None = None
    rejected: tuple[tuple[str, int, str, str], ...] = ()
    warnings: tuple[tuple[str, int, str, str], ...] = ()
    merged: dict[tuple[int, str], str] | None = None


_SYSTEM_HEADERS = ("id", "name", "owner_id", "function")
_S01 = {"id": "S01", "name": "视频监控系统", "owner_id": "D1", "function": "视频监控"}
_S02 = {"id": "S02", "name": "医院信息系统", "owner_id": "D2", "function": "HIS"}

RAW_CASES: list[RawCase] = [
    RawCase(
        "formula in a required cell", "systems", _SYSTEM_HEADERS,
        ((2, _S01), (3, {**_S02, "name": UnstoredFormula('=CONCAT("医院", "系统")')})),
        counts={"systems": (2, 1, 1)},
        rejected=(("systems", 3, "name", "formula with no stored result"),
                  ("flows", 2, "target_id", "unknown system")),
    ),
    RawCase(
        "formula in an optional cell", "systems", _SYSTEM_HEADERS,
        ((2, {**_S01, "function": UnstoredFormula("=D9")}), (3, _S02)),
        counts={"systems": (2, 2, 0)},
        warnings=(("systems", 2, "function", "formula with no stored result, read as empty"),),
    ),
    RawCase(
        "a row of formulas only", "systems", _SYSTEM_HEADERS,
        ((2, _S01), (3, _S02),
         (4, {h: UnstoredFormula(f"=A{i}") for i, h in enumerate(_SYSTEM_HEADERS)})),
        counts={"systems": (3, 2, 1)},
        rejected=(("systems", 4, "id", "formula with no stored result"),),
    ),
    RawCase(
        "a merge emptied a required cell", "systems", _SYSTEM_HEADERS,
        ((2, _S01), (3, {**_S02, "owner_id": None})),
        counts={"systems": (2, 1, 1)},
        rejected=(("systems", 3, "owner_id", "merged cells C2:C3"),
                  ("flows", 2, "target_id", "unknown system")),
        merged={(3, "owner_id"): "C2:C3"},
    ),
    RawCase(
        "a second BOM on the first header", "systems", ("\ufeffid", *_SYSTEM_HEADERS[1:]),
        tuple((n, {("\ufeffid" if k == "id" else k): v for k, v in row.items()})
              for n, row in ((2, _S01), (3, _S02))),
        counts={"systems": (2, 2, 0)},
        warnings=(("systems", 1, "id", "U+FEFF"),),
    ),
    RawCase(
        "a title row above the header", "systems", ("某市信息系统清单",),
        ((2, {"某市信息系统清单": "id"}), (3, {"某市信息系统清单": "S01"})),
        error=r"no header row of the table systems .*headers found: '某市信息系统清单'",
    ),
    RawCase(
        "an empty departments table", "departments", (), (),
        error=r"no header row of the table departments .*headers found: none",
    ),
    RawCase(
        "an optional table with a wrong header", "cameras", ("点位", "说明"),
        ((2, {"点位": "C1", "说明": "x"}),),
        error=r"no header row of the table cameras \(视频监控\).*'点位', '说明'",
    ),
]  # fmt: skip
