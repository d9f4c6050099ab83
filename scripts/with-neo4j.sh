#!/usr/bin/env bash
# Run a command with a Neo4j server: NEO4J_URI if set, else the local server, started here
# and stopped when the command ends (left running if it was already running).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

if [ -z "${NEO4J_URI:-}" ]; then
  started=0
  if ! $PY -m interop.neo4j.local status >/dev/null 2>&1; then
    $PY -m interop.neo4j.local up
    started=1
  fi
  export NEO4J_URI=bolt://127.0.0.1:${INTEROP_NEO4J_PORT:-7687}
  if [ "$started" = 1 ]; then
    trap '$PY -m interop.neo4j.local down' EXIT
  fi
fi
"$@"
