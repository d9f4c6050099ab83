"""The hostile inputs of issue 10, as data a test (or another validator) can iterate over.

Each hole has its list. Inventory cases are small tables (``name -> rows``) that a test
writes as CSV or xlsx in a temporary folder; ``expect`` says what the contract makes of
them. Keep them small: the columnar validator reuses them to show it agrees with the
row validator.
"""

from __future__ import annotations

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
