# Two commands on a fresh machine: `make site` and `make test`.
# Each creates .venv if missing and installs the pinned dependencies first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
SITE_DIR := site
BUILD_DIR := .site-build

# Material prints a banner about MkDocs 2 on every build; we pin MkDocs 1.x on purpose.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint serve clean bench-linking

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: $(BIN)/python pyproject.toml requirements.lock
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-dev.lock
	$(PIP) install -r requirements-dev.lock
	touch $@

# Build into a scratch folder and swap it in only on success, so that a failed
# build leaves the previous site/ intact.
site: $(VENV)/.site-deps
	rm -rf $(BUILD_DIR)
	$(BIN)/mkdocs build --strict --site-dir $(BUILD_DIR)
	rm -rf $(SITE_DIR).old
	if [ -d $(SITE_DIR) ]; then mv $(SITE_DIR) $(SITE_DIR).old; fi
	mv $(BUILD_DIR) $(SITE_DIR)
	rm -rf $(SITE_DIR).old
	@echo "site built into $(SITE_DIR)/"

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# Entity linking with 10 vs 10,000 registry entries (a benchmark, never a timed test).
bench-linking: $(VENV)/.site-deps
	$(BIN)/python bench/linking.py

serve: $(VENV)/.site-deps
	$(BIN)/mkdocs serve

clean:
	rm -rf $(VENV) $(SITE_DIR) $(BUILD_DIR) build .pytest_cache .mypy_cache .ruff_cache .hypothesis
