# Two commands for a fresh clone: `make run` starts the whole app, `make test` runs every suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test

.PHONY: install run test lint format clean bench bench-export

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(APP_STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## install: the Python package and its dependencies (quick when nothing changed)
install: $(APP_STAMP)

## run: everything for local use at http://127.0.0.1:5000
run: install
	$(BIN)/parking run

## test: lint, then every test suite (SQLite, and PostgreSQL when one answers)
test: $(TEST_STAMP) lint
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

## bench: API throughput as ratios against a same-run baseline (not part of `make test`)
bench: $(TEST_STAMP)
	$(BIN)/python bench/api_bench.py

## bench-export: the worker's peak memory for a 100,000-row CSV export vs a 1,000-row one
bench-export: $(TEST_STAMP)
	$(BIN)/python bench/export_memory.py $(BENCH_ARGS)
