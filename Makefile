# make site: build the site from plans/ into site/.  make test: lint, types, tests.
# Both create .venv and install napkit into it on first use.

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help install site serve test lint fmt validate schemas bench clean \
	pr-validate pr-diff pr-codeowners pr-site

# Pull-request checks (each is one step of .github/workflows/pull-request.yml).
SUMMARY ?= /dev/null
BASE ?= main

help:
	@echo "make site      build the site into site/ (validates first)"
	@echo "make serve     preview the site at http://127.0.0.1:8000"
	@echo "make test      lint, type-check and run the tests"
	@echo "make validate  check every plan"
	@echo "make fmt       format Python code and plan files"
	@echo "make schemas   copy the package's schemas to schema/"
	@echo "make pr-validate pr-diff pr-codeowners pr-site   the pull-request checks"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

validate: $(STAMP)
	$(BIN)/nap validate

site: $(STAMP)
	$(BIN)/nap build

serve: $(STAMP)
	$(BIN)/nap serve --dev-addr 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/nap fmt --check

test: lint
	$(BIN)/pytest

fmt: $(STAMP)
	$(BIN)/ruff format src tests scripts
	$(BIN)/ruff check --fix src tests scripts
	$(BIN)/nap fmt

pr-validate: $(STAMP)
	$(BIN)/nap validate --format github --summary "$(SUMMARY)"

pr-diff: $(STAMP)
	$(BIN)/nap diff "$(BASE)" HEAD >> "$(SUMMARY)"

pr-codeowners: $(STAMP)
	$(BIN)/nap codeowners --check

pr-site: $(STAMP)
	$(BIN)/nap build

schemas:
	cp src/napkit/schemas/*.schema.json schema/

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache
