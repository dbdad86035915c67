# Two commands for a newcomer:  make run   and   make test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
GB     := $(BIN)/graphbuild
SAMPLES ?= data/samples
# Bolt port of the local Neo4j: `make run PORT=7688`. Remembered ($GRAPHBUILD_HOME/neo4j/port), so later
# runs and every graphbuild command use it without PORT; with no PORT ever given, 7687 (or the next free
# port when another program holds 7687).
PORT ?=
START := $(GB) neo4j start$(if $(PORT), --bolt-port $(PORT))

.PHONY: run test install install-dev neo4j-start neo4j-stop bench clean browser serve

# Installing happens once, and again only when pyproject.toml changes: a stamp file in the venv
# remembers the last install (`make clean` or deleting the venv starts over).
STAMP     := $(VENV)/.installed
STAMP_DEV := $(VENV)/.installed-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

# The dev extras include everything `install` needs: a newer dev install counts.
$(STAMP): pyproject.toml | $(BIN)/python
	@if [ -f $(STAMP_DEV) ] && [ $(STAMP_DEV) -nt pyproject.toml ]; then :; \
	else echo "$(BIN)/pip install --quiet -e ."; $(BIN)/pip install --quiet -e . || exit 1; fi
	@touch $@

install: $(STAMP)

install-dev: $(STAMP_DEV)

# Ingest the bundled samples into Neo4j (the local server unless NEO4J_URI is set) and show what is there.
run: install
	@if [ -z "$$NEO4J_URI" ]; then $(START); fi
	$(GB) ingest $(SAMPLES)
	@echo; $(GB) summary
	@echo; echo "Example report: who represents Rudersdal?"; $(GB) report run who-represents -p municipality Rudersdal

# The whole suite, integration tests included, against a real Neo4j (started by the tests themselves),
# and the web pages in a real browser (Chromium, installed by `make browser` when missing).
# pytest exits 5 when it collected no tests: that is a failure here too.
test: install-dev browser
	$(BIN)/python -m pytest -p no:cacheprovider -q -rfE; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

# The browser the web pages' tests drive (tests/integration/test_web_browser.py): Debian's Chromium, installed
# once with apt-get (as root, else through sudo); nothing is done when it is there already.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then echo "chromium: $$(/usr/bin/chromium --version 2>/dev/null || echo present)"; \
	else SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-driver; fi

# The read-only web pages on http://127.0.0.1:8000/ (the local Neo4j unless NEO4J_URI is set).
serve: install
	$(BIN)/pip install --quiet -e ".[web]"
	$(GB) serve

neo4j-start: install
	$(START)

neo4j-stop: install
	$(GB) neo4j stop

bench: install-dev
	$(BIN)/python benchmarks/run.py --docs $${DOCS:-200}

clean:
	rm -rf $(VENV) build *.egg-info
