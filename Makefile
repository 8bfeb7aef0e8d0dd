# The README's commands. Everything installs into .venv/ from pinned versions.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve check clean lock bench

$(STAMP): pyproject.toml requirements.lock builder/search/pagefind_install.py tests/axe.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m builder.search.pagefind_install
	$(BIN)/python -m tests.axe
	touch $(STAMP)

## Build the example portal into site/ (atomically: a failed build leaves site/ as it was).
site: $(STAMP)
	$(BIN)/portal build

## Run the whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q

## Live preview on http://127.0.0.1:8000, rebuilding when campaigns/ or content/ change.
serve: $(STAMP)
	$(BIN)/portal serve

## Validate the content without building.
check: $(STAMP)
	$(BIN)/portal check

clean:
	rm -rf site .site-* .site.lock .portal-cache $(VENV)

## Re-pin the dependency tree after changing pyproject.toml.
lock:
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -e '^campaign-portal-builder' -e '^pip==' > requirements.lock

## Build synthetic portals of about 100, 1,000, 10,000 and 15,000 pages (a commune's, a province's and
## national portals: the locality registry grows with them) and compare each with as many pages of bare
## mkdocs-material; then time `portal serve` on 1,000 pages, from saving a campaign to the preview showing it.
bench: $(STAMP)
	$(BIN)/python -m bench.build_bench --sizes 100 1000 10000 15000
	$(BIN)/python -m bench.serve_bench --pages 1000

