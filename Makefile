# interop — the two commands of the Quick start are `make demo` and `make test`.
# Everything they need is installed here, from the package registries, on a fresh machine.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
INTEROP := $(VENV)/bin/interop
DEMO   ?= out/demo
SEED   ?= 2020

.PHONY: help venv demo demo-rounds test lint format docs bench clean neo4j-up neo4j-down browser office

help:
	@echo "make demo        generate the sample city and analyze it (embedded engine) -> $(DEMO)/"
	@echo "make demo-rounds the same city a year on, compared with the demo -> $(DEMO)/round2/"
	@echo "make test        lint, then every test: unit, loaders, rules, Neo4j (local server), browser, notebooks"
	@echo "make lint        ruff (rules, formatting) and mypy"
	@echo "make docs        regenerate every generated file (docs/*.md, cypher/schema.cypher, cypher/browser/rules.html)"
	@echo "make bench       benchmarks (cameras, analyze end to end on generated cities, collecting questionnaires, Neo4j load)"
	@echo "make neo4j-up    start the local Neo4j 5.26 server and Neo4j Browser (jars from Maven Central)"
	@echo "make neo4j-down  stop it"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,fast]"
	touch $@

venv: $(VENV)/.installed

demo: venv
	$(INTEROP) generate $(DEMO)/inventory --seed $(SEED)
	$(INTEROP) analyze $(DEMO)/inventory --out $(DEMO) --as-of 2020-12-31
	@echo
	@echo "Open $(abspath $(DEMO))/report.html and $(abspath $(DEMO))/graph.html in a browser;"
	@echo "findings.json, findings.xlsx and findings.csv are beside them."

demo-rounds: demo
	$(INTEROP) generate $(DEMO)/round2/inventory --seed $(SEED) --round 2
	$(INTEROP) analyze $(DEMO)/round2/inventory --out $(DEMO)/round2 --as-of 2021-12-31 \
		--baseline $(DEMO)/findings.json --accepted $(DEMO)/round2/inventory-accepted-risks.csv
	@echo
	@echo "Open $(abspath $(DEMO))/round2/report.html: the rectification section (整改情况) compares"
	@echo "it with the first round; accepted risks are counted apart; the department scorecard"
	@echo "ranks the units that hold most of what remains."

browser:
	bash scripts/setup-browser.sh

office:
	sh scripts/setup-libreoffice.sh

test: venv browser office
	PY=$(PY) bash scripts/test.sh

lint: venv
	PY=$(PY) bash scripts/lint.sh

format: venv
	$(VENV)/bin/ruff format .

docs: venv
	$(PY) -m interop.docs

bench: venv
	$(PY) bench/cameras.py
	$(PY) bench/analyze.py
	$(PY) bench/collect.py
	$(PY) bench/rounds.py
	bash scripts/with-neo4j.sh $(PY) bench/load.py

clean:
	rm -rf out build dist .pytest_cache .ruff_cache .mypy_cache

-include mk/neo4j.mk
