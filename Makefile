# The README's commands. Everything installs into .venv/ from pinned versions.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UV := uv==0.13.9

.PHONY: site test serve edit check clean lock bench engine-check federation-example

$(STAMP): pyproject.toml requirements.lock builder/search/pagefind_install.py builder/editor/cms_install.py tests/axe.py
	$(PYTHON) -m venv $(VENV)
	# uv installs the complete lock (pip freeze: nothing to resolve) in parallel: 4 s where pip took 19.
	# Compiled ahead (8 s more): a shell with PYTHONDONTWRITEBYTECODE=1 otherwise recompiles MkDocs,
	# Material and pydantic in every build the tests start, 60 s of a 155 s suite.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(UV)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --compile-bytecode -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	$(BIN)/python -m builder.search.pagefind_install
	$(BIN)/python -m builder.editor.cms_install
	$(BIN)/python -m tests.axe
	touch $(STAMP)

## Build the example portal into site/ (atomically: a failed build leaves site/ as it was).
site: $(STAMP)
	$(BIN)/portal build

## The example federation (issue 32) into site-federation/: a province portal at the root over two member
## portals in their own sub-folders, each built on its own from the example content split by locality.
federation-example: $(STAMP)
	$(BIN)/python scripts/federation_example.py

## Run the whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

## Live preview on http://127.0.0.1:8000, rebuilding when campaigns/ or content/ change.
serve: $(STAMP)
	$(BIN)/portal serve

## The form editor on http://127.0.0.1:8081/admin/ (no account, no internet), with the preview on :8000.
edit: $(STAMP)
	$(BIN)/portal edit

## Validate the content without building.
check: $(STAMP)
	$(BIN)/portal check

clean:
	rm -rf site .site-* .site.lock .portal-cache site-federation $(VENV) .venv-properdocs

## Re-pin the dependency tree after changing pyproject.toml.
lock:
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -e '^campaign-portal-builder' -e '^pip==' -e '^uv==' > requirements.lock

## Build synthetic portals of about 100, 1,000, 10,000 and 15,000 pages (a commune's, a province's and
## national portals: the locality registry grows with them) and compare each with as many pages of bare
## mkdocs-material; then time `portal serve` on 1,000 pages, from saving a campaign to the preview showing it.
bench: $(STAMP)
	$(BIN)/python -m bench.build_bench --sizes 100 1000 10000 15000
	$(BIN)/python -m bench.serve_bench --pages 1000

## Build the example with ProperDocs (the maintained MkDocs 1.x fork) beside MkDocs and compare the sites
## (docs/platform.md). Its own venv: the project's pins plus ProperDocs, so .venv/ is untouched.
PROPERDOCS := properdocs==1.6.7
engine-check: $(STAMP)
	test -x .venv-properdocs/bin/python || $(PYTHON) -m venv .venv-properdocs
	.venv-properdocs/bin/python -m pip install --quiet -r requirements.lock $(PROPERDOCS)
	.venv-properdocs/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	.venv-properdocs/bin/python -m pip uninstall --quiet --yes mkdocs  # every mkdocs.* import must be served by ProperDocs
	test ! -x $(BIN)/pagefind || cp $(BIN)/pagefind .venv-properdocs/bin/pagefind  # the npm build, where it was installed
	$(BIN)/python scripts/engine_check.py $(BIN)/python .venv-properdocs/bin/python
