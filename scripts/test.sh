#!/usr/bin/env bash
# Lint, then run every test. Without NEO4J_URI, the local Neo4j server is started for the
# run and stopped afterwards (only if this script started it).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

bash scripts/lint.sh
exec bash scripts/with-neo4j.sh $PY -m pytest -p no:cacheprovider tests notebooks --nbmake "$@"
