# Two commands on a fresh machine: `make start` (install, ingest the seeds, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser compose-client neo4j-launcher start test test-neo4j test-fast lint typecheck clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	# PyTorch pinned, first. There is no CPU wheel on local disk (pip's find-links, /opt/wheels, is empty) and
	# PyPI serves Linux torch only as the CUDA build: this brings 15 nvidia-* wheels and triton, 4.6 GB installed
	# (torch 1.2, nvidia 2.7, triton 0.7). PyTorch's own CPU index is not reachable from these machines.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,train,cluster]'
	touch $(STAMP)

install: $(STAMP)

# `make start PORT=8001` for a second server; the port is checked before the seeds are ingested.
PORT ?= 8000

start: install
	$(BIN)/claimgraph serve --host 127.0.0.1 --port $(PORT) --check-port
	$(BIN)/claimgraph ingest seeds/
	$(BIN)/claimgraph stats
	@echo "claimgraph: serving the API and the page on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	$(BIN)/claimgraph serve --host 127.0.0.1 --port $(PORT)

# Debian's Chromium for the page tests (nothing downloads a browser); without root they are skipped with a reason.
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		chromium fonts-noto-core >/dev/null) || echo "claimgraph: chromium not installed; browser tests will be skipped"

# A Compose client to check docker-compose.yml (no engine needed to parse it): Debian's docker-compose when the
# docker CLI has no compose plugin; without root the check is skipped with a reason.
compose-client:
	@docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null) || \
		echo "claimgraph: no Compose client; the docker-compose.yml check will be skipped"

# The Neo4j 5.26 launcher the Neo4j tests start (tests/neo4j): Maven from the local repository when it holds
# everything (~/.m2, 170 MB once filled), else from Maven Central. Needs Java 17 and Maven.
NEO4J_LAUNCHER := tests/neo4j/target/classes/claimgraph/Neo4jLauncher.class
$(NEO4J_LAUNCHER): tests/neo4j/pom.xml $(wildcard tests/neo4j/src/main/java/claimgraph/*.java)
	cd tests/neo4j && (mvn -B -q -o compile >/dev/null 2>&1 || mvn -B -q compile)
	touch $@

neo4j-launcher: $(NEO4J_LAUNCHER)

# Every test, on both engines: a missing Neo4j is a failure here, not a skip.
test: install lint typecheck browser compose-client neo4j-launcher
	CLAIMGRAPH_REQUIRE_NEO4J=1 $(BIN)/python -m pytest

test-neo4j: install neo4j-launcher
	CLAIMGRAPH_REQUIRE_NEO4J=1 $(BIN)/python -m pytest -m neo4j

# The unit tier: no Stanza, no engine, no child process (tests/unit/conftest.py refuses them); seconds.
test-fast: install
	$(BIN)/python -m pytest tests/unit -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

TYPECHECK := .cache/typecheck
typecheck: install
	rm -rf $(TYPECHECK) && mkdir -p $(TYPECHECK)/claimgraph
	ln -s $(CURDIR)/claimgraph/*.py $(TYPECHECK)/claimgraph/
	for part in extract graph api ontology models; do ln -s $(CURDIR)/$$part $(TYPECHECK)/claimgraph/$$part; done
	cd $(TYPECHECK) && $(CURDIR)/$(BIN)/python -m mypy --config-file $(CURDIR)/pyproject.toml -p claimgraph

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
