# The few commands a newcomer needs. Everything runs from .venv, which `make venv` creates and keeps in
# step with pyproject.toml.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful install; older than pyproject.toml means the install is out of date. Running the
# product needs only Casework and its devdata extra (the demo); tests, lint and bench need the dev extra as well.
RUN_STAMP := $(VENV)/.casework-run-installed
STAMP := $(VENV)/.casework-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: venv run-venv run test lint fmt bench

venv: $(STAMP)
run-venv: $(RUN_STAMP)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Casework needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --disable-pip-version-check -e '.[dev]'
	touch $(STAMP) $(RUN_STAMP)

# The dev install already holds everything running needs.
$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	@if [ $(STAMP) -nt pyproject.toml ]; then touch $(RUN_STAMP); else \
		$(BIN)/pip install --disable-pip-version-check -e '.[devdata]' && touch $(RUN_STAMP); fi

# Migrate the database (SQLite under var/ unless CASEWORK_DATABASE_URL says otherwise), load the demo data
# (idempotent), print the admin login and serve on http://$(HOST):$(PORT).
# Debug is off by default (production-safe); `make run` is the development server, so it turns debug on.
run: export CASEWORK_DEBUG ?= 1
run: run-venv
	mkdir -p "$${CASEWORK_VAR_DIR:-var}"
	$(BIN)/casework migrate --noinput
	$(BIN)/casework collectstatic --noinput
	CASEWORK_PUBLIC_URL=http://$(HOST):$(PORT)/ $(BIN)/casework demo
	$(BIN)/casework serve --host $(HOST) --port $(PORT)

# The suite on SQLite, then on PostgreSQL when one is reachable; `make test ARGS="-k login"` passes arguments
# to pytest.
test: venv node_modules/.package-lock.json
	scripts/test $(ARGS)

# axe-core for the browser tests' accessibility checks, pinned in package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing (apt-get install npm): the accessibility checks will be skipped" >&2; exit 0; }
	npm ci --no-audit --no-fund

# mypy (django-stubs), check and makemigrations load the settings: give them the development defaults.
lint: export CASEWORK_DEBUG ?= 1
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy casework
	$(BIN)/lint-imports
	$(BIN)/casework check
	$(BIN)/casework makemigrations --check --dry-run

fmt: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The benchmark (bench/run.py): loads generated data into the PostgreSQL database casework_bench (reused when it
# holds the same scale and seed), serves it with `casework serve` and measures with wrk; writes
# bench/results/<date>[-<scale>].md and fails on any error. Needs PostgreSQL (CASEWORK_BENCH_SERVER_URL, default
# postgresql://postgres@127.0.0.1:5432) and wrk (installed with apt-get when missing and run as root; otherwise
# `apt-get install -y wrk`). SCALE=full for 1 000 000 cases; BENCH_ARGS for more options (`--workers 4`,
# `--seconds 20`, `--regenerate`, `--clients 1,8`, `--source ../other-checkout` to serve another checkout's code
# for a before/after comparison).
SCALE ?= small
bench: venv
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
		{ echo "bench needs wrk: apt-get install -y wrk" >&2; exit 2; }
	$(BIN)/python bench/run.py --scale $(SCALE) $(BENCH_ARGS)
