# Two commands for a newcomer:  make run   and   make test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
GB     := $(BIN)/graphbuild
SAMPLES ?= data/samples

.PHONY: run test install install-dev neo4j-start neo4j-stop bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

# Ingest the bundled samples into Neo4j (the local server unless NEO4J_URI is set) and show what is there.
run: install
	@if [ -z "$$NEO4J_URI" ]; then $(GB) neo4j start; fi
	$(GB) ingest $(SAMPLES)
	@echo; $(GB) summary
	@echo; echo "Example report: who represents Rudersdal?"; $(GB) report run who-represents -p municipality Rudersdal

# The whole suite, integration tests included, against a real Neo4j (started by the tests themselves).
# pytest exits 5 when it collected no tests: that is a failure here too.
test: install-dev
	$(BIN)/python -m pytest -p no:cacheprovider -q -rfE; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

neo4j-start: install
	$(GB) neo4j start

neo4j-stop: install
	$(GB) neo4j stop

bench: install-dev
	$(BIN)/python benchmarks/run.py --docs $${DOCS:-200}

clean:
	rm -rf $(VENV) build *.egg-info
