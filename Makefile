# nextround: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck contracts pytest bench screenshots mutation fuzz system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q src  # start-up: even where PYTHONDONTWRITEBYTECODE is set
	touch $(STAMP)

## run: set up, then serve the web app on http://127.0.0.1:8000 and open it in the browser
run: $(STAMP)
	@echo "nextround is installed in $(VENV); the command line is $(BIN)/nextround."
	@$(BIN)/nextround serve --open

## test: install what the tests need, then lint, type checks, import contracts, the suite
test: $(STAMP) system-deps lint typecheck contracts pytest

system-deps:
	@scripts/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

## bench: build the large benchmark database, time `nextround today`, load the web app with wrk,
##        and each main page on the demo data beside a bare endpoint,
##        time write commands beside Taskwarrior, time large imports,
##        and the hosted load: 10,000 users with 2 million tasks on PostgreSQL
bench: $(STAMP) system-deps
	$(BIN)/python bench/run.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/web_pages.py
	$(BIN)/python bench/writes.py
	$(BIN)/python bench/imports.py
	$(BIN)/python bench/hosted.py

## screenshots: photograph the main pages of the demo (fixed --today) with Debian's chromium,
##              at desktop and phone widths, into docs/screenshots/ (shown in the README)
screenshots: $(STAMP) system-deps
	$(BIN)/python scripts/screenshots.py

## mutation: mutation testing (mutmut) of domain/ and services/ against their SQLite tests (long; not in `make test`)
MUTATION_JOBS ?= 2
mutation: $(STAMP)
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(MUTATION_JOBS)
	$(BIN)/python scripts/mutation_score.py

## fuzz: hostile mail through the parser and classifier, 4 x FUZZ_EXAMPLES cases (100,000 by
##       default; long, not in `make test`, which runs a fixed-seed subset); see docs/mail.md
FUZZ_EXAMPLES ?= 25000
fuzz: $(STAMP)
	NEXTROUND_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:randomly \
		-p no:cacheprovider --hypothesis-show-statistics tests/mail/test_fuzz.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis test-artifacts bench/out mutants
