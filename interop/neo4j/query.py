"""The specialists' query runner: read-only Cypher against the inventory in Neo4j.

``run_query`` refuses any query that is not a plain read of the graph, three times over:

1. it first runs ``EXPLAIN <query>`` (nothing is executed) and refuses unless the planner
   says the query only reads (``summary.query_type == "r"``); ``CREATE``, ``MERGE``,
   ``SET``, ``DELETE``, schema commands and write procedures (``apoc.create.*``) are
   ``"w"``, ``"rw"`` or ``"s"``;
2. the planner calls ``TERMINATE TRANSACTIONS`` and many procedures reads, so the plan
   must then pass an allow-list (:mod:`interop.neo4j.read_only`): read operators only,
   procedures and plugin functions only from short lists;
3. it then runs the query in a READ transaction of a session opened in READ access mode,
   so the server itself refuses a write hidden from both (say, inside a procedure).

Parameters are always sent as query parameters, never spliced into the text.
Formatters turn the rows into a rich table, CSV or JSON; :func:`plain` turns Neo4j values
(nodes, relationships, paths, points, temporal values) into JSON-friendly ones.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from neo4j import READ_ACCESS, Driver, ManagedTransaction
from neo4j.exceptions import ClientError, Neo4jError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import CartesianPoint, Point, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time

from interop.neo4j.read_only import not_a_read

Columns = list[str]
Rows = list[list[Any]]

READ_ONLY = "r"
FORMATS = ("table", "csv", "json")
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PRE_PARSER = re.compile(r"^\s*(EXPLAIN|PROFILE)\b", re.IGNORECASE)
_ACCESS_MODE_CODES = (
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.Security.Forbidden",  # a write inside a read-mode procedure
)


class QueryRefused(Exception):
    """The query was not run, or failed, and nothing was changed: its message says why.

    Raised as such for a query that writes; see :class:`QueryError` for the others.
    """


class QueryError(QueryRefused):
    """The query or a parameter is wrong (syntax, missing parameter…): one clear sentence."""


# -- parameters --------------------------------------------------------------------------


def parse_param(item: str) -> tuple[str, Any]:
    """One ``name=value`` item: the value as JSON when it parses, else the raw string.

    ``n=3`` is 3, ``ok=true`` is True, ``ids=["S01","S02"]`` a list, ``s="3"`` the string
    "3", ``name=市公安局`` the string itself. Raises QueryError on a missing ``=`` or a name
    that is not a Cypher parameter name.
    """
    name, sep, raw = item.partition("=")
    name = name.strip()
    if not sep or not _PARAM_NAME.match(name):
        raise QueryError(f"parameter {item!r} is not of the form name=value")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return name, value


def parse_params(items: Iterable[str]) -> dict[str, Any]:
    """Every ``name=value`` item as a parameter map (a later item wins over an earlier one)."""
    return dict(parse_param(item) for item in items)


# -- running -------------------------------------------------------------------------------


def _explained(text: str) -> str:
    """The query prefixed by EXPLAIN (replacing a PROFILE or EXPLAIN the user wrote)."""
    match = _PRE_PARSER.match(text)
    body = text[match.end() :] if match else text
    return f"EXPLAIN {body}"


def _explain(
    tx: ManagedTransaction, text: str, params: Mapping[str, Any]
) -> tuple[str, dict[str, Any] | None, list[str]]:
    """The query type and plan of ``EXPLAIN <text>``, and the server's plugin functions."""
    summary = tx.run(_explained(text), dict(params)).consume()
    plugins = tx.run("SHOW FUNCTIONS YIELD name, isBuiltIn WHERE NOT isBuiltIn RETURN name")
    return str(summary.query_type), summary.plan, [str(r["name"]) for r in plugins]


def _fetch(tx: ManagedTransaction, text: str, params: Mapping[str, Any]) -> tuple[Columns, Rows]:
    result = tx.run(text, dict(params))
    columns = list(result.keys())
    rows = [list(record.values()) for record in result]
    return columns, rows


def _refusal(query_type: str) -> str:
    return f"refused: this query writes (query type {query_type!r}); interop query only reads"


def _not_a_read(why: str) -> str:
    return (
        f"refused: this query writes or is not a plain read of the graph ({why}); "
        "interop query only reads (cypher/README.md lists what a read may use)"
    )


SERVER_REFUSAL = (
    "refused: this query writes (the server refused a write in a read transaction); "
    "interop query only reads"
)


def run_query(
    driver: Driver,
    text: str,
    params: Mapping[str, Any] | None = None,
    database: str | None = None,
) -> tuple[Columns, Rows]:
    """Run one read-only Cypher query; the column names and the rows (Neo4j values).

    Raises QueryRefused (nothing executed, nothing changed) when the query writes or is
    not a plain read (:mod:`interop.neo4j.read_only`), and QueryError for a query the
    server rejects (syntax, missing parameter…).
    """
    params = dict(params or {})
    if not text.strip():
        raise QueryError("the query is empty")
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        try:
            query_type, plan, plugins = session.execute_read(_explain, text, params)
            if query_type != READ_ONLY:
                raise QueryRefused(_refusal(query_type))
            why = not_a_read(plan, text, plugins)
            if why is not None:
                raise QueryRefused(_not_a_read(why))
            return session.execute_read(_fetch, text, params)
        except ClientError as error:
            if error.code in _ACCESS_MODE_CODES:
                raise QueryRefused(f"{SERVER_REFUSAL} ({error.message})") from error
            raise QueryError(f"the server rejected the query: {error.message}") from error
        except Neo4jError as error:
            raise QueryError(f"the query failed: {error.message}") from error


# -- values --------------------------------------------------------------------------------


def _point(point: Point) -> dict[str, Any]:
    if isinstance(point, WGS84Point):
        out: dict[str, Any] = {"crs": "wgs-84", "longitude": point.x, "latitude": point.y}
        if len(point) > 2:
            out["crs"], out["height"] = "wgs-84-3d", point.z
        return out
    if isinstance(point, CartesianPoint):
        names = ("x", "y", "z")[: len(point)]
        return {
            "crs": "cartesian" + ("-3d" if len(point) > 2 else ""),
            **dict(zip(names, point, strict=False)),
        }
    return {"srid": point.srid, "coordinates": list(point)}


def _node(node: Node) -> dict[str, Any]:
    return {
        "element_id": node.element_id,
        "labels": sorted(node.labels),
        "properties": plain(dict(node)),
    }


def _relationship(rel: Relationship) -> dict[str, Any]:
    return {
        "element_id": rel.element_id,
        "type": rel.type,
        "start": rel.start_node.element_id if rel.start_node is not None else None,
        "end": rel.end_node.element_id if rel.end_node is not None else None,
        "properties": plain(dict(rel)),
    }


def plain(value: Any) -> Any:
    """A Neo4j value as JSON-friendly data.

    Nodes are ``{element_id, labels, properties}``, relationships ``{element_id, type,
    start, end, properties}``, paths ``{nodes, relationships}``, points ``{crs, longitude,
    latitude}`` (or ``x``/``y``), dates and times ISO 8601 strings, durations ISO 8601
    durations; lists and maps recursively; non-finite floats as strings.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Node):
        return _node(value)
    if isinstance(value, Relationship):
        return _relationship(value)
    if isinstance(value, Path):
        return {
            "nodes": [_node(n) for n in value.nodes],
            "relationships": [_relationship(r) for r in value.relationships],
        }
    if isinstance(value, Point):
        return _point(value)
    if isinstance(value, Date | DateTime | Time):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value.iso_format())
    if isinstance(value, bytes | bytearray):
        return value.hex()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _cell(value: Any) -> str:
    """One value as a table or CSV cell: scalars as text, everything else as compact JSON."""
    data = plain(value)
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# -- formatters ------------------------------------------------------------------------------


def to_records(columns: Sequence[str], rows: Rows) -> list[dict[str, Any]]:
    """The rows as JSON-friendly maps, column name -> value."""
    return [{c: plain(v) for c, v in zip(columns, row, strict=True)} for row in rows]


def format_json(columns: Sequence[str], rows: Rows) -> str:
    """The rows as a JSON array of objects (UTF-8 text kept as is), ending in a newline."""
    return json.dumps(to_records(columns, rows), ensure_ascii=False, indent=2) + "\n"


def format_csv(columns: Sequence[str], rows: Rows) -> str:
    """The rows as CSV with a header row; complex values as compact JSON in their cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def format_table(columns: Sequence[str], rows: Rows, *, title: str | None = None) -> Any:
    """The rows as a :class:`rich.table.Table` (print it with a rich Console)."""
    from rich.table import Table

    table = Table(*columns, title=title, caption=f"{len(rows)} row(s)")
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    return table


def render(columns: Sequence[str], rows: Rows, fmt: str = "table", *, width: int = 160) -> str:
    """The rows as text in one of FORMATS (a table is rendered without colour)."""
    if fmt == "json":
        return format_json(columns, rows)
    if fmt == "csv":
        return format_csv(columns, rows)
    if fmt == "table":
        from rich.console import Console

        console = Console(file=io.StringIO(), width=width, color_system=None, record=True)
        console.print(format_table(columns, rows))
        return console.export_text()
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def format_result(result: tuple[Columns, Rows], fmt: str = "table") -> str:
    """What :func:`run_query` returned, as text in one of FORMATS."""
    columns, rows = result
    return render(columns, rows, fmt)
