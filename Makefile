# A fresh machine needs python3 >= 3.11, pip and make; `make setup` brings everything else.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Written after a complete install, so that an interrupted one is redone and a done one costs nothing.
STAMP := $(VENV)/.lexgraph-installed

# Packages come from the public registry only (uv's default index): no uv.toml, no index from the
# environment, and no local wheel folder that could hold something else under the same name.
export UV_NO_CONFIG := 1
unexport UV_INDEX UV_INDEX_URL UV_DEFAULT_INDEX UV_EXTRA_INDEX_URL UV_FIND_LINKS
# uv would download a Python build from outside the registries when 3.11 is missing: fail clearly instead.
export UV_PYTHON_DOWNLOADS := never
# uv from PATH, else the one `make setup` installs with pip (its module runs wherever pip put the binary).
UV = $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")

.PHONY: help setup system-packages neo4j neo4j-deps demo serve notebooks test lint lock bench schemathesis

help:
	@echo "make setup   create .venv (Python 3.11) from requirements.lock and install lexgraph into it"
	@echo "make demo    ingest examples/corpus into data/lexgraph.db, then serve it on http://127.0.0.1:8000"
	@echo "make system-packages   Debian's chromium, graphviz, wrk, OpenJDK 17 and Maven (needs root or sudo)"
	@echo "make neo4j   Neo4j 5.26 Community on bolt://127.0.0.1:\$${NEO4J_PORT:-7687}, data in data/neo4j (Ctrl-C stops it)"
	@echo "make neo4j-deps  resolve Neo4j's jars from Maven Central (into ~/.m2) and compile its launcher"
	@echo "make test    lint, then the test suite"
	@echo "make lint    ruff check, ruff format --check and mypy (strict on graph/ and api/)"
	@echo "make lock    regenerate requirements.lock from pyproject.toml"
	@echo "make serve   serve data/lexgraph.db on http://127.0.0.1:8000 (browse pages at /, API docs at /docs)"
	@echo "make notebooks  run the briefing notebooks; executed copies in data/notebooks/"
	@echo "make bench   run benchmarks/extract.py"
	@echo "make schemathesis  schemathesis's command line against a live server on the example graph"

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || { \
	  echo "installing uv with pip"; \
	  user=$$($(PYTHON) -c 'import sys; print("" if sys.prefix != sys.base_prefix else "--user")'); \
	  env -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= \
	    PIP_BREAK_SYSTEM_PACKAGES=1 $(PYTHON) -m pip install --quiet $$user uv; }
	@test -x $(BIN)/python || $(UV) venv $(VENV) --python 3.11
	$(UV) pip sync --python $(BIN)/python --require-hashes requirements.lock
	$(UV) pip install --python $(BIN)/python --no-deps -e .
	@touch $@

# A JDK, not only a runtime: Maven compiles the Neo4j launcher (neo4j/).
DEB_PACKAGES := chromium graphviz fonts-dejavu-core wrk openjdk-17-jdk-headless maven
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

system-packages:
	@missing=""; for c in chromium dot wrk java javac mvn; do command -v $$c >/dev/null 2>&1 || missing=1; done; \
	if [ -z "$$missing" ]; then echo "chromium, graphviz, wrk, java and mvn are installed"; else \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $(DEB_PACKAGES); fi

# Neo4j 5.26 Community without Docker, in the foreground (neo4j/run: the embedded engine with its Bolt connector,
# jars from Maven Central). NEO4J_PORT, NEO4J_HOME (data/neo4j), NEO4J_PASSWORD (lexgraph-dev), NEO4J_HEAP.
neo4j:
	@exec neo4j/run

# The jars in ~/.m2 and the launcher compiled, so that starting a server (and the test suite, which starts one)
# downloads nothing. .ci/run calls this before `make test`.
neo4j-deps:
	@command -v java >/dev/null 2>&1 || { echo "neo4j-deps: java is not installed; Neo4j 5.26 needs OpenJDK 17 or 21 (make system-packages)" >&2; exit 1; }
	@command -v mvn >/dev/null 2>&1 || { echo "neo4j-deps: mvn is not installed; Maven fetches Neo4j's jars (make system-packages)" >&2; exit 1; }
	mvn -q -B -f neo4j/pom.xml compile

demo: setup
	@mkdir -p data
	$(BIN)/lexgraph ingest examples/corpus --store sqlite:///data/lexgraph.db
	$(BIN)/lexgraph query implementers "Nghị quyết 06/NQ-CP" --store sqlite:///data/lexgraph.db
	@echo "browse http://127.0.0.1:8000/ (API docs: http://127.0.0.1:8000/docs); Ctrl-C stops the server"
	$(BIN)/lexgraph serve --store sqlite:///data/lexgraph.db

serve: setup
	$(BIN)/lexgraph serve --store sqlite:///data/lexgraph.db

# Run the briefing notebooks top to bottom; the executed copies, with their tables and figures, go to
# data/notebooks/ (the committed ones stay without outputs).
notebooks: setup
	@mkdir -p data/notebooks
	cp notebooks/*.ipynb data/notebooks/
	cd data/notebooks && PATH="$(CURDIR)/$(BIN):$$PATH" "$(CURDIR)/$(BIN)/jupyter-execute" --inplace *.ipynb
	@echo "executed notebooks: data/notebooks/"

# mypy: the default checks on ingest/, strict on graph/ and api/ ([tool.mypy] in pyproject.toml).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -n auto

lock:
	$(UV) pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

bench: setup
	$(BIN)/python benchmarks/extract.py

# schemathesis's command line against a live server on the example graph (tests/test_api_schema.py runs the same
# checks in the suite, in process). positive_data_acceptance is left out: a schema-valid upload can still be a
# file lexgraph cannot read (no suffix, not a PDF inside), which the API answers with 422 as it should.
schemathesis: setup
	@mkdir -p data
	$(BIN)/lexgraph ingest examples/corpus --store sqlite:///data/schemathesis.db
	@LEXGRAPH_API_KEYS=schemathesis-key $(BIN)/lexgraph serve --store sqlite:///data/schemathesis.db --port 8765 \
	  2> data/schemathesis-server.log & \
	  pid=$$!; trap "kill $$pid" EXIT; \
	  for i in $$(seq 60); do curl -sf http://127.0.0.1:8765/health >/dev/null && break; sleep 0.5; done; \
	  $(BIN)/schemathesis run http://127.0.0.1:8765/openapi.json --checks all \
	    --exclude-checks positive_data_acceptance --max-examples 50 \
	    --header "Authorization: Bearer schemathesis-key"
