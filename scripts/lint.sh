#!/usr/bin/env bash
# Lint: ruff (rules and formatting) and mypy (types; configured in pyproject.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

$PY -m ruff check .
$PY -m ruff format --check .
$PY -m mypy
