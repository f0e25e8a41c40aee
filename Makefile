# Two commands: `make run` and `make test`. Both create .venv when missing and install only
# when pyproject.toml changed since the last install (the stamp files), so reruns are quick.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# PORT: empty means the port in .streamlit/config.toml (8501); `make run PORT=8600` overrides it
PORT   ?=

.PHONY: run test lint format bench schema clean mutate

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Shortlist needs Python 3.11 or newer; run e.g. 'make test PYTHON=python3.12'"; exit 2; }
	@$(PYTHON) -m venv $(VENV) || \
	  { rm -rf $(VENV); echo "Could not create $(VENV): on Debian, 'sudo apt-get install python3-venv'"; exit 2; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/streamlit run app.py $(if $(PORT),--server.port $(PORT)) --server.headless true --browser.gatherUsageStats false

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
/usr/bin/chromium:
	@echo "Installing Debian's chromium for the browser tests"
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium

test: $(VENV)/.installed-dev /usr/bin/chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.installed-dev
	$(BIN)/python -m benchmarks

schema: $(VENV)/.installed
	$(BIN)/python -m scoring schema -o schema

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis mutants

# Mutation testing of the engine (not part of `make test`): mutation/config.toml lists the
# modules, mutation/equivalent.toml the equivalent mutants. A subset: make mutate MODULES=scoring/rank.py
MODULES ?=
JOBS    ?= 2
FLAGS   ?=
mutate: $(VENV)/.installed-dev
	$(BIN)/python mutation/run.py --jobs $(JOBS) $(FLAGS) $(MODULES)
