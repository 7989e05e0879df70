# Two commands matter: `make serve` (preview the site) and `make test` (the whole test suite).
# Both create .venv and install the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test schema new clean

$(BIN)/mkdocs: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

serve: $(BIN)/mkdocs  ## build and serve the site on http://127.0.0.1:8000, rebuilding on every edit
	$(BIN)/mkdocs serve --strict

build: $(BIN)/mkdocs  ## the published build: strict, into site/
	$(BIN)/mkdocs build --strict

check: $(BIN)/mkdocs  ## validate data/ without building the site
	$(BIN)/python -m macros check data

test: $(BIN)/mkdocs  ## every test: unit, build, hostile input, browser
	$(BIN)/python -m pytest

schema: $(BIN)/mkdocs  ## rewrite the JSON Schemas in schema/ after changing macros/schema.py
	$(BIN)/python -m macros schema

new: $(BIN)/mkdocs  ## start a record from its template: make new KIND=statement ID=aliyev-2026-01-05-mandate
	@test -n "$(KIND)" -a -n "$(ID)" || { echo "usage: make new KIND=<kind> ID=<id>, e.g. make new KIND=statement ID=aliyev-2026-01-05-mandate" >&2; exit 2; }
	$(BIN)/python -m macros new "$(KIND)" "$(ID)"

clean:
	rm -rf site $(VENV) .pytest_cache
