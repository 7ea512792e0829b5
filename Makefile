# Two commands on a fresh machine: `make run` and `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MIRROR ?= $(abspath ../shared/data)
export UNTALLY_MIRROR ?= $(MIRROR)
export UNTALLY_HOME ?= $(abspath .untally)

.PHONY: run test lint bench install clean browser

$(BIN)/untally: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/untally

## Set everything up, sync the record from the mirror if there is none, print what is loaded,
## a first answer and a checked article, then serve the explorer on 127.0.0.1 (Ctrl-C stops).
HOST ?= 127.0.0.1
PORT ?= 8000
run: install
	$(BIN)/untally sync --if-missing
	$(BIN)/untally info
	$(BIN)/untally vetoes --member USA --since 2011-01-01
	$(BIN)/untally outcome --yes 14 --no 1 --no-from USA --date 2020-08-31
	$(BIN)/untally check tests/claims_corpus/01-us-veto-record.txt
	$(BIN)/untally serve --host $(HOST) --port $(PORT)

## Set everything up and run the whole test suite (lint and type check included).
# The browser tests drive Debian's Chromium (Playwright's own browser download needs internet).
browser:
	@[ -x /usr/bin/chromium ] || (apt-get update -qq && apt-get install -y -qq chromium)

test: install browser
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/pytest -q

bench: install
	$(BIN)/python benchmarks/bench_sync.py --markdown
	$(BIN)/python benchmarks/bench_vetoes.py --markdown
	$(BIN)/python benchmarks/bench_us.py --markdown
	$(BIN)/python benchmarks/bench_ga.py
	$(BIN)/python benchmarks/bench_claims.py --markdown
	$(BIN)/python benchmarks/score_devset.py --markdown --misses
	$(BIN)/python benchmarks/bench_claims_large.py --markdown
	$(BIN)/python benchmarks/bench_api.py --markdown
	$(BIN)/python benchmarks/bench_export.py --markdown

clean:
	rm -rf $(VENV) .untally .pytest_cache .ruff_cache .mypy_cache
