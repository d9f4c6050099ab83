# Local Neo4j 5.26 Community server and Neo4j Browser from Maven Central jars
# (interop/neo4j/local). Included by the main Makefile. Settings: INTEROP_NEO4J_HOME,
# INTEROP_NEO4J_PORT, INTEROP_NEO4J_HTTP_PORT, INTEROP_NEO4J_TIMEOUT, INTEROP_NEO4J_PASSWORD,
# INTEROP_CACHE (see interop/neo4j/local/server.py, jars.py).

PY ?= .venv/bin/python

.PHONY: neo4j-up neo4j-down neo4j-status neo4j-logs

# Each target installs the venv first (the `venv` target of the main Makefile), so they work
# from a bare clone.
neo4j-up: venv
	$(PY) -m interop.neo4j.local up

neo4j-down: venv
	$(PY) -m interop.neo4j.local down

neo4j-status: venv
	$(PY) -m interop.neo4j.local status

neo4j-logs: venv
	$(PY) -m interop.neo4j.local logs
