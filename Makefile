# make site: build the site from plans/ into site/.  make test: lint, types, tests.
# Both create .venv and install napkit into it on first use.

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help install site serve test quick lint audit lock fmt validate schemas catalogues bench clean \
	pr-validate pr-diff pr-codeowners pr-site pr-inbox pr-inbox-commit

# Pull-request checks (each is one step of .github/workflows/pull-request.yml).
SUMMARY ?= /dev/null
BASE ?= main

help:
	@echo "make site      build the site into site/ (validates first)"
	@echo "make serve     preview the site at http://127.0.0.1:8000"
	@echo "make test      lint, type-check and run the tests"
	@echo "make quick     the inner loop: lint and the tests not marked slow (under 30 s)"
	@echo "make bench     every benchmark at its documented size (about an hour);"
	@echo "               make bench BENCH_BASE=REV also times revision REV beside the work tree"
	@echo "make audit     check .github/workflows with zizmor (part of make test)"
	@echo "make lock      update requirements/dev.txt (pins, hashes) from pyproject.toml"
	@echo "make validate  check every plan"
	@echo "make fmt       format Python code and plan files"
	@echo "make schemas   copy the package's schemas to schema/"
	@echo "make catalogues  extract napkit's strings and update the ar and ckb catalogues"
	@echo "make pr-inbox pr-validate pr-diff pr-codeowners pr-site   the pull-request checks"
	@echo "make pr-inbox-commit   commit the converted workbooks to the pull request's branch"

$(STAMP): pyproject.toml requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# The lock: every package pinned with its hashes, for any platform (uv --universal).
# Keeps the current pins; `make lock LOCK_FLAGS=--upgrade` moves all to the newest.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra dev \
		--universal --python-version 3.11 --generate-hashes --quiet \
		--custom-compile-command "make lock" $(LOCK_FLAGS) -o requirements/dev.txt

validate: $(STAMP)
	$(BIN)/nap validate

site: $(STAMP)
	$(BIN)/nap build

serve: $(STAMP)
	$(BIN)/nap serve --dev-addr 127.0.0.1:8000

# The benchmarks at their documented sizes (the defaults of each script); each prints its
# table, and with BENCH_BASE=REV a verdict per figure against that revision's napkit.
BENCH_BASE ?=
BENCH_ARGS := $(if $(BENCH_BASE),--base $(BENCH_BASE))
bench: $(STAMP)
	$(BIN)/python scripts/bench_validate.py $(BENCH_ARGS)
	$(BIN)/python scripts/bench_assemble.py $(BENCH_ARGS)
	$(BIN)/python scripts/bench_history.py $(BENCH_ARGS)
	$(BIN)/python scripts/bench_site.py $(BENCH_ARGS)
	$(BIN)/python scripts/bench_site.py --weight $(BENCH_ARGS)
	$(BIN)/python scripts/bench_workbook.py $(BENCH_ARGS)
	$(BIN)/python scripts/bench_instructions.py $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/nap fmt --check

audit: $(STAMP)
	$(BIN)/zizmor --offline .github/workflows

test: lint audit
	$(BIN)/pytest

# The inner loop: the fast checks and every test not marked slow. make test stays
# the whole suite (what CI runs).
quick: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -q -m "not slow"

fmt: $(STAMP)
	$(BIN)/ruff format src tests scripts
	$(BIN)/ruff check --fix src tests scripts
	$(BIN)/nap fmt

# Workbooks uploaded into inbox/ in a pull request. pr-inbox converts them into plan
# files in the work tree (so the checks after it see the plans) and writes the change
# as a patch; a fork's (FORK=true) are only checked, since its branch cannot be written
# to. pr-inbox-commit, in the job that may write, commits that patch to the branch
# (plans/ and inbox/ only), pushes it, and starts the checks again on the new commit
# (a push with the job's token starts no workflow; a workflow_dispatch does).
INBOX ?= inbox
FORK ?= false
PATCH ?= inbox.patch
OUTPUT ?= /dev/null
BRANCH ?=
REMOTE ?= origin
DISPATCH ?= gh workflow run pull-request.yml --ref
BOT := github-actions[bot]
BOT_EMAIL := 41898282+github-actions[bot]@users.noreply.github.com

pr-inbox: $(STAMP)
	@if [ -d "$(INBOX)" ]; then \
	  $(BIN)/nap import "$(INBOX)" --format github --summary "$(SUMMARY)" \
	    $(if $(filter true,$(FORK)),--fork,--remove); \
	fi
	@git add --intent-to-add -- plans
	@git diff --binary HEAD -- plans "$(INBOX)" > "$(PATCH)"
	@if [ -s "$(PATCH)" ]; then echo "converted=true" >> "$(OUTPUT)"; fi

pr-inbox-commit:
	git apply --index --include='plans/*' --include='$(INBOX)/*' "$(PATCH)"
	GIT_AUTHOR_NAME="$(BOT)" GIT_AUTHOR_EMAIL="$(BOT_EMAIL)" \
	  GIT_COMMITTER_NAME="$(BOT)" GIT_COMMITTER_EMAIL="$(BOT_EMAIL)" \
	  git commit -q -m "Convert the workbooks uploaded to $(INBOX)/ into plan files (nap import)"
	git push "$(REMOTE)" "HEAD:refs/heads/$(BRANCH)"
	$(DISPATCH) "$(BRANCH)"

pr-validate: $(STAMP)
	$(BIN)/nap validate --format github --summary "$(SUMMARY)"
	$(BIN)/nap fmt --check

pr-diff: $(STAMP)
	$(BIN)/nap diff "$(BASE)" HEAD >> "$(SUMMARY)"

pr-codeowners: $(STAMP)
	$(BIN)/nap codeowners --check

pr-site: $(STAMP)
	$(BIN)/nap build

schemas:
	cp src/napkit/schemas/*.schema.json schema/

# napkit's own words: each language's catalogue brought up to date with the strings
# marked in the code (new ones come in untranslated, and the tests fail until they are
# translated).
catalogues: $(STAMP)
	$(BIN)/python scripts/catalogues.py

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache
