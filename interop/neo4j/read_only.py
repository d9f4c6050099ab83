"""What ``interop query`` accepts as a read: an allow-list, checked on the query's plan.

The planner's own verdict (``EXPLAIN`` query type ``"r"``) is not enough: it calls
``TERMINATE TRANSACTIONS``, ``SHOW SETTINGS`` and most procedure calls reads, and a
read-mode procedure or function may run any Cypher (``apoc.cypher.run``,
``apoc.cypher.runFirstColumnSingle('TERMINATE TRANSACTIONS …')``). So a query is a read
only when everything in it is on one of three lists:

- :data:`READ_OPERATORS`: every operator of its ``EXPLAIN`` plan is one that finds,
  traverses, filters, projects, aggregates, sorts or combines rows of the graph. Anything
  else — administration and ``SHOW``/``TERMINATE`` commands, ``LOAD CSV``,
  ``CALL { … } IN TRANSACTIONS``, ``FOREACH`` and every updating operator — is refused,
  including operators a later Neo4j adds;
- :data:`READ_PROCEDURES`: a ``ProcedureCall`` operator must call one of these
  (schema introspection and APOC's path expanders);
- functions: built-in functions are pure; of the others (plugins, found with
  ``SHOW FUNCTIONS``) only :data:`READ_FUNCTION_NAMESPACES` may be called.

The function check reads the names written as calls (``name.space.fn(``) in the query
text and in the plan's details, with strings and comments skipped and backquoted names
unquoted, so neither spacing, comments nor backquotes hide a call. ``cypher/README.md``
lists what a read may use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

READ_OPERATORS = frozenset(
    {
        # leaves: find nodes and relationships
        "AllNodesScan",
        "NodeByLabelScan",
        "UnionNodeByLabelsScan",
        "IntersectionNodeByLabelsScan",
        "SubtractionNodeByLabelsScan",
        "NodeByIdSeek",
        "NodeByElementIdSeek",
        "NodeIndexSeek",
        "NodeIndexSeekByRange",
        "NodeUniqueIndexSeek",
        "NodeUniqueIndexSeekByRange",
        "NodeIndexScan",
        "NodeIndexContainsScan",
        "NodeIndexEndsWithScan",
        "MultiNodeIndexSeek",
        "NodeCountFromCountStore",
        "RelationshipCountFromCountStore",
        "DirectedAllRelationshipsScan",
        "UndirectedAllRelationshipsScan",
        "DirectedRelationshipTypeScan",
        "UndirectedRelationshipTypeScan",
        "DirectedUnionRelationshipTypesScan",
        "UndirectedUnionRelationshipTypesScan",
        "DirectedRelationshipIndexSeek",
        "UndirectedRelationshipIndexSeek",
        "DirectedRelationshipIndexSeekByRange",
        "UndirectedRelationshipIndexSeekByRange",
        "DirectedRelationshipUniqueIndexSeek",
        "UndirectedRelationshipUniqueIndexSeek",
        "DirectedRelationshipUniqueIndexSeekByRange",
        "UndirectedRelationshipUniqueIndexSeekByRange",
        "DirectedRelationshipIndexScan",
        "UndirectedRelationshipIndexScan",
        "DirectedRelationshipIndexContainsScan",
        "UndirectedRelationshipIndexContainsScan",
        "DirectedRelationshipIndexEndsWithScan",
        "UndirectedRelationshipIndexEndsWithScan",
        "DirectedRelationshipByIdSeek",
        "UndirectedRelationshipByIdSeek",
        "DirectedRelationshipByElementIdSeek",
        "UndirectedRelationshipByElementIdSeek",
        "Argument",
        "ArgumentTracker",
        "EmptyRow",
        # traversals
        "Expand",
        "OptionalExpand",
        "VarLengthExpand",
        "ShortestPath",
        "StatefulShortestPath",
        "Repeat",
        "BidirectionalRepeat",
        "Trail",
        "ProjectEndpoints",
        "PathPropagatingBFS",
        "TriadicSelection",
        "TriadicBuild",
        "TriadicFilter",
        # rows
        "ProduceResults",
        "Projection",
        "Filter",
        "CacheProperties",
        "Unwind",
        "Aggregation",
        "EagerAggregation",
        "OrderedAggregation",
        "Distinct",
        "OrderedDistinct",
        "Sort",
        "PartialSort",
        "Top",
        "PartialTop",
        "Limit",
        "ExhaustiveLimit",
        "Skip",
        "EmptyResult",
        "Eager",
        "PreserveOrder",
        "NullifyMetadata",
        "Optional",
        "Anti",
        # combining rows and subqueries
        "Apply",
        "SemiApply",
        "AntiSemiApply",
        "LetSemiApply",
        "LetAntiSemiApply",
        "SelectOrSemiApply",
        "SelectOrAntiSemiApply",
        "LetSelectOrSemiApply",
        "LetSelectOrAntiSemiApply",
        "ConditionalApply",
        "AntiConditionalApply",
        "RollUpApply",
        "CartesianProduct",
        "NodeHashJoin",
        "NodeLeftOuterHashJoin",
        "NodeRightOuterHashJoin",
        "ValueHashJoin",
        "Union",
        "OrderedUnion",
    }
)
"""Plan operators of a plain read (names as ``EXPLAIN`` shows them, without ``(All)``…)."""

PROCEDURE_CALL = "ProcedureCall"

READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "apoc.path.expand",
        "apoc.path.expandConfig",
        "apoc.path.subgraphNodes",
        "apoc.path.subgraphAll",
        "apoc.path.spanningTree",
    }
)
"""The procedures a read may call: the graph's schema, and APOC's path expanders."""

READ_FUNCTION_NAMESPACES = ("apoc.coll.", "apoc.map.", "apoc.text.")
"""Plugin functions a read may call: APOC's pure list, map and text functions."""

_FOLDED_PROCEDURES = frozenset(name.casefold() for name in READ_PROCEDURES)
_IDENTIFIER = re.compile(r"[^\W\d]\w*")


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    """``("name", text)``, ``(".", ".")``, ``("(", "(")`` or ``("other", char)`` tokens.

    Strings (``'…'``, ``"…"``, backslash escapes) and comments (``//``, ``/* */``) are
    skipped; a backquoted name is a name (``````→`` ` ``); white space separates tokens.
    """
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif char in "'\"":
            i += 1
            while i < n and text[i] != char:
                i += 2 if text[i] == "\\" else 1
            i += 1
        elif char == "`":
            name: list[str] = []
            i += 1
            while i < n:
                if text[i] == "`":
                    if text.startswith("``", i):
                        name.append("`")
                        i += 2
                        continue
                    break
                name.append(text[i])
                i += 1
            i += 1
            yield "name", "".join(name)
        elif match := _IDENTIFIER.match(text, i):
            yield "name", match.group()
            i = match.end()
        else:
            yield (char, char) if char in ".(" else ("other", char)
            i += 1


def called_names(text: str) -> set[str]:
    """Every name written as a call (``apoc.cypher.run(``, ``count(``), casefolded."""
    names: set[str] = set()
    parts: list[str] = []
    expect_name = True
    for kind, value in _tokens(text):
        if kind == "name" and expect_name:
            parts.append(value)
            expect_name = False
        elif kind == "." and not expect_name and parts:
            expect_name = True
        elif kind == "(" and not expect_name and parts:
            names.add(".".join(parts).casefold())
            parts, expect_name = [], True
        else:
            parts, expect_name = ([value], False) if kind == "name" else ([], True)
    return names


def _operators(plan: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    yield plan
    for child in plan.get("children") or ():
        yield from _operators(child)


def operator_name(plan: Mapping[str, Any]) -> str:
    """``Expand(All)@neo4j`` → ``Expand``."""
    return str(plan.get("operatorType", "")).split("@", 1)[0].split("(", 1)[0]


def _details(plan: Mapping[str, Any]) -> str:
    return str((plan.get("args") or {}).get("Details") or "")


def _procedure(details: str) -> str:
    """``db.labels() :: (label :: STRING)`` → ``db.labels``."""
    return details.split("(", 1)[0].strip().replace("`", "")


def not_a_read(
    plan: Mapping[str, Any] | None, text: str, plugin_functions: Iterable[str]
) -> str | None:
    """Why the query whose ``EXPLAIN`` plan is ``plan`` is not a plain read, or None.

    ``plugin_functions`` are the server's functions that are not built in (any case).
    """
    if not plan:
        return "the server gave no plan to check"
    details = []
    for operator in _operators(plan):
        name = operator_name(operator)
        details.append(_details(operator))
        if name == PROCEDURE_CALL:
            procedure = _procedure(_details(operator))
            if procedure.casefold() not in _FOLDED_PROCEDURES:
                return f"it calls the procedure {procedure or '?'}, not a read procedure"
        elif name not in READ_OPERATORS:
            return f"it runs {name or '?'}, not a read operation"
    plugins = {name.casefold() for name in plugin_functions}
    called = called_names(text).union(*(called_names(d) for d in details))
    for name in sorted(called & plugins):
        if not name.startswith(READ_FUNCTION_NAMESPACES):
            return f"it calls the function {name}, not a read function"
    return None
