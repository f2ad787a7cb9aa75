# Two commands on a fresh machine: `make site` and `make test`.
# Each creates .venv if missing and installs the pinned dependencies first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
SITE_DIR := site

# Material prints a banner about MkDocs 2 on every build; we pin MkDocs 1.x on purpose.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint serve clean bench bench-linking

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: $(BIN)/python pyproject.toml requirements.lock
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-dev.lock
	$(PIP) install -r requirements-dev.lock
	touch $@

# Builds strictly into a scratch folder and swaps it in only on success (a failed build
# leaves the previous site/ intact), with the build date pinned for reproducible output.
site: $(VENV)/.site-deps
	$(BIN)/python -m generator build --site-dir $(SITE_DIR)

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

test: lint
	tests/browser/ensure-chromium
	$(BIN)/pytest

# The full site against plain MkDocs + Material for N = 1,000 and 2,000 synthetic articles
# (BENCH_N=10000 adds 10,000), then the analysis of one paragraph of 0.25 to 4 MB (four kinds
# of text: the sample's sentences, names, quotes, one long word); writes
# bench/results.json and bench/paragraph.json. A benchmark, never a timed test.
bench: $(VENV)/.site-deps
	$(BIN)/python bench/site.py
	$(BIN)/python bench/paragraph.py

# Entity linking with 10 vs 10,000 registry entries (a benchmark, never a timed test).
bench-linking: $(VENV)/.site-deps
	$(BIN)/python bench/linking.py

serve: $(VENV)/.site-deps
	$(BIN)/mkdocs serve

clean:
	rm -rf $(VENV) $(SITE_DIR) build .pytest_cache .mypy_cache .ruff_cache .hypothesis
