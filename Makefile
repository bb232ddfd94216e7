# Two commands on a fresh machine (Python 3.11+ and make): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.lock | cksum | cut -d' ' -f1)

.PHONY: install run serve seed test lint typecheck check lock clean bench bench-scale client

install: $(STAMP)

$(STAMP): requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	rm -f $(VENV)/.installed-* && touch $@

## Install, migrate, seed and serve on http://127.0.0.1:$PORT (default 8000).
run: install seed serve

seed: install
	$(BIN)/python -m app seed

serve: install
	$(BIN)/python -m app serve

## Install, then lint, type-check and run every test (SQLite and PostgreSQL).
test: install
	bash .ci/ensure-postgres
	bash .ci/ensure-chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app tests
	$(MAKE) client
	$(BIN)/python -m pytest

## TypeScript types from the app's OpenAPI document (openapi-typescript), then type-check the
## openapi-fetch example with tsc and the httpx example with mypy. Needs node and npm.
client: install
	$(BIN)/python -m docs.client.openapi
	cd docs/client && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --silent; }
	cd docs/client && npx --no-install openapi-typescript openapi.json -o schema.d.ts && npx --no-install tsc -p tsconfig.json
	$(BIN)/mypy --strict docs/client/example.py

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy app tests

## Read benchmarks at 100,000 generated events (about 6 minutes on 2 cores; needs wrk and
## taskset): writes bench/RESULTS.md. BENCH_ARGS="--events 1000000" for the large set.
BENCH_ARGS ?= --events 100000 --pairs 3 --seconds 5
bench: install
	$(BIN)/python -m bench.read_bench $(BENCH_ARGS)

## Reads at 1,000,000 events (about 7 minutes; fill the databases first with bench/sqlfill.py,
## see bench/scale_bench.py): adds its section to bench/RESULTS.md, keeping read_bench's.
SCALE_ARGS ?= --sqlite /tmp/scale_1m.db --pairs 3 --seconds 5
bench-scale: install
	$(BIN)/python -m bench.scale_bench $(SCALE_ARGS)

## Re-resolve the pinned, hash-checked lock files after editing pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes -o requirements-dev.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache event_records.db
