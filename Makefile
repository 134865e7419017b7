# make run   set up everything (system packages, .venv, migrations) and serve on MEISHI_HOST:MEISHI_PORT
# make test  set up everything the tests need and run lint, import rules and the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test test-fast test-multiprocess setup setup-test lint bench bench-docs bench-honest bench-honest-docs bench-scale bench-load constraints clean openapi-snapshot train-models

run: setup
	$(BIN)/meishi serve

test: setup-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

# The fast lane while working: no Tesseract, browser, Redis or PostgreSQL (SQLite only); `make test` runs all.
FAST := not slow and not browser and not redis and not postgresql and not multiprocess
test-fast: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -q -m "$(FAST)"

setup: $(VENV)/.run-installed
	@bash scripts/install-system-deps.sh

setup-test: $(VENV)/.test-installed
	@bash scripts/install-system-deps.sh --test
	@bash scripts/install-test-assets.sh

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-installed: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/pip install -q -c constraints.txt -e '.[rapidocr]'
	@bash scripts/headless-opencv.sh $(BIN)/pip
	@touch $@

$(VENV)/.test-installed: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/pip install -q -c constraints.txt -e '.[rapidocr,test,bench]'
	@bash scripts/headless-opencv.sh $(BIN)/pip
	@touch $@ $(VENV)/.run-installed

lint: setup-test
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports --no-cache

# After a deliberate change to the /v1 API: commit the new schema the compatibility test compares against.
openapi-snapshot: setup-test
	$(BIN)/python scripts/openapi_snapshot.py

# The reader's accuracy and speed: figures to benchmarks/results/reader.json, docs/benchmarks.md rendered from them.
bench: setup-test
	$(BIN)/python -m benchmarks.run --json-out benchmarks/results/reader.json
	$(BIN)/python -m benchmarks.docs

bench-docs: setup-test
	$(BIN)/python -m benchmarks.docs

# The honest figures (issue 12): real cards by cross-validation, no region hint, fresh generator seeds, speed.
bench-honest: setup-test
	$(BIN)/python -m benchmarks.honest --refresh --json-out benchmarks/results/honest.json
	$(BIN)/python -m benchmarks.honest_docs

bench-honest-docs: setup-test
	$(BIN)/python -m benchmarks.honest_docs

# Several API processes and workers on PostgreSQL, Redis and moto's S3 server (also part of `make test`).
test-multiprocess: setup-test
	$(BIN)/pytest -m multiprocess

# Service benchmarks (loopback only, bounded): print figures, write benchmarks/results/*.json and docs/benchmarks/.
bench-scale: setup-test
	$(BIN)/python -m benchmarks.data_scale

bench-load: setup-test
	$(BIN)/python -m benchmarks.load

# After a deliberate upgrade (pip install -U ... in the venv, tests and benchmarks re-run): pin what was measured.
constraints: setup-test
	{ sed -n '1,2p' constraints.txt; $(BIN)/pip freeze --exclude-editable | grep -v '^-e'; } > constraints.tmp
	mv constraints.tmp constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# The line labeller and the confidence model (ocr/models/*.json): read the real cards once (cached in
# benchmarks/out/cache), fit the labeller on generated layouts + real cards (hand vs labeller per field
# chosen by cross-validation), then the confidence model on top (real cards + the generated sets named in
# benchmarks/confidence_data.py, generated and read once into benchmarks/out/cache if absent). Reproducible:
# same cache, same files.
train-models: setup-test
	@test -f benchmarks/out/cache/real.auto.jsonl || $(BIN)/python -m benchmarks.cache --cards ../shared/cards/dev --out benchmarks/out/cache/real.auto.jsonl
	$(BIN)/python -m benchmarks.train_labeller --real-cache benchmarks/out/cache/real.auto.jsonl --use cv
	$(BIN)/python -m benchmarks.train_confidence --real-cache benchmarks/out/cache/real.auto.jsonl
